"""Column helpers shared by the models, and the memo of the per-dossier query helpers."""
from __future__ import annotations

import functools
from datetime import date, datetime, timezone

from sqlalchemy import Date, DateTime, Index, Integer, String, Table, event, literal, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, Session, declared_attr, mapped_column
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import TypeDecorator

from caseflow.extensions import db

MAX_ID = 2**31 - 1  # the largest value an INTEGER column holds on every database (ids, versions)


@compiles(Table, "sqlite")
def _sqlite_indexed_by(table, compiler, **kw) -> str:
    """A select's `with_hint(model, "INDEXED BY ix_…", "sqlite")` written after the table's
    name: SQLAlchemy writes table hints only for the databases whose dialect declares them, and
    SQLite's (a plan the planner cannot get wrong) is not among them. SQLite's statistics know
    an organisation's average size only (Python's build has no STAT4), so where the few rows of
    a partial index serve every organisation, the hint says so."""
    sql = compiler.visit_table(table, **kw)
    hint = (kw.get("fromhints") or {}).get(table)
    return f"{sql} {hint}" if hint and not kw.get("ashint") else sql


def via_index(stmt, model, index: str):
    """`stmt` reading `model` along `index` on SQLite (INDEXED BY, above); elsewhere as is."""
    return stmt.with_hint(model, f"INDEXED BY {index}", "sqlite")


def gedeeltelijke_index(naam: str, *kolommen: str, waar: str) -> Index:
    """An index of only the rows `waar` holds, on SQLite and PostgreSQL alike: the few open
    items among the years' closed ones. SQLite uses it only for a query whose WHERE holds the
    very condition, its values written as literals (`in_literals`)."""
    return Index(naam, *kolommen, sqlite_where=text(waar), postgresql_where=text(waar))


def in_sql(kolom: str, waarden) -> str:
    """A partial index's condition `kolom IN ('a', 'b')`."""
    return f"{kolom} IN ({', '.join(repr(w) for w in waarden)})"


def in_literals(kolom, waarden) -> ColumnElement[bool]:
    """`kolom IN (…)` with the values written into the statement: a bound parameter's value is
    unknown when SQLite plans, so it would not see that a partial index (`in_sql`) holds the
    rows."""
    return kolom.in_([literal(w, literal_execute=True) for w in waarden])


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Versioned:
    """Optimistic locking: a stale write raises StaleDataError (CONVENTIONS.md)."""

    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls):
        return {"version_id_col": cls.__table__.c.version_id}


class Tijdstip(TypeDecorator):
    """An instant, stored in UTC on every database and read back aware (UTC). SQLite keeps no
    offset: a Brussels time written as such would be read back as UTC, an hour or two off.
    Shown in Europe/Brussels by the `tijdstip` filter."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else \
            value.astimezone(timezone.utc)


def created_at():
    return mapped_column(Tijdstip(), default=utcnow, nullable=False)


def updated_at():
    return mapped_column(Tijdstip(), default=utcnow, onupdate=utcnow, nullable=False)


class Vervalsleutel:
    """What names a due item: its kind, the object it is about and the due date. A reminder
    (Notificatie) and a coördinator's review (Beoordeling) of the same item share it, and a new
    due date is a new item."""

    soort: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str] = mapped_column(String(30))
    object_id: Mapped[int] = mapped_column(Integer)
    vervaldatum: Mapped[date] = mapped_column(Date)

    @property
    def sleutel(self) -> tuple:
        return (self.soort, self.object_type, self.object_id, self.vervaldatum)


MEMO = "per_transactie"


def per_transactie(functie):
    """A query helper of one dossier (its attest, its agreement, ...) answered once per
    transaction: the dossier page asks the same question of the workflow's guards, its forms
    and its panels. The answer is kept only while nothing is pending in the session, and
    dropped at every flush, commit, rollback and write statement, so it never outlives a
    change."""
    @functools.wraps(functie)
    def onthouden(*args):
        sessie = db.session()
        if sessie.new or sessie.dirty or sessie.deleted:
            return functie(*args)
        memo = sessie.info.setdefault(MEMO, {})
        sleutel = (functie.__qualname__, args)
        if sleutel not in memo:
            memo[sleutel] = functie(*args)
        return memo[sleutel]
    return onthouden


def _vergeet(sessie, *_args) -> None:
    sessie.info.pop(MEMO, None)


for _moment in ("after_flush", "after_commit", "after_rollback", "after_soft_rollback"):
    event.listen(Session, _moment, _vergeet)


@event.listens_for(Session, "do_orm_execute")
def _vergeet_bij_schrijven(state) -> None:
    if not state.is_select:
        _vergeet(state.session)
