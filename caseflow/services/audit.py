"""Writes audit events in the caller's transaction (I-9.2: who, when, what, from where)."""
from __future__ import annotations

from flask import has_request_context, request

from caseflow.extensions import db
from caseflow.models import AuditEvent, Dossier, Gebruiker


def log(user: Gebruiker | None, actie: str, dossier: Dossier | None = None,
        **details) -> AuditEvent:
    event = AuditEvent(
        gebruiker_id=user.id if user is not None and user.is_authenticated else None,
        organisatie_id=user.organisatie_id if user is not None and user.is_authenticated else None,
        dossier_id=dossier.id if dossier is not None else None,
        actie=actie,
        details=details or None,
        remote_addr=request.remote_addr if has_request_context() else "cli",
    )
    db.session.add(event)
    return event
