"""The pijler 3 referral for the regional doelgroepen (R-5.2) and the address history that
lokale binding is checked against at the toewijzing (R-2.5)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import extract, func, select

from caseflow import clock
from caseflow.access import mag_uitreiken
from caseflow.errors import Ongeldig
from caseflow.extensions import db
from caseflow.models import AdresPeriode, Dossier, Gebruiker, Gemeente, Pijler3Toeleiding
from caseflow.models.instelling import in_voege
from caseflow.models.pijler3 import adressen, pijler3_toeleiding
from caseflow.rules.pijler3 import (
    LOKALE_BINDING,
    Adres,
    Toeleiding,
    doelgroep_tekorten,
    lokale_binding,
)
from caseflow.services import wijziging
from workflows.base import TransitieGeweigerd

VELDEN = ("doelgroep", "dakloos_sinds", "verslaving", "psychiatrie", "verlaat", "sector",
          "kg_screening_op", "jongste_kind_geboren")
# Where each unmet check of doelgroep_tekorten is shown on the form.
VELD_VAN = {"verwijzer": "doelgroep", "capaciteit": "doelgroep", "intensieve_nood": "verslaving",
            "verwijzer_sector": "doelgroep"}


def hf_capaciteit_vrij(dag: date, behalve: int | None = None) -> bool:
    """R-5.2.1: the CAW Housing First team starts about 10 new begeleidingen a year."""
    instelling = in_voege("housing_first_capaciteit", dag)
    capaciteit = int(instelling.waarde) if instelling else 10
    gestart = db.session.scalar(select(func.count(Pijler3Toeleiding.id)).where(
        Pijler3Toeleiding.doelgroep == "housing_first",
        extract("year", Pijler3Toeleiding.datum) == dag.year,
        Pijler3Toeleiding.dossier_id != (behalve or 0)))
    return gestart < capaciteit


def toeleiden(user: Gebruiker, dossier_id: int, version_id: int | None,
              data: dict) -> Pijler3Toeleiding:
    """Record the referral with the checks its doelgroep needs; nothing is saved when one
    fails."""
    with wijziging.wijzig(user, dossier_id, "pijler3.toeleiden", version_id,
                          "pijler3_toeleiding") as w:
        dossier, vandaag = w.dossier, clock.vandaag()
        if dossier.pijler != 3 or dossier.status not in ("toeleiding", "attest"):
            raise TransitieGeweigerd(["Een pijler 3-toeleiding hoort bij een pijler 3-dossier "
                                      "vóór het attest."])
        t = Toeleiding(
            datum=vandaag, verwijzer_sector=user.organisatie.sector,
            overeenkomst_met_woonmaatschappij=mag_uitreiken(
                user.organisatie, dossier.woonmaatschappij_id, vandaag),
            hf_capaciteit_vrij=hf_capaciteit_vrij(vandaag, behalve=dossier.id),
            **{k: data.get(k) for k in VELDEN})
        _check_doelgroep(t)
        record = pijler3_toeleiding(dossier.id) or Pijler3Toeleiding(
            dossier_id=dossier.id, aangemaakt_door_id=user.id)
        for k in VELDEN:
            setattr(record, k, data.get(k))
        record.datum = vandaag
        db.session.add(record)
        w.details["doelgroep"] = t.doelgroep
    return record


def _check_doelgroep(t: Toeleiding) -> None:
    """Each unmet check of the doelgroep, on the field it belongs to."""
    per_veld: dict[str, str] = {}
    for sleutel, tekst in doelgroep_tekorten(t).items():
        veld = VELD_VAN.get(sleutel, sleutel)
        per_veld[veld] = f"{per_veld[veld]} {tekst}" if veld in per_veld else tekst
    if per_veld:
        raise Ongeldig(per_veld)


def adres_toevoegen(user: Gebruiker, dossier_id: int, version_id: int | None, gemeente_id: int,
                    van: date, tot: date | None) -> AdresPeriode:
    with wijziging.wijzig(user, dossier_id, "dossier.bewerken", version_id,
                          "adres_toegevoegd") as w:
        if db.session.get(Gemeente, gemeente_id) is None:
            raise Ongeldig({"gemeente_id": "Kies een gemeente uit de lijst."})
        if tot is not None and tot < van:
            raise Ongeldig({"tot": "Het einde ligt vóór het begin."})
        if van > clock.vandaag():
            raise Ongeldig({"van": "Het begin ligt in de toekomst."})
        periode = AdresPeriode(dossier_id=w.dossier.id, gemeente_id=gemeente_id, van=van,
                               tot=tot)
        db.session.add(periode)
    return periode


def lokale_binding_regel(datum: date) -> tuple[int, int]:
    """R-2.3: the (window, years) of the milder lokale binding in force on `datum`; by
    default the test of R-2.5."""
    instelling = in_voege("lokale_binding_pijler3", datum)
    waarde = instelling.waarde if instelling else LOKALE_BINDING
    return int(waarde["venster_jaren"]), int(waarde["jaren"])


def heeft_lokale_binding(dossier: Dossier, gemeente: Gemeente, datum: date) -> bool:
    """R-2.3, R-2.5 against the recorded address history."""
    venster, jaren = lokale_binding_regel(datum)
    return lokale_binding([Adres(a.gemeente.naam, a.van, a.tot) for a in adressen(dossier.id)],
                          gemeente.naam, datum, venster, jaren)
