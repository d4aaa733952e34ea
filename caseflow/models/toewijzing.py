"""The toewijzing: which dwelling, where, through which pijler and doelgroep, and until when the
welzijnsorganisatie stays engaged (R-6.3)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.extensions import db
from caseflow.models.base import created_at
from caseflow.models.organisatie import Gemeente, Organisatie, Zone
from caseflow.rules.regio import DOELGROEPEN


class Toewijzing(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), unique=True)
    datum: Mapped[date] = mapped_column(Date, index=True)
    woonmaatschappij_id: Mapped[int] = mapped_column(ForeignKey("organisatie.id"))
    zone_id: Mapped[int] = mapped_column(ForeignKey("zone.id"))
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"))
    adres: Mapped[str] = mapped_column(String(200))
    pijler: Mapped[int] = mapped_column(Integer, CheckConstraint("pijler IN (2, 3)",
                                                                 name="pijler"))
    doelgroep: Mapped[str | None] = mapped_column(
        Enum(*DOELGROEPEN, name="doelgroep", native_enum=False, create_constraint=True))
    # a Housing First dwelling allocated to a doorstromer for lack of HF begeleiding
    hf_fallback: Mapped[bool] = mapped_column(Boolean, default=False)
    quotum_afwijking: Mapped[str | None] = mapped_column(Text)
    engagement_einde: Mapped[date] = mapped_column(Date, index=True)
    woning_id: Mapped[int | None] = mapped_column(ForeignKey("woning.id"))
    # Woonbehoud (RULES.md 10): still housed 1 and 2 years after the toewijzing; None unknown.
    woonbehoud_1_jaar: Mapped[bool | None] = mapped_column(Boolean)
    woonbehoud_2_jaar: Mapped[bool | None] = mapped_column(Boolean)
    aangemaakt_door_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))
    aangemaakt_op: Mapped[datetime] = created_at()

    woonmaatschappij: Mapped[Organisatie] = relationship()
    zone: Mapped[Zone] = relationship()

    __table_args__ = (
        # the reserved dwellings in use per zone read from the index alone, but
        # for each dossier's phase
        Index("ix_toewijzing_quotum", "zone_id", "pijler", "doelgroep", "hf_fallback",
              "dossier_id"),
        # a woonmaatschappij's tenants by the end of the engagement ('Mijn huurders'), walked in
        # that order
        Index("ix_toewijzing_wm_einde", "woonmaatschappij_id", "engagement_einde", "dossier_id"))
    gemeente: Mapped[Gemeente] = relationship()
