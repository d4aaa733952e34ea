"""Reminders: one row per (kind, object, due date, recipient), so a sweep that runs
twice, or two schedulers that race, create it once."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.extensions import db
from caseflow.models.base import Tijdstip, Vervalsleutel, created_at
from caseflow.models.gebruiker import Gebruiker


class Notificatie(Vervalsleutel, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    ontvanger_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"), index=True)
    tekst: Mapped[str] = mapped_column(String(300))  # initials and dossier number only
    link: Mapped[str] = mapped_column(String(200))
    aangemaakt_op: Mapped[datetime] = created_at()
    gelezen_op: Mapped[datetime | None] = mapped_column(Tijdstip())
    # E-mail: sent once, retried later when the server fails.
    gemaild_op: Mapped[datetime | None] = mapped_column(Tijdstip())
    mail_pogingen: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    mail_volgende_poging: Mapped[datetime | None] = mapped_column(Tijdstip())
    mail_fout: Mapped[str | None] = mapped_column(String(300))

    ontvanger: Mapped[Gebruiker] = relationship()

    __table_args__ = (UniqueConstraint("soort", "object_type", "object_id", "vervaldatum",
                                       "ontvanger_id", name="sleutel"),)
