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
    pijler: int | None = None
    voorstel_aanvaard: bool = False  # the candidate accepted a vacancy's proposal
    zonder_bo_akkoord: str | None = None  # "welzijn", "wonen" or "beide"
    verplicht_signaal_open: bool = False  # a signaal that still obliges (I-7.4a)


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


def attest_niet_verlopen(f: DossierFeiten, **_) -> bool:
    """I-3.4a: a confirmed attest lapses like an issued one; no toewijzing after its last
    valid day."""
    return f.attest_geldig_tot is None or f.attest_geldig_tot >= f.vandaag


def pijler2_via_ranglijst(f: DossierFeiten, **_) -> bool:
    """R-4.8, R-4.6: pijler 2 allocates through a vacancy and its ranking (an accepted
    proposal); bijzondere omstandigheden are the one exception, with their approved verslag
    (R-4.7, checked by `toewijsbaar`)."""
    return f.pijler != 2 or f.voorstel_aanvaard or f.bijzondere_omstandigheden


def zonder_overeenkomst_akkoord(f: DossierFeiten, **_) -> bool:
    """R-6.1, R-6.2: pijler 2 follows up without a begeleidingsovereenkomst by default; for
    pijler 3 the standard agreement is only left aside when both parties agree."""
    return f.pijler != 3 or f.zonder_bo_akkoord == "beide"


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
        return engagement_voorbij(f)
    return True


def engagement_voorbij(f: DossierFeiten) -> bool:
    """I-7.4a: the engagement includes its last day (toewijzing + 2 years); after it, the
    dossier may close once no obliging signaal is open (a begeleidingsovereenkomst that still
    runs keeps it in 'begeleiding', where closing for this reason is not offered)."""
    return f.engagement_einde is not None and f.vandaag > f.engagement_einde and \
        not f.verplicht_signaal_open


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
    "afgelopen' kan pas na de laatste dag van het engagement (2 jaar na de toewijzing) en "
    "zolang geen verplichtend signaal openstaat (R-6.3, I-7.4a).",
    "attest_niet_verlopen": "Het attest is verlopen: ook een bevestigd attest geldt maar tot "
    "zijn einddatum. Vernieuw het attest (I-3.4, I-3.4a).",
    "pijler2_via_ranglijst": "Pijler 2 wijst toe via een vrijgekomen woning en haar ranglijst "
    "(R-4.8, R-4.6): registreer de woning bij Woningen en stel de eerste kandidaat voor. Enkel "
    "bijzondere omstandigheden met een goedgekeurd sociaal verslag wijzen hier rechtstreeks "
    "toe (R-4.7).",
    "zonder_overeenkomst_akkoord": "Voor pijler 3 is een begeleidingsovereenkomst de "
    "standaard: opvolgen zonder kan enkel als de welzijnsorganisatie en de woonmaatschappij "
    "allebei akkoord gaan (R-6.2).",
}


def uitleg(guard_name: str) -> str:
    if guard_name.startswith("gesloten_vanuit_"):
        return "Het dossier kan enkel heropend worden naar de fase waarin het werd afgesloten."
    return UITLEG[guard_name]
