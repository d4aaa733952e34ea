"""What the coördinator's work adds: the woonmaatschappij's own count of toewijzingen
per quarter (R-8.1) and the review of overdue items in the queue."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.extensions import db
from caseflow.models.base import Vervalsleutel, created_at
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
