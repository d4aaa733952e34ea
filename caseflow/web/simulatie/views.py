"""The impact simulation of the wegingskader (R-8.3) for coördinatoren: on a woonmaatschappij's
current waiting list or an uploaded file; table, chart, and why candidates were not counted."""
from functools import cache

from flask import Blueprint, render_template
from flask_login import current_user, login_required
from flask_wtf.file import FileField
from wtforms import SelectField
from wtforms.validators import NumberRange

from caseflow import access, clock
from caseflow.extensions import db
from caseflow.models.organisatie import woonmaatschappijen
from caseflow.rules.wegingskader import OngeldigeInvoer
from caseflow.services import attesten, audit, kandidatenlijst, ranking, wegingskader
from caseflow.web.fields import (
    DatumField,
    Form,
    GetalField,
    als_bestand,
    keuzes,
    optioneel,
    verplicht,
)

bp = Blueprint("simulatie", __name__, url_prefix="/simulatie")

VOORBEELD = ("id;woonnood;huishouden;inkomen;begeleiding_gemeente;begeleiding_bereik;kinderen;"
             "cir_datum;attest_datum\r\n"
             "1;opvang;alleenstaande;1250,00;Turnhout;werkingsgebied;0;01/02/2024;15/10/2026\r\n"
             "2;ggz;gezin;1800,00;Geel;gemeente;2;15/06/2023;01/09/2026\r\n"
             "3;familie_vrienden;alleenstaande;1600,00;Mol;arrondissement;0;01/01/2025;"
             "20/11/2026\r\n")


class SimulatieForm(Form):
    woonmaatschappij = SelectField("Wachtlijst", coerce=lambda v: int(v) if v else None,
                                   validators=[optioneel()])
    bestand = FileField("of een wachtlijst als CSV-bestand")
    start = DatumField("Start", validators=[verplicht()])
    maanden = GetalField("Aantal maanden", default=12, validators=[
        verplicht(), NumberRange(min=1, max=120, message="Geef 1 tot 120 maanden.")])
    woningen_per_maand = GetalField("Woningen per maand", default=10, validators=[
        verplicht(), NumberRange(min=0, max=1000, message="Geef 0 tot 1000 woningen.")])

    def __init__(self, *a, scope=None, **kw):
        """`scope`: the woonmaatschappijen whose candidates the user may see (None: all)."""
        super().__init__(*a, **kw)
        self.woonmaatschappij.choices = keuzes(
            [(None, "Een CSV-bestand (hieronder)")] +
            [(o.id, f"Huidige kandidaten van {o.naam}") for o in woonmaatschappijen()
             if scope is None or o.id in scope])


def _kandidaten(form, regio):
    """The candidates and their labels, from Caseflow or from the file; None with an error
    at the field when neither is usable."""
    if form.woonmaatschappij.data:
        kandidaten, nummers = ranking.wachtlijst(current_user, form.woonmaatschappij.data)
        return kandidaten, nummers
    if not form.bestand.data:
        form.bestand.errors.append("Kies een woonmaatschappij of een CSV-bestand.")
        return None, {}
    try:
        tekst = form.bestand.data.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        form.bestand.errors.append("Het bestand is geen UTF-8-tekst.")
        return None, {}
    try:
        return kandidatenlijst.lees(tekst, regio, attest_verplicht=True), {}
    except kandidatenlijst.OngeldigBestand as e:
        form.bestand.errors.extend(e.fouten[:50])
        return None, {}


def _simuleer(form):
    regio = wegingskader.regio()
    kandidaten, nummers = _kandidaten(form, regio)
    if kandidaten is None:
        return None
    wm = next((c.label.removeprefix("Huidige kandidaten van ")
               for c in form.woonmaatschappij.choices if form.woonmaatschappij.data
               and str(c.value) == str(form.woonmaatschappij.data)), None)
    try:
        sim = kandidatenlijst.simuleer(
            kandidaten, form.start.data, form.maanden.data, form.woningen_per_maand.data,
            cache(wegingskader.limieten), regio, geldigheid=cache(attesten.geldigheid_maanden),
            woonmaatschappij=wm)
    except OngeldigeInvoer as e:
        form.start.errors.append(str(e))
        return None
    resultaat = sim.als_dict()
    resultaat["voorbeelden"] = [(nummers.get(i, i), w) for i, w in sim.voorbeelden]
    audit.log(current_user, "simulatie_uitgevoerd", kandidaten=sim.kandidaten,
              maanden=form.maanden.data, bron="caseflow" if wm else "bestand")
    db.session.commit()
    return resultaat


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
    return als_bestand(VOORBEELD, "wachtlijst-voorbeeld.csv")
