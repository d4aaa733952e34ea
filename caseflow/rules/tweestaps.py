"""Two-factor authentication (ASVS 2.7, 2.8): a code from an authenticator app (TOTP, RFC 6238,
30-second steps) after the password. Required for the roles that see or change most:
coördinatoren (every dossier of their organisation or region) and beheerders (every account);
available to everyone. Recovery codes replace the app once each."""
from __future__ import annotations

import re
from datetime import timedelta

VERPLICHT = frozenset({"coordinator", "beheerder"})
HERSTELCODES = 10  # how many recovery codes a user gets at once
WACHTTIJD = timedelta(minutes=5)  # between the password and the code
SPELING = 1  # a code of the previous or next 30-second step is accepted (clocks drift)

_SCHEIDING = re.compile(r"[\s-]")


def verplicht(rol: str) -> bool:
    return rol in VERPLICHT


def volgende_stap(heeft_tweestaps: bool, rol: str) -> str:
    """After a right password: "code" (ask the app's code), "instellen" (a role that requires
    two factors sets them up first) or "klaar"."""
    if heeft_tweestaps:
        return "code"
    return "instellen" if verplicht(rol) else "klaar"


def als_code(getypt: str) -> str:
    """What was typed, without spaces or dashes, lower case: "123 456" and "abcd-efgh" too."""
    return _SCHEIDING.sub("", getypt or "").lower()


def is_app_code(code: str) -> bool:
    """Six digits: a code from the app (a recovery code has letters)."""
    return len(code) == 6 and code.isdigit()
