"""The dossier of one candidate household, and its workflow history."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    DDL,
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    column,
    event,
    select,
    table,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates
from sqlalchemy.sql.elements import ColumnElement

from caseflow import clock
from caseflow.extensions import db
from caseflow.models.base import (
    Tijdstip,
    Versioned,
    created_at,
    gedeeltelijke_index,
    updated_at,
    utcnow,
)
from caseflow.models.gebruiker import Gebruiker
from caseflow.models.organisatie import Gemeente, Organisatie
from caseflow.rules.wegingskader import HUISHOUDENS
from caseflow.rules.zoeken import zoeknaam
from workflows.dossier import STATES

if TYPE_CHECKING:
    from caseflow.models.toewijzing import Toewijzing


def _zoeknaam_bij_invoegen(context) -> str:
    rij = context.get_current_parameters()
    return zoeknaam(rij.get("voornaam"), rij.get("achternaam"))


class Weergave:
    """How a dossier's name and phase read, for the dossier and for a list's row of it."""

    __slots__ = ()
    voornaam: str
    achternaam: str
    status: str

    @property
    def naam(self) -> str:
        return f"{self.voornaam} {self.achternaam}"

    @property
    def status_label(self) -> str:
        return STATES[self.status]


class Dossier(Weergave, Versioned, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    nummer: Mapped[str | None] = mapped_column(String(20), unique=True)
    voornaam: Mapped[str] = mapped_column(String(100))
    achternaam: Mapped[str] = mapped_column(String(100), index=True)
    # The name as it is sought (rules.zoeken), kept with the name: set on every insert (bulk
    # ones too) and by the validator below when a name changes.
    zoeknaam: Mapped[str] = mapped_column(String(210), default=_zoeknaam_bij_invoegen)
    geboortedatum: Mapped[date] = mapped_column(Date)
    rijksregisternummer: Mapped[str] = mapped_column(String(11), index=True)
    telefoon: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(254))
    adres: Mapped[str | None] = mapped_column(String(200))
    huishouden: Mapped[str] = mapped_column(
        Enum(*HUISHOUDENS, name="huishouden", native_enum=False, create_constraint=True)
    )
    aantal_kinderen: Mapped[int] = mapped_column(
        Integer, CheckConstraint("aantal_kinderen >= 0", name="aantal_kinderen")
    )
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"))
    cir_inschrijvingsdatum: Mapped[date | None] = mapped_column(Date)
    cir_nummer: Mapped[str | None] = mapped_column(String(30))
    woonnood: Mapped[str] = mapped_column(String(40))
    inkomen: Mapped[Decimal] = mapped_column(
        Numeric(10, 2), CheckConstraint("inkomen >= 0", name="inkomen")
    )
    pijler: Mapped[int] = mapped_column(Integer, CheckConstraint("pijler IN (2, 3)", name="pijler"))
    organisatie_id: Mapped[int] = mapped_column(ForeignKey("organisatie.id"), index=True)
    hulpverlener_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"), index=True)
    woonmaatschappij_id: Mapped[int] = mapped_column(ForeignKey("organisatie.id"), index=True)
    status: Mapped[str] = mapped_column(
        Enum(*STATES, name="dossier_status", native_enum=False, create_constraint=True),
        index=True,
    )
    afsluitreden: Mapped[str | None] = mapped_column(String(40))
    # who agreed to follow a pijler 3 tenant without a begeleidingsovereenkomst:
    # "welzijn" or "wonen" while the other party's agreement is awaited, then "beide".
    zonder_bo_akkoord: Mapped[str | None] = mapped_column(String(10))
    aangemaakt_op: Mapped[datetime] = created_at()
    gewijzigd_op: Mapped[datetime] = updated_at()
    # The day of the last change by a person (not a view), kept by audit.log; watched by the
    # reminder sweep for stilgevallen dossiers through the index below.
    laatste_activiteit: Mapped[date] = mapped_column(Date, default=lambda: clock.vandaag())
    # I-9.2: the day the retention job removed the person from the closed dossier.
    gepseudonimiseerd_op: Mapped[date | None] = mapped_column(Date)

    gemeente: Mapped[Gemeente] = relationship()
    organisatie: Mapped[Organisatie] = relationship(foreign_keys=[organisatie_id])
    woonmaatschappij: Mapped[Organisatie] = relationship(foreign_keys=[woonmaatschappij_id])
    hulpverlener: Mapped[Gebruiker] = relationship()
    toewijzing: Mapped["Toewijzing | None"] = relationship(uselist=False, lazy="selectin")
    historiek: Mapped[list["DossierHistoriek"]] = relationship(
        back_populates="dossier", order_by="DossierHistoriek.id"
    )

    __table_args__ = (Index("ix_dossier_status_activiteit", "status", "laatste_activiteit"),
                      # a woonmaatschappij's candidates (the ranking) and tenants
                      Index("ix_dossier_wm_status", "woonmaatschappij_id", "status", "pijler"),
                      # an organisation's caseload: its count, and its latest changes first;
                      # its review queue's quiet dossiers of a stage (I-6.5a) read from the
                      # index alone, in order
                      Index("ix_dossier_org_status_activiteit", "organisatie_id", "status",
                            "laatste_activiteit"),
                      Index("ix_dossier_org_gewijzigd", "organisatie_id", "gewijzigd_op", "id"),
                      Index("ix_dossier_gewijzigd", "gewijzigd_op", "id"),
                      Index("ix_dossier_wm_gewijzigd", "woonmaatschappij_id", "gewijzigd_op",
                            "id"),
                      # the few dossiers whose agreement to follow up without a
                      # begeleidingsovereenkomst awaits the other party
                      gedeeltelijke_index("ix_dossier_zonder_bo_akkoord", "zonder_bo_akkoord",
                                          waar="zonder_bo_akkoord IS NOT NULL"),
                      # search by part of a name: a trigram index on PostgreSQL; on SQLite a
                      # plain index the LIKE reads instead of the table
                      Index("ix_dossier_zoeknaam", "zoeknaam", postgresql_using="gin",
                            postgresql_ops={"zoeknaam": "gin_trgm_ops"}))

    @validates("voornaam", "achternaam")
    def _houd_zoeknaam_bij(self, sleutel: str, waarde: str) -> str:
        namen = {"voornaam": self.voornaam, "achternaam": self.achternaam, sleutel: waarde}
        self.zoeknaam = zoeknaam(namen["voornaam"], namen["achternaam"])
        return waarde

    @property
    def toewijzingsdatum(self) -> date | None:
        return self.toewijzing.datum if self.toewijzing else None


# The trigram operator class of ix_dossier_zoeknaam (a trusted extension: the database's owner
# may create it).
event.listen(Dossier.__table__, "before_create",
             DDL("CREATE EXTENSION IF NOT EXISTS pg_trgm").execute_if(dialect="postgresql"))

# SQLite's trigram index of the names: an FTS5 table over dossier.zoeknaam (external content,
# kept by the triggers below), which answers `LIKE '%…%'` for three characters or more where
# the plain index is read whole. The same statements build it in the migration; a batch
# migration that rebuilds the dossier table must create the triggers again.
ZOEKNAAM_FTS = "dossier_zoeknaam"
ZOEKNAAM_FTS_DDL = (
    f"CREATE VIRTUAL TABLE {ZOEKNAAM_FTS} USING fts5(zoeknaam, content='dossier', "
    "content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER dossier_zoeknaam_ins AFTER INSERT ON dossier BEGIN INSERT INTO {ZOEKNAAM_FTS}"
    "(rowid, zoeknaam) VALUES (new.id, new.zoeknaam); END",
    f"CREATE TRIGGER dossier_zoeknaam_del AFTER DELETE ON dossier BEGIN INSERT INTO {ZOEKNAAM_FTS}"
    f"({ZOEKNAAM_FTS}, rowid, zoeknaam) VALUES ('delete', old.id, old.zoeknaam); END",
    "CREATE TRIGGER dossier_zoeknaam_upd AFTER UPDATE OF zoeknaam ON dossier BEGIN "
    f"INSERT INTO {ZOEKNAAM_FTS}({ZOEKNAAM_FTS}, rowid, zoeknaam) VALUES "
    f"('delete', old.id, old.zoeknaam); INSERT INTO {ZOEKNAAM_FTS}(rowid, zoeknaam) VALUES "
    "(new.id, new.zoeknaam); END",
)
for _ddl in ZOEKNAAM_FTS_DDL:
    event.listen(Dossier.__table__, "after_create", DDL(_ddl).execute_if(dialect="sqlite"))
event.listen(Dossier.__table__, "before_drop",
             DDL(f"DROP TABLE IF EXISTS {ZOEKNAAM_FTS}").execute_if(dialect="sqlite"))
_zoeknaam_fts = table(ZOEKNAAM_FTS, column("rowid"), column("zoeknaam"))


def door_modellen_beschreven(naam: str | None, soort: str, _ouders: dict) -> bool:
    """For Alembic's `include_name`: False for the trigram table and its shadow tables, which
    the models do not describe."""
    return not (soort == "table" and (naam or "").startswith(ZOEKNAAM_FTS))


def naam_bevat(term: str) -> ColumnElement[bool]:
    """The dossiers whose zoeknaam contains `term` (already normalised): on SQLite through the
    trigram table when the term has three characters or more and no LIKE wildcard (its index
    serves no ESCAPE clause), elsewhere a LIKE that PostgreSQL's trigram index serves."""
    if db.engine.dialect.name == "sqlite" and len(term) >= 3 and \
            not any(t in term for t in "%_"):
        return Dossier.id.in_(select(_zoeknaam_fts.c.rowid).where(
            _zoeknaam_fts.c.zoeknaam.like(f"%{term}%")))
    return Dossier.zoeknaam.contains(term, autoescape=True)


class DossierHistoriek(db.Model):
    """Every workflow transition: from, to, trigger, who, when and why."""

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    van: Mapped[str | None] = mapped_column(String(20))
    naar: Mapped[str] = mapped_column(String(20))
    trigger: Mapped[str] = mapped_column(String(40))
    gebruiker_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    tijdstip: Mapped[datetime] = mapped_column(Tijdstip(), default=utcnow)
    reden: Mapped[str | None] = mapped_column(Text)
    # Free text typed with the action: it follows the consent rule of gedeelde notes.
    toelichting: Mapped[str | None] = mapped_column(Text)

    dossier: Mapped[Dossier] = relationship(back_populates="historiek")
    gebruiker: Mapped[Gebruiker | None] = relationship()
