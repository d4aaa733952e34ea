"""Column helpers shared by the models."""
from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import Date, DateTime, Integer, String
from sqlalchemy.orm import Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

MAX_ID = 2**31 - 1  # the largest value an INTEGER column holds on every database (ids, versions)


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
