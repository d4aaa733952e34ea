from wtforms import BooleanField, EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import Email, NumberRange, Regexp, ValidationError

from caseflow import clock
from caseflow.models.casusoverleg import REDENEN as OVERLEG_REDENEN
from caseflow.models.organisatie import woonmaatschappijen
from caseflow.models.privacy import ZICHTBAARHEID
from caseflow.models.signaal import ESCALATIESTAPPEN
from caseflow.rules.attest import BEREIK_LABELS, OCMW_VERIFICATIE, PRIVEMARKT
from caseflow.rules.dossier import AFSLUITREDENEN
from caseflow.rules.rechten import SOORTEN as RECHT_SOORTEN
from caseflow.rules.rechten import UITKOMSTEN as RECHT_UITKOMSTEN
from caseflow.rules.regio import DOELGROEPEN
from caseflow.rules.rijksregister import OngeldigRijksregisternummer, geboortedatum, normalise
from caseflow.rules.signaal import SOORTEN as SIGNAAL_SOORTEN
from caseflow.rules.wegingskader import HUISHOUDENS, WOONNOOD
from caseflow.web.fields import (
    BedragField,
    DatumField,
    Form,
    GetalField,
    VersieField,
    geen_html,
    gemeente_keuzes,
    keuzes,
    lengte,
    optioneel,
    verplicht,
)
from workflows.dossier import STATES


def _int_of_none(value):
    return int(value) if value not in (None, "", "None") else None


def rijksregisternummer_geldig(form, field):
    try:
        digits = normalise(field.data or "")
    except OngeldigRijksregisternummer as e:
        raise ValidationError(str(e)) from None
    gebdat = form.geboortedatum.data
    encoded = geboortedatum(digits)
    if gebdat and encoded and encoded != gebdat:
        raise ValidationError("Het rijksregisternummer past niet bij de geboortedatum.")


def niet_in_toekomst(_form, field):
    if field.data and field.data > clock.vandaag():
        raise ValidationError("Deze datum ligt in de toekomst.")


def na_1900(_form, field):
    if field.data and field.data.year < 1900:
        raise ValidationError("Deze datum ligt te ver in het verleden.")


class DossierForm(Form):
    version_id = VersieField()
    voornaam = StringField("Voornaam", validators=[verplicht(), lengte(100), geen_html])
    achternaam = StringField("Achternaam", validators=[verplicht(), lengte(100), geen_html])
    geboortedatum = DatumField("Geboortedatum", validators=[verplicht(), niet_in_toekomst,
                                                             na_1900])
    rijksregisternummer = StringField(
        "Rijksregisternummer", description="11 cijfers, bv. 85.07.30-033.28",
        validators=[verplicht(), lengte(20), rijksregisternummer_geldig])
    telefoon = StringField("Telefoon", validators=[optioneel(), lengte(30), Regexp(
        r"^\+?[0-9 ./()-]{6,30}$", message="Geef een geldig telefoonnummer.")])
    email = EmailField("E-mailadres", validators=[optioneel(), lengte(254), Email(
        message="Geef een geldig e-mailadres.")])
    adres = StringField("Huidig adres", validators=[optioneel(), lengte(200), geen_html])
    huishouden = SelectField("Huishouden", choices=keuzes(list(HUISHOUDENS.items())),
                             validators=[verplicht()],
                             validate_choice=True)
    aantal_kinderen = GetalField("Aantal kinderen ten laste", default=0, validators=[
        verplicht(), NumberRange(min=0, max=30, message="Geef een aantal tussen 0 en 30.")])
    gemeente_id = SelectField("Gemeente (woonplaats)", coerce=int, validators=[verplicht()])
    cir_inschrijvingsdatum = DatumField("CIR-inschrijvingsdatum", validators=[
        optioneel(), niet_in_toekomst, na_1900])
    cir_nummer = StringField("CIR-nummer", validators=[optioneel(), lengte(30), geen_html])
    woonnood = SelectField("Actuele woonnood (R-4.1)", validators=[verplicht()], choices=keuzes([
        (w.code, f"{w.groep}: {w.omschrijving}") for w in WOONNOOD]))
    inkomen = BedragField("Beschikbaar maandinkomen van het huishouden", validators=[
        verplicht(), NumberRange(min=0, max=100000,
                                 message="Geef een bedrag tussen € 0 en € 100.000.")])
    pijler = SelectField("Pijler", coerce=int, validators=[verplicht()],
                         choices=keuzes([(2, "Pijler 2: versnelde toewijzing"),
                                  (3, "Pijler 3: specifieke doelgroep")]))
    woonmaatschappij_id = SelectField("Woonmaatschappij", coerce=int, validators=[verplicht()])

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.gemeente_id.choices = gemeente_keuzes()
        self.woonmaatschappij_id.choices = keuzes([(o.id, o.naam) for o in woonmaatschappijen()])

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        datum, nummer = self.cir_inschrijvingsdatum, self.cir_nummer
        if not datum.errors and not nummer.errors and bool(datum.data) != bool(
                (nummer.data or "").strip()):
            leeg = nummer if datum.data else datum
            leeg.errors.append("Vul de CIR-inschrijvingsdatum en het CIR-nummer samen in.")
            return False
        return ok

    def gegevens(self) -> dict:
        return {
            "voornaam": self.voornaam.data.strip(),
            "achternaam": self.achternaam.data.strip(),
            "geboortedatum": self.geboortedatum.data,
            "rijksregisternummer": self.rijksregisternummer.data,
            "telefoon": (self.telefoon.data or "").strip() or None,
            "email": (self.email.data or "").strip().lower() or None,
            "adres": (self.adres.data or "").strip() or None,
            "huishouden": self.huishouden.data,
            "aantal_kinderen": self.aantal_kinderen.data,
            "gemeente_id": self.gemeente_id.data,
            "cir_inschrijvingsdatum": self.cir_inschrijvingsdatum.data,
            "cir_nummer": (self.cir_nummer.data or "").strip() or None,
            "woonnood": self.woonnood.data,
            "inkomen": self.inkomen.data,
            "pijler": self.pijler.data,
            "woonmaatschappij_id": self.woonmaatschappij_id.data,
        }


class ActieForm(Form):
    version_id = VersieField()
    toelichting = TextAreaField("Toelichting", validators=[optioneel(), lengte(2000), geen_html])


class DatumActieForm(ActieForm):
    datum = DatumField("Datum", validators=[verplicht("Vul de datum in.")])


class AfsluitForm(ActieForm):
    reden = SelectField("Reden", choices=keuzes([("", "– kies een reden –"),
                                          *AFSLUITREDENEN.items()]),
                        validators=[verplicht("Kies een reden.")])

    def validate_reden(self, field):
        if field.data not in AFSLUITREDENEN:
            raise ValidationError("Kies een reden uit de lijst.")

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.reden.data == "andere" and not (self.toelichting.data or "").strip():
            self.toelichting.errors.append("Geef een toelichting bij 'andere reden'.")
            return False
        return ok


JA_NEE = keuzes([("", "onbekend"), ("ja", "ja"), ("nee", "nee")])


class AfsluitMetToewijzingForm(AfsluitForm):
    """Closing after a toewijzing records the woonbehoud that monitoring reports."""

    woonbehoud_1_jaar = SelectField("Nog gehuisvest 1 jaar na de toewijzing?", choices=JA_NEE,
                                    validators=[optioneel()])
    woonbehoud_2_jaar = SelectField("Nog gehuisvest 2 jaar na de toewijzing?", choices=JA_NEE,
                                    validators=[optioneel()])

    def gegevens(self) -> dict:
        return {k: {"ja": True, "nee": False}.get(getattr(self, k).data)
                for k in ("woonbehoud_1_jaar", "woonbehoud_2_jaar")}


class HeropenForm(ActieForm):
    toelichting = TextAreaField("Waarom heropenen?", validators=[
        verplicht("Geef aan waarom het dossier heropend wordt."), lengte(2000), geen_html])


DATUM_LABELS = {
    "attest_uitreiken": "Datum uitreiking",
    "toewijzen": "Datum toewijzing",
    "begeleiding_starten": "Startdatum overeenkomst",
    "begeleiding_beeindigen": "Einddatum overeenkomst",
}


class ToewijzingForm(DatumActieForm):
    gemeente_id = SelectField("Gemeente van de woning", coerce=_int_of_none,
                              validators=[verplicht("Kies de gemeente van de woning.")])
    adres = StringField("Adres van de woning", validators=[
        verplicht("Vul het adres van de woning in."), lengte(200), geen_html])
    doelgroep = SelectField("Doelgroep (pijler 3)", validators=[optioneel()],
                            choices=keuzes([("", "– geen (pijler 2) –"), *DOELGROEPEN.items()]))
    hf_fallback = BooleanField("Housing First-woning aan een doorstromer: geen Housing "
                               "First-begeleiding beschikbaar (R-5.2)")
    quotum_afwijking = TextAreaField("Reden van afwijking als het quotum volzet is "
                                     "(enkel coördinator, R-5.3)",
                                     validators=[optioneel(), lengte(1000), geen_html])

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.gemeente_id.choices = gemeente_keuzes("– kies –")

    def gegevens(self) -> dict:
        return {"gemeente_id": self.gemeente_id.data, "adres": self.adres.data,
                "doelgroep": self.doelgroep.data or None, "hf_fallback": self.hf_fallback.data,
                "quotum_afwijking": self.quotum_afwijking.data}


def actie_form(trigger: str, dossier=None, **kw) -> ActieForm:
    """The form an action needs: a date, a reason, or only a remark."""
    if trigger == "afsluiten" and dossier is not None and dossier.toewijzing is not None:
        return AfsluitMetToewijzingForm(prefix=trigger, **kw)
    if trigger == "toewijzen":
        form = ToewijzingForm(prefix=trigger, **kw)
        form.datum.label.text = DATUM_LABELS[trigger]
        return form
    if trigger == "afsluiten":
        return AfsluitForm(prefix=trigger, **kw)
    if trigger == "heropenen":
        return HeropenForm(prefix=trigger, **kw)
    if trigger in DATUM_LABELS:
        form = DatumActieForm(prefix=trigger, **kw)
        form.datum.label.text = DATUM_LABELS[trigger]
        return form
    return ActieForm(prefix=trigger, **kw)


class FilterForm(Form):
    """The caseload's filters (GET): open dossiers first by default."""

    class Meta:
        csrf = False

    status = SelectField("Fase", choices=keuzes([("open", "Open dossiers"), ("", "Alle fasen"),
                                                  *STATES.items()]),
                         default="open", validators=[optioneel()])
    zoek = StringField("Zoek op naam, dossier- of rijksregisternummer",
                       validators=[optioneel(), lengte(100)])
    pijler = SelectField("Pijler", coerce=_int_of_none, validators=[optioneel()],
                         choices=keuzes([(None, "Alle pijlers"), (2, "Pijler 2"),
                                         (3, "Pijler 3")]))
    gemeente = SelectField("Gemeente", coerce=_int_of_none, validators=[optioneel()])
    woonmaatschappij = SelectField("Woonmaatschappij", coerce=_int_of_none,
                                   validators=[optioneel()])
    organisatie = SelectField("Organisatie", coerce=_int_of_none, validators=[optioneel()])
    hulpverlener = StringField("Hulpverlener", validators=[optioneel(), lengte(100)])

    def __init__(self, *args, organisaties=(), **kw):
        super().__init__(*args, **kw)
        self.gemeente.choices = gemeente_keuzes("Alle gemeenten")
        self.woonmaatschappij.choices = keuzes([(None, "Alle woonmaatschappijen")] + [
            (o.id, o.naam) for o in woonmaatschappijen()])
        self.organisatie.choices = keuzes([(None, "Alle organisaties")] + [
            (o.id, o.naam) for o in organisaties])


class AttestForm(Form):
    """R-3.2: what the attest states. Required only when issuing; a concept may be partial."""

    version_id = VersieField()
    bevoegd_ocmw_gemeente_id = SelectField("Bevoegd OCMW (gemeente)", coerce=_int_of_none,
                                           validators=[optioneel()])
    ocmw_verificatie = SelectField("Verificatie bevoegd OCMW", validators=[optioneel()],
                                   choices=keuzes([("", "– kies –"), *OCMW_VERIFICATIE.items()]))
    privemarkt = SelectField("Private huurmarkt (laatste 3 maanden)", validators=[optioneel()],
                             choices=keuzes([("", "– kies –"), *PRIVEMARKT.items()]))
    privemarkt_motivering = TextAreaField("Motivering", validators=[optioneel(), lengte(2000),
                                                                    geen_html])
    doorstroomklaar = BooleanField("De persoon is doorstroomklaar (R-3.2.3)")
    engagement_2_jaar = BooleanField(
        "Wij engageren ons om samen met de huurbegeleiding van de woonmaatschappij te "
        "begeleiden wanneer het wonen dreigt mis te lopen, op vraag van de woonmaatschappij, "
        "tot 2 jaar na de toewijzing (R-3.2.4)")
    begeleiding_bereik = SelectField(
        "Begeleiding kan worden aangeboden in", validators=[optioneel()],
        choices=keuzes([("", "– kies –"), *BEREIK_LABELS.items()]))
    datum = DatumField("Datum uitreiking", validators=[optioneel()])

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.bevoegd_ocmw_gemeente_id.choices = gemeente_keuzes("– kies –")

    def gegevens(self) -> dict:
        return {
            "bevoegd_ocmw_gemeente_id": self.bevoegd_ocmw_gemeente_id.data,
            "ocmw_verificatie": self.ocmw_verificatie.data or None,
            "privemarkt": self.privemarkt.data or None,
            "privemarkt_motivering": (self.privemarkt_motivering.data or "").strip() or None,
            "doorstroomklaar": bool(self.doorstroomklaar.data),
            "engagement_2_jaar": bool(self.engagement_2_jaar.data),
            "begeleiding_bereik": self.begeleiding_bereik.data or None,
        }


class IntrekForm(ActieForm):
    toelichting = TextAreaField("Waarom intrekken?", validators=[
        verplicht("Geef aan waarom het attest wordt ingetrokken."), lengte(500), geen_html])


class KnipperlichtForm(ActieForm):
    toelichting = TextAreaField("Waarom een knipperlicht? (R-6.4)", validators=[
        verplicht("Geef de reden van het knipperlicht."), lengte(2000), geen_html])


class OverlegForm(DatumActieForm):
    toelichting = TextAreaField("Verslag van het overleg", validators=[
        verplicht("Vat het overleg samen."), lengte(4000), geen_html])


class VerslagForm(ActieForm):
    toelichting = TextAreaField("Gemotiveerd sociaal verslag (R-4.7)", validators=[
        verplicht("Schrijf de motivering."), lengte(8000), geen_html])


class BeslissingForm(ActieForm):
    beslissing = SelectField("Beslissing", validators=[verplicht("Kies een beslissing.")],
                             choices=keuzes([("", "– kies –"), ("goedkeuren", "Goedkeuren"),
                                             ("afwijzen", "Afwijzen")]))

    def validate_beslissing(self, field):
        if field.data not in ("goedkeuren", "afwijzen"):
            raise ValidationError("Kies goedkeuren of afwijzen.")


class BOVoorstelForm(DatumActieForm):
    toelichting = TextAreaField("Toelichting", validators=[optioneel(), lengte(2000), geen_html])


class BOWijzigingForm(ActieForm):
    soort = SelectField("Voorstel", validators=[verplicht("Kies verlengen of verkorten.")],
                        choices=keuzes([("", "– kies –"), ("verlengen", "Verlengen"),
                                        ("verkorten", "Verkorten")]))
    nieuwe_einddatum = DatumField("Nieuwe einddatum", validators=[verplicht()])
    toelichting = TextAreaField("Waarom?", validators=[
        verplicht("Geef de reden van het voorstel."), lengte(2000), geen_html])

    def validate_soort(self, field):
        if field.data not in ("verlengen", "verkorten"):
            raise ValidationError("Kies verlengen of verkorten.")


class BOBeslissingForm(ActieForm):
    beslissing = SelectField("Beslissing", validators=[verplicht("Kies een beslissing.")],
                             choices=keuzes([("", "– kies –"), ("aanvaarden", "Aanvaarden"),
                                             ("weigeren", "Weigeren")]))

    def validate_beslissing(self, field):
        if field.data not in ("aanvaarden", "weigeren"):
            raise ValidationError("Kies aanvaarden of weigeren.")


class BOEindeForm(DatumActieForm):
    pass


class Pijler3Form(ActieForm):
    doelgroep = SelectField("Doelgroep (R-5.2)", validators=[verplicht("Kies de doelgroep.")],
                            choices=keuzes([("", "– kies –"), *DOELGROEPEN.items()]))
    dakloos_sinds = DatumField("Dakloos sinds (Housing First)", validators=[optioneel()])
    verslaving = BooleanField("Verslavingsproblematiek (Housing First)")
    psychiatrie = BooleanField("Psychiatrische problematiek (Housing First)")
    verlaat = SelectField("Verlaat (doorstromer)", validators=[optioneel()],
                          choices=keuzes([("", "–"), ("opvang", "een opvang"),
                                          ("instelling", "een instelling")]))
    sector = SelectField("Sector (doorstromer)", validators=[optioneel()],
                         choices=keuzes([("", "–"), ("BJZ", "BJZ"), ("CAW", "CAW"),
                                         ("GGZ", "GGZ"), ("OCMW", "OCMW"), ("VAPH", "VAPH")]))
    kg_screening_op = DatumField("Screening Kind & Gezin op (kansarmoede)",
                                 validators=[optioneel()])
    jongste_kind_geboren = DatumField("Geboortedatum jongste kind (kansarmoede)",
                                      validators=[optioneel()])

    def gegevens(self) -> dict:
        return {"doelgroep": self.doelgroep.data, "dakloos_sinds": self.dakloos_sinds.data,
                "verslaving": bool(self.verslaving.data),
                "psychiatrie": bool(self.psychiatrie.data), "verlaat": self.verlaat.data or None,
                "sector": self.sector.data or None, "kg_screening_op": self.kg_screening_op.data,
                "jongste_kind_geboren": self.jongste_kind_geboren.data}


class AdresForm(ActieForm):
    gemeente_id = SelectField("Gemeente", coerce=_int_of_none,
                              validators=[verplicht("Kies de gemeente.")])
    van = DatumField("Van", validators=[verplicht()])
    tot = DatumField("Tot (leeg: nog steeds)", validators=[optioneel()])

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.gemeente_id.choices = gemeente_keuzes("– kies –")


class SignaalForm(ActieForm):
    soort = SelectField("Soort", validators=[verplicht("Kies het soort signaal.")],
                        choices=keuzes([("", "– kies –"), *SIGNAAL_SOORTEN.items()]))
    bedrag = BedragField("Achterstand in euro (huurachterstand)", validators=[
        optioneel(), NumberRange(min=0, max=100000, message="Geef een bedrag van € 0 of meer.")])
    maanden = GetalField("Maanden huur achterstand", validators=[
        optioneel(), NumberRange(min=0, max=120, message="Geef een aantal van 0 tot 120.")])
    toelichting = TextAreaField("Beschrijving", validators=[
        verplicht("Beschrijf het signaal."), lengte(4000), geen_html])


class SignaalStapForm(ActieForm):
    pass


class EscalatieStapForm(ActieForm):
    stap = SelectField("Stap (I-7.3a)", validators=[verplicht("Kies een stap.")],
                       choices=keuzes([("", "– kies –"), *ESCALATIESTAPPEN.items()]))
    datum = DatumField("Datum", validators=[verplicht()])


class ToestemmingForm(DatumActieForm):
    toelichting = TextAreaField("Wat mag gedeeld worden met de woonmaatschappij?", validators=[
        verplicht("Omschrijf wat de cliënt toestaat te delen."), lengte(2000), geen_html])


class NotitieForm(ActieForm):
    zichtbaarheid = SelectField("Zichtbaarheid", validators=[verplicht()],
                                choices=keuzes(ZICHTBAARHEID.items()))
    toelichting = TextAreaField("Notitie", validators=[
        verplicht("Schrijf de notitie."), lengte(8000), geen_html])


class CasusoverlegForm(DatumActieForm):
    reden = SelectField("Reden", validators=[verplicht("Kies de reden.")],
                        choices=keuzes([("", "– kies –"), *OVERLEG_REDENEN.items()]))
    deelnemers = TextAreaField("Deelnemers (organisaties en personen)", validators=[
        verplicht("Noteer wie deelnam."), lengte(2000), geen_html])
    toelichting = TextAreaField("Gedeelde samenvatting", validators=[
        verplicht("Vat samen wat besproken werd."), lengte(8000), geen_html])
    beslissingen = TextAreaField("Beslissingen", validators=[optioneel(), lengte(4000),
                                                             geen_html])


class ActiepuntForm(ActieForm):
    toelichting = TextAreaField("Actiepunt", validators=[
        verplicht("Omschrijf het actiepunt."), lengte(2000), geen_html])
    eigenaar_id = SelectField("Eigenaar", coerce=_int_of_none,
                              validators=[verplicht("Kies een eigenaar.")])
    vervaldatum = DatumField("Uiterlijk op", validators=[verplicht()])


class RechtsverzoekForm(Form):
    """A request of the client under the GDPR (rules.rechten)."""
    soort = SelectField("Wat vraagt de cliënt?",
                        validators=[verplicht("Kies wat de cliënt vraagt.")],
                        choices=keuzes(RECHT_SOORTEN.items()))
    ontvangen_op = DatumField("Ontvangen op",
                              validators=[verplicht("Geef de datum van ontvangst.")],
                              default=clock.vandaag)
    omschrijving = TextAreaField("Omschrijving", validators=[
        verplicht("Beschrijf wat de cliënt vraagt."), lengte(4000), geen_html])


class RechtsantwoordForm(Form):
    uitkomst = SelectField("Antwoord", validators=[verplicht("Kies het antwoord.")],
                           choices=keuzes(RECHT_UITKOMSTEN.items()))
    antwoord = TextAreaField("Toelichting (verplicht bij een weigering)", validators=[
        lengte(4000), geen_html])
