"""The client's consent to share with the woonmaatschappij (R-9.1, I-9.2), notes that are
intern (own organisation) or gedeeld (the partners on the dossier), and the client's requests
under the GDPR (rules.rechten)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Enum, ForeignKey, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.extensions import db
from caseflow.models.base import created_at, per_transactie
from caseflow.models.gebruiker import Gebruiker
from caseflow.models.organisatie import Organisatie
from caseflow.rules.rechten import SOORTEN, STATUSSEN

ZICHTBAARHEID = {"intern": "Intern (enkel de eigen organisatie)",
                 "gedeeld": "Gedeeld (de partners op het dossier)"}


class Toestemming(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    woonmaatschappij_id: Mapped[int] = mapped_column(ForeignKey("organisatie.id"))
    gegeven_op: Mapped[date] = mapped_column(Date)
    omvang: Mapped[str] = mapped_column(Text)
    geregistreerd_door_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))
    geregistreerd_op: Mapped[datetime] = created_at()
    ingetrokken_op: Mapped[date | None] = mapped_column(Date)
    ingetrokken_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))

    geregistreerd_door: Mapped[Gebruiker] = relationship(foreign_keys=[geregistreerd_door_id])


class Notitie(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    tekst: Mapped[str] = mapped_column(Text)
    zichtbaarheid: Mapped[str] = mapped_column(
        Enum(*ZICHTBAARHEID, name="zichtbaarheid", native_enum=False, create_constraint=True))
    organisatie_id: Mapped[int] = mapped_column(ForeignKey("organisatie.id"))
    auteur_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))
    aangemaakt_op: Mapped[datetime] = created_at()

    auteur: Mapped[Gebruiker] = relationship()
    organisatie: Mapped[Organisatie] = relationship()


class Rechtsverzoek(db.Model):
    """A request of the client under the GDPR (rectification, objection, ...), from receipt to
    answer."""

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    soort: Mapped[str] = mapped_column(
        Enum(*SOORTEN, name="rechtsverzoek_soort", native_enum=False, create_constraint=True))
    ontvangen_op: Mapped[date] = mapped_column(Date)
    uiterlijk_op: Mapped[date] = mapped_column(Date, index=True)
    omschrijving: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(
        Enum(*STATUSSEN, name="rechtsverzoek_status", native_enum=False,
             create_constraint=True), default="open")
    antwoord: Mapped[str | None] = mapped_column(Text)
    beantwoord_op: Mapped[date | None] = mapped_column(Date)
    geregistreerd_door_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))
    beantwoord_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    aangemaakt_op: Mapped[datetime] = created_at()

    geregistreerd_door: Mapped[Gebruiker] = relationship(foreign_keys=[geregistreerd_door_id])
    beantwoord_door: Mapped[Gebruiker | None] = relationship(foreign_keys=[beantwoord_door_id])

    @property
    def soort_label(self) -> str:
        return SOORTEN[self.soort]

    @property
    def status_label(self) -> str:
        return STATUSSEN[self.status]


@per_transactie
def actieve_toestemming(dossier_id: int, woonmaatschappij_id: int) -> Toestemming | None:
    return db.session.scalars(select(Toestemming).where(
        Toestemming.dossier_id == dossier_id,
        Toestemming.woonmaatschappij_id == woonmaatschappij_id,
        Toestemming.ingetrokken_op.is_(None)).order_by(Toestemming.id.desc())).first()
