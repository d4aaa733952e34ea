"""Optimistic locking for every versioned record: a stale form or write becomes a Conflict."""
from __future__ import annotations

from sqlalchemy.orm.exc import StaleDataError

from caseflow.errors import Conflict
from caseflow.extensions import db


def check_version(obj, version_id: int | None, titel: str, ingevuld: dict | None = None) -> None:
    """The form's version must be the record's current one (a missing version is stale too)."""
    if version_id is None or int(version_id) != obj.version_id:
        raise Conflict(titel, ingevuld)


def commit(titel: str, ingevuld: dict | None = None) -> None:
    """Commit; a concurrent write that won the race (StaleDataError) becomes a Conflict."""
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise Conflict(titel, ingevuld) from None
