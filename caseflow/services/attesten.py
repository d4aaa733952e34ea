"""The attest: drafted, issued (the dossier becomes kandidaat), renewed, confirmed, withdrawn."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from caseflow import clock
from caseflow.access import mag_uitreiken
from caseflow.errors import Ongeldig
from caseflow.extensions import db
from caseflow.models import Attest, Dossier, Gebruiker, Gemeente
from caseflow.models.attest import GELDIGE_STATUSSEN, concept_attest, geldend_attest
from caseflow.models.instelling import in_voege
from caseflow.rules.attest import AttestFeiten, geldig_tot, ontbrekend
from caseflow.services import audit, stappen, wijziging
from workflows.attest import WORKFLOW
from workflows.base import TransitieGeweigerd

INHOUD_VELDEN = ("bevoegd_ocmw_gemeente_id", "ocmw_verificatie", "privemarkt",
                 "privemarkt_motivering", "doorstroomklaar", "engagement_2_jaar",
                 "begeleiding_bereik")


def geldigheid_maanden(dag: date) -> int:
    instelling = in_voege("attest_geldigheid_maanden", dag)
    return int(instelling.waarde) if instelling else 6  # I-3.4


def _concept(user: Gebruiker, dossier: Dossier) -> Attest:
    if dossier.status not in ("attest", "kandidaat"):
        raise TransitieGeweigerd([
            "Een attest wordt opgesteld wanneer het dossier in de fase 'Attest in "
            "voorbereiding' is, of vernieuwd wanneer het kandidaat is."])
    attest = concept_attest(dossier.id)
    if attest is None:
        laatste = db.session.scalar(select(Attest.versie).where(Attest.dossier_id == dossier.id)
                                    .order_by(Attest.versie.desc()).limit(1))
        attest = Attest(dossier_id=dossier.id, versie=(laatste or 0) + 1, status="concept",
                        organisatie_id=user.organisatie_id, aangemaakt_door_id=user.id)
        db.session.add(attest)
    return attest


def _vul(attest: Attest, data: dict) -> None:
    if data.get("bevoegd_ocmw_gemeente_id") is not None and \
            db.session.get(Gemeente, data["bevoegd_ocmw_gemeente_id"]) is None:
        raise Ongeldig({"bevoegd_ocmw_gemeente_id": "Kies een gemeente uit de lijst."})
    for veld in INHOUD_VELDEN:
        setattr(attest, veld, data.get(veld))
    db.session.flush()


def concept_bewaren(user: Gebruiker, dossier_id: int, version_id: int | None,
                    data: dict) -> Attest:
    with wijziging.wijzig(user, dossier_id, "attest.opstellen", version_id,
                          "attest_concept_bewaard") as w:
        attest = _concept(user, w.dossier)
        _vul(attest, data)
        w.details["versie"] = attest.versie
    return attest


def uitreiken(user: Gebruiker, dossier_id: int, version_id: int | None, data: dict,
              datum: date | None = None) -> Attest:
    """Issue the attest (R-3.1, R-3.2, I-3.4); a first one makes the dossier kandidaat, a
    later one renews it and withdraws the version it replaces."""
    with wijziging.wijzig(user, dossier_id, "attest.opstellen", version_id,
                          "attest_uitgereikt") as w:
        dossier, datum = w.dossier, wijziging.check_datum(datum)
        attest = _concept(user, dossier)
        _vul(attest, data)
        attest.organisatie_id = user.organisatie_id
        fout = ontbrekend(attest.inhoud)
        if fout:
            raise Ongeldig(fout)
        f = AttestFeiten(vandaag=datum, inhoud_ontbreekt=tuple(fout.values()),
                         uitreiker_toegestaan=mag_uitreiken(user.organisatie,
                                                            dossier.woonmaatschappij_id, datum))
        vorig = geldend_attest(dossier.id)
        WORKFLOW.fire(attest, "uitreiken", f=f)
        attest.uitgereikt_op = datum
        attest.geldig_tot = geldig_tot(datum, geldigheid_maanden(datum))
        db.session.flush()
        if vorig is not None and vorig.status in GELDIGE_STATUSSEN:
            vorig.status = "ingetrokken"
            vorig.ingetrokken_reden = f"vervangen door versie {attest.versie}"
        if dossier.status == "attest":
            stappen.fire(user, dossier, "attest_uitreiken", datum)
        w.details.update(attest=attest.id, versie=attest.versie)
    return attest


def bevestig(user: Gebruiker, dossier: Dossier, datum: date) -> Attest:
    """R-3.3 in the caller's transaction: confirm the dossier's issued attest on `datum`."""
    attest = geldend_attest(dossier.id)
    if dossier.status != "kandidaat" or attest is None:
        raise TransitieGeweigerd(["Enkel het uitgereikte attest van een kandidaat kan "
                                  "bevestigd worden."])
    WORKFLOW.fire(attest, "bevestigen", f=AttestFeiten(vandaag=datum,
                                                       geldig_tot=attest.geldig_tot))
    attest.bevestigd_op, attest.bevestigd_door_id = datum, user.id
    dossier.gewijzigd_op = clock.nu()
    audit.log(user, "attest_bevestigd", dossier, attest=attest.id, versie=attest.versie)
    return attest


def bevestigen(user: Gebruiker, dossier_id: int, version_id: int | None,
               datum: date | None = None) -> Attest:
    """R-3.3: at an effective toewijzing the welzijnsactor or the woonmaatschappij confirms."""
    with wijziging.wijzig(user, dossier_id, "attest.bevestigen", version_id) as w:
        return bevestig(user, w.dossier, wijziging.check_datum(datum))


def intrekken(user: Gebruiker, dossier_id: int, version_id: int | None, reden: str) -> Attest:
    """Withdraw the draft or the issued attest; the dossier keeps it in its history."""
    with wijziging.wijzig(user, dossier_id, "attest.intrekken", version_id,
                          "attest_ingetrokken") as w:
        attest = concept_attest(w.dossier.id) or geldend_attest(w.dossier.id)
        if attest is None:
            raise TransitieGeweigerd(["Er is geen attest om in te trekken."])
        WORKFLOW.fire(attest, "intrekken", f=AttestFeiten(vandaag=clock.vandaag()))
        attest.ingetrokken_reden = reden
        w.details.update(attest=attest.id, versie=attest.versie)
    return attest
