"""The dossier workflow through the services and pages: history, audit, refusals that change
nothing, the R-1.3/R-3.1 agreement check, R-3.3 confirmation, and optimistic locking."""
from datetime import date, timedelta

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from sqlalchemy import func, select

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Attest, AuditEvent, Begeleidingsovereenkomst, Dossier
from caseflow.services import attesten, stappen
from tests.builders import advance, attest_data, login, new_dossier, overeenkomst
from workflows.base import TransitieGeweigerd


def reload(d) -> Dossier:
    db.session.expire_all()
    return db.session.get(Dossier, d.id)


def test_full_path_toeleiding_to_afgesloten_records_every_step(world):
    d = new_dossier(world.hv, world.woonboog)
    vandaag = clock.vandaag()
    advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen", "toewijzen",
            "begeleiding_starten", "begeleiding_beeindigen", hv=world.hv, hb=world.hb)
    d = reload(d)
    assert d.status == "aanklampend"
    assert d.toewijzingsdatum == vandaag
    assert d.toewijzing.engagement_einde == vandaag + relativedelta(years=2)
    stappen = [(h.van, h.naar, h.trigger) for h in d.historiek]
    assert stappen == [
        (None, "toeleiding", "toeleiding"),
        ("toeleiding", "attest", "attest_voorbereiden"),
        ("attest", "kandidaat", "attest_uitreiken"),
        ("kandidaat", "toegewezen", "toewijzen"),
        ("toegewezen", "begeleiding", "begeleiding_starten"),
        ("begeleiding", "aanklampend", "begeleiding_beeindigen"),
    ]
    assert d.historiek[3].gebruiker_id == world.hb.id
    bo = db.session.scalars(select(Begeleidingsovereenkomst)).one()
    # signed by the other party, then shortened by agreement of both.
    assert (bo.status, bo.startdatum, bo.einddatum) == ("beeindigd", vandaag, vandaag)
    assert [(v.soort, v.partij, v.status) for v in bo.voorstellen] == [
        ("ondertekenen", "welzijn", "aanvaard"), ("verkorten", "welzijn", "aanvaard")]
    transitions = db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.actie == "dossier_transitie", AuditEvent.dossier_id == d.id))
    assert transitions == 5  # attest_bevestigen is an action on the attest, not the dossier


def test_attest_validity_is_6_months_I_3_4(world):
    d = new_dossier(world.hv, world.woonboog)
    advance(d, "attest_voorbereiden", hv=world.hv, hb=world.hb)
    advance(d, "attest_uitreiken", hv=world.hv, hb=world.hb, datum=date(2026, 3, 31))
    attest = db.session.scalars(select(Attest)).one()
    assert (attest.versie, attest.status, attest.geldig_tot) == (1, "uitgereikt",
                                                                date(2026, 9, 30))


def test_refused_transition_changes_nothing_and_says_why(world):
    d = new_dossier(world.hv, world.woonboog, cir_inschrijvingsdatum=None, cir_nummer=None)
    version = d.version_id
    with pytest.raises(TransitieGeweigerd) as e:
        stappen.transitie(world.hv, d.id, "attest_voorbereiden", version)
    assert "Centraal Inschrijvingsregister" in e.value.redenen[0]
    d = reload(d)
    assert d.status == "toeleiding" and d.version_id == version
    assert len(d.historiek) == 1
    refused = db.session.scalars(select(AuditEvent).where(
        AuditEvent.actie == "actie_geweigerd")).one()
    assert refused.details["handeling"] == "attest_voorbereiden"


def test_toewijzing_needs_a_confirmed_attest_R_3_3(world):
    d = new_dossier(world.hv, world.woonboog)
    advance(d, "attest_voorbereiden", "attest_uitreiken", hv=world.hv, hb=world.hb)
    with pytest.raises(TransitieGeweigerd) as e:
        stappen.transitie(world.hb, d.id, "toewijzen", d.version_id)
    assert "R-3.3" in e.value.redenen[0]
    d = reload(d)
    assert d.status == "kandidaat" and d.toewijzingsdatum is None  # nothing half-saved


def test_lapsed_attest_cannot_be_confirmed_I_3_4(world):
    d = new_dossier(world.hv, world.woonboog)
    advance(d, "attest_voorbereiden", hv=world.hv, hb=world.hb)
    advance(d, "attest_uitreiken", hv=world.hv, hb=world.hb,
            datum=clock.vandaag() - timedelta(days=200))
    with pytest.raises(TransitieGeweigerd) as e:
        attesten.bevestigen(world.hb, d.id, d.version_id)
    assert "verlopen" in e.value.redenen[0]
    assert db.session.scalars(select(Attest)).one().status == "uitgereikt"


def test_attest_only_with_a_samenwerkingsovereenkomst_R_1_3_R_3_1(world):
    # OCMW Geel has an agreement with LeefGoed only; a dossier for Woonboog cannot get its attest.
    d = new_dossier(world.hv_ocmw, world.woonboog)
    advance(d, "attest_voorbereiden", hv=world.hv_ocmw, hb=world.hb)
    with pytest.raises(TransitieGeweigerd) as e:
        attesten.uitreiken(world.hv_ocmw, d.id, d.version_id, attest_data(d))
    assert "samenwerkingsovereenkomst" in e.value.redenen[0]
    assert db.session.scalar(select(func.count(Attest.id))) == 0
    assert reload(d).status == "attest"
    # An ended agreement does not count either; a running one does.
    overeenkomst(world.ocmw, world.woonboog, start=date(2020, 1, 1), einde=date(2022, 12, 31))
    with pytest.raises(TransitieGeweigerd):
        attesten.uitreiken(world.hv_ocmw, d.id, d.version_id, attest_data(d))
    overeenkomst(world.ocmw, world.woonboog, start=date(2023, 1, 1))
    attesten.uitreiken(world.hv_ocmw, d.id, d.version_id, attest_data(d))
    assert reload(d).status == "kandidaat"


def test_action_dates_may_not_lie_in_the_future(world):
    d = new_dossier(world.hv, world.woonboog)
    advance(d, "attest_voorbereiden", hv=world.hv, hb=world.hb)
    from caseflow.errors import Ongeldig

    with pytest.raises(Ongeldig) as e:
        attesten.uitreiken(world.hv, d.id, d.version_id, attest_data(d),
                           datum=clock.vandaag() + timedelta(days=1))
    assert "toekomst" in e.value.fouten["datum"]


def test_close_and_reopen_by_coordinator_returns_to_the_stage(world):
    d = new_dossier(world.hv, world.woonboog)
    advance(d, "attest_voorbereiden", "afsluiten", hv=world.hv, hb=world.hb)
    assert reload(d).status == "afgesloten" and reload(d).afsluitreden == "private_huurmarkt"
    stappen.transitie(world.coord, d.id, "heropenen", reload(d).version_id,
                      toelichting="Private huurovereenkomst niet doorgegaan")
    d = reload(d)
    assert d.status == "attest" and d.afsluitreden is None
    assert d.historiek[-1].toelichting == "Private huurovereenkomst niet doorgegaan"


def test_engagement_afgelopen_two_years_after_toewijzing_R_6_3(world):
    with time_machine.travel("2024-03-01 10:00 +0100", tick=False):
        d = new_dossier(world.hv, world.woonboog)
        advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen", "toewijzen",
                "zonder_begeleiding_opvolgen", hv=world.hv, hb=world.hb)
    with time_machine.travel("2026-03-01 10:00 +0100", tick=False):  # I-7.4a: its last day
        with pytest.raises(TransitieGeweigerd):
            stappen.transitie(world.hv, d.id, "afsluiten", reload(d).version_id,
                              reden="engagement_afgelopen")
    with time_machine.travel("2026-03-02 10:00 +0100", tick=False):
        stappen.transitie(world.hv, d.id, "afsluiten", reload(d).version_id,
                          reden="engagement_afgelopen",
                          gegevens={"woonbehoud_1_jaar": True, "woonbehoud_2_jaar": True})
    d = reload(d)
    assert d.status == "afgesloten"
    assert (d.toewijzing.woonbehoud_1_jaar, d.toewijzing.woonbehoud_2_jaar) == (True, True)


def test_woonbehoud_only_once_the_year_has_passed(world):
    from caseflow.errors import Ongeldig

    with time_machine.travel("2025-03-01 10:00 +0100", tick=False):
        d = new_dossier(world.hv, world.woonboog)
        advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen", "toewijzen",
                "zonder_begeleiding_opvolgen", hv=world.hv, hb=world.hb)
    with time_machine.travel("2026-03-02 10:00 +0100", tick=False):
        with pytest.raises(Ongeldig) as e:
            stappen.transitie(world.hv, d.id, "afsluiten", reload(d).version_id,
                              reden="verhuisd", gegevens={"woonbehoud_1_jaar": True,
                                                          "woonbehoud_2_jaar": False})
        assert "woonbehoud_2_jaar" in e.value.fouten
        assert reload(d).status == "aanklampend"
        stappen.transitie(world.hv, d.id, "afsluiten", reload(d).version_id, reden="verhuisd",
                          gegevens={"woonbehoud_1_jaar": True, "woonbehoud_2_jaar": None})
    assert reload(d).toewijzing.woonbehoud_1_jaar is True


# --- through the pages ---------------------------------------------------------------------

def test_page_shows_blocked_action_with_reason(client, world):
    d = new_dossier(world.hv, world.woonboog, cir_inschrijvingsdatum=None, cir_nummer=None)
    login(client, world.hv)
    page = client.get(f"/dossiers/{d.id}").get_data(as_text=True)
    assert 'disabled aria-describedby="waarom-attest_voorbereiden"' in page
    assert "Centraal Inschrijvingsregister" in page


def test_refused_action_through_the_page_is_422_with_reasons(client, world):
    d = new_dossier(world.hv, world.woonboog)
    advance(d, "attest_voorbereiden", "attest_uitreiken", hv=world.hv, hb=world.hb)
    login(client, world.hb)
    response = client.post(f"/dossiers/{d.id}/actie/toewijzen", data={
        "toewijzen-version_id": str(d.version_id), "toewijzen-datum": "2026-01-05",
        "toewijzen-gemeente_id": str(d.gemeente_id),
        "toewijzen-adres": "Kerkstraat 1"})
    assert response.status_code == 422
    assert "R-3.3" in response.get_data(as_text=True)
    assert reload(d).status == "kandidaat"


def test_action_form_errors_shown_at_the_field(client, world):
    d = new_dossier(world.hv, world.woonboog)
    login(client, world.hv)
    response = client.post(f"/dossiers/{d.id}/actie/afsluiten", data={
        "afsluiten-version_id": str(d.version_id), "afsluiten-reden": "andere"})
    assert response.status_code == 422
    assert "Geef een toelichting bij" in response.get_data(as_text=True)
    response = client.post(f"/dossiers/{d.id}/actie/afsluiten", data={
        "afsluiten-version_id": str(d.version_id), "afsluiten-reden": "verzonnen"})
    assert response.status_code == 422
    assert reload(d).status == "toeleiding"


def test_confirm_attest_and_allocate_through_the_pages(client, world):
    """Pijler 3 allocates on the dossier page (pijler 2 through a vacancy, R-4.8)."""
    d = new_dossier(world.hv, world.woonboog, pijler=3)
    advance(d, "attest_voorbereiden", "attest_uitreiken", hv=world.hv, hb=world.hb)
    login(client, world.hb)
    response = client.post(f"/dossiers/{d.id}/formulier/attest_bevestigen",
                           data={"attest_bevestigen-version_id": str(d.version_id)})
    assert response.status_code == 302
    d = reload(d)
    response = client.post(f"/dossiers/{d.id}/actie/toewijzen", data={
        "toewijzen-version_id": str(d.version_id),
        "toewijzen-datum": clock.vandaag().strftime("%d/%m/%Y"),
        "toewijzen-gemeente_id": str(d.gemeente_id),
        "toewijzen-adres": "Kerkstraat 1", "toewijzen-doelgroep": "doorstromers"})
    assert response.status_code == 302
    assert reload(d).status == "toegewezen"


def test_stale_form_gives_a_conflict_page_and_saves_nothing(client, world):
    """Two people editing the same dossier never lose each other's work."""
    d = new_dossier(world.hv, world.woonboog)
    old_version = d.version_id
    login(client, world.hv2)
    # Colleague An changes the dossier first.
    stappen.transitie(world.hv, d.id, "attest_voorbereiden", old_version)
    response = client.post(f"/dossiers/{d.id}/actie/afsluiten", data={
        "afsluiten-version_id": str(old_version), "afsluiten-reden": "ingetrokken"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Intussen door iemand anders gewijzigd" in page
    assert reload(d).status == "attest"


def test_stale_edit_shows_what_was_typed(client, world):
    from tests.integration.test_dossier_forms import valid_form

    d = new_dossier(world.hv, world.woonboog)
    login(client, world.hv)
    form = valid_form(world) | {"version_id": str(d.version_id), "adres": "Nieuwe straat 9"}
    stappen.transitie(world.hv2, d.id, "attest_voorbereiden", d.version_id)
    response = client.post(f"/dossiers/{d.id}/bewerken", data=form)
    assert response.status_code == 409
    assert "Nieuwe straat 9" in response.get_data(as_text=True)
    assert reload(d).adres is None


def test_caseload_search_filter_and_pagination(client, world, app):
    for i in range(30):
        new_dossier(world.hv, world.woonboog, achternaam=f"Naam{i:02d}")
    new_dossier(world.hv2, world.woonboog, achternaam="Collega")
    login(client, world.hv)
    page = client.get("/dossiers/").get_data(as_text=True)
    assert "30 dossiers" in page and "Pagina 1 van 2" in page and "Collega" not in page
    page = client.get("/dossiers/?wie=organisatie").get_data(as_text=True)
    assert "31 dossiers" in page
    page = client.get("/dossiers/?zoek=naam07").get_data(as_text=True)
    assert "1 dossier<" in page and "Naam07" in page
    page = client.get("/dossiers/?status=kandidaat").get_data(as_text=True)
    assert "0 dossiers" in page
    assert client.get("/dossiers/?pagina=abc&status=<x>").status_code == 200
    assert client.get("/dossiers/?zoek=" + "x" * 500).status_code == 200
    audit = db.session.scalars(select(AuditEvent).where(
        AuditEvent.actie == "caseload_bekeken")).first()
    assert len(audit.details["dossiers"]) == 25
