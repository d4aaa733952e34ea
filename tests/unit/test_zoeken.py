"""How a name is stored and sought: case, accents and spacing do not count."""
import pytest

from caseflow.rules.zoeken import normaliseer, zoeknaam


@pytest.mark.parametrize(("getypt", "verwacht"), [
    ("Joëlle", "joelle"), ("ÇELIK", "celik"), ("  De   Smet ", "de smet"),
    ("Müller-Ağa", "muller-aga"), ("", ""), (None, ""),
])
def test_a_term_is_lower_case_without_accents_and_single_spaced(getypt, verwacht):
    assert normaliseer(getypt) == verwacht


def test_the_search_form_of_a_name_is_voornaam_then_achternaam():
    assert zoeknaam("Joëlle", "Van  Çelik") == "joelle van celik"
    assert normaliseer("JOELLE van") in zoeknaam("Joëlle", "Van Çelik")
