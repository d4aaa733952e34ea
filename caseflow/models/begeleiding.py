"""The begeleidingsovereenkomst (R-6.2) and the proposals that change it, each recorded with
who proposed, who decided and when."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    String,
    Text,
    literal,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.elements import ColumnElement

from caseflow.extensions import db
from caseflow.models.base import (
    Tijdstip,
    Versioned,
    created_at,
    gedeeltelijke_index,
    in_literals,
    in_sql,
    per_transactie,
)
from caseflow.models.gebruiker import Gebruiker
from caseflow.rules.begeleiding import PARTIJEN, WIJZIGINGEN
from workflows.begeleidingsovereenkomst import STATES

LOPEND = ("voorgesteld", "actief", "evaluatie")
IN_KRACHT = ("actief", "evaluatie")  # signed and not ended
VOORSTEL_STATUSSEN = {"open": "Open", "aanvaard": "Aanvaard", "geweigerd": "Geweigerd"}


class Begeleidingsovereenkomst(Versioned, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    status: Mapped[str] = mapped_column(
        Enum(*STATES, name="bo_status", native_enum=False, create_constraint=True))
    startdatum: Mapped[date] = mapped_column(Date)
    geplande_einddatum: Mapped[date] = mapped_column(Date, index=True)
    einddatum: Mapped[date | None] = mapped_column(Date)
    aangemaakt_door_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))
    aangemaakt_op: Mapped[datetime] = created_at()

    voorstellen: Mapped[list["BOVoorstel"]] = relationship(
        back_populates="overeenkomst", order_by="BOVoorstel.id")

    __table_args__ = (
        CheckConstraint("geplande_einddatum >= startdatum", name="periode"),
        # The agreements in force (see in_kracht), by planned end: the few among the years'
        # ended ones whose end the review queue watches.
        gedeeltelijke_index("ix_bo_in_kracht", "geplande_einddatum",
                            waar=in_sql("status", IN_KRACHT)),
    )

    @property
    def status_label(self) -> str:
        return STATES[self.status]

    @property
    def open_voorstel(self) -> "BOVoorstel | None":
        return next((v for v in self.voorstellen if v.status == "open"), None)


class BOVoorstel(db.Model):
    """A proposal by one party (sign, extend, shorten) and the other party's answer."""

    id: Mapped[int] = mapped_column(primary_key=True)
    overeenkomst_id: Mapped[int] = mapped_column(ForeignKey("begeleidingsovereenkomst.id"),
                                                 index=True)
    soort: Mapped[str] = mapped_column(
        Enum(*WIJZIGINGEN, name="bo_wijziging", native_enum=False, create_constraint=True))
    nieuwe_einddatum: Mapped[date | None] = mapped_column(Date)
    partij: Mapped[str] = mapped_column(
        Enum(*PARTIJEN, name="bo_partij", native_enum=False, create_constraint=True))
    reden: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10))
    voorgesteld_door_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))
    voorgesteld_op: Mapped[datetime] = created_at()
    beslist_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    beslist_op: Mapped[datetime | None] = mapped_column(Tijdstip())
    beslissing_reden: Mapped[str | None] = mapped_column(Text)

    overeenkomst: Mapped[Begeleidingsovereenkomst] = relationship(back_populates="voorstellen")
    voorgesteld_door: Mapped[Gebruiker] = relationship(foreign_keys=[voorgesteld_door_id])
    beslist_door: Mapped[Gebruiker | None] = relationship(foreign_keys=[beslist_door_id])

    # The open proposals, the few among the years' answered ones that the start pages read
    # (see open_voorstel), by the party that made them, in the order they were made.
    __table_args__ = (gedeeltelijke_index("ix_bo_voorstel_open", "partij",
                                          waar="status = 'open'"),)

    @property
    def soort_label(self) -> str:
        return WIJZIGINGEN[self.soort]


@per_transactie
def lopende_overeenkomst(dossier_id: int) -> Begeleidingsovereenkomst | None:
    return db.session.scalars(select(Begeleidingsovereenkomst).where(
        Begeleidingsovereenkomst.dossier_id == dossier_id,
        Begeleidingsovereenkomst.status.in_(LOPEND))).first()


@per_transactie
def overeenkomsten(dossier_id: int) -> list[Begeleidingsovereenkomst]:
    return list(db.session.scalars(select(Begeleidingsovereenkomst).where(
        Begeleidingsovereenkomst.dossier_id == dossier_id)
        .order_by(Begeleidingsovereenkomst.id.desc())))


def open_voorstel() -> ColumnElement[bool]:
    """The open proposals (R-6.2), the status written as a literal: SQLite uses the partial
    index ix_bo_voorstel_open only for the very condition it was built with (as is_open)."""
    return BOVoorstel.status == literal("open", literal_execute=True)


def in_kracht() -> ColumnElement[bool]:
    """The agreements in force, the statuses written as literals: SQLite uses the partial
    index ix_bo_in_kracht only for the very condition it was built with (as is_open)."""
    return in_literals(Begeleidingsovereenkomst.status, IN_KRACHT)
