"""Password guessing (ASVS 2.2.1): how many failed logins an account and an address may have
before logins are refused for a while. Counted in the database, so the limits hold across
every web worker."""
from __future__ import annotations

import hashlib
from datetime import timedelta

VENSTER = timedelta(minutes=15)  # failures older than this no longer count
PER_ACCOUNT = 5  # the account is locked at this many failures in the window
PER_ADRES = 20  # an address that tries many accounts is refused everywhere

MELDING = ("Te veel mislukte aanmeldpogingen. Probeer het over 15 minuten opnieuw, of vraag "
           "een beheerder om het account te ontgrendelen.")


def als_account(email: str) -> str:
    """A typed login address as accounts are stored and counted: trimmed, lower case."""
    return (email or "").strip().lower()[:254]


def geblokkeerd(mislukt_account: int, mislukt_adres: int) -> bool:
    """Refused without looking at the password: the account or the address has had its
    allowance of failures in the last VENSTER. An unknown e-mail address counts as an
    account, so the answer never tells whether an account exists."""
    return mislukt_account >= PER_ACCOUNT or mislukt_adres >= PER_ADRES

# Single-use links by e-mail (ASVS 2.3.1, 2.5.1): an invitation lasts a week, a reset an hour,
# and an account gets at most this many reset mails an hour (a mailbox is not a target).
GELDIGHEID = {"uitnodiging": timedelta(days=7), "herstel": timedelta(hours=1)}
HERSTEL_PER_UUR = 3


def geldig_tekst(soort: str) -> str:
    """How long a link of this kind works, as the mail and the pages say it: "7 dagen"."""
    duur = GELDIGHEID[soort]
    if duur.days:
        return f"{duur.days} dag{'en' if duur.days != 1 else ''}"
    uren = duur.seconds // 3600
    return f"{uren} uur"

_BROWSERS = (("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"),
             ("Safari/", "Safari"))
_SYSTEMEN = (("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"),
             ("Windows", "Windows"), ("Mac OS X", "macOS"), ("Linux", "Linux"))


def toestel(user_agent: str | None) -> str:
    """What a person recognises of a session's browser: "Chrome op Android"."""
    ua = user_agent or ""
    browser = next((naam for teken, naam in _BROWSERS if teken in ua), "Onbekende browser")
    systeem = next((naam for teken, naam in _SYSTEMEN if teken in ua), None)
    return f"{browser} op {systeem}" if systeem else browser


def sleutel_hash(sleutel: str) -> str:
    """How a session key, a link's token or a recovery code is stored: its SHA-256 (they are
    long and random: a hash without salt suffices), never itself."""
    return hashlib.sha256(sleutel.encode()).hexdigest()
