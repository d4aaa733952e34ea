"""The Belgian rijksregisternummer: 11 digits, YYMMDD SSS CC, with a modulo-97 check."""
from __future__ import annotations

import re
from datetime import date

_NON_DIGITS = re.compile(r"[\s.\-]")


class OngeldigRijksregisternummer(ValueError):
    pass


def normalise(value: str) -> str:
    """Strip the usual separators (85.07.30-033.28) and check length and check digits."""
    digits = _NON_DIGITS.sub("", value or "")
    if not digits.isdigit() or len(digits) != 11:
        raise OngeldigRijksregisternummer("Een rijksregisternummer heeft 11 cijfers.")
    body, check = int(digits[:9]), int(digits[9:])
    if 97 - body % 97 != check and 97 - (2_000_000_000 + body) % 97 != check:
        raise OngeldigRijksregisternummer(
            "Dit rijksregisternummer klopt niet: de controlecijfers zijn fout."
        )
    return digits


def als_zoekterm(value: str) -> str | None:
    """The 11 digits when a search term is a rijksregisternummer in any notation
    (88.03.14-124.64, 88031412464), else None."""
    digits = _NON_DIGITS.sub("", value or "")
    return digits if digits.isdigit() and len(digits) == 11 else None


def geboortedatum(digits: str) -> date | None:
    """The date of birth encoded in a normalised number, or None when it is not encoded.

    The century follows from which check succeeds; BIS numbers add 20 or 40 to the month.
    """
    body, check = int(digits[:9]), int(digits[9:])
    century = 1900 if 97 - body % 97 == check else 2000
    month = int(digits[2:4]) % 20
    try:
        return date(century + int(digits[:2]), month, int(digits[4:6]))
    except ValueError:
        return None


def formatteer(digits: str) -> str:
    return f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}-{digits[6:9]}.{digits[9:]}"
