"""The monitoring figures of RULES.md section 8 as pure functions over numbers the database
aggregated."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

PIJLER2_DOEL = Decimal("0.20")


@dataclass(frozen=True)
class Periode:
    jaar: int
    kwartaal: int | None = None  # None: the whole year

    @property
    def begin(self) -> date:
        return date(self.jaar, 1 if self.kwartaal is None else 3 * self.kwartaal - 2, 1)

    @property
    def einde(self) -> date:
        """The first day after the period."""
        if self.kwartaal in (None, 4):
            return date(self.jaar + 1, 1, 1)
        return date(self.jaar, 3 * self.kwartaal + 1, 1)

    @property
    def kwartalen(self) -> tuple[int, ...]:
        return (1, 2, 3, 4) if self.kwartaal is None else (self.kwartaal,)

    @property
    def label(self) -> str:
        return str(self.jaar) if self.kwartaal is None else f"{self.jaar} K{self.kwartaal}"


def pijler2_aandeel(pijler2: int, totaal: int | None, ingevoerd: tuple[int, ...],
                    periode: Periode, zone: bool = False) -> tuple[Decimal | None, str]:
    """R-8.1, I-8.1a: the share of pijler 2 in all toewijzingen, and whether the total is
    complete. A share only when every quarter of the period has its total; never for a zone
    (the totals are entered per woonmaatschappij, and the target is not per zone)."""
    if zone:
        return None, "geen aandeel per zone: de totalen gelden voor de hele woonmaatschappij"
    ontbreekt = [k for k in periode.kwartalen if k not in ingevoerd]
    if ontbreekt:
        return None, "totaal ontbreekt voor " + ", ".join(f"K{k}" for k in ontbreekt)
    return aandeel(pijler2, totaal), "ja"


def percentiel(waarden: list[int | float], p: float) -> float | None:
    """Linear interpolation between the closest ranks (as PostgreSQL's percentile_cont)."""
    if not waarden:
        return None
    rij = sorted(waarden)
    positie = (len(rij) - 1) * p
    onder = int(positie)
    boven = min(onder + 1, len(rij) - 1)
    return rij[onder] + (rij[boven] - rij[onder]) * (positie - onder)


def aandeel(deel: int, totaal: int | None) -> Decimal | None:
    """A share rounded to 0.1 %, None when the total is unknown or zero."""
    if not totaal:
        return None
    return (Decimal(deel) * 100 / Decimal(totaal)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def woonbehoud(vastgelegd: bool | None, bereikt: bool, afgesloten: bool,
               afsluitreden: str | None) -> str:
    """Housed N years after the toewijzing (RULES.md 10)? 'nog_niet' while N years have not
    passed. What was recorded counts; otherwise a tenant still followed in an open dossier, or
    one closed because the 2-year engagement ended, is still housed (I-choice: Caseflow closes
    a dossier with another reason when the tenant leaves); any other closing without a record
    is unknown."""
    if not bereikt:
        return "nog_niet"
    if vastgelegd is not None:
        return "behouden" if vastgelegd else "niet_behouden"
    if not afgesloten or afsluitreden == "engagement_afgelopen":
        return "behouden"
    return "onbekend"
