"""Coördinator pages: the review queue, monitoring with charts and downloads, and the
woonmaatschappij's own totals of toewijzingen (R-8.1)."""
from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from caseflow import access, clock, formaat
from caseflow.errors import Ongeldig
from caseflow.rules.monitoring import Periode
from caseflow.services import auth, export, monitoring, opvolging
from caseflow.web.coordinatie.forms import (
    BeoordelingForm,
    FilterForm,
    HerverdeelForm,
    OpvolgingFilterForm,
    TotaalForm,
)
from caseflow.web.fields import (
    PDF,
    XLSX,
    als_bestand,
    keuzes,
    paginanummer,
    toon_fouten,
)
from caseflow.web.pdf import als_pdf

bp = Blueprint("coordinatie", __name__)


# --- review queue ---------------------------------------------------------------------------

@bp.route("/opvolging")
@login_required
def opvolging_pagina():
    """The review queue, a page at a time, filtered by kind, organisation and hulpverlener."""
    access.require(current_user, "opvolging")
    form = OpvolgingFilterForm(request.args, **opvolging.filterkeuzes(current_user))
    form.validate()
    geldig = {v.name: v.data for v in form if not v.errors}
    alles = request.args.get("alles") == "1"
    groepen = opvolging.wachtrij(current_user, opvolging.Filter(
        soort=geldig.get("soort") or None, organisatie_id=geldig.get("organisatie"),
        hulpverlener=geldig.get("hulpverlener"), ook_beoordeeld=alles),
        pagina=paginanummer(request.args))
    herverdeel = {i.dossier.id for g in groepen for i in g.items
                  if access.mag_herverdelen(current_user, i.dossier)}
    return render_template("coordinatie/opvolging.html", groepen=groepen, alles=alles,
                           form=form, herverdeel=herverdeel, vandaag=clock.vandaag(),
                           geblokkeerd=auth.geblokkeerd_in_organisatie(current_user),
                           args=request.args.to_dict(),
                           beoordeling=BeoordelingForm(formdata=None))


@bp.route("/opvolging/ontgrendelen/<int:gebruiker_id>", methods=["POST"])
@login_required
def ontgrendelen(gebruiker_id: int):
    """ASVS 2.2.1: a coördinator lifts the lock of an account of their organisation."""
    gebruiker = auth.ontgrendelen_door(current_user, gebruiker_id)
    flash(f"Het account van {gebruiker.naam} is ontgrendeld.", "succes")
    return redirect(url_for("coordinatie.opvolging_pagina") + "#accounts")


@bp.route("/opvolging/beoordelen", methods=["POST"])
@login_required
def beoordelen():
    access.require(current_user, "opvolging")  # before the form is read
    form = BeoordelingForm()
    if not form.validate_on_submit():
        flash("; ".join(e for fouten in form.errors.values() for e in fouten), "fout")
        return redirect(url_for("coordinatie.opvolging_pagina"))
    try:
        opvolging.beoordelen(current_user, _int(form.dossier_id.data), form.soort.data,
                             form.object_type.data, _int(form.object_id.data),
                             _datum(form.vervaldatum.data), form.opmerking.data,
                             form.beoordeeld.data)
    except Ongeldig as e:
        flash(" ".join(e.fouten.values()), "fout")
    else:
        flash("Als beoordeeld gemarkeerd." if form.beoordeeld.data else "Opmerking bewaard.",
              "succes")
    return redirect(url_for("coordinatie.opvolging_pagina") + f"#d{form.dossier_id.data}")


@bp.route("/opvolging/<int:dossier_id>/herverdelen", methods=["GET", "POST"])
@login_required
def herverdelen(dossier_id: int):
    """Give the dossier to another hulpverlener of its organisation (a page of its own: the
    list of hulpverleners can be long)."""
    form = HerverdeelForm(prefix=f"h{dossier_id}")
    # Which hulpverleners qualify is the service's question (the dossier's organisation).
    form.hulpverlener_id.validate_choice = False
    if form.validate_on_submit():
        try:
            d = opvolging.herverdelen(current_user, dossier_id, form.version_id.data,
                                      form.hulpverlener_id.data)
        except Ongeldig as e:
            toon_fouten(form, e.fouten)
        else:
            flash(f"Dossier {d.nummer} is nu bij {d.hulpverlener.naam}.", "succes")
            return redirect(url_for("coordinatie.opvolging_pagina") + f"#d{dossier_id}")
    dossier, kandidaten = opvolging.herverdeel_keuze(current_user, dossier_id)
    if not form.is_submitted():
        form.version_id.data = dossier.version_id
    form.hulpverlener_id.choices = keuzes([(g.id, g.naam) for g in kandidaten])
    return render_template("coordinatie/herverdelen.html", dossier=dossier, form=form), \
        422 if form.errors else 200


def _int(waarde) -> int:
    try:
        return int(waarde)
    except (TypeError, ValueError):
        abort(400)


def _datum(waarde) -> date:
    try:
        return date.fromisoformat(waarde)
    except (TypeError, ValueError):
        abort(400)


# --- monitoring -----------------------------------------------------------------------------

def _filter() -> tuple[FilterForm, monitoring.Filter]:
    form = FilterForm(request.args)
    wms, zones = monitoring.filterkeuzes()
    form.wm.choices = keuzes([("", "Alle")] + [(str(o.id), o.naam) for o in wms])
    form.zone.choices = keuzes([("", "Alle")] + [(str(z.id), z.label) for z in zones])
    geldig = form.validate()
    jaar = form.jaar.data if geldig and form.jaar.data else clock.vandaag().year
    if not form.jaar.data:
        form.jaar.data = jaar
    kwartaal = int(form.kwartaal.data) if geldig and form.kwartaal.data else None
    wm = form.wm.data if geldig and form.wm.data in {o.id for o in wms} else None
    zone = form.zone.data if geldig and form.zone.data in {z.id for z in zones} else None
    return form, monitoring.Filter(Periode(jaar, kwartaal), wm, zone)


@bp.route("/monitoring")
@login_required
def monitoring_pagina():
    access.require(current_user, "monitoring")
    form, f = _filter()
    stand = monitoring.bekijken(current_user, f,
                                herberekenen=request.args.get("herberekenen") == "1",
                                caseload_pagina=paginanummer(request.args))
    query = urlencode([(k, v) for k, v in request.args.items(multi=True)
                       if k not in ("herberekenen", "pagina")])
    return render_template("coordinatie/monitoring.html", form=form, f=f, t=stand.tabellen,
                           blad=stand.caseload_blad,
                           berekend_op=formaat.tijdstip(stand.berekend_op),
                           query=query), 422 if form.errors else 200


@bp.route("/monitoring/rapport.pdf")
@login_required
def rapport():
    """The monitoring as an A4 PDF for the toewijzingsraad: the page's figures and charts, with
    the period, the filters and the moment it was made."""
    access.require(current_user, "monitoring")
    form, f = _filter()
    if form.errors:  # the page, with the message beside the field that was typed wrong
        return monitoring_pagina()
    stand, filters = monitoring.rapport(current_user, f)
    html = render_template("coordinatie/monitoring_rapport.html", f=f, query="",
                           t=stand.tabellen, filters=filters,
                           berekend_op=formaat.tijdstip(stand.berekend_op),
                           opgemaakt=formaat.tijdstip(clock.nu()),
                           door=current_user.naam)
    bestand = f"caseflow-monitoring-{f.periode.label.replace(' ', '-')}.pdf"
    return als_bestand(als_pdf(html), bestand, PDF)


@bp.route("/monitoring/<naam>.<formaat>")
@login_required
def download(naam: str, formaat: str):
    access.require(current_user, "monitoring")
    if formaat not in ("csv", "xlsx"):
        abort(404)
    _, f = _filter()
    tabel = monitoring.downloaden(current_user, f, naam, formaat)
    bestand = f"caseflow-{naam}-{f.periode.label.replace(' ', '-')}.{formaat}"
    if formaat == "csv":
        return als_bestand(export.csv_bytes(tabel), bestand)
    return als_bestand(export.xlsx_bytes(tabel), bestand, XLSX)


# --- totals of the woonmaatschappij (R-8.1) -------------------------------------------------

@bp.route("/toewijzingstotalen", methods=["GET", "POST"])
@login_required
def totalen():
    access.require(current_user, "toewijzingstotalen")
    form = TotaalForm()
    if form.validate_on_submit():
        try:
            monitoring.totaal_invoeren(current_user, form.jaar.data, form.kwartaal.data,
                                       form.aantal.data)
        except Ongeldig as e:
            toon_fouten(form, e.fouten)
        else:
            flash("Het totaal is bewaard.", "succes")
            return redirect(url_for("coordinatie.totalen"))
    elif not form.is_submitted():
        form.jaar.data = clock.vandaag().year
    return render_template("coordinatie/totalen.html", form=form,
                           rijen=monitoring.totalen(current_user)), \
        422 if form.errors else 200

