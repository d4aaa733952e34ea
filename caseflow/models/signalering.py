"""Knipperlicht (R-6.4) and the gemotiveerd sociaal verslag for bijzondere omstandigheden
(R-4.7): records that change what the dossier workflow allows."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Enum, ForeignKey, Text, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.extensions import db
from caseflow.models.base import Tijdstip, Versioned, created_at, per_transactie
from caseflow.models.dossier import Dossier
from caseflow.models.gebruiker import Gebruiker

VERSLAG_STATUSSEN = {"ingediend": "Ingediend", "goedgekeurd": "Goedgekeurd",
                     "afgewezen": "Afgewezen"}


class Knipperlicht(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    reden: Mapped[str] = mapped_column(Text)
    gemeld_door_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))
    gemeld_op: Mapped[datetime] = created_at()
    overleg_op: Mapped[date | None] = mapped_column(Date)
    overleg_verslag: Mapped[str | None] = mapped_column(Text)
    overleg_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))

    gemeld_door: Mapped[Gebruiker] = relationship(foreign_keys=[gemeld_door_id])


class SociaalVerslag(Versioned, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    motivering: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(
        Enum(*VERSLAG_STATUSSEN, name="verslag_status", native_enum=False,
             create_constraint=True))
    opgesteld_door_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))
    opgesteld_op: Mapped[datetime] = created_at()
    beslist_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    beslist_op: Mapped[datetime | None] = mapped_column(Tijdstip())
    beslissing_toelichting: Mapped[str | None] = mapped_column(Text)

    opgesteld_door: Mapped[Gebruiker] = relationship(foreign_keys=[opgesteld_door_id])

    @property
    def status_label(self) -> str:
        return VERSLAG_STATUSSEN[self.status]


def _laatste(model, dossier_id: int):
    return model.id == select(func.max(model.id)).where(
        model.dossier_id == dossier_id).scalar_subquery()


@per_transactie
def _signalering(dossier_id: int) -> tuple[Knipperlicht | None, SociaalVerslag | None]:
    """The dossier's latest knipperlicht and sociaal verslag in one statement: the workflow's
    guards and the dossier page ask for both."""
    rij = db.session.execute(
        select(Knipperlicht, SociaalVerslag).select_from(Dossier)
        .outerjoin(Knipperlicht, _laatste(Knipperlicht, dossier_id))
        .outerjoin(SociaalVerslag, _laatste(SociaalVerslag, dossier_id))
        .where(Dossier.id == dossier_id)).first()
    return (rij[0], rij[1]) if rij else (None, None)


def knipperlicht(dossier_id: int) -> Knipperlicht | None:
    return _signalering(dossier_id)[0]


def sociaal_verslag(dossier_id: int) -> SociaalVerslag | None:
    return _signalering(dossier_id)[1]
