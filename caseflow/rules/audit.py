"""The audit trail as a hash chain (ASVS 7.3.4): every sealed event carries the hash of its
content and of the event before it, so an edited or removed row breaks the chain from there."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

BEGIN = "0" * 64  # what the first event follows


def inhoud(tijdstip: datetime, gebruiker_id: int | None, organisatie_id: int | None,
           dossier_id: int | None, actie: str, details: dict | None,
           remote_addr: str | None, volgnummer: int) -> bytes:
    """The event as canonical bytes: the same event gives the same bytes on SQLite and
    PostgreSQL (times in UTC to the microsecond, JSON with sorted keys)."""
    if tijdstip.tzinfo is None:
        tijdstip = tijdstip.replace(tzinfo=timezone.utc)
    return json.dumps(
        [volgnummer, tijdstip.astimezone(timezone.utc).isoformat(timespec="microseconds"),
         gebruiker_id, organisatie_id, dossier_id, actie, details, remote_addr],
        sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def schakel(vorige: str, inhoud_: bytes) -> str:
    """The hash of an event: its content and the hash of the event before it."""
    return hashlib.sha256(vorige.encode() + inhoud_).hexdigest()
