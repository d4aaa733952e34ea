"""The reminder sweep (issue 6, first step): each reminder once, after downtime too; attesten
lapse through their workflow; missed signaal deadlines reach the coördinator (I-3.4, I-7.3)."""
import json
from datetime import date, timedelta
from decimal import Decimal

import time_machine
from sqlalchemy import select

from caseflow.extensions import db
from caseflow import clock
from caseflow.models import Attest, Notificatie, Signaal
from caseflow.services import casusoverleg, herinneringen, signalen
from tests.conftest import advance, fresh, new_dossier

START = date(2026, 3, 2)


def kandidaat(world):
    with time_machine.travel(START, tick=False):
        d = new_dossier(world.hv, world.woonboog)
        advance(d, "attest_voorbereiden", "attest_uitreiken", hv=world.hv, hb=world.hb)
    return fresh(d)  # attest valid until 02/09/2026


def test_attest_reminder_30_days_before_once_then_lapses_once(world, runner):
    d = kandidaat(world)
    assert herinneringen.verwerk(date(2026, 8, 2)) == {"nieuw": 0, "per_soort": {}}
    assert herinneringen.verwerk(date(2026, 8, 3)) == {"nieuw": 1,
                                                       "per_soort": {"attest_verloopt": 1}}
    assert herinneringen.verwerk(date(2026, 8, 3))["nieuw"] == 0  # twice: nothing twice
    # Downtime: the next sweep only runs long after the lapse, and still catches up.
    assert herinneringen.verwerk(date(2026, 10, 1)) == {"nieuw": 1,
                                                        "per_soort": {"attest_verlopen": 1}}
    assert db.session.scalars(select(Attest)).one().status == "verlopen"
    assert herinneringen.verwerk(date(2026, 10, 2))["nieuw"] == 0
    n = db.session.scalars(select(Notificatie).where(Notificatie.soort == "attest_verlopen")).one()
    assert n.ontvanger_id == world.hv.id and d.nummer in n.tekst
    assert "Peeters" not in n.tekst  # initials only, no sensitive content


def test_action_items_two_days_before_and_overdue(world):
    d = new_dossier(world.hv, world.woonboog)
    o = casusoverleg.registreren(world.hv, d.id, d.version_id, clock.vandaag(), "periodiek",
                                 "CAW", "Overleg", None)
    casusoverleg.actiepunt_toevoegen(world.hv, d.id, fresh(d).version_id, o.id, "Bellen",
                                     world.hv2.id, date(2027, 1, 10))
    assert herinneringen.verwerk(date(2027, 1, 7))["nieuw"] == 0
    assert herinneringen.verwerk(date(2027, 1, 8))["per_soort"] == {"actiepunt_vervalt": 1}
    assert herinneringen.verwerk(date(2027, 1, 11))["per_soort"] == {"actiepunt_te_laat": 1}
    assert herinneringen.verwerk(date(2027, 1, 12))["nieuw"] == 0


def test_missed_signaal_deadline_notifies_the_coordinator_I_7_3(world, runner):
    d = new_dossier(world.hv, world.woonboog)
    advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen", "toewijzen",
            "zonder_begeleiding_opvolgen", hv=world.hv, hb=world.hb)
    signalen.melden(world.hb, d.id, fresh(d).version_id, "huurachterstand", "x",
                    Decimal("900"), 2)
    termijn = signalen.volgende_termijn(db.session.scalars(select(Signaal)).one(), fresh(d))
    with time_machine.travel(termijn[1] + timedelta(days=1), tick=False):
        result = runner.invoke(args=["herinneringen", "verwerk", "--json"])
    assert json.loads(result.stdout) == {"nieuw": 1, "per_soort": {"signaal_termijn": 1}}
    n = db.session.scalars(select(Notificatie)).one()
    assert n.ontvanger_id == world.coord.id  # the coördinator of CAW De Kempen


def test_inbox_unread_count_list_and_mark_read(client, world):
    from tests.conftest import login

    d = kandidaat(world)
    herinneringen.verwerk(date(2026, 8, 3))
    login(client, world.hv)
    page = client.get("/start").get_data(as_text=True)
    assert 'aria-label="1 ongelezen"' in page
    lijst = client.get("/meldingen").get_data(as_text=True)
    assert d.nummer in lijst and "verloopt op 02/09/2026" in lijst
    n = db.session.scalars(select(Notificatie)).one()
    response = client.post(f"/meldingen/{n.id}/gelezen")
    assert response.status_code == 302 and response.headers["Location"] == f"/dossiers/{d.id}"
    assert 'ongelezen"' not in client.get("/start").get_data(as_text=True)
    client.post("/afmelden")
    login(client, world.hv2)
    assert client.post(f"/meldingen/{n.id}/gelezen").status_code == 404
