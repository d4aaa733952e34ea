"""The impact simulation of the wegingskader (R-8.3) for coördinatoren: on a woonmaatschappij's
current waiting list or an uploaded file; table, chart, and why candidates were not counted."""
from flask import Blueprint, render_template
from flask_login import current_user, login_required

from caseflow import access, clock
from caseflow.rules.wegingskader import OngeldigeInvoer
from caseflow.services import kandidatenlijst, simulatie
from caseflow.web.fields import als_bestand
from caseflow.web.simulatie.forms import SimulatieForm

bp = Blueprint("simulatie", __name__, url_prefix="/simulatie")


def _wachtlijst(form: SimulatieForm) -> simulatie.Wachtlijst | None:
    """The candidates from Caseflow or from the file; None with an error at the field when
    neither is usable."""
    if form.woonmaatschappij.data:
        return simulatie.van_woonmaatschappij(current_user, form.woonmaatschappij.data,
                                              form.gekozen_naam())
    if not form.bestand.data:
        form.bestand.errors.append("Kies een woonmaatschappij of een CSV-bestand.")
        return None
    try:
        return simulatie.uit_bestand(form.bestand.data.read().decode("utf-8-sig"))
    except UnicodeDecodeError:
        form.bestand.errors.append("Het bestand is geen UTF-8-tekst.")
    except kandidatenlijst.OngeldigBestand as e:
        form.bestand.errors.extend(e.fouten[:50])
    return None


def _simuleer(form: SimulatieForm) -> dict | None:
    lijst = _wachtlijst(form)
    if lijst is None:
        return None
    try:
        return simulatie.simuleren(current_user, lijst, form.start.data, form.maanden.data,
                                   form.woningen_per_maand.data)
    except OngeldigeInvoer as e:
        form.start.errors.append(str(e))
        return None


@bp.route("/", methods=["GET", "POST"])
@login_required
def pagina():
    access.require(current_user, "simulatie")
    form = SimulatieForm(scope=access.woonmaatschappijen_in_scope(current_user))
    resultaat = _simuleer(form) if form.validate_on_submit() else None
    if not form.is_submitted():
        form.start.data = clock.vandaag()
    return render_template("simulatie/pagina.html", form=form, r=resultaat), \
        422 if form.errors else 200


@bp.route("/voorbeeld.csv")
@login_required
def voorbeeld():
    """An example waiting list with every column the simulation reads."""
    access.require(current_user, "simulatie")
    return als_bestand(simulatie.VOORBEELD, "wachtlijst-voorbeeld.csv")
