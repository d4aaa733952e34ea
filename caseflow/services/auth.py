"""Login and sessions: checks the password hash (failures are audited without the password);
every login is a server-side session that logging out, a new password or its absolute lifetime
ends, whatever a copied cookie still says."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from caseflow import access, clock
from caseflow.errors import NietToegestaan
from caseflow.extensions import db
from caseflow.models import Aanmeldpoging, Gebruiker, Sessie
from caseflow.models.base import utcnow
from caseflow.rules import aanmelden as inloggen
from caseflow.services import audit


@cache
def _dummy_hash() -> str:
    """Compared against when the e-mail is unknown, so both paths take equally long."""
    return generate_password_hash("caseflow-dummy")


def _hash(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode()).hexdigest()


class Geblokkeerd(Exception):
    """Too many failed logins for this account or address (ASVS 2.2.1): refused without
    looking at the password, whether the account exists or not."""


def _mislukt(kolom, waarde: str) -> int:
    """The failed logins of the last window for one account or one address."""
    return db.session.scalar(select(func.count(Aanmeldpoging.id)).where(
        kolom == waarde, Aanmeldpoging.tijdstip >= utcnow() - inloggen.VENSTER))


def _mislukking(account: str, adres: str, **details) -> None:
    db.session.add(Aanmeldpoging(account=account, adres=adres[:45]))
    audit.log(None, "aanmelding_mislukt", **details)
    db.session.commit()


def aanmelden(email: str, wachtwoord: str) -> tuple[Gebruiker, str] | None:
    """The user and the key of their new session, or None; Geblokkeerd after too many
    failures for the account or the address (every worker counts the same rows)."""
    account, adres = email.strip().lower()[:254], audit.ADRES.get()
    if inloggen.geblokkeerd(_mislukt(Aanmeldpoging.account, account),
                            _mislukt(Aanmeldpoging.adres, adres)):
        # The same answer for every account, known or not, without hashing: a guessing run
        # costs the server nothing once it is refused.
        audit.log(None, "aanmelding_geblokkeerd", email=account)
        db.session.commit()
        raise Geblokkeerd(inloggen.MELDING)
    user = db.session.scalars(select(Gebruiker).where(Gebruiker.email == account)).first()
    if user is None:
        check_password_hash(_dummy_hash(), wachtwoord)
        _mislukking(account, adres, email=account)
        return None
    if not user.controleer_wachtwoord(wachtwoord) or not user.actief:
        _mislukking(account, adres, gebruiker=user.id)
        return None
    db.session.execute(delete(Aanmeldpoging).where(Aanmeldpoging.account == account))
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
    """Sessions past their lifetime and failed logins past their window are deleted (by the
    scheduler's sweep)."""
    result = db.session.execute(delete(Sessie).where(Sessie.aangemaakt_op < utcnow() - levensduur))
    db.session.execute(delete(Aanmeldpoging).where(
        Aanmeldpoging.tijdstip < utcnow() - inloggen.VENSTER))
    return result.rowcount or 0


def mislukte_pogingen(gebruiker: Gebruiker) -> tuple[int, bool]:
    """The account's failed logins in the current window, and whether it is locked (the
    beheer page shows it)."""
    aantal = _mislukt(Aanmeldpoging.account, gebruiker.email)
    return aantal, inloggen.geblokkeerd(aantal, 0)


def ontgrendelen(door: Gebruiker, gebruiker: Gebruiker) -> None:
    """A beheerder, or a coördinator of the user's organisation, lifts a lock: the account's
    failed logins are forgotten (the address limit stays)."""
    if not access.mag_ontgrendelen(door, gebruiker):
        raise NietToegestaan()
    db.session.execute(delete(Aanmeldpoging).where(Aanmeldpoging.account == gebruiker.email))
    audit.log(door, "account_ontgrendeld", gebruiker=gebruiker.id)
    db.session.commit()
