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
def _alle() -> dict[str, list[Instelling]]:
    """Every version of every setting (a few dozen rows), read in one statement per
    transaction: a page that scores a dossier asks for half of them."""
    per: dict[str, list[Instelling]] = {}
    for v in db.session.scalars(select(Instelling).order_by(Instelling.sleutel,
                                                            Instelling.ingangsdatum.desc())):
        per.setdefault(v.sleutel, []).append(v)
    return per


def versies(sleutel: str) -> list[Instelling]:
    """Every version of a setting, the latest first."""
    return list(_alle().get(sleutel, []))


def in_voege(sleutel: str, peildatum: date) -> Instelling | None:
    """The version of a setting in force on `peildatum`."""
    return next((v for v in versies(sleutel) if v.ingangsdatum <= peildatum), None)
