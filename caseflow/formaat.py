"""nl-BE formatting and parsing shared by the rules' Dutch explanations, the services' messages,
the templates, the CSV/XLSX exports and the CLI: one formatter, Babel's, so a date reads
27/11/2026 and an amount € 1.314,20 everywhere (with a no-break space after the sign); one
parser for the dates and amounts people type or import."""
from __future__ import annotations

import functools
import re
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from caseflow.clock import BRUSSELS

LOCALE = "nl_BE"
# The date formats accepted in forms and imports: ISO (a date picker) and Belgian.
DATUMFORMATEN = ("%Y-%m-%d", "%d/%m/%Y")


@functools.lru_cache(maxsize=4096, typed=True)
def datum(waarde: date | None) -> str:
    """27/11/2026, or – for no date (remembered: a ranking writes the same dates thousands
    of times)."""
    return format_date(waarde, "dd/MM/yyyy", locale=LOCALE) if waarde else "–"


def tijdstip(waarde: datetime | None) -> str:
    """27/11/2026 14:05 in Brussels time (stored times are UTC), or –. Numbers only, so no
    locale's names are needed: strftime writes it (Babel's pattern parse cost ≈ 40 µs a
    value, on every row of every list)."""
    if waarde is None:
        return "–"
    if waarde.tzinfo is None:
        waarde = waarde.replace(tzinfo=timezone.utc)
    return waarde.astimezone(BRUSSELS).strftime("%d/%m/%Y %H:%M")


def parse_datum(value: str) -> date:
    """2023-01-31 or 31/01/2023 (rules.datums.lees also checks the plausible range)."""
    for fmt in DATUMFORMATEN:
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(f"ongeldige datum '{value[:40]}' (gebruik 2023-01-31 of 31/01/2023)")


@functools.lru_cache(maxsize=4096)
def euro(bedrag: Decimal | int) -> str:
    """€ 1.379,13 (remembered: a ranking writes the same limits thousands of times)"""
    return format_currency(Decimal(bedrag), "EUR", locale=LOCALE)


def getal(waarde) -> str:
    """12,5 and 1.234: a number as nl-BE writes it; a Decimal keeps its decimals (25,0 %)."""
    if isinstance(waarde, Decimal) and waarde.as_tuple().exponent < 0:
        patroon = "#,##0." + "0" * -waarde.as_tuple().exponent
        return format_decimal(waarde, format=patroon, locale=LOCALE)
    return format_decimal(waarde, locale=LOCALE)


FORMULE = ("=", "+", "-", "@", "\t", "\r")


def als_tekst(waarde: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula (a name typed as
    '=HYPERLINK(…)'): a leading quote, as OWASP advises for CSV and XLSX exports."""
    return "'" + waarde if waarde.startswith(FORMULE) else waarde


def csv_cel(waarde) -> str:
    """A value in a CSV for a Belgian spreadsheet: 12,5 (decimal comma, no grouping, so the
    spreadsheet reads a number), 27/11/2026, text that is never a formula, or empty."""
    if waarde is None:
        return ""
    if isinstance(waarde, (Decimal, float)):
        return format_decimal(waarde, format="0.##########", locale=LOCALE)
    if isinstance(waarde, date):
        return datum(waarde)
    return als_tekst(str(waarde))


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
