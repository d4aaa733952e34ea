"""The begeleidingsovereenkomst (R-6.2); its full workflow comes with the toewijzing issue."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, Enum, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from caseflow.extensions import db
from caseflow.models.base import Versioned, created_at

BO_STATUSSEN = {"actief": "Actief", "beeindigd": "Beëindigd"}


class Begeleidingsovereenkomst(Versioned, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    status: Mapped[str] = mapped_column(
        Enum(*BO_STATUSSEN, name="bo_status", native_enum=False, create_constraint=True)
    )
    startdatum: Mapped[date] = mapped_column(Date)
    geplande_einddatum: Mapped[date] = mapped_column(Date, index=True)
    einddatum: Mapped[date | None] = mapped_column(Date)
    aangemaakt_door_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))
    aangemaakt_op: Mapped[datetime] = created_at()

    __table_args__ = (
        CheckConstraint("geplande_einddatum >= startdatum", name="periode"),
    )

    @property
    def status_label(self) -> str:
        return BO_STATUSSEN[self.status]
