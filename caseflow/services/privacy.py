"""Consent (R-9.1, I-9.2) and notes on a dossier, each change audited."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from caseflow import access, clock
from caseflow.errors import Ongeldig
from caseflow.extensions import db
from caseflow.models import Gebruiker, Notitie, Toestemming
from caseflow.models.privacy import ZICHTBAARHEID, actieve_toestemming
from caseflow.services import wijziging
from workflows.base import TransitieGeweigerd


def notities(user: Gebruiker, dossier) -> list[Notitie]:
    return list(db.session.scalars(select(Notitie).where(
        Notitie.dossier_id == dossier.id, access.notities_scope(user, dossier))
        .options(joinedload(Notitie.auteur), joinedload(Notitie.organisatie))
        .order_by(Notitie.id.desc())))


def toestemming_registreren(user: Gebruiker, dossier_id: int, version_id: int | None,
                            gegeven_op: date, omvang: str) -> Toestemming:
    """The hulpverlener records the client's informed consent to share with the
    woonmaatschappij: when, and what."""
    with wijziging.wijzig(user, dossier_id, "toestemming", version_id,
                          "toestemming_geregistreerd") as w:
        dossier = w.dossier
        if actieve_toestemming(dossier.id, dossier.woonmaatschappij_id) is not None:
            raise TransitieGeweigerd(["Er is al een geldige toestemming; trek ze eerst in om "
                                      "ze te wijzigen."])
        t = Toestemming(dossier_id=dossier.id, woonmaatschappij_id=dossier.woonmaatschappij_id,
                        gegeven_op=wijziging.check_datum(gegeven_op), omvang=omvang,
                        geregistreerd_door_id=user.id)
        db.session.add(t)
    return t


def toestemming_intrekken(user: Gebruiker, dossier_id: int,
                          version_id: int | None) -> Toestemming:
    """R-9.1: consent is revocable; from now on the woonmaatschappij sees only the toewijzing."""
    with wijziging.wijzig(user, dossier_id, "toestemming", version_id,
                          "toestemming_ingetrokken") as w:
        t = actieve_toestemming(w.dossier.id, w.dossier.woonmaatschappij_id)
        if t is None:
            raise TransitieGeweigerd(["Er is geen geldige toestemming om in te trekken."])
        t.ingetrokken_op, t.ingetrokken_door_id = clock.vandaag(), user.id
    return t


def notitie_toevoegen(user: Gebruiker, dossier_id: int, version_id: int | None, tekst: str,
                      zichtbaarheid: str) -> Notitie:
    with wijziging.wijzig(user, dossier_id, "notitie", version_id, "notitie_toegevoegd") as w:
        if zichtbaarheid not in ZICHTBAARHEID:
            raise Ongeldig({"zichtbaarheid": "Kies intern of gedeeld."})
        n = Notitie(dossier_id=w.dossier.id, tekst=tekst, zichtbaarheid=zichtbaarheid,
                    organisatie_id=user.organisatie_id, auteur_id=user.id)
        db.session.add(n)
        w.details["zichtbaarheid"] = zichtbaarheid
    return n
