"""The dossier workflow: toeleiding to afgesloten, read as a table."""
from __future__ import annotations

from caseflow.rules import dossier as r
from workflows.base import Transitie, Workflow

STATES = {
    "toeleiding": "Toeleiding",
    "attest": "Attest in voorbereiding",
    "kandidaat": "Kandidaat (attest uitgereikt)",
    "toegewezen": "Toegewezen",
    "begeleiding": "Begeleiding",
    "aanklampend": "Aanklampende begeleiding",
    "afgesloten": "Afgesloten",
}

OPEN_STATES = tuple(s for s in STATES if s != "afgesloten")

TRANSITIES = (
    Transitie("attest_voorbereiden", "Attest voorbereiden", ("toeleiding",), "attest",
              (r.cir_ingeschreven, r.pijler3_toeleiding_in_orde)),
    Transitie("attest_uitreiken", "Attest uitreiken", ("attest",), "kandidaat",
              (r.attest_uitgereikt,)),
    Transitie("terug_naar_toeleiding", "Terug naar de toeleiding", ("attest",), "toeleiding"),
    Transitie("toewijzen", "Woning toewijzen", ("kandidaat",), "toegewezen",
              (r.attest_bevestigd, r.attest_niet_verlopen, r.pijler2_via_ranglijst,
               r.toewijsbaar)),
    Transitie("begeleiding_starten", "Begeleidingsovereenkomst starten",
              ("toegewezen", "aanklampend"), "begeleiding", (r.begeleidingsovereenkomst_actief,)),
    Transitie("zonder_begeleiding_opvolgen", "Opvolgen zonder begeleidingsovereenkomst",
              ("toegewezen",), "aanklampend",
              (r.geen_begeleidingsovereenkomst_vereist, r.zonder_overeenkomst_akkoord)),
    Transitie("begeleiding_beeindigen", "Begeleidingsovereenkomst beëindigen",
              ("begeleiding",), "aanklampend", (r.begeleidingsovereenkomst_beeindigd,)),
    Transitie("afsluiten", "Dossier afsluiten", OPEN_STATES, "afgesloten",
              (r.afsluitreden_toegestaan,)),
    *(
        Transitie("heropenen", "Dossier heropenen", ("afgesloten",), state,
                  (r.gesloten_vanuit(state),))
        for state in OPEN_STATES
    ),
)

WORKFLOW = Workflow("dossier", STATES, "toeleiding", TRANSITIES, r.uitleg)
MACHINE = WORKFLOW.machine
