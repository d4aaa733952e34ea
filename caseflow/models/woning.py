"""A vrijgekomen woning and the proposals made for it."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, Enum, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.extensions import db
from caseflow.models.base import Tijdstip, Versioned, created_at
from caseflow.models.dossier import Dossier
from caseflow.models.gebruiker import Gebruiker
from caseflow.models.organisatie import Gemeente, Organisatie

WONING_STATUSSEN = {"open": "Open", "toegewezen": "Toegewezen", "ingetrokken": "Ingetrokken"}
VOORSTEL_STATUSSEN = {"voorgesteld": "Voorgesteld", "aanvaard": "Aanvaard",
                      "geweigerd": "Geweigerd"}


class Woning(Versioned, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    woonmaatschappij_id: Mapped[int] = mapped_column(ForeignKey("organisatie.id"), index=True)
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"))
    adres: Mapped[str] = mapped_column(String(200))
    slaapkamers: Mapped[int] = mapped_column(
        Integer, CheckConstraint("slaapkamers >= 0", name="slaapkamers"))
    beschikbaar_vanaf: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(
        Enum(*WONING_STATUSSEN, name="woning_status", native_enum=False, create_constraint=True),
        index=True)
    aangemaakt_door_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))
    aangemaakt_op: Mapped[datetime] = created_at()

    woonmaatschappij: Mapped[Organisatie] = relationship()
    gemeente: Mapped[Gemeente] = relationship()
    voorstellen: Mapped[list["Voorstel"]] = relationship(back_populates="woning",
                                                         order_by="Voorstel.id")

    @property
    def status_label(self) -> str:
        return WONING_STATUSSEN[self.status]


class Voorstel(db.Model):
    """A candidate proposed for a woning, with the score it was ranked on (peildatum, versie)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    woning_id: Mapped[int] = mapped_column(ForeignKey("woning.id"), index=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    rang: Mapped[int] = mapped_column(Integer)
    punten_woonnood: Mapped[int] = mapped_column(Integer)
    punten_inkomen: Mapped[int] = mapped_column(Integer)
    punten_begeleiding: Mapped[int] = mapped_column(Integer)
    punten_kinderlast: Mapped[int] = mapped_column(Integer)
    totaal: Mapped[int] = mapped_column(Integer)
    peildatum: Mapped[date] = mapped_column(Date)
    versie: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(
        Enum(*VOORSTEL_STATUSSEN, name="voorstel_status", native_enum=False,
             create_constraint=True), index=True)
    reden: Mapped[str | None] = mapped_column(Text)
    voorgesteld_door_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))
    voorgesteld_op: Mapped[datetime] = created_at()
    beslist_op: Mapped[datetime | None] = mapped_column(Tijdstip())

    woning: Mapped[Woning] = relationship(back_populates="voorstellen")
    dossier: Mapped[Dossier] = relationship()
    voorgesteld_door: Mapped[Gebruiker] = relationship()

    @property
    def status_label(self) -> str:
        return VOORSTEL_STATUSSEN[self.status]
