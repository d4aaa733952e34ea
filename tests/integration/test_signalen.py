"""Signalen on an allocated dossier: raise, follow up, automatic
escalation at 2 months (I-7.3), no obligation after the engagement (I-7.4), the steps of I-7.3a."""
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from sqlalchemy import select

from caseflow import clock
from caseflow.errors import Ongeldig
from caseflow.extensions import db
from caseflow.models import AuditEvent, Signaal
from caseflow.services import signalen
from tests.builders import advance, fresh, login, new_dossier
from workflows.base import TransitieGeweigerd


@pytest.fixture
def huurder(world):
    d = new_dossier(world.hv, world.woonboog)
    advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen", "toewijzen",
            "zonder_begeleiding_opvolgen", hv=world.hv, hb=world.hb)
    return fresh(d)


def sg() -> Signaal:
    db.session.expire_all()
    return db.session.scalars(select(Signaal)).one()


def test_two_months_of_arrears_escalate_automatically_I_7_3(world, huurder):
    signalen.melden(world.hb, huurder.id, huurder.version_id, "huurachterstand",
                    "Huur oktober en november niet betaald", Decimal("1100.00"), 2)
    s = sg()
    assert (s.status, s.verplicht, s.aangevraagd_op) == ("aanvraag", True, clock.vandaag())
    assert s.coordinator_verwittigd_op == clock.vandaag()
    assert db.session.scalar(select(AuditEvent.id).where(
        AuditEvent.actie == "signaal_automatisch_geescaleerd")) is not None


def test_one_month_stays_a_signaal_until_requested(world, huurder):
    signalen.melden(world.hb, huurder.id, huurder.version_id, "huurachterstand", "September",
                    Decimal("550"), 1)
    assert sg().status == "gemeld"
    signalen.stap(world.hb, huurder.id, sg().id, sg().version_id, "aanvragen")
    assert sg().status == "aanvraag" and sg().verplicht


def test_follow_up_by_the_welzijnsorganisatie_and_roles(world, huurder):
    signalen.melden(world.hb, huurder.id, huurder.version_id, "overlast", "Lawaai 's nachts")
    signalen.stap(world.hb, huurder.id, sg().id, sg().version_id, "aanvragen")
    from caseflow.errors import NietToegestaan as Forbidden

    with pytest.raises(Forbidden):  # the huurbegeleider does not acknowledge for CAW
        signalen.stap(world.hb, huurder.id, sg().id, sg().version_id, "erkennen")
    for trigger in ("erkennen", "contact_leggen", "casusoverleg_houden", "oplossen"):
        signalen.stap(world.hv, huurder.id, sg().id, sg().version_id, trigger)
    assert sg().status == "opgelost"


def test_no_obligation_after_the_engagement_I_7_4(world, huurder):
    einde = huurder.toewijzing.engagement_einde
    with time_machine.travel(einde + timedelta(days=1), tick=False):
        signalen.melden(world.hb, huurder.id, fresh(huurder).version_id, "huurachterstand",
                        "Na het engagement", Decimal("2000"), 3)
        assert sg().status == "gemeld" and not sg().verplicht
        with pytest.raises(TransitieGeweigerd) as e:
            signalen.stap(world.hb, huurder.id, sg().id, sg().version_id, "aanvragen")
        assert "I-7.4" in e.value.redenen[0]


def test_missed_deadline_allows_escalation(world, huurder):
    signalen.melden(world.hb, huurder.id, huurder.version_id, "onderhoud", "Vocht, schimmel")
    signalen.stap(world.hb, huurder.id, sg().id, sg().version_id, "aanvragen")
    with pytest.raises(TransitieGeweigerd):
        signalen.stap(world.hb, huurder.id, sg().id, sg().version_id, "escaleren")
    termijn = signalen.volgende_termijn(sg(), fresh(huurder))
    assert termijn[0] == "erkennen"
    with time_machine.travel(termijn[1] + timedelta(days=1), tick=False):
        signalen.stap(world.hb, huurder.id, sg().id, sg().version_id, "escaleren")
    assert sg().status == "geescaleerd"


def test_arrears_need_amount_and_months(world, huurder):
    with pytest.raises(Ongeldig) as e:
        signalen.melden(world.hb, huurder.id, huurder.version_id, "huurachterstand", "x")
    assert {"bedrag", "maanden"} <= set(e.value.fouten)
    assert db.session.scalars(select(Signaal)).all() == []


def test_through_the_page_with_escalation_steps(client, world, huurder):
    login(client, world.hb)
    response = client.post(f"/dossiers/{huurder.id}/formulier/signaal", data={
        "signaal-version_id": str(huurder.version_id), "signaal-soort": "huurachterstand",
        "signaal-bedrag": "1.234,50", "signaal-maanden": "2",
        "signaal-toelichting": "Twee maanden niet betaald"})
    assert response.status_code == 302
    s = sg()
    oud = s.version_id
    assert s.bedrag == Decimal("1234.50") and s.status == "aanvraag"
    page = client.get(f"/dossiers/{huurder.id}").get_data(as_text=True)
    assert "Volgende termijn" in page and "Coördinator verwittigd" in page
    response = client.post(f"/dossiers/{huurder.id}/signalen/{s.id}/escalatiestap", data={
        f"e{s.id}-version_id": str(s.version_id), f"e{s.id}-stap": "aangetekende_brief",
        f"e{s.id}-datum": clock.vandaag().isoformat()})
    assert response.status_code == 302
    assert [st.stap for st in sg().stappen] == ["aangetekende_brief"]
    client.post("/afmelden")
    login(client, world.hv)
    response = client.post(f"/dossiers/{huurder.id}/signalen/{s.id}/erkennen",
                           data={f"s{s.id}-version_id": str(sg().version_id)})
    assert response.status_code == 302 and sg().status == "erkend"
    stale = client.post(f"/dossiers/{huurder.id}/signalen/{s.id}/contact_leggen",
                        data={f"s{s.id}-version_id": str(oud)})
    assert stale.status_code == 409 and sg().status == "erkend"
