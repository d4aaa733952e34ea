"""The attest "begeleiding door professionele actor" (R-3). Versioned: a renewal is a new row."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.extensions import db
from caseflow.models.base import Versioned, created_at, per_transactie
from caseflow.models.gebruiker import Gebruiker
from caseflow.models.organisatie import Gemeente, Organisatie
from caseflow.rules.attest import BEREIK_LABELS, OCMW_VERIFICATIE, PRIVEMARKT, AttestInhoud
from workflows.attest import STATES


class Attest(Versioned, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"))
    versie: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(
        Enum(*STATES, name="attest_status", native_enum=False, create_constraint=True)
    )
    organisatie_id: Mapped[int] = mapped_column(ForeignKey("organisatie.id"))
    # the bevoegde OCMW, verified or one of the two exceptions
    bevoegd_ocmw_gemeente_id: Mapped[int | None] = mapped_column(ForeignKey("gemeente.id"))
    ocmw_verificatie: Mapped[str | None] = mapped_column(
        Enum(*OCMW_VERIFICATIE, name="ocmw_verificatie", native_enum=False,
             create_constraint=True))
    # searched the private market for 3 months, or billijkheidsredenen
    privemarkt: Mapped[str | None] = mapped_column(
        Enum(*PRIVEMARKT, name="privemarkt", native_enum=False, create_constraint=True))
    privemarkt_motivering: Mapped[str | None] = mapped_column(Text)
    # doorstroomklaar; the 2-year engagement
    doorstroomklaar: Mapped[bool] = mapped_column(Boolean, default=False)
    engagement_2_jaar: Mapped[bool] = mapped_column(Boolean, default=False)
    # I-4.4 the widest area in which begeleiding can be offered
    begeleiding_bereik: Mapped[str | None] = mapped_column(
        Enum(*BEREIK_LABELS, name="begeleiding_bereik", native_enum=False,
             create_constraint=True))
    uitgereikt_op: Mapped[date | None] = mapped_column(Date, index=True)
    geldig_tot: Mapped[date | None] = mapped_column(Date, index=True)
    bevestigd_op: Mapped[date | None] = mapped_column(Date)
    bevestigd_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    ingetrokken_reden: Mapped[str | None] = mapped_column(String(500))
    aangemaakt_door_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))
    aangemaakt_op: Mapped[datetime] = created_at()

    organisatie: Mapped[Organisatie] = relationship()
    bevoegd_ocmw: Mapped[Gemeente | None] = relationship()
    bevestigd_door: Mapped[Gebruiker | None] = relationship(foreign_keys=[bevestigd_door_id])

    # A dossier's attesten; the review queue asks of each kandidaat whether its attest expires
    # (I-6.5a) from this index alone.
    __table_args__ = (UniqueConstraint("dossier_id", "versie"),
                      Index("ix_attest_dossier_geldig", "dossier_id", "geldig_tot", "status"))

    @property
    def status_label(self) -> str:
        return STATES[self.status]

    @property
    def inhoud(self) -> AttestInhoud:
        return AttestInhoud(
            bevoegd_ocmw=self.bevoegd_ocmw.naam if self.bevoegd_ocmw else None,
            ocmw_verificatie=self.ocmw_verificatie, privemarkt=self.privemarkt,
            privemarkt_motivering=self.privemarkt_motivering,
            doorstroomklaar=bool(self.doorstroomklaar),
            engagement_2_jaar=bool(self.engagement_2_jaar),
            begeleiding_bereik=self.begeleiding_bereik,
        )


@per_transactie
def attesten(dossier_id: int) -> list[Attest]:
    """Every version, newest first."""
    return list(db.session.scalars(
        select(Attest).where(Attest.dossier_id == dossier_id).order_by(Attest.versie.desc())))


# I-3.4a: an issued and a confirmed attest are valid alike, until their last valid day.
GELDIGE_STATUSSEN = ("uitgereikt", "bevestigd")


def geldend_attest(dossier_id: int) -> Attest | None:
    """The newest version that left the concept stage: the one the workflow asks about (a
    dossier has a handful of versions: read once with the others)."""
    return next((a for a in attesten(dossier_id) if a.status != "concept"), None)


def concept_attest(dossier_id: int) -> Attest | None:
    return next((a for a in attesten(dossier_id) if a.status == "concept"), None)
