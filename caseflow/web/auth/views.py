import time
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from caseflow.errors import Ongeldig
from caseflow.rules import tweestaps as tweestaps_regels
from caseflow.rules.aanmelden import sleutel_hash
from caseflow.rules.tweestaps import WACHTTIJD
from caseflow.services import account, auth, tweestaps
from caseflow.web.auth.forms import (
    CodeForm,
    HerstelForm,
    LoginForm,
    NieuwWachtwoordForm,
    WachtwoordWijzigenForm,
)
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
            return _instellen_pagina(form, gebruiker, session[GEHEIM]), 429
        except Ongeldig as e:
            toon_fouten(form, e.fouten)
        else:
            volgende = session[WACHTEND]["volgende"]
            _verder(aanmelding, volgende)
            return render_template("auth/herstelcodes.html", codes=codes,
                                   verder=volgende or url_for("main.index"))
    return _instellen_pagina(form, gebruiker, session[GEHEIM]), 422 if form.errors else 200


def _instellen_pagina(form, gebruiker, geheim: str) -> str:
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


# --- one's own account (ASVS 2.1.6, 3.3) -------------------------------------------------------

@bp.route("/account", methods=["GET", "POST"])
@login_required
def account_pagina():
    """Change the password; see and end the open sessions."""
    form = WachtwoordWijzigenForm()
    if form.validate_on_submit():
        try:
            account.wachtwoord_wijzigen(current_user, form.huidig.data, form.nieuw.data,
                                        form.herhaling.data, session.get(SESSIE))
        except Ongeldig as e:
            toon_fouten(form, e.fouten)
        else:
            flash("Uw wachtwoord is gewijzigd. Op uw andere toestellen bent u afgemeld.",
                  "succes")
            return redirect(url_for("auth.account_pagina"))
    eigen = sleutel_hash(session.get(SESSIE) or "")
    return render_template("auth/account.html", form=form, eigen=eigen,
                           sessies=account.sessies(current_user),
                           herstelcodes=tweestaps.resterende_herstelcodes(current_user),
                           verplicht=tweestaps_regels.verplicht(current_user.rol)), \
        422 if form.errors else 200


@bp.route("/account/sessies/<int:sessie_id>/beeindigen", methods=["POST"])
@login_required
def sessie_beeindigen(sessie_id: int):
    account.sessie_beeindigen(current_user, sessie_id)
    flash("De sessie is beëindigd: dat toestel moet opnieuw aanmelden.", "succes")
    return redirect(url_for("auth.account_pagina"))


@bp.route("/account/sessies/andere-beeindigen", methods=["POST"])
@login_required
def andere_sessies_beeindigen():
    aantal = account.andere_sessies_beeindigen(current_user, session.get(SESSIE))
    flash(f"U bent afgemeld op {aantal} ander{'e' if aantal != 1 else ''} "
          f"toestel{'len' if aantal != 1 else ''}.", "succes")
    return redirect(url_for("auth.account_pagina"))


@bp.route("/account/tweestaps", methods=["GET", "POST"])
@login_required
def tweestaps_account():
    """Switch two factors on: scan the QR code, confirm with the app's first code."""
    if current_user.totp_geheim:
        return redirect(url_for("auth.account_pagina"))
    geheim = session.setdefault(GEHEIM, tweestaps.nieuw_geheim())
    form = CodeForm()
    if form.validate_on_submit():
        try:
            sleutel, codes = auth.tweestaps_aanzetten(current_user, geheim, form.code.data,
                                                      session.get(SESSIE),
                                                      request.user_agent.string)
        except Ongeldig as e:
            toon_fouten(form, e.fouten)
        else:
            session.pop(GEHEIM, None)
            session[SESSIE] = sleutel
            return render_template("auth/herstelcodes.html", codes=codes,
                                   verder=url_for("auth.account_pagina"))
    return _instellen_pagina(form, current_user, geheim), 422 if form.errors else 200


@bp.route("/account/tweestaps/herstelcodes", methods=["POST"])
@login_required
def herstelcodes():
    try:
        codes = tweestaps.herstelcodes_vernieuwen(current_user, request.form.get("wachtwoord"))
    except Ongeldig as e:
        flash(next(iter(e.fouten.values())), "fout")
        return redirect(url_for("auth.account_pagina"))
    return render_template("auth/herstelcodes.html", codes=codes,
                           verder=url_for("auth.account_pagina"))


@bp.route("/account/tweestaps/uitschakelen", methods=["POST"])
@login_required
def tweestaps_uitschakelen():
    try:
        tweestaps.uitschakelen(current_user, request.form.get("wachtwoord"))
    except Ongeldig as e:
        flash(next(iter(e.fouten.values())), "fout")
    else:
        flash("Tweestapsverificatie staat uit.", "succes")
    return redirect(url_for("auth.account_pagina"))


# --- links by e-mail (ASVS 2.5) ----------------------------------------------------------------

HERSTEL_ANTWOORD = ("Als er een actief account bij dit e-mailadres hoort, krijgt het binnen enkele "
                    "minuten een e-mail met een link om een nieuw wachtwoord te kiezen. Niets "
                    "ontvangen? Kijk bij uw ongewenste e-mail of vraag het uw beheerder.")
LINK = "wachtwoordlink"  # the link's token, kept in the session so it leaves the address bar


@bp.route("/wachtwoord-vergeten", methods=["GET", "POST"])
def wachtwoord_vergeten():
    form = HerstelForm()
    if form.validate_on_submit():
        account.herstel_aanvragen(form.email.data)
        flash(HERSTEL_ANTWOORD, "info")  # the same answer whether the account exists or not
        return redirect(url_for("auth.login"))
    return render_template("auth/wachtwoord_vergeten.html", form=form), \
        422 if form.errors else 200


@bp.route("/wachtwoord/<token>")
def wachtwoord_link(token: str):
    """The link from the mail: its token moves into the session (out of the address bar, the
    browser's history and any Referer) and the page to choose the password opens."""
    session[LINK] = token[:100]
    return redirect(url_for("auth.wachtwoord_kiezen"))


@bp.route("/wachtwoord/kiezen", methods=["GET", "POST"])
def wachtwoord_kiezen():
    token = session.get(LINK) or ""
    gebruiker = account.link_gebruiker(token)
    if gebruiker is None:
        return render_template("auth/link_ongeldig.html"), 410
    form = NieuwWachtwoordForm()
    if form.validate_on_submit():
        try:
            account.wachtwoord_via_link(token, form.nieuw.data, form.herhaling.data)
        except Ongeldig as e:
            toon_fouten(form, e.fouten)
        else:
            logout_user()
            session.clear()
            flash("Uw wachtwoord is ingesteld. Meld u aan met uw nieuwe wachtwoord.", "succes")
            return redirect(url_for("auth.login"))
    return render_template("auth/wachtwoord_kiezen.html", form=form, gebruiker=gebruiker), \
        422 if form.errors else 200
