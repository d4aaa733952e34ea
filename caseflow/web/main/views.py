from flask import Blueprint, redirect, url_for
from flask_login import current_user, login_required

bp = Blueprint("main", __name__)


@bp.route("/")
@login_required
def index():
    if current_user.rol == "beheerder":
        return redirect(url_for("beheer.organisaties"))
    return redirect(url_for("dossiers.caseload"))
