"""The coördinator pages' forms: review queue, monitoring filter, totals (R-8.1)."""
from __future__ import annotations

from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import NumberRange

from caseflow.services.opvolging import SOORTEN
from caseflow.web.fields import (
    Form,
    GetalField,
    VersieField,
    geen_html,
    keuzes,
    lengte,
    optioneel,
    verplicht,
)


class BeoordelingForm(Form):
    dossier_id = HiddenField()
    soort = HiddenField()
    object_type = HiddenField()
    object_id = HiddenField()
    vervaldatum = HiddenField()
    opmerking = TextAreaField("Opmerking", validators=[optioneel(), lengte(2000), geen_html])
    beoordeeld = BooleanField("Markeren als beoordeeld")


def _id(waarde):
    return int(waarde) if waarde not in (None, "") else None


class OpvolgingFilterForm(Form):
    """Which overdue items the review queue shows (a GET form: no CSRF token)."""
    class Meta:
        csrf = False

    soort = SelectField("Soort", choices=keuzes([("", "Alle soorten"), *SOORTEN.items()]),
                        default="", validate_choice=True)
    organisatie = SelectField("Organisatie", coerce=_id, validate_choice=True)
    hulpverlener = StringField("Hulpverlener", validators=[optioneel(), lengte(100)])

    def __init__(self, *a, organisaties=(), **kw):
        super().__init__(*a, **kw)
        self.organisatie.choices = keuzes([(None, "Alle organisaties")] +
                                          [(o.id, o.naam) for o in organisaties])


class HerverdeelForm(Form):
    version_id = VersieField()
    hulpverlener_id = SelectField("Andere hulpverlener", coerce=int,
                                  validators=[verplicht("Kies een hulpverlener.")])


class FilterForm(Form):
    class Meta:
        csrf = False
        locales = ["nl_BE", "nl"]

    jaar = GetalField("Jaar", validators=[optioneel(), NumberRange(
        min=2020, max=2100, message="Geef een jaar van 2020 tot 2100.")])
    kwartaal = SelectField("Kwartaal", choices=keuzes(
        [("", "Heel het jaar"), ("1", "K1"), ("2", "K2"), ("3", "K3"), ("4", "K4")]),
        default="", validate_choice=True)
    wm = SelectField("Woonmaatschappij", coerce=lambda v: int(v) if v else None,
                     validate_choice=False)
    zone = SelectField("Zone", coerce=lambda v: int(v) if v else None, validate_choice=False)


class TotaalForm(Form):
    jaar = GetalField("Jaar", validators=[verplicht(), NumberRange(
        min=2020, max=2100, message="Geef een jaar van 2020 tot 2100.")])
    kwartaal = SelectField("Kwartaal", choices=keuzes(
        [("1", "K1"), ("2", "K2"), ("3", "K3"), ("4", "K4")]), coerce=int, validate_choice=True,
        validators=[verplicht()])
    aantal = GetalField("Alle toewijzingen in dat kwartaal (alle pijlers)", validators=[
        verplicht(), NumberRange(min=0, max=100000, message="Geef een aantal van 0 of meer.")])
