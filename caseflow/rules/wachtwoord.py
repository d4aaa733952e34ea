"""Password rules (OWASP ASVS 4.0.3, 2.1.1 and 2.1.7): at least 12 characters, not a common or
breached password, not a common one with digits or signs added, not the user's own e-mail
name, not one character repeated. The list of 20 000 common passwords is the one Django ships
(django/contrib/auth/common-passwords.txt.gz, BSD licence), kept in rules/data."""
from __future__ import annotations

import gzip
import re
from functools import cache
from pathlib import Path

MINIMUM = 12
LIJST = Path(__file__).with_name("data") / "gangbare-wachtwoorden.txt.gz"


@cache
def gangbaar() -> frozenset[str]:
    with gzip.open(LIJST, "rt", encoding="utf-8") as f:
        return frozenset(regel.strip().lower() for regel in f if regel.strip())


def _kern(wachtwoord: str) -> str:
    """The word without the digits and signs people add around it ("Zomer2026!" → "zomer")."""
    return re.sub(r"^[\W\d_]+|[\W\d_]+$", "", wachtwoord.lower())


def fout(wachtwoord: str, email: str | None = None) -> str | None:
    """Why this password is refused, in Dutch, or None when it may be used."""
    if len(wachtwoord) < MINIMUM:
        return f"Een wachtwoord heeft minstens {MINIMUM} tekens."
    kern = _kern(wachtwoord)
    if wachtwoord.lower() in gangbaar() or (len(kern) >= 4 and kern in gangbaar()):
        return "Dit wachtwoord is te gangbaar (het staat op een lijst van gekende wachtwoorden)."
    if len(set(wachtwoord.lower())) <= 3:
        return "Gebruik meer verschillende tekens in je wachtwoord."
    naam = (email or "").split("@")[0].lower()
    if len(naam) >= 4 and naam in wachtwoord.lower():
        return "Je wachtwoord mag je e-mailadres niet bevatten."
    return None
