"""Audit trail: every view of and change to a dossier (I-9.2), in the same transaction."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.extensions import db
from caseflow.models.base import Tijdstip, utcnow
from caseflow.models.gebruiker import Gebruiker


class AuditEvent(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    tijdstip: Mapped[datetime] = mapped_column(Tijdstip(), default=utcnow, index=True)
    gebruiker_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"), index=True)
    organisatie_id: Mapped[int | None] = mapped_column(ForeignKey("organisatie.id"))
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossier.id"), index=True)
    actie: Mapped[str] = mapped_column(String(50))
    details: Mapped[dict | None] = mapped_column(JSON)
    remote_addr: Mapped[str | None] = mapped_column(String(45))
    # The hash chain (rules/audit.py), filled when the scheduler seals the event.
    volgnummer: Mapped[int | None] = mapped_column(Integer, unique=True)
    vorige_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))

    gebruiker: Mapped[Gebruiker | None] = relationship()


class AuditAnker(db.Model):
    """The chain's last sealed event of a day: copied elsewhere, it pins the chain so that
    rewriting all of it from some row on is seen too."""

    dag: Mapped[date] = mapped_column(Date, primary_key=True)
    volgnummer: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
