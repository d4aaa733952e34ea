from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from caseflow.services import auth
from caseflow.web.auth.forms import LoginForm

bp = Blueprint("auth", __name__)

SESSIE = "sessie"  # the key of the server-side session in the signed cookie


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
            aangemeld = auth.aanmelden(form.email.data, form.wachtwoord.data)
        except auth.Geblokkeerd as e:
            form.wachtwoord.errors.append(str(e))
            return render_template("auth/login.html", form=form), 429
        if aangemeld is None:
            form.wachtwoord.errors.append("E-mailadres of wachtwoord is niet juist, of uw "
                                          "account is niet actief.")
        else:
            user, sleutel = aangemeld
            session.clear()
            session[SESSIE] = sleutel
            login_user(user)
            return redirect(veilige_next(request.args.get("next")) or url_for("main.index"))
    return render_template("auth/login.html", form=form), 200 if not form.errors else 422


@bp.route("/afmelden", methods=["POST"])
@login_required
def logout():
    auth.afmelden(current_user, session.get(SESSIE))
    logout_user()
    session.clear()
    flash("U bent afgemeld.", "info")
    return redirect(url_for("auth.login"))
