"""Login, logout, CSRF, idle timeout and safe redirects. CSRF stays on here."""
import re
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from caseflow.extensions import db
from caseflow.models import AuditEvent, Gebruiker
from tests.builders import WACHTWOORD


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True, "SESSION_IDLE_TIMEOUT": timedelta(minutes=30)}


def token(client, url="/aanmelden") -> str:
    page = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)


def do_login(client, email, wachtwoord=WACHTWOORD, url="/aanmelden"):
    return client.post(url, data={"email": email, "wachtwoord": wachtwoord,
                                  "csrf_token": token(client)})


def test_login_and_logout_by_post(client, world):
    response = do_login(client, world.hv.email.upper())
    assert response.status_code == 302
    assert client.get("/dossiers/").status_code == 200
    assert client.get("/afmelden").status_code == 405  # logout is a POST
    csrf = token(client, "/dossiers/")
    response = client.post("/afmelden", data={"csrf_token": csrf})
    assert response.status_code == 302
    assert client.get("/dossiers/").status_code == 302


def test_wrong_password_gives_a_dutch_message_and_is_audited_without_the_password(client, world):
    response = do_login(client, world.hv.email, "fout-wachtwoord")
    assert response.status_code == 422
    assert "E-mailadres of wachtwoord is niet juist" in response.get_data(as_text=True)
    events = db.session.scalars(select(AuditEvent).where(
        AuditEvent.actie == "aanmelding_mislukt")).all()
    assert len(events) == 1 and "fout-wachtwoord" not in str(events[0].details)


def test_inactive_user_cannot_log_in(client, world):
    world.hv.actief = False
    db.session.commit()
    assert do_login(client, world.hv.email).status_code == 422


def test_password_is_hashed_with_a_current_algorithm(app, world):
    g = db.session.get(Gebruiker, world.hv.id)
    assert WACHTWOORD not in g.wachtwoord_hash
    assert g.wachtwoord_hash.startswith(("scrypt:", "pbkdf2:sha256:"))


def test_post_without_csrf_token_is_refused_with_a_dutch_page(client, world):
    do_login(client, world.hv.email)
    response = client.post("/afmelden")
    assert response.status_code == 400
    assert "Formulier verlopen" in response.get_data(as_text=True)
    response = client.post("/dossiers/nieuw", data={"voornaam": "X"})
    assert response.status_code == 400


def test_workflow_buttons_carry_csrf(client, world):
    from tests.builders import new_dossier

    d = new_dossier(world.hv, world.woonboog)
    do_login(client, world.hv.email)
    page = client.get(f"/dossiers/{d.id}").get_data(as_text=True)
    forms = re.findall(r'<form method="post".*?</form>', page, flags=re.S)
    assert len(forms) >= 3  # logout, attest voorbereiden, afsluiten
    assert all(re.search(r'name="([\w-]+-)?csrf_token" type="hidden" value="[^"]+"', f)
               or re.search(r'type="hidden" name="csrf_token" value="[^"]+"', f) for f in forms)


def test_workflow_button_post_with_its_token_passes_csrf(client, world):
    from tests.builders import new_dossier

    d = new_dossier(world.hv, world.woonboog)
    do_login(client, world.hv.email)
    page = client.get(f"/dossiers/{d.id}").get_data(as_text=True)
    csrf = re.search(r'name="attest_voorbereiden-csrf_token" type="hidden" value="([^"]+)"',
                     page).group(1)
    response = client.post(f"/dossiers/{d.id}/actie/attest_voorbereiden", data={
        "attest_voorbereiden-csrf_token": csrf,
        "attest_voorbereiden-version_id": str(d.version_id)})
    assert response.status_code == 302


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil",
                                    "javascript:alert(1)"])
def test_next_with_a_host_is_refused(client, world, target):
    response = do_login(client, world.hv.email, url=f"/aanmelden?next={target}")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_next_with_a_local_path_is_followed(client, world):
    response = do_login(client, world.hv.email, url="/aanmelden?next=/dossiers/?status=attest")
    assert response.headers["Location"] == "/dossiers/?status=attest"


def test_idle_timeout_logs_out_after_30_minutes(client, world):
    with time_machine.travel("2026-11-27 09:00 +0100", tick=False) as traveller:
        do_login(client, world.hv.email)
        assert client.get("/dossiers/").status_code == 200
        traveller.shift(timedelta(minutes=29))
        assert client.get("/dossiers/").status_code == 200  # activity renews the 30 minutes
        traveller.shift(timedelta(minutes=31))
        response = client.get("/dossiers/")
        assert response.status_code == 302 and "/aanmelden" in response.headers["Location"]
        assert client.get("/dossiers/").status_code == 302


def test_cookie_flags_and_security_headers(client, world):
    response = do_login(client, world.hv.email)
    cookie = response.headers.get("Set-Cookie")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = client.get("/dossiers/")
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["Cache-Control"] == "no-store"


def test_hsts_only_where_the_app_is_served_over_https(tmp_path):
    """ASVS 14.4.5: behind TLS the browser is told to come back over HTTPS only."""
    from tests.conftest import make_app

    uri = f"sqlite:///{tmp_path / 'hsts.sqlite'}"
    https = make_app(uri, str(tmp_path), SESSION_COOKIE_SECURE=True).test_client()
    assert https.get("/aanmelden").headers["Strict-Transport-Security"].startswith(
        "max-age=31536000")
    http = make_app(uri, str(tmp_path), SESSION_COOKIE_SECURE=False).test_client()
    assert "Strict-Transport-Security" not in http.get("/aanmelden").headers


def test_production_requires_secret_key_and_secure_cookies(monkeypatch, tmp_path):
    from caseflow import config

    monkeypatch.setenv("CASEFLOW_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(config.ConfigError):
        config.load(str(tmp_path))
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    assert config.load(str(tmp_path))["SESSION_COOKIE_SECURE"] is True


def test_development_keeps_a_generated_secret_key(monkeypatch, tmp_path):
    from caseflow import config

    monkeypatch.delenv("CASEFLOW_ENV", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = config.load(str(tmp_path))["SECRET_KEY"]
    assert len(first) >= 32 and config.load(str(tmp_path))["SECRET_KEY"] == first
