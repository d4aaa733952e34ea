"""Organisations, woonmaatschappij zones, gemeenten, agreements and quota (R-1.x, R-5.3)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.extensions import db
from caseflow.models.base import Versioned

SOORTEN = {
    "welzijnsorganisatie": "Welzijnsorganisatie",
    "woonmaatschappij": "Woonmaatschappij",
    "regionaal": "Regionaal (overkoepelend)",
}

SECTOREN = {
    "CAW": "CAW",
    "OCMW": "OCMW",
    "BJZ": "Bijzondere Jeugdzorg",
    "GGZ": "Geestelijke gezondheidszorg",
    "VAPH": "VAPH-organisatie",
    "KG": "Kind & Gezin",
    "andere": "Andere",
}


class Organisatie(Versioned, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(120), unique=True)
    soort: Mapped[str] = mapped_column(
        Enum(*SOORTEN, name="organisatie_soort", native_enum=False, create_constraint=True)
    )
    sector: Mapped[str | None] = mapped_column(String(20))
    afkorting: Mapped[str | None] = mapped_column(String(20))
    # use_alter: organisatie -> gemeente -> zone -> organisatie is a cycle.
    gemeente_id: Mapped[int | None] = mapped_column(
        ForeignKey("gemeente.id", use_alter=True, name="fk_organisatie_gemeente_id_gemeente")
    )
    actief: Mapped[bool] = mapped_column(Boolean, default=True)

    gemeente: Mapped["Gemeente | None"] = relationship(foreign_keys=[gemeente_id])
    zones: Mapped[list["Zone"]] = relationship(back_populates="woonmaatschappij",
                                               order_by="Zone.naam")

    @property
    def is_woonmaatschappij(self) -> bool:
        return self.soort == "woonmaatschappij"

    @property
    def is_regionaal(self) -> bool:
        return self.soort == "regionaal"

    def __str__(self) -> str:
        return self.naam


class Zone(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    woonmaatschappij_id: Mapped[int] = mapped_column(ForeignKey("organisatie.id"))
    naam: Mapped[str | None] = mapped_column(String(60))
    patrimonium: Mapped[int] = mapped_column(Integer, CheckConstraint("patrimonium >= 0",
                                                                      name="patrimonium"))

    woonmaatschappij: Mapped[Organisatie] = relationship(back_populates="zones")
    gemeenten: Mapped[list["Gemeente"]] = relationship(back_populates="zone",
                                                       order_by="Gemeente.naam")

    @property
    def label(self) -> str:
        wm = self.woonmaatschappij.naam
        return f"{wm} – {self.naam}" if self.naam else wm


class Gemeente(Versioned, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(80), unique=True)
    zone_id: Mapped[int | None] = mapped_column(ForeignKey("zone.id"))
    in_arrondissement: Mapped[bool] = mapped_column(Boolean, default=True)

    zone: Mapped[Zone | None] = relationship(back_populates="gemeenten")

    @property
    def woonmaatschappij(self) -> Organisatie | None:
        return self.zone.woonmaatschappij if self.zone else None

    def __str__(self) -> str:
        return self.naam


class Samenwerkingsovereenkomst(db.Model):
    """R-1.3: links a welzijnsorganisatie to a woonmaatschappij for a period."""

    id: Mapped[int] = mapped_column(primary_key=True)
    welzijnsorganisatie_id: Mapped[int] = mapped_column(ForeignKey("organisatie.id"))
    woonmaatschappij_id: Mapped[int] = mapped_column(ForeignKey("organisatie.id"))
    startdatum: Mapped[date] = mapped_column(Date)
    einddatum: Mapped[date | None] = mapped_column(Date)

    welzijnsorganisatie: Mapped[Organisatie] = relationship(foreign_keys=[welzijnsorganisatie_id])
    woonmaatschappij: Mapped[Organisatie] = relationship(foreign_keys=[woonmaatschappij_id])

    __table_args__ = (
        CheckConstraint("einddatum IS NULL OR einddatum >= startdatum", name="periode"),
    )

    def geldig_op(self, dag: date) -> bool:
        return self.startdatum <= dag and (self.einddatum is None or dag <= self.einddatum)


class Quotum(db.Model):
    """R-5.3: reserved dwellings per zone and doelgroep."""

    id: Mapped[int] = mapped_column(primary_key=True)
    zone_id: Mapped[int] = mapped_column(ForeignKey("zone.id"))
    doelgroep: Mapped[str] = mapped_column(String(30))
    aantal: Mapped[int] = mapped_column(Integer, CheckConstraint("aantal >= 0", name="aantal"))

    zone: Mapped[Zone] = relationship()

    __table_args__ = (UniqueConstraint("zone_id", "doelgroep"),)


def woonmaatschappijen():
    """The woonmaatschappijen's ids and names (rows with .id and .naam), alphabetical: what
    the selects and the ranking's choice show, read as columns (no objects on every page)."""
    return db.session.execute(
        select(Organisatie.id, Organisatie.naam).where(Organisatie.soort == "woonmaatschappij")
        .order_by(Organisatie.naam)
    ).all()
