"""Casusoverleg records (I-6.5a, R-9.3) and their action items."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from caseflow import access, clock, formaat
from caseflow.errors import NietGevonden, NietToegestaan, Ongeldig
from caseflow.extensions import db
from caseflow.models import Actiepunt, Casusoverleg, Dossier, Gebruiker
from caseflow.models.casusoverleg import REDENEN
from caseflow.services import audit, wijziging


def partners(dossier: Dossier) -> list[Gebruiker]:
    """Who can own an action item: active users of the welzijnsorganisatie and the
    woonmaatschappij on the dossier."""
    return list(db.session.scalars(select(Gebruiker).where(
        Gebruiker.actief, Gebruiker.organisatie_id.in_(
            [dossier.organisatie_id, dossier.woonmaatschappij_id]))
        .options(joinedload(Gebruiker.organisatie)).order_by(Gebruiker.naam)))


def registreren(user: Gebruiker, dossier_id: int, version_id: int | None, datum: date,
                reden: str, deelnemers: str, samenvatting: str,
                beslissingen: str | None) -> Casusoverleg:
    with wijziging.wijzig(user, dossier_id, "casusoverleg", version_id,
                          "casusoverleg_geregistreerd") as w:
        if reden not in REDENEN:
            raise Ongeldig({"reden": "Kies de reden van het overleg."})
        overleg = Casusoverleg(dossier_id=w.dossier.id, datum=wijziging.check_datum(datum),
                               reden=reden, deelnemers=deelnemers, samenvatting=samenvatting,
                               beslissingen=beslissingen, aangemaakt_door_id=user.id)
        db.session.add(overleg)
    return overleg


def actiepunt_toevoegen(user: Gebruiker, dossier_id: int, version_id: int | None,
                        overleg_id: int, omschrijving: str, eigenaar_id: int,
                        vervaldatum: date) -> Actiepunt:
    with wijziging.wijzig(user, dossier_id, "casusoverleg", version_id,
                          "actiepunt_toegevoegd") as w:
        overleg = db.session.get(Casusoverleg, overleg_id)
        if overleg is None or overleg.dossier_id != w.dossier.id:
            raise NietGevonden()
        if eigenaar_id not in {g.id for g in partners(w.dossier)}:
            raise Ongeldig({"eigenaar_id": "Kies iemand van de partners op het dossier."})
        if vervaldatum < overleg.datum:
            raise Ongeldig({"vervaldatum": "Een actiepunt valt niet vóór het casusoverleg van "
                                           f"{formaat.datum(overleg.datum)}."})
        punt = Actiepunt(casusoverleg_id=overleg.id, omschrijving=omschrijving,
                         eigenaar_id=eigenaar_id, vervaldatum=vervaldatum)
        db.session.add(punt)
    return punt


def actiepunt_afvinken(user: Gebruiker, dossier_id: int, actiepunt_id: int) -> Actiepunt:
    dossier = access.dossier_in_scope(user, dossier_id)
    punt = db.session.get(Actiepunt, actiepunt_id)
    if punt is None or punt.overleg.dossier_id != dossier.id:
        raise NietGevonden()
    if not access.mag_actiepunt_afvinken(user, punt.eigenaar):
        raise NietToegestaan()
    if punt.gedaan_op is None:
        punt.gedaan_op, punt.gedaan_door_id = clock.nu(), user.id
        audit.log(user, "actiepunt_gedaan", dossier, actiepunt=punt.id)
        db.session.commit()
    return punt


def mijn_actiepunten(user: Gebruiker, limiet: int) -> list[Actiepunt]:
    """The user's first `limiet` open action items, overdue first (on the start page)."""
    return list(db.session.scalars(
        select(Actiepunt).join(Casusoverleg).join(Dossier, Dossier.id == Casusoverleg.dossier_id)
        .where(Actiepunt.eigenaar_id == user.id, Actiepunt.gedaan_op.is_(None),
               access.dossier_scope(user))
        .order_by(Actiepunt.vervaldatum, Actiepunt.id).limit(limiet)))
