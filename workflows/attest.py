"""The attest workflow: concept -> uitgereikt -> bevestigd at the toewijzing; issued or
confirmed, it lapses after its validity (I-3.4a)."""
from __future__ import annotations

from caseflow.rules import attest as r
from workflows.base import Transitie, Workflow

STATES = {
    "concept": "Concept",
    "uitgereikt": "Uitgereikt",
    "bevestigd": "Bevestigd",
    "verlopen": "Verlopen",
    "ingetrokken": "Ingetrokken",
}

TRANSITIES = (
    Transitie("uitreiken", "Attest uitreiken", ("concept",), "uitgereikt",
              (r.volledig, r.uitreiker_toegestaan)),
    Transitie("bevestigen", "Attest bevestigen (R-3.3)", ("uitgereikt",), "bevestigd",
              (r.geldig,)),
    Transitie("laten_verlopen", "Attest laten verlopen", ("uitgereikt", "bevestigd"), "verlopen",
              (r.vervallen,)),
    Transitie("intrekken", "Attest intrekken", ("concept", "uitgereikt"), "ingetrokken", ()),
)

WORKFLOW = Workflow("attest", STATES, "concept", TRANSITIES, r.uitleg)
MACHINE = WORKFLOW.machine
