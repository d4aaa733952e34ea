"""A day's real work without surprises: the defects walking every role turned up."""
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import select

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Dossier, Voorstel, Woning
from caseflow.services import attesten, stappen, woningen
from caseflow.web.filters import tijdstip
from tests.builders import advance, attest_data, fresh, gemeente_id, login, new_dossier


def _kandidaat(world, naam="Peeters", **kw):
    d = new_dossier(world.hv, world.woonboog, achternaam=naam, **kw)
    advance(d, "attest_voorbereiden", hv=world.hv, hb=world.hb)
    attesten.uitreiken(world.hv, d.id, fresh(d).version_id, attest_data(d))
    return fresh(d)


# --- 1. every instant stored in UTC, shown in Brussels, across the DST change ---------------

@pytest.mark.parametrize("utc,lokaal", [
    ("2026-03-29 00:59", "01:59"),  # the last minute of winter time (UTC+1)
    ("2026-03-29 01:01", "03:01"),  # summer time (UTC+2) from 01:00 UTC
    ("2026-10-25 00:30", "02:30"),  # still summer time
    ("2026-10-25 01:30", "02:30"),  # winter time again: the same wall clock an hour later
    ("2026-11-27 08:12", "09:12"),
])
def test_a_decision_is_shown_at_the_brussels_time_it_was_taken(world, time_machine, utc,
                                                                lokaal):
    """A proposal and its acceptance (clock.nu(), a Brussels time) read back as the same
    instant on both databases."""
    time_machine.move_to(datetime.fromisoformat(utc).replace(tzinfo=timezone.utc), tick=False)
    d = _kandidaat(world)
    w = woningen.registreren(world.hb, {"gemeente_id": gemeente_id("Turnhout"),
                                        "adres": "Markt 1", "slaapkamers": 1,
                                        "beschikbaar_vanaf": clock.vandaag()})
    v = woningen.voorstellen(world.hb, w.id, d.id, w.version_id)
    woningen.aanvaarden(world.hb, v.id, db.session.get(Woning, w.id).version_id)
    db.session.expire_all()
    v = db.session.get(Voorstel, v.id)
    assert tijdstip(v.voorgesteld_op).endswith(lokaal)
    assert tijdstip(v.beslist_op).endswith(lokaal)
    assert v.beslist_op == v.voorgesteld_op.replace(microsecond=v.beslist_op.microsecond) or \
        abs(v.beslist_op - v.voorgesteld_op) < timedelta(seconds=1)


def test_accepted_a_minute_later_shows_both_local_times_on_the_woning_page(client, world,
                                                                            time_machine):
    time_machine.move_to(datetime(2026, 11, 27, 8, 12, tzinfo=timezone.utc), tick=False)
    d = _kandidaat(world)
    w = woningen.registreren(world.hb, {"gemeente_id": gemeente_id("Turnhout"),
                                        "adres": "Markt 1", "slaapkamers": 1,
                                        "beschikbaar_vanaf": clock.vandaag()})
    v = woningen.voorstellen(world.hb, w.id, d.id, w.version_id)
    time_machine.move_to(datetime(2026, 11, 27, 8, 13, tzinfo=timezone.utc), tick=False)
    woningen.aanvaarden(world.hb, v.id, db.session.get(Woning, w.id).version_id)
    login(client, world.hb)
    pagina = client.get(f"/woningen/{w.id}").get_data(as_text=True)
    assert "27/11/2026 09:12" in pagina and "27/11/2026 09:13" in pagina
    assert "10:13" not in pagina


# --- 2. the calendar: 29 February ---------------------------------------------------------------

def test_29_february_2028_through_the_whole_path_I_7_4a_I_3_4_R_6_2(world, time_machine):
    """Every 'a year later' of the path counted with relativedelta: 29/02 -> 28/02."""
    from caseflow.services import begeleiding, herinneringen
    from tests.builders import toewijzen_via_woning

    time_machine.move_to(datetime(2028, 2, 29, 9, 0, tzinfo=timezone.utc), tick=False)
    d = _kandidaat(world, "Schrikkel")
    assert attesten.geldend_attest(d.id).geldig_tot == date(2028, 8, 29)
    toewijzen_via_woning(d, world.hb)
    assert fresh(d).toewijzing.engagement_einde == date(2030, 2, 28)
    begeleiding.voorstellen(world.hv, d.id, fresh(d).version_id, clock.vandaag())
    begeleiding.beslissen(world.hb, d.id, fresh(d).version_id, True)
    from caseflow.models.begeleiding import lopende_overeenkomst

    assert lopende_overeenkomst(d.id).geplande_einddatum == date(2029, 2, 28)
    time_machine.move_to(datetime(2029, 3, 1, 9, 0, tzinfo=timezone.utc), tick=False)
    assert herinneringen.verwerk()["afgesloten"] == 0
    assert herinneringen.komende(fresh(d))  # the page's deadlines compute without a crash


# --- 3. the same person twice -----------------------------------------------------------------

def test_same_person_twice_in_one_organisation_is_refused_and_linked(client, world):
    from caseflow.errors import BestaandDossier
    from caseflow.services import dossiers as service
    from tests.builders import dossier_data
    from tests.integration.test_dossier_forms import valid_form

    eerste = new_dossier(world.hv, world.woonboog,
                         rijksregisternummer="85.07.30-033.28", geboortedatum=date(1985, 7, 30))
    with pytest.raises(BestaandDossier) as e:
        service.aanmaken(world.hv2, dossier_data(world.woonboog,
                                                  rijksregisternummer="85073003328",
                                                  geboortedatum=date(1985, 7, 30)))
    assert e.value.dossier_id == eerste.id and eerste.nummer in e.value.fouten[
        "rijksregisternummer"]
    login(client, world.hv)
    r = client.post("/dossiers/nieuw", data=valid_form(world))
    assert r.status_code == 422
    assert f'href="/dossiers/{eerste.id}"' in r.get_data(as_text=True)
    assert db.session.scalar(select(db.func.count(Dossier.id))) == 1


def test_same_person_in_another_organisation_tells_only_the_regional_coordinator(client, world):
    from caseflow.models import Notificatie
    from caseflow.services import dossiers as service
    from tests.builders import dossier_data

    caw = new_dossier(world.hv, world.woonboog, rijksregisternummer="85.07.30-033.28",
                      geboortedatum=date(1985, 7, 30))
    ocmw = service.aanmaken(world.hv_ocmw, dossier_data(world.leefgoed,
                                                         rijksregisternummer="85073003328",
                                                         geboortedatum=date(1985, 7, 30)))
    meldingen = db.session.scalars(select(Notificatie)).all()
    assert [(m.ontvanger_id, m.soort) for m in meldingen] == [(world.coord_regio.id,
                                                               "dubbel_dossier")]
    assert caw.nummer in meldingen[0].tekst and ocmw.nummer in meldingen[0].tekst
    login(client, world.hv_ocmw)
    pagina = client.get(f"/dossiers/{ocmw.id}").get_data(as_text=True)
    assert caw.nummer not in pagina and "CAW De Kempen" not in pagina


@pytest.mark.parametrize("zoek", ["85.07.30-033.28", "85073003328", "85 07 30 033 28"])
def test_caseload_finds_a_dossier_by_rijksregisternummer_in_any_notation(world, zoek):
    from caseflow.services import dossiers as service

    d = new_dossier(world.hv, world.woonboog, rijksregisternummer="85.07.30-033.28",
                    geboortedatum=date(1985, 7, 30))
    new_dossier(world.hv, world.woonboog, achternaam="Ander")
    assert [x.id for x in service.caseload(world.hv, zoek=zoek).items] == [d.id]


@pytest.mark.parametrize("zoek", ["joelle celik", "ÇELIK", "lle Çel", "Celik"])
def test_caseload_finds_a_name_whatever_its_case_and_accents(world, zoek):
    from caseflow.services import dossiers as service

    d = new_dossier(world.hv, world.woonboog, voornaam="Joëlle", achternaam="Çelik")
    new_dossier(world.hv, world.woonboog, voornaam="Jan", achternaam="Ander")
    assert [x.id for x in service.caseload(world.hv, zoek=zoek).items] == [d.id]


def test_a_long_list_counts_up_to_its_limit_and_says_there_are_more(client, world,
                                                                   monkeypatch):
    """A caseload counts up to TELLEN_TOT (1 000): counting 160 000 open dossiers would read
    them all for a page that shows 25."""
    from caseflow.services import dossiers as service
    from caseflow.services import paginering

    monkeypatch.setattr(paginering, "TELLEN_TOT", 3)
    for i in range(5):
        new_dossier(world.hv, world.woonboog, achternaam=f"Teller {i}")
    lijst = service.caseload(world.hv, per_pagina=2)
    assert (lijst.totaal, lijst.meer, lijst.paginas, len(lijst.items)) == (3, True, 2, 2)
    assert service.caseload(world.hv, zoek="Teller 4").meer is False
    login(client, world.hv)
    pagina = client.get("/dossiers/?wie=organisatie").get_data(as_text=True)
    assert "Meer dan 3 dossiers" in pagina


def test_a_renamed_dossier_is_found_by_its_new_name_only(world):
    from caseflow.services import dossiers as service
    from tests.builders import dossier_data

    d = new_dossier(world.hv, world.woonboog, voornaam="Joëlle", achternaam="Çelik")
    data = dossier_data(world.woonboog, voornaam="Joëlle", achternaam="Peeters")
    service.bewerken(world.hv, d.id, d.version_id, data)
    assert [x.id for x in service.caseload(world.hv, zoek="peeters").items] == [d.id]
    assert service.caseload(world.hv, zoek="celik").items == []


# --- 4. decisions to the right party ----------------------------------------------------------

def _toegewezen(world, naam="Partij"):
    from tests.builders import toewijzen_via_woning

    d = _kandidaat(world, naam)
    return toewijzen_via_woning(d, world.hb)


def test_R_6_2_the_proposer_is_not_offered_the_decision_on_their_own_proposal(client, world):
    from caseflow.services import begeleiding
    from workflows.base import TransitieGeweigerd

    d = _toegewezen(world)
    begeleiding.voorstellen(world.hv, d.id, fresh(d).version_id, clock.vandaag())
    login(client, world.hv)
    pagina = client.get(f"/dossiers/{d.id}").get_data(as_text=True)
    assert "Beslissen over het voorstel" not in pagina
    assert "wacht op de beslissing van de andere partij" in pagina
    for aanvaarden in (True, False):
        with pytest.raises(TransitieGeweigerd):
            begeleiding.beslissen(world.hv, d.id, fresh(d).version_id, aanvaarden)
    client.post("/afmelden")
    login(client, world.hb)
    assert "Beslissen over het voorstel" in client.get(f"/dossiers/{d.id}").get_data(
        as_text=True)


def test_I_6_5a_only_the_owner_or_their_coordinator_closes_an_action_item(client, world):
    from caseflow.errors import NietToegestaan as Forbidden
    from caseflow.models import Actiepunt
    from caseflow.services import casusoverleg

    d = _toegewezen(world)
    o = casusoverleg.registreren(world.hv, d.id, fresh(d).version_id, clock.vandaag(),
                                 "periodiek", "CAW, Woonboog", "Opvolging", None)
    p1 = casusoverleg.actiepunt_toevoegen(world.hv, d.id, fresh(d).version_id, o.id,
                                          "Afbetalingsplan", world.hv.id,
                                          clock.vandaag() + timedelta(days=7))
    p2 = casusoverleg.actiepunt_toevoegen(world.hv, d.id, fresh(d).version_id, o.id,
                                          "Huisbezoek", world.hv.id,
                                          clock.vandaag() + timedelta(days=7))
    login(client, world.hb)
    assert 'actiepunt/' not in client.get(f"/dossiers/{d.id}").get_data(as_text=True)
    with pytest.raises(Forbidden):
        casusoverleg.actiepunt_afvinken(world.hb, d.id, p1.id)
    assert client.post(f"/dossiers/{d.id}/actiepunt/{p1.id}/gedaan").status_code == 403
    casusoverleg.actiepunt_afvinken(world.hv, d.id, p1.id)
    casusoverleg.actiepunt_afvinken(world.coord, d.id, p2.id)  # the owner's coördinator
    db.session.expire_all()
    assert db.session.get(Actiepunt, p1.id).gedaan_door_id == world.hv.id
    assert db.session.get(Actiepunt, p2.id).gedaan_door_id == world.coord.id
    client.post("/afmelden")
    login(client, world.hv)
    assert f"door {world.coord.naam}" in client.get(f"/dossiers/{d.id}").get_data(as_text=True)


# --- 5. a failed sub-form keeps its input, shows the error at the field, saves return -------

def test_a_failed_action_item_stays_open_with_its_text_and_the_error_at_the_field(client,
                                                                                   world):
    import re

    from caseflow.services import casusoverleg

    d = _toegewezen(world, "Formulier")
    o = casusoverleg.registreren(world.hv, d.id, fresh(d).version_id, clock.vandaag(),
                                 "periodiek", "CAW, Woonboog", "Opvolging", None)
    login(client, world.hv)
    pagina = client.get(f"/dossiers/{d.id}").get_data(as_text=True)
    assert f'action="/dossiers/{d.id}/overleg/{o.id}/actiepunt#overleg"' in pagina
    r = client.post(f"/dossiers/{d.id}/overleg/{o.id}/actiepunt", data={
        f"a{o.id}-version_id": fresh(d).version_id, f"a{o.id}-toelichting": "Huisbezoek plannen",
        f"a{o.id}-eigenaar_id": "", f"a{o.id}-vervaldatum": "2026-12-20"})
    tekst = r.get_data(as_text=True)
    assert r.status_code == 422
    assert re.search(r'<details class="actie" open><summary>Actiepunt toevoegen', tekst)
    assert "Huisbezoek plannen</textarea>" in tekst
    assert f'id="a{o.id}-eigenaar_id-fout">Kies een eigenaar.' in tekst
    r = client.post(f"/dossiers/{d.id}/overleg/{o.id}/actiepunt", data={
        f"a{o.id}-version_id": fresh(d).version_id, f"a{o.id}-toelichting": "Huisbezoek plannen",
        f"a{o.id}-eigenaar_id": str(world.hv.id), f"a{o.id}-vervaldatum": "2026-12-20"})
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/dossiers/{d.id}#overleg")


def test_every_small_form_returns_to_its_section(client, world):
    d = _toegewezen(world, "Anker")
    login(client, world.hv)
    r = client.post(f"/dossiers/{d.id}/formulier/notitie", data={
        "notitie-version_id": fresh(d).version_id, "notitie-toelichting": "Gebeld.",
        "notitie-zichtbaarheid": "intern"})
    assert r.status_code == 302 and r.headers["Location"].endswith("#notities")
    pagina = client.get(f"/dossiers/{d.id}").get_data(as_text=True)
    assert f'action="/dossiers/{d.id}/formulier/notitie#notities"' in pagina


# --- 6. implausible dates: refused, or confirmed when merely unusual ---------------------------

def test_a_vacancy_long_past_is_refused_a_month_past_asks_confirmation(client, world):
    login(client, world.hb)
    data = {"gemeente_id": str(gemeente_id("Turnhout")), "adres": "Markt 3", "slaapkamers": "2"}
    vandaag = clock.vandaag()
    r = client.post("/woningen/nieuw", data=data | {
        "beschikbaar_vanaf": (vandaag - timedelta(days=800)).isoformat()})
    assert r.status_code == 422 and "geen vrijgekomen woning" in r.get_data(as_text=True)
    assert 'name="bevestigd"' not in r.get_data(as_text=True)
    oud = (vandaag - timedelta(days=60)).isoformat()
    r = client.post("/woningen/nieuw", data=data | {"beschikbaar_vanaf": oud})
    tekst = r.get_data(as_text=True)
    assert r.status_code == 422 and "klopt dat?" in tekst and 'name="bevestigd"' in tekst
    assert db.session.scalar(select(db.func.count(Woning.id))) == 0
    r = client.post("/woningen/nieuw", data=data | {"beschikbaar_vanaf": oud, "bevestigd": "y"})
    assert r.status_code == 302
    assert db.session.scalar(select(db.func.count(Woning.id))) == 1


def test_I_6_5a_an_action_item_is_not_due_before_its_casusoverleg(world):
    from caseflow.errors import Ongeldig
    from caseflow.services import casusoverleg

    d = _toegewezen(world, "Voor")
    o = casusoverleg.registreren(world.hv, d.id, fresh(d).version_id, clock.vandaag(),
                                 "periodiek", "CAW, Woonboog", "Opvolging", None)
    with pytest.raises(Ongeldig) as e:
        casusoverleg.actiepunt_toevoegen(world.hv, d.id, fresh(d).version_id, o.id, "Te vroeg",
                                         world.hv.id, clock.vandaag() - timedelta(days=1))
    assert "vóór het casusoverleg" in e.value.fouten["vervaldatum"]


def test_I_4_2a_a_rule_version_is_not_back_dated_before_the_one_in_force(world):
    from caseflow.errors import Bevestigen, Ongeldig
    from caseflow.services import instellingen

    with pytest.raises(Ongeldig) as e:  # the 2025-02-01 leefloon applies already
        instellingen.toevoegen(world.beheerder, "leefloon", date(2024, 6, 1),
                               {"alleenstaande": "1300", "gezinslast": "1750"}, None)
    assert "Er geldt al een versie vanaf 01/02/2025" in e.value.fouten["ingangsdatum"]
    gisteren = clock.vandaag() - timedelta(days=1)
    with pytest.raises(Bevestigen):
        instellingen.toevoegen(world.beheerder, "attest_geldigheid_maanden", gisteren, 9, None)
    instellingen.toevoegen(world.beheerder, "attest_geldigheid_maanden", gisteren, 9, None,
                           bevestigd=True)


def test_required_selects_start_empty(client, world):
    login(client, world.hv)
    pagina = client.get("/dossiers/nieuw").get_data(as_text=True)
    for naam in ("huishouden", "woonnood", "pijler", "gemeente_id", "woonmaatschappij_id"):
        assert f'name="{naam}" required><option value="" selected>– kies –</option>' in pagina


# --- 7. the start page shows what waits, and meldingen say so ---------------------------------

def test_huurbegeleider_start_lists_attest_to_confirm_and_proposal_to_answer(client, world):
    a = _kandidaat(world, "Bevestig")
    b = _kandidaat(world, "Voorstel")
    w = woningen.registreren(world.hb, {"gemeente_id": gemeente_id("Turnhout"),
                                        "adres": "Markt 5", "slaapkamers": 1,
                                        "beschikbaar_vanaf": clock.vandaag()})
    eerste = woningen.kandidaten(w).items[0].dossier
    woningen.voorstellen(world.hb, w.id, eerste.id, w.version_id)
    login(client, world.hb)
    tekst = client.get("/start").get_data(as_text=True)
    wacht = tekst[tekst.index('id="wacht"'):tekst.index('id="mijn-actiepunten"')]
    assert "Attest bevestigen" in wacht and "Voorstel voor Markt 5" in wacht
    assert a.nummer in wacht and b.nummer in wacht
    assert "Niets dat wacht" not in tekst


def test_nothing_waits_says_so_only_when_nothing_does(client, world):
    login(client, world.hv)
    assert "Niets dat wacht" in client.get("/start").get_data(as_text=True)


def test_R_6_2_a_proposal_waits_for_the_other_party_on_start_and_as_a_melding(client, world):
    from caseflow.models import Notificatie
    from caseflow.services import begeleiding

    d = _toegewezen(world, "Melding")
    begeleiding.voorstellen(world.hb, d.id, fresh(d).version_id, clock.vandaag())
    assert [n.ontvanger_id for n in db.session.scalars(select(Notificatie).where(
        Notificatie.soort == "voorstel_wacht"))] == [world.hv.id]
    login(client, world.hv)
    tekst = client.get("/start").get_data(as_text=True)
    assert "Beslissen: ondertekenen voorgesteld door de andere partij" in tekst


def test_a_reassigned_dossier_is_a_melding_for_its_new_hulpverlener(world):
    from caseflow.models import Notificatie
    from caseflow.services import opvolging

    d = new_dossier(world.hv, world.woonboog, achternaam="Herverdeeld")
    opvolging.herverdelen(world.coord, d.id, fresh(d).version_id, world.hv2.id)
    n = db.session.scalars(select(Notificatie).where(Notificatie.ontvanger_id == world.hv2.id)
                           ).one()
    assert n.soort == "dossier_toegewezen" and d.nummer in n.tekst


def test_a_coordinator_hears_of_new_items_in_opvolging(world, time_machine):
    from flask import current_app

    from caseflow import scheduler
    from caseflow.models import Notificatie
    from caseflow.services import casusoverleg, herinneringen

    d = _toegewezen(world, "Opvolging")
    o = casusoverleg.registreren(world.hv, d.id, fresh(d).version_id, clock.vandaag(),
                                 "periodiek", "CAW, Woonboog", "Opvolging", None)
    casusoverleg.actiepunt_toevoegen(world.hv, d.id, fresh(d).version_id, o.id, "Bellen",
                                     world.hv.id, clock.vandaag() + timedelta(days=2))
    time_machine.move_to(datetime.combine(clock.vandaag() + timedelta(days=3),
                                          datetime.min.time(), timezone.utc)
                         + timedelta(hours=9), tick=False)
    herinneringen.verwerk()  # the 5-minute sweep leaves it to the morning job
    assert scheduler.ochtend(current_app._get_current_object(), "test",
                             timedelta(minutes=15)) == 2  # CAW's and the regional one
    assert scheduler.ochtend(current_app._get_current_object(), "test",
                             timedelta(minutes=15)) == 0  # once a day
    meldingen = db.session.scalars(select(Notificatie).where(
        Notificatie.ontvanger_id == world.coord.id, Notificatie.soort == "opvolging_nieuw")).all()
    assert len(meldingen) == 1 and "1 nieuw" in meldingen[0].tekst


# --- 9. lists people can work with ------------------------------------------------------------

def test_caseload_open_first_filters_sorting_and_title(client, world):
    a = new_dossier(world.hv, world.woonboog, achternaam="Aerts")
    b = new_dossier(world.hv, world.woonboog, achternaam="Bosmans", pijler=3)
    c = new_dossier(world.hv, world.woonboog, achternaam="Claes")

    stappen.transitie(world.hv, c.id, "afsluiten", fresh(c).version_id, reden="ingetrokken")
    login(client, world.hv)
    tekst = client.get("/dossiers/").get_data(as_text=True)
    assert "<h1>Mijn caseload</h1>" in tekst and "Aerts" in tekst and "Claes" not in tekst
    assert "Claes" in client.get("/dossiers/?status=").get_data(as_text=True)
    p3 = client.get("/dossiers/?pijler=3").get_data(as_text=True)
    assert "Bosmans" in p3 and "Aerts" not in p3
    op = client.get("/dossiers/?sorteer=naam&richting=op").get_data(as_text=True)
    assert op.index("Aerts") < op.index("Bosmans")
    af = client.get("/dossiers/?sorteer=naam&richting=af").get_data(as_text=True)
    assert af.index("Bosmans") < af.index("Aerts")
    client.post("/afmelden")
    login(client, world.coord_regio)
    tekst = client.get(f"/dossiers/?wie=alle&hulpverlener={world.hv.naam}").get_data(
        as_text=True)
    assert "<h1>Alle dossiers</h1>" in tekst and "Aerts" in tekst
    assert 'name="organisatie"' in tekst
    _ = (a, b)


def test_a_coordinator_finds_a_colleagues_dossiers_by_part_of_the_name(client, world):
    """A large organisation has hundreds of hulpverleners: the caseload and the review queue
    take a part of the name (any case, % and _ as plain text) instead of a list of them all."""
    new_dossier(world.hv, world.woonboog, achternaam="Aerts")
    new_dossier(world.hv2, world.woonboog, achternaam="Bosmans")
    login(client, world.coord)
    deel = world.hv2.naam[1:4].upper()
    tekst = client.get(f"/dossiers/?wie=alle&hulpverlener={deel}").get_data(as_text=True)
    assert "Bosmans" in tekst and "Aerts" not in tekst
    assert f'value="{deel}"' in tekst  # the filter stays filled in
    niemand = client.get("/dossiers/?wie=alle&hulpverlener=%25").get_data(as_text=True)
    assert "Bosmans" not in niemand and "Aerts" not in niemand
    assert client.get("/opvolging?hulpverlener=" + deel).status_code == 200


def test_mijn_huurders_warns_of_an_agreement_past_its_end_and_counts_open_work(client, world,
                                                                             time_machine):
    from caseflow.services import begeleiding, signalen

    d = _toegewezen(world, "Huurder")
    begeleiding.voorstellen(world.hv, d.id, fresh(d).version_id, clock.vandaag())
    begeleiding.beslissen(world.hb, d.id, fresh(d).version_id, True)
    signalen.melden(world.hb, d.id, fresh(d).version_id, "overlast", "Lawaai")
    time_machine.move_to(datetime.combine(clock.vandaag() + timedelta(days=400),
                                          datetime.min.time(), timezone.utc)
                         + timedelta(hours=9), tick=False)
    login(client, world.hb)
    tekst = client.get("/huurders").get_data(as_text=True)
    assert "(voorbij)" in tekst and "evalueer en beëindig of verleng" in tekst
    assert '#signalen">1 signaal</a>' in tekst


# --- 10. papers for the candidate ---------------------------------------------------------------

def test_R_4_9_the_printable_score_is_for_the_candidate(client, world):
    import re

    d = _kandidaat(world, "Papier", inkomen=Decimal("5000"))
    login(client, world.hv)
    tekst = client.get(f"/dossiers/{d.id}/score").get_data(as_text=True)
    papier = tekst[tekst.index('<article class="afdruk">'):tekst.index("</article>")]
    assert "data-afdrukken" in tekst and f'href="/dossiers/{d.id}#score"' in tekst
    assert world.hv.naam in papier and "CAW De Kempen" in papier
    assert f"Opgemaakt op {clock.vandaag():%d/%m/%Y}" in papier
    assert not re.search(r"\b[RI]-\d", papier), re.findall(r".{30}\b[RI]-\d.{10}", papier)
    assert "leefloon " not in papier.split("Berekend op")[1]  # no version keys
    assert "€\xa05.000,00" in papier
    staf = client.get(f"/dossiers/{d.id}").get_data(as_text=True)
    assert "R-4.8" in staf  # the staff version keeps the rule codes


# --- 12. import results you can act on ---------------------------------------------------------

def test_I_7_1_each_imported_row_links_to_its_dossier_and_an_example_file_is_offered(client,
                                                                                     world):
    import io

    d = _toegewezen(world, "Import")
    login(client, world.hb)
    voorbeeld = client.get("/signalen/import/voorbeeld.csv")
    assert voorbeeld.status_code == 200 and voorbeeld.mimetype == "text/csv"
    assert voorbeeld.data.decode("utf-8-sig").startswith("dossier;bedrag;maanden;datum")
    assert "/signalen/import/voorbeeld.csv" in client.get("/signalen/import").get_data(
        as_text=True)
    csv = f"dossier;bedrag;maanden;datum\n{d.nummer};400;1;{clock.vandaag():%d/%m/%Y}\n"
    r = client.post("/signalen/import", data={"bestand": (io.BytesIO(csv.encode()), "a.csv")},
                    content_type="multipart/form-data")
    tekst = r.get_data(as_text=True)
    assert f'href="/dossiers/{d.id}#signalen">{d.nummer}</a>' in tekst
    assert "nieuw signaal" in tekst


# --- 11. simulation on the waiting list in Caseflow ---------------------------------------------

def test_R_8_3_simulation_on_a_woonmaatschappijs_current_candidates_explains_the_rest(client,
                                                                                       world):
    a = _kandidaat(world, "Sim")
    x = _kandidaat(world, "Rijk", inkomen=Decimal("5000"))
    login(client, world.coord_regio)
    assert "voorbeeld.csv" in client.get("/simulatie/").get_data(as_text=True)
    assert client.get("/simulatie/voorbeeld.csv").data.decode("utf-8-sig").startswith("id;")
    r = client.post("/simulatie/", data={
        "woonmaatschappij": str(world.woonboog.id), "start": clock.vandaag().isoformat(),
        "maanden": "2", "woningen_per_maand": "5"})
    tekst = r.get_data(as_text=True)
    assert r.status_code == 200, tekst[:2000]
    assert '<dd id="toegewezen">1<' in tekst
    assert "inkomen boven de grens" in tekst and f"{x.nummer}: inkomen" in tekst
    _ = a


# --- 13. rules edited as forms -------------------------------------------------------------------

def test_I_4_2a_a_beheerder_adds_a_version_in_the_shape_of_its_table(client, world):
    from caseflow.services import wegingskader

    login(client, world.beheerder)
    pagina = client.get("/instellingen/").get_data(as_text=True)
    assert "als JSON" in pagina  # shown for reading, never typed
    assert 'name="waarde"' not in pagina and "Waarde (JSON" not in pagina
    assert 'name="punten_begeleiding-w-gemeente" value="5"' in pagina
    morgen = clock.vandaag() + timedelta(days=1)
    r = client.post("/instellingen/punten_begeleiding", data={
        "punten_begeleiding-ingangsdatum": morgen.isoformat(),
        "punten_begeleiding-w-gemeente": "4", "punten_begeleiding-w-werkingsgebied": "2",
        "punten_begeleiding-w-arrondissement": "1"})
    assert r.status_code == 302 and r.headers["Location"].endswith("#instelling-punten_begeleiding")
    assert wegingskader.limieten(morgen).begeleiding_punten == {
        "gemeente": 4, "werkingsgebied": 2, "arrondissement": 1}


def test_I_9_2_a_coordinator_simulates_only_the_candidates_in_their_scope(client, world):
    """The access policy: a welzijnsorganisatie's coördinator sees no woonmaatschappij's
    candidates (dossier numbers with reasons), only a file."""
    from caseflow.errors import NietToegestaan as Forbidden
    from caseflow.services import ranking

    _kandidaat(world, "Buiten")
    with pytest.raises(Forbidden):
        ranking.wachtlijst(world.coord, world.woonboog.id)
    login(client, world.coord)
    assert "Huidige kandidaten van" not in client.get("/simulatie/").get_data(as_text=True)
    r = client.post("/simulatie/", data={
        "woonmaatschappij": str(world.woonboog.id), "start": clock.vandaag().isoformat(),
        "maanden": "2", "woningen_per_maand": "5"})
    assert r.status_code == 422 and "Buiten" not in r.get_data(as_text=True)
