"""The simulation's form (R-8.3)."""
from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import SelectField
from wtforms.validators import NumberRange

from caseflow.models.organisatie import woonmaatschappijen
from caseflow.web.fields import DatumField, Form, GetalField, keuzes, optioneel, verplicht


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

    def gekozen_naam(self) -> str | None:
        """The name of the chosen woonmaatschappij, if one was chosen."""
        return next((c.label.removeprefix("Huidige kandidaten van ")
                     for c in self.woonmaatschappij.choices if self.woonmaatschappij.data
                     and str(c.value) == str(self.woonmaatschappij.data)), None)
