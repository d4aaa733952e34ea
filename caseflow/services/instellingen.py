"""Versioned configuration: every version kept with its effective date (I-4.2a)."""
from __future__ import annotations

from datetime import date
from itertools import groupby

from sqlalchemy import func, select

from caseflow import access, clock
from caseflow.errors import Ongeldig, oordeel
from caseflow.extensions import db
from caseflow.models import Gebruiker, Instelling
from caseflow.rules import datums
from caseflow.rules.instellingen import SLEUTELS, valideer
from caseflow.services import audit


def overzicht(user: Gebruiker) -> dict[str, list[Instelling]]:
    access.require(user, "instellingen.bekijken")
    rows = db.session.scalars(select(Instelling).order_by(Instelling.sleutel,
                                                          Instelling.ingangsdatum.desc()))
    per = {k: list(v) for k, v in groupby(rows, key=lambda i: i.sleutel)}
    return {k: per.get(k, []) for k in SLEUTELS}


def toevoegen(user: Gebruiker, sleutel: str, ingangsdatum: date, waarde,
              toelichting: str | None, bevestigd: bool = False) -> Instelling:
    """A new version from `ingangsdatum`, after the version in force; earlier scores keep the
    version they used."""
    access.require(user, "instellingen.wijzigen")
    try:
        waarde = valideer(sleutel, waarde)
    except ValueError as e:
        raise Ongeldig({"waarde": f"Ongeldige waarde: {e}."}) from None
    laatste = db.session.scalar(select(func.max(Instelling.ingangsdatum)).where(
        Instelling.sleutel == sleutel))
    oordeel("ingangsdatum", *datums.nieuwe_versie(ingangsdatum, laatste, clock.vandaag()),
            bevestigd)
    instelling = Instelling(sleutel=sleutel, ingangsdatum=ingangsdatum, waarde=waarde,
                            toelichting=toelichting, aangemaakt_door_id=user.id)
    db.session.add(instelling)
    db.session.flush()
    audit.log(user, "instelling_toegevoegd", sleutel=sleutel,
              ingangsdatum=ingangsdatum.isoformat())
    db.session.commit()
    return instelling
