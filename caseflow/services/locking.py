"""Optimistic locking for every versioned record: a stale form or write becomes a Conflict."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm.exc import StaleDataError

from caseflow.errors import Conflict
from caseflow.extensions import db


def check_version(obj, version_id: int | None, titel: str, ingevuld: dict | None = None) -> None:
    """The form's version must be the record's current one (a missing version is stale too)."""
    if version_id is None or int(version_id) != obj.version_id:
        raise Conflict(titel, ingevuld)


@contextmanager
def gelijktijdig(titel: str, ingevuld: dict | None = None) -> Iterator[None]:
    """A concurrent write that won the race (StaleDataError, at the commit or at any flush
    before it) becomes a Conflict that still carries what the user typed."""
    try:
        yield
    except StaleDataError:
        db.session.rollback()
        raise Conflict(titel, ingevuld) from None


def commit(titel: str, ingevuld: dict | None = None) -> None:
    """Commit; a concurrent write that won the race becomes a Conflict."""
    with gelijktijdig(titel, ingevuld):
        db.session.commit()
