"""The begeleidingsovereenkomst workflow: voorgesteld -> actief -> evaluatie ->
verlengd / verkort / beëindigd, every change by agreement of both parties (R-6.2)."""
from __future__ import annotations

from caseflow.rules import begeleiding as r
from workflows.base import Transitie, Workflow

STATES = {
    "voorgesteld": "Voorgesteld",
    "actief": "Actief",
    "evaluatie": "Evaluatie",
    "beeindigd": "Beëindigd",
    "geweigerd": "Niet ondertekend",
}

TRANSITIES = (
    Transitie("ondertekenen", "Overeenkomst ondertekenen", ("voorgesteld",), "actief",
              (r.ondertekening, r.andere_partij_aanvaardt)),
    Transitie("niet_ondertekenen", "Overeenkomst niet ondertekenen", ("voorgesteld",),
              "geweigerd", (r.ondertekening, r.andere_partij_aanvaardt)),
    Transitie("evaluatie_starten", "Evaluatie starten", ("actief",), "evaluatie",
              (r.evaluatie_nabij,)),
    Transitie("verlengen", "Verlenging aanvaarden", ("actief", "evaluatie"), "actief",
              (r.verlenging, r.andere_partij_aanvaardt)),
    Transitie("verkorten", "Verkorting aanvaarden", ("actief", "evaluatie"), "actief",
              (r.verkorting, r.andere_partij_aanvaardt)),
    Transitie("beeindigen", "Overeenkomst beëindigen", ("actief", "evaluatie"), "beeindigd",
              (r.einde_bereikt,)),
)

WORKFLOW = Workflow("begeleidingsovereenkomst", STATES, "voorgesteld", TRANSITIES, r.uitleg)
MACHINE = WORKFLOW.machine
