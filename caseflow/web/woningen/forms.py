from sqlalchemy import select
from wtforms import StringField, TextAreaField
from wtforms.validators import NumberRange

from caseflow.extensions import db
from caseflow.models import Gemeente
from caseflow.web.fields import (BevestigMixin, DatumField, Form, GetalField, VersieField,
                                 geen_html, keuzes, lengte, verplicht)
from wtforms import SelectField


class WoningForm(BevestigMixin, Form):
    gemeente_id = SelectField("Gemeente", coerce=int, validators=[verplicht()])
    adres = StringField("Adres", validators=[verplicht(), lengte(200), geen_html])
    slaapkamers = GetalField("Slaapkamers", validators=[
        verplicht(), NumberRange(min=0, max=10, message="Geef een aantal tussen 0 en 10.")])
    beschikbaar_vanaf = DatumField("Beschikbaar vanaf", validators=[verplicht()])

    def __init__(self, woonmaatschappij, *a, **kw):
        super().__init__(*a, **kw)
        self.gemeente_id.choices = keuzes(
            (g.id, g.naam) for g in db.session.scalars(select(Gemeente).order_by(Gemeente.naam))
            if g.woonmaatschappij and g.woonmaatschappij.id == woonmaatschappij.id)

    def gegevens(self) -> dict:
        return {"gemeente_id": self.gemeente_id.data, "adres": self.adres.data.strip(),
                "slaapkamers": self.slaapkamers.data,
                "beschikbaar_vanaf": self.beschikbaar_vanaf.data}


class BeslisForm(Form):
    version_id = VersieField()


class WeigerForm(BeslisForm):
    reden = TextAreaField("Reden van weigering", validators=[
        verplicht("Geef de reden van de weigering."), lengte(1000), geen_html])
