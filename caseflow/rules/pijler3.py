"""Pijler 3: lokale binding (R-2.5), the checks of the regional doelgroepen (R-5.2) and the
quota arithmetic (R-5.3), as plain rules."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

ERKENDE_SECTOREN_DOORSTROMERS = ("BJZ", "CAW", "GGZ", "OCMW", "VAPH")


@dataclass(frozen=True)
class Adres:
    gemeente: str
    van: date
    tot: date | None = None  # inclusive; None: still living there


# R-2.5, and R-2.3's milder form for pijler 3 until a beheerder sets one (configuration with
# an effective date): so many years without interruption in a window of so many years.
LOKALE_BINDING = {"venster_jaren": 10, "jaren": 5}


def lokale_binding(adressen: list[Adres], gemeente: str, toewijzingsdatum: date,
                   venster_jaren: int = 10, jaren: int = 5) -> bool:
    """R-2.5: in the 10 years before the toewijzing, at least 5 years without interruption in
    the gemeente (R-2.3: pijler 3 may use a milder window and length). Periods in the gemeente
    that follow each other day after day count as one."""
    venster_start = toewijzingsdatum - relativedelta(years=venster_jaren)
    laatste_dag = toewijzingsdatum - timedelta(days=1)
    perioden = sorted(
        (max(a.van, venster_start), min(a.tot or laatste_dag, laatste_dag))
        for a in adressen if a.gemeente.strip().lower() == gemeente.strip().lower())
    perioden = [(van, tot) for van, tot in perioden if van <= tot]
    samengevoegd: list[list[date]] = []
    for van, tot in perioden:
        if samengevoegd and van <= samengevoegd[-1][1] + timedelta(days=1):
            samengevoegd[-1][1] = max(samengevoegd[-1][1], tot)
        else:
            samengevoegd.append([van, tot])
    return any(van + relativedelta(years=jaren) <= tot + timedelta(days=1)
               for van, tot in samengevoegd)


@dataclass(frozen=True)
class Toeleiding:
    """What a pijler 3 referral states for its doelgroep (R-5.2)."""

    doelgroep: str
    datum: date
    verwijzer_sector: str | None = None
    overeenkomst_met_woonmaatschappij: bool = False
    dakloos_sinds: date | None = None
    verslaving: bool = False
    psychiatrie: bool = False
    hf_capaciteit_vrij: bool = False
    verlaat: str | None = None  # "opvang" or "instelling"
    sector: str | None = None
    kg_screening_op: date | None = None
    jongste_kind_geboren: date | None = None


def _housing_first(t: Toeleiding) -> dict[str, str]:
    fouten = {}
    if t.dakloos_sinds is None or t.dakloos_sinds + relativedelta(years=1) >= t.datum:
        fouten["dakloos_sinds"] = "Housing First: meer dan een jaar dakloos (R-5.2.1)."
    if not (t.verslaving or t.psychiatrie):
        fouten["intensieve_nood"] = ("Housing First: zeer intensieve begeleiding nodig door "
                                     "verslaving en/of psychiatrische problemen (R-5.2.1).")
    if not t.hf_capaciteit_vrij:
        fouten["capaciteit"] = ("Het Housing First-team heeft geen begeleiding vrij; de "
                                "woning kan naar een doorstromer gaan (R-5.2.1).")
    return fouten


def _doorstromers(t: Toeleiding) -> dict[str, str]:
    fouten = {}
    if t.verlaat not in ("opvang", "instelling"):
        fouten["verlaat"] = "Doorstromer: verlaat een opvang of een instelling (R-5.2.2)."
    if t.sector not in ERKENDE_SECTOREN_DOORSTROMERS:
        fouten["sector"] = ("Doorstromer: uit BJZ, CAW, GGZ, OCMW of VAPH (één gezamenlijke "
                            "groep, R-5.2.2).")
    return fouten


def _kansarmoede(t: Toeleiding) -> dict[str, str]:
    fouten = {}
    if t.kg_screening_op is None or t.kg_screening_op > t.datum:
        fouten["kg_screening_op"] = ("Gezin in kansarmoede: screening door Kind & Gezin "
                                     "vereist (R-5.2.3).")
    if t.jongste_kind_geboren is None or \
            t.jongste_kind_geboren + relativedelta(years=3) < t.datum:
        fouten["jongste_kind_geboren"] = ("Eerste fase: enkel gezinnen met kinderen tot 3 "
                                          "jaar (R-5.2.3).")
    if t.verwijzer_sector != "OCMW":
        fouten["verwijzer_sector"] = "Het OCMW leidt het gezin toe (R-5.2.3)."
    return fouten


# what each regional doelgroep asks of a referral.
DOELGROEP_CONTROLES = {"housing_first": _housing_first, "doorstromers": _doorstromers,
                       "kansarmoede": _kansarmoede}


def doelgroep_tekorten(t: Toeleiding) -> dict[str, str]:
    """The checks a doelgroep needs that this referral does not meet, per field, in Dutch."""
    fouten = {}
    if not t.overeenkomst_met_woonmaatschappij:
        fouten["verwijzer"] = ("Enkel een welzijnsorganisatie met een samenwerkingsovereenkomst "
                               "met de woonmaatschappij leidt toe voor pijler 3 (R-1.3, R-5.2).")
    controle = DOELGROEP_CONTROLES.get(t.doelgroep)
    if controle is None:
        fouten["doelgroep"] = "Kies Housing First, doorstromers of gezinnen in kansarmoede."
    else:
        fouten.update(controle(t))
    return fouten


def quotum_vrij(quotum: int, in_gebruik: int) -> int:
    """R-5.3: reserved dwellings still free (never negative: an override can exceed it)."""
    return max(quotum - in_gebruik, 0)
