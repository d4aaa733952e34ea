"""The instellingen pages' forms."""
from __future__ import annotations

from wtforms import HiddenField, TextAreaField

from caseflow.web.fields import (
    BevestigMixin,
    DatumField,
    Form,
    geen_html,
    lengte,
    optioneel,
    verplicht,
)


class VersieForm(BevestigMixin, Form):
    """A new version of one setting: its effective date and why; the values themselves are the
    fields of its table (`w-<path>`), read by rules.instellingen.opbouw."""

    ingangsdatum = DatumField("Geldig vanaf", validators=[verplicht()])
    waarde = HiddenField()  # where a rule over the whole table (valideer) reports
    toelichting = TextAreaField("Toelichting (bv. indexering van 1 maart)", validators=[
        optioneel(), lengte(1000), geen_html])
