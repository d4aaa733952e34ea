"""What a beheerder may enter as a new version of a setting (I-4.2a, R-4.2b)."""
import pytest

from caseflow.rules.instellingen import valideer
from caseflow.rules.wegingskader import WOONNOOD


def test_leefloon_is_normalised_to_cents():
    assert valideer("leefloon", {"alleenstaande": "1340,5", "gezinslast": 1811}) == \
        {"alleenstaande": "1340.50", "gezinslast": "1811.00"}


@pytest.mark.parametrize("sleutel,waarde", [
    ("leefloon", {"alleenstaande": "-1", "gezinslast": "1"}),
    ("leefloon", {"alleenstaande": "1"}),
    ("inkomen_toeslagen", {"alleenstaande": [["330", 15], ["165", 20]], "gezin": [["1", 1]]}),
    ("inkomen_toeslagen", {"alleenstaande": [["165"]], "gezin": [["1", 1]]}),
    ("punten_woonnood", {"opvang": 20}),
    ("punten_kinderlast", [0, 2, 1]),
    ("punten_kinderlast", [0, 9]),
    ("punten_begeleiding", {"gemeente": 5}),
    ("attest_geldigheid_maanden", 0),
    ("attest_geldigheid_maanden", True),
    ("onbekend", 1),
])
def test_bad_values_are_refused_in_dutch(sleutel, waarde):
    with pytest.raises(ValueError):
        valideer(sleutel, waarde)


def test_complete_tables_pass():
    assert valideer("punten_woonnood", {w.code: w.punten for w in WOONNOOD})["opvang"] == 20
    assert valideer("inkomen_toeslagen", {"alleenstaande": [["165", 20], ["330", 15]],
                                          "gezin": [["264", 20], ["462", 15]]})["gezin"][1] == \
        ["462.00", 15]
    assert valideer("attest_geldigheid_maanden", 9) == 9
