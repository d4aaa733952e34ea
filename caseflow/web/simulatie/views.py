"""The impact simulation of the wegingskader (R-8.3) for coördinatoren: upload, table, chart."""
from functools import cache

from flask import Blueprint, render_template
from flask_login import current_user, login_required
from flask_wtf.file import FileField, FileRequired
from wtforms.validators import NumberRange

from caseflow import access, clock
from caseflow.rules.wegingskader import OngeldigeInvoer
from caseflow.services import attesten, audit, kandidatenlijst, wegingskader
from caseflow.extensions import db
from caseflow.web.fields import DatumField, Form, GetalField, verplicht

bp = Blueprint("simulatie", __name__, url_prefix="/simulatie")


class SimulatieForm(Form):
    bestand = FileField("Wachtlijst (CSV)", validators=[FileRequired("Kies een CSV-bestand.")])
    start = DatumField("Start", validators=[verplicht()])
    maanden = GetalField("Aantal maanden", default=12, validators=[
        verplicht(), NumberRange(min=1, max=120, message="Geef 1 tot 120 maanden.")])
    woningen_per_maand = GetalField("Woningen per maand", default=10, validators=[
        verplicht(), NumberRange(min=0, max=1000, message="Geef 0 tot 1000 woningen.")])


@bp.route("/", methods=["GET", "POST"])
@login_required
def pagina():
    access.require(current_user, "simulatie")
    form = SimulatieForm()
    resultaat = None
    if form.validate_on_submit():
        try:
            tekst = form.bestand.data.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            form.bestand.errors.append("Het bestand is geen UTF-8-tekst.")
        else:
            regio = wegingskader.regio()
            try:
                kandidaten = kandidatenlijst.lees(tekst, regio, attest_verplicht=True)
                sim = kandidatenlijst.simuleer(
                    kandidaten, form.start.data, form.maanden.data, form.woningen_per_maand.data,
                    cache(wegingskader.limieten), regio,
                    geldigheid=cache(attesten.geldigheid_maanden))
            except kandidatenlijst.OngeldigBestand as e:
                form.bestand.errors.extend(e.fouten[:50])
            except OngeldigeInvoer as e:
                form.start.errors.append(str(e))
            else:
                resultaat = sim.als_dict()
                audit.log(current_user, "simulatie_uitgevoerd", kandidaten=sim.kandidaten,
                          maanden=form.maanden.data)
                db.session.commit()
    if not form.is_submitted():
        form.start.data = clock.vandaag()
    return render_template("simulatie/pagina.html", form=form, r=resultaat), \
        422 if form.errors else 200
