"""One's own account (ASVS 2.1.6, 2.5, 3.3): the password, two factors, the open sessions, and
the single-use links by e-mail that invite a new user or reset a forgotten password."""
from flask import flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, logout_user

from caseflow import access
from caseflow.errors import NietToegestaan, Ongeldig
from caseflow.rules.aanmelden import sleutel_hash
from caseflow.services import account, auth, tweestaps
from caseflow.web.auth.forms import (
    CodeForm,
    HerstelForm,
    NieuwWachtwoordForm,
    WachtwoordBevestigenForm,
    WachtwoordWijzigenForm,
)
from caseflow.web.auth.views import GEHEIM, SESSIE, bp, instellen_pagina
from caseflow.web.fields import toon_fouten

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
                           herstelcodes=tweestaps.resterende_herstelcodes(current_user)), \
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
    access.require(current_user, "account")
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
    return instellen_pagina(form, current_user, geheim), 422 if form.errors else 200


def _met_wachtwoord(recht: str, actie) -> tuple[bool, object]:
    """Run `actie(user, wachtwoord)` with the password typed to confirm it: (True, its
    result), or (False, None) with the reason flashed (missing, too long, or wrong). The
    policy answers before the form is read."""
    access.require(current_user, recht)
    form = WachtwoordBevestigenForm()
    try:
        if not form.validate_on_submit():
            raise Ongeldig({k: v[0] for k, v in form.errors.items()})
        return True, actie(current_user, form.wachtwoord.data)
    except Ongeldig as e:
        flash(next(iter(e.fouten.values())), "fout")
        return False, None


@bp.route("/account/tweestaps/herstelcodes", methods=["POST"])
@login_required
def herstelcodes():
    gelukt, codes = _met_wachtwoord("account", account.herstelcodes_vernieuwen)
    if not gelukt:
        return redirect(url_for("auth.account_pagina"))
    return render_template("auth/herstelcodes.html", codes=codes,
                           verder=url_for("auth.account_pagina"))


@bp.route("/account/tweestaps/uitschakelen", methods=["POST"])
@login_required
def tweestaps_uitschakelen():
    if _met_wachtwoord("tweestaps.uitschakelen", account.tweestaps_uitschakelen)[0]:
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
        except NietToegestaan:  # spent meanwhile (a second tab): the link's own page
            return render_template("auth/link_ongeldig.html"), 410
        else:
            logout_user()
            session.clear()
            flash("Uw wachtwoord is ingesteld. Meld u aan met uw nieuwe wachtwoord.", "succes")
            return redirect(url_for("auth.login"))
    return render_template("auth/wachtwoord_kiezen.html", form=form, gebruiker=gebruiker), \
        422 if form.errors else 200
