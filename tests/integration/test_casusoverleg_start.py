"""Casusoverleg with action items (I-6.5a) and the start pages per role."""
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from caseflow import clock
from caseflow.errors import Ongeldig
from caseflow.extensions import db
from caseflow.models import Actiepunt, Casusoverleg
from caseflow.services import casusoverleg, signalen
from tests.builders import advance, fresh, login, new_dossier


@pytest.fixture
def huurder(world):
    d = new_dossier(world.hv, world.woonboog)
    advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen", "toewijzen",
            "zonder_begeleiding_opvolgen", hv=world.hv, hb=world.hb)
    return fresh(d)


def test_casusoverleg_with_action_items_on_the_owners_start_page(client, world, huurder):
    vandaag = clock.vandaag()
    o = casusoverleg.registreren(world.hb, huurder.id, huurder.version_id,
                                 vandaag - timedelta(days=2), "signaal",
                                 "CAW (An), Woonboog (Tom)", "Afbetalingsplan besproken",
                                 "Plan van 50 euro per maand")
    casusoverleg.actiepunt_toevoegen(world.hb, huurder.id, fresh(huurder).version_id, o.id,
                                     "Budgetbegeleiding opstarten", world.hv.id,
                                     vandaag - timedelta(days=1))
    with pytest.raises(Ongeldig):  # the owner is one of the partners on the dossier
        casusoverleg.actiepunt_toevoegen(world.hb, huurder.id, fresh(huurder).version_id, o.id,
                                         "x", world.hv_ocmw.id, vandaag)
    login(client, world.hv)
    page = client.get("/start").get_data(as_text=True)
    assert "Budgetbegeleiding opstarten" in page and "te laat" in page
    punt = db.session.scalars(select(Actiepunt)).one()
    response = client.post(f"/dossiers/{huurder.id}/actiepunt/{punt.id}/gedaan")
    assert response.status_code == 302
    assert "Budgetbegeleiding opstarten" not in client.get("/start").get_data(as_text=True)


def test_casusoverleg_form_through_the_page(client, world, huurder):
    login(client, world.hv)
    bad = client.post(f"/dossiers/{huurder.id}/formulier/casusoverleg", data={
        "casusoverleg-version_id": str(huurder.version_id), "casusoverleg-reden": "x"})
    assert bad.status_code == 422
    ok = client.post(f"/dossiers/{huurder.id}/formulier/casusoverleg", data={
        "casusoverleg-version_id": str(huurder.version_id),
        "casusoverleg-datum": clock.vandaag().isoformat(), "casusoverleg-reden": "periodiek",
        "casusoverleg-deelnemers": "CAW, Woonboog", "casusoverleg-toelichting": "Gaat goed"})
    assert ok.status_code == 302
    assert db.session.scalars(select(Casusoverleg)).one().reden == "periodiek"


def test_start_pages_show_what_waits(client, world, huurder):
    signalen.melden(world.hb, huurder.id, huurder.version_id, "huurachterstand", "Achterstand",
                    Decimal("900"), 2)
    login(client, world.hv)
    page = client.get("/start").get_data(as_text=True)
    assert huurder.nummer in page and "erkennen uiterlijk" in page
    client.post("/afmelden")
    login(client, world.hb)
    assert huurder.nummer in client.get("/start").get_data(as_text=True)
    client.post("/afmelden")
    login(client, world.hv_ocmw)
    assert huurder.nummer not in client.get("/start").get_data(as_text=True)
