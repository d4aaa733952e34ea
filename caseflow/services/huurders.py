"""'Mijn huurders': the allocated dossiers of a woonmaatschappij during the engagement."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from caseflow import access, clock, formaat
from caseflow.extensions import db
from caseflow.models import (
    Actiepunt,
    Begeleidingsovereenkomst,
    Casusoverleg,
    Dossier,
    Gebruiker,
    Signaal,
    Toewijzing,
)
from caseflow.models.begeleiding import LOPEND
from caseflow.models.dossier import naam_bevat
from caseflow.models.signaal import is_open
from caseflow.rules.zoeken import normaliseer
from caseflow.services import audit
from caseflow.services.paginering import PER_PAGINA, Pagina, begrens, eerste_per_deel, tel_tot

GEVOLGD = ("toegewezen", "begeleiding", "aanklampend")
VOLGORDE = (Toewijzing.engagement_einde, Toewijzing.dossier_id)


@dataclass(frozen=True)
class Huurder:
    dossier: Dossier
    overeenkomst: Begeleidingsovereenkomst | None
    open_acties: tuple[str, ...]
    open_signalen: int = 0
    open_actiepunten: int = 0
    bo_voorbij: bool = False  # the agreement runs past its planned end


def _tellingen(model, kolom, ids, *voorwaarden) -> dict[int, int]:
    return dict(db.session.execute(select(kolom, func.count(model.id)).where(
        kolom.in_(ids), *voorwaarden).group_by(kolom)).all())


def mijn_huurders(user: Gebruiker, pagina: int = 1, per_pagina: int = PER_PAGINA,
                  zoek: str | None = None) -> Pagina[Huurder]:
    """The page's tenants, read for that page only, optionally those whose name, dossier
    number or address holds `zoek`; the dossiers shown are audited (I-9.2)."""
    access.require(user, "woning.beheren")
    gevolgd = select(Dossier.id).join(Toewijzing, Toewijzing.dossier_id == Dossier.id).where(
        access.dossier_scope(user), Dossier.status.in_(GEVOLGD))
    if zoek and zoek.strip():
        term = zoek.strip().lower()
        gevolgd = gevolgd.where(or_(
            naam_bevat(normaliseer(zoek)),
            func.lower(Dossier.nummer).contains(term, autoescape=True),
            func.lower(Toewijzing.adres).contains(term, autoescape=True)))
    totaal, meer = tel_tot(gevolgd)
    pagina = begrens(pagina, totaal, per_pagina)
    if not zoek and user.organisatie.is_woonmaatschappij:
        gevolgd = gevolgd.where(Dossier.id.in_(_eerste(user.organisatie_id, pagina * per_pagina)))
    ids = list(db.session.scalars(gevolgd.order_by(*VOLGORDE)
                                  .offset((pagina - 1) * per_pagina).limit(per_pagina)))
    audit.log(user, "huurders_bekeken", dossiers=ids, pagina=pagina)
    db.session.commit()
    return Pagina(_huurders(ids), totaal, pagina, per_pagina, meer)


def _eerste(woonmaatschappij_id: int, aantal: int):
    """Ids that hold the first `aantal` tenants of a woonmaatschappij's list in its order: its
    own toewijzingen walked along their index (R-1.2: the woonmaatschappij that allocated stays
    the dossier's) and the dossiers it opened itself. Where the list's scope sorted all its
    tenants, this reads a page's worth; the list's WHERE (the access policy) still decides
    what is shown."""
    return eerste_per_deel(
        select(Dossier.id).join(Toewijzing, Toewijzing.dossier_id == Dossier.id)
        .where(Dossier.status.in_(GEVOLGD)),
        (Toewijzing.woonmaatschappij_id == woonmaatschappij_id,
         Dossier.organisatie_id == woonmaatschappij_id), VOLGORDE, aantal)


def _huurders(ids: list[int]) -> list[Huurder]:
    overeenkomsten = {bo.dossier_id: bo for bo in db.session.scalars(
        select(Begeleidingsovereenkomst).where(Begeleidingsovereenkomst.dossier_id.in_(ids),
                                               Begeleidingsovereenkomst.status.in_(LOPEND))
        .options(selectinload(Begeleidingsovereenkomst.voorstellen)))}
    signalen = _tellingen(Signaal, Signaal.dossier_id, ids, is_open())
    actiepunten = _tellingen(Actiepunt, Casusoverleg.dossier_id, ids,
                             Actiepunt.casusoverleg_id == Casusoverleg.id,
                             Actiepunt.gedaan_op.is_(None))
    vandaag = clock.vandaag()
    result = []
    for d in db.session.scalars(
            select(Dossier).where(Dossier.id.in_(ids))
            .options(selectinload(Dossier.gemeente), selectinload(Dossier.organisatie),
                     selectinload(Dossier.toewijzing).selectinload(Toewijzing.gemeente))):
        bo = overeenkomsten.get(d.id)
        acties = []
        if bo is not None and (v := bo.open_voorstel) is not None and v.partij == "welzijn":
            acties.append(f"Voorstel '{v.soort_label.lower()}' wacht op uw antwoord")
        if d.status == "toegewezen" and bo is None and d.pijler == 3:
            acties.append("Begeleidingsovereenkomst nog niet voorgesteld (standaard in pijler 3)")
        voorbij = bo is not None and bo.status in ("actief", "evaluatie") and \
            bo.geplande_einddatum < vandaag
        if voorbij:
            acties.append("Begeleidingsovereenkomst liep tot "
                          f"{formaat.datum(bo.geplande_einddatum)}: evalueer en beëindig "
                          "of verleng ze (R-6.2)")
        result.append(Huurder(d, bo, tuple(acties), signalen.get(d.id, 0),
                              actiepunten.get(d.id, 0), voorbij))
    return sorted(result, key=lambda h: (h.dossier.toewijzing.engagement_einde, h.dossier.id))
