"""Casusoverleg (R-6.5, I-6.5a): who met, why, what was shared and decided, and action items
with an owner and a due date."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Enum, ForeignKey, Text, select
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship

from caseflow.extensions import db
from caseflow.models.base import Tijdstip, created_at, gedeeltelijke_index, per_transactie
from caseflow.models.gebruiker import Gebruiker

REDENEN = {"signaal": "Signaal", "periodiek": "Periodiek", "knipperlicht": "Knipperlicht",
           "evaluatie": "Evaluatie"}


class Casusoverleg(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    datum: Mapped[date] = mapped_column(Date)
    reden: Mapped[str] = mapped_column(
        Enum(*REDENEN, name="overleg_reden", native_enum=False, create_constraint=True))
    deelnemers: Mapped[str] = mapped_column(Text)
    samenvatting: Mapped[str] = mapped_column(Text)
    beslissingen: Mapped[str | None] = mapped_column(Text)
    aangemaakt_door_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))
    aangemaakt_op: Mapped[datetime] = created_at()

    actiepunten: Mapped[list["Actiepunt"]] = relationship(
        back_populates="overleg", order_by="Actiepunt.vervaldatum")

    @property
    def reden_label(self) -> str:
        return REDENEN[self.reden]


class Actiepunt(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    casusoverleg_id: Mapped[int] = mapped_column(ForeignKey("casusoverleg.id"), index=True)
    omschrijving: Mapped[str] = mapped_column(Text)
    eigenaar_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"), index=True)
    vervaldatum: Mapped[date] = mapped_column(Date, index=True)
    gedaan_op: Mapped[datetime | None] = mapped_column(Tijdstip())
    gedaan_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))

    overleg: Mapped[Casusoverleg] = relationship(back_populates="actiepunten")
    eigenaar: Mapped[Gebruiker] = relationship(foreign_keys=[eigenaar_id])
    gedaan_door: Mapped[Gebruiker | None] = relationship(foreign_keys=[gedaan_door_id])

    # The open action items by due date: the few among the years' done ones that the review
    # queue and the reminders watch.
    __table_args__ = (gedeeltelijke_index("ix_actiepunt_open", "vervaldatum",
                                          waar="gedaan_op IS NULL"),)


@per_transactie
def overleggen(dossier_id: int) -> list[Casusoverleg]:
    """The overleggen with their action items and owners: two queries whatever their number."""
    return list(db.session.scalars(select(Casusoverleg).where(
        Casusoverleg.dossier_id == dossier_id).order_by(Casusoverleg.datum.desc())
        .options(joinedload(Casusoverleg.actiepunten).joinedload(Actiepunt.eigenaar))).unique())
