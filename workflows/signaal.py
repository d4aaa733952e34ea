"""The signaal workflow: gemeld -> aanvraag aanklampende begeleiding -> erkend ->
contact gelegd -> casusoverleg -> opgelost; or geëscaleerd; or gesloten without follow-up."""
from __future__ import annotations

from caseflow.rules import signaal as r
from workflows.base import Transitie, Workflow

STATES = {
    "gemeld": "Gemeld",
    "aanvraag": "Aanvraag aanklampende begeleiding",
    "erkend": "Erkend door de welzijnsorganisatie",
    "contact": "Contact gelegd met de huurder",
    "casusoverleg": "Casusoverleg",
    "opgelost": "Opgelost",
    "geescaleerd": "Geëscaleerd",
    "gesloten": "Gesloten zonder opvolging",
}

OPEN = ("gemeld", "aanvraag", "erkend", "contact", "casusoverleg", "geescaleerd")

TRANSITIES = (
    Transitie("aanvragen", "Aanklampende begeleiding aanvragen", ("gemeld",), "aanvraag",
              (r.engagement_loopt,)),
    Transitie("erkennen", "Aanvraag erkennen", ("aanvraag", "geescaleerd"), "erkend"),
    Transitie("contact_leggen", "Contact gelegd met de huurder", ("erkend",), "contact"),
    Transitie("casusoverleg_houden", "Casusoverleg gehouden", ("contact",), "casusoverleg"),
    Transitie("oplossen", "Opgelost", ("gemeld", "contact", "casusoverleg"), "opgelost"),
    Transitie("escaleren", "Escaleren naar de coördinator",
              ("aanvraag", "erkend", "contact", "casusoverleg"), "geescaleerd",
              (r.escalatie_gegrond,)),
    Transitie("sluiten", "Sluiten zonder opvolging", OPEN, "gesloten"),
)

WORKFLOW = Workflow("signaal", STATES, "gemeld", TRANSITIES, r.uitleg)
MACHINE = WORKFLOW.machine
