"""Writes audit events in the caller's transaction (I-9.2: who, when, what, from where).

"From where" is the client address the web layer sets for the request it serves (`ADRES`);
the command line and the scheduler leave the default."""
from __future__ import annotations

from contextvars import ContextVar

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import joinedload

from caseflow import access, clock
from caseflow.extensions import db
from caseflow.models import AuditEvent, Dossier, Gebruiker
from caseflow.services.paginering import Pagina, begrens

ADRES: ContextVar[str] = ContextVar("audit_adres", default="cli")

GEEN_ACTIVITEIT = ("actie_geweigerd",)  # besides every *_bekeken: looking is not working on it


def activiteit(dossier_ids) -> None:
    """A person changed these dossiers today: they are not stilgevallen. A Core update, so the
    dossier's version (optimistic locking) does not move and nobody's open form goes stale."""
    vandaag = clock.vandaag()
    tabel = Dossier.__table__
    kolom = tabel.c.laatste_activiteit
    db.session.execute(update(tabel)
                       .where(tabel.c.id.in_(list(dossier_ids)),
                              or_(kolom.is_(None), kolom < vandaag))
                       .values(laatste_activiteit=vandaag))


def vastleggen() -> None:
    """Commit the audit rows of a view. An insert changes none of the objects the view loaded,
    so they stay loaded: a view costs one insert, not a round of reads again."""
    sessie = db.session()
    sessie.expire_on_commit = False
    try:
        sessie.commit()
    finally:
        sessie.expire_on_commit = True


def log(user: Gebruiker | None, actie: str, dossier: Dossier | None = None,
        activiteit_later: bool = False, **details) -> AuditEvent:
    """`activiteit_later`: the caller marks the dossiers' activity itself, once for a batch."""
    event = AuditEvent(
        gebruiker_id=user.id if user is not None and user.is_authenticated else None,
        organisatie_id=user.organisatie_id if user is not None and user.is_authenticated else None,
        dossier_id=dossier.id if dossier is not None else None,
        actie=actie,
        details=details or None,
        remote_addr=ADRES.get(),
    )
    db.session.add(event)
    if (dossier is not None and dossier.id is not None and user is not None
            and user.is_authenticated and not actie.endswith("_bekeken")
            and actie not in GEEN_ACTIVITEIT and not activiteit_later):
        activiteit([dossier.id])
    return event


PER_PAGINA = 50


def van_dossier(user: Gebruiker, dossier_id: int, pagina: int = 1) -> tuple[Dossier, Pagina]:
    """I-9.2: who looked at or changed a dossier, and when, newest first, for a coördinator
    with the dossier in scope; reading it is itself recorded. Nobody changes it here."""
    dossier = access.dossier_in_scope(user, dossier_id)
    access.require(user, "audit.bekijken", dossier)
    waar = AuditEvent.dossier_id == dossier.id
    totaal = db.session.scalar(select(func.count(AuditEvent.id)).where(waar))
    pagina = begrens(pagina, totaal, PER_PAGINA)
    rijen = db.session.scalars(select(AuditEvent).where(waar).options(
        joinedload(AuditEvent.gebruiker).joinedload(Gebruiker.organisatie))
        .order_by(AuditEvent.id.desc()).offset((pagina - 1) * PER_PAGINA)
        .limit(PER_PAGINA)).all()
    log(user, "audit_bekeken", dossier, pagina=pagina)
    vastleggen()
    return dossier, Pagina(list(rijen), totaal, pagina, PER_PAGINA)
