"""The rijksregisternummer check, validated with its check digits."""
from datetime import date

import pytest

from caseflow.rules.rijksregister import (
    OngeldigRijksregisternummer,
    formatteer,
    geboortedatum,
    normalise,
)
from caseflow.services.demo import rijksregisternummer


def test_valid_number_born_before_2000_with_separators():
    # 85.07.30-033: 850730033 % 97 = 69, so the check digits are 97 - 69 = 28.
    assert normalise("85.07.30-033.28") == "85073003328"
    assert geboortedatum("85073003328") == date(1985, 7, 30)


def test_valid_number_born_after_2000_uses_the_2_prefix():
    # 17.07.30-033: (2_000_000_000 + 170730033) % 97 = 13 -> 84
    assert normalise("17073003384") == "17073003384"
    assert geboortedatum("17073003384") == date(2017, 7, 30)


@pytest.mark.parametrize("value", ["85073003329", "17073003385", "00000000000x", "1234", "",
                                   "850730033280"])
def test_wrong_numbers_are_refused_in_dutch(value):
    with pytest.raises(OngeldigRijksregisternummer) as e:
        normalise(value)
    assert "rijksregisternummer" in str(e.value).lower()


def test_generator_makes_numbers_that_pass_and_encode_the_birth_date():
    for d in (date(1958, 1, 31), date(1999, 12, 1), date(2000, 2, 29), date(2005, 6, 15)):
        rrn = rijksregisternummer(d, 457)
        assert normalise(rrn) == rrn
        assert geboortedatum(rrn) == d


def test_bis_number_month_plus_20_is_not_a_birth_date_mismatch():
    assert geboortedatum(normalise(_with_check("852730033"))) == date(1985, 7, 30)


def test_format_for_display():
    assert formatteer("85073003328") == "85.07.30-033.28"


def _with_check(body: str) -> str:
    return f"{body}{97 - int(body) % 97:02d}"
