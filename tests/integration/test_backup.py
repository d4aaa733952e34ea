"""A backup made while Caseflow runs restores into a new database with every row (README:
Security and privacy), on SQLite (online backup API) and PostgreSQL (pg_dump/pg_restore)."""
import uuid
from pathlib import Path

from sqlalchemy import create_engine, func, select

from caseflow.extensions import db
from caseflow.models import AuditEvent
from tests.conftest import _pg_admin, _pg_url


def _tellingen(engine) -> dict[str, int]:
    with engine.connect() as c:
        return {t.name: c.scalar(select(func.count()).select_from(t))
                for t in db.metadata.sorted_tables}


def test_a_backup_restores_into_a_new_database_with_every_row(app, runner, tmp_path, backend):
    assert runner.invoke(args=["demo-data"]).exit_code == 0
    bron = _tellingen(db.engine)  # every row at the moment of the backup
    assert bron["dossier"] > 0 and bron["audit_event"] > 0
    gemaakt = runner.invoke(args=["backup", "maken", "--map", str(tmp_path / "backups")])
    assert gemaakt.exit_code == 0, gemaakt.output
    bestand = Path(gemaakt.output.split("Backup gemaakt: ")[1].strip())
    assert bestand.stat().st_mode & 0o077 == 0  # readable by the app's user only
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.actie == "backup_gemaakt")) == 1  # a copy of everyone's data is recorded
    if backend == "sqlite":
        doel = f"sqlite:///{tmp_path / 'teruggezet.sqlite'}"
    else:
        naam = f"caseflow_test_{uuid.uuid4().hex[:8]}"
        _pg_admin(f'CREATE DATABASE "{naam}"')
        doel = _pg_url(naam)
    try:
        terug = runner.invoke(args=["backup", "terugzetten", str(bestand), "--database", doel])
        assert terug.exit_code == 0, terug.output
        engine = create_engine(doel)
        try:
            assert _tellingen(engine) == bron
        finally:
            engine.dispose()
    finally:
        if backend == "postgresql":
            _pg_admin(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')


def test_a_restore_refuses_bad_input_in_dutch_and_never_overwrites_a_database(
        app, runner, tmp_path):
    """No traceback and nothing written: a URL that is none, a target that holds data (a
    running Caseflow's own file), a file that is no backup."""
    niet_leeg = tmp_path / "in-gebruik.sqlite"
    niet_leeg.write_bytes(b"gegevens")
    geen_backup = tmp_path / "geen-backup.txt"
    geen_backup.write_text("dit is geen databank " * 50)
    for bestand, url, melding in (
            (geen_backup, "onzin", "is geen database-URL"),
            (geen_backup, "sqlite://", "Geef het bestand van de SQLite-databank"),
            (geen_backup, f"sqlite:///{niet_leeg}", "bestaat al en is niet leeg"),
            (geen_backup, f"sqlite:///{tmp_path / 'nieuw.sqlite'}", "Geen SQLite-databank")):
        uitkomst = runner.invoke(args=["backup", "terugzetten", str(bestand), "--database", url])
        assert uitkomst.exit_code == 1 and melding in uitkomst.output, uitkomst.output
        assert uitkomst.exception is None or isinstance(uitkomst.exception, SystemExit)
    assert niet_leeg.read_bytes() == b"gegevens"
    assert not (tmp_path / "nieuw.sqlite").exists()
