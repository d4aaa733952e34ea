"""Signalen on an allocated dossier (I-7.1): raised by the huurbegeleider, followed up by the
welzijnsorganisatie within werkdagen (I-7.2), escalated when arrears reach 2 months or a
deadline passes (I-7.3); after the engagement without obligation (I-7.4)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm.attributes import flag_modified
from werkzeug.exceptions import Forbidden, NotFound

from caseflow import access, clock
from caseflow.extensions import db
from caseflow.models import Dossier, EscalatieStap, Gebruiker, Signaal
from caseflow.models.signaal import ESCALATIESTAPPEN
from caseflow.rules.signaal import SOORTEN, SignaalFeiten, deadline, escaleert_automatisch
from caseflow.services import audit, dossiers, inbox, locking
from caseflow.services.errors import Ongeldig
from workflows.base import TransitieGeweigerd
from workflows.signaal import WORKFLOW

ROLLEN = {
    "aanvragen": {"huurbegeleider"},
    "erkennen": {"hulpverlener"},
    "contact_leggen": {"hulpverlener"},
    "casusoverleg_houden": {"hulpverlener", "huurbegeleider"},
    "oplossen": {"hulpverlener", "huurbegeleider"},
    "escaleren": {"huurbegeleider", "coordinator"},
    "sluiten": {"huurbegeleider"},
}


def termijnen(dag: date) -> tuple[tuple[str, int], ...]:
    """I-7.2 deadlines in werkdagen as configured on `dag` (defaults from RULES.md)."""
    from caseflow.models.instelling import in_voege
    from caseflow.rules.signaal import TERMIJNEN

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
    stap = {"aanvraag": "erkennen", "erkend": "contact", "contact": "casusoverleg"}.get(
        signaal.status)
    if stap is None or not signaal.verplicht:
        return None
    return stap, deadline(feiten(signaal, dossier), stap)


def melden(user: Gebruiker, dossier_id: int, version_id: int | None, soort: str,
           beschrijving: str, bedrag: Decimal | None = None, maanden: int | None = None,
           terug_url: str = "/") -> Signaal:
    dossier = dossiers.laad(user, dossier_id, "signaal.melden", version_id, terug_url)
    if dossier.toewijzing is None:
        raise TransitieGeweigerd(["Een signaal hoort bij een toegewezen woning (I-7.1)."])
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
    vandaag = clock.vandaag()
    signaal = Signaal(dossier_id=dossier.id, soort=soort, beschrijving=beschrijving,
                      bedrag=bedrag, maanden=maanden, status="gemeld", gemeld_door_id=user.id)
    db.session.add(signaal)
    db.session.flush()
    escaleer_automatisch(user, signaal, dossier, feiten(signaal, dossier, vandaag))
    dossier.gewijzigd_op = clock.nu()
    audit.log(user, "signaal_gemeld", dossier, signaal=signaal.id, soort=soort)
    dossiers.commit(dossier, terug_url)
    return signaal


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


def _laad(user, dossier_id, signaal_id, version_id, terug_url) -> tuple[Dossier, Signaal]:
    dossier = access.dossier_or_404(user, dossier_id)
    signaal = db.session.get(Signaal, signaal_id)
    if signaal is None or signaal.dossier_id != dossier.id:
        raise NotFound()
    locking.check_version(signaal, version_id, "Dit signaal werd intussen gewijzigd.",
                          terug_url)
    return dossier, signaal


def stap(user: Gebruiker, dossier_id: int, signaal_id: int, version_id: int | None,
         trigger: str, reden: str | None = None, terug_url: str = "/") -> Signaal:
    dossier, signaal = _laad(user, dossier_id, signaal_id, version_id, terug_url)
    if user.rol not in ROLLEN.get(trigger, set()):
        raise Forbidden()
    vandaag = clock.vandaag()
    try:
        WORKFLOW.fire(signaal, trigger, f=feiten(signaal, dossier, vandaag))
    except TransitieGeweigerd as e:
        dossiers.geweigerd(user, dossier, f"signaal_{trigger}", e)
        raise
    if trigger == "aanvragen":
        aanvragen(signaal, vandaag)
    if trigger == "escaleren":
        signaal.coordinator_verwittigd_op = vandaag
    if trigger == "sluiten":
        signaal.gesloten_reden = reden
    audit.log(user, f"signaal_{trigger}", dossier, signaal=signaal.id, reden=reden)
    locking.commit("Dit signaal werd intussen gewijzigd.", terug_url)
    return signaal


def escalatiestap(user: Gebruiker, dossier_id: int, signaal_id: int, version_id: int | None,
                  soort: str, datum: date | None, terug_url: str = "/") -> EscalatieStap:
    """I-7.3a: the steps of the landlord's arrears procedure, each with its date."""
    dossier, signaal = _laad(user, dossier_id, signaal_id, version_id, terug_url)
    if user.rol != "huurbegeleider":
        raise Forbidden()
    if soort not in ESCALATIESTAPPEN:
        raise Ongeldig({"stap": "Kies een stap."})
    record = EscalatieStap(signaal_id=signaal.id, stap=soort,
                           datum=dossiers.check_datum(datum), geregistreerd_door_id=user.id)
    db.session.add(record)
    flag_modified(signaal, "status")  # the signaal's version moves with its steps
    audit.log(user, "escalatiestap", dossier, signaal=signaal.id, stap=soort)
    locking.commit("Dit signaal werd intussen gewijzigd.", terug_url)
    return record
