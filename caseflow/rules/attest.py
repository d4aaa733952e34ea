"""The attest "begeleiding door professionele actor" (RULES.md section 3) as plain rules."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

OCMW_VERIFICATIE = {
    "geverifieerd": "Bevoegd OCMW geverifieerd door de welzijnsactor",
    "duurzame_ontwrichting": "Uitzondering: duurzame ontwrichting (niet te verifiëren)",
    "ambtelijk_geschrapt": "Uitzondering: ambtelijk geschrapt (niet te verifiëren)",
}

PRIVEMARKT = {
    "actief_gezocht": "Zocht de laatste 3 maanden actief op de private huurmarkt",
    "billijkheidsredenen": "Kon niet zoeken op de private huurmarkt om billijkheidsredenen",
}

BEREIK_LABELS = {
    "gemeente": "de gemeente van het bevoegde OCMW",
    "werkingsgebied": "het werkingsgebied van de woonmaatschappij",
    "arrondissement": "het arrondissement Turnhout",
}


@dataclass(frozen=True)
class AttestInhoud:
    """What an attest states (R-3.2), as the issuer filled it in."""

    bevoegd_ocmw: str | None = None
    ocmw_verificatie: str | None = None
    privemarkt: str | None = None
    privemarkt_motivering: str | None = None
    doorstroomklaar: bool = False
    engagement_2_jaar: bool = False
    begeleiding_bereik: str | None = None


def ontbrekend(a: AttestInhoud) -> dict[str, str]:
    """R-3.2: what is missing before the attest can be issued, per field, in Dutch."""
    fouten = {}
    if not a.bevoegd_ocmw:
        fouten["bevoegd_ocmw_gemeente_id"] = "Vul het bevoegde OCMW in (R-3.2.1)."
    if a.ocmw_verificatie not in OCMW_VERIFICATIE:
        fouten["ocmw_verificatie"] = ("Verifieer het bevoegde OCMW of kies een van de twee "
                                      "uitzonderingen (R-3.2.1).")
    if a.privemarkt not in PRIVEMARKT:
        fouten["privemarkt"] = ("Kies: actief gezocht op de private huurmarkt of "
                                "billijkheidsredenen (R-3.2.2).")
    elif not (a.privemarkt_motivering or "").strip():
        fouten["privemarkt_motivering"] = ("Motiveer de zoektocht of de billijkheidsredenen "
                                           "(R-3.2.2).")
    if not a.doorstroomklaar:
        fouten["doorstroomklaar"] = ("Het attest verklaart dat de persoon doorstroomklaar is "
                                     "(R-3.2.3).")
    if not a.engagement_2_jaar:
        fouten["engagement_2_jaar"] = ("Het attest bevat het engagement om 2 jaar na de "
                                       "toewijzing mee te begeleiden (R-3.2.4, R-6.3).")
    if a.begeleiding_bereik not in BEREIK_LABELS:
        fouten["begeleiding_bereik"] = "Kies waar begeleiding kan worden aangeboden (I-4.4)."
    return fouten


def geldig_tot(uitgereikt_op: date, maanden: int) -> date:
    """I-3.4: the last valid day of an attest issued on `uitgereikt_op`."""
    return uitgereikt_op + relativedelta(months=maanden)


def geldig_op(uitgereikt_op: date, maanden: int, dag: date) -> bool:
    """I-3.4, I-3.4a: issued on or before `dag` and not lapsed then (the same test for the
    ranking, the toewijzing and every simulated month)."""
    return uitgereikt_op <= dag <= geldig_tot(uitgereikt_op, maanden)


@dataclass(frozen=True)
class AttestFeiten:
    vandaag: date
    inhoud_ontbreekt: tuple[str, ...] = ()
    uitreiker_toegestaan: bool = False
    uitreiker: str = ""
    woonmaatschappij: str = ""
    geldig_tot: date | None = None


def volledig(f: AttestFeiten, **_) -> bool:
    return not f.inhoud_ontbreekt


def uitreiker_toegestaan(f: AttestFeiten, **_) -> bool:
    """R-1.3, R-3.1: the woonmaatschappij itself or a partner with a valid agreement."""
    return f.uitreiker_toegestaan


def geldig(f: AttestFeiten, **_) -> bool:
    """I-3.4: not lapsed on the day of the action."""
    return f.geldig_tot is None or f.geldig_tot >= f.vandaag


def vervallen(f: AttestFeiten, **_) -> bool:
    return f.geldig_tot is not None and f.geldig_tot < f.vandaag


def uitleg(guard: str) -> str:
    teksten = {
        "volledig": "Het attest is nog niet volledig (R-3.2).",
        "uitreiker_toegestaan": "Enkel de woonmaatschappij of een welzijnsorganisatie met een "
        "geldige samenwerkingsovereenkomst met haar mag het attest uitreiken (R-1.3, R-3.1).",
        "geldig": "Het attest is verlopen; reik een nieuwe versie uit (I-3.4).",
        "vervallen": "Het attest is nog geldig.",
    }
    return teksten[guard]
