"""The plausible range of every date Caseflow accepts, from a form, an import or the command
line: no birth date before 1900 and no date after 2099. A date outside it is a typing error,
and dates far outside it break the arithmetic of deadlines (year 1 minus a day, 9999 plus a
year): refused where it is typed, so no stored value can break a page."""
from __future__ import annotations

from datetime import date, timedelta

EERSTE = date(1900, 1, 1)
LAATSTE = date(2099, 12, 31)
BEREIK = f"tussen {EERSTE:%d/%m/%Y} en {LAATSTE:%d/%m/%Y}"


def plausibel(datum: date) -> date:
    """The date itself, or ValueError with a Dutch message."""
    if not EERSTE <= datum <= LAATSTE:
        raise ValueError(f"Geef een datum {BEREIK}.")
    return datum


def verschuif(datum: date, dagen: int) -> date:
    """`datum` plus `dagen` (negative: before), held within the calendar instead of an
    OverflowError, for dates stored before the range was checked."""
    try:
        return datum + timedelta(days=dagen)
    except OverflowError:
        return date.max if dagen > 0 else date.min
