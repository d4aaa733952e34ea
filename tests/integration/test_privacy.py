"""Notes and consent (R-9.1, I-9.2): a huurbegeleider never sees an intern note, nor anything
beyond the toewijzing without consent; another organisation sees nothing."""
import pytest

from caseflow import clock
from caseflow.services import privacy
from tests.builders import advance, fresh, login, new_dossier


@pytest.fixture
def dossier(world):
    d = new_dossier(world.hv, world.woonboog, woonnood="ggz")
    advance(d, "attest_voorbereiden", "attest_uitreiken", hv=world.hv, hb=world.hb)
    privacy.notitie_toevoegen(world.hv, d.id, fresh(d).version_id,
                              "Psychiatrische opname in 2024", "intern")
    privacy.notitie_toevoegen(world.hv, d.id, fresh(d).version_id,
                              "Huisbezoek gepland op dinsdag", "gedeeld")
    return fresh(d)


def page(client, d) -> str:
    return client.get(f"/dossiers/{d.id}").get_data(as_text=True)


def test_huurbegeleider_without_consent_sees_only_the_toewijzing(client, world, dossier):
    login(client, world.hb)
    html = page(client, dossier)
    assert "Psychiatrische opname" not in html  # intern: never
    assert "Huisbezoek gepland" not in html     # gedeeld: only with consent
    assert "geestelijk gezondheidsprobleem" not in html  # woonnood detail
    assert "€\xa01.250,00" not in html                       # income
    assert "enkel met toestemming" in html
    assert "Peeters" in html  # what the toewijzing needs: who, household, contact


def test_with_consent_the_shared_note_and_details_but_never_intern(client, world, dossier):
    privacy.toestemming_registreren(world.hv, dossier.id, dossier.version_id, clock.vandaag(),
                                    "Woonnood, inkomen en gedeelde notities")
    login(client, world.hb)
    html = page(client, dossier)
    assert "Huisbezoek gepland" in html and "€\xa01.250,00" in html
    assert "Psychiatrische opname" not in html
    client.post("/afmelden")
    privacy.toestemming_intrekken(world.hv, dossier.id, fresh(dossier).version_id)
    login(client, world.hb)
    assert "Huisbezoek gepland" not in page(client, dossier)  # revocable


def test_own_organisation_sees_both_other_organisation_nothing(client, world, dossier):
    login(client, world.hv2)
    html = page(client, dossier)
    assert "Psychiatrische opname" in html and "Huisbezoek gepland" in html
    client.post("/afmelden")
    login(client, world.hv_ocmw)
    assert client.get(f"/dossiers/{dossier.id}").status_code == 404
    client.post("/afmelden")
    login(client, world.coord_regio)  # sees the dossier, is no partner: no notes
    html = page(client, dossier)
    assert "Psychiatrische opname" not in html and "Huisbezoek gepland" not in html


def test_printable_score_without_consent_hides_the_why(client, world, dossier):
    login(client, world.hb)
    html = client.get(f"/dossiers/{dossier.id}/score").get_data(as_text=True)
    assert "details enkel met toestemming" in html and "1.250,00" not in html


def test_consent_and_notes_through_the_page(client, world, dossier):
    login(client, world.hv)
    bad = client.post(f"/dossiers/{dossier.id}/formulier/notitie", data={
        "notitie-version_id": str(dossier.version_id), "notitie-zichtbaarheid": "gedeeld",
        "notitie-toelichting": "<script>x</script>"})
    assert bad.status_code == 422
    ok = client.post(f"/dossiers/{dossier.id}/formulier/toestemming", data={
        "toestemming-version_id": str(dossier.version_id),
        "toestemming-datum": clock.vandaag().isoformat(),
        "toestemming-toelichting": "Inkomen en woonnood"})
    assert ok.status_code == 302
    assert "De cliënt gaf op" in page(client, dossier)
    client.post("/afmelden")
    login(client, world.hb)
    assert client.post(f"/dossiers/{dossier.id}/formulier/toestemming", data={}).status_code \
        == 403
