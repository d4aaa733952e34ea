"""The dossier workflow's steps: the facts its guards read, the actions a user may take now,
and firing one step with what it records (the toewijzing, the closing, the timeline, the
audit). A step runs in the caller's transaction; `transitie` is the one that commits."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from dateutil.relativedelta import relativedelta
from sqlalchemy import select

from caseflow import access, clock, formaat
from caseflow.errors import Ongeldig
from caseflow.extensions import db
from caseflow.models import Dossier, DossierHistoriek, Gebruiker, Voorstel, Woning
from caseflow.models.attest import geldend_attest
from caseflow.models.begeleiding import lopende_overeenkomst
from caseflow.models.pijler3 import pijler3_toeleiding
from caseflow.models.signaal import signalen
from caseflow.models.signalering import knipperlicht, sociaal_verslag
from caseflow.rules.dossier import AFSLUITREDENEN, DossierFeiten
from caseflow.rules.signaal import VERPLICHTEND_OPEN
from caseflow.services import audit, inbox, toewijzingen, wijziging
from workflows.base import Actie, TransitieGeweigerd
from workflows.dossier import WORKFLOW


def feiten(dossier: Dossier, vandaag: date | None = None) -> DossierFeiten:
    attest = geldend_attest(dossier.id)
    gesloten_vanuit = None
    if dossier.status == "afgesloten":
        gesloten_vanuit = db.session.scalar(
            select(DossierHistoriek.van).where(
                DossierHistoriek.dossier_id == dossier.id, DossierHistoriek.naar == "afgesloten"
            ).order_by(DossierHistoriek.id.desc()).limit(1)
        )
    licht = knipperlicht(dossier.id)
    verslag = sociaal_verslag(dossier.id)
    return DossierFeiten(
        vandaag=vandaag or clock.vandaag(),
        knipperlicht=licht is not None and licht.overleg_op is not None,
        knipperlicht_zonder_overleg=licht is not None and licht.overleg_op is None,
        bijzondere_omstandigheden=dossier.woonnood == "bijzondere_omstandigheden",
        sociaal_verslag_goedgekeurd=verslag is not None and verslag.status == "goedgekeurd",
        cir_ingeschreven=bool(dossier.cir_inschrijvingsdatum and dossier.cir_nummer),
        pijler3_toeleiding_ontbreekt=dossier.pijler == 3
        and pijler3_toeleiding(dossier.id) is None,
        attest_status=attest.status if attest else None,
        attest_geldig_tot=attest.geldig_tot if attest else None,
        begeleidingsovereenkomst_actief=(bo := lopende_overeenkomst(dossier.id)) is not None
        and bo.status in ("actief", "evaluatie"),
        engagement_einde=dossier.toewijzing.engagement_einde if dossier.toewijzing else None,
        gesloten_vanuit=gesloten_vanuit,
        pijler=dossier.pijler,
        voorstel_aanvaard=dossier.status == "kandidaat" and _voorstel_aanvaard(dossier.id),
        zonder_bo_akkoord=dossier.zonder_bo_akkoord,
        verplicht_signaal_open=dossier.toewijzing is not None
        and _verplicht_signaal_open(dossier.id),
    )


def _voorstel_aanvaard(dossier_id: int) -> bool:
    """R-4.8: the candidate accepted the proposal of a vacancy that is still open."""
    return db.session.scalar(select(Voorstel.id).join(Woning, Woning.id == Voorstel.woning_id)
                             .where(Voorstel.dossier_id == dossier_id,
                                    Voorstel.status == "aanvaard", Woning.status == "open")
                             .limit(1)) is not None


def _verplicht_signaal_open(dossier_id: int) -> bool:
    """I-7.4a: a request for aanklampende begeleiding that still obliges."""
    return any(s.verplicht and s.status in VERPLICHTEND_OPEN for s in signalen(dossier_id))


def acties(user: Gebruiker, dossier: Dossier) -> list[Actie]:
    """The workflow actions this user may take on this dossier, with reasons when blocked."""
    f = feiten(dossier)
    result = []
    for actie in WORKFLOW.acties(dossier.status, f=f):
        if not access.may(user, actie.trigger, dossier):
            continue
        if actie.trigger in MAAKT_EIGEN_VOORWAARDE:
            # The action itself creates what its guard asks for; checked when it is performed.
            actie = Actie(actie.trigger, actie.label, True, ())
        elif actie.trigger == ZONDER_OVEREENKOMST:
            actie = _zonder_overeenkomst_actie(user, dossier, f)
        result.append(actie)
    return result


ZONDER_OVEREENKOMST = "zonder_begeleiding_opvolgen"


def _zonder_overeenkomst_actie(user: Gebruiker, dossier: Dossier, f: DossierFeiten) -> Actie:
    """R-6.2: pressing the button is this party's agreement; the other party's completes it."""
    redenen = WORKFLOW.waarom_niet(dossier.status, ZONDER_OVEREENKOMST,
                                   f=replace(f, zonder_bo_akkoord="beide"))
    label = WORKFLOW.labels[ZONDER_OVEREENKOMST]
    if dossier.pijler == 3 and not redenen:
        if dossier.zonder_bo_akkoord == access.partij(user, dossier):
            redenen = ["U ging al akkoord; de andere partij moet nog akkoord gaan (R-6.2)."]
        elif dossier.zonder_bo_akkoord is None:
            label = f"{label}: akkoord voorstellen (R-6.2)"
        else:
            label = f"{label}: akkoord bevestigen (R-6.2)"
    return Actie(ZONDER_OVEREENKOMST, label, not redenen, tuple(redenen))


def akkoord_zonder_overeenkomst(user: Gebruiker, dossier: Dossier, datum: date) -> bool:
    """R-6.2: for pijler 3 both parties agree to follow up without a begeleidingsovereenkomst.
    The first agreement is recorded on the timeline and waits for the other party; returns
    True when the step may go ahead (pijler 2, or the second party agreeing now)."""
    if dossier.pijler != 3 or dossier.organisatie_id == dossier.woonmaatschappij_id:
        dossier.zonder_bo_akkoord = "beide" if dossier.pijler == 3 else None
        return True
    redenen = WORKFLOW.waarom_niet(dossier.status, ZONDER_OVEREENKOMST, f=replace(
        feiten(dossier, datum), zonder_bo_akkoord="beide"))
    wie = access.partij(user, dossier)
    if redenen or wie is None:
        raise TransitieGeweigerd(redenen or ["Enkel de welzijnsorganisatie en de "
                                             "woonmaatschappij van dit dossier beslissen dit "
                                             "(R-6.2)."])
    if dossier.zonder_bo_akkoord not in (None, wie):
        dossier.zonder_bo_akkoord = "beide"
        return True
    andere = dossier.woonmaatschappij if wie == "welzijn" else dossier.organisatie
    dossier.zonder_bo_akkoord = wie
    db.session.add(DossierHistoriek(
        dossier_id=dossier.id, van=dossier.status, naar=dossier.status,
        trigger="akkoord_zonder_overeenkomst", gebruiker_id=user.id,
        reden=f"{user.organisatie.naam} gaat akkoord om op te volgen zonder "
              f"begeleidingsovereenkomst; wacht op het akkoord van {andere.naam} (R-6.2)."))
    audit.log(user, "akkoord_zonder_overeenkomst", dossier)
    inbox.meld_andere_partij(dossier, wie, dossier, "op te volgen zonder begeleidingsovereenkomst")
    return False


def _prepare_toewijzen(user, dossier, datum, gegevens=None, **_):
    """Record where and how the dwelling was allocated; pijler 3 within its quota (R-5.3)."""
    toewijzingen.registreer(user, dossier, datum, gegevens or {})


def _prepare_afsluiten(user, dossier, reden, datum, gegevens=None, **_):
    dossier.afsluitreden = reden
    if dossier.toewijzing is not None and gegevens:
        t = dossier.toewijzing
        for jaren, veld in ((1, "woonbehoud_1_jaar"), (2, "woonbehoud_2_jaar")):
            waarde = gegevens.get(veld)
            if waarde is not None and datum < t.datum + relativedelta(years=jaren):
                raise Ongeldig({veld: f"Woonbehoud na {jaren} jaar is pas gekend vanaf "
                                      f"{formaat.datum(t.datum + relativedelta(years=jaren))}."})
            setattr(t, veld, waarde)


def _prepare_heropenen(user, dossier, **_):
    dossier.afsluitreden = None


VOORBEREIDING = {
    "toewijzen": _prepare_toewijzen,
    "afsluiten": _prepare_afsluiten,
    "heropenen": _prepare_heropenen,
}


# Actions whose form supplies what their guard checks (the attest, the agreement, the reason).
MAAKT_EIGEN_VOORWAARDE = {"attest_uitreiken", "afsluiten"}


def fire(user: Gebruiker | None, dossier: Dossier, trigger: str, datum: date, *,
         reden: str | None = None, toelichting: str | None = None,
         gegevens: dict | None = None, vermelding: str | None = None) -> None:
    """Prepare, fire and record one transition in the caller's transaction (no commit).
    `user` is None when Caseflow itself acts (the scheduler closing an ended engagement).
    `toelichting` is what a person typed (shown under the consent rule, R-9.1); `vermelding`
    is Caseflow's own note on the step (the dwelling, the automatic closing)."""
    van = dossier.status
    if trigger not in MAAKT_EIGEN_VOORWAARDE:
        # Say why the step is impossible before asking about the data it would record.
        redenen = WORKFLOW.waarom_niet(van, trigger, f=feiten(dossier, vandaag=datum),
                                       reden=reden)
        if redenen:
            raise TransitieGeweigerd(redenen)
    if trigger in VOORBEREIDING:
        VOORBEREIDING[trigger](user, dossier, datum=datum, reden=reden, gegevens=gegevens)
        db.session.flush()
    WORKFLOW.fire(dossier, trigger, f=feiten(dossier, vandaag=datum), reden=reden)
    db.session.add(DossierHistoriek(
        dossier_id=dossier.id, van=van, naar=dossier.status, trigger=trigger,
        gebruiker_id=user.id if user else None,
        reden=_historiek_reden(reden, datum, trigger, vermelding), toelichting=toelichting,
    ))
    audit.log(user, "dossier_transitie", dossier, trigger=trigger, van=van, naar=dossier.status)


def transitie(user: Gebruiker, dossier_id: int, trigger: str, version_id: int | None, *,
              datum: date | None = None, reden: str | None = None,
              toelichting: str | None = None, gegevens: dict | None = None) -> Dossier:
    """Perform a workflow action; on refusal nothing is saved and the reasons are raised."""
    with wijziging.wijzig(user, dossier_id, trigger, version_id) as w:
        datum = wijziging.check_datum(datum)
        if trigger != ZONDER_OVEREENKOMST or akkoord_zonder_overeenkomst(user, w.dossier, datum):
            fire(user, w.dossier, trigger, datum, reden=reden, toelichting=toelichting,
                 gegevens=gegevens)
    return w.dossier


def _historiek_reden(reden, datum, trigger, vermelding) -> str | None:
    delen = []
    if reden:
        delen.append(AFSLUITREDENEN.get(reden, reden))
    if trigger in VOORBEREIDING and trigger not in {"afsluiten", "heropenen"}:
        delen.append(f"datum {formaat.datum(datum)}")
    if vermelding:
        delen.append(vermelding)
    return "; ".join(delen) or None
