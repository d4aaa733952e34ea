"""Login and sessions: checks the password hash (failures are audited without the password);
every login is a server-side session that logging out, a new password or its absolute lifetime
ends, whatever a copied cookie still says."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from caseflow import access, clock
from caseflow.errors import NietGevonden, NietToegestaan, Ongeldig
from caseflow.extensions import db
from caseflow.models import Aanmeldpoging, Accounttoken, Gebruiker, Sessie
from caseflow.models.base import utcnow
from caseflow.rules import aanmelden as inloggen
from caseflow.rules import tweestaps as tweestaps_regels
from caseflow.rules.aanmelden import sleutel_hash
from caseflow.services import audit, inbox, mail, tweestaps


@cache
def _dummy_hash() -> str:
    """Compared against when the e-mail is unknown, so both paths take equally long."""
    return generate_password_hash("caseflow-dummy")


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
    if "gebruiker" in details and _mislukt(Aanmeldpoging.account, account) == \
            inloggen.PER_ACCOUNT:
        _meld_blokkering(details["gebruiker"])
    db.session.commit()


def _meld_blokkering(gebruiker_id: int) -> None:
    """ASVS 2.2.1: the account just got locked; its organisation's coördinatoren hear of it
    (someone forgot a password, or someone guesses) and can unlock it under Opvolging."""
    gebruiker = db.session.get(Gebruiker, gebruiker_id)
    inbox.meld(inbox.actieve("coordinator", gebruiker.organisatie_id), "account_geblokkeerd",
               gebruiker, f"Het account van {gebruiker.naam} is geblokkeerd na "
               f"{inloggen.PER_ACCOUNT} mislukte aanmeldpogingen.", "/opvolging#accounts")


def geblokkeerd_in_organisatie(door: Gebruiker) -> list[Gebruiker]:
    """The locked accounts a coördinator may unlock: those of their own organisation."""
    if not access.may(door, "account.ontgrendelen"):
        return []
    pogingen = (select(Aanmeldpoging.account).where(
        Aanmeldpoging.tijdstip >= utcnow() - inloggen.VENSTER).group_by(Aanmeldpoging.account)
        .having(func.count(Aanmeldpoging.id) >= inloggen.PER_ACCOUNT))
    return list(db.session.scalars(select(Gebruiker).where(
        Gebruiker.organisatie_id == door.organisatie_id, Gebruiker.email.in_(pogingen))
        .order_by(Gebruiker.naam)))


@dataclass(frozen=True)
class Aanmelding:
    """How far a login got: `stap` "klaar" with the new session's key, or "code" (the
    authenticator's code is asked next) or "instellen" (a role that requires two factors sets
    them up first), without a session yet."""
    gebruiker: Gebruiker
    stap: str = "klaar"
    sleutel: str | None = None


def _niet_geblokkeerd(account: str, adres: str) -> None:
    """Geblokkeerd after too many failures for the account or the address (every worker
    counts the same rows)."""
    if inloggen.geblokkeerd(_mislukt(Aanmeldpoging.account, account),
                            _mislukt(Aanmeldpoging.adres, adres)):
        # The same answer for every account, known or not, without hashing: a guessing run
        # costs the server nothing once it is refused.
        audit.log(None, "aanmelding_geblokkeerd", email=account)
        db.session.commit()
        raise Geblokkeerd(inloggen.MELDING)


def aanmelden(email: str, wachtwoord: str, user_agent: str | None = None) -> Aanmelding | None:
    """The first step of a login: the password. None when it is wrong; Geblokkeerd after too
    many failures."""
    account, adres = inloggen.als_account(email), audit.ADRES.get()
    _niet_geblokkeerd(account, adres)
    user = db.session.scalars(select(Gebruiker).where(Gebruiker.email == account)).first()
    if user is None:
        check_password_hash(_dummy_hash(), wachtwoord)
        _mislukking(account, adres, email=account)
        return None
    if not user.controleer_wachtwoord(wachtwoord) or not user.actief:
        _mislukking(account, adres, gebruiker=user.id)
        return None
    stap = tweestaps_regels.volgende_stap(user.totp_geheim is not None, user.rol)
    if stap != "klaar":
        audit.log(user, "wachtwoord_juist", stap=stap)
        db.session.commit()
        return Aanmelding(user, stap)
    return Aanmelding(user, "klaar", _sessie_openen(user, user_agent))


def _sessie_openen(user: Gebruiker, user_agent: str | None, actie: str = "aangemeld") -> str:
    """Every step done: the failures are forgotten and a new session opens (its key)."""
    adres = audit.ADRES.get()
    db.session.execute(delete(Aanmeldpoging).where(Aanmeldpoging.account == user.email))
    # A Core update: simultaneous logins of one account do not race on the user's version.
    db.session.execute(update(Gebruiker.__table__).where(Gebruiker.__table__.c.id == user.id)
                       .values(laatste_login=clock.nu()))
    sleutel = secrets.token_urlsafe(32)
    db.session.add(Sessie(sleutel_hash=sleutel_hash(sleutel), gebruiker_id=user.id,
                          adres=adres[:45], toestel=inloggen.toestel(user_agent)))
    audit.log(user, actie)
    db.session.commit()
    return sleutel


def wachtende_gebruiker(gebruiker_id: int) -> Gebruiker:
    """The active user whose password was right and whose second step is awaited."""
    user = db.session.get(Gebruiker, gebruiker_id)
    if user is None or not user.actief:
        raise NietToegestaan()
    return user


def code_controleren(gebruiker_id: int, code: str, user_agent: str | None) -> Aanmelding | None:
    """The second step: the app's code or a recovery code, counted with the password
    failures (ASVS 2.2.1 holds for codes too). The session opens on a right code."""
    user = wachtende_gebruiker(gebruiker_id)
    _niet_geblokkeerd(user.email, audit.ADRES.get())
    if not tweestaps.klopt(user, code):
        db.session.rollback()
        _mislukking(user.email, audit.ADRES.get(), gebruiker=user.id, stap="code")
        return None
    return Aanmelding(user, "klaar", _sessie_openen(user, user_agent))


def tweestaps_instellen(gebruiker_id: int, geheim: str, code: str,
                        user_agent: str | None) -> tuple[Aanmelding, list[str]]:
    """The second step for a role that requires two factors and has none yet: set up with
    the app's first code, then the session opens. Ongeldig when the code is wrong."""
    user = wachtende_gebruiker(gebruiker_id)
    _niet_geblokkeerd(user.email, audit.ADRES.get())
    try:
        codes = tweestaps.instellen(user.id, geheim, code)
    except Ongeldig:
        db.session.rollback()
        _mislukking(user.email, audit.ADRES.get(), gebruiker=user.id, stap="instellen")
        raise
    aanmelding = Aanmelding(user, "klaar", _sessie_openen(user, user_agent))
    mail.meld_beveiliging(user, "De tweestapsverificatie van uw account werd ingesteld")
    return aanmelding, codes


def tweestaps_aanzetten(user: Gebruiker, geheim: str, code: str, oude: str | None,
                        user_agent: str | None) -> tuple[str, list[str]]:
    """A logged-in user switches two factors on: the recovery codes, and a new session key
    (ASVS 3.2.1: the session that gained a factor is a new one; the old key stops working).
    Ongeldig, and nothing kept, when the code is wrong."""
    access.require(user, "account")
    try:
        codes = tweestaps.instellen(user.id, geheim, code)
    except Ongeldig:
        db.session.rollback()
        raise
    if oude:
        db.session.execute(delete(Sessie).where(Sessie.sleutel_hash == sleutel_hash(oude)))
    sleutel = _sessie_openen(user, user_agent, "sessie_vernieuwd")
    mail.meld_beveiliging(user, "De tweestapsverificatie van uw account werd ingeschakeld")
    return sleutel, codes


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
               Sessie.sleutel_hash == sleutel_hash(sleutel), Sessie.aangemaakt_op >= sinds)
        .options(joinedload(Gebruiker.organisatie))).first()


def afmelden(user: Gebruiker, sleutel: str | None) -> None:
    if sleutel:
        db.session.execute(delete(Sessie).where(Sessie.sleutel_hash == sleutel_hash(sleutel)))
    audit.log(user, "afgemeld")
    db.session.commit()


def sessies_beeindigen(gebruiker: Gebruiker, behalve: str | None = None) -> int:
    """A new password or a deactivated account ends the user's other sessions (in the
    caller's transaction); how many ended."""
    stmt = delete(Sessie).where(Sessie.gebruiker_id == gebruiker.id)
    if behalve:
        stmt = stmt.where(Sessie.sleutel_hash != sleutel_hash(behalve))
    return db.session.execute(stmt).rowcount or 0


def opruimen(levensduur: timedelta) -> int:
    """Sessions past their lifetime, failed logins past their window and links a week past
    their end are deleted (by the scheduler's sweep)."""
    result = db.session.execute(delete(Sessie).where(Sessie.aangemaakt_op < utcnow() - levensduur))
    db.session.execute(delete(Aanmeldpoging).where(
        Aanmeldpoging.tijdstip < utcnow() - inloggen.VENSTER))
    db.session.execute(delete(Accounttoken).where(
        Accounttoken.verloopt_op < utcnow() - inloggen.GELDIGHEID["uitnodiging"]))
    return result.rowcount or 0


def mislukte_pogingen(gebruiker: Gebruiker) -> tuple[int, bool]:
    """The account's failed logins in the current window, and whether it is locked (the
    beheer page shows it)."""
    aantal = _mislukt(Aanmeldpoging.account, gebruiker.email)
    return aantal, inloggen.geblokkeerd(aantal, 0)


def ontgrendelen_door(door: Gebruiker, gebruiker_id: int) -> Gebruiker:
    """Unlock by id: NietGevonden for an unknown user, NietToegestaan for another's."""
    gebruiker = db.session.get(Gebruiker, gebruiker_id)
    if gebruiker is None:
        raise NietGevonden(gebruiker_id)
    ontgrendelen(door, gebruiker)
    return gebruiker


def ontgrendelen(door: Gebruiker, gebruiker: Gebruiker) -> None:
    """A beheerder, or a coördinator of the user's organisation, lifts a lock: the account's
    failed logins are forgotten (the address limit stays)."""
    if not access.mag_ontgrendelen(door, gebruiker):
        raise NietToegestaan()
    db.session.execute(delete(Aanmeldpoging).where(Aanmeldpoging.account == gebruiker.email))
    audit.log(door, "account_ontgrendeld", gebruiker=gebruiker.id)
    db.session.commit()
