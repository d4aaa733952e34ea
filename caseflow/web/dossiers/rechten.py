"""The client's GDPR requests on a dossier: the list, a new request, its answer."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from caseflow import clock
from caseflow.errors import Ongeldig
from caseflow.services import rechten
from caseflow.web.dossiers.forms import RechtsantwoordForm, RechtsverzoekForm
from caseflow.web.dossiers.views import bp
from caseflow.web.fields import toon_fouten


def _antwoordformulier(verzoek_id: int, ingevuld: bool = False) -> RechtsantwoordForm:
    """The answer form of one request (what was posted, when `ingevuld`): its fields carry the
    request's prefix, so every open request on the page has a form of its own."""
    if ingevuld:
        return RechtsantwoordForm(prefix=f"v{verzoek_id}")
    return RechtsantwoordForm(prefix=f"v{verzoek_id}", formdata=None)


def _pagina(dossier_id: int, form: RechtsverzoekForm,
            antwoord: RechtsantwoordForm | None = None, fout_bij: int | None = None,
            status: int = 200):
    """`antwoord`: the answer form of request `fout_bij`, back with its errors."""
    dossier, verzoeken = rechten.overzicht(current_user, dossier_id)
    antwoorden = {v.id: antwoord if v.id == fout_bij else _antwoordformulier(v.id)
                  for v in verzoeken if v.status == "open"}
    return render_template("dossiers/rechten.html", dossier=dossier, verzoeken=verzoeken,
                           form=form, antwoorden=antwoorden, fout_bij=fout_bij,
                           vandaag=clock.vandaag()), status


@bp.route("/<int:dossier_id>/rechten", methods=["GET", "POST"])
@login_required
def rechten_pagina(dossier_id: int):
    """The client's rights: the inzage export and their requests (rectification, objection…),
    each with the date by which it is answered."""
    form = RechtsverzoekForm()
    if form.validate_on_submit():
        try:
            rechten.registreren(current_user, dossier_id, form.soort.data,
                                form.ontvangen_op.data, form.omschrijving.data)
        except Ongeldig as e:
            toon_fouten(form, e.fouten)
        else:
            flash("Het verzoek is geregistreerd.", "succes")
            return redirect(url_for("dossiers.rechten_pagina", dossier_id=dossier_id))
    return _pagina(dossier_id, form, status=422 if form.errors else 200)


@bp.route("/<int:dossier_id>/rechten/<int:verzoek_id>", methods=["POST"])
@login_required
def rechten_antwoord(dossier_id: int, verzoek_id: int):
    antwoord = _antwoordformulier(verzoek_id, ingevuld=True)
    if antwoord.validate_on_submit():
        try:
            rechten.beantwoorden(current_user, dossier_id, verzoek_id, antwoord.uitkomst.data,
                                 antwoord.antwoord.data or "")
        except Ongeldig as e:
            toon_fouten(antwoord, e.fouten)
        else:
            flash("Het antwoord is geregistreerd.", "succes")
            return redirect(url_for("dossiers.rechten_pagina", dossier_id=dossier_id))
    return _pagina(dossier_id, RechtsverzoekForm(formdata=None), antwoord, verzoek_id, 422)
