"""How long a closed dossier keeps the person in it (I-9.2: closed dossiers are anonymised after
a configurable retention period; GDPR art. 5.1.e). After the period the dossier is
pseudonymised: who the person is, how to reach them and every free text go; the figures the
monitoring counts (stage, dates, pijler, household, income, points, gemeente) stay, under the
dossier number."""
from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

STANDAARD_JAREN = 5
VOORNAAM = "Gepseudonimiseerd"
RIJKSREGISTERNUMMER = "00000000000"  # fails the check digits: never a real person's
WEG = "(verwijderd na de bewaartermijn)"  # what replaces a free text that must hold something


def grens(vandaag: date, jaren: int) -> date:
    """Dossiers closed before this day are past the retention period (29 February: the 28th)."""
    return vandaag - relativedelta(years=jaren)


def geboortedatum(oud: date) -> date:
    """Only the year of birth stays (ages in the figures, not the person)."""
    return date(oud.year, 1, 1)


def valideer_jaren(waarde) -> int:
    if not isinstance(waarde, int) or isinstance(waarde, bool) or not 1 <= waarde <= 30:
        raise ValueError("geef een geheel aantal jaren van 1 tot 30")
    return waarde
