"""Configuration with an effective date: coördinator views, beheerder adds (I-4.2a, R-4.2b)."""
import json
from datetime import date
from decimal import Decimal

from caseflow.services import wegingskader
from tests.conftest import login


def test_coordinator_views_beheerder_adds_a_leefloon_version(client, world):
    login(client, world.coord)
    page = client.get("/instellingen/").get_data(as_text=True)
    assert "1214.13" in page and "I-4.2a" in page and "Nieuwe versie" not in page
    assert client.post("/instellingen/", data={}).status_code in (200, 422)
    client.post("/afmelden")
    login(client, world.beheerder)
    data = {"sleutel": "leefloon", "ingangsdatum": "2026-03-01",
            "waarde": json.dumps({"alleenstaande": "1340.49", "gezinslast": "1811.59"}),
            "toelichting": "Indexering"}
    vraag = client.post("/instellingen/", data=data)  # retroactive: asked to confirm
    assert vraag.status_code == 422 and "terugwerkende kracht" in vraag.get_data(as_text=True)
    assert client.post("/instellingen/", data=data | {"bevestigd": "y"}).status_code == 302
    limieten = wegingskader.limieten(date(2026, 3, 1))
    assert limieten.leefloon["alleenstaande"] == Decimal("1340.49")
    assert "leefloon 01/03/2026" in limieten.versie
    assert wegingskader.limieten(date(2026, 2, 28)).leefloon["alleenstaande"] == \
        Decimal("1314.20")
    dup = client.post("/instellingen/", data=data)
    assert dup.status_code == 422 and "al een versie" in dup.get_data(as_text=True)
    bad = client.post("/instellingen/", data=data | {"ingangsdatum": "2026-04-01",
                                                      "waarde": "{niet json"})
    assert bad.status_code == 422 and "geen geldige JSON" in bad.get_data(as_text=True)
    wrong = client.post("/instellingen/", data=data | {"ingangsdatum": "2026-04-01",
                                                        "waarde": '{"alleenstaande": "x"}'})
    assert wrong.status_code == 422 and "Ongeldige waarde" in wrong.get_data(as_text=True)


def test_hulpverlener_sees_no_settings(client, world):
    login(client, world.hv)
    assert client.get("/instellingen/").status_code == 403
