from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from caseflow import access, clock
from caseflow.errors import Ongeldig
from caseflow.models import Voorstel
from caseflow.services import huurachterstand_import as imp
from caseflow.services import ranking, toewijzingen
from caseflow.services import woningen as service
from caseflow.services.huurachterstand_import import VOORBEELD
from caseflow.services.huurders import mijn_huurders
from caseflow.web.fields import als_bestand, paginanummer, toon_fouten
from caseflow.web.woningen.forms import BeslisForm, ImportForm, WeigerForm, WoningForm
from workflows.base import TransitieGeweigerd

bp = Blueprint("woningen", __name__)


@bp.route("/ranglijst")
@login_required
def ranglijst():
    """R-4.6: the eligible pijler 2 candidates of a woonmaatschappij in rank order."""
    keuze = ranking.woonmaatschappijen(current_user)
    gevraagd = request.args.get("woonmaatschappij", "")
    wm = next((o for o in keuze if str(o.id) == gevraagd), keuze[0])
    plaatsen = ranking.bekeken(current_user, wm.id, paginanummer(request.args))
    return render_template("woningen/ranglijst.html", wm=wm, keuze=keuze, plaatsen=plaatsen,
                           peildatum=clock.vandaag())


@bp.route("/quota")
@login_required
def quota():
    """R-5.3, R-8.2: reserved dwellings per zone and doelgroep, in use and free."""
    return render_template("woningen/quota.html",
                           rows=toewijzingen.quota_voor(current_user))


@bp.route("/huurders")
@login_required
def huurders():
    zoek = request.args.get("zoek", "")[:100]
    return render_template("woningen/huurders.html", zoek=zoek, huurders=mijn_huurders(
        current_user, paginanummer(request.args), zoek=zoek))


@bp.route("/signalen/import", methods=["GET", "POST"])
@login_required
def import_huurachterstand():
    """The arrears import as an upload page for huurbegeleiders."""
    access.require(current_user, "signaal.melden")
    form = ImportForm()
    verslag = None
    if form.validate_on_submit():
        try:
            verslag = imp.importeer(form.bestand.data.read().decode("utf-8-sig"),
                                    current_user.organisatie, current_user)
        except UnicodeDecodeError:
            form.bestand.errors.append("Het bestand is geen UTF-8-tekst.")
        except imp.OngeldigBestand as e:
            form.bestand.errors.extend(e.fouten)
    return render_template("woningen/import.html", form=form, verslag=verslag), \
        422 if form.errors else 200


@bp.route("/signalen/import/voorbeeld.csv")
@login_required
def import_voorbeeld():
    """An example file with the columns the import reads."""
    access.require(current_user, "signaal.melden")
    return als_bestand(VOORBEELD, "huurachterstand-voorbeeld.csv")


@bp.route("/woningen")
@login_required
def lijst():
    access.require(current_user, "ranglijst")
    return render_template("woningen/lijst.html", woningen=service.lijst(current_user),
                           mag_beheren=access.may(current_user, "woning.beheren"))


@bp.route("/woningen/nieuw", methods=["GET", "POST"])
@login_required
def nieuw():
    access.require(current_user, "woning.beheren")
    form = WoningForm(current_user.organisatie)
    if form.validate_on_submit():
        try:
            woning = service.registreren(current_user, form.gegevens(), form.bevestigd.data)
        except Ongeldig as e:
            toon_fouten(form, e)
        else:
            flash("De vrijgekomen woning is geregistreerd.", "succes")
            return redirect(url_for("woningen.detail", woning_id=woning.id))
    return render_template("woningen/form.html", form=form), 422 if form.errors else 200


def _render(woning, redenen=None, weiger_form=None, status=200):
    plaatsen = service.kandidaten_bekeken(current_user, woning,
                                          paginanummer(request.args))
    woning = access.woning_in_scope(current_user, woning.id)
    return render_template(
        "woningen/detail.html", woning=woning, plaatsen=plaatsen,
        open_voorstel=service.open_voorstel(woning), redenen=redenen or [],
        mag_beheren=access.may(current_user, "woning.beheren"),
        form=BeslisForm(formdata=None, version_id=woning.version_id),
        weiger_form=weiger_form or WeigerForm(formdata=None, version_id=woning.version_id),
    ), status


@bp.route("/woningen/<int:woning_id>")
@login_required
def detail(woning_id: int):
    return _render(access.woning_in_scope(current_user, woning_id))


@bp.route("/woningen/<int:woning_id>/voorstel", methods=["POST"])
@login_required
def voorstellen(woning_id: int):
    access.require(current_user, "woning.beheren")  # before the form is read
    woning = access.woning_in_scope(current_user, woning_id)
    form = BeslisForm()
    dossier_id = request.form.get("dossier_id", "")
    if not form.validate_on_submit() or not dossier_id.isdigit():
        abort(400)
    try:
        service.voorstellen(current_user, woning_id, int(dossier_id), form.version_id.data)
    except TransitieGeweigerd as e:
        return _render(access.woning_in_scope(current_user, woning_id), e.redenen, status=422)
    flash("De kandidaat is voorgesteld voor deze woning.", "succes")
    return redirect(url_for("woningen.detail", woning_id=woning.id))


def _voorstel(voorstel_id: int) -> Voorstel:
    return service.voorstel(current_user, voorstel_id)


@bp.route("/voorstellen/<int:voorstel_id>/aanvaarden", methods=["POST"])
@login_required
def aanvaarden(voorstel_id: int):
    access.require(current_user, "woning.beheren")  # before the form is read
    voorstel = _voorstel(voorstel_id)
    form = BeslisForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        service.aanvaarden(current_user, voorstel_id, form.version_id.data)
    except (TransitieGeweigerd, Ongeldig) as e:
        redenen = e.redenen if isinstance(e, TransitieGeweigerd) else list(e.fouten.values())
        return _render(access.woning_in_scope(current_user, voorstel.woning_id), redenen,
                       status=422)
    flash("Aanvaard: het attest is bevestigd en de woning is toegewezen.", "succes")
    return redirect(url_for("dossiers.detail", dossier_id=voorstel.dossier_id))


@bp.route("/voorstellen/<int:voorstel_id>/weigeren", methods=["POST"])
@login_required
def weigeren(voorstel_id: int):
    access.require(current_user, "woning.beheren")  # before the form is read
    voorstel = _voorstel(voorstel_id)
    form = WeigerForm()
    woning_id = voorstel.woning_id
    if not form.validate_on_submit():
        return _render(access.woning_in_scope(current_user, woning_id), weiger_form=form,
                       status=422)
    try:
        service.weigeren(current_user, voorstel_id, form.version_id.data, form.reden.data.strip())
    except TransitieGeweigerd as e:
        return _render(access.woning_in_scope(current_user, woning_id), e.redenen, status=422)
    flash("De weigering is geregistreerd; de volgende kandidaat kan worden voorgesteld.",
          "succes")
    return redirect(url_for("woningen.detail", woning_id=woning_id))
