"""The begeleidingsovereenkomst between the two parties (R-6.2), through services and pages."""
from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from sqlalchemy import select

from caseflow import clock
from caseflow.errors import Ongeldig
from caseflow.extensions import db
from caseflow.models import Begeleidingsovereenkomst, BOVoorstel
from caseflow.services import begeleiding
from tests.builders import advance, fresh, login, new_dossier
from workflows.base import TransitieGeweigerd


@pytest.fixture
def toegewezen(world):
    d = new_dossier(world.hv, world.woonboog, pijler=3)
    advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen", "toewijzen",
            hv=world.hv, hb=world.hb)
    return fresh(d)


def bo() -> Begeleidingsovereenkomst:
    db.session.expire_all()
    return db.session.scalars(select(Begeleidingsovereenkomst)).one()


def test_proposed_by_one_signed_by_the_other(world, toegewezen):
    d = toegewezen
    begeleiding.voorstellen(world.hb, d.id, d.version_id, clock.vandaag())
    assert bo().status == "voorgesteld" and fresh(d).status == "toegewezen"
    with pytest.raises(TransitieGeweigerd):  # the proposer cannot sign for the other party
        begeleiding.beslissen(world.hb, d.id, fresh(d).version_id, True)
    begeleiding.beslissen(world.hv, d.id, fresh(d).version_id, True)
    vandaag = clock.vandaag()
    assert bo().status == "actief" and bo().geplande_einddatum == vandaag + relativedelta(
        years=1)
    assert fresh(d).status == "begeleiding"


def test_refused_signature(world, toegewezen):
    d = toegewezen
    begeleiding.voorstellen(world.hv, d.id, d.version_id, clock.vandaag())
    begeleiding.beslissen(world.hb, d.id, fresh(d).version_id, False, "Eerst casusoverleg")
    assert bo().status == "geweigerd" and fresh(d).status == "toegewezen"
    assert bo().voorstellen[0].beslissing_reden == "Eerst casusoverleg"


def test_extension_refused_then_accepted_by_the_other_party(world, toegewezen):
    d = toegewezen
    advance(d, "begeleiding_starten", hv=world.hv, hb=world.hb)
    nieuw = bo().geplande_einddatum + timedelta(days=180)
    begeleiding.wijziging_voorstellen(world.hv, d.id, fresh(d).version_id, "verlengen", nieuw,
                                      "Schulden nog niet op orde")
    with pytest.raises(TransitieGeweigerd):  # a second proposal while one waits
        begeleiding.wijziging_voorstellen(world.hb, d.id, fresh(d).version_id, "verkorten",
                                          clock.vandaag(), "x")
    begeleiding.beslissen(world.hb, d.id, fresh(d).version_id, False, "Nog niet nodig")
    assert bo().geplande_einddatum != nieuw
    begeleiding.wijziging_voorstellen(world.hv, d.id, fresh(d).version_id, "verlengen", nieuw,
                                      "Opnieuw")
    begeleiding.beslissen(world.hb, d.id, fresh(d).version_id, True)
    assert bo().geplande_einddatum == nieuw and bo().status == "actief"
    assert [v.status for v in bo().voorstellen] == ["aanvaard", "geweigerd", "aanvaard"]


def test_a_proposal_by_someone_who_is_not_a_party(world, toegewezen):
    d = toegewezen
    advance(d, "begeleiding_starten", hv=world.hv, hb=world.hb)
    regio = world.coord_regio  # sees every dossier, but is neither party
    with pytest.raises(TransitieGeweigerd) as e:
        begeleiding.wijziging_voorstellen(regio, d.id, fresh(d).version_id, "verkorten",
                                          clock.vandaag(), "x")
    assert "geen partij" in e.value.redenen[0]
    assert db.session.scalars(select(BOVoorstel)).all()[-1].soort == "ondertekenen"


def test_bad_dates_and_early_end(world, toegewezen):
    d = toegewezen
    advance(d, "begeleiding_starten", hv=world.hv, hb=world.hb)
    with pytest.raises(Ongeldig):
        begeleiding.wijziging_voorstellen(world.hv, d.id, fresh(d).version_id, "verlengen",
                                          clock.vandaag(), "x")
    with pytest.raises(TransitieGeweigerd) as e:
        begeleiding.beeindigen(world.hv, d.id, fresh(d).version_id, clock.vandaag())
    assert "verkorting" in e.value.redenen[0]
    assert bo().status == "actief"


def test_end_returns_the_dossier_to_aanklampend(world, toegewezen):
    import time_machine

    d = toegewezen
    advance(d, "begeleiding_starten", hv=world.hv, hb=world.hb)
    einde = bo().geplande_einddatum
    with time_machine.travel(einde + timedelta(days=1), tick=False):
        begeleiding.evaluatie_starten(world.hb, d.id, fresh(d).version_id)
        begeleiding.beeindigen(world.hb, d.id, fresh(d).version_id, einde)
    assert bo().status == "beeindigd" and bo().einddatum == einde
    assert fresh(d).status == "aanklampend"


def test_through_the_page(client, world, toegewezen):
    d = toegewezen
    login(client, world.hv)
    response = client.post(f"/dossiers/{d.id}/formulier/bo_voorstel", data={
        "bo_voorstel-version_id": str(d.version_id),
        "bo_voorstel-datum": clock.vandaag().isoformat()})
    assert response.status_code == 302
    client.post("/afmelden")
    login(client, world.hb)
    page = client.get(f"/dossiers/{d.id}").get_data(as_text=True)
    assert "Beslissen over het voorstel" in page
    response = client.post(f"/dossiers/{d.id}/formulier/bo_beslissing", data={
        "bo_beslissing-version_id": str(fresh(d).version_id),
        "bo_beslissing-beslissing": "aanvaarden"})
    assert response.status_code == 302 and fresh(d).status == "begeleiding"
    bad = client.post(f"/dossiers/{d.id}/formulier/bo_wijziging", data={
        "bo_wijziging-version_id": str(fresh(d).version_id), "bo_wijziging-soort": "x",
        "bo_wijziging-nieuwe_einddatum": "31/02/2027"})
    assert bad.status_code == 422


def test_mijn_huurders_lists_tenants_with_engagement_and_open_actions(client, world, toegewezen):
    d = toegewezen
    begeleiding.voorstellen(world.hv, d.id, d.version_id, clock.vandaag())
    login(client, world.hb)
    page = client.get("/huurders").get_data(as_text=True)
    assert d.nummer in page
    assert "wacht op uw antwoord" in page
    vandaag = clock.vandaag()
    assert (vandaag + relativedelta(years=2)).strftime("%d/%m/%Y") in page
    client.post("/afmelden")
    login(client, world.hb_leefgoed)
    assert d.nummer not in client.get("/huurders").get_data(as_text=True)
    client.post("/afmelden")
    login(client, world.hv)
    assert client.get("/huurders").status_code == 403
