"""The guards of the dossier workflow as named rules over plain facts (RULES.md R-3, R-6).

Each guard answers a yes/no question about a `DossierFeiten`; `UITLEG` says in Dutch why a
transition is refused when the guard says no.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DossierFeiten:
    """What the workflow needs to know about a dossier, gathered by the service."""

    vandaag: date
    cir_ingeschreven: bool = False
    pijler3_toeleiding_ontbreekt: bool = False
    attest_status: str | None = None
    attest_geldig_tot: date | None = None
    begeleidingsovereenkomst_actief: bool = False
    knipperlicht: bool = False  # raised, and the overleg about it recorded
    knipperlicht_zonder_overleg: bool = False
    bijzondere_omstandigheden: bool = False  # woonnood not scored
    sociaal_verslag_goedgekeurd: bool = False
    engagement_einde: date | None = None
    gesloten_vanuit: str | None = None


AFSLUITREDENEN = {
    "private_huurmarkt": "Woning gevonden op de private huurmarkt (R-4.10)",
    "ingetrokken": "Aanvraag ingetrokken door de kandidaat",
    "niet_meer_in_aanmerking": "Niet meer in aanmerking",
    "verhuisd": "Verhuisd buiten het werkingsgebied",
    "overleden": "Overleden",
    "engagement_afgelopen": "Engagement afgelopen (2 jaar na toewijzing, R-6.3)",
    "andere": "Andere reden (toelichting verplicht)",
}


def cir_ingeschreven(f: DossierFeiten, **_) -> bool:
    return f.cir_ingeschreven


def pijler3_toeleiding_in_orde(f: DossierFeiten, **_) -> bool:
    """R-5.2: a pijler 3 dossier states its doelgroep and meets its checks before the attest."""
    return not f.pijler3_toeleiding_ontbreekt


def attest_uitgereikt(f: DossierFeiten, **_) -> bool:
    """R-3.1, I-3.4: an issued attest that has not lapsed."""
    return f.attest_status == "uitgereikt" and (
        f.attest_geldig_tot is None or f.attest_geldig_tot >= f.vandaag
    )


def attest_bevestigd(f: DossierFeiten, **_) -> bool:
    """R-3.3: a toewijzing is only possible on a confirmed attest."""
    return f.attest_status == "bevestigd"


def toewijsbaar(f: DossierFeiten, **_) -> bool:
    """R-6.4: not while a knipperlicht awaits its overleg; R-4.7: bijzondere omstandigheden
    only with a gemotiveerd sociaal verslag approved by the woonmaatschappij."""
    return not f.knipperlicht_zonder_overleg and (
        not f.bijzondere_omstandigheden or f.sociaal_verslag_goedgekeurd)


def begeleidingsovereenkomst_actief(f: DossierFeiten, **_) -> bool:
    return f.begeleidingsovereenkomst_actief


def begeleidingsovereenkomst_beeindigd(f: DossierFeiten, **_) -> bool:
    return not f.begeleidingsovereenkomst_actief


def geen_begeleidingsovereenkomst_vereist(f: DossierFeiten, **_) -> bool:
    """R-6.4: after a knipperlicht only with a begeleidingsovereenkomst."""
    return not f.knipperlicht


def afsluitreden_toegestaan(f: DossierFeiten, reden: str | None = None, **_) -> bool:
    if reden not in AFSLUITREDENEN:
        return False
    if reden == "engagement_afgelopen":
        return f.engagement_einde is not None and f.vandaag >= f.engagement_einde
    return True


def gesloten_vanuit(state: str):
    def guard(f: DossierFeiten, **_) -> bool:
        return f.gesloten_vanuit == state

    guard.__name__ = f"gesloten_vanuit_{state}"
    return guard


UITLEG = {
    "cir_ingeschreven": "De kandidaat is nog niet ingeschreven in het Centraal "
    "Inschrijvingsregister: vul de CIR-inschrijvingsdatum en het CIR-nummer in.",
    "attest_uitgereikt": "Er is geen geldig uitgereikt attest (R-3.1).",
    "pijler3_toeleiding_in_orde": "Registreer eerst de pijler 3-toeleiding: de doelgroep en "
    "wat die vraagt (R-5.2).",
    "attest_bevestigd": "Een toewijzing kan enkel op een bevestigd attest (R-3.3): "
    "bevestig eerst het attest.",
    "toewijsbaar": "Nog niet toewijsbaar: een knipperlicht wacht op overleg (R-6.4), of "
    "bijzondere omstandigheden vragen een goedgekeurd gemotiveerd sociaal verslag (R-4.7).",
    "begeleidingsovereenkomst_actief": "Er loopt geen begeleidingsovereenkomst.",
    "begeleidingsovereenkomst_beeindigd": "De begeleidingsovereenkomst loopt nog.",
    "geen_begeleidingsovereenkomst_vereist": "Na een knipperlicht kan dit dossier enkel verder "
    "met een begeleidingsovereenkomst (R-6.4).",
    "afsluitreden_toegestaan": "Kies een geldige reden om af te sluiten; 'engagement "
    "afgelopen' kan pas 2 jaar na de toewijzing (R-6.3).",
}


def uitleg(guard_name: str) -> str:
    if guard_name.startswith("gesloten_vanuit_"):
        return "Het dossier kan enkel heropend worden naar de fase waarin het werd afgesloten."
    return UITLEG[guard_name]
