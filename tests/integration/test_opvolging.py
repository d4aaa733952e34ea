"""The coördinator's review queue: overdue items within the coördinator's
scope, latest first, with reassigning, comments and the mark 'reviewed' recorded (R-6.2, I-6.5a,
I-7.3, I-9.2 audit)."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import select

from caseflow.errors import NietGevonden as NotFound
from caseflow.errors import Ongeldig
from caseflow.extensions import db
from caseflow.models import AuditEvent, Beoordeling
from caseflow.services import casusoverleg, opvolging
from tests.builders import (
    advance,
    fresh,
    login,
    new_dossier,
    sqlite_plan,
    statements,
    tel_statements,
)

BXL = ZoneInfo("Europe/Brussels")
VANDAAG = date(2026, 1, 11)


def om(dag):
    return time_machine.travel(datetime(dag.year, dag.month, dag.day, 10, tzinfo=BXL),
                               tick=False)


@pytest.fixture
def overdue(world):
    """A CAW dossier whose 1-year agreement ended on 02/01/2026 without a decision, with an
    action item due 05/01/2026; and an OCMW Geel dossier with an action item overdue too."""
    with om(date(2025, 1, 2)):
        d = new_dossier(world.hv, world.woonboog, pijler=3)
        advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen", "toewijzen",
                "begeleiding_starten", hv=world.hv, hb=world.hb)
    with om(date(2026, 1, 2)):
        o = casusoverleg.registreren(world.hv, d.id, fresh(d).version_id, date(2026, 1, 2),
                                     "evaluatie", "CAW, Woonboog", "Evaluatie", None)
        casusoverleg.actiepunt_toevoegen(world.hv, d.id, fresh(d).version_id, o.id,
                                         "Verlenging voorstellen", world.hv.id, date(2026, 1, 5))
        e = new_dossier(world.hv_ocmw, world.leefgoed)
        o2 = casusoverleg.registreren(world.hv_ocmw, e.id, e.version_id, date(2026, 1, 2),
                                      "periodiek", "OCMW", "Overleg", None)
        casusoverleg.actiepunt_toevoegen(world.hv_ocmw, e.id, fresh(e).version_id, o2.id,
                                         "Bellen", world.hv_ocmw.id, date(2026, 1, 8))
    return fresh(d), fresh(e)


def items(user, **kw):
    return [(g.organisatie, i.soort, i.dossier.id, i.dagen_te_laat)
            for g in opvolging.wachtrij(user, vandaag=VANDAAG, **kw) for i in g.items]


def test_overdue_agreement_and_action_item_latest_first_R_6_2_I_6_5a(world, overdue):
    d, _ = overdue
    caw = [i for i in items(world.coord) if i[1] != "dossier_stil"]
    # The agreement ended 02/01 (9 days late), the action item was due 05/01 (6 days).
    assert caw == [("CAW De Kempen", "bo_voorbij_einde", d.id, 9),
                   ("CAW De Kempen", "actiepunt_te_laat", d.id, 6)]


def test_each_coordinator_sees_their_own_organisation_the_regional_one_all(world, overdue):
    d, e = overdue
    assert {i[2] for i in items(world.coord)} == {d.id}
    assert {i[2] for i in items(world.coord_ocmw)} == {e.id}
    assert {i[2] for i in items(world.coord_regio)} == {d.id, e.id}


def test_reassign_within_the_organisation_only(world, overdue):
    d, e = overdue
    opvolging.herverdelen(world.coord, d.id, d.version_id, world.hv2.id)
    assert fresh(d).hulpverlener_id == world.hv2.id
    assert db.session.scalars(select(AuditEvent).where(
        AuditEvent.actie == "dossier_herverdeeld")).one().dossier_id == d.id
    with pytest.raises(Ongeldig):  # not a hulpverlener of CAW De Kempen
        opvolging.herverdelen(world.coord, d.id, fresh(d).version_id, world.hv_ocmw.id)
    with pytest.raises(NotFound):  # outside the OCMW coördinator's scope
        opvolging.herverdelen(world.coord_ocmw, d.id, fresh(d).version_id, world.hv.id)


def test_comment_then_mark_reviewed_hides_the_item_until_a_new_due_date(world, overdue):
    d, _ = overdue
    item = next(i for g in opvolging.wachtrij(world.coord, vandaag=VANDAAG) for i in g.items
                if i.soort == "bo_voorbij_einde")
    sleutel = (item.soort, item.object_type, item.object_id, item.vervaldatum)
    opvolging.beoordelen(world.coord, d.id, *sleutel, "Gebeld met An: verlenging volgt.", False)
    assert any(i[1] == "bo_voorbij_einde" for i in items(world.coord))  # a comment only
    with pytest.raises(Ongeldig):
        opvolging.beoordelen(world.coord, d.id, *sleutel, "  ", False)
    opvolging.beoordelen(world.coord, d.id, *sleutel, None, True)
    assert not any(i[1] == "bo_voorbij_einde" for i in items(world.coord))
    alles = [i for g in opvolging.wachtrij(world.coord, ook_beoordeeld=True, vandaag=VANDAAG)
             for i in g.items if i.soort == "bo_voorbij_einde"]
    assert [b.opmerking for b in alles[0].opmerkingen] == ["Gebeld met An: verlenging volgt.",
                                                          None]
    assert db.session.scalars(select(Beoordeling).where(Beoordeling.beoordeeld)).one() \
        .gebruiker_id == world.coord.id


def test_review_page_through_the_browser_forms(client, world, overdue):
    d, _ = overdue
    versie = d.version_id  # the version the coördinator's page was loaded with
    with om(VANDAAG):
        login(client, world.coord)
        page = client.get("/opvolging").get_data(as_text=True)
        assert "Begeleidingsovereenkomst voorbij de einddatum" in page and d.nummer in page
        response = client.post(f"/opvolging/{d.id}/herverdelen", data={
            f"h{d.id}-hulpverlener_id": world.hv2.id, f"h{d.id}-version_id": versie})
        assert response.status_code == 302
        assert fresh(d).hulpverlener_id == world.hv2.id
        stale = client.post(f"/opvolging/{d.id}/herverdelen", data={
            f"h{d.id}-hulpverlener_id": world.hv.id, f"h{d.id}-version_id": versie})
        assert stale.status_code == 409  # somebody changed it meanwhile: nothing lost
    assert fresh(d).hulpverlener_id == world.hv2.id


def test_bad_review_input_is_answered_never_a_500(client, world, overdue):
    d, e = overdue
    login(client, world.coord)
    basis = {"dossier_id": d.id, "soort": "bo_voorbij_einde", "object_type": "x",
             "object_id": 1, "vervaldatum": "2026-01-02", "opmerking": "ok"}
    assert client.post("/opvolging/beoordelen", data={**basis, "vervaldatum": "gisteren"}) \
        .status_code == 400
    assert client.post("/opvolging/beoordelen", data={**basis, "object_id": "een"}) \
        .status_code == 400
    assert client.post("/opvolging/beoordelen", data={**basis, "dossier_id": e.id}) \
        .status_code == 404  # outside the CAW coördinator's scope
    onbekend = client.post("/opvolging/beoordelen", data={**basis, "soort": "verzonnen"},
                           follow_redirects=True)
    assert onbekend.status_code == 200 and "Onbekend soort item." in onbekend.get_data(
        as_text=True)
    assert client.post(f"/opvolging/{d.id}/herverdelen", data={
        f"h{d.id}-hulpverlener_id": world.hv2.id, f"h{d.id}-version_id": "x"}).status_code == 409
    assert fresh(d).hulpverlener_id == world.hv.id  # a version that is no number is stale
    leeg = client.post(f"/opvolging/{d.id}/herverdelen", data={})
    assert leeg.status_code == 422 and "Kies een hulpverlener." in leeg.get_data(as_text=True)
    assert db.session.scalars(select(Beoordeling)).all() == []


def test_I_6_5a_the_queue_pages_and_filters_instead_of_stopping_at_the_latest(world, overdue):
    alle = items(world.coord)
    eerste = opvolging.wachtrij(world.coord, vandaag=VANDAAG, per_pagina=1)
    tweede = opvolging.wachtrij(world.coord, vandaag=VANDAAG, per_pagina=1, pagina=2)
    assert eerste.totaal == len(alle) == eerste.paginas >= 2
    assert [(i.soort, i.dossier.id) for g in eerste for i in g.items] == [alle[0][1:3]]
    assert [(i.soort, i.dossier.id) for g in tweede for i in g.items] == [alle[1][1:3]]
    actiepunten = opvolging.wachtrij(world.coord, opvolging.Filter(soort="actiepunt_te_laat"),
                                     vandaag=VANDAAG)
    assert [i.soort for g in actiepunten for i in g.items] == ["actiepunt_te_laat"]
    assert actiepunten.totaal == 1
    andere = opvolging.wachtrij(world.coord_regio, opvolging.Filter(
        organisatie_id=world.ocmw.id), vandaag=VANDAAG)
    assert {i.dossier.organisatie_id for g in andere for i in g.items} == {world.ocmw.id}


def test_I_9_2_the_queue_reads_a_fixed_number_of_statements_whatever_it_holds(world, overdue):
    """Cost follows what a page shows: more overdue dossiers add no statements."""
    def tel():
        opvolging.wachtrij(world.coord_regio, vandaag=VANDAAG)  # warm: the same users loaded
        return tel_statements(lambda: opvolging.wachtrij(world.coord_regio, vandaag=VANDAAG))
    with om(VANDAAG):
        voor = tel()
    with om(date(2025, 6, 1)):
        for _ in range(5):
            new_dossier(world.hv, world.woonboog)  # stil by 11/01/2026
    with om(VANDAAG):
        assert items(world.coord_regio) and tel() == voor


def test_I_6_5a_agreements_action_items_and_signalen_are_read_along_their_open_ones(
        world, overdue):
    """SQLite's statistics know an organisation's average size only: the kinds whose open
    items have a partial index are told to start from it, not from the organisation's
    dossiers (80 000 in the largest). The items stay those of the rules (R-6.2, I-6.5a)."""
    d, _ = overdue
    gevonden = []
    gelezen = statements(lambda: gevonden.extend(items(world.coord)))
    assert ("CAW De Kempen", "bo_voorbij_einde", d.id, 9) in gevonden
    assert ("CAW De Kempen", "actiepunt_te_laat", d.id, 6) in gevonden
    if db.engine.dialect.name != "sqlite":
        return
    for tabel, index in (("begeleidingsovereenkomst", "ix_bo_in_kracht"),
                         ("actiepunt", "ix_actiepunt_open"), ("signaal", "ix_signaal_open")):
        plannen = [sqlite_plan(*p) for p in gelezen if f"FROM {tabel} " in p[0]
                   and "geplande_einddatum >=" not in p[0]]  # the evaluation: by date alone
        assert plannen and all(f"USING INDEX {index}" in p for p in plannen), (tabel, plannen)


def test_I_6_5a_each_kind_is_counted_up_to_the_limit_and_the_page_says_more(
        client, world, overdue, monkeypatch):
    """As the caseload: past the limit the queue says 'meer dan' rather than count every
    overdue item of a region on each view; the items shown and their order do not change."""
    from caseflow.services import paginering

    with om(date(2025, 6, 1)):
        for _ in range(3):
            new_dossier(world.hv, world.woonboog)  # stil by 11/01/2026
    alle = items(world.coord_regio)
    monkeypatch.setattr(paginering, "TELLEN_TOT", 2)
    begrensd = opvolging.wachtrij(world.coord_regio, vandaag=VANDAAG)
    assert begrensd.meer and begrensd.totaal < len(alle)
    assert [(g.organisatie, i.soort, i.dossier.id, i.dagen_te_laat)
            for g in begrensd for i in g.items] == alle
    enkel = opvolging.wachtrij(world.coord_regio, opvolging.Filter(soort="actiepunt_te_laat"),
                               vandaag=VANDAAG)
    assert (enkel.totaal, enkel.meer) == (2, False)  # CAW's and OCMW Geel's action items
    with om(VANDAAG):
        login(client, world.coord_regio)
        assert "Meer dan " in client.get("/opvolging").get_data(as_text=True)


def test_I_9_2_the_reassign_page_is_a_view_of_the_dossier_and_audited(client, world, overdue):
    d, e = overdue
    login(client, world.coord)
    assert client.get(f"/opvolging/{d.id}/herverdelen").status_code == 200
    assert db.session.scalars(select(AuditEvent).where(
        AuditEvent.actie == "dossier_bekeken", AuditEvent.dossier_id == d.id)).all()
    assert client.get(f"/opvolging/{e.id}/herverdelen").status_code == 404  # other organisation


def test_a_deactivated_hulpverlener_s_open_dossiers_wait_in_the_queue_until_reassigned(
        client, world):
    """ASVS 3.3.1 with R-9.1: someone leaves the organisation; their sessions end at once, their
    history stays theirs, and their open dossiers reach the coördinator to be reassigned."""
    from caseflow.models import Gebruiker
    from caseflow.services import beheer

    open_ = new_dossier(world.hv, world.woonboog, achternaam="Open")
    dicht = new_dossier(world.hv, world.woonboog, achternaam="Dicht")
    advance(dicht, "afsluiten", hv=world.hv, hb=world.hb)
    login(client, world.hv)
    hv = db.session.get(Gebruiker, world.hv.id)
    with om(VANDAAG):
        beheer.gebruiker_opslaan(world.beheerder, {
            "naam": hv.naam, "email": hv.email, "rol": "hulpverlener",
            "organisatie_id": world.caw.id, "actief": False}, hv, version_id=hv.version_id)
    assert client.get("/dossiers/").status_code == 302  # logged out at once
    wachtend = [(soort, d) for _, soort, d, _ in items(world.coord) if soort == "hulpverlener_weg"]
    assert wachtend == [("hulpverlener_weg", open_.id)]
    assert "hulpverlener_weg" not in {s for _, s, _, _ in items(world.coord_ocmw)}
    assert db.session.scalars(select(AuditEvent.gebruiker_id).where(
        AuditEvent.dossier_id == open_.id)).first() == world.hv.id  # the history stays
    opvolging.herverdelen(world.coord, open_.id, fresh(open_).version_id, world.hv2.id)
    assert not [s for _, s, _, _ in items(world.coord) if s == "hulpverlener_weg"]


def test_I_7_2_a_missed_signaal_deadline_waits_in_the_queue_with_the_date_of_its_setting(world):
    """A request whose acknowledgement deadline (in werkdagen, as configured on the day of the
    request) passed waits in the queue, dated as the dossier page dates it; one still within
    its deadline does not."""
    from caseflow.models import Instelling, Signaal
    from caseflow.services import signalen

    db.session.add(Instelling(sleutel="signaal_termijnen", ingangsdatum=date(2025, 6, 1),
                              waarde={"erkennen": 3, "contact": 8, "casusoverleg": 15},
                              toelichting="test"))
    db.session.commit()
    gevraagd = []
    # before the setting (the default 5 werkdagen); long ago; the day before yesterday
    for dag in (date(2025, 5, 20), date(2025, 12, 1), date(2026, 1, 8)):
        with om(dag):
            d = new_dossier(world.hv, world.woonboog)
            advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen",
                    "toewijzen", "zonder_begeleiding_opvolgen", hv=world.hv, hb=world.hb)
            signalen.melden(world.hb, d.id, fresh(d).version_id, "overlast", "Lawaai")
            s = db.session.scalars(select(Signaal).where(Signaal.dossier_id == d.id)).one()
            signalen.stap(world.hb, d.id, s.id, s.version_id, "aanvragen")
            gevraagd.append((fresh(d), db.session.get(Signaal, s.id)))
    (eerst, s_eerst), (oud, s_oud), (nieuw, _) = gevraagd
    termijn = signalen.volgende_termijn(s_oud, oud)
    assert termijn == ("erkennen", date(2025, 12, 4))  # 3 werkdagen: the setting of that day
    assert signalen.volgende_termijn(s_eerst, eerst) == ("erkennen", date(2025, 5, 27))
    wachtrij = opvolging.wachtrij(world.coord, opvolging.Filter(soort="signaal_termijn"),
                                  vandaag=VANDAAG)
    wachtend = [i for g in wachtrij for i in g.items]
    assert sorted((i.vervaldatum, i.dossier.id) for i in wachtend) == [
        (date(2025, 5, 27), eerst.id), (termijn[1], oud.id)]
    assert wachtrij.totaal == 2
    assert {i.dossier.id: i.dagen_te_laat for i in wachtend}[oud.id] == \
        (VANDAAG - termijn[1]).days
    assert nieuw.id not in {i.dossier.id for i in wachtend}
