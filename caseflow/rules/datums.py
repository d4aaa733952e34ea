"""The plausible range of every date Caseflow accepts, from a form, an import or the command
line: no birth date before 1900 and no date after 2099. A date outside it is a typing error,
and dates far outside it break the arithmetic of deadlines (year 1 minus a day, 9999 plus a
year): refused where it is typed, so no stored value can break a page."""
from __future__ import annotations

from datetime import date, timedelta

from caseflow import formaat

EERSTE = date(1900, 1, 1)
LAATSTE = date(2099, 12, 31)
BEREIK = f"tussen {formaat.datum(EERSTE)} en {formaat.datum(LAATSTE)}"


def plausibel(datum: date) -> date:
    """The date itself, or ValueError with a Dutch message."""
    if not EERSTE <= datum <= LAATSTE:
        raise ValueError(f"Geef een datum {BEREIK}.")
    return datum


def lees(value: str) -> date:
    """A date as typed or imported (2023-01-31 or 31/01/2023), within the plausible range;
    ValueError with a Dutch message otherwise."""
    return plausibel(formaat.parse_datum(value))


def verschuif(datum: date, dagen: int) -> date:
    """`datum` plus `dagen` (negative: before), held within the calendar instead of an
    OverflowError, for dates stored before the range was checked."""
    try:
        return datum + timedelta(days=dagen)
    except OverflowError:
        return date.max if dagen > 0 else date.min


# --- dates that cannot be right, and dates that are merely unusual ------------------------

def beschikbaar_vanaf(dag: date, vandaag: date) -> tuple[str | None, str | None]:
    """A vacancy's first day: (refusal, question). More than a year ago cannot be a vacancy
    now; more than a month ago or more than a year ahead is asked to be confirmed."""
    if dag < vandaag - timedelta(days=365):
        return (f"Een woning die al sinds {formaat.datum(dag)} vrij is, is geen vrijgekomen woning "
                "meer: kijk de datum na."), None
    if dag < vandaag - timedelta(days=31):
        return None, f"De woning is al sinds {formaat.datum(dag)} vrij: klopt dat?"
    if dag > vandaag + timedelta(days=365):
        return None, (f"De woning komt pas op {formaat.datum(dag)} vrij, over meer dan een jaar: "
                      "klopt dat?")
    return None, None


def nieuwe_versie(ingang: date, laatste: date | None, vandaag: date
                  ) -> tuple[str | None, str | None]:
    """A new version of a setting: never before the version in force already applied (that
    would rewrite what was computed with it); with retroactive effect only when confirmed."""
    if laatste is not None and ingang <= laatste:
        return (f"Er geldt al een versie vanaf {formaat.datum(laatste)}: een nieuwe versie begint "
                "later."), None
    if ingang < vandaag:
        return None, (f"Deze versie geldt met terugwerkende kracht vanaf {formaat.datum(ingang)}; "
                      "wat al berekend werd, houdt zijn versie. Klopt dat?")
    return None, None
