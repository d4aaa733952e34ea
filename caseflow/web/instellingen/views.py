"""The rules page: every setting with its versions, the quota and the workflows; a beheerder
adds a version of a setting in a form shaped like its table (I-4.2a)."""
import json
from decimal import Decimal

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from markupsafe import Markup

from caseflow import access, clock
from caseflow.errors import Ongeldig
from caseflow.formaat import getal
from caseflow.rules.instellingen import SLEUTELS, is_bedrag, opbouw, velden
from caseflow.rules.monitoring import Periode
from caseflow.services import instellingen as service
from caseflow.services import monitoring
from caseflow.web.fields import (
    toon_fouten,
)
from caseflow.web.filters import sleutel as leesbaar
from caseflow.web.instellingen.forms import VersieForm
from workflows import diagram

bp = Blueprint("instellingen", __name__, url_prefix="/instellingen")


def veldlabel(sleutel: str, pad: tuple) -> str:
    """A field of a setting's table as people read it."""
    if sleutel == "punten_kinderlast":
        return f"{pad[0]} kind(eren)" + (" of meer" if pad[0] == 10 else "")
    if sleutel == "inkomen_toeslagen":
        return f"{leesbaar(pad[0])}, categorie {pad[1] + 1}: " + \
            ("toeslag op het leefloon (€)" if pad[2] == 0 else "punten")
    return " › ".join(leesbaar(p) for p in pad) or "waarde"


def _tabel(sleutel: str, waarde, invoer=None, fouten=None) -> list[dict]:
    """The rows of a setting's form: label, field name, value shown, error."""
    rijen = []
    for pad, w in velden(waarde):
        naam = ".".join(map(str, pad))
        getoond = "–" if w is None else getal(Decimal(w)) if is_bedrag(w) else w
        rijen.append({"label": veldlabel(sleutel, pad), "naam": naam, "vast": w is None,
                      "waarde": (invoer or {}).get(naam, getoond),
                      "fout": (fouten or {}).get(naam)})
    return rijen


def _render(formulieren: dict | None = None, status: int = 200):
    mag_wijzigen = access.may(current_user, "instellingen.wijzigen")
    per_sleutel = service.overzicht(current_user)
    formulieren = formulieren or {}
    bewerken = {}
    if mag_wijzigen:
        for sleutel, versies in per_sleutel.items():
            if versies:
                form, rijen = formulieren.get(sleutel) or (
                    VersieForm(prefix=sleutel, formdata=None), _tabel(sleutel, versies[0].waarde))
                bewerken[sleutel] = (form, rijen)
    return render_template(
        "instellingen/overzicht.html", per_sleutel=per_sleutel, labels=SLEUTELS,
        bewerken=bewerken, open_sleutel=next(iter(formulieren), None),
        quota=monitoring.quota(monitoring.Filter(Periode(clock.vandaag().year))).rijen,
        workflows=[(naam, Markup(diagram.svg(wf)), diagram.rijen(wf))
                   for naam, wf in diagram.alle().items()],
        dumps=lambda w: json.dumps(w, ensure_ascii=False)), status


@bp.route("/")
@login_required
def overzicht():
    """The rules in force with their effective dates; a beheerder adds new versions."""
    access.require(current_user, "instellingen.bekijken")
    return _render()


@bp.route("/<sleutel>", methods=["POST"])
@login_required
def nieuwe_versie(sleutel: str):
    """A new version of one setting, typed in the shape of its table (I-4.2a)."""
    access.require(current_user, "instellingen.wijzigen")
    if sleutel not in SLEUTELS:
        abort(404)
    huidige = service.overzicht(current_user)[sleutel]
    if not huidige:
        abort(404)
    form = VersieForm(prefix=sleutel)
    invoer = {k[len(sleutel) + 3:]: v for k, v in request.form.items()
              if k.startswith(f"{sleutel}-w-")}
    waarde, fouten = opbouw(huidige[0].waarde, invoer)
    if form.validate_on_submit() and not fouten:
        try:
            service.toevoegen(current_user, sleutel, form.ingangsdatum.data, waarde,
                              (form.toelichting.data or "").strip() or None,
                              bevestigd=form.bevestigd.data)
        except Ongeldig as e:
            toon_fouten(form, e)
        else:
            flash("De nieuwe versie is bewaard.", "succes")
            return redirect(url_for("instellingen.overzicht") + f"#instelling-{sleutel}")
    return _render({sleutel: (form, _tabel(sleutel, huidige[0].waarde, invoer, fouten))},
                   status=422)


