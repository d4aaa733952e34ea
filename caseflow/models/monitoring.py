"""What the coördinator's work adds: the woonmaatschappij's own count of toewijzingen
per quarter (R-8.1) and the review of overdue items in the queue."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.extensions import db
from caseflow.models.base import Tijdstip, Vervalsleutel, created_at, utcnow
from caseflow.models.gebruiker import Gebruiker


class Toewijzingstotaal(db.Model):
    """R-8.1: all toewijzingen of a woonmaatschappij in a quarter, every pillar, as it counts
    them; the denominator of the pijler 2 share."""

    id: Mapped[int] = mapped_column(primary_key=True)
    woonmaatschappij_id: Mapped[int] = mapped_column(ForeignKey("organisatie.id"))
    jaar: Mapped[int] = mapped_column(Integer)
    kwartaal: Mapped[int] = mapped_column(Integer, CheckConstraint("kwartaal BETWEEN 1 AND 4",
                                                                   name="kwartaal"))
    aantal: Mapped[int] = mapped_column(Integer, CheckConstraint("aantal >= 0", name="aantal"))
    ingevoerd_door_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))
    ingevoerd_op: Mapped[datetime] = created_at()

    __table_args__ = (UniqueConstraint("woonmaatschappij_id", "jaar", "kwartaal",
                                       name="periode"),)


class Beoordeling(Vervalsleutel, db.Model):
    """A coördinator's comment on an item of the review queue, or its mark 'reviewed'. The item
    is named like a reminder (kind, object, due date): a new due date is a new item."""

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    gebruiker_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))
    opmerking: Mapped[str | None] = mapped_column(Text)
    beoordeeld: Mapped[bool] = mapped_column(Boolean, default=False)
    tijdstip: Mapped[datetime] = created_at()

    gebruiker: Mapped[Gebruiker] = relationship()

    __table_args__ = (Index("ix_beoordeling_item", "soort", "object_type", "object_id",
                            "vervaldatum"),)


class MonitoringStand(db.Model):
    """The monitoring figures (R-8) of one scope (role and organisation) and one filter as
    last computed: the page, its downloads and its report read them; the scheduler keeps
    the ones asked for lately fresh. Computing them reads every dossier of Flanders."""

    id: Mapped[int] = mapped_column(primary_key=True)
    sleutel: Mapped[str] = mapped_column(String(120), unique=True)
    rol: Mapped[str] = mapped_column(String(20))
    organisatie_id: Mapped[int] = mapped_column(ForeignKey("organisatie.id"))
    jaar: Mapped[int] = mapped_column(Integer)
    kwartaal: Mapped[int | None] = mapped_column(Integer)
    woonmaatschappij_id: Mapped[int | None] = mapped_column(Integer)
    zone_id: Mapped[int | None] = mapped_column(Integer)
    berekend_op: Mapped[datetime] = mapped_column(Tijdstip(), default=utcnow, index=True)
    gevraagd_op: Mapped[datetime] = mapped_column(Tijdstip(), default=utcnow)
    inhoud: Mapped[dict] = mapped_column(JSON)
