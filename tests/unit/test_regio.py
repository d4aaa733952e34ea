"""Reference data of the region as RULES.md states it (R-1.2, R-1.4, R-5.3)."""
from caseflow.rules import regio
from caseflow.rules.wegingskader import INKOMEN_TOESLAGEN, KINDERLAST_PUNTEN, LEEFLOON_VERSIES


def test_R_1_4_twenty_seven_gemeenten_each_in_one_zone():
    gemeenten = regio.alle_gemeenten()
    assert len(gemeenten) == 27
    assert len(set(gemeenten)) == 27


def test_R_1_2_patrimonium_totals():
    per_wm = {}
    for z in regio.ZONES:
        per_wm[z.woonmaatschappij] = per_wm.get(z.woonmaatschappij, 0) + z.patrimonium
    assert per_wm == {"De Noorderkempen": 1597, "Woonboog": 4748, "LeefGoed": 4930}
    assert sum(per_wm.values()) == 11275


def test_R_5_3_quota_totals():
    totals = {d: sum(z.quota[d] for z in regio.ZONES) for d in regio.DOELGROEPEN}
    assert totals == {"housing_first": 10, "doorstromers": 98, "kansarmoede": 42}


def test_I_4_2a_toeslagen_reproduce_the_printed_maxima_on_2023_01_01():
    _, alleen, gezin = LEEFLOON_VERSIES[0]
    maxima = [alleen + t for t, _ in INKOMEN_TOESLAGEN["alleenstaande"]] + \
             [gezin + t for t, _ in INKOMEN_TOESLAGEN["gezin"]]
    assert [str(m) for m in maxima] == ["1379.13", "1544.13", "1904.83", "2102.83"]


def test_R_4_5_kinderlast_table():
    assert KINDERLAST_PUNTEN == (0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5)
