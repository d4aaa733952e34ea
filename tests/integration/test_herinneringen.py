"""The reminder sweep. Time moves with time-machine, never with sleeps: across each
reminder's lead time, across downtime and across both DST changes, and each reminder is created
exactly once. Rules: I-3.4 (attest), I-6.5a (action items), I-7.2/I-7.3 (signalen), R-6.2
(begeleidingsovereenkomst), R-6.3 (engagement)."""
import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine
from sqlalchemy import func, select, text

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import (
    Attest,
    Begeleidingsovereenkomst,
    DossierHistoriek,
    Instelling,
    Notificatie,
    Signaal,
)
from caseflow.rules.herinneringen import STANDAARD
from caseflow.services import casusoverleg, dossiers, herinneringen, signalen
from tests.builders import advance, dossier_data, fresh, login, new_dossier

BXL = ZoneInfo("Europe/Brussels")
START = date(2026, 3, 2)


def om(dag: date, uur: int = 9, minuut: int = 0) -> datetime:
    return datetime(dag.year, dag.month, dag.day, uur, minuut, tzinfo=BXL)


def sweep(moment: date | datetime) -> dict:
    """One sweep with the clock at that moment."""
    if not isinstance(moment, datetime):
        moment = om(moment)
    with time_machine.travel(moment, tick=False):
        return herinneringen.verwerk()


def van(resultaat: dict, *soorten: str) -> dict:
    """What a sweep created of these kinds (others, such as stilgevallen dossiers, aside)."""
    return {k: v for k, v in resultaat["per_soort"].items() if k in soorten}


def aantal(soort: str) -> int:
    return db.session.scalar(select(func.count(Notificatie.id)).where(
        Notificatie.soort == soort))


def actiepunt(world, dag: date, eigenaar, vervaldatum: date) -> None:
    """A new dossier with a casusoverleg on `dag` and one action item (I-6.5a)."""
    with time_machine.travel(om(dag), tick=False):
        d = new_dossier(world.hv, world.woonboog)
        o = casusoverleg.registreren(world.hv, d.id, d.version_id, clock.vandaag(), "periodiek",
                                     "CAW", "Overleg", None)
        casusoverleg.actiepunt_toevoegen(world.hv, d.id, fresh(d).version_id, o.id, "Bellen",
                                         eigenaar.id, vervaldatum)


def kandidaat(world):
    with time_machine.travel(om(START), tick=False):
        d = new_dossier(world.hv, world.woonboog)
        advance(d, "attest_voorbereiden", "attest_uitreiken", hv=world.hv, hb=world.hb)
    return fresh(d)  # attest valid until 02/09/2026


def met_overeenkomst(world):
    """A pijler 3 dossier allocated on START with a 1-year agreement (R-6.2) until 02/03/2027."""
    with time_machine.travel(om(START), tick=False):
        d = new_dossier(world.hv, world.woonboog, pijler=3)
        advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen", "toewijzen",
                "begeleiding_starten", hv=world.hv, hb=world.hb)
    return fresh(d)


def test_attest_reminder_30_days_before_once_then_lapses_once_I_3_4(world):
    d = kandidaat(world)
    assert van(sweep(date(2026, 8, 2)), "attest_verloopt", "attest_verlopen") == {}
    assert van(sweep(date(2026, 8, 3)), "attest_verloopt") == {"attest_verloopt": 1}
    assert van(sweep(om(date(2026, 8, 3), 17)), "attest_verloopt") == {}  # twice: once
    # Downtime: the next sweep only runs long after the lapse, and still catches up.
    assert van(sweep(date(2026, 10, 1)), "attest_verlopen") == {"attest_verlopen": 1}
    assert db.session.scalars(select(Attest)).one().status == "verlopen"
    assert sweep(date(2026, 10, 2))["nieuw"] == 0
    n = db.session.scalars(select(Notificatie).where(Notificatie.soort == "attest_verlopen")).one()
    assert n.ontvanger_id == world.hv.id and d.nummer in n.tekst and "(S.P.)" in n.tekst
    assert "Peeters" not in n.tekst and "Sarah" not in n.tekst  # initials only


def test_action_items_two_days_before_and_overdue_I_6_5a(world):
    actiepunt(world, date(2027, 1, 5), world.hv2, date(2027, 1, 10))
    soorten = ("actiepunt_vervalt", "actiepunt_te_laat")
    assert van(sweep(date(2027, 1, 7)), *soorten) == {}
    assert van(sweep(date(2027, 1, 8)), *soorten) == {"actiepunt_vervalt": 1}
    assert van(sweep(date(2027, 1, 10)), *soorten) == {}
    assert van(sweep(date(2027, 1, 11)), *soorten) == {"actiepunt_te_laat": 1}
    assert van(sweep(date(2027, 1, 12)), *soorten) == {}
    assert {n.ontvanger_id for n in db.session.scalars(select(Notificatie).where(
        Notificatie.soort.in_(soorten)))} == {world.hv2.id}  # the owner of the item


def toegewezen_met_signaal(world):
    d = new_dossier(world.hv, world.woonboog)
    advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen", "toewijzen",
            "zonder_begeleiding_opvolgen", hv=world.hv, hb=world.hb)
    signalen.melden(world.hb, d.id, fresh(d).version_id, "huurachterstand", "x",
                    Decimal("900"), 2)  # 2 months: a request for aanklampende begeleiding
    return fresh(d), db.session.scalars(select(Signaal)).one()


def test_signaal_deadline_warns_the_hulpverlener_then_the_coordinator_I_7_2_I_7_3(
        world, runner):
    d, s = toegewezen_met_signaal(world)
    stap, termijn = signalen.volgende_termijn(s, d)
    assert stap == "erkennen"
    assert van(sweep(termijn - timedelta(days=2)), "signaal_termijn_nadert") == {}
    assert van(sweep(termijn - timedelta(days=1)), "signaal_termijn_nadert") == {
        "signaal_termijn_nadert": 1}
    assert van(sweep(termijn), "signaal_termijn_nadert", "signaal_termijn") == {}
    with time_machine.travel(om(termijn + timedelta(days=1)), tick=False):
        result = runner.invoke(args=["herinneringen", "verwerk", "--json"])
    uit = json.loads(result.stdout)
    assert uit["per_soort"].get("signaal_termijn") == 1
    assert {"nieuw", "per_soort", "afgesloten", "mail"} <= set(uit)
    gemist = db.session.scalars(select(Notificatie).where(
        Notificatie.soort == "signaal_termijn")).one()
    assert gemist.ontvanger_id == world.coord.id  # the coördinator of CAW De Kempen
    nadert = db.session.scalars(select(Notificatie).where(
        Notificatie.soort == "signaal_termijn_nadert")).one()
    assert nadert.ontvanger_id == world.hv.id


def test_agreement_ending_30_and_7_days_before_then_evaluation_overdue_R_6_2(world):
    d = met_overeenkomst(world)
    einde = db.session.scalars(select(Begeleidingsovereenkomst)).one().geplande_einddatum
    assert einde == date(2027, 3, 2)
    soorten = ("bo_eindigt_30", "bo_eindigt_7", "bo_evaluatie_te_laat")
    assert van(sweep(einde - timedelta(days=31)), *soorten) == {}
    assert van(sweep(einde - timedelta(days=30)), *soorten) == {"bo_eindigt_30": 2}
    assert van(sweep(einde - timedelta(days=8)), *soorten) == {}
    assert van(sweep(einde - timedelta(days=7)), *soorten) == {"bo_eindigt_7": 2}
    assert van(sweep(einde - timedelta(days=1)), *soorten) == {}
    assert van(sweep(einde), *soorten) == {"bo_evaluatie_te_laat": 2}
    assert van(sweep(einde + timedelta(days=3)), *soorten) == {}
    # Both parties of the agreement hear it: the hulpverlener and the huurbegeleider.
    ontvangers = {n.ontvanger_id for n in db.session.scalars(select(Notificatie).where(
        Notificatie.soort.in_(soorten)))}
    assert ontvangers == {world.hv.id, world.hb.id}
    assert all(n.link == f"/dossiers/{d.id}#overeenkomst" for n in db.session.scalars(
        select(Notificatie).where(Notificatie.soort.in_(soorten))))


def test_after_downtime_only_the_most_urgent_agreement_reminder_R_6_2(world):
    met_overeenkomst(world)
    einde = date(2027, 3, 2)
    assert van(sweep(einde - timedelta(days=40)), "bo_eindigt_30", "bo_eindigt_7") == {}
    # Down from 40 to 3 days before the end: both lead times passed meanwhile.
    assert van(sweep(einde - timedelta(days=3)), "bo_eindigt_30", "bo_eindigt_7") == {
        "bo_eindigt_7": 2}
    assert aantal("bo_eindigt_30") == 0


def test_engagement_ending_then_closed_through_the_workflow_once_R_6_3(world):
    d = new_dossier(world.hv, world.woonboog)
    with time_machine.travel(om(START), tick=False):
        advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen", "toewijzen",
                "zonder_begeleiding_opvolgen", hv=world.hv, hb=world.hb)
    einde = fresh(d).toewijzing.engagement_einde
    assert einde == date(2028, 3, 2)
    assert van(sweep(einde - timedelta(days=31)), "engagement_eindigt") == {}
    assert van(sweep(einde - timedelta(days=30)), "engagement_eindigt") == {
        "engagement_eindigt": 2}
    assert fresh(d).status == "aanklampend"
    r = sweep(einde + timedelta(days=12))  # downtime across the end date
    assert r["afgesloten"] == 1 and van(r, "engagement_afgelopen") == {"engagement_afgelopen": 1}
    d = fresh(d)
    assert d.status == "afgesloten" and d.afsluitreden == "engagement_afgelopen"
    h = db.session.scalars(select(DossierHistoriek).order_by(DossierHistoriek.id.desc())).first()
    assert (h.van, h.naar, h.trigger, h.gebruiker_id) == ("aanklampend", "afgesloten",
                                                          "afsluiten", None)
    assert "02/03/2028" in h.reden  # closed as of the day the engagement ended
    again = sweep(einde + timedelta(days=13))
    assert again["afgesloten"] == 0 and again["nieuw"] == 0


def test_a_running_agreement_keeps_the_dossier_open_past_the_engagement_R_6_2_R_6_3(world):
    d = met_overeenkomst(world)
    einde = fresh(d).toewijzing.engagement_einde
    with time_machine.travel(om(date(2027, 2, 1)), tick=False):  # extended by both parties
        from caseflow.services import begeleiding
        begeleiding.wijziging_voorstellen(world.hv, d.id, fresh(d).version_id, "verlengen",
                                          einde + timedelta(days=60), "Schulden nog niet rond")
        begeleiding.beslissen(world.hb, d.id, fresh(d).version_id, True)
    r = sweep(einde + timedelta(days=1))
    assert r["afgesloten"] == 0 and fresh(d).status == "begeleiding"


def test_stalled_dossier_after_the_configured_days_a_view_is_no_change(world, client):
    dag0 = date(2027, 4, 1)
    with time_machine.travel(om(dag0), tick=False):
        d = new_dossier(world.hv, world.woonboog)
    dagen = STANDAARD["dossier_stil"]["toeleiding"]
    assert van(sweep(dag0 + timedelta(days=dagen)), "dossier_stil") == {}
    with time_machine.travel(om(dag0 + timedelta(days=dagen)), tick=False):
        dossiers.bekijken(world.hv, d.id)  # looking is not working on it
        db.session.commit()
    assert van(sweep(dag0 + timedelta(days=dagen + 1)), "dossier_stil") == {"dossier_stil": 1}
    assert van(sweep(dag0 + timedelta(days=dagen + 5)), "dossier_stil") == {}
    with time_machine.travel(om(dag0 + timedelta(days=40)), tick=False):  # a change
        dossiers.bewerken(world.hv, d.id, fresh(d).version_id,
                          dossier_data(world.woonboog, telefoon="014 12 34 56"), "/")
    assert fresh(d).laatste_activiteit == dag0 + timedelta(days=40)
    assert van(sweep(dag0 + timedelta(days=40 + dagen)), "dossier_stil") == {}
    assert van(sweep(dag0 + timedelta(days=41 + dagen)), "dossier_stil") == {"dossier_stil": 1}
    assert aantal("dossier_stil") == 2  # one per quiet period


def test_lead_times_are_configuration_not_code(world):
    """A beheerder's new version of `herinneringen` changes when the sweep reminds."""
    from caseflow.services import instellingen

    waarde = json.loads(json.dumps(STANDAARD))
    waarde["attest_verloopt"] = 45
    instellingen.toevoegen(world.beheerder, "herinneringen", date(2026, 1, 1), waarde, "Vroeger",
                           bevestigd=True)  # retroactive: confirmed
    kandidaat(world)
    assert van(sweep(date(2026, 7, 18)), "attest_verloopt") == {}  # 02/09 minus 45 days
    assert van(sweep(date(2026, 7, 19)), "attest_verloopt") == {"attest_verloopt": 1}
    assert db.session.scalar(select(func.count(Instelling.id)).where(
        Instelling.sleutel == "herinneringen")) == 2


def test_across_the_spring_dst_change_each_reminder_once(world):
    """Sunday 28/03/2027 02:00 → 03:00 in Brussels. The reminder falls due that day; sweeps
    every 30 minutes through the night create it once, on the Belgian date."""
    with time_machine.travel(om(date(2026, 10, 27)), tick=False):
        d = new_dossier(world.hv, world.woonboog)
        advance(d, "attest_voorbereiden", "attest_uitreiken", hv=world.hv, hb=world.hb)
    geldig_tot = db.session.scalars(select(Attest)).one().geldig_tot
    assert geldig_tot - timedelta(days=30) == date(2027, 3, 28)
    # 22:30 UTC on the 27th is still the 27th in Brussels: nothing yet.
    assert van(sweep(datetime(2027, 3, 27, 22, 30, tzinfo=ZoneInfo("UTC"))),
               "attest_verloopt") == {}
    gemaakt = 0
    moment = datetime(2027, 3, 27, 23, 0, tzinfo=ZoneInfo("UTC"))  # 00:00 CET on the 28th
    while moment < datetime(2027, 3, 28, 4, 0, tzinfo=ZoneInfo("UTC")):  # 06:00 CEST
        gemaakt += van(sweep(moment), "attest_verloopt").get("attest_verloopt", 0)
        moment += timedelta(minutes=30)
    assert gemaakt == 1 and aantal("attest_verloopt") == 1


def test_across_the_autumn_dst_change_the_repeated_hour_creates_nothing_twice(world):
    """Sunday 25/10/2026: 02:00-03:00 happens twice in Brussels."""
    actiepunt(world, date(2026, 9, 20), world.hv, date(2026, 10, 27))
    utc = ZoneInfo("UTC")
    eerste = sweep(datetime(2026, 10, 25, 0, 30, tzinfo=utc))    # 02:30 CEST
    tweede = sweep(datetime(2026, 10, 25, 1, 30, tzinfo=utc))    # 02:30 CET, again
    assert van(eerste, "actiepunt_vervalt") == {"actiepunt_vervalt": 1}
    assert van(tweede, "actiepunt_vervalt") == {}
    assert aantal("actiepunt_vervalt") == 1


def test_inbox_unread_count_list_and_mark_read(client, world):
    d = kandidaat(world)
    sweep(date(2026, 8, 3))
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


def test_mail_preference_chosen_on_the_inbox_page(client, world):
    login(client, world.hv)
    assert fresh_user(world.hv).melding_voorkeur == "digest"  # the default
    response = client.post("/meldingen", data={"melding_voorkeur": "direct"})
    assert response.status_code == 302 and fresh_user(world.hv).melding_voorkeur == "direct"
    fout = client.post("/meldingen", data={"melding_voorkeur": "sms"})
    assert fout.status_code == 422 and "Ongeldige keuze." in fout.get_data(as_text=True)
    assert fresh_user(world.hv).melding_voorkeur == "direct"


def fresh_user(g):
    from caseflow.models import Gebruiker

    db.session.expire_all()
    return db.session.get(Gebruiker, g.id)


def test_dossier_page_shows_the_coming_deadlines_before_the_reminders(client, world):
    d = met_overeenkomst(world)
    with time_machine.travel(om(date(2026, 12, 1)), tick=False):
        login(client, world.hv)
        page = client.get(f"/dossiers/{d.id}").get_data(as_text=True)
    assert "Komende termijnen" in page
    assert "Begeleidingsovereenkomst eindigt" in page and "02/03/2027" in page
    assert "vanaf 31/01/2027" in page  # the first reminder, 30 days before
    assert "Engagement eindigt" in page and "02/03/2028" in page


def _statistiek_notificaties():
    """What the database's planner knows of the reminders: PostgreSQL's row estimate (-1:
    never analysed); SQLite keeps none unless asked (ANALYZE)."""
    if db.engine.dialect.name == "postgresql":
        return db.session.scalar(text(
            "SELECT reltuples FROM pg_class WHERE relname = 'notificatie'"))
    return db.session.scalar(text(
        "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"))


def test_a_catch_up_sweep_refreshes_the_planners_statistics_I_6_5a(world, monkeypatch):
    """After a sweep that wrote many reminders, PostgreSQL's statistics are refreshed at once
    (where autovacuum is off, the next sweep would otherwise scan every reminder of a kind per
    overdue dossier); a small sweep leaves them to autovacuum."""
    actiepunt(world, date(2027, 1, 5), world.hv2, date(2027, 1, 10))
    actiepunt(world, date(2027, 1, 5), world.hv2, date(2027, 1, 10))
    voor = _statistiek_notificaties()
    assert van(sweep(date(2027, 1, 8)), "actiepunt_vervalt") == {"actiepunt_vervalt": 2}
    assert _statistiek_notificaties() == voor  # fewer than a catch-up's worth
    monkeypatch.setattr(herinneringen, "VERSE_STATISTIEK_VANAF", 2)
    assert van(sweep(date(2027, 1, 11)), "actiepunt_te_laat") == {"actiepunt_te_laat": 2}
    if db.engine.dialect.name == "postgresql":
        assert voor == -1 and _statistiek_notificaties() == db.session.scalar(
            select(func.count(Notificatie.id)))
    else:  # SQLite's lookups use the unique key's index whatever it knows
        assert _statistiek_notificaties() == voor == 0
