from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from caseflow import access, clock
from caseflow.services import inbox
from caseflow.services import start as service
from caseflow.web.main.forms import VoorkeurForm

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


@bp.route("/meldingen", methods=["GET", "POST"])
@login_required
def meldingen():
    """The inbox, and how this user wants to hear of new notifications."""
    form = VoorkeurForm(obj=current_user)
    if form.validate_on_submit():
        inbox.voorkeur(current_user, form.melding_voorkeur.data)
        flash("Uw voorkeur voor meldingen is bewaard.", "succes")
        return redirect(url_for("main.meldingen"))
    return render_template("main/meldingen.html", meldingen=inbox.lijst(current_user),
                           form=form), 422 if form.errors else 200


@bp.route("/meldingen/<int:notificatie_id>/gelezen", methods=["POST"])
@login_required
def gelezen(notificatie_id: int):
    n = inbox.gelezen(current_user, notificatie_id)
    return redirect(n.link if n.link.startswith("/") and not n.link.startswith("//")
                    else url_for("main.meldingen"))


@bp.app_context_processor
def ongelezen_meldingen():
    if current_user.is_authenticated:
        return {"ongelezen_meldingen": inbox.ongelezen(current_user)}
    return {}
