"""The begeleidingsovereenkomst (R-6.2): an agreement of two parties, the welzijnsorganisatie
and the woonmaatschappij; every change proposed by one is accepted by the other."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

PARTIJEN = {"welzijn": "welzijnsorganisatie", "wonen": "woonmaatschappij"}
WIJZIGINGEN = {"ondertekenen": "Ondertekenen", "verlengen": "Verlengen",
               "verkorten": "Verkorten"}
EVALUATIE_VOORAF_DAGEN = 30


@dataclass(frozen=True)
class BOFeiten:
    vandaag: date
    geplande_einde: date | None = None
    voorstel_soort: str | None = None           # the open proposal, if any
    voorstel_partij: str | None = None
    beslisser_partij: str | None = None         # who decides now
    nieuwe_einde: date | None = None


def andere_partij_aanvaardt(f: BOFeiten, **_) -> bool:
    """R-6.2: shortening or extending needs both parties: the other one accepts."""
    return (f.voorstel_partij is not None and f.beslisser_partij is not None
            and f.beslisser_partij != f.voorstel_partij)


def verlenging(f: BOFeiten, **_) -> bool:
    return f.voorstel_soort == "verlengen" and f.nieuwe_einde is not None and \
        f.geplande_einde is not None and f.nieuwe_einde > f.geplande_einde


def verkorting(f: BOFeiten, **_) -> bool:
    return f.voorstel_soort == "verkorten" and f.nieuwe_einde is not None and \
        f.geplande_einde is not None and f.nieuwe_einde < f.geplande_einde


def ondertekening(f: BOFeiten, **_) -> bool:
    return f.voorstel_soort == "ondertekenen"


def evaluatie_nabij(f: BOFeiten, **_) -> bool:
    return f.geplande_einde is not None and \
        (f.geplande_einde - f.vandaag).days <= EVALUATIE_VOORAF_DAGEN


def einde_bereikt(f: BOFeiten, **_) -> bool:
    return f.geplande_einde is not None and f.vandaag >= f.geplande_einde


def uitleg(guard: str) -> str:
    return {
        "andere_partij_aanvaardt": "Een voorstel wordt aanvaard door de andere partij: de "
        "welzijnsorganisatie of de woonmaatschappij (R-6.2).",
        "verlenging": "Een verlenging zet de einddatum later.",
        "verkorting": "Een verkorting zet de einddatum vroeger.",
        "ondertekening": "Er is geen voorstel van overeenkomst om te ondertekenen.",
        "evaluatie_nabij": f"De evaluatie start ten vroegste {EVALUATIE_VOORAF_DAGEN} dagen "
        "voor de geplande einddatum.",
        "einde_bereikt": "De overeenkomst loopt nog: vroeger stoppen is een verkorting, die "
        "beide partijen aanvaarden (R-6.2).",
    }[guard]
