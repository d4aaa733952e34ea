"""The dossier page as one read model: what it shows of a dossier to this user, and what this
user may do on it now (the workflow steps and the small forms), asked of the access policy
and the workflows, never decided in the view (R-9.1, I-9.2)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from caseflow import access, clock
from caseflow.models import Dossier, Gebruiker
from caseflow.models.attest import attesten, geldend_attest
from caseflow.models.begeleiding import lopende_overeenkomst
from caseflow.models.casusoverleg import overleggen
from caseflow.models.pijler3 import adressen, pijler3_toeleiding
from caseflow.models.privacy import actieve_toestemming
from caseflow.models.signaal import signalen as signalen_van
from caseflow.models.signalering import knipperlicht, sociaal_verslag
from caseflow.services import herinneringen, privacy, ranking, signalen, stappen
from caseflow.services.signalering import VOOR_TOEWIJZING
from workflows.base import Actie
from workflows.signaal import WORKFLOW as SIGNAAL_WORKFLOW

# Stages in which the wegingskader still matters for the dossier (before the toewijzing).
RANGSCHIKBAAR = ("toeleiding", "attest", "kandidaat")


def _attest_uitgereikt(_u, d) -> bool:
    return d.status == "kandidaat" and (a := geldend_attest(d.id)) is not None \
        and a.status == "uitgereikt"


def _bo_loopt(_u, d) -> bool:
    return (bo := lopende_overeenkomst(d.id)) is not None and bo.status in ("actief", "evaluatie")


def _bo_beslissing(u, d) -> bool:
    bo = lopende_overeenkomst(d.id)
    return bo is not None and bo.open_voorstel is not None \
        and bo.open_voorstel.partij != access.partij(u, d)


def _verslag_nodig(_u, d) -> bool:
    return d.status in VOOR_TOEWIJZING and d.woonnood == "bijzondere_omstandigheden" and (
        (v := sociaal_verslag(d.id)) is None or v.status == "afgewezen")


Voorwaarde = Callable[[Gebruiker, Dossier], bool]

# The small forms of the dossier page: (the access policy's action, when it is offered). The
# forms of the begeleidingsovereenkomst are offered to its two parties only.
FORMULIEREN: dict[str, tuple[str, Voorwaarde]] = {
    "attest_bevestigen": ("attest.bevestigen", _attest_uitgereikt),
    "attest_intrekken": ("attest.intrekken", _attest_uitgereikt),
    "knipperlicht": ("knipperlicht.melden",
                     lambda u, d: d.status in VOOR_TOEWIJZING and knipperlicht(d.id) is None),
    "overleg": ("knipperlicht.overleg",
                lambda u, d: (k := knipperlicht(d.id)) is not None and k.overleg_op is None),
    "verslag": ("verslag.indienen", _verslag_nodig),
    "beslissing": ("verslag.beslissen",
                   lambda u, d: (v := sociaal_verslag(d.id)) is not None
                   and v.status == "ingediend"),
    "bo_voorstel": ("overeenkomst", lambda u, d: d.status in ("toegewezen", "aanklampend")
                    and lopende_overeenkomst(d.id) is None),
    "bo_wijziging": ("overeenkomst", lambda u, d: _bo_loopt(u, d)
                     and lopende_overeenkomst(d.id).open_voorstel is None),
    "bo_beslissing": ("overeenkomst", _bo_beslissing),
    "bo_evaluatie": ("overeenkomst", lambda u, d: (bo := lopende_overeenkomst(d.id)) is not None
                     and bo.status == "actief"),
    "bo_einde": ("overeenkomst", _bo_loopt),
    "casusoverleg": ("casusoverleg", lambda u, d: True),
    "toestemming": ("toestemming",
                    lambda u, d: actieve_toestemming(d.id, d.woonmaatschappij_id) is None),
    "toestemming_intrekken": ("toestemming", lambda u, d: actieve_toestemming(
        d.id, d.woonmaatschappij_id) is not None),
    "notitie": ("notitie", lambda u, d: True),
    "signaal": ("signaal.melden", lambda u, d: d.toewijzing is not None),
    "p3_toeleiding": ("pijler3.toeleiden",
                      lambda u, d: d.pijler == 3 and d.status in ("toeleiding", "attest")),
    "adres": ("dossier.bewerken", lambda u, d: d.pijler == 3 and d.status in VOOR_TOEWIJZING),
}
BO_FORMULIEREN = {"bo_voorstel", "bo_wijziging", "bo_beslissing", "bo_evaluatie", "bo_einde"}


def mag_formulier(user: Gebruiker, dossier: Dossier, naam: str) -> bool:
    """May this user fill in this small form on this dossier now?"""
    recht, wanneer = FORMULIEREN[naam]
    return access.may(user, recht, dossier) and wanneer(user, dossier) and (
        naam not in BO_FORMULIEREN or access.partij(user, dossier) is not None)


@dataclass(frozen=True)
class SignaalRegel:
    signaal: object
    termijn: tuple[str, date] | None
    acties: list[Actie]
    escalatie: bool  # may the user record a step of the arrears procedure (I-7.3a)


@dataclass(frozen=True)
class Pagina:
    """Everything the dossier page shows, as this user may see it."""
    dossier: object
    attest: object
    attesten: list
    historiek: list
    gevoelig_zichtbaar: bool
    toestemming: object
    notities: list
    overleggen: list
    uitleg: object
    knipperlicht: object
    verslag: object
    p3: object
    adressen: list
    signalen: list[SignaalRegel]
    bo: object
    engagement_einde: date | None
    termijnen: list
    acties: list[Actie]
    formulieren: list[str]
    mag_attest_opstellen: bool
    mag_bewerken: bool


def _uitleg(user: Gebruiker, dossier: Dossier, zichtbaar: bool):
    if dossier.pijler != 2 or dossier.status not in RANGSCHIKBAAR:
        return None
    uitleg = ranking.uitleg_voor(dossier, clock.vandaag())
    return uitleg if zichtbaar else ranking.zonder_details(uitleg)


def _signalen(user: Gebruiker, dossier: Dossier) -> list[SignaalRegel]:
    return [SignaalRegel(
        sg, signalen.volgende_termijn(sg, dossier),
        [a for a in SIGNAAL_WORKFLOW.acties(sg.status, f=signalen.feiten(sg, dossier))
         if access.may(user, f"signaal.{a.trigger}", dossier)],
        sg.soort == "huurachterstand" and access.may(user, "signaal.escalatiestap", dossier))
        for sg in signalen_van(dossier.id)]


def lees(user: Gebruiker, dossier: Dossier) -> Pagina:
    """The read model of the dossier page for `user` (the dossier is in scope already)."""
    zichtbaar = access.mag_gevoelige_gegevens_zien(user, dossier)
    return Pagina(
        dossier=access.weergave(user, dossier), attest=geldend_attest(dossier.id),
        attesten=[access.weergave(user, dossier, a, access.VRIJE_TEKST)
                  for a in attesten(dossier.id)],
        historiek=[access.weergave(user, dossier, h, access.VRIJE_TEKST)
                   for h in dossier.historiek],
        gevoelig_zichtbaar=zichtbaar,
        toestemming=actieve_toestemming(dossier.id, dossier.woonmaatschappij_id),
        notities=privacy.notities(user, dossier), overleggen=overleggen(dossier.id),
        uitleg=_uitleg(user, dossier, zichtbaar),
        knipperlicht=access.weergave(user, dossier, knipperlicht(dossier.id),
                                     ("reden", "overleg_verslag")),
        verslag=sociaal_verslag(dossier.id),
        p3=pijler3_toeleiding(dossier.id) if dossier.pijler == 3 else None,
        adressen=adressen(dossier.id) if dossier.pijler == 3 else [],
        signalen=_signalen(user, dossier),
        bo=lopende_overeenkomst(dossier.id),
        engagement_einde=dossier.toewijzing.engagement_einde if dossier.toewijzing else None,
        termijnen=herinneringen.komende(dossier), acties=stappen.acties(user, dossier),
        formulieren=[n for n in FORMULIEREN if mag_formulier(user, dossier, n)],
        mag_attest_opstellen=access.may(user, "attest.opstellen", dossier)
        and dossier.status in ("attest", "kandidaat"),
        mag_bewerken=access.may(user, "dossier.bewerken", dossier)
        and dossier.status != "afgesloten",
    )
