"""The main pages' forms."""
from __future__ import annotations

from wtforms import SelectField

from caseflow.models.gebruiker import MELDING_VOORKEUREN
from caseflow.web.fields import Form, keuzes, verplicht


class VoorkeurForm(Form):
    melding_voorkeur = SelectField("Meldingen per e-mail",
                                   choices=keuzes(list(MELDING_VOORKEUREN.items())),
                                   validators=[verplicht("Kies hoe u meldingen ontvangt.")],
                                   validate_choice=True)
