"""Logging in: the password, then the code of the authenticator app (or its set-up), and
logging out. One's own account is in account.py, on the same blueprint."""
import time
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from caseflow.errors import Ongeldig
from caseflow.rules import tweestaps as tweestaps_regels
from caseflow.rules.tweestaps import WACHTTIJD
from caseflow.services import auth, tweestaps
from caseflow.web.auth.forms import CodeForm, LoginForm
from caseflow.web.fields import toon_fouten

bp = Blueprint("auth", __name__)

SESSIE = "sessie"  # the key of the server-side session in the signed cookie
WACHTEND = "wachtend"  # who gave the right password and is asked the code next
GEHEIM = "nieuw_geheim"  # a two-factor secret being set up, until the app's code confirms it


def veilige_next(target: str | None) -> str | None:
    """Only a local path: a `next` with a scheme or host is refused (open redirect)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") \
            or "\\" in target:
        return None
    return target


@bp.route("/aanmelden", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            aangemeld = auth.aanmelden(form.email.data, form.wachtwoord.data,
                                       request.user_agent.string)
        except auth.Geblokkeerd as e:
            form.wachtwoord.errors.append(str(e))
            return render_template("auth/login.html", form=form), 429
        if aangemeld is None:
            form.wachtwoord.errors.append("E-mailadres of wachtwoord is niet juist, of uw "
                                          "account is niet actief.")
        else:
            return _verder(aangemeld, veilige_next(request.args.get("next")))
    return render_template("auth/login.html", form=form), 200 if not form.errors else 422


def _verder(aanmelding: auth.Aanmelding, volgende: str | None):
    """After a step of the login: logged in on a new session (the cookie starts afresh: ASVS
    3.2.1), or on to the code or the set-up of two factors, remembering who and until when."""
    session.clear()
    if aanmelding.stap == "klaar":
        session[SESSIE] = aanmelding.sleutel
        login_user(aanmelding.gebruiker)
        return redirect(volgende or url_for("main.index"))
    session[WACHTEND] = {"id": aanmelding.gebruiker.id, "volgende": volgende,
                         "tot": time.time() + WACHTTIJD.total_seconds()}
    if aanmelding.stap == "instellen":
        session[GEHEIM] = tweestaps.nieuw_geheim()
        return redirect(url_for("auth.tweestaps_bij_aanmelden"))
    return redirect(url_for("auth.code"))


def _wachtend() -> int | None:
    """Whose password was right, a few minutes ago, in this browser (not logged in yet)."""
    wachtend = session.get(WACHTEND)
    if current_user.is_authenticated:
        return None
    if not wachtend or wachtend["tot"] < time.time():
        return None
    return wachtend["id"]


def _opnieuw():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    session.clear()
    flash("Meld u opnieuw aan: de code werd niet op tijd ingevuld.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/aanmelden/code", methods=["GET", "POST"])
def code():
    """The second step: the code of the authenticator app, or a recovery code."""
    if (gebruiker_id := _wachtend()) is None:
        return _opnieuw()
    form = CodeForm()
    if form.validate_on_submit():
        try:
            aanmelding = auth.code_controleren(gebruiker_id, form.code.data,
                                               request.user_agent.string)
        except auth.Geblokkeerd as e:
            form.code.errors.append(str(e))
            return render_template("auth/code.html", form=form), 429
        if aanmelding is not None:
            return _verder(aanmelding, session[WACHTEND]["volgende"])
        form.code.errors.append(tweestaps.FOUTE_CODE)
    return render_template("auth/code.html", form=form), 422 if form.errors else 200


@bp.route("/aanmelden/tweestaps", methods=["GET", "POST"])
def tweestaps_bij_aanmelden():
    """A coördinator or beheerder without two factors sets them up before going further."""
    if (gebruiker_id := _wachtend()) is None or GEHEIM not in session:
        return _opnieuw()
    gebruiker = auth.wachtende_gebruiker(gebruiker_id)
    form = CodeForm()
    if form.validate_on_submit():
        try:
            aanmelding, codes = auth.tweestaps_instellen(
                gebruiker_id, session[GEHEIM], form.code.data, request.user_agent.string)
        except auth.Geblokkeerd as e:
            form.code.errors.append(str(e))
            return instellen_pagina(form, gebruiker, session[GEHEIM]), 429
        except Ongeldig as e:
            toon_fouten(form, e.fouten)
        else:
            volgende = session[WACHTEND]["volgende"]
            _verder(aanmelding, volgende)
            return render_template("auth/herstelcodes.html", codes=codes,
                                   verder=volgende or url_for("main.index"))
    return instellen_pagina(form, gebruiker, session[GEHEIM]), 422 if form.errors else 200


def instellen_pagina(form, gebruiker, geheim: str) -> str:
    uri, qr = tweestaps.koppeling(gebruiker, geheim)
    return render_template("auth/tweestaps_instellen.html", form=form, qr=qr, uri=uri,
                           geheim=geheim, gebruiker=gebruiker,
                           verplicht=tweestaps_regels.verplicht(gebruiker.rol))


@bp.route("/afmelden", methods=["POST"])
@login_required
def logout():
    auth.afmelden(current_user, session.get(SESSIE))
    logout_user()
    session.clear()
    flash("U bent afgemeld.", "info")
    return redirect(url_for("auth.login"))


from caseflow.web.auth import account as _eigen_account  # noqa: E402, F401 (its routes)
