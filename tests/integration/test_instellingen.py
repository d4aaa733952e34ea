"""Configuration with an effective date: coördinator views, beheerder adds (I-4.2a, R-4.2b)."""
from datetime import date
from decimal import Decimal

from caseflow.services import wegingskader
from tests.builders import login


def test_coordinator_views_beheerder_adds_a_leefloon_version(client, world):
    login(client, world.coord)
    page = client.get("/instellingen/").get_data(as_text=True)
    assert "1214.13" in page and "I-4.2a" in page and "Nieuwe versie" not in page
    assert client.post("/instellingen/leefloon", data={}).status_code == 403
    client.post("/afmelden")
    login(client, world.beheerder)
    pagina = client.get("/instellingen/").get_data(as_text=True)
    assert 'name="leefloon-w-alleenstaande" value="1.314,20"' in pagina  # a form, not JSON
    data = {"leefloon-ingangsdatum": "2026-03-01", "leefloon-w-alleenstaande": "1.340,49",
            "leefloon-w-gezinslast": "1811,59", "leefloon-toelichting": "Indexering"}
    vraag = client.post("/instellingen/leefloon", data=data)  # retroactive: asked to confirm
    assert vraag.status_code == 422 and "terugwerkende kracht" in vraag.get_data(as_text=True)
    assert client.post("/instellingen/leefloon",
                       data=data | {"leefloon-bevestigd": "y"}).status_code == 302
    limieten = wegingskader.limieten(date(2026, 3, 1))
    assert limieten.leefloon["alleenstaande"] == Decimal("1340.49")
    assert "leefloon 01/03/2026" in limieten.versie
    assert wegingskader.limieten(date(2026, 2, 28)).leefloon["alleenstaande"] == \
        Decimal("1314.20")
    dup = client.post("/instellingen/leefloon", data=data)
    assert dup.status_code == 422 and "al een versie" in dup.get_data(as_text=True)
    bad = client.post("/instellingen/leefloon", data=data | {
        "leefloon-ingangsdatum": "2027-04-01", "leefloon-w-gezinslast": "veel"})
    tekst = bad.get_data(as_text=True)
    assert bad.status_code == 422 and 'id="leefloon-w-gezinslast-fout">Ongeldig bedrag' in tekst
    assert 'value="veel"' in tekst  # what was typed stays
    toeslagen = client.post("/instellingen/inkomen_toeslagen", data={
        "inkomen_toeslagen-ingangsdatum": "2027-04-01", "inkomen_toeslagen-w-alleenstaande.0.0":
        "400", "inkomen_toeslagen-w-alleenstaande.0.1": "20",
        "inkomen_toeslagen-w-alleenstaande.1.0": "330", "inkomen_toeslagen-w-alleenstaande.1.1":
        "15", "inkomen_toeslagen-w-gezin.0.0": "264", "inkomen_toeslagen-w-gezin.0.1": "20",
        "inkomen_toeslagen-w-gezin.1.0": "462", "inkomen_toeslagen-w-gezin.1.1": "15"})
    assert toeslagen.status_code == 422 and "stijgen" in toeslagen.get_data(as_text=True)


def test_hulpverlener_sees_no_settings(client, world):
    login(client, world.hv)
    assert client.get("/instellingen/").status_code == 403
