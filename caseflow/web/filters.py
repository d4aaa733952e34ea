"""Jinja filters for nl-BE: dates as 27/11/2026, money as € 1.379,13."""
from __future__ import annotations

from decimal import Decimal

from flask_login import current_user

from caseflow import access
from caseflow.formaat import datum, euro, getal, tijdstip, zonder_codes
from caseflow.rules.dossier import AFSLUITREDENEN
from caseflow.rules.herinneringen import soort_label
from caseflow.rules.regio import DOELGROEPEN
from caseflow.rules.rijksregister import formatteer
from caseflow.rules.wegingskader import WOONNOOD_BY_CODE
from workflows.dossier import STATES, WORKFLOW


def geld(value: Decimal | int | None) -> str:
    return "–" if value is None else euro(value)


def rijksregister(value: str | None) -> str:
    return formatteer(value) if value and len(value) == 11 else (value or "–")


def fase(state: str | None) -> str:
    return STATES.get(state, state or "–")


def doelgroep(code: str | None) -> str:
    return DOELGROEPEN.get(code, code or "–")


def sleutel(naam) -> str:
    """A key of a setting as people read it: a woonnood code by its label."""
    naam = str(naam)
    if naam in WOONNOOD_BY_CODE:
        return WOONNOOD_BY_CODE[naam].omschrijving
    return DOELGROEPEN.get(naam, naam.replace("_", " "))


def woonnood(code: str) -> str:
    w = WOONNOOD_BY_CODE.get(code)
    return f"{w.groep}: {w.omschrijving}" if w else code


def afsluitreden(code: str | None) -> str:
    return AFSLUITREDENEN.get(code, code or "–")


# Timeline entries that are no transition of the workflow.
ANDERE_STAPPEN = {"toeleiding": "Toeleiding", "gegevens_gewijzigd": "Gegevens gewijzigd",
                  "akkoord_zonder_overeenkomst": "Akkoord: opvolgen zonder "
                  "begeleidingsovereenkomst"}


def actie(trigger: str) -> str:
    return WORKFLOW.labels.get(trigger, ANDERE_STAPPEN.get(trigger, trigger))


AUDITACTIES = {"dossier_bekeken": "Dossier bekeken", "dossier_aangemaakt": "Dossier aangemaakt",
               "caseload_bekeken": "In een lijst getoond", "audit_bekeken": "Audit bekeken",
               "inzage_gemaakt": "Inzage opgemaakt", "rechten_bekeken": "Verzoeken bekeken",
               "rechtsverzoek_geregistreerd": "Verzoek van de cliënt geregistreerd",
               "rechtsverzoek_beantwoord": "Verzoek van de cliënt beantwoord",
               "dossier_gepseudonimiseerd": "Gepseudonimiseerd na de bewaartermijn"}


def auditactie(naam: str) -> str:
    """What an audit event's action says in Dutch: its label, or the action's own words."""
    if naam in AUDITACTIES:
        return AUDITACTIES[naam]
    label = actie(naam)  # a workflow step's own label
    return label if label != naam else naam.replace("_", " ").capitalize()


def mag(actie: str, dossier=None) -> bool:
    """Templates ask the one access policy: {% if mag("audit.bekijken", dossier) %}."""
    return access.may(current_user, actie, dossier)


def register(app) -> None:
    app.jinja_env.globals["mag"] = mag
    app.jinja_env.filters.update(datum=datum, tijdstip=tijdstip, geld=geld, getal=getal,
                                 zonder_codes=zonder_codes,
                                 rijksregister=rijksregister, fase=fase, woonnood=woonnood,
                                 afsluitreden=afsluitreden, actie=actie,
                                 meldingsoort=soort_label, doelgroep=doelgroep,
                                 sleutel=sleutel, auditactie=auditactie)
