"""Signalen on a tenancy and their escalation (RULES.md section 7, I-7.1 to I-7.4)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from caseflow.rules.werkdagen import plus_werkdagen

SOORTEN = {"huurachterstand": "Huurachterstand", "onderhoud": "Onderhoud",
           "overlast": "Overlast", "andere": "Andere"}

# I-7.2 defaults in werkdagen, configurable.
TERMIJNEN = {"erkennen": 5, "contact": 10, "casusoverleg": 20}

# I-7.4a: the states in which a requested signaal still obliges the welzijnsorganisatie.
VERPLICHTEND_OPEN = ("aanvraag", "erkend", "contact", "casusoverleg", "geescaleerd")

# I-7.3: huurachterstand of this many months' rent or more escalates automatically.
ESCALATIE_MAANDEN = 2


@dataclass(frozen=True)
class SignaalFeiten:
    vandaag: date
    soort: str = "andere"
    maanden_achterstand: int = 0
    engagement_einde: date | None = None
    aangevraagd_op: date | None = None
    termijnen: tuple[tuple[str, int], ...] = tuple(TERMIJNEN.items())


def engagement_loopt(f: SignaalFeiten, **_) -> bool:
    """R-6.3, I-7.4: only during the 2-year engagement does a request oblige the
    welzijnsorganisatie; afterwards a signaal is recorded without that obligation."""
    return f.engagement_einde is not None and f.vandaag <= f.engagement_einde


def escaleert_automatisch(f: SignaalFeiten, **_) -> bool:
    """I-7.3: huurachterstand of 2 months or more requests aanklampende begeleiding and
    notifies the coördinator by itself."""
    return f.soort == "huurachterstand" and f.maanden_achterstand >= ESCALATIE_MAANDEN


def deadline(f: SignaalFeiten, stap: str) -> date | None:
    """I-7.2: the due date of a step, counted in werkdagen from the request."""
    if f.aangevraagd_op is None:
        return None
    return plus_werkdagen(f.aangevraagd_op, dict(f.termijnen)[stap])


def termijn_overschreden(f: SignaalFeiten, stap: str | None = None, **_) -> bool:
    """I-7.3: a missed I-7.2 deadline escalates to the coördinator of the welzijnsorganisatie."""
    stappen = [stap] if stap else [s for s, _ in f.termijnen]
    return any((d := deadline(f, s)) is not None and f.vandaag > d for s in stappen)


def escalatie_gegrond(f: SignaalFeiten, **_) -> bool:
    return escaleert_automatisch(f) or termijn_overschreden(f)


def uitleg(guard: str) -> str:
    return {
        "engagement_loopt": "Het engagement van 2 jaar na de toewijzing is voorbij: het signaal "
        "wordt geregistreerd, zonder verplichting voor de welzijnsorganisatie (I-7.4).",
        "escalatie_gegrond": "Escaleren kan bij een huurachterstand van 2 maanden of meer, of "
        "wanneer een termijn overschreden is (I-7.3).",
    }[guard]
