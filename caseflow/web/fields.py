"""Form building blocks shared by the blueprints: Dutch messages, Belgian number input."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from flask import Response
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import BooleanField, DateField, DecimalField, HiddenField, IntegerField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, StopValidation, ValidationError
from wtforms.widgets import Select, TextInput

from caseflow.errors import Bevestigen
from caseflow.formaat import DATUMFORMATEN
from caseflow.models.base import MAX_ID
from caseflow.rules import datums
from caseflow.services import beheer

HTML = re.compile(r"[<>]")


class KiesSelect(Select):
    """A required select starts empty ("– kies –"), never on its first option by accident;
    a value the form was given (a default, the stored value) stays selected."""

    def __call__(self, field, **kwargs):
        html = super().__call__(field, **kwargs)
        if not any(isinstance(v, Verplicht) for v in field.validators) or \
                any(c[0] in ("", None) for c in field.iter_choices()):
            return html
        gekozen = "" if any(c[2] for c in field.iter_choices()) else " selected"
        kop, rest = html.split(">", 1)
        return Markup(f'{kop}><option value=""{gekozen}>– kies –</option>{rest}')

    @classmethod
    def render_option(cls, choice, **kwargs):
        """WTForms' option, written as one string (a filter of 80 gemeenten renders on every
        caseload page); the same HTML, attributes in WTForms' (alphabetical) order."""
        if kwargs or choice.render_kw or isinstance(choice.value, bool):
            return super().render_option(choice, **kwargs)
        gekozen = " selected" if choice.selected else ""
        return (f'<option{gekozen} value="{escape(choice.value)}">'
                f'{escape(choice.label or choice.value)}</option>')


class Form(FlaskForm):
    class Meta:
        locales = ["nl_BE", "nl"]

        def bind_field(self, form, unbound_field, options):
            if issubclass(unbound_field.field_class, SelectField) and \
                    "widget" not in unbound_field.kwargs:
                options = {**options, "widget": KiesSelect()}
            return unbound_field.bind(form=form, **options)


def geen_html(_form, field) -> None:
    if field.data and isinstance(field.data, str) and HTML.search(field.data):
        raise ValidationError("Gebruik geen < of > (geen HTML).")


class Verplicht(InputRequired):
    """InputRequired that also refuses an input of only spaces."""

    def __call__(self, form, field):
        if not field.raw_data or not str(field.raw_data[0]).strip():
            field.errors[:] = []
            raise StopValidation(self.message)


def verplicht(message: str = "Dit veld is verplicht."):
    return Verplicht(message=message)


def lengte(maximum: int, minimum: int = -1):
    if minimum > 0:
        return Length(min=minimum, max=maximum,
                      message=f"Gebruik tussen {minimum} en {maximum} tekens.")
    return Length(max=maximum, message=f"Gebruik hoogstens {maximum} tekens.")


def optioneel():
    return Optional()


class BevestigMixin:
    """A box to confirm an unusual value (services.errors.Bevestigen); shown only when the
    service asked."""

    bevestigd = BooleanField("Ja, dit klopt")

    def vraagt_bevestiging(self) -> bool:
        return bool(getattr(self, "_bevestigen", False) or self.bevestigd.data)


def toon_fouten(form, fouten: dict[str, str]) -> None:
    """Show a service's rule violations at the fields they concern; a question to confirm
    (Bevestigen) also shows the box to confirm it."""
    if isinstance(fouten, Bevestigen):
        form._bevestigen = True
        fouten = fouten.fouten
    elif hasattr(fouten, "fouten"):
        fouten = fouten.fouten
    for veld, tekst in fouten.items():
        getattr(form, veld).errors = [*getattr(form, veld).errors, tekst]


def keuzes(pairs) -> list[SelectChoice]:
    """Select options from (value, label) pairs; None is the empty option ("")."""
    return [SelectChoice("" if value is None else value, label) for value, label in pairs]


class BedragField(DecimalField):
    """Accepts 1379.13, 1379,13 and 1.379,13 as Belgians type them (a text input: a number
    input would refuse the comma)."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kw):
        kw.setdefault("render_kw", {"inputmode": "decimal", "autocomplete": "off"})
        super().__init__(label, validators, **kw)

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        raw = valuelist[0].strip().replace("€", "").replace(" ", "")
        if "," in raw:
            raw = raw.replace(".", "").replace(",", ".")
        try:
            self.data = Decimal(raw)
        except InvalidOperation:
            self.data = None
            raise ValueError("Geef een bedrag in euro, bv. 1379,13.") from None
        if not self.data.is_finite() or self.data.as_tuple().exponent < -2:
            self.data = None
            raise ValueError("Geef een bedrag met hoogstens 2 cijfers na de komma.")


class DatumField(DateField):
    """A date typed as 2026-11-27 (the browser's date input) or 27/11/2026."""

    def __init__(self, label=None, validators=None, **kw):
        super().__init__(label, validators, format=list(DATUMFORMATEN),
                         invalid_value_message="Geef een geldige datum, bv. 27/11/2026.", **kw)

    def process_formdata(self, valuelist):
        if not valuelist or not "".join(valuelist).strip():
            self.data = None
            return
        super().process_formdata([v.strip() for v in valuelist])
        if self.data is not None:
            try:
                datums.plausibel(self.data)
            except ValueError:
                self.data = None
                raise

    def _value(self):
        if self.raw_data:
            return " ".join(self.raw_data)
        return self.data.strftime("%Y-%m-%d") if self.data else ""


class GetalField(IntegerField):
    """A whole number that fits the database (a form sets its own NumberRange within it)."""

    def __init__(self, label=None, validators=None, **kw):
        super().__init__(label, validators, invalid_value_message="Geef een geheel getal.", **kw)

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        super().process_formdata([valuelist[0].strip()])
        if self.data is not None and abs(self.data) > MAX_ID:
            self.data = None
            raise ValueError("Dit getal is te groot.")


def als_id(raw: str | None) -> int | None:
    """A number a URL or form carries (an id, a version, a page): a positive whole number in
    the database's range, or None. Never an overflow at the database."""
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() and len(raw) <= 10 and int(raw) <= MAX_ID else None


def paginanummer(args) -> int:
    """The page a list is asked for (?pagina=); 1 when absent or no page number."""
    return max(1, als_id(args.get("pagina")) or 1)


class VersieField(HiddenField):
    """The version_id the form was loaded with (optimistic locking); anything but a number in
    the database's range is no version (a conflict)."""

    def process_formdata(self, valuelist):
        self.data = als_id(valuelist[0] if valuelist else None)


CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def als_bestand(inhoud: bytes | str, bestand: str, mimetype: str = CSV):
    """A file to save: CSV text gets the BOM that spreadsheets need to read UTF-8."""
    if isinstance(inhoud, str):
        inhoud = ("\ufeff" + inhoud).encode("utf-8")
    return Response(inhoud, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{bestand}"'})


def gemeente_keuzes(leeg: str | None = None, woonmaatschappij_id: int | None = None):
    """The gemeenten as select options, alphabetical; an empty first option when `leeg` names
    it; only those of a woonmaatschappij's area when given (R-1.4)."""
    return keuzes(([(None, leeg)] if leeg else []) + beheer.gemeente_namen(woonmaatschappij_id))
