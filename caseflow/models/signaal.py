"""A signaal on a tenancy (I-7.1) and the escalation steps of rent arrears (I-7.3a)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    select,
)
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship
from sqlalchemy.sql.elements import ColumnElement

from caseflow.extensions import db
from caseflow.models.base import (
    Versioned,
    created_at,
    gedeeltelijke_index,
    in_literals,
    in_sql,
    per_transactie,
)
from caseflow.models.gebruiker import Gebruiker
from caseflow.rules.signaal import SOORTEN
from workflows.signaal import OPEN, STATES

ESCALATIESTAPPEN = {
    "aangetekende_brief": "Aangetekende brief (1 maand achterstand)",
    "tweede_brief": "Tweede brief (2 maanden achterstand)",
    "lac_casusoverleg": "Lokaal overleg (LAC/casusoverleg) met het OCMW",
    "ocmw_geinformeerd": "OCMW geïnformeerd vóór een vordering tot uithuiszetting",
    "vordering_ingeleid": "Vordering ingeleid (art. 1344ter Ger.W.)",
}


class Signaal(Versioned, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    soort: Mapped[str] = mapped_column(
        Enum(*SOORTEN, name="signaal_soort", native_enum=False, create_constraint=True))
    beschrijving: Mapped[str] = mapped_column(Text)
    bedrag: Mapped[Decimal | None] = mapped_column(
        Numeric(10, 2), CheckConstraint("bedrag IS NULL OR bedrag >= 0", name="bedrag"))
    maanden: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(
        Enum(*STATES, name="signaal_status", native_enum=False, create_constraint=True),
        index=True)
    verplicht: Mapped[bool] = mapped_column(Boolean, default=False)  # I-7.4
    aangevraagd_op: Mapped[date | None] = mapped_column(Date, index=True)
    coordinator_verwittigd_op: Mapped[date | None] = mapped_column(Date)
    gesloten_reden: Mapped[str | None] = mapped_column(String(500))
    gemeld_door_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))
    gemeld_op: Mapped[datetime] = created_at()

    gemeld_door: Mapped[Gebruiker] = relationship()
    stappen: Mapped[list["EscalatieStap"]] = relationship(order_by="EscalatieStap.datum")

    # The open signalen, the few among the years' closed ones that the start pages, the review
    # queue and the sweep read (see is_open).
    __table_args__ = (gedeeltelijke_index("ix_signaal_open", "aangevraagd_op",
                                          waar=in_sql("status", OPEN)),)

    @property
    def soort_label(self) -> str:
        return SOORTEN[self.soort]

    @property
    def status_label(self) -> str:
        return STATES[self.status]


class EscalatieStap(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    signaal_id: Mapped[int] = mapped_column(ForeignKey("signaal.id"), index=True)
    stap: Mapped[str] = mapped_column(
        Enum(*ESCALATIESTAPPEN, name="escalatiestap", native_enum=False, create_constraint=True))
    datum: Mapped[date] = mapped_column(Date)
    geregistreerd_door_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))

    @property
    def label(self) -> str:
        return ESCALATIESTAPPEN[self.stap]


@per_transactie
def signalen(dossier_id: int) -> list[Signaal]:
    return list(db.session.scalars(select(Signaal).where(Signaal.dossier_id == dossier_id)
                                   .options(joinedload(Signaal.stappen))
                                   .order_by(Signaal.id.desc())).unique())


def is_open(*statussen: str) -> ColumnElement[bool]:
    """The signalen that are open (optionally: in one of `statussen`, all open ones), the
    statuses written as literals: SQLite uses a partial index (ix_signaal_open) only for the
    very condition it was built with, and a bound parameter's value is unknown when it plans.
    Its statistics know averages only: without the index it starts from the dossiers."""
    voorwaarde = in_literals(Signaal.status, OPEN)
    if statussen:
        assert set(statussen) <= set(OPEN)
        return voorwaarde & Signaal.status.in_(statussen)
    return voorwaarde
