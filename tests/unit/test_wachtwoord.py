"""Password rules, OWASP ASVS 4.0.3 2.1.1 (at least 12 characters) and 2.1.7 (not a common or
breached password, checked against the list shipped with the app)."""
import pytest

from caseflow.rules import wachtwoord


def test_the_shipped_list_is_read():
    lijst = wachtwoord.gangbaar()
    assert len(lijst) > 10000 and "iloveyou" in lijst


@pytest.mark.parametrize("kandidaat", ["iloveyou", "password1234"[:11]])
def test_shorter_than_12_is_refused_ASVS_2_1_1(kandidaat):
    assert wachtwoord.fout(kandidaat) == "Een wachtwoord heeft minstens 12 tekens."


@pytest.mark.parametrize("kandidaat", ["password1234", "Iloveyou2026!", "!!Sunshine123456",
                                       "qwertyuiop123"])
def test_a_common_password_or_one_with_digits_added_is_refused_ASVS_2_1_7(kandidaat):
    assert "te gangbaar" in wachtwoord.fout(kandidaat)


def test_repeated_characters_and_the_own_email_name_are_refused():
    assert "verschillende tekens" in wachtwoord.fout("aaaaaaaaaaaab")
    assert "e-mailadres" in wachtwoord.fout("rita.vandyck-2026", "rita.vandyck@caw.demo")
    assert wachtwoord.fout("rita.vandyck-2026", "an@caw.demo") is None


@pytest.mark.parametrize("kandidaat", ["paard-batterij-nietje", "een-heel-lang-wachtwoord"])
def test_a_long_uncommon_passphrase_is_accepted(kandidaat):
    assert wachtwoord.fout(kandidaat, "nieuw@caw.demo") is None


def test_a_link_says_how_long_it_works_ASVS_2_3_1():
    from caseflow.rules.aanmelden import geldig_tekst

    assert (geldig_tekst("uitnodiging"), geldig_tekst("herstel")) == ("7 dagen", "1 uur")
