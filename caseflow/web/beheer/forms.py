from wtforms import BooleanField, EmailField, SelectField, StringField
from wtforms.validators import Email

from caseflow.models.gebruiker import ROLLEN
from caseflow.models.organisatie import SECTOREN, SOORTEN, woonmaatschappijen
from caseflow.services import beheer
from caseflow.web.fields import (
    DatumField,
    Form,
    VersieField,
    geen_html,
    keuzes,
    lengte,
    optioneel,
    verplicht,
)


def _none_int(value):
    return int(value) if value not in (None, "", "None") else None


class OrganisatieForm(Form):
    version_id = VersieField()
    naam = StringField("Naam", validators=[verplicht(), lengte(120), geen_html])
    soort = SelectField("Soort", choices=keuzes(list(SOORTEN.items())), validators=[verplicht()])
    sector = SelectField("Sector (welzijnsorganisatie)",
                         choices=keuzes([("", "–"), *SECTOREN.items()]),
                         validators=[optioneel()])
    afkorting = StringField("Afkorting", validators=[optioneel(), lengte(20), geen_html])
    gemeente_id = SelectField("Gemeente (bv. van het OCMW)", coerce=_none_int,
                              validators=[optioneel()])
    actief = BooleanField("Actief", default=True)

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.gemeente_id.choices = keuzes([(None, "–")] + [(g.id, g.naam)
                                                         for g in beheer.gemeenten()])

    def gegevens(self) -> dict:
        return {"naam": self.naam.data.strip(), "soort": self.soort.data,
                "sector": self.sector.data or None,
                "afkorting": (self.afkorting.data or "").strip() or None,
                "gemeente_id": self.gemeente_id.data, "actief": self.actief.data}


class OvereenkomstForm(Form):
    woonmaatschappij_id = SelectField("Woonmaatschappij", coerce=int, validators=[verplicht()])
    startdatum = DatumField("Startdatum", validators=[verplicht()])
    einddatum = DatumField("Einddatum (leeg: onbepaald)", validators=[optioneel()])

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.woonmaatschappij_id.choices = keuzes([(o.id, o.naam) for o in woonmaatschappijen()])

    def gegevens(self) -> dict:
        return {"woonmaatschappij_id": self.woonmaatschappij_id.data,
                "startdatum": self.startdatum.data, "einddatum": self.einddatum.data}


class GemeenteForm(Form):
    version_id = VersieField()
    zone_id = SelectField("Werkingsgebied (woonmaatschappij – zone)", coerce=_none_int,
                          validators=[optioneel()])
    in_arrondissement = BooleanField("Ligt in het arrondissement Turnhout")

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.zone_id.choices = keuzes([(None, "– geen –")] + [(z.id, z.label)
                                                             for z in beheer.zones()])


class GebruikerForm(Form):
    version_id = VersieField()
    naam = StringField("Naam", validators=[verplicht(), lengte(120), geen_html])
    email = EmailField("E-mailadres (login)", validators=[
        verplicht(), lengte(254), Email(message="Geef een geldig e-mailadres.")])
    rol = SelectField("Rol", choices=keuzes(list(ROLLEN.items())), validators=[verplicht()])
    organisatie_id = SelectField("Organisatie", coerce=int, validators=[verplicht()])
    actief = BooleanField("Actief", default=True)

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.organisatie_id.choices = keuzes(
            [(o.id, o.naam) for o in sorted(beheer.organisaties(), key=lambda o: o.naam)])

    def gegevens(self) -> dict:
        return {"naam": self.naam.data.strip(), "email": self.email.data,
                "rol": self.rol.data, "organisatie_id": self.organisatie_id.data,
                "actief": self.actief.data}
