"""Two-factor authentication with an authenticator app (rules.tweestaps): setting it up with a
QR code, checking a code once, recovery codes, switching it off where it is not required."""
from __future__ import annotations

import secrets
import time

import pyotp
import segno
from sqlalchemy import delete, func, select, update

from caseflow import access
from caseflow.errors import NietGevonden, NietToegestaan, Ongeldig
from caseflow.extensions import db
from caseflow.models import Gebruiker, Herstelcode, Sessie
from caseflow.models.base import utcnow
from caseflow.rules import tweestaps as regels
from caseflow.rules.aanmelden import sleutel_hash
from caseflow.services import audit, mail

UITGEVER = "Caseflow Kempen"
_ALFABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off paper without doubt
FOUTE_CODE = "Deze code klopt niet, of werd al gebruikt. Neem de code die de app nu toont."


def nieuw_geheim() -> str:
    return pyotp.random_base32()


def koppeling(gebruiker: Gebruiker, geheim: str) -> tuple[str, str]:
    """The otpauth:// address an app takes, and its QR code as an image (a data: URI)."""
    uri = pyotp.TOTP(geheim).provisioning_uri(name=gebruiker.email, issuer_name=UITGEVER)
    return uri, segno.make(uri, error="m").svg_data_uri(scale=5, border=2)


def _stap_van(geheim: str, code: str) -> int | None:
    """The 30-second step whose code this is, within SPELING steps of now; None otherwise."""
    totp = pyotp.TOTP(geheim)
    nu = int(time.time() // totp.interval)
    for stap in range(nu - regels.SPELING, nu + regels.SPELING + 1):
        if secrets.compare_digest(totp.at(stap * totp.interval), code):
            return stap
    return None


def _app_code_klopt(gebruiker: Gebruiker, code: str) -> bool:
    """A code of the app, once: its step must be later than the last one used (ASVS 2.8.4).
    The step is claimed with a conditional update, so two requests with one code: one wins."""
    stap = _stap_van(gebruiker.totp_geheim, code)
    if stap is None:
        return False
    tabel = Gebruiker.__table__
    geclaimd = db.session.execute(update(tabel).where(
        tabel.c.id == gebruiker.id, (tabel.c.totp_laatste_stap.is_(None))
        | (tabel.c.totp_laatste_stap < stap)).values(totp_laatste_stap=stap))
    return geclaimd.rowcount == 1


def _herstelcode_klopt(gebruiker: Gebruiker, code: str) -> bool:
    tabel = Herstelcode.__table__
    gebruikt = db.session.execute(update(tabel).where(
        tabel.c.gebruiker_id == gebruiker.id, tabel.c.code_hash == sleutel_hash(code),
        tabel.c.gebruikt_op.is_(None)).values(gebruikt_op=utcnow()))
    if gebruikt.rowcount == 1:
        audit.log(gebruiker, "herstelcode_gebruikt", gebruiker=gebruiker.id)
        return True
    return False


def klopt(gebruiker: Gebruiker, getypt: str) -> bool:
    """The app's current code or an unused recovery code (spent by this call), in the caller's
    transaction."""
    if not gebruiker.totp_geheim:
        return False
    code = regels.als_code(getypt)
    if regels.is_app_code(code):
        return _app_code_klopt(gebruiker, code)
    return _herstelcode_klopt(gebruiker, code)


def _nieuwe_herstelcodes(gebruiker: Gebruiker) -> list[str]:
    """HERSTELCODES new recovery codes, replacing the old ones; shown once, stored hashed."""
    db.session.execute(delete(Herstelcode).where(Herstelcode.gebruiker_id == gebruiker.id))
    codes = ["".join(secrets.choice(_ALFABET) for _ in range(10))
             for _ in range(regels.HERSTELCODES)]
    db.session.add_all(Herstelcode(gebruiker_id=gebruiker.id, code_hash=sleutel_hash(c))
                       for c in codes)
    return [f"{c[:5]}-{c[5:]}" for c in codes]


def instellen(gebruiker_id: int, geheim: str, getypt: str) -> list[str]:
    """Two factors on, once the app shows a right code for the new secret: the recovery codes
    (to be shown once). Ongeldig when the code is not right. In the caller's transaction."""
    gebruiker = db.session.get(Gebruiker, gebruiker_id)
    code = regels.als_code(getypt)
    stap = _stap_van(geheim, code) if regels.is_app_code(code) else None
    if stap is None:
        raise Ongeldig({"code": FOUTE_CODE})
    gebruiker.totp_geheim, gebruiker.totp_laatste_stap = geheim, stap
    codes = _nieuwe_herstelcodes(gebruiker)
    audit.log(gebruiker, "tweestaps_ingesteld", gebruiker=gebruiker.id)
    return codes


def herstelcodes_vernieuwen(user: Gebruiker, wachtwoord: str) -> list[str]:
    """New recovery codes (the old ones stop working), after the password."""
    access.require(user, "account")
    gebruiker = _met_wachtwoord(user, wachtwoord)
    if not gebruiker.totp_geheim:
        raise NietToegestaan()
    codes = _nieuwe_herstelcodes(gebruiker)
    audit.log(user, "herstelcodes_vernieuwd", gebruiker=user.id)
    db.session.commit()
    mail.meld_beveiliging(gebruiker, "Er werden nieuwe herstelcodes gemaakt; de vorige werken "
                          "niet meer")
    return codes


def uitschakelen(user: Gebruiker, wachtwoord: str) -> None:
    """Two factors off, after the password; not for a role that requires them."""
    access.require(user, "account")
    if regels.verplicht(user.rol):
        raise NietToegestaan()
    gebruiker = _met_wachtwoord(user, wachtwoord)
    gebruiker.totp_geheim = gebruiker.totp_laatste_stap = None
    db.session.execute(delete(Herstelcode).where(Herstelcode.gebruiker_id == gebruiker.id))
    audit.log(user, "tweestaps_uitgeschakeld", gebruiker=user.id)
    db.session.commit()
    mail.meld_beveiliging(gebruiker, "De tweestapsverificatie van uw account werd uitgeschakeld")


def resetten(door: Gebruiker | None, gebruiker_id: int) -> Gebruiker:
    """A lost phone without recovery codes: a beheerder (or the command line, `door` None)
    removes the user's two factors; their sessions end and, where two factors are required,
    the next login sets them up again."""
    if door is not None:
        access.require(door, "beheer")
    gebruiker = db.session.get(Gebruiker, gebruiker_id)
    if gebruiker is None:
        raise NietGevonden(gebruiker_id)
    gebruiker.totp_geheim = gebruiker.totp_laatste_stap = None
    db.session.execute(delete(Herstelcode).where(Herstelcode.gebruiker_id == gebruiker.id))
    db.session.execute(delete(Sessie).where(Sessie.gebruiker_id == gebruiker.id))
    audit.log(door, "tweestaps_gereset", gebruiker=gebruiker.id)
    db.session.commit()
    mail.meld_beveiliging(gebruiker, "Een beheerder verwijderde de tweestapsverificatie van uw "
                          "account; bij de volgende aanmelding stelt u ze opnieuw in")
    return gebruiker


def _met_wachtwoord(user: Gebruiker, wachtwoord: str) -> Gebruiker:
    gebruiker = db.session.get(Gebruiker, user.id)
    if not gebruiker.controleer_wachtwoord(wachtwoord or ""):
        raise Ongeldig({"wachtwoord": "Dit is niet uw huidige wachtwoord."})
    return gebruiker


def resterende_herstelcodes(user: Gebruiker) -> int:
    return db.session.scalar(select(func.count(Herstelcode.id)).where(
        Herstelcode.gebruiker_id == user.id, Herstelcode.gebruikt_op.is_(None)))
