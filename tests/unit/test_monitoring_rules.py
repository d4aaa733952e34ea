"""Monitoring figures as pure functions (RULES.md 8 and 10) and the workflow drawing."""
import re
from datetime import date
from decimal import Decimal
from html import escape

import pytest

from caseflow.rules import monitoring as r
from workflows.diagram import alle, rijen, svg


def test_periods_of_a_year_and_a_quarter():
    assert (r.Periode(2026).begin, r.Periode(2026).einde) == (date(2026, 1, 1), date(2027, 1, 1))
    assert (r.Periode(2026, 2).begin, r.Periode(2026, 2).einde) == (date(2026, 4, 1),
                                                                    date(2026, 7, 1))
    assert r.Periode(2026, 4).einde == date(2027, 1, 1)
    assert r.Periode(2026, 3).label == "2026 K3" and r.Periode(2026).kwartalen == (1, 2, 3, 4)


def test_percentile_interpolates_between_ranks():
    assert r.percentiel([40, 10, 30, 20], 0.5) == 25
    assert r.percentiel([10, 20, 30, 40], 0.9) == pytest.approx(37)
    assert r.percentiel([7], 0.9) == 7 and r.percentiel([], 0.5) is None


def test_share_rounded_to_a_tenth_R_8_1():
    assert r.aandeel(3, 13) == Decimal("23.1")
    assert r.aandeel(1, 5) == Decimal("20.0")
    assert r.aandeel(1, 0) is None and r.aandeel(1, None) is None


@pytest.mark.parametrize("vastgelegd, bereikt, afgesloten, reden, uitkomst", [
    (None, False, False, None, "nog_niet"),
    (True, True, True, "verhuisd", "behouden"),
    (False, True, False, None, "niet_behouden"),
    (None, True, False, None, "behouden"),              # still followed as a tenant
    (None, True, True, "engagement_afgelopen", "behouden"),
    (None, True, True, "overleden", "onbekend"),
])
def test_woonbehoud_classification(vastgelegd, bereikt, afgesloten, reden, uitkomst):
    assert r.woonbehoud(vastgelegd, bereikt, afgesloten, reden) == uitkomst


def test_every_workflow_is_drawn_with_one_numbered_row_per_arrow():
    for wf in alle().values():
        tekening = svg(wf)
        tabel = rijen(wf)
        assert tekening.startswith("<svg") and tekening.count("marker-end=") == len(tabel)
        namen = {" ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", t))
                 for t in re.findall(r"<text[^>]*>(?:<tspan.*?</tspan>)+</text>", tekening)}
        assert {escape(n) for n in wf.states.values()} <= namen  # in full, never cut off
        assert sum(len(t.bronnen) for t in wf.transities) == len(tabel)
