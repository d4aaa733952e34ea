"""Versioned configuration: every version kept with its effective date (I-4.2a)."""
from __future__ import annotations

from datetime import date
from itertools import groupby

from sqlalchemy import select

from caseflow import access
from caseflow.extensions import db
from caseflow.models import Gebruiker, Instelling
from caseflow.rules.instellingen import SLEUTELS, valideer
from caseflow.services import audit
from caseflow.services.errors import Ongeldig


def overzicht(user: Gebruiker) -> dict[str, list[Instelling]]:
    access.require(user, "instellingen.bekijken")
    rows = db.session.scalars(select(Instelling).order_by(Instelling.sleutel,
                                                          Instelling.ingangsdatum.desc()))
    per = {k: list(v) for k, v in groupby(rows, key=lambda i: i.sleutel)}
    return {k: per.get(k, []) for k in SLEUTELS}


def toevoegen(user: Gebruiker, sleutel: str, ingangsdatum: date, waarde,
              toelichting: str | None) -> Instelling:
    """A new version from `ingangsdatum`; earlier scores keep the version they used."""
    access.require(user, "instellingen.wijzigen")
    try:
        waarde = valideer(sleutel, waarde)
    except ValueError as e:
        raise Ongeldig({"waarde": f"Ongeldige waarde: {e}."}) from None
    if db.session.scalar(select(Instelling.id).where(Instelling.sleutel == sleutel,
                                                     Instelling.ingangsdatum == ingangsdatum)):
        raise Ongeldig({"ingangsdatum": "Er bestaat al een versie met deze ingangsdatum."})
    instelling = Instelling(sleutel=sleutel, ingangsdatum=ingangsdatum, waarde=waarde,
                            toelichting=toelichting, aangemaakt_door_id=user.id)
    db.session.add(instelling)
    db.session.flush()
    audit.log(user, "instelling_toegevoegd", sleutel=sleutel,
              ingangsdatum=ingangsdatum.isoformat())
    db.session.commit()
    return instelling
