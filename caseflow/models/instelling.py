"""Configuration with an effective date (I-4.2a): point tables, leefloon, toeslagen, deadlines."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from caseflow.extensions import db
from caseflow.models.base import created_at, per_transactie


class Instelling(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    sleutel: Mapped[str] = mapped_column(String(50))
    ingangsdatum: Mapped[date] = mapped_column(Date)
    waarde: Mapped[dict | list | int | str] = mapped_column(JSON)
    toelichting: Mapped[str | None] = mapped_column(Text)
    aangemaakt_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    aangemaakt_op: Mapped[datetime] = created_at()

    __table_args__ = (UniqueConstraint("sleutel", "ingangsdatum"),)


@per_transactie
def versies(sleutel: str) -> list[Instelling]:
    """Every version of a setting, the latest first (a handful: read once per transaction)."""
    return list(db.session.scalars(select(Instelling).where(Instelling.sleutel == sleutel)
                                   .order_by(Instelling.ingangsdatum.desc())))


def in_voege(sleutel: str, peildatum: date) -> Instelling | None:
    """The version of a setting in force on `peildatum`."""
    return next((v for v in versies(sleutel) if v.ingangsdatum <= peildatum), None)
