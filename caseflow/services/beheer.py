"""Beheer: organisations, agreements, gemeenten and users (a beheerder's work, audited)."""
from __future__ import annotations

import secrets
from typing import TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from caseflow import access, clock
from caseflow.errors import NietGevonden, Ongeldig
from caseflow.extensions import db
from caseflow.models import Gebruiker, Gemeente, Organisatie, Samenwerkingsovereenkomst, Zone
from caseflow.rules import wachtwoord as wachtwoord_regels
from caseflow.rules.aanmelden import als_account
from caseflow.services import account, audit, auth, locking, mail
from caseflow.services.paginering import Pagina, blad

T = TypeVar("T", Organisatie, Gemeente, Gebruiker)


def laad(model: type[T], obj_id: int) -> T:
    """An organisation, gemeente or user to manage; NietGevonden if there is none."""
    obj = db.session.get(model, obj_id)
    if obj is None:
        raise NietGevonden()
    return obj


def organisaties() -> list[Organisatie]:
    return list(db.session.scalars(select(Organisatie).options(selectinload(Organisatie.gemeente))
                                   .order_by(Organisatie.soort, Organisatie.naam)))


def _bevat(term: str | None, *kolommen):
    """The rows with `term` in any of `kolommen`, whatever its case (none without a term); a
    `%` or `_` typed is that character, not a wildcard."""
    if not term or not term.strip():
        return []
    return [or_(*(func.lower(k).contains(term.strip().lower(), autoescape=True)
                  for k in kolommen))]


def organisaties_pagina(zoek: str | None = None, pagina: int = 1) -> Pagina[Organisatie]:
    """A page of the organisations (hundreds across Flanders), by kind and name; `zoek` finds
    a part of the name or the abbreviation."""
    return blad(select(Organisatie).where(*_bevat(zoek, Organisatie.naam, Organisatie.afkorting))
                .options(selectinload(Organisatie.gemeente))
                .order_by(Organisatie.soort, Organisatie.naam, Organisatie.id), pagina)


def _check_organisatie(data: dict, org_id: int | None) -> None:
    bestaand = db.session.scalar(select(Organisatie.id).where(
        func.lower(Organisatie.naam) == data["naam"].lower()))
    if bestaand is not None and bestaand != org_id:
        raise Ongeldig({"naam": "Er bestaat al een organisatie met deze naam."})
    if data["soort"] != "welzijnsorganisatie" and data.get("sector"):
        raise Ongeldig({"sector": "Een sector hoort enkel bij een welzijnsorganisatie."})


def organisatie_opslaan(user: Gebruiker, data: dict, org: Organisatie | None = None,
                        version_id: int | None = None) -> Organisatie:
    access.require(user, "beheer")
    if org is not None:
        locking.check_version(org, version_id,
                              f"Organisatie {org.naam} werd intussen gewijzigd.", data)
    _check_organisatie(data, org.id if org else None)
    if org is None:
        org = Organisatie()
        db.session.add(org)
    for veld, waarde in data.items():
        setattr(org, veld, waarde)
    db.session.flush()
    audit.log(user, "beheer_organisatie", organisatie=org.id, naam=org.naam)
    locking.commit(f"Organisatie {org.naam} werd intussen gewijzigd.", data)
    return org


def overeenkomst_toevoegen(user: Gebruiker, welzijn: Organisatie, data: dict
                           ) -> Samenwerkingsovereenkomst:
    access.require(user, "beheer")
    wm = db.session.get(Organisatie, data["woonmaatschappij_id"])
    if welzijn.soort != "welzijnsorganisatie":
        raise Ongeldig({"woonmaatschappij_id": "Enkel een welzijnsorganisatie sluit een "
                                               "samenwerkingsovereenkomst (R-1.3)."})
    if wm is None or not wm.is_woonmaatschappij:
        raise Ongeldig({"woonmaatschappij_id": "Kies een woonmaatschappij."})
    if data.get("einddatum") and data["einddatum"] < data["startdatum"]:
        raise Ongeldig({"einddatum": "De einddatum ligt vóór de startdatum."})
    ovk = Samenwerkingsovereenkomst(welzijnsorganisatie_id=welzijn.id, **data)
    db.session.add(ovk)
    db.session.flush()
    audit.log(user, "beheer_overeenkomst", overeenkomst=ovk.id, welzijn=welzijn.id, wm=wm.id)
    db.session.commit()
    return ovk


def overeenkomsten(org: Organisatie) -> list[Samenwerkingsovereenkomst]:
    return list(db.session.scalars(
        select(Samenwerkingsovereenkomst)
        .where((Samenwerkingsovereenkomst.welzijnsorganisatie_id == org.id)
               | (Samenwerkingsovereenkomst.woonmaatschappij_id == org.id))
        .order_by(Samenwerkingsovereenkomst.startdatum)))


def gemeenten() -> list[Gemeente]:
    return list(db.session.scalars(select(Gemeente).options(
        selectinload(Gemeente.zone).selectinload(Zone.woonmaatschappij)).order_by(Gemeente.naam)))


def gemeenten_pagina(zoek: str | None = None, pagina: int = 1) -> Pagina[Gemeente]:
    """A page of the gemeenten (300 across Flanders) with their zone, by name; `zoek` finds a
    part of the name."""
    return blad(select(Gemeente).where(*_bevat(zoek, Gemeente.naam)).options(
        selectinload(Gemeente.zone).selectinload(Zone.woonmaatschappij))
        .order_by(Gemeente.naam, Gemeente.id), pagina)


def gemeente_namen(woonmaatschappij_id: int | None = None) -> list[tuple[int, str]]:
    """The gemeenten's ids and names, alphabetical; only those in a woonmaatschappij's
    werkingsgebied when given (R-1.4). One statement: a select lists names, not objects."""
    q = select(Gemeente.id, Gemeente.naam).order_by(Gemeente.naam)
    if woonmaatschappij_id is not None:
        q = q.join(Zone, Zone.id == Gemeente.zone_id).where(
            Zone.woonmaatschappij_id == woonmaatschappij_id)
    return [(id_, naam) for id_, naam in db.session.execute(q)]


def zones() -> list[Zone]:
    return list(db.session.scalars(select(Zone).order_by(Zone.woonmaatschappij_id, Zone.naam)))


def gemeente_opslaan(user: Gebruiker, gemeente: Gemeente, data: dict,
                     version_id: int | None) -> Gemeente:
    """R-1.4: each gemeente belongs to one werkingsgebied (zone), kept by a beheerder. A stale
    form is a conflict; the audit records every field before and after."""
    access.require(user, "beheer")
    titel = f"Gemeente {gemeente.naam} werd intussen gewijzigd."
    locking.check_version(gemeente, version_id, titel)
    if data["zone_id"] is not None and db.session.get(Zone, data["zone_id"]) is None:
        raise Ongeldig({"zone_id": "Kies een zone uit de lijst."})
    voor = {veld: getattr(gemeente, veld) for veld in data}
    for veld, waarde in data.items():
        setattr(gemeente, veld, waarde)
    audit.log(user, "beheer_gemeente", gemeente=gemeente.id, voor=voor, na=dict(data))
    locking.commit(titel)
    return gemeente


def gebruikers(zoek: str | None = None, pagina: int = 1) -> Pagina[Gebruiker]:
    """A page of the users, by name; `zoek` finds a part of the name or e-mail address."""
    return blad(select(Gebruiker).where(*_bevat(zoek, Gebruiker.naam, Gebruiker.email))
                .options(selectinload(Gebruiker.organisatie))
                .order_by(Gebruiker.naam, Gebruiker.id), pagina)


def _check_gebruiker(data: dict, gebruiker_id: int | None, wachtwoord: str | None) -> None:
    fouten = {}
    if wachtwoord and (melding := wachtwoord_regels.fout(wachtwoord, data["email"])):
        fouten["wachtwoord"] = melding  # ASVS 2.1.1, 2.1.7
    bestaand = db.session.scalar(select(Gebruiker.id).where(Gebruiker.email == data["email"]))
    if bestaand is not None and bestaand != gebruiker_id:
        fouten["email"] = "Dit e-mailadres is al in gebruik."
    org = db.session.get(Organisatie, data["organisatie_id"])
    if org is None:
        fouten["organisatie_id"] = "Kies een organisatie."
    elif data["rol"] == "hulpverlener" and org.soort != "welzijnsorganisatie":
        fouten["organisatie_id"] = "Een hulpverlener hoort bij een welzijnsorganisatie."
    elif data["rol"] == "huurbegeleider" and not org.is_woonmaatschappij:
        fouten["organisatie_id"] = "Een huurbegeleider hoort bij een woonmaatschappij."
    if fouten:
        raise Ongeldig(fouten)


def gebruiker_opslaan(user: Gebruiker | None, data: dict, gebruiker: Gebruiker | None = None,
                      wachtwoord: str | None = None, version_id: int | None = None,
                      eigen_sessie: str | None = None) -> Gebruiker:
    """Create or update a user; `user` None is the command line (flask users create). A new
    user without a password gets an invitation to choose one (ASVS 2.3.1; nobody else knows
    it): mail.MailFout when that mail did not leave (the user is kept; it can be sent again).
    A new password, a new role or a deactivation ends the user's sessions (but the acting
    beheerder's)."""
    if user is not None:
        access.require(user, "beheer")
    data = {**data, "email": als_account(data["email"])}
    if gebruiker is not None:
        locking.check_version(gebruiker, version_id, f"Gebruiker {gebruiker.naam} werd intussen "
                       "gewijzigd.", data)
    _check_gebruiker(data, gebruiker.id if gebruiker else None, wachtwoord)
    nieuw = gebruiker is None
    if nieuw:
        gebruiker = Gebruiker()
        db.session.add(gebruiker)
    # ASVS 3.2.1: a session never carries a role it did not log in with
    rol_gewijzigd = not nieuw and gebruiker.rol != data["rol"]
    oud_email = None if nieuw or gebruiker.email == data["email"] else gebruiker.email
    for veld, waarde in data.items():
        setattr(gebruiker, veld, waarde)
    if gebruiker.actief == (gebruiker.gedeactiveerd_op is not None):
        gebruiker.gedeactiveerd_op = None if gebruiker.actief else clock.vandaag()
    if wachtwoord or nieuw:
        gebruiker.zet_wachtwoord(wachtwoord or secrets.token_urlsafe(32))
    db.session.flush()
    if wachtwoord or not gebruiker.actief or rol_gewijzigd:
        auth.sessies_beeindigen(gebruiker, behalve=eigen_sessie)
    audit.log(user, "beheer_gebruiker", gebruiker=gebruiker.id, rol=gebruiker.rol,
              wachtwoord_gewijzigd=bool(wachtwoord))
    locking.commit(f"Gebruiker {gebruiker.naam} werd intussen gewijzigd.", data)
    if oud_email:  # ASVS 2.2.3: both addresses hear of it
        for adres in (oud_email, gebruiker.email):
            mail.meld_beveiliging(gebruiker, f"Het e-mailadres om aan te melden werd gewijzigd "
                                             f"van {oud_email} naar {gebruiker.email}", adres)
    if nieuw and not wachtwoord:
        try:
            account.uitnodigen(user, gebruiker)
        except mail.MailFout as e:
            raise mail.MailFout(str(e), gebruiker_id=gebruiker.id) from e
    return gebruiker
