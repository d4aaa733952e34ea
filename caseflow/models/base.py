"""Column helpers shared by the models."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import DateTime, Integer
from sqlalchemy.orm import Mapped, declared_attr, mapped_column


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Versioned:
    """Optimistic locking: a stale write raises StaleDataError (CONVENTIONS.md)."""

    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls):
        return {"version_id_col": cls.__table__.c.version_id}


def created_at():
    return mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)


def updated_at():
    return mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow, nullable=False)
