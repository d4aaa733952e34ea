"""Signalen on an allocated dossier (I-7.1): raised by the huurbegeleider, followed up by the
welzijnsorganisatie within werkdagen (I-7.2), escalated when arrears reach 2 months or a
deadline passes (I-7.3); after the engagement without obligation (I-7.4)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm.attributes import flag_modified

from caseflow import clock
from caseflow.errors import NietGevonden, Ongeldig
from caseflow.extensions import db
from caseflow.models import Dossier, EscalatieStap, Gebruiker, Signaal
from caseflow.models.instelling import in_voege
from caseflow.models.signaal import ESCALATIESTAPPEN
from caseflow.rules.signaal import (
    SOORTEN,
    TERMIJNEN,
    SignaalFeiten,
    deadline,
    escaleert_automatisch,
)
from caseflow.services import audit, inbox, wijziging
from workflows.base import TransitieGeweigerd
from workflows.signaal import WORKFLOW

# The steps of a signaal a person takes; who may take each is the access policy's
# "signaal.<step>".
STAPPEN = ("aanvragen", "erkennen", "contact_leggen", "casusoverleg_houden", "oplossen",
           "escaleren", "sluiten")


def termijnen(dag: date) -> tuple[tuple[str, int], ...]:
    """I-7.2 deadlines in werkdagen as configured on `dag` (defaults from RULES.md)."""
    instelling = in_voege("signaal_termijnen", dag)
    return tuple((instelling.waarde if instelling else TERMIJNEN).items())


def feiten(signaal: Signaal, dossier: Dossier, vandaag: date | None = None,
           termijnen_: tuple | None = None) -> SignaalFeiten:
    """`termijnen_`: the I-7.2 deadlines when the caller read them already (an import reads
    them once for all its rows, not once per row)."""
    return SignaalFeiten(
        termijnen=termijnen_ or termijnen(signaal.aangevraagd_op or vandaag or clock.vandaag()),
        vandaag=vandaag or clock.vandaag(), soort=signaal.soort,
        maanden_achterstand=signaal.maanden or 0,
        engagement_einde=dossier.toewijzing.engagement_einde if dossier.toewijzing else None,
        aangevraagd_op=signaal.aangevraagd_op)


def volgende_termijn(signaal: Signaal, dossier: Dossier) -> tuple[str, date] | None:
    """I-7.2: the next step due and its date, so the page shows it before any reminder."""
    return volgende_termijn_van(signaal.status, signaal.verplicht, signaal.aangevraagd_op)


def volgende_termijn_van(status: str, verplicht: bool,
                         aangevraagd_op: date | None) -> tuple[str, date] | None:
    """`volgende_termijn` from the three columns it depends on: a list of many requests reads
    those, not the signalen and their dossiers. The deadlines in force on the day of the
    request (I-7.2)."""
    stap = {"aanvraag": "erkennen", "erkend": "contact", "contact": "casusoverleg"}.get(status)
    if stap is None or not verplicht or aangevraagd_op is None:
        return None
    # The deadline depends on the day of the request only (`vandaag` is not read).
    return stap, deadline(SignaalFeiten(vandaag=aangevraagd_op, aangevraagd_op=aangevraagd_op,
                                        termijnen=termijnen(aangevraagd_op)), stap)


def melden(user: Gebruiker, dossier_id: int, version_id: int | None, soort: str,
           beschrijving: str, bedrag: Decimal | None = None,
           maanden: int | None = None) -> Signaal:
    with wijziging.wijzig(user, dossier_id, "signaal.melden", version_id,
                          "signaal_gemeld") as w:
        dossier = w.dossier
        if dossier.toewijzing is None:
            raise TransitieGeweigerd(["Een signaal hoort bij een toegewezen woning (I-7.1)."])
        _check_melding(soort, bedrag, maanden)
        signaal = Signaal(dossier_id=dossier.id, soort=soort, beschrijving=beschrijving,
                          bedrag=bedrag, maanden=maanden, status="gemeld",
                          gemeld_door_id=user.id)
        db.session.add(signaal)
        db.session.flush()
        escaleer_automatisch(user, signaal, dossier, feiten(signaal, dossier, clock.vandaag()))
        w.details.update(signaal=signaal.id, soort=soort)
    return signaal


def _check_melding(soort: str, bedrag: Decimal | None, maanden: int | None) -> None:
    fouten = {}
    if soort not in SOORTEN:
        fouten["soort"] = "Kies het soort signaal."
    if soort == "huurachterstand":
        if bedrag is None:
            fouten["bedrag"] = "Vul het bedrag van de achterstand in."
        if maanden is None:
            fouten["maanden"] = "Vul het aantal maanden huur achterstand in."
    if fouten:
        raise Ongeldig(fouten)


def escaleer_automatisch(user: Gebruiker, signaal: Signaal, dossier: Dossier, f: SignaalFeiten,
                        activiteit_later: bool = False) -> bool:
    """I-7.3, I-7.3b: 2 months of arrears or more, during the engagement, request aanklampende
    begeleiding by themselves and the coördinatoren of the welzijnsorganisatie in charge get
    a melding; the one place for the signaal form and the arrears import."""
    if signaal.status != "gemeld" or not escaleert_automatisch(f) or \
            WORKFLOW.waarom_niet("gemeld", "aanvragen", f=f):
        return False
    aanvragen(signaal, f.vandaag)
    signaal.coordinator_verwittigd_op = f.vandaag
    if signaal.id is None:
        db.session.flush()
    inbox.meld(inbox.actieve("coordinator", dossier.organisatie_id),
               "signaal_automatisch_geescaleerd", signaal,
               f"Huurachterstand van {signaal.maanden} maanden bij {inbox.label(dossier)}: "
               "aanklampende begeleiding automatisch aangevraagd (I-7.3).",
               f"/dossiers/{dossier.id}#signalen", f.vandaag)
    audit.log(user, "signaal_automatisch_geescaleerd", dossier, activiteit_later=activiteit_later,
              signaal=signaal.id)
    return True


def aanvragen(signaal: Signaal, vandaag: date) -> None:
    """The request obliges the welzijnsorganisatie from today (I-7.2, I-7.4)."""
    signaal.status, signaal.aangevraagd_op, signaal.verplicht = "aanvraag", vandaag, True


def _signaal_van(signaal_id: int):
    def zoek(dossier: Dossier) -> Signaal:
        signaal = db.session.get(Signaal, signaal_id)
        if signaal is None or signaal.dossier_id != dossier.id:
            raise NietGevonden()
        return signaal
    return zoek


def stap(user: Gebruiker, dossier_id: int, signaal_id: int, version_id: int | None,
         trigger: str, reden: str | None = None) -> Signaal:
    if trigger not in STAPPEN:
        raise NietGevonden()
    with wijziging.wijzig(user, dossier_id, f"signaal.{trigger}", version_id,
                          f"signaal_{trigger}", onderdeel=_signaal_van(signaal_id)) as w:
        signaal, vandaag = w.onderdeel, clock.vandaag()
        WORKFLOW.fire(signaal, trigger, f=feiten(signaal, w.dossier, vandaag))
        if trigger == "aanvragen":
            aanvragen(signaal, vandaag)
        if trigger == "escaleren":
            signaal.coordinator_verwittigd_op = vandaag
        if trigger == "sluiten":
            signaal.gesloten_reden = reden
        w.details.update(signaal=signaal.id, reden=reden)
    return signaal


def escalatiestap(user: Gebruiker, dossier_id: int, signaal_id: int, version_id: int | None,
                  soort: str, datum: date | None) -> EscalatieStap:
    """I-7.3a: the steps of the landlord's arrears procedure, each with its date."""
    with wijziging.wijzig(user, dossier_id, "signaal.escalatiestap", version_id,
                          "escalatiestap", onderdeel=_signaal_van(signaal_id)) as w:
        if soort not in ESCALATIESTAPPEN:
            raise Ongeldig({"stap": "Kies een stap."})
        record = EscalatieStap(signaal_id=w.onderdeel.id, stap=soort,
                               datum=wijziging.check_datum(datum),
                               geregistreerd_door_id=user.id)
        db.session.add(record)
        flag_modified(w.onderdeel, "status")  # the signaal's version moves with its steps
        w.details.update(signaal=w.onderdeel.id, stap=soort)
    return record
