"""The pijler 3 referral (R-5.2) and the address history for lokale binding (R-2.5)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Enum, ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.extensions import db
from caseflow.models.base import created_at, per_transactie
from caseflow.models.organisatie import Gemeente
from caseflow.rules.regio import DOELGROEPEN


class Pijler3Toeleiding(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), unique=True)
    doelgroep: Mapped[str] = mapped_column(
        Enum(*DOELGROEPEN, name="p3_doelgroep", native_enum=False, create_constraint=True))
    datum: Mapped[date] = mapped_column(Date)
    dakloos_sinds: Mapped[date | None] = mapped_column(Date)
    verslaving: Mapped[bool] = mapped_column(Boolean, default=False)
    psychiatrie: Mapped[bool] = mapped_column(Boolean, default=False)
    verlaat: Mapped[str | None] = mapped_column(String(20))
    sector: Mapped[str | None] = mapped_column(String(20))
    kg_screening_op: Mapped[date | None] = mapped_column(Date)
    jongste_kind_geboren: Mapped[date | None] = mapped_column(Date)
    aangemaakt_door_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))
    aangemaakt_op: Mapped[datetime] = created_at()


class AdresPeriode(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"))
    van: Mapped[date] = mapped_column(Date)
    tot: Mapped[date | None] = mapped_column(Date)

    gemeente: Mapped[Gemeente] = relationship()


@per_transactie
def pijler3_toeleiding(dossier_id: int) -> Pijler3Toeleiding | None:
    return db.session.scalars(select(Pijler3Toeleiding).where(
        Pijler3Toeleiding.dossier_id == dossier_id)).first()


@per_transactie
def adressen(dossier_id: int) -> list[AdresPeriode]:
    return list(db.session.scalars(select(AdresPeriode).where(
        AdresPeriode.dossier_id == dossier_id).order_by(AdresPeriode.van)))
