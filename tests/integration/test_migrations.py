"""`flask db upgrade` on an empty database builds it all, and models and migrations agree."""
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from caseflow.extensions import db
from caseflow.models.dossier import door_modellen_beschreven
from tests.conftest import _pg_admin, _pg_url, make_app, postgres_or_skip


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite'}"
        return
    postgres_or_skip()
    name = f"caseflow_mig_{uuid.uuid4().hex[:10]}"
    _pg_admin(f'CREATE DATABASE "{name}"')
    yield _pg_url(name)
    _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_upgrade_builds_the_schema_without_drift(empty_db, tmp_path):
    app = make_app(empty_db, str(tmp_path / "instance"))
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True,
                                                       "include_name": door_modellen_beschreven})
            diff = compare_metadata(ctx, db.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        if db.engine.dialect.name == "sqlite":  # what the comparison cannot see
            with db.engine.connect() as conn:
                triggers = {r[0] for r in conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
            # a batch migration that rebuilds the dossier table drops its triggers: the name
            # search (rules.zoeken) would silently miss every later change
            assert triggers == {"dossier_zoeknaam_ins", "dossier_zoeknaam_del",
                                "dossier_zoeknaam_upd"}
        downgrade(revision="base")
        with db.engine.connect() as conn:
            tables = set(db.inspect(conn).get_table_names()) - {"alembic_version"}
        assert tables == set()
        db.engine.dispose()
