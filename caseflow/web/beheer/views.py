from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required

from caseflow import access
from caseflow.errors import Ongeldig
from caseflow.models import Gebruiker, Gemeente, Organisatie
from caseflow.services import account, auth
from caseflow.services import beheer as service
from caseflow.services.mail import MailFout
from caseflow.web.auth.views import SESSIE
from caseflow.web.beheer.forms import GebruikerForm, GemeenteForm, OrganisatieForm, OvereenkomstForm
from caseflow.web.fields import paginanummer, toon_fouten

bp = Blueprint("beheer", __name__, url_prefix="/beheer")


@bp.before_request
@login_required
def alleen_beheerder():
    access.require(current_user, "beheer")


def _lijst(sjabloon: str, naam: str, pagina_van):
    """A list of beheer: the page asked for (?pagina=) of what the search typed finds (?zoek=,
    at most 100 characters)."""
    zoek = request.args.get("zoek", "")[:100]
    return render_template(sjabloon, zoek=zoek,
                           **{naam: pagina_van(zoek, paginanummer(request.args))})


@bp.route("/organisaties")
def organisaties():
    return _lijst("beheer/organisaties.html", "organisaties", service.organisaties_pagina)


@bp.route("/organisaties/nieuw", methods=["GET", "POST"])
@bp.route("/organisaties/<int:org_id>", methods=["GET", "POST"])
def organisatie(org_id: int | None = None):
    org = service.laad(Organisatie, org_id) if org_id else None
    form = OrganisatieForm(obj=org)
    ovk_form = OvereenkomstForm(prefix="ovk")
    if form.validate_on_submit():
        try:
            org = service.organisatie_opslaan(
                current_user, form.gegevens(), org, form.version_id.data)
        except Ongeldig as e:
            toon_fouten(form, e.fouten)
        else:
            flash(f"Organisatie {org.naam} is bewaard.", "succes")
            return redirect(url_for("beheer.organisatie", org_id=org.id))
    return render_template("beheer/organisatie.html", form=form, org=org, ovk_form=ovk_form,
                           overeenkomsten=service.overeenkomsten(org) if org else []), \
        422 if form.errors else 200


@bp.route("/organisaties/<int:org_id>/overeenkomsten", methods=["POST"])
def overeenkomst(org_id: int):
    org = service.laad(Organisatie, org_id)
    ovk_form = OvereenkomstForm(prefix="ovk")
    if ovk_form.validate_on_submit():
        try:
            service.overeenkomst_toevoegen(current_user, org, ovk_form.gegevens())
        except Ongeldig as e:
            toon_fouten(ovk_form, e.fouten)
        else:
            flash("De samenwerkingsovereenkomst is toegevoegd.", "succes")
            return redirect(url_for("beheer.organisatie", org_id=org.id))
    return render_template("beheer/organisatie.html", form=OrganisatieForm(obj=org,
                           formdata=None), org=org, ovk_form=ovk_form,
                           overeenkomsten=service.overeenkomsten(org)), 422


@bp.route("/gemeenten")
def gemeenten():
    return _lijst("beheer/gemeenten.html", "gemeenten", service.gemeenten_pagina)


@bp.route("/gemeenten/<int:gemeente_id>", methods=["GET", "POST"])
def gemeente(gemeente_id: int):
    gem = service.laad(Gemeente, gemeente_id)
    form = GemeenteForm(obj=gem)
    if form.validate_on_submit():
        try:
            service.gemeente_opslaan(
                current_user, gem, {"zone_id": form.zone_id.data,
                                    "in_arrondissement": form.in_arrondissement.data},
                form.version_id.data)
        except Ongeldig as e:
            toon_fouten(form, e.fouten)
        else:
            flash(f"Gemeente {gem.naam} is bewaard.", "succes")
            return redirect(url_for("beheer.gemeenten"))
    return render_template("beheer/gemeente.html", form=form, gemeente=gem), \
        422 if form.errors else 200


@bp.route("/gebruikers")
def gebruikers():
    return _lijst("beheer/gebruikers.html", "gebruikers", service.gebruikers)


@bp.route("/gebruikers/nieuw", methods=["GET", "POST"])
@bp.route("/gebruikers/<int:gebruiker_id>", methods=["GET", "POST"])
def gebruiker(gebruiker_id: int | None = None):
    gebr = service.laad(Gebruiker, gebruiker_id) if gebruiker_id else None
    form = GebruikerForm(obj=gebr)
    if form.validate_on_submit():
        try:
            bewaard = service.gebruiker_opslaan(
                current_user, form.gegevens(), gebr, version_id=form.version_id.data,
                eigen_sessie=session.get(SESSIE))
        except Ongeldig as e:
            toon_fouten(form, e.fouten)
        except MailFout as e:
            flash(f"De gebruiker is bewaard, maar de uitnodiging kon niet verstuurd worden: {e} "
                  "Stuur ze opnieuw met de knop hieronder.", "fout")
            return redirect(url_for("beheer.gebruiker", gebruiker_id=e.gebruiker_id))
        else:
            flash(f"Gebruiker {bewaard.naam} is bewaard." + (
                f" {bewaard.naam} krijgt een e-mail om een wachtwoord te kiezen."
                if gebr is None else ""), "succes")
            return redirect(url_for("beheer.gebruikers"))
    return render_template("beheer/gebruiker.html", form=form, gebruiker=gebr,
                           pogingen=auth.mislukte_pogingen(gebr) if gebr else (0, False)), \
        422 if form.errors else 200


@bp.route("/gebruikers/<int:gebruiker_id>/link", methods=["POST"])
def link_sturen(gebruiker_id: int):
    """ASVS 2.5: the user gets a single-use link to choose a password (an invitation when they
    never logged in, a reset link otherwise); nobody else ever knows it."""
    gebr = service.laad(Gebruiker, gebruiker_id)
    try:
        account.uitnodigen(current_user, gebr)
    except MailFout as e:
        flash(str(e), "fout")
    else:
        flash(f"{gebr.naam} krijgt een e-mail met een link om een wachtwoord te kiezen.", "succes")
    return redirect(url_for("beheer.gebruiker", gebruiker_id=gebr.id))


@bp.route("/gebruikers/<int:gebruiker_id>/tweestaps", methods=["POST"])
def tweestaps_resetten(gebruiker_id: int):
    """A lost phone without recovery codes: the user's two factors go (and their sessions);
    a coördinator or beheerder sets them up again at the next login."""
    gebr = account.tweestaps_resetten(current_user, gebruiker_id)
    flash(f"De tweestapsverificatie van {gebr.naam} is verwijderd; bij de volgende aanmelding "
          "stelt die ze opnieuw in.", "succes")
    return redirect(url_for("beheer.gebruiker", gebruiker_id=gebr.id))


@bp.route("/gebruikers/<int:gebruiker_id>/ontgrendelen", methods=["POST"])
def ontgrendelen(gebruiker_id: int):
    """ASVS 2.2.1: the account's failed logins are forgotten; the user can log in again."""
    gebr = auth.ontgrendelen_door(current_user, gebruiker_id)
    flash(f"Het account van {gebr.naam} is ontgrendeld.", "succes")
    return redirect(url_for("beheer.gebruiker", gebruiker_id=gebr.id))
