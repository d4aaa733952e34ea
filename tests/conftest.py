"""Fixtures after flaskr's conftest: an app with its own database per test, client, login.

Integration tests run on SQLite and on PostgreSQL (127.0.0.1:5432). With CI=true an unreachable
PostgreSQL fails the run; without CI those tests are skipped with a message.
"""
from __future__ import annotations

import os
import shutil
import uuid

import pytest
from flask.testing import FlaskClient
from sqlalchemy import text

from caseflow import create_app
from caseflow.extensions import db
from caseflow.models import Organisatie
from caseflow.services import referentie
from tests.builders import org, overeenkomst, user

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


pytest_plugins = ["tests.smtp"]  # the `smtp` fixture: a real SMTP server


def _pg_url(name: str) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def _pg_admin(sql: str) -> None:
    import psycopg

    url = PG_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url, autocommit=True, connect_timeout=3) as conn:
        conn.execute(sql)


def postgres_or_skip() -> None:
    try:
        _pg_admin("SELECT 1")
    except Exception as e:  # noqa: BLE001 - any connection failure means unavailable
        if IN_CI:
            pytest.fail(f"PostgreSQL op 127.0.0.1:5432 is niet bereikbaar in CI: {e}")
        pytest.skip(f"PostgreSQL niet bereikbaar ({e}); de PostgreSQL-tests worden overgeslagen")


@pytest.fixture(scope="session")
def pg_database():
    """A database of the suite's own on the PostgreSQL server, dropped at the end."""
    postgres_or_skip()
    name = f"caseflow_test_{uuid.uuid4().hex[:10]}"
    _pg_admin(f'CREATE DATABASE "{name}"')
    yield _pg_url(name)
    _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_schema(pg_database, tmp_path_factory):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": pg_database,
                      "INSTANCE_PATH": str(tmp_path_factory.mktemp("pg-instance"))})
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    return pg_database


def make_app(uri: str, instance: str, **extra):
    return create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": uri,
        "INSTANCE_PATH": instance,
        "WTF_CSRF_ENABLED": False,
        "SERVER_NAME": "caseflow.test",
        **extra,
    })


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request):
    return request.param


@pytest.fixture
def app_config():
    """Override per test module to change settings (e.g. CSRF on)."""
    return {}


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """The schema and reference data built once; each SQLite test starts from a copy."""
    pad = tmp_path_factory.mktemp("sqlite-template") / "template.sqlite"
    app = make_app(f"sqlite:///{pad}", str(pad.parent / "instance"))
    with app.app_context():
        db.create_all()
        referentie.laad()
        db.session.remove()
        db.engine.dispose()  # the last connection closes: WAL checkpointed into the file
    return pad


@pytest.fixture
def app(backend, request, tmp_path, app_config):
    if backend == "postgresql":
        uri = request.getfixturevalue("pg_schema")
    else:
        shutil.copyfile(request.getfixturevalue("sqlite_template"), tmp_path / "test.sqlite")
        uri = f"sqlite:///{tmp_path / 'test.sqlite'}"
    application = make_app(uri, str(tmp_path / "instance"), **app_config)
    with application.app_context():
        if backend == "postgresql":
            referentie.laad()
        yield application
        db.session.remove()
        if backend == "postgresql":
            tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            with db.engine.begin() as conn:
                conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        db.engine.dispose()


class FreshClient(FlaskClient):
    """Each request in an app context of its own, as in production (own `g`, own session);
    afterwards the test's transaction ends so it reads what the request committed."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.rollback()
        db.session.expire_all()
        return response


@pytest.fixture
def client(app):
    app.test_client_class = FreshClient
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def world(app):
    """Two welfare organisations, the three woonmaatschappijen, and a user per role."""
    from types import SimpleNamespace

    from sqlalchemy import select

    wms = {o.naam: o for o in db.session.scalars(
        select(Organisatie).where(Organisatie.soort == "woonmaatschappij"))}
    caw = org("CAW De Kempen", sector="CAW")
    ocmw = org("OCMW Geel", sector="OCMW")
    regio = org("Welzijnszorg Kempen", "regionaal")
    overeenkomst(caw, wms["Woonboog"])
    overeenkomst(ocmw, wms["LeefGoed"])
    w = SimpleNamespace(
        caw=caw, ocmw=ocmw, regio=regio, woonboog=wms["Woonboog"], leefgoed=wms["LeefGoed"],
        dnk=wms["De Noorderkempen"],
        hv=user("an@caw.demo", "hulpverlener", caw),
        hv2=user("jonas@caw.demo", "hulpverlener", caw),
        hv_ocmw=user("els@ocmw.demo", "hulpverlener", ocmw),
        hb=user("tom@woonboog.demo", "huurbegeleider", wms["Woonboog"]),
        hb_leefgoed=user("nele@leefgoed.demo", "huurbegeleider", wms["LeefGoed"]),
        coord=user("sofie@caw.demo", "coordinator", caw),
        coord_ocmw=user("karin@ocmw.demo", "coordinator", ocmw),
        coord_regio=user("rita@regio.demo", "coordinator", regio),
        beheerder=user("bart@regio.demo", "beheerder", regio),
    )
    return w

