import json

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from wtforms import SelectField, TextAreaField
from wtforms.validators import ValidationError

from markupsafe import Markup

from caseflow import access, clock
from caseflow.rules.monitoring import Periode
from caseflow.services import monitoring
from caseflow.rules.instellingen import SLEUTELS
from caseflow.services import instellingen as service
from caseflow.services.errors import Ongeldig
from workflows import diagram
from caseflow.web.fields import (BevestigMixin, DatumField, Form, geen_html, keuzes, lengte,
                                 optioneel, toon_fouten, verplicht)

bp = Blueprint("instellingen", __name__, url_prefix="/instellingen")


class InstellingForm(BevestigMixin, Form):
    sleutel = SelectField("Instelling", choices=keuzes(SLEUTELS.items()), validators=[verplicht()])
    ingangsdatum = DatumField("Geldig vanaf", validators=[verplicht()])
    waarde = TextAreaField("Waarde (JSON, zoals de huidige versie)", validators=[
        verplicht(), lengte(4000)])
    toelichting = TextAreaField("Toelichting (bv. indexering van 1 maart)", validators=[
        optioneel(), lengte(1000), geen_html])

    def validate_waarde(self, field):
        try:
            self.json = json.loads(field.data)
        except ValueError:
            raise ValidationError("Dit is geen geldige JSON; neem de huidige versie als "
                                  "voorbeeld.") from None


@bp.route("/", methods=["GET", "POST"])
@login_required
def overzicht():
    """The rules in force with their effective dates; a beheerder adds new versions."""
    access.require(current_user, "instellingen.bekijken")
    mag_wijzigen = access.may(current_user, "instellingen.wijzigen")
    form = InstellingForm()
    if mag_wijzigen and form.validate_on_submit():
        try:
            service.toevoegen(current_user, form.sleutel.data, form.ingangsdatum.data, form.json,
                              (form.toelichting.data or "").strip() or None,
                              bevestigd=form.bevestigd.data)
        except Ongeldig as e:
            toon_fouten(form, e)
        else:
            flash("De nieuwe versie is bewaard.", "succes")
            return redirect(url_for("instellingen.overzicht"))
    return render_template("instellingen/overzicht.html", per_sleutel=service.overzicht(
        current_user), labels=SLEUTELS, form=form if mag_wijzigen else None,
        quota=monitoring.quota(monitoring.Filter(Periode(clock.vandaag().year))).rijen,
        workflows=[(naam, Markup(diagram.svg(wf)), diagram.rijen(wf))
                   for naam, wf in diagram.alle().items()],
        dumps=lambda w: json.dumps(w, ensure_ascii=False)), 422 if form.errors else 200
