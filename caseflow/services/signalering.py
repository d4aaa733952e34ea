"""Knipperlicht (R-6.4) and the gemotiveerd sociaal verslag for bijzondere omstandigheden
(R-4.7)."""
from __future__ import annotations

from datetime import date

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Dossier, Gebruiker, Knipperlicht, SociaalVerslag
from caseflow.models.signalering import knipperlicht, sociaal_verslag
from caseflow.services import audit, dossiers
from workflows.base import TransitieGeweigerd

VOOR_TOEWIJZING = ("toeleiding", "attest", "kandidaat")


def _laad(user: Gebruiker, dossier_id: int, actie: str, version_id, terug_url) -> Dossier:
    dossier = dossiers.laad(user, dossier_id, actie, version_id, terug_url)
    return dossier


def _klaar(user: Gebruiker, dossier: Dossier, actie: str, terug_url: str, **details) -> None:
    dossier.gewijzigd_op = clock.nu()
    audit.log(user, actie, dossier, **details)
    dossiers.commit(dossier, terug_url)


def knipperlicht_melden(user: Gebruiker, dossier_id: int, version_id: int | None, reden: str,
                        terug_url: str = "/") -> Knipperlicht:
    """R-6.4: serious doubt whether independent living is feasible now."""
    dossier = _laad(user, dossier_id, "knipperlicht.melden", version_id, terug_url)
    if dossier.status not in VOOR_TOEWIJZING:
        raise TransitieGeweigerd(["Een knipperlicht wordt gemeld vóór de toewijzing (R-6.4)."])
    if (licht := knipperlicht(dossier.id)) is not None:
        raise TransitieGeweigerd([f"Er staat al een knipperlicht sinds "
                                  f"{licht.gemeld_op:%d/%m/%Y}."])
    licht = Knipperlicht(dossier_id=dossier.id, reden=reden, gemeld_door_id=user.id)
    db.session.add(licht)
    _klaar(user, dossier, "knipperlicht_gemeld", terug_url)
    return licht


def overleg_registreren(user: Gebruiker, dossier_id: int, version_id: int | None, datum: date,
                        verslag: str, terug_url: str = "/") -> Knipperlicht:
    """After the overleg the dossier can only be allocated with a begeleidingsovereenkomst."""
    dossier = _laad(user, dossier_id, "knipperlicht.overleg", version_id, terug_url)
    licht = knipperlicht(dossier.id)
    if licht is None or licht.overleg_op is not None:
        raise TransitieGeweigerd(["Er is geen knipperlicht dat op overleg wacht."])
    licht.overleg_op = dossiers.check_datum(datum)
    licht.overleg_verslag, licht.overleg_door_id = verslag, user.id
    _klaar(user, dossier, "knipperlicht_overleg", terug_url)
    return licht


def verslag_indienen(user: Gebruiker, dossier_id: int, version_id: int | None, motivering: str,
                     terug_url: str = "/") -> SociaalVerslag:
    """R-4.7: bijzondere omstandigheden are not scored; a motivated social report is needed."""
    dossier = _laad(user, dossier_id, "verslag.indienen", version_id, terug_url)
    if dossier.woonnood != "bijzondere_omstandigheden" or dossier.status not in VOOR_TOEWIJZING:
        raise TransitieGeweigerd(["Een gemotiveerd sociaal verslag hoort bij bijzondere "
                                  "omstandigheden van sociale aard, vóór de toewijzing (R-4.7)."])
    vorig = sociaal_verslag(dossier.id)
    if vorig is not None and vorig.status != "afgewezen":
        raise TransitieGeweigerd(["Er is al een sociaal verslag "
                                  f"({vorig.status_label.lower()})."])
    verslag = SociaalVerslag(dossier_id=dossier.id, motivering=motivering, status="ingediend",
                             opgesteld_door_id=user.id)
    db.session.add(verslag)
    _klaar(user, dossier, "sociaal_verslag_ingediend", terug_url)
    return verslag


def verslag_beslissen(user: Gebruiker, dossier_id: int, version_id: int | None,
                      goedkeuren: bool, toelichting: str | None, terug_url: str = "/"
                      ) -> SociaalVerslag:
    """The woonmaatschappij approves or rejects the sociaal verslag (R-4.7)."""
    dossier = _laad(user, dossier_id, "verslag.beslissen", version_id, terug_url)
    verslag = sociaal_verslag(dossier.id)
    if verslag is None or verslag.status != "ingediend":
        raise TransitieGeweigerd(["Er is geen ingediend sociaal verslag om over te beslissen."])
    verslag.status = "goedgekeurd" if goedkeuren else "afgewezen"
    verslag.beslist_door_id, verslag.beslist_op = user.id, clock.nu()
    verslag.beslissing_toelichting = toelichting
    _klaar(user, dossier, f"sociaal_verslag_{verslag.status}", terug_url)
    return verslag
