"""Backup and restore of the whole database while Caseflow runs: SQLite through its online
backup API (a consistent copy, writers keep working), PostgreSQL with pg_dump / pg_restore
(the custom format, one consistent snapshot)."""
from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from caseflow import clock
from caseflow.extensions import db


def _libpq(url: str) -> str:
    """The SQLAlchemy URL as pg_dump and pg_restore take it."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _sqlite_pad(url: str) -> str:
    return make_url(url).database


def maken(url: str, map_: Path) -> Path:
    """A backup of the database at `url` in the folder `map_`; returns the file."""
    map_.mkdir(parents=True, exist_ok=True)
    stempel = clock.nu().strftime("%Y%m%d-%H%M%S")
    if make_url(url).get_backend_name() == "sqlite":
        doel = map_ / f"caseflow-{stempel}.sqlite"
        with sqlite3.connect(_sqlite_pad(url)) as bron, sqlite3.connect(doel) as kopie:
            bron.backup(kopie)
        doel.chmod(0o600)
        return doel
    doel = map_ / f"caseflow-{stempel}.dump"
    subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--file", str(doel),
                    _libpq(url)], check=True, capture_output=True)
    doel.chmod(0o600)
    return doel


def terugzetten(bestand: Path, url: str) -> None:
    """Restore a backup into the (new, empty) database at `url`."""
    if make_url(url).get_backend_name() == "sqlite":
        with sqlite3.connect(bestand) as bron, sqlite3.connect(_sqlite_pad(url)) as doel:
            bron.backup(doel)
        return
    subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", "--dbname", _libpq(url),
                    str(bestand)], check=True, capture_output=True)


def huidige_url() -> str:
    return db.engine.url.render_as_string(hide_password=False)
