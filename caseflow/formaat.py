"""nl-BE formatting shared by the rules' Dutch explanations and the templates: one formatter,
Babel's, so amounts read € 1.314,20 everywhere (with a no-break space after the sign)."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from babel.numbers import format_currency, format_decimal


def euro(bedrag: Decimal | int) -> str:
    """€ 1.379,13"""
    return format_currency(Decimal(bedrag), "EUR", locale="nl_BE")


def getal(waarde) -> str:
    """12,5 and 1.234: a number as nl-BE writes it; a Decimal keeps its decimals (25,0 %)."""
    if isinstance(waarde, Decimal) and waarde.as_tuple().exponent < 0:
        patroon = "#,##0." + "0" * -waarde.as_tuple().exponent
        return format_decimal(waarde, format=patroon, locale="nl_BE")
    return format_decimal(waarde, locale="nl_BE")


_CODE = re.compile(r"\b[RI]-\d+(?:\.\d+)*[a-z]?\b")


def zonder_codes(tekst: str) -> str:
    """The text without rule codes (R-4.3, I-4.4) for a paper the candidate reads; what the
    codes stood beside stays."""
    tekst = _CODE.sub("", tekst)
    tekst = re.sub(r"\(\s*(?:,\s*)*\)", "", tekst)
    tekst = re.sub(r"\(\s*,\s*", "(", tekst)
    tekst = re.sub(r"\s*,\s*\)", ")", tekst)
    tekst = re.sub(r"\s+([.,;:])", r"\1", tekst)
    return re.sub(r"\s{2,}", " ", tekst).strip()


def parse_bedrag(value: str) -> Decimal:
    raw = value.strip().replace("€", "").replace(" ", "")
    if "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    try:
        bedrag = Decimal(raw)
    except InvalidOperation:
        raise ValueError(f"ongeldig bedrag '{value}' (gebruik 1379.13 of 1379,13)") from None
    if not bedrag.is_finite() or bedrag < 0:
        raise ValueError(f"ongeldig bedrag '{value}': een bedrag is 0 of meer")
    if bedrag.as_tuple().exponent < -2:
        raise ValueError(f"ongeldig bedrag '{value}': hoogstens 2 cijfers na de komma")
    return bedrag
