"""A real server on a free localhost port with demo data, and Debian's chromium via Playwright."""
from __future__ import annotations

import shutil
import threading

import pytest
from werkzeug.serving import make_server

from caseflow import create_app
from caseflow.extensions import db
from tests.conftest import IN_CI

DEMO_WACHTWOORD = "Kempen-demo-2026"
CHROMIUM_ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


LIVE: dict = {}  # the live server's app, for the two-factor code of a demo user


def demo_code(email: str) -> str:
    """The demo key's current code (rules.tweestaps), as the authenticator app shows it. The
    suite logs one user in several times within a 30-second step, so the step the last code
    used is forgotten first (a real app shows each code once)."""
    import pyotp
    from sqlalchemy import update

    from caseflow.models import Gebruiker
    from caseflow.services import demo

    with LIVE["app"].app_context():
        tabel = Gebruiker.__table__
        db.session.execute(update(tabel).where(tabel.c.email == email)
                           .values(totp_laatste_stap=None))
        db.session.commit()
        db.session.remove()
    return pyotp.TOTP(demo.TWEESTAPS_GEHEIM).now()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    from flask_migrate import upgrade

    from caseflow.services import demo, referentie

    tmp = tmp_path_factory.mktemp("e2e")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'e2e.sqlite'}",
                      "INSTANCE_PATH": str(tmp / "instance")})
    with app.app_context():
        upgrade()
        referentie.laad()
        demo.laad(DEMO_WACHTWOORD)
        db.session.remove()
    LIVE["app"] = app
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        message = "chromium ontbreekt (Debian-pakket 'chromium'); browsertests overgeslagen"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, tmp_path):
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    yield pg
    context.close()
