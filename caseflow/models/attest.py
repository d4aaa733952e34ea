"""The attest "begeleiding door professionele actor" (R-3). Versioned: a renewal is a new row."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Enum, ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.extensions import db
from caseflow.models.base import Versioned, created_at
from caseflow.models.gebruiker import Gebruiker
from caseflow.models.organisatie import Organisatie

ATTEST_STATUSSEN = {
    "concept": "Concept",
    "uitgereikt": "Uitgereikt",
    "bevestigd": "Bevestigd",
    "verlopen": "Verlopen",
    "ingetrokken": "Ingetrokken",
}


class Attest(Versioned, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    versie: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(
        Enum(*ATTEST_STATUSSEN, name="attest_status", native_enum=False, create_constraint=True)
    )
    organisatie_id: Mapped[int] = mapped_column(ForeignKey("organisatie.id"))
    uitgereikt_op: Mapped[date | None] = mapped_column(Date)
    geldig_tot: Mapped[date | None] = mapped_column(Date, index=True)
    bevestigd_op: Mapped[date | None] = mapped_column(Date)
    bevestigd_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    aangemaakt_door_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))
    aangemaakt_op: Mapped[datetime] = created_at()

    organisatie: Mapped[Organisatie] = relationship()
    bevestigd_door: Mapped[Gebruiker | None] = relationship(foreign_keys=[bevestigd_door_id])

    __table_args__ = (UniqueConstraint("dossier_id", "versie"),)

    @property
    def status_label(self) -> str:
        return ATTEST_STATUSSEN[self.status]
