"""E-mail for notifications through a real SMTP server started by the test
(aiosmtpd on localhost): immediately or in the 07:30 digest, never with dossier content
(I-9.2), and a failing server loses no reminder."""
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import select

from caseflow.extensions import db
from caseflow.models import Gebruiker, Notificatie
from caseflow.services import herinneringen, mail
from tests.builders import advance, fresh, new_dossier
from tests.smtp import vrije_poort

BXL = ZoneInfo("Europe/Brussels")
UTC = ZoneInfo("UTC")


@pytest.fixture
def app_config(smtp):
    return {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": smtp[1], "SMTP_TLS": False,
            "SMTP_FROM": "caseflow@kempen.test", "CASEFLOW_URL": "https://caseflow.kempen.test"}


def voorkeur(g: Gebruiker, waarde: str) -> None:
    db.session.get(Gebruiker, g.id).melding_voorkeur = waarde
    db.session.commit()


def attest_herinnering(world, dag: date):
    """A kandidaat whose attest reminder (30 days before it lapses) falls due on `dag`."""
    with time_machine.travel(datetime(2026, 1, 1, 12, tzinfo=BXL), tick=False):
        d = new_dossier(world.hv, world.woonboog)
        advance(d, "attest_voorbereiden", "attest_uitreiken", hv=world.hv, hb=world.hb)
    from caseflow.models import Attest

    attest = db.session.scalars(select(Attest)).one()
    attest.geldig_tot = dag + timedelta(days=30)
    db.session.commit()
    herinneringen.verwerk(dag)
    return fresh(d)


def verstuur(moment: datetime) -> dict:
    with time_machine.travel(moment, tick=False):
        return mail.verstuur()


def test_immediate_mail_says_what_is_due_with_a_link_and_no_dossier_content_I_9_2(
        world, smtp):
    postbus, _ = smtp
    voorkeur(world.hv, "direct")
    d = attest_herinnering(world, date(2026, 12, 1))
    assert verstuur(datetime(2026, 12, 1, 9, 5, tzinfo=BXL)) == {"verstuurd": 1, "mislukt": 0}
    [bericht] = postbus.berichten
    assert bericht["To"] == world.hv.email and bericht["From"] == "caseflow@kempen.test"
    assert bericht["Subject"] == "Caseflow: Attest verloopt"
    tekst = bericht.get_content()
    assert d.nummer in tekst and "(S.P.)" in tekst and "31/12/2026" in tekst
    assert f"https://caseflow.kempen.test/dossiers/{d.id}" in tekst
    for gevoelig in ("Peeters", "Sarah", d.rijksregisternummer, "1250", "opvang"):
        assert gevoelig not in tekst
    # Sent once: a second run, or the next sweep, sends nothing again.
    assert verstuur(datetime(2026, 12, 1, 9, 10, tzinfo=BXL))["verstuurd"] == 0
    assert len(postbus.berichten) == 1
    assert db.session.scalars(select(Notificatie)).one().gemaild_op is not None


def test_in_app_only_sends_nothing(world, smtp):
    voorkeur(world.hv, "app")
    attest_herinnering(world, date(2026, 12, 1))
    assert verstuur(datetime(2026, 12, 2, 9, tzinfo=BXL))["verstuurd"] == 0
    assert smtp[0].berichten == []


def test_daily_digest_at_0730_brussels_on_the_dst_day_once(world, smtp):
    """28/03/2027 is the spring DST change: 07:30 in Brussels is 05:30 UTC that day."""
    postbus, _ = smtp
    assert fresh_user(world.hv).melding_voorkeur == "digest"
    d = attest_herinnering(world, date(2027, 3, 27))
    from caseflow.models import Actiepunt  # a second notification for the digest
    from caseflow.services import casusoverleg
    with time_machine.travel(datetime(2027, 3, 26, 10, tzinfo=BXL), tick=False):
        o = casusoverleg.registreren(world.hv, d.id, d.version_id, date(2027, 3, 26),
                                     "periodiek", "CAW", "Overleg", None)
        casusoverleg.actiepunt_toevoegen(world.hv, d.id, fresh(d).version_id, o.id, "Bellen",
                                         world.hv.id, date(2027, 3, 29))
    herinneringen.verwerk(date(2027, 3, 27))
    assert db.session.scalars(select(Actiepunt)).one()
    assert verstuur(datetime(2027, 3, 28, 5, 29, tzinfo=UTC))["verstuurd"] == 0  # 07:29 CEST
    assert verstuur(datetime(2027, 3, 28, 5, 30, tzinfo=UTC))["verstuurd"] == 1  # 07:30 CEST
    assert verstuur(datetime(2027, 3, 28, 9, 0, tzinfo=UTC))["verstuurd"] == 0
    [bericht] = postbus.berichten
    assert bericht["Subject"] == "Caseflow: 2 melding(en) op 28/03/2027"
    tekst = bericht.get_content()
    assert "Attest verloopt" in tekst and "Actiepunt vervalt" in tekst
    # The next day: nothing new, no mail.
    assert verstuur(datetime(2027, 3, 29, 7, 45, tzinfo=BXL))["verstuurd"] == 0
    assert fresh_user(world.hv).laatste_digest == date(2027, 3, 29)


def fresh_user(g: Gebruiker) -> Gebruiker:
    db.session.expire_all()
    return db.session.get(Gebruiker, g.id)


def test_a_failing_smtp_server_keeps_the_reminder_and_it_is_sent_later_once(world, smtp):
    postbus, _ = smtp
    voorkeur(world.hv, "direct")
    attest_herinnering(world, date(2026, 12, 1))
    postbus.fout = "451 4.3.0 Tijdelijk probleem"
    t0 = datetime(2026, 12, 1, 9, 0, tzinfo=BXL)
    assert verstuur(t0) == {"verstuurd": 0, "mislukt": 1}
    n = db.session.scalars(select(Notificatie)).one()
    assert n.gemaild_op is None and n.mail_pogingen == 1 and "451" in n.mail_fout
    assert n.gelezen_op is None  # still in the inbox
    postbus.fout = None
    assert verstuur(t0 + timedelta(minutes=2)) == {"verstuurd": 0, "mislukt": 0}  # waits
    assert verstuur(t0 + timedelta(minutes=6)) == {"verstuurd": 1, "mislukt": 0}
    assert verstuur(t0 + timedelta(minutes=30))["verstuurd"] == 0
    assert len(postbus.berichten) == 1


def test_an_unreachable_server_never_stops_the_sweep(world, runner, app):
    voorkeur(world.hv, "direct")
    app.config["SMTP_PORT"] = vrije_poort()  # nobody listens there
    attest_herinnering(world, date(2026, 12, 1))
    with time_machine.travel(datetime(2026, 12, 20, 9, tzinfo=BXL), tick=False):
        kandidaat2 = new_dossier(world.hv2, world.woonboog)
        result = runner.invoke(args=["herinneringen", "verwerk", "--json"])
    import json

    uit = json.loads(result.stdout)
    assert result.exit_code == 0 and uit["mail"]["mislukt"] >= 1
    assert db.session.scalars(select(Notificatie).where(
        Notificatie.ontvanger_id == world.hv.id)).one().mail_pogingen == 1
    assert kandidaat2.id is not None


def test_without_smtp_settings_mails_go_to_the_instance_folder(world, app, tmp_path):
    app.config["SMTP_HOST"] = None
    voorkeur(world.hv, "direct")
    d = attest_herinnering(world, date(2026, 12, 1))
    assert verstuur(datetime(2026, 12, 1, 9, tzinfo=BXL))["verstuurd"] == 1
    [bestand] = list((tmp_path / "instance" / "mail").glob("*.eml"))
    inhoud = bestand.read_text()
    assert d.nummer in inhoud and "Peeters" not in inhoud


def test_the_digest_job_fires_at_0730_brussels_in_summer_and_winter():
    from caseflow.scheduler import digest_trigger

    trigger = digest_trigger()
    dst_dag = trigger.get_next_fire_time(None, datetime(2027, 3, 27, 8, 0, tzinfo=BXL))
    assert dst_dag == datetime(2027, 3, 28, 7, 30, tzinfo=BXL)
    assert dst_dag.utcoffset() == timedelta(hours=2)  # 05:30 UTC, summer time from that night
    assert trigger.get_next_fire_time(None, datetime(2026, 10, 24, 8, tzinfo=BXL)).utcoffset() \
        == timedelta(hours=1)  # 25/10/2026, after the autumn change
