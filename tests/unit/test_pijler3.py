"""Pijler 3: lokale binding at its boundaries (R-2.5), doelgroep checks (R-5.2), quota (R-5.3)."""
from datetime import date

import pytest

from caseflow.rules.pijler3 import (
    Adres,
    Toeleiding,
    doelgroep_tekorten,
    lokale_binding,
    quotum_vrij,
)

T = date(2026, 3, 1)


def test_R_2_5_exactly_five_years_counts():
    assert lokale_binding([Adres("Geel", date(2021, 3, 1))], "Geel", T)


def test_R_2_5_one_day_short_does_not():
    assert not lokale_binding([Adres("Geel", date(2021, 3, 2))], "Geel", T)


def test_R_2_5_an_interruption_breaks_the_five_years():
    adressen = [Adres("Geel", date(2019, 1, 1), date(2022, 6, 30)),
                Adres("Mol", date(2022, 7, 1), date(2022, 7, 31)),
                Adres("Geel", date(2022, 8, 1))]
    assert not lokale_binding(adressen, "Geel", date(2025, 1, 1))


def test_R_2_5_moves_within_the_gemeente_day_after_day_are_one_period():
    adressen = [Adres("Geel", date(2019, 1, 1), date(2021, 12, 31)),
                Adres("geel", date(2022, 1, 1))]  # 3 years + 4 years: neither is 5 alone
    assert lokale_binding(adressen, "Geel", T)


def test_R_2_5_only_the_last_ten_years_count():
    assert not lokale_binding([Adres("Geel", date(2000, 1, 1), date(2016, 2, 28))], "Geel", T)
    assert lokale_binding([Adres("Geel", date(2000, 1, 1), date(2021, 2, 28))], "Geel", T)


def hf(**kw) -> Toeleiding:
    base = dict(doelgroep="housing_first", datum=T, overeenkomst_met_woonmaatschappij=True,
                dakloos_sinds=date(2024, 12, 1), verslaving=True, hf_capaciteit_vrij=True)
    return Toeleiding(**(base | kw))


def test_R_5_2_1_housing_first_checks():
    assert doelgroep_tekorten(hf()) == {}
    assert "dakloos_sinds" in doelgroep_tekorten(hf(dakloos_sinds=date(2025, 3, 1)))
    assert "intensieve_nood" in doelgroep_tekorten(hf(verslaving=False))
    assert doelgroep_tekorten(hf(verslaving=False, psychiatrie=True)) == {}
    assert "capaciteit" in doelgroep_tekorten(hf(hf_capaciteit_vrij=False))


@pytest.mark.parametrize("sector", ["BJZ", "CAW", "GGZ", "OCMW", "VAPH"])
def test_R_5_2_2_doorstromers_one_joint_group(sector):
    t = Toeleiding("doorstromers", T, overeenkomst_met_woonmaatschappij=True,
                   verlaat="instelling", sector=sector)
    assert doelgroep_tekorten(t) == {}
    zonder = Toeleiding("doorstromers", T, overeenkomst_met_woonmaatschappij=True, sector=sector)
    assert "verlaat" in doelgroep_tekorten(zonder)


def test_R_5_2_3_kansarmoede_checks():
    ok = Toeleiding("kansarmoede", T, verwijzer_sector="OCMW",
                    overeenkomst_met_woonmaatschappij=True, kg_screening_op=date(2026, 1, 10),
                    jongste_kind_geboren=date(2023, 3, 1))
    assert doelgroep_tekorten(ok) == {}
    from dataclasses import replace

    assert "jongste_kind_geboren" in doelgroep_tekorten(
        replace(ok, jongste_kind_geboren=date(2023, 2, 28)))
    assert "verwijzer_sector" in doelgroep_tekorten(replace(ok, verwijzer_sector="CAW"))
    assert "kg_screening_op" in doelgroep_tekorten(replace(ok, kg_screening_op=None))


def test_R_1_3_only_with_an_agreement():
    assert "verwijzer" in doelgroep_tekorten(hf(overeenkomst_met_woonmaatschappij=False))


def test_R_5_3_quota_free():
    assert quotum_vrij(14, 3) == 11
    assert quotum_vrij(1, 1) == 0
    assert quotum_vrij(1, 2) == 0
