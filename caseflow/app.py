"""The pieces create_app puts together."""
from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, flash, g, redirect, render_template, request, session, url_for
from flask_login import current_user, logout_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter
from werkzeug.serving import WSGIRequestHandler

from caseflow import cli
from caseflow.errors import BuitenBereik, Conflict, NietGevonden, NietToegestaan
from caseflow.extensions import csrf, db, login_manager, migrate
from caseflow.models.base import MAX_ID
from caseflow.rules import tweestaps
from caseflow.services import audit, auth
from caseflow.web import filters
from caseflow.web.auth.views import SESSIE, veilige_next
from caseflow.web.auth.views import bp as auth_bp
from caseflow.web.beheer.views import bp as beheer_bp
from caseflow.web.coordinatie.views import bp as coordinatie_bp
from caseflow.web.dossiers.views import bp as dossiers_bp
from caseflow.web.instellingen.views import bp as instellingen_bp
from caseflow.web.main.views import bp as main_bp
from caseflow.web.simulatie.views import bp as simulatie_bp
from caseflow.web.woningen.views import bp as woningen_bp


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    """SQLite for a web server with several workers plus the scheduler: foreign keys on; WAL,
    so readers never wait for the one writer; synchronous NORMAL, which in WAL mode keeps the
    database consistent through any crash and loses at most the last transactions on a power
    cut (FULL would sync every commit, halving write throughput); a writer waits up to 5 s
    for the lock (our transactions are short: the arrears import commits per 500 rows)
    instead of failing at once."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Meld u aan om verder te gaan."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(user_id: str):
        """The user of a session that is still open on the server (logged out, a new password
        or past SESSION_MAX_HOURS: anonymous, whatever the cookie says)."""
        if not user_id.isdigit() or int(user_id) > MAX_ID:
            return None
        return auth.sessie_gebruiker(int(user_id), session.get(SESSIE),
                                     app.config["SESSION_MAX_AGE"])

    filters.register(app)


class IdConverter(IntegerConverter):
    """`<int:…>` in every URL: a number beyond what the database holds is a 404, not a 500."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def _sqlite_alleen_voor_de_app(uri: str) -> None:
    """The SQLite file (and so its -wal and -shm, which SQLite creates with the file's mode)
    is readable by the app's user only: it holds people's income and health."""
    url = make_url(uri)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return
    pad = Path(url.database)
    pad.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(pad, os.O_CREAT | os.O_WRONLY, 0o600))
    pad.chmod(0o600)


def _server_zonder_versie() -> None:
    """The development server names no Werkzeug or Python version (gunicorn names none)."""
    WSGIRequestHandler.version_string = lambda _self: "Caseflow"


# What a user who must still set up two factors may reach meanwhile.
ZONDER_TWEESTAPS = {"auth.tweestaps_account", "auth.logout", "static"}


def tweestaps_verplicht():
    """A coördinator or beheerder without two factors (a session from before they were
    required) sets them up before anything else (rules.tweestaps)."""
    if (current_user.is_authenticated and not current_user.totp_geheim
            and tweestaps.verplicht(current_user.rol)
            and request.endpoint not in ZONDER_TWEESTAPS):
        return redirect(url_for("auth.tweestaps_account"))
    return None


def register_security(app: Flask) -> None:
    app.url_map.converters["int"] = IdConverter
    _sqlite_alleen_voor_de_app(app.config["SQLALCHEMY_DATABASE_URI"])
    _server_zonder_versie()
    proxies = int(app.config.get("TRUSTED_PROXIES", 0))
    if proxies:
        # Behind the TLS proxy the README prescribes: "from where" is the client the proxy
        # saw, and only the configured number of proxies is believed (X-Forwarded-For).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

    @app.before_request
    def client_adres():
        """The audit's "from where" for everything this request does (I-9.2)."""
        g.audit_adres = audit.ADRES.set(request.remote_addr or "onbekend")

    @app.teardown_request
    def client_adres_weg(_e=None):
        token = g.pop("audit_adres", None)
        if token is not None:
            audit.ADRES.reset(token)

    @app.before_request
    def idle_timeout():
        """Log out after SESSION_IDLE_TIMEOUT without a request (I-9.2)."""
        if not current_user.is_authenticated:
            return None
        now = datetime.now(timezone.utc).timestamp()
        last = session.get("laatst_actief")
        if last is not None and now - last > app.config["SESSION_IDLE_TIMEOUT"].total_seconds():
            auth.afmelden(current_user, session.get(SESSIE))  # ends it on the server too
            logout_user()
            session.clear()
            flash("Uw sessie is verlopen na een periode zonder activiteit. Meld u opnieuw aan.",
                  "info")
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        session.permanent = True
        session["laatst_actief"] = now
        return None

    app.before_request(tweestaps_verplicht)

    @app.after_request
    def security_headers(response):
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if app.config.get("SESSION_COOKIE_SECURE"):  # served over HTTPS (production)
            response.headers.setdefault("Strict-Transport-Security",
                                        "max-age=31536000; includeSubDomains")
        if current_user.is_authenticated:
            response.headers.setdefault("Cache-Control", "no-store")
        return response


def register_blueprints(app: Flask) -> None:
    for bp in (auth_bp, main_bp, dossiers_bp, beheer_bp, woningen_bp, instellingen_bp,
               simulatie_bp, coordinatie_bp):
        app.register_blueprint(bp)


def register_commands(app: Flask) -> None:
    cli.register(app)


def _terug() -> str:
    """The back link of an error page: the page asked for (GET), else the page the form was on
    if it is ours, else the dossier the request was about, else the start page."""
    if request.method == "GET":
        return request.full_path.rstrip("?")
    pad = veilige_next(urlsplit(request.referrer or "").path)
    if pad:
        return pad
    dossier_id = (request.view_args or {}).get("dossier_id")
    return url_for("dossiers.detail", dossier_id=dossier_id) if dossier_id else \
        url_for("main.index")


def _vergrendeld(e: OperationalError) -> bool:
    """SQLite's "database is locked" or PostgreSQL's serialization and lock failures."""
    tekst = str(e.orig).lower() if e.orig is not None else ""
    return "database is locked" in tekst or getattr(e.orig, "sqlstate", None) in (
        "40001", "40P01", "55P03")


def _audit_geweigerd(code: int, e: Exception) -> None:
    """I-9.2: an attempt on a dossier outside scope, or an action refused, leaves a trace."""
    if not current_user.is_authenticated:
        return
    if isinstance(e, BuitenBereik):
        audit.log(current_user, "dossier_buiten_bereik", gevraagd=e.dossier_id,
                  methode=request.method, pad=request.path[:200])
    elif code == 403:
        audit.log(current_user, "toegang_geweigerd", methode=request.method,
                  pad=request.path[:200])
    else:
        return
    db.session.commit()


# Every error page: its title and message in Dutch, by status code.
FOUTEN = {
    400: ("Ongeldige aanvraag", "De aanvraag kon niet verwerkt worden."),
    403: ("Geen toegang", "U hebt geen toegang tot deze pagina of deze actie."),
    404: ("Niet gevonden", "Deze pagina of dit dossier bestaat niet, of u hebt er geen "
          "toegang toe."),
    405: ("Niet toegestaan", "Deze actie is op deze manier niet toegestaan."),
    413: ("Bestand te groot", "Het bestand is groter dan toegestaan (2 MB)."),
    500: ("Er ging iets mis", "Er liep iets mis aan onze kant. Er werd niets half opgeslagen; "
          "probeer het opnieuw of meld het aan de beheerder."),
}


def foutpagina(code: int, e: Exception | None = None, titel: str | None = None,
               boodschap: str | None = None, conflict: Conflict | None = None):
    """The one error page: nothing half-saved (rollback), refusals audited, a back link."""
    db.session.rollback()
    if code in (403, 404):
        _audit_geweigerd(code, e)
    standaard = FOUTEN.get(code, ("Fout", getattr(e, "description", "") or ""))
    return render_template("main/fout.html", code=code, titel=titel or standaard[0],
                           boodschap=boodschap or standaard[1], conflict=conflict,
                           terug=_terug() if request.method != "GET" or conflict else None), code


def register_errorhandlers(app: Flask) -> None:
    """Domain errors and HTTP errors become the same page, by status code."""
    app.register_error_handler(NietGevonden, lambda e: foutpagina(404, e))
    app.register_error_handler(NietToegestaan, lambda e: foutpagina(403, e))

    @app.errorhandler(CSRFError)
    def csrf_error(e):
        return foutpagina(400, e, "Formulier verlopen", "Het formulier was verlopen of "
                          "onvolledig. Ga terug, herlaad de pagina en probeer opnieuw.")

    @app.errorhandler(Conflict)
    def conflict(e: Conflict):
        return foutpagina(409, e, "Intussen door iemand anders gewijzigd", conflict=e)

    @app.errorhandler(StaleDataError)
    def gelijktijdig(_e):
        """The losing side of two saves at the same moment: the conflict page, nothing saved."""
        return conflict(Conflict("Iemand anders bewaarde dit op hetzelfde moment."))

    @app.errorhandler(OperationalError)
    def vergrendeld(e: OperationalError):
        if not _vergrendeld(e):
            return server_error(e)
        return conflict(Conflict("Iemand anders bewaarde op hetzelfde moment; er werd niets "
                                 "bewaard."))

    @app.errorhandler(HTTPException)
    def http_error(e: HTTPException):
        return foutpagina(e.code, e)

    @app.errorhandler(Exception)
    def server_error(e: Exception):
        app.logger.exception("Onverwachte fout", exc_info=e)
        return foutpagina(500, e)
