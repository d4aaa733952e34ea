"""Two-factor authentication with an authenticator app (rules.tweestaps), the mechanism:
setting it up with a QR code, checking a code once, recovery codes. What a user or a
beheerder does with it (new codes, off, removed) is services/account.py."""
from __future__ import annotations

import secrets
import time

import pyotp
import segno
from sqlalchemy import delete, func, select, update

from caseflow.errors import Ongeldig
from caseflow.extensions import db
from caseflow.models import Gebruiker, Herstelcode
from caseflow.models.base import utcnow
from caseflow.rules import tweestaps as regels
from caseflow.rules.aanmelden import sleutel_hash
from caseflow.services import audit

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


def nieuwe_herstelcodes(gebruiker: Gebruiker) -> list[str]:
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
    codes = nieuwe_herstelcodes(gebruiker)
    audit.log(gebruiker, "tweestaps_ingesteld", gebruiker=gebruiker.id)
    return codes


def weg(gebruiker: Gebruiker) -> None:
    """Two factors off: the secret and every recovery code go (in the caller's transaction)."""
    gebruiker.totp_geheim = gebruiker.totp_laatste_stap = None
    db.session.execute(delete(Herstelcode).where(Herstelcode.gebruiker_id == gebruiker.id))


def resterende_herstelcodes(user: Gebruiker) -> int:
    return db.session.scalar(select(func.count(Herstelcode.id)).where(
        Herstelcode.gebruiker_id == user.id, Herstelcode.gebruikt_op.is_(None)))
