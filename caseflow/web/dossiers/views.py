import json
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from caseflow import access, clock
from caseflow.errors import BestaandDossier, Ongeldig
from caseflow.models.attest import concept_attest, geldend_attest
from caseflow.models.casusoverleg import overleggen
from caseflow.services import attesten as attesten_service
from caseflow.services import (
    audit,
    begeleiding,
    casusoverleg,
    dossierpagina,
    pijler3,
    privacy,
    ranking,
    signalen,
    signalering,
    stappen,
)
from caseflow.services import dossiers as service
from caseflow.services import inzage as inzage_service
from caseflow.web.auth.views import veilige_next
from caseflow.web.dossiers.forms import (
    ActieForm,
    ActiepuntForm,
    AdresForm,
    AttestForm,
    BeslissingForm,
    BOBeslissingForm,
    BOEindeForm,
    BOVoorstelForm,
    BOWijzigingForm,
    CasusoverlegForm,
    DossierForm,
    EscalatieStapForm,
    FilterForm,
    IntrekForm,
    KnipperlichtForm,
    NotitieForm,
    OverlegForm,
    Pijler3Form,
    SignaalForm,
    SignaalStapForm,
    ToestemmingForm,
    VerslagForm,
    actie_form,
)
from caseflow.web.fields import PDF, als_bestand, keuzes, paginanummer, toon_fouten
from caseflow.web.pdf import als_pdf
from workflows.base import TransitieGeweigerd
from workflows.dossier import STATES

bp = Blueprint("dossiers", __name__, url_prefix="/dossiers")


@bp.route("/")
@login_required
def caseload():
    access.require(current_user, "caseload")
    form = FilterForm(request.args, **service.filterkeuzes(current_user))
    form.validate()
    enkel_mijn = request.args.get("wie", "mijn") == "mijn"
    sorteer = request.args.get("sorteer", "gewijzigd")
    geldig = {v.name: v.data for v in form if not v.errors and v.name != "zoek"}
    status = form.status.data if form.status.data in (*STATES, "open", "") else "open"
    resultaat = service.caseload(
        current_user, zoek=form.zoek.data if not form.zoek.errors else None,
        enkel_mijn=enkel_mijn, pagina=paginanummer(request.args),
        per_pagina=current_app.config["PAGE_SIZE"],
        filter=service.Filter(status=status, pijler=geldig.get("pijler"),
                              gemeente_id=geldig.get("gemeente"),
                              woonmaatschappij_id=geldig.get("woonmaatschappij"),
                              organisatie_id=geldig.get("organisatie"),
                              hulpverlener=geldig.get("hulpverlener"),
                              sorteer=sorteer if sorteer in service.SORTEERBAAR else "gewijzigd",
                              oplopend=request.args.get("richting") == "op"))
    return render_template("dossiers/caseload.html", form=form, resultaat=resultaat,
                           enkel_mijn=enkel_mijn, titel=service.caseload_titel(
                               current_user, enkel_mijn),
                           mag_toeleiden=access.may(current_user, "dossier.aanmaken"))


@bp.route("/nieuw", methods=["GET", "POST"])
@login_required
def nieuw():
    access.require(current_user, "dossier.aanmaken")
    form = _voor_woonmaatschappij(DossierForm())
    bestaand = None
    if form.validate_on_submit():
        try:
            dossier = service.aanmaken(current_user, form.gegevens())
        except Ongeldig as e:
            toon_fouten(form, e.fouten)
            bestaand = e if isinstance(e, BestaandDossier) else None
        else:
            flash(f"Dossier {dossier.nummer} is aangemaakt.", "succes")
            return redirect(url_for("dossiers.detail", dossier_id=dossier.id))
    return render_template("dossiers/form.html", form=form, dossier=None, bestaand=bestaand), \
        422 if form.errors else 200


# Actions with a page of their own instead of a small form on the dossier page.
EIGEN_PAGINA = {"attest_uitreiken": "dossiers.attest"}


def _render_detail(dossier, form_trigger=None, form=None, redenen=None, status=200):
    """The dossier page from its read model; `form` is a form that failed, shown open with
    its messages."""
    if request.method == "POST":  # a failed form shows the whole dossier again: audited
        service.opnieuw_getoond(current_user, dossier)
    p = dossierpagina.lees(current_user, dossier)
    forms = {a.trigger: actie_form(a.trigger, dossier, formdata=None,
                                   version_id=dossier.version_id)
             for a in p.acties if a.mogelijk and a.trigger not in EIGEN_PAGINA}
    klein = {naam: KLASSEN[naam](prefix=naam, formdata=None, version_id=dossier.version_id)
             for naam in p.formulieren}
    if form_trigger and form is not None:
        forms[form_trigger] = form
        if form_trigger in klein:
            klein[form_trigger] = form
    return render_template(
        "dossiers/detail.html", p=p, dossier=p.dossier, attest=p.attest, attesten=p.attesten,
        historiek=p.historiek, gevoelig_zichtbaar=p.gevoelig_zichtbaar,
        toestemming=p.toestemming, notities=p.notities,
        overleggen=_overleggen(dossier, p.overleggen, form_trigger, form),
        secties=SECTIES, labels=KLEIN_LABELS, vandaag=clock.vandaag(), uitleg=p.uitleg,
        eigen_pagina=EIGEN_PAGINA, klein=klein, knipperlicht=p.knipperlicht,
        verslag=p.verslag, p3=p.p3, adressen=p.adressen,
        signalen=[(r.signaal, r.termijn, r.acties,
                   SignaalStapForm(prefix=f"s{r.signaal.id}", formdata=None,
                                   version_id=r.signaal.version_id),
                   (form if form_trigger == f"e{r.signaal.id}" else EscalatieStapForm(
                       prefix=f"e{r.signaal.id}", formdata=None,
                       version_id=r.signaal.version_id)) if r.escalatie else None)
                  for r in p.signalen],
        mag_attest_opstellen=p.mag_attest_opstellen, bo=p.bo,
        engagement_einde=p.engagement_einde, termijnen=p.termijnen,
        mag_afvinken=lambda ap: access.mag_actiepunt_afvinken(current_user, ap.eigenaar),
        acties=p.acties, forms=forms, open_trigger=form_trigger,
        redenen=redenen or [], mag_bewerken=p.mag_bewerken,
    ), status


@bp.route("/<int:dossier_id>")
@login_required
def detail(dossier_id: int):
    """The dossier page; `?open=signaal` (a small form's name) shows that form unfolded, for a
    quick action from a list on a phone."""
    gevraagd = request.args.get("open")
    return _render_detail(service.bekijken(current_user, dossier_id),
                          gevraagd if gevraagd in KLASSEN else None)


@bp.route("/<int:dossier_id>/audit")
@login_required
def audit_log(dossier_id: int):
    """I-9.2: who looked at the dossier or changed it, when and from where (coördinator)."""
    dossier, rijen = audit.van_dossier(current_user, dossier_id, paginanummer(request.args))
    return render_template("dossiers/audit.html", dossier=dossier, rijen=rijen)


@bp.route("/<int:dossier_id>/inzage")
@bp.route("/<int:dossier_id>/inzage.<formaat>")
@login_required
def inzage_export(dossier_id: int, formaat: str = "html"):
    """GDPR art. 15: everything about the client, printable (HTML or PDF) or as JSON."""
    if formaat not in ("html", "pdf", "json"):
        abort(404)
    inzage = inzage_service.maken(current_user, dossier_id, formaat)
    bestand = f"inzage-{inzage.dossier.nummer}.{formaat}"
    if formaat == "json":
        tekst = json.dumps(inzage_service.als_gegevens(inzage), ensure_ascii=False, indent=2)
        return als_bestand(tekst.encode(), bestand, "application/json")
    html = render_template("dossiers/inzage.html", i=inzage, afdruk=formaat == "pdf")
    return als_bestand(als_pdf(html, "inzage.css"), bestand, PDF) if formaat == "pdf" \
        else html


@bp.route("/<int:dossier_id>/score")
@login_required
def score(dossier_id: int):
    """A printable explanation of the score for the candidate (R-4.9)."""
    dossier = service.bekijken(current_user, dossier_id)
    if dossier.pijler != 2 or dossier.status not in dossierpagina.RANGSCHIKBAAR:
        abort(404)
    uitleg = ranking.uitleg_voor(dossier, clock.vandaag())
    if not access.mag_gevoelige_gegevens_zien(current_user, dossier):
        uitleg = ranking.zonder_details(uitleg)
    return render_template("dossiers/score.html", dossier=access.weergave(current_user, dossier),
                           uitleg=uitleg, vandaag=clock.vandaag())


@bp.route("/<int:dossier_id>/bewerken", methods=["GET", "POST"])
@login_required
def bewerken(dossier_id: int):
    dossier = service.bekijken(current_user, dossier_id)
    access.require(current_user, "dossier.bewerken", dossier)
    if dossier.status == "afgesloten":
        abort(403)
    form = _voor_woonmaatschappij(DossierForm(obj=dossier))
    if dossier.toewijzing is not None:  # fixed once the dwelling is allocated
        form.woonmaatschappij_id.choices = keuzes([(dossier.woonmaatschappij_id,
                                                   dossier.woonmaatschappij.naam)])
    if form.validate_on_submit():
        try:
            service.bewerken(current_user, dossier_id, form.version_id.data, form.gegevens(),
                             ingevuld=_ingevuld(form))
        except Ongeldig as e:
            toon_fouten(form, e.fouten)
        else:
            flash("De gegevens zijn bewaard.", "succes")
            return redirect(url_for("dossiers.detail", dossier_id=dossier_id))
    return render_template("dossiers/form.html", form=form, dossier=dossier), \
        422 if form.errors else 200


def _voor_woonmaatschappij(form: DossierForm) -> DossierForm:
    """R-3.1, R-5.2: a woonmaatschappij refers for itself, and for pijler 2 only."""
    org = current_user.organisatie
    if org.is_woonmaatschappij:
        form.woonmaatschappij_id.choices = keuzes([(org.id, org.naam)])
        form.pijler.choices = [c for c in form.pijler.choices if c.value != 3]
    return form


def _ingevuld(form) -> dict[str, str]:
    """What the user typed, by label, to show on the conflict page so nothing is lost."""
    return {f.label.text: (" ".join(f.raw_data) if f.raw_data else "") for f in form
            if f.name not in {"csrf_token", "version_id"} and f.raw_data}


@bp.route("/<int:dossier_id>/actie/<trigger>", methods=["POST"])
@login_required
def actie(dossier_id: int, trigger: str):
    dossier = access.dossier_in_scope(current_user, dossier_id)
    if trigger not in access.TRIGGER_ROLLEN or trigger in EIGEN_PAGINA:
        abort(404)
    access.require(current_user, trigger, dossier)
    form = actie_form(trigger, dossier)
    if not form.validate_on_submit():
        return _render_detail(dossier, trigger, form, status=422)
    van = dossier.status
    try:
        dossier = stappen.transitie(
            current_user, dossier_id, trigger, form.version_id.data,
            datum=getattr(form, "datum", None) and form.datum.data,
            reden=getattr(form, "reden", None) and form.reden.data,
            toelichting=(form.toelichting.data or "").strip() or None,
            gegevens=form.gegevens() if hasattr(form, "gegevens") else None,
        )
    except Ongeldig as e:
        toon_fouten(form, e.fouten)
        return _render_detail(access.dossier_in_scope(current_user, dossier_id), trigger, form,
                              status=422)
    except TransitieGeweigerd as e:
        return _render_detail(access.dossier_in_scope(current_user, dossier_id), trigger, form,
                              redenen=e.redenen, status=422)
    if dossier.status == van:  # one party's agreement, the other's is awaited
        flash("Uw akkoord is genoteerd; het dossier gaat verder zodra de andere partij ook "
              "akkoord gaat (R-6.2).", "succes")
    else:
        flash(f"{stappen.WORKFLOW.labels[trigger]}: gelukt. Het dossier is nu in de fase "
              f"'{STATES[dossier.status]}'.", "succes")
    return redirect(_terug(dossier_id, "acties"))


@bp.route("/<int:dossier_id>/attest", methods=["GET", "POST"])
@login_required
def attest(dossier_id: int):
    """Draft, save or issue the attest (R-3.2); issuing a first one makes the dossier kandidaat."""
    dossier = service.bekijken(current_user, dossier_id) if request.method == "GET" else \
        access.dossier_in_scope(current_user, dossier_id)
    access.require(current_user, "attest.opstellen", dossier)
    concept = concept_attest(dossier.id) or geldend_attest(dossier.id)
    form = AttestForm(obj=concept)
    if request.method == "GET":
        form.version_id.data = dossier.version_id
    redenen = []
    if form.validate_on_submit():
        uitreiken = request.form.get("actie") == "uitreiken"
        try:
            if uitreiken:
                attesten_service.uitreiken(current_user, dossier_id, form.version_id.data,
                                           form.gegevens(), form.datum.data)
            else:
                attesten_service.concept_bewaren(current_user, dossier_id, form.version_id.data,
                                                 form.gegevens())
        except Ongeldig as e:
            toon_fouten(form, e.fouten)
        except TransitieGeweigerd as e:
            redenen = e.redenen
        else:
            flash("Het attest is uitgereikt." if uitreiken else "Het concept is bewaard.",
                  "succes")
            return redirect(url_for("dossiers.detail", dossier_id=dossier_id))
        dossier = access.dossier_in_scope(current_user, dossier_id)
        form.version_id.data = dossier.version_id
    if request.method == "POST":
        service.opnieuw_getoond(current_user, dossier)
    return render_template("dossiers/attest.html", dossier=dossier, form=form, redenen=redenen,
                           vernieuwing=dossier.status == "kandidaat"), \
        422 if (form.errors or redenen) else 200


# The label of each small form on the dossier page (its summary and its button).
KLEIN_LABELS = {
    "knipperlicht": "Knipperlicht melden",
    "overleg": "Overleg registreren",
    "verslag": "Sociaal verslag indienen",
    "beslissing": "Beslissen over het sociaal verslag",
    "bo_voorstel": "Begeleidingsovereenkomst voorstellen",
    "bo_wijziging": "Verlenging of verkorting voorstellen",
    "bo_beslissing": "Beslissen over het voorstel",
    "bo_evaluatie": "Evaluatie starten",
    "bo_einde": "Overeenkomst beëindigen",
    "p3_toeleiding": "Pijler 3-toeleiding registreren",
    "adres": "Adres toevoegen",
    "signaal": "Signaal melden",
    "toestemming": "Toestemming registreren",
    "toestemming_intrekken": "Toestemming intrekken",
    "notitie": "Notitie toevoegen",
    "casusoverleg": "Casusoverleg registreren",
}


# The section of the dossier page each small form lives in: a save returns there.
SECTIES = {"attest_bevestigen": "traject", "attest_intrekken": "traject",
           "p3_toeleiding": "pijler3", "adres": "pijler3", "signaal": "signalen",
           "knipperlicht": "signalering", "overleg": "signalering", "verslag": "signalering",
           "beslissing": "signalering", "casusoverleg": "overleg", "toestemming": "notities",
           "toestemming_intrekken": "notities", "notitie": "notities",
           **{naam: "overeenkomst" for naam in ("bo_voorstel", "bo_wijziging", "bo_beslissing",
                                                "bo_evaluatie", "bo_einde")}}


def _terug(dossier_id: int, sectie: str) -> str:
    return url_for("dossiers.detail", dossier_id=dossier_id) + f"#{sectie}"


BEVESTIGING = {"attest_bevestigen": "Het attest is bevestigd (R-3.3).",
               "attest_intrekken": "Het attest is ingetrokken."}

# The form of each small form on the dossier page; when it is offered is
# dossierpagina.FORMULIEREN's question.
KLASSEN = {
    "attest_bevestigen": ActieForm, "attest_intrekken": IntrekForm,
    "knipperlicht": KnipperlichtForm, "overleg": OverlegForm, "verslag": VerslagForm,
    "beslissing": BeslissingForm, "bo_voorstel": BOVoorstelForm,
    "bo_wijziging": BOWijzigingForm, "bo_beslissing": BOBeslissingForm,
    "bo_evaluatie": ActieForm, "bo_einde": BOEindeForm, "casusoverleg": CasusoverlegForm,
    "toestemming": ToestemmingForm, "toestemming_intrekken": ActieForm,
    "notitie": NotitieForm, "signaal": SignaalForm, "p3_toeleiding": Pijler3Form,
    "adres": AdresForm,
}

UITVOEREN = {
    "casusoverleg": lambda u, d, f: casusoverleg.registreren(
        u, d, f.version_id.data, f.datum.data, f.reden.data, f.deelnemers.data.strip(),
        f.toelichting.data.strip(), (f.beslissingen.data or "").strip() or None),
    "toestemming": lambda u, d, f: privacy.toestemming_registreren(
        u, d, f.version_id.data, f.datum.data, f.toelichting.data.strip()),
    "toestemming_intrekken": lambda u, d, f: privacy.toestemming_intrekken(
        u, d, f.version_id.data),
    "notitie": lambda u, d, f: privacy.notitie_toevoegen(
        u, d, f.version_id.data, f.toelichting.data.strip(), f.zichtbaarheid.data),
    "signaal": lambda u, d, f: signalen.melden(
        u, d, f.version_id.data, f.soort.data, f.toelichting.data.strip(), f.bedrag.data,
        f.maanden.data),
    "attest_bevestigen": lambda u, d, f: attesten_service.bevestigen(
        u, d, f.version_id.data),
    "attest_intrekken": lambda u, d, f: attesten_service.intrekken(
        u, d, f.version_id.data, f.toelichting.data.strip()),
    "p3_toeleiding": lambda u, d, f: pijler3.toeleiden(u, d, f.version_id.data, f.gegevens()),
    "adres": lambda u, d, f: pijler3.adres_toevoegen(
        u, d, f.version_id.data, f.gemeente_id.data, f.van.data, f.tot.data),
    "bo_voorstel": lambda u, d, f: begeleiding.voorstellen(
        u, d, f.version_id.data, f.datum.data, (f.toelichting.data or "").strip() or None),
    "bo_wijziging": lambda u, d, f: begeleiding.wijziging_voorstellen(
        u, d, f.version_id.data, f.soort.data, f.nieuwe_einddatum.data,
        f.toelichting.data.strip()),
    "bo_beslissing": lambda u, d, f: begeleiding.beslissen(
        u, d, f.version_id.data, f.beslissing.data == "aanvaarden",
        (f.toelichting.data or "").strip() or None),
    "bo_evaluatie": lambda u, d, f: begeleiding.evaluatie_starten(
        u, d, f.version_id.data),
    "bo_einde": lambda u, d, f: begeleiding.beeindigen(
        u, d, f.version_id.data, f.datum.data),
    "knipperlicht": lambda u, d, f: signalering.knipperlicht_melden(
        u, d, f.version_id.data, f.toelichting.data.strip()),
    "overleg": lambda u, d, f: signalering.overleg_registreren(
        u, d, f.version_id.data, f.datum.data, f.toelichting.data.strip()),
    "verslag": lambda u, d, f: signalering.verslag_indienen(
        u, d, f.version_id.data, f.toelichting.data.strip()),
    "beslissing": lambda u, d, f: signalering.verslag_beslissen(
        u, d, f.version_id.data, f.beslissing.data == "goedkeuren",
        (f.toelichting.data or "").strip() or None),
}


@bp.route("/<int:dossier_id>/formulier/<naam>", methods=["POST"])
@login_required
def formulier_post(dossier_id: int, naam: str):
    """The small forms on the dossier page: attest confirmation (R-3.3) and withdrawal,
    knipperlicht (R-6.4), sociaal verslag (R-4.7), pijler 3 (R-5.2, R-2.5) and the
    begeleidingsovereenkomst (R-6.2)."""
    if naam not in KLASSEN:
        abort(404)
    dossier = access.dossier_in_scope(current_user, dossier_id)
    access.require(current_user, dossierpagina.FORMULIEREN[naam][0], dossier)
    form = KLASSEN[naam](prefix=naam)
    if not form.validate_on_submit():
        return _render_detail(dossier, naam, form, status=422)
    try:
        UITVOEREN[naam](current_user, dossier_id, form)
    except Ongeldig as e:
        toon_fouten(form, e.fouten)
        return _render_detail(access.dossier_in_scope(current_user, dossier_id), naam, form,
                              status=422)
    except TransitieGeweigerd as e:
        return _render_detail(access.dossier_in_scope(current_user, dossier_id), naam, form,
                              redenen=e.redenen, status=422)
    flash(BEVESTIGING.get(naam, "Bewaard."), "succes")
    return redirect(_terug(dossier_id, SECTIES.get(naam, "acties")))


@bp.route("/<int:dossier_id>/signalen/<int:signaal_id>/<trigger>", methods=["POST"])
@login_required
def signaal_stap(dossier_id: int, signaal_id: int, trigger: str):
    """One step of a signaal (I-7.1 to I-7.3), or an escalation step of the arrears (I-7.3a)."""
    dossier = access.dossier_in_scope(current_user, dossier_id)
    terug = _terug(dossier_id, "signalen")
    form = None
    try:
        if trigger == "escalatiestap":
            form = EscalatieStapForm(prefix=f"e{signaal_id}")
            if not form.validate_on_submit():
                return _render_detail(dossier, f"e{signaal_id}", form, status=422)
            signalen.escalatiestap(current_user, dossier_id, signaal_id, form.version_id.data,
                                   form.stap.data, form.datum.data)
        elif trigger in signalen.STAPPEN:
            form = SignaalStapForm(prefix=f"s{signaal_id}")
            if not form.validate_on_submit():
                return _render_detail(dossier, status=422)
            signalen.stap(current_user, dossier_id, signaal_id, form.version_id.data, trigger,
                          (form.toelichting.data or "").strip() or None)
        else:
            abort(404)
    except (TransitieGeweigerd, Ongeldig) as e:
        redenen = e.redenen if isinstance(e, TransitieGeweigerd) else list(e.fouten.values())
        open_ = f"e{signaal_id}" if trigger == "escalatiestap" else None
        return _render_detail(access.dossier_in_scope(current_user, dossier_id), open_, form,
                              redenen=redenen, status=422)
    flash("Het signaal is bijgewerkt.", "succes")
    return redirect(terug)


def _actiepunt_form(dossier, overleg, partners=None, **kw) -> ActiepuntForm | None:
    """The form to add an action item to `overleg`; with `formdata` the one just posted."""
    if not access.may(current_user, "casusoverleg", dossier):
        return None
    kw.setdefault("formdata", None)
    form = ActiepuntForm(prefix=f"a{overleg.id}", version_id=dossier.version_id, **kw)
    form.eigenaar_id.choices = keuzes([
        (g.id, f"{g.naam} ({g.organisatie.naam})")
        for g in (partners if partners is not None else casusoverleg.partners(dossier))])
    return form


def _overleggen(dossier, overleggen_, form_trigger, form) -> list[tuple]:
    """Each overleg with its action-item form (the partners read once for all of them)."""
    partners = casusoverleg.partners(dossier) if overleggen_ else []
    return [(o, form if form_trigger == f"a{o.id}" else _actiepunt_form(dossier, o, partners))
            for o in overleggen_]


@bp.route("/<int:dossier_id>/overleg/<int:overleg_id>/actiepunt", methods=["POST"])
@login_required
def actiepunt(dossier_id: int, overleg_id: int):
    dossier = access.dossier_in_scope(current_user, dossier_id)
    access.require(current_user, "casusoverleg", dossier)
    overleg = next((o for o in overleggen(dossier.id) if o.id == overleg_id), None)
    if overleg is None:
        abort(404)
    form = _actiepunt_form(dossier, overleg, formdata=request.form)
    terug = _terug(dossier_id, "overleg")
    if not form.validate_on_submit():
        return _render_detail(dossier, f"a{overleg_id}", form, status=422)
    try:
        casusoverleg.actiepunt_toevoegen(current_user, dossier_id, form.version_id.data,
                                         overleg_id, form.toelichting.data.strip(),
                                         form.eigenaar_id.data, form.vervaldatum.data)
    except Ongeldig as e:
        toon_fouten(form, e.fouten)
        return _render_detail(access.dossier_in_scope(current_user, dossier_id), f"a{overleg_id}",
                              form, status=422)
    flash("Het actiepunt is toegevoegd.", "succes")
    return redirect(terug)


@bp.route("/<int:dossier_id>/actiepunt/<int:actiepunt_id>/gedaan", methods=["POST"])
@login_required
def actiepunt_gedaan(dossier_id: int, actiepunt_id: int):
    casusoverleg.actiepunt_afvinken(current_user, dossier_id, actiepunt_id)
    flash("Het actiepunt is afgevinkt.", "succes")
    return redirect(request.referrer if veilig_terug(request.referrer)
                    else url_for("dossiers.detail", dossier_id=dossier_id))


def veilig_terug(url: str | None) -> bool:
    if not url:
        return False
    parts = urlsplit(url)
    return parts.netloc == request.host and veilige_next(parts.path) is not None
from caseflow.web.dossiers import rechten  # noqa: E402, F401 (its routes on this blueprint)
