from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from caseflow import access, clock
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
