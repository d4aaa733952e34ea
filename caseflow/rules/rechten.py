"""The client's requests under the GDPR, recorded on the dossier: what they ask (art. 15-21),
by when the answer is due (art. 12.3: one month from receipt) and how it was answered (a
refusal, whole or in part, gives its reasons: art. 12.4)."""
from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

SOORTEN = {
    "inzage": "Inzage (art. 15)",
    "rectificatie": "Rectificatie: onjuiste gegevens verbeteren (art. 16)",
    "wissing": "Wissing (art. 17)",
    "beperking": "Beperking van de verwerking (art. 18)",
    "bezwaar": "Bezwaar tegen de verwerking (art. 21)",
}
UITKOMSTEN = {
    "ingewilligd": "Ingewilligd",
    "gedeeltelijk": "Gedeeltelijk ingewilligd",
    "afgewezen": "Afgewezen",
}
STATUSSEN = {"open": "Open", **UITKOMSTEN}
MET_MOTIVERING = ("gedeeltelijk", "afgewezen")


def antwoord_uiterlijk(ontvangen_op: date) -> date:
    """One month after receipt (31 January: the last day of February)."""
    return ontvangen_op + relativedelta(months=1)


def fouten_bij_registreren(ontvangen_op: date | None, vandaag: date, aangemaakt: date,
                           omschrijving: str) -> dict[str, str]:
    """Why a request cannot be recorded so, per field, in Dutch."""
    fouten = {}
    if ontvangen_op is None or ontvangen_op > vandaag:
        fouten["ontvangen_op"] = "De datum van ontvangst ligt niet in de toekomst."
    elif ontvangen_op < aangemaakt:
        fouten["ontvangen_op"] = "De datum van ontvangst ligt niet vóór het dossier bestond."
    if not omschrijving.strip():
        fouten["omschrijving"] = "Beschrijf wat de cliënt vraagt."
    return fouten


def fout_bij_afhandelen(uitkomst: str, antwoord: str) -> dict[str, str]:
    if uitkomst not in UITKOMSTEN:
        return {"uitkomst": "Kies hoe het verzoek beantwoord werd."}
    if uitkomst in MET_MOTIVERING and not antwoord.strip():
        return {"antwoord": "Een (gedeeltelijke) weigering wordt gemotiveerd (art. 12.4 AVG)."}
    return {}
