"""Login and sessions: checks the password hash (failures are audited without the password);
every login is a server-side session that logging out, a new password or its absolute lifetime
ends, whatever a copied cookie still says."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import delete, select, update
from sqlalchemy.orm import joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Gebruiker, Sessie
from caseflow.models.base import utcnow
from caseflow.services import audit


@cache
def _dummy_hash() -> str:
    """Compared against when the e-mail is unknown, so both paths take equally long."""
    return generate_password_hash("caseflow-dummy")


def _hash(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode()).hexdigest()


def aanmelden(email: str, wachtwoord: str) -> tuple[Gebruiker, str] | None:
    """The user and the key of their new session, or None."""
    user = db.session.scalars(
        select(Gebruiker).where(Gebruiker.email == email.strip().lower())
    ).first()
    if user is None:
        check_password_hash(_dummy_hash(), wachtwoord)
        audit.log(None, "aanmelding_mislukt", email=email.strip().lower()[:254])
        db.session.commit()
        return None
    if not user.controleer_wachtwoord(wachtwoord) or not user.actief:
        audit.log(None, "aanmelding_mislukt", gebruiker=user.id)
        db.session.commit()
        return None
    # A Core update: simultaneous logins of one account do not race on the user's version.
    db.session.execute(update(Gebruiker.__table__).where(Gebruiker.__table__.c.id == user.id)
                       .values(laatste_login=clock.nu()))
    sleutel = secrets.token_urlsafe(32)
    db.session.add(Sessie(sleutel_hash=_hash(sleutel), gebruiker_id=user.id))
    audit.log(user, "aangemeld")
    db.session.commit()
    return user, sleutel


def sessie_gebruiker(gebruiker_id: int, sleutel: str | None,
                     levensduur: timedelta) -> Gebruiker | None:
    """The active user of this open session, younger than its absolute lifetime; else None.
    One query: it runs on every request."""
    if not sleutel:
        return None
    sinds: datetime = utcnow() - levensduur
    return db.session.scalars(
        select(Gebruiker).join(Sessie, Sessie.gebruiker_id == Gebruiker.id)
        .where(Gebruiker.id == gebruiker_id, Gebruiker.actief,
               Sessie.sleutel_hash == _hash(sleutel), Sessie.aangemaakt_op >= sinds)
        .options(joinedload(Gebruiker.organisatie))).first()


def afmelden(user: Gebruiker, sleutel: str | None) -> None:
    if sleutel:
        db.session.execute(delete(Sessie).where(Sessie.sleutel_hash == _hash(sleutel)))
    audit.log(user, "afgemeld")
    db.session.commit()


def sessies_beeindigen(gebruiker: Gebruiker, behalve: str | None = None) -> None:
    """A new password or a deactivated account ends the user's other sessions (in the
    caller's transaction)."""
    stmt = delete(Sessie).where(Sessie.gebruiker_id == gebruiker.id)
    if behalve:
        stmt = stmt.where(Sessie.sleutel_hash != _hash(behalve))
    db.session.execute(stmt)


def opruimen(levensduur: timedelta) -> int:
    """Sessions past their lifetime are deleted (by the scheduler's sweep)."""
    result = db.session.execute(delete(Sessie).where(Sessie.aangemaakt_op < utcnow() - levensduur))
    return result.rowcount or 0
