"""A backup made while Caseflow runs restores into a new database with every row (README:
Security and privacy), on SQLite (online backup API) and PostgreSQL (pg_dump/pg_restore)."""
import uuid
from pathlib import Path

from sqlalchemy import create_engine, func, select

from caseflow.extensions import db
from tests.conftest import _pg_admin, _pg_url


def _tellingen(engine) -> dict[str, int]:
    with engine.connect() as c:
        return {t.name: c.scalar(select(func.count()).select_from(t))
                for t in db.metadata.sorted_tables}


def test_a_backup_restores_into_a_new_database_with_every_row(app, runner, tmp_path, backend):
    assert runner.invoke(args=["demo-data"]).exit_code == 0
    gemaakt = runner.invoke(args=["backup", "maken", "--map", str(tmp_path / "backups")])
    assert gemaakt.exit_code == 0, gemaakt.output
    bestand = Path(gemaakt.output.split("Backup gemaakt: ")[1].strip())
    assert bestand.stat().st_mode & 0o077 == 0  # readable by the app's user only
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
            bron = _tellingen(db.engine)
            assert bron["dossier"] > 0 and bron["audit_event"] > 0
            assert _tellingen(engine) == bron
        finally:
            engine.dispose()
    finally:
        if backend == "postgresql":
            _pg_admin(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
