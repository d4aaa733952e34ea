from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import NumberRange

from caseflow.web.fields import (
    BevestigMixin,
    DatumField,
    Form,
    GetalField,
    VersieField,
    geen_html,
    gemeente_keuzes,
    lengte,
    verplicht,
)


class WoningForm(BevestigMixin, Form):
    gemeente_id = SelectField("Gemeente", coerce=int, validators=[verplicht()])
    adres = StringField("Adres", validators=[verplicht(), lengte(200), geen_html])
    slaapkamers = GetalField("Slaapkamers", validators=[
        verplicht(), NumberRange(min=0, max=10, message="Geef een aantal tussen 0 en 10.")])
    beschikbaar_vanaf = DatumField("Beschikbaar vanaf", validators=[verplicht()])

    def __init__(self, woonmaatschappij, *a, **kw):
        super().__init__(*a, **kw)
        self.gemeente_id.choices = gemeente_keuzes(woonmaatschappij_id=woonmaatschappij.id)

    def gegevens(self) -> dict:
        return {"gemeente_id": self.gemeente_id.data, "adres": self.adres.data.strip(),
                "slaapkamers": self.slaapkamers.data,
                "beschikbaar_vanaf": self.beschikbaar_vanaf.data}


class BeslisForm(Form):
    version_id = VersieField()


class WeigerForm(BeslisForm):
    reden = TextAreaField("Reden van weigering", validators=[
        verplicht("Geef de reden van de weigering."), lengte(1000), geen_html])


class ImportForm(Form):
    bestand = FileField("CSV uit de huuradministratie (dossier, bedrag, maanden, datum)",
                        validators=[FileRequired("Kies een CSV-bestand.")])
