"""Knipperlicht (R-6.4) and the gemotiveerd sociaal verslag for bijzondere omstandigheden
(R-4.7)."""
from __future__ import annotations

from datetime import date

from caseflow import clock, formaat
from caseflow.extensions import db
from caseflow.models import Gebruiker, Knipperlicht, SociaalVerslag
from caseflow.models.signalering import knipperlicht, sociaal_verslag
from caseflow.services import wijziging
from workflows.base import TransitieGeweigerd

VOOR_TOEWIJZING = ("toeleiding", "attest", "kandidaat")


def knipperlicht_melden(user: Gebruiker, dossier_id: int, version_id: int | None,
                        reden: str) -> Knipperlicht:
    """R-6.4: serious doubt whether independent living is feasible now."""
    with wijziging.wijzig(user, dossier_id, "knipperlicht.melden", version_id,
                          "knipperlicht_gemeld") as w:
        if w.dossier.status not in VOOR_TOEWIJZING:
            raise TransitieGeweigerd(["Een knipperlicht wordt gemeld vóór de toewijzing "
                                      "(R-6.4)."])
        if (licht := knipperlicht(w.dossier.id)) is not None:
            raise TransitieGeweigerd([f"Er staat al een knipperlicht sinds "
                                      f"{formaat.datum(licht.gemeld_op)}."])
        licht = Knipperlicht(dossier_id=w.dossier.id, reden=reden, gemeld_door_id=user.id)
        db.session.add(licht)
    return licht


def overleg_registreren(user: Gebruiker, dossier_id: int, version_id: int | None, datum: date,
                        verslag: str) -> Knipperlicht:
    """After the overleg the dossier can only be allocated with a begeleidingsovereenkomst."""
    with wijziging.wijzig(user, dossier_id, "knipperlicht.overleg", version_id,
                          "knipperlicht_overleg") as w:
        licht = knipperlicht(w.dossier.id)
        if licht is None or licht.overleg_op is not None:
            raise TransitieGeweigerd(["Er is geen knipperlicht dat op overleg wacht."])
        licht.overleg_op = wijziging.check_datum(datum)
        licht.overleg_verslag, licht.overleg_door_id = verslag, user.id
    return licht


def verslag_indienen(user: Gebruiker, dossier_id: int, version_id: int | None,
                     motivering: str) -> SociaalVerslag:
    """R-4.7: bijzondere omstandigheden are not scored; a motivated social report is needed."""
    with wijziging.wijzig(user, dossier_id, "verslag.indienen", version_id,
                          "sociaal_verslag_ingediend") as w:
        dossier = w.dossier
        if dossier.woonnood != "bijzondere_omstandigheden" or \
                dossier.status not in VOOR_TOEWIJZING:
            raise TransitieGeweigerd(["Een gemotiveerd sociaal verslag hoort bij bijzondere "
                                      "omstandigheden van sociale aard, vóór de toewijzing "
                                      "(R-4.7)."])
        vorig = sociaal_verslag(dossier.id)
        if vorig is not None and vorig.status != "afgewezen":
            raise TransitieGeweigerd(["Er is al een sociaal verslag "
                                      f"({vorig.status_label.lower()})."])
        verslag = SociaalVerslag(dossier_id=dossier.id, motivering=motivering,
                                 status="ingediend", opgesteld_door_id=user.id)
        db.session.add(verslag)
    return verslag


def verslag_beslissen(user: Gebruiker, dossier_id: int, version_id: int | None,
                      goedkeuren: bool, toelichting: str | None) -> SociaalVerslag:
    """The woonmaatschappij approves or rejects the sociaal verslag (R-4.7)."""
    with wijziging.wijzig(user, dossier_id, "verslag.beslissen", version_id,
                          "sociaal_verslag_beslist") as w:
        verslag = sociaal_verslag(w.dossier.id)
        if verslag is None or verslag.status != "ingediend":
            raise TransitieGeweigerd(["Er is geen ingediend sociaal verslag om over te "
                                      "beslissen."])
        verslag.status = "goedgekeurd" if goedkeuren else "afgewezen"
        verslag.beslist_door_id, verslag.beslist_op = user.id, clock.nu()
        verslag.beslissing_toelichting = toelichting
        w.actie = f"sociaal_verslag_{verslag.status}"
    return verslag
