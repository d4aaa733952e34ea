"""'Mijn huurders': the allocated dossiers of a woonmaatschappij during the engagement."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from caseflow import access
from caseflow.extensions import db
from caseflow.models import Begeleidingsovereenkomst, Dossier, Gebruiker, Toewijzing
from caseflow.models.begeleiding import LOPEND
from caseflow.services import audit

GEVOLGD = ("toegewezen", "begeleiding", "aanklampend")


@dataclass(frozen=True)
class Huurder:
    dossier: Dossier
    overeenkomst: Begeleidingsovereenkomst | None
    open_acties: tuple[str, ...]


def mijn_huurders(user: Gebruiker) -> list[Huurder]:
    access.require(user, "woning.beheren")
    ids = list(db.session.scalars(
        select(Dossier.id).join(Toewijzing, Toewijzing.dossier_id == Dossier.id)
        .where(access.dossier_scope(user), Dossier.status.in_(GEVOLGD))))
    audit.log(user, "huurders_bekeken", dossiers=ids)
    db.session.commit()
    overeenkomsten = {bo.dossier_id: bo for bo in db.session.scalars(
        select(Begeleidingsovereenkomst).where(Begeleidingsovereenkomst.dossier_id.in_(ids),
                                               Begeleidingsovereenkomst.status.in_(LOPEND))
        .options(selectinload(Begeleidingsovereenkomst.voorstellen)))}
    result = []
    for d in db.session.scalars(
            select(Dossier).where(Dossier.id.in_(ids))
            .options(selectinload(Dossier.gemeente), selectinload(Dossier.organisatie))):
        bo = overeenkomsten.get(d.id)
        acties = []
        if bo is not None and (v := bo.open_voorstel) is not None and v.partij == "welzijn":
            acties.append(f"Voorstel '{v.soort_label.lower()}' wacht op uw antwoord")
        if d.status == "toegewezen" and bo is None and d.pijler == 3:
            acties.append("Begeleidingsovereenkomst nog niet voorgesteld (standaard in pijler 3)")
        result.append(Huurder(d, bo, tuple(acties)))
    return sorted(result, key=lambda h: h.dossier.toewijzing.engagement_einde)
