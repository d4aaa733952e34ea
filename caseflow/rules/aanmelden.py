"""Password guessing (ASVS 2.2.1): how many failed logins an account and an address may have
before logins are refused for a while. Counted in the database, so the limits hold across
every web worker."""
from __future__ import annotations

from datetime import timedelta

VENSTER = timedelta(minutes=15)  # failures older than this no longer count
PER_ACCOUNT = 5  # the account is locked at this many failures in the window
PER_ADRES = 20  # an address that tries many accounts is refused everywhere

MELDING = ("Te veel mislukte aanmeldpogingen. Probeer het over 15 minuten opnieuw, of vraag "
           "een beheerder om het account te ontgrendelen.")


def geblokkeerd(mislukt_account: int, mislukt_adres: int) -> bool:
    """Refused without looking at the password: the account or the address has had its
    allowance of failures in the last VENSTER. An unknown e-mail address counts as an
    account, so the answer never tells whether an account exists."""
    return mislukt_account >= PER_ACCOUNT or mislukt_adres >= PER_ADRES
