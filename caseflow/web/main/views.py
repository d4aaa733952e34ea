from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from caseflow import access, clock
from caseflow.services import inbox
from caseflow.services import start as service

bp = Blueprint("main", __name__)


@bp.route("/")
@login_required
def index():
    if current_user.rol == "beheerder":
        return redirect(url_for("beheer.organisaties"))
    return redirect(url_for("main.start"))


@bp.route("/start")
@login_required
def start():
    access.require(current_user, "caseload")
    return render_template("main/start.html", vandaag=clock.vandaag(),
                           **service.overzicht(current_user))


@bp.route("/meldingen")
@login_required
def meldingen():
    return render_template("main/meldingen.html", meldingen=inbox.lijst(current_user))


@bp.route("/meldingen/<int:notificatie_id>/gelezen", methods=["POST"])
@login_required
def gelezen(notificatie_id: int):
    n = inbox.gelezen(current_user, notificatie_id)
    return redirect(n.link if n.link.startswith("/") and not n.link.startswith("//")
                    else url_for("main.meldingen"))


@bp.app_context_processor
def ongelezen_meldingen():
    from flask_login import current_user as gebruiker

    if gebruiker.is_authenticated:
        return {"ongelezen_meldingen": inbox.ongelezen(gebruiker)}
    return {}
