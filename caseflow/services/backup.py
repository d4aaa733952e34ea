"""Backup and restore of the whole database while Caseflow runs: SQLite through its online
backup API (a consistent copy, writers keep working), PostgreSQL with pg_dump / pg_restore
(the custom format, one consistent snapshot). Every failure is a BackupFout in Dutch."""
from __future__ import annotations

import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from caseflow import clock
from caseflow.extensions import db
from caseflow.services import audit


class BackupFout(Exception):
    """Why a backup or a restore could not be made (nothing was written to the target)."""


def _url(tekst: str) -> URL:
    try:
        url = make_url(tekst)
    except ArgumentError:
        raise BackupFout(f"'{tekst[:80]}' is geen database-URL (bv. sqlite:///pad/naar/"
                         "bestand.sqlite of postgresql+psycopg://gebruiker@host/naam).") from None
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise BackupFout("Enkel SQLite en PostgreSQL worden ondersteund.")
    if url.get_backend_name() == "sqlite" and not url.database:
        raise BackupFout("Geef het bestand van de SQLite-databank (sqlite:///pad).")
    return url


def _libpq(url: URL) -> str:
    """The SQLAlchemy URL as pg_dump and pg_restore take it."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _kopieer(bron: str | Path, doel: str | Path) -> None:
    """SQLite's online backup API: a consistent copy while others write."""
    try:
        with closing(sqlite3.connect(bron)) as van, closing(sqlite3.connect(doel)) as naar:
            van.backup(naar)
    except sqlite3.DatabaseError as e:
        raise BackupFout(f"Geen SQLite-databank om te kopiëren ({e}).") from None


def _pg(*argumenten: str) -> None:
    try:
        subprocess.run(argumenten, check=True, capture_output=True)
    except FileNotFoundError:
        raise BackupFout(f"{argumenten[0]} ontbreekt: installeer postgresql-client.") from None
    except subprocess.CalledProcessError as e:
        raise BackupFout(f"{argumenten[0]} mislukte: {e.stderr.decode()[:500]}") from None


def maken(url_tekst: str, map_: Path) -> Path:
    """A backup of the database at `url_tekst` in the folder `map_`; returns the file,
    readable by its owner only."""
    url = _url(url_tekst)
    map_.mkdir(parents=True, exist_ok=True)
    stempel = clock.nu().strftime("%Y%m%d-%H%M%S")
    if url.get_backend_name() == "sqlite":
        doel = map_ / f"caseflow-{stempel}.sqlite"
        _kopieer(url.database, doel)
    else:
        doel = map_ / f"caseflow-{stempel}.dump"
        _pg("pg_dump", "--format=custom", "--no-owner", "--file", str(doel), _libpq(url))
    doel.chmod(0o600)
    audit.log(None, "backup_gemaakt", bestand=str(doel))  # a copy of every person's data
    db.session.commit()
    return doel


def terugzetten(bestand: Path, url_tekst: str) -> None:
    """Restore a backup into the new, empty database at `url_tekst`; never over a database
    that holds data (a running Caseflow's file, say)."""
    url = _url(url_tekst)
    if url.get_backend_name() == "sqlite":
        doel = Path(url.database)
        if doel.exists() and doel.stat().st_size > 0:
            raise BackupFout(f"{doel} bestaat al en is niet leeg: zet terug in een nieuw "
                             "bestand.")
        try:
            _kopieer(bestand, doel)
        except BackupFout:
            doel.unlink(missing_ok=True)  # no empty file left that looks like a restore
            raise
        return
    _pg("pg_restore", "--no-owner", "--exit-on-error", "--dbname", _libpq(url), str(bestand))


def huidige_url() -> str:
    return db.engine.url.render_as_string(hide_password=False)
