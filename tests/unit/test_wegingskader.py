"""The pijler 2 wegingskader (RULES.md section 4), rule by rule, with the boundaries."""
from datetime import date
from decimal import Decimal

import pytest

from caseflow.rules import regio as regiodata
from caseflow.rules.wegingskader import (
    WOONNOOD,
    Kandidaat,
    OngeldigeInvoer,
    Regio,
    limieten_op,
    punten_begeleiding,
    punten_inkomen,
    punten_kinderlast,
    punten_woonnood,
    rangschik,
    score,
)

L2023 = limieten_op(date(2023, 6, 1))
REGIO = Regio(
    werkingsgebied={g.lower(): z.woonmaatschappij for z in regiodata.ZONES for g in z.gemeenten}
    | {"antwerpen": None},
    arrondissement=frozenset(g.lower() for g in regiodata.alle_gemeenten()),
)


@pytest.mark.parametrize("w", WOONNOOD, ids=lambda w: w.code)
def test_R_4_1_woonnood_points_by_code(w):
    assert punten_woonnood(w.code, L2023) == w.punten
    expected = {"geen_opvang": 15, "bijzondere_omstandigheden": None}.get(w.code, 20)
    assert w.punten == expected


def test_R_4_1_unknown_code_is_refused():
    with pytest.raises(OngeldigeInvoer):
        punten_woonnood("dakloos", L2023)


@pytest.mark.parametrize("huishouden,bedrag,punten", [
    ("alleenstaande", "0", 20),
    ("alleenstaande", "1379.13", 20),  # exactly at the category 1 maximum
    ("alleenstaande", "1379.14", 15),  # one cent above
    ("alleenstaande", "1544.13", 15),  # I-4.2a: the printed maximum (leefloon + 330)
    ("alleenstaande", "1544.14", 0),
    ("gezin", "1904.83", 20),
    ("gezin", "1904.84", 15),
    ("gezin", "2102.83", 15),
    ("gezin", "2102.84", 0),
])
def test_R_4_2_income_limits_on_2023_01_01(huishouden, bedrag, punten):
    assert punten_inkomen(Decimal(bedrag), huishouden, L2023) == punten


@pytest.mark.parametrize("peildatum,alleen_max1,gezin_max2", [
    (date(2023, 1, 1), "1379.13", "2102.83"),
    (date(2024, 4, 30), "1379.13", "2102.83"),
    (date(2024, 5, 1), "1453.46", "2203.29"),   # 1288.46 + 165, 1741.29 + 462
    (date(2025, 1, 31), "1453.46", "2203.29"),
    (date(2025, 2, 1), "1479.20", "2238.07"),   # 1314.20 + 165, 1776.07 + 462
    (date(2026, 11, 27), "1479.20", "2238.07"),
])
def test_R_4_2b_each_leefloon_version_on_its_peildatum(peildatum, alleen_max1, gezin_max2):
    limieten = limieten_op(peildatum)
    assert punten_inkomen(Decimal(alleen_max1), "alleenstaande", limieten) == 20
    assert punten_inkomen(Decimal(alleen_max1) + Decimal("0.01"), "alleenstaande", limieten) == 15
    assert punten_inkomen(Decimal(gezin_max2), "gezin", limieten) == 15
    assert punten_inkomen(Decimal(gezin_max2) + Decimal("0.01"), "gezin", limieten) == 0


def test_R_4_2b_no_leefloon_before_the_first_version():
    with pytest.raises(OngeldigeInvoer):
        limieten_op(date(2022, 12, 31))


def test_I_4_2c_unknown_household_and_negative_income_are_refused():
    with pytest.raises(OngeldigeInvoer):
        punten_inkomen(Decimal("100"), "samenwonend", L2023)
    with pytest.raises(OngeldigeInvoer):
        punten_inkomen(Decimal("-0.01"), "gezin", L2023)


@pytest.mark.parametrize("kinderen,punten", [(0, 0), (1, 1), (2, 1), (3, 2), (4, 2), (5, 3),
                                             (6, 3), (7, 4), (8, 4), (9, 5), (10, 5)])
def test_R_4_5_kinderlast(kinderen, punten):
    assert punten_kinderlast(kinderen, L2023) == punten


def test_I_4_5a_more_than_10_children_scores_5():
    assert punten_kinderlast(11, L2023) == 5
    assert punten_kinderlast(25, L2023) == 5
    with pytest.raises(OngeldigeInvoer):
        punten_kinderlast(-1, L2023)


# OCMW Geel (LeefGoed); Herentals is elsewhere in LeefGoed's werkingsgebied; Turnhout is
# elsewhere in the arrondissement (Woonboog); Antwerpen lies outside it.
@pytest.mark.parametrize("bereik,woning,punten", [
    ("gemeente", "Geel", 5), ("werkingsgebied", "Geel", 5), ("arrondissement", "Geel", 5),
    ("gemeente", "Herentals", 0), ("werkingsgebied", "Herentals", 3),
    ("arrondissement", "Herentals", 3),
    ("gemeente", "Turnhout", 0), ("werkingsgebied", "Turnhout", 0),
    ("arrondissement", "Turnhout", 1),
    ("arrondissement", "Antwerpen", 0),
])
def test_R_4_3_I_4_4_begeleiding_relative_to_the_dwelling(bereik, woning, punten):
    assert punten_begeleiding("Geel", bereik, woning, REGIO, L2023) == punten


def test_I_4_4_without_a_dwelling_the_best_reachable_and_case_does_not_matter():
    assert punten_begeleiding("geel", "gemeente", None, REGIO, L2023) == 5
    assert punten_begeleiding("GEEL", "werkingsgebied", "herentals", REGIO, L2023) == 3
    with pytest.raises(OngeldigeInvoer):
        punten_begeleiding("Geel", "provincie", None, REGIO, L2023)


def kandidaat(id_="1", **kw) -> Kandidaat:
    base = dict(id=id_, woonnood="opvang", huishouden="alleenstaande",
                inkomen=Decimal("1200"), begeleiding_gemeente="Geel",
                begeleiding_bereik="werkingsgebied", kinderen=0, cir_datum=date(2023, 5, 1))
    return Kandidaat(**(base | kw))


def test_score_total_and_maximum_50():
    s = score(kandidaat(woonnood="ggz", huishouden="gezin", inkomen=Decimal("1000"),
                        kinderen=10), L2023, REGIO, "Geel")
    assert (s.woonnood, s.inkomen, s.begeleiding, s.kinderlast, s.totaal) == (20, 20, 5, 5, 50)
    assert s.in_aanmerking and s.redenen == ()


def test_I_4_8a_childless_candidate_is_eligible():
    s = score(kandidaat(), L2023, REGIO)
    assert s.kinderlast == 0 and s.in_aanmerking


@pytest.mark.parametrize("kw,woning,woord", [
    ({"inkomen": Decimal("1544.14")}, None, "inkomen"),
    ({}, "Turnhout", "begeleiding"),
    ({"woonnood": "bijzondere_omstandigheden"}, None, "R-4.7"),
])
def test_R_4_8_I_4_8a_not_eligible_says_which_criterion(kw, woning, woord):
    s = score(kandidaat(**kw), L2023, REGIO, woning)
    assert not s.in_aanmerking
    assert any(woord in r for r in s.redenen)


def test_R_4_7_bijzondere_omstandigheden_not_scored():
    s = score(kandidaat(woonnood="bijzondere_omstandigheden"), L2023, REGIO)
    assert s.bijzondere_omstandigheden and s.woonnood == 0


def test_R_4_6_I_4_6a_total_order():
    a = kandidaat("a", cir_datum=date(2023, 1, 1))              # 20+20+5 = 45
    b = kandidaat("b", kinderen=3, huishouden="gezin")          # 20+20+5+2 = 47
    c = kandidaat("c", cir_datum=date(2022, 6, 1))              # 45, earlier CIR than a
    d = kandidaat("10", cir_datum=date(2023, 1, 1), attest_datum=date(2023, 2, 1))
    e = kandidaat("9", cir_datum=date(2023, 1, 1), attest_datum=date(2023, 2, 1))
    f = kandidaat("f", cir_datum=date(2023, 1, 1), attest_datum=date(2023, 1, 15))
    x = kandidaat("x", inkomen=Decimal("9999"))                 # not eligible
    items = [(k, score(k, L2023, REGIO)) for k in (a, b, c, d, e, f, x)]
    ranks = rangschik(items)
    # b has the highest total; then c (earliest CIR); then f (earliest attest date);
    # then 9 and 10 by id, numerically; a has no attest date and comes last of the 45s.
    assert ranks == {"b": 1, "c": 2, "f": 3, "9": 4, "10": 5, "a": 6}
    assert "x" not in ranks


def test_I_4_4_without_a_dwelling_the_best_reachable_in_the_woonmaatschappij():
    """I-4.4: an OCMW in LeefGoed's area scores for Woonboog only where its reach gets."""
    from caseflow.rules.wegingskader import Regio, limieten_op, punten_begeleiding

    regio = Regio({"geel": "LeefGoed", "herentals": "LeefGoed", "turnhout": "Woonboog",
                   "mol": "Woonboog", "buiten": None},
                  frozenset({"geel", "herentals", "turnhout", "mol"}))
    lim = limieten_op(date(2025, 3, 1))
    assert punten_begeleiding("Geel", "gemeente", None, regio, lim, "Woonboog") == 0
    assert punten_begeleiding("Geel", "werkingsgebied", None, regio, lim, "Woonboog") == 0
    assert punten_begeleiding("Geel", "arrondissement", None, regio, lim, "Woonboog") == 1
    assert punten_begeleiding("Geel", "gemeente", None, regio, lim, "LeefGoed") == 5
    assert punten_begeleiding("Geel", "gemeente", None, regio, lim) == 5  # no woonmaatschappij


def test_R_4_9_explanation_reads_the_configured_points():
    from caseflow.rules.wegingskader import Kandidaat, Regio, limieten_op, score, uitleg

    lim = limieten_op(date(2025, 3, 1), begeleiding={"gemeente": 4, "werkingsgebied": 2,
                                                      "arrondissement": 1})
    k = Kandidaat("1", "opvang", "alleenstaande", Decimal("1200"), "Geel", "gemeente", 0,
                  date(2024, 1, 1))
    regio = Regio({"geel": "LeefGoed"}, frozenset({"geel"}))
    criterium = uitleg(k, score(k, lim, regio), lim)[2]
    assert "4 punten in de gemeente" in criterium.tekst and criterium.maximum == 4
