"""Monitoring of the allocation model (RULES.md section 8). A small dataset is built
through the services with time-machine, and every figure is compared with numbers worked out by
hand (in the comments). R-8.1, R-8.2, R-4.10, I-7.1, RULES.md 10 (woonbehoud)."""
import io
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, select

from caseflow.errors import NietToegestaan as Forbidden
from caseflow.errors import Ongeldig
from caseflow.extensions import db
from caseflow.models import AuditEvent, Gemeente, MonitoringStand, Quotum, Toewijzing
from caseflow.rules.monitoring import Periode
from caseflow.services import monitoring, signalen, stappen
from tests.builders import advance, fresh, login, new_dossier, tel_statements

BXL = ZoneInfo("Europe/Brussels")
JAAR = monitoring.Filter(Periode(2026))


def om(dag: date):
    return time_machine.travel(datetime(dag.year, dag.month, dag.day, 10, tzinfo=BXL),
                               tick=False)


def traject(world, toeleiding, attest, toewijzing, pijler=2, hv=None):
    hv = hv or world.hv
    with om(toeleiding):
        d = new_dossier(hv, world.woonboog, pijler=pijler)
    with om(attest):
        advance(d, "attest_voorbereiden", "attest_uitreiken", hv=hv, hb=world.hb, datum=attest)
    if toewijzing:
        with om(toewijzing):
            advance(fresh(d), "attest_bevestigen", "toewijzen", hv=hv, hb=world.hb,
                    datum=toewijzing)
    return fresh(d)


@pytest.fixture
def data(world):
    """A, B, C pijler 2 and D pijler 3 at Woonboog (CAW De Kempen); E closed from toeleiding
    because a private dwelling was found; F an OCMW Geel referral."""
    a = traject(world, date(2026, 1, 1), date(2026, 1, 21), date(2026, 2, 10))   # 20 + 20
    b = traject(world, date(2026, 1, 10), date(2026, 2, 9), date(2026, 3, 5))    # 30 + 24
    c = traject(world, date(2026, 2, 1), date(2026, 3, 13), date(2026, 5, 1))    # 40 + 49
    d = traject(world, date(2026, 1, 15), date(2026, 1, 25), date(2026, 2, 20), pijler=3)
    with om(date(2026, 4, 2)):
        e = new_dossier(world.hv, world.woonboog)
        stappen.transitie(world.hv, e.id, "afsluiten", e.version_id,
                           reden="private_huurmarkt")
    with om(date(2026, 6, 1)):
        advance(fresh(b), "zonder_begeleiding_opvolgen", hv=world.hv, hb=world.hb)
        stappen.transitie(world.hv, a.id, "afsluiten", fresh(a).version_id, reden="verhuisd")
        stappen.transitie(world.hv, c.id, "afsluiten", fresh(c).version_id, reden="overleden")
    with om(date(2026, 6, 15)):
        signalen.melden(world.hb, b.id, fresh(b).version_id, "huurachterstand", "x",
                        Decimal("900"), 2)
        signalen.melden(world.hb, b.id, fresh(b).version_id, "overlast", "lawaai")
    ta, td = fresh(a).toewijzing.id, fresh(d).toewijzing.id
    db.session.get(Toewijzing, ta).woonbehoud_1_jaar = False
    db.session.get(Toewijzing, td).woonbehoud_1_jaar = True
    db.session.commit()
    with om(date(2026, 7, 1)):
        f = new_dossier(world.hv_ocmw, world.leefgoed)
        monitoring.totaal_invoeren(world.hb, 2026, 1, 8)
        monitoring.totaal_invoeren(world.hb, 2026, 2, 5)
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f}


def rij(tabel, eerste):
    return next(r for r in tabel.rijen if r[0] == eerste)


def test_pijler2_share_against_the_entered_totals_R_8_1(world, data):
    t = monitoring.pijler2_aandeel(JAAR)
    # 2026: 3 pijler 2 toewijzingen (A, B, C); totals entered for K1 and K2 only (8 + 5):
    # no share for the year until every quarter is there (I-8.1a).
    assert rij(t, "Woonboog") == ["Woonboog", 3, 13, None, 20,
                                  "totaal ontbreekt voor K3, K4"]
    assert rij(t, "LeefGoed")[1:4] == [0, None, None]
    k1 = monitoring.pijler2_aandeel(monitoring.Filter(Periode(2026, 1)))
    assert rij(k1, "Woonboog")[1:6] == [2, 8, Decimal("25.0"), 20, "ja"]  # A, B of 8
    k2 = monitoring.pijler2_aandeel(monitoring.Filter(Periode(2026, 2)))
    assert rij(k2, "Woonboog")[1:4] == [1, 5, Decimal("20.0")]  # C of 5


def test_totals_are_entered_by_the_woonmaatschappij_only(world, data):
    with pytest.raises(Ongeldig):  # Caseflow already counts 2 pijler 2 toewijzingen in K1
        monitoring.totaal_invoeren(world.hb, 2026, 1, 1)
    with pytest.raises(Forbidden):
        monitoring.totaal_invoeren(world.coord, 2026, 1, 10)
    monitoring.totaal_invoeren(world.hb, 2026, 1, 10)  # a correction, not a second row
    assert rij(monitoring.pijler2_aandeel(JAAR), "Woonboog")[2] == 15


def test_toewijzingen_per_quarter(world, data):
    t = monitoring.toewijzingen_per_kwartaal(JAAR)
    assert t.rijen == [["K1", 2, 1], ["K2", 1, 0], ["K3", 0, 0], ["K4", 0, 0]]


def test_quota_use_per_zone_and_doelgroep_R_8_2(world, data):
    zone_id = db.session.scalar(select(Gemeente.zone_id).where(Gemeente.naam == "Turnhout"))
    quotum = db.session.scalars(select(Quotum).where(Quotum.zone_id == zone_id,
                                                     Quotum.doelgroep == "doorstromers")).one()
    t = monitoring.quota(monitoring.Filter(Periode(2026), zone_id=zone_id))
    doorstromers = next(r for r in t.rijen if r[2] == "Doorstromers")
    # D uses one reserved dwelling for doorstromers while it is toegewezen.
    assert doorstromers[3:6] == [quotum.aantal, 1, quotum.aantal - 1]
    assert doorstromers[6] == (Decimal(100) / quotum.aantal).quantize(Decimal("0.1"))
    assert all(r[4] == 0 for r in t.rijen if r[2] != "Doorstromers")


def test_doorlooptijden_median_and_90th_percentile(world, data):
    t = monitoring.doorlooptijden(world.coord_regio, JAAR)
    # toeleiding → attest: A 20, B 30, C 40, D 10 → sorted 10 20 30 40: median 25,
    #   p90 at rank 2.7: 30 + 0.7 × 10 = 37.
    assert rij(t, "Toeleiding → attest")[1:] == [4, 25.0, 37.0]
    # attest → toewijzing: A 20, B 24, C 49, D 26 → 20 24 26 49: median 25, p90 26 + 0.7 × 23.
    assert rij(t, "Attest → toewijzing")[1:] == [4, 25.0, 42.1]
    # toeleiding → toewijzing: 40, 54, 89, 36 → 36 40 54 89: median 47, p90 54 + 0.7 × 35.
    assert rij(t, "Toeleiding → toewijzing")[1:] == [4, 47.0, 78.5]
    k2 = monitoring.doorlooptijden(world.coord_regio, monitoring.Filter(Periode(2026, 2)))
    assert rij(k2, "Toeleiding → toewijzing")[1:] == [1, 89.0, 89.0]  # only C


def test_woonbehoud_after_one_and_two_years(world, data):
    t = monitoring.woonbehoud(world.coord_regio, JAAR, vandaag=date(2027, 6, 1))
    # All four toewijzingen are a year old on 01/06/2027, none two years. A recorded no (and
    # moved), D recorded yes, B is still followed (housed), C closed without a record.
    assert rij(t, "1 jaar") == ["1 jaar", 4, 4, 2, 1, 1, Decimal("66.7")]
    assert rij(t, "2 jaar") == ["2 jaar", 4, 0, 0, 0, 0, None]


def test_closures_and_the_private_market_R_4_10(world, data):
    t = monitoring.afsluitingen(world.coord_regio, JAAR)
    # CAW De Kempen closed E (private market), A (moved) and C (deceased) in 2026: 1 of 3.
    assert rij(t, "CAW De Kempen") == ["CAW De Kempen", 3, 1, Decimal("33.3"), 0, 2]
    assert monitoring.afsluitingen(world.coord_regio,
                                   monitoring.Filter(Periode(2025))).rijen == []


def test_signalen_per_kind_and_outcome_I_7_1(world, data):
    t = monitoring.signalen(world.coord_regio, JAAR)
    # 2 months of arrears escalate automatically to the coördinator (I-7.3).
    assert rij(t, "Huurachterstand") == ["Huurachterstand", 1, 1, 0, 0, 1]
    assert rij(t, "Overlast") == ["Overlast", 1, 1, 0, 0, 0]
    assert sum(r[1] for r in t.rijen) == 2


def test_caseload_per_hulpverlener_within_the_coordinators_scope(world, data):
    regio = monitoring.caseload(world.coord_regio, JAAR)
    # Open: B (aanklampend) and D (toegewezen) for an; F (toeleiding) for els of OCMW Geel.
    # The regional coördinator reads it per organisation (with how many hulpverleners).
    assert regio.rijen == [["CAW De Kempen", 1, 2, 0, 2], ["OCMW Geel", 1, 1, 1, 0]]
    caw = monitoring.caseload(world.coord, JAAR)
    assert caw.rijen == [["an", "CAW De Kempen", 2, 0, 2]]
    ocmw = monitoring.doorlooptijden(world.coord_ocmw, JAAR)
    assert all(r[1] == 0 for r in ocmw.rijen)  # none of the CAW dossiers


def test_monitoring_page_and_downloads(client, world, data):
    login(client, world.coord_regio)
    page = client.get("/monitoring?jaar=2026").get_data(as_text=True)
    assert "Aandeel pijler 2" in page and "<svg" in page
    assert "totaal ontbreekt voor K3, K4" in page  # no share on an incomplete total (I-8.1a)
    kwartaal = client.get("/monitoring?jaar=2026&kwartaal=1").get_data(as_text=True)
    assert "25,0" in kwartaal
    csv = client.get("/monitoring/pijler2.csv?jaar=2026")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    tekst = csv.data.decode("utf-8-sig")
    assert tekst.splitlines()[0].startswith("Woonmaatschappij;Pijler 2;Alle toewijzingen")
    assert "Woonboog;3;13;;20;totaal ontbreekt voor K3, K4" in tekst
    xlsx = client.get("/monitoring/doorlooptijden.xlsx?jaar=2026")
    blad = load_workbook(io.BytesIO(xlsx.data)).active
    waarden = [[c.value for c in r] for r in blad.iter_rows()]
    assert ["Toeleiding → toewijzing", 4, 47, 78.5] in waarden
    assert client.get("/monitoring/onbekend.csv").status_code == 404
    fout = client.get("/monitoring?jaar=abc")
    assert fout.status_code == 422 and "Geef een jaar van 2020 tot 2100." in fout.get_data(
        as_text=True)


def test_R_8_the_caseload_table_pages_on_screen_and_downloads_whole(client, world, data,
                                                                     monkeypatch):
    """An organisation of 700 hulpverleners: the page shows one page of the caseload table
    (rows and bars), the download and the report every row."""
    monkeypatch.setattr(monitoring, "PER_BLAD", 1)
    login(client, world.coord_regio)
    alle = monitoring.caseload(world.coord_regio, JAAR).rijen
    assert len(alle) == 2
    for pagina, rij in enumerate(alle, start=1):
        tekst = client.get(f"/monitoring?jaar=2026&pagina={pagina}").get_data(as_text=True)
        sectie = tekst.split('id="caseload"')[1].split("</section>")[0]
        assert f">{rij[0]}</td>" in sectie
        assert all(f">{r[0]}</td>" not in sectie for r in alle if r != rij)
        assert f"1 van de 2, pagina {pagina} van 2 (de downloads bevatten alle 2)" in sectie
        assert ("Volgende" in sectie) == (pagina == 1) and ("Vorige" in sectie) == (pagina == 2)
    assert client.get("/monitoring?jaar=2026&pagina=9").status_code == 200  # the last page
    assert client.get("/monitoring?jaar=2026&pagina=x").status_code == 200  # the first page
    csv = client.get("/monitoring/caseload.csv?jaar=2026").data.decode("utf-8-sig")
    assert all(r[0] in csv for r in alle)


def test_monitoring_report_is_an_A4_pdf_with_the_figures_of_the_page_R_8_1(client, world, data):
    """The report for the toewijzingsraad (R-8): every page A4, the period and filters on it,
    and the same figures as the page, read back from the PDF's text; its making is audited."""
    login(client, world.coord_regio)
    r = client.get("/monitoring/rapport.pdf?jaar=2026&kwartaal=1")
    assert r.status_code == 200 and r.mimetype == "application/pdf"
    assert r.data.startswith(b"%PDF")
    pdf = PdfReader(io.BytesIO(r.data))
    for pagina in pdf.pages:  # A4 is 595 × 842 points
        assert (round(float(pagina.mediabox.width)), round(float(pagina.mediabox.height))) == \
            (595, 842)
    tekst = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert Periode(2026, 1).label in tekst and "Alle woonmaatschappijen" in tekst
    k1 = monitoring.pijler2_aandeel(monitoring.Filter(Periode(2026, 1)))
    woonboog = rij(k1, "Woonboog")
    assert f"Woonboog {woonboog[1]} {woonboog[2]} 25,0 20" in tekst  # the page's 25,0 % share
    door = monitoring.doorlooptijden(world.coord_regio, monitoring.Filter(Periode(2026, 1)))
    for stap, aantal, *_ in door.rijen:
        assert f"{stap} {aantal}" in tekst
    assert "Downloaden" not in tekst
    gelogd = db.session.scalars(select(AuditEvent.actie).where(
        AuditEvent.gebruiker_id == world.coord_regio.id)).all()
    assert "monitoring_rapport" in gelogd
    assert client.get("/monitoring/rapport.pdf?jaar=abc").status_code == 422


@pytest.mark.parametrize("wie", ["hv", "hb", "beheerder"])
def test_nobody_but_coordinators_reaches_monitoring(client, world, wie):
    login(client, getattr(world, wie))
    assert client.get("/monitoring").status_code == 403
    assert client.get("/monitoring/pijler2.csv").status_code == 403
    assert client.get("/monitoring/rapport.pdf").status_code == 403
    assert client.get("/opvolging").status_code == 403


def test_monitoring_statements_do_not_grow_with_the_dossiers(world, data):
    """Aggregated in SQL: more dossiers, the same number of statements."""
    def statements() -> int:
        return tel_statements(lambda: monitoring.alles(world.coord_regio, JAAR))

    voor = statements()
    for dag in (3, 4, 5):
        traject(world, date(2026, 2, dag), date(2026, 3, dag), date(2026, 4, dag))
    assert statements() == voor


def _toeleiding_toewijzing(tekst: str) -> int:
    """How many toewijzingen the doorlooptijden download counts."""
    rij = next(r for r in tekst.splitlines() if r.startswith("Toeleiding → toewijzing"))
    return int(rij.split(";")[1])


def _csv(client, url: str) -> str:
    r = client.get(url)
    assert r.status_code == 200
    return r.data.decode("utf-8-sig")


def test_R_8_the_page_keeps_its_figures_15_minutes_and_recomputes_them_on_request(
        client, world, data):
    """Counting the figures reads every dossier of the region: the page keeps them per scope
    and filter, at most 15 minutes old, says when they were computed and recomputes them on
    request; a download gives the figures the page shows."""
    with om(date(2026, 7, 1)):
        login(client, world.coord_regio)
        pagina = client.get("/monitoring?jaar=2026").get_data(as_text=True)
    assert "Cijfers berekend op 01/07/2026 10:00" in pagina
    traject(world, date(2026, 6, 1), date(2026, 6, 10), date(2026, 7, 1))
    later = datetime(2026, 7, 1, 10, 10, tzinfo=BXL)
    with time_machine.travel(later, tick=False):
        assert _toeleiding_toewijzing(_csv(client, "/monitoring/doorlooptijden.csv?jaar=2026")) \
            == 4  # the figures of 10:00, as the page shows them
        pagina = client.get("/monitoring?jaar=2026&herberekenen=1").get_data(as_text=True)
        assert "Cijfers berekend op 01/07/2026 10:10" in pagina
        assert _toeleiding_toewijzing(_csv(client, "/monitoring/doorlooptijden.csv?jaar=2026")) \
            == 5
    traject(world, date(2026, 6, 2), date(2026, 6, 11), date(2026, 7, 1))
    with time_machine.travel(datetime(2026, 7, 1, 10, 26, tzinfo=BXL), tick=False):
        pagina = client.get("/monitoring?jaar=2026").get_data(as_text=True)
        assert "Cijfers berekend op 01/07/2026 10:26" in pagina  # 16 minutes: computed again
        assert _toeleiding_toewijzing(_csv(client, "/monitoring/doorlooptijden.csv?jaar=2026")) \
            == 6


def test_R_8_the_scheduler_keeps_the_figures_asked_for_fresh_and_forgets_the_rest(world, data):
    """Figures asked for in the last day are recomputed once 10 minutes old, the oldest
    first within a time budget per round, each as its scope sees them (the regional
    coördinator's, CAW's coördinator's), so the page rarely computes; figures nobody asked
    for in a week are dropped."""
    begin = datetime(2026, 7, 1, 10, 0, tzinfo=BXL)
    with time_machine.travel(begin, tick=False):
        regio = monitoring.stand(world.coord_regio, JAAR).tabellen
        caw = monitoring.stand(world.coord, JAAR).tabellen
        db.session.commit()
    assert regio == monitoring.alles(world.coord_regio, JAAR)  # kept as computed (Decimals too)
    assert caw == monitoring.alles(world.coord, JAAR)
    traject(world, date(2026, 6, 1), date(2026, 6, 10), date(2026, 7, 1))
    with time_machine.travel(begin.replace(minute=5), tick=False):
        assert monitoring.verversen() == 0  # 5 minutes old: still fresh
    with time_machine.travel(begin.replace(minute=11), tick=False):
        # Past its time budget a round stops after one, so the next reminders never wait on
        # hundreds of organisations' figures; the next round does the rest.
        assert monitoring.verversen(budget=timedelta(seconds=-1)) == 1
        assert monitoring.verversen() == 1
        nieuw = monitoring.stand(world.coord_regio, JAAR)
        assert nieuw.berekend_op == begin.replace(minute=11)
        assert nieuw.tabellen == monitoring.alles(world.coord_regio, JAAR)
        assert rij(nieuw.tabellen["doorlooptijden"], "Toeleiding → toewijzing")[1] == 5
        assert monitoring.stand(world.coord, JAAR).tabellen == monitoring.alles(world.coord,
                                                                                JAAR)
        db.session.commit()
    with time_machine.travel(datetime(2026, 7, 9, 10, 0, tzinfo=BXL), tick=False):
        monitoring.verversen()
    assert db.session.scalar(select(func.count(MonitoringStand.id))) == 0


def test_rules_page_shows_quota_settings_and_the_workflow_diagrams(client, world):
    """Issue 7, point 4: the rules in force with their dates, and the workflows drawn from
    workflows/ (R-5.3 quota, I-7.2 deadlines)."""
    login(client, world.coord)
    page = client.get("/instellingen/").get_data(as_text=True)
    for naam in ("dossier", "attest", "begeleidingsovereenkomst", "signaal"):
        assert f'id="workflow-{naam}"' in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" role="img" class="workflow"') == 4
    assert "Pijler 3-quota per zone en doelgroep" in page and "Doorstromers" in page
    assert "Termijnen van een aanvraag aanklampende begeleiding" in page
    assert "Herinneringen: dagen vooraf" in page
    assert 'href="/simulatie/"' in page and 'href="/monitoring"' in page
