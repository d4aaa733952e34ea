"""What waits on the start page among the few open items of years of work: the earliest
open signalen of the user's scope (I-7.2, I-7.4) and the other party's open proposals (R-6.2),
whichever organisation holds how many dossiers, each read along the partial index of the open
ones."""
from datetime import date, timedelta

from sqlalchemy import insert, select, text

from caseflow import access, clock
from caseflow.extensions import db
from caseflow.models import Dossier, Signaal
from caseflow.models.signaal import is_open
from caseflow.services import begeleiding, herinneringen, start
from tests.builders import advance, fresh, login, new_dossier, sqlite_plan, statements

STATUSSEN = ["aanvraag", "erkend", "contact", "gemeld", "opgelost", "gesloten"]


def _signalen(world, aantal: int) -> None:
    """Signalen of every status on dossiers of both welfare organisations, requested on
    different days (some on the same day)."""
    dossiers = [new_dossier(hv, world.woonboog) for hv in (world.hv, world.hv_ocmw) * 3]
    db.session.execute(insert(Signaal), [dict(
        dossier_id=dossiers[i % len(dossiers)].id, soort="huurachterstand", beschrijving="test",
        status=STATUSSEN[i % len(STATUSSEN)], verplicht=i % 4 != 0,
        # a gemeld signaal is not yet a request: no date (I-7.2)
        aangevraagd_op=None if STATUSSEN[i % len(STATUSSEN)] == "gemeld" else
        date(2026, 1, 1) + timedelta(days=(i * 7) % 11),
        gemeld_door_id=world.hv.id, version_id=1) for i in range(aantal)])
    db.session.commit()


def _verwacht(user, statussen, limiet: int) -> list[int]:
    """The rule written out: the open signalen (of these statuses) of the dossiers in scope,
    the earliest request first and those not yet asked for last, at most `limiet`."""
    in_scope = set(db.session.scalars(select(Dossier.id).where(access.dossier_scope(user))))
    rijen = sorted((s.aangevraagd_op is None, s.aangevraagd_op or date.min, s.id)
                   for s in db.session.scalars(select(Signaal))
                   if s.dossier_id in in_scope and s.status in statussen)
    return [r[-1] for r in rijen[:limiet]]


def test_the_start_page_lists_the_earliest_open_signalen_of_the_scope_I_7_2(world, monkeypatch):
    monkeypatch.setattr(start, "PER_SOORT", 4)  # a limit of 8 among 60 signalen
    _signalen(world, 60)
    for user, statussen in ((world.hv, herinneringen.SIGNAAL_OPEN),
                            (world.hv_ocmw, herinneringen.SIGNAAL_OPEN),
                            (world.hb, ("gemeld", "aanvraag", "erkend", "contact")),
                            (world.coord_regio, ("gemeld", "aanvraag", "erkend", "contact"))):
        getoond = [s.id for s, _, _ in start.overzicht(user)["signalen"]]
        verwacht = _verwacht(user, statussen, 8)
        if user.rol == "hulpverlener":  # I-7.4: only the requests the hulpverlener must answer
            verplicht = {s.id for s in db.session.scalars(select(Signaal)) if s.verplicht}
            verwacht = [i for i in verwacht if i in verplicht]
        assert sorted(getoond) == sorted(verwacht), user.email


def test_the_open_signalen_are_read_along_their_partial_index_on_sqlite_I_7_2(world):
    """SQLite's statistics know an organisation's average size only; the hint keeps it from
    walking every dossier of the largest organisation to find its few open signalen."""
    _signalen(world, 12)
    vraag = start.eerste_open_signalen(world.hv, herinneringen.SIGNAAL_OPEN, 8)
    assert set(db.session.scalars(vraag)) <= {
        s.id for s in db.session.scalars(select(Signaal).where(is_open()))}
    if db.engine.dialect.name != "sqlite":
        return
    plan = " ".join(str(r) for r in db.session.execute(text("EXPLAIN QUERY PLAN " + str(
        vraag.compile(db.engine, compile_kwargs={"literal_binds": True})))))
    assert "SCAN signaal USING INDEX ix_signaal_open" in plan


def test_the_other_partys_open_proposal_waits_until_it_is_answered_R_6_2(world):
    d = new_dossier(world.hv, world.woonboog)
    advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen", "toewijzen",
            hv=world.hv, hb=world.hb)
    begeleiding.voorstellen(world.hb, d.id, fresh(d).version_id, clock.vandaag())
    wacht = []
    gelezen = statements(lambda: wacht.extend(
        w.wat for w in start.wacht_op(world.hv) if w.dossier.id == d.id))
    assert wacht == ["Beslissen: ondertekenen voorgesteld door de andere partij (R-6.2)"]
    assert not [w for w in start.wacht_op(world.hb) if w.dossier.id == d.id]  # its own
    begeleiding.beslissen(world.hv, d.id, fresh(d).version_id, True)
    assert not [w for w in start.wacht_op(world.hv) if w.dossier.id == d.id]
    if db.engine.dialect.name == "sqlite":
        voorstellen = [p for p in gelezen if "FROM bo_voorstel" in p[0]]
        assert voorstellen and all("ix_bo_voorstel_open" in sqlite_plan(*p) for p in voorstellen)


def test_each_start_list_shows_its_first_rows_and_says_there_are_more_I_7_2_R_6_2(
        client, world, monkeypatch):
    """However much waits in a scope, each list of the start page shows its first TONEN rows
    and says that there are more (the page stays about 100 rows)."""
    monkeypatch.setattr(start, "TONEN", 3)
    monkeypatch.setattr(start, "PER_SOORT", 4)
    _signalen(world, 60)
    overzicht = start.overzicht(world.coord_regio)
    assert len(overzicht["signalen"]) == 3 and overzicht["meer"]["signalen"]
    assert not overzicht["meer"]["wacht"] and not overzicht["meer"]["actiepunten"]
    login(client, world.coord_regio)
    tekst = client.get("/start").get_data(as_text=True)
    assert tekst.count('<td data-label="Signaal">') == 3
    assert "U ziet de 3 met de vroegste termijn; er zijn er meer." in tekst
    monkeypatch.setattr(start, "TONEN", 50)
    monkeypatch.setattr(start, "PER_SOORT", 51)  # 60 signalen, 40 of them open: all shown
    assert "er zijn er meer" not in client.get("/start").get_data(as_text=True)
