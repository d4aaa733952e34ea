"""The begeleidingsovereenkomst between welzijnsorganisatie and woonmaatschappij (R-6.2):
one party proposes (the agreement itself, an extension, a shortening), the other decides."""
from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

from caseflow import access, clock, formaat
from caseflow.errors import Ongeldig
from caseflow.extensions import db
from caseflow.models import Begeleidingsovereenkomst, BOVoorstel, Gebruiker
from caseflow.models.begeleiding import lopende_overeenkomst
from caseflow.models.instelling import in_voege
from caseflow.rules.begeleiding import BOFeiten
from caseflow.services import inbox, stappen, wijziging
from workflows.base import TransitieGeweigerd
from workflows.begeleidingsovereenkomst import WORKFLOW

ACTIE = "overeenkomst"


def looptijd_maanden(dag: date) -> int:
    instelling = in_voege("begeleidingsovereenkomst_maanden", dag)
    return int(instelling.waarde) if instelling else 12  # 1 year standard


def _als_partij(user: Gebruiker, dossier_id: int, version_id: int | None, actie: str, werk):
    """R-6.2: a change to the agreement by one of its two parties, as one dossier change;
    `werk(dossier, wie)` does it and returns the result."""
    with wijziging.wijzig(user, dossier_id, ACTIE, version_id, actie) as w:
        wie = access.partij(user, w.dossier)
        if wie is None:
            raise TransitieGeweigerd([
                "U bent geen partij bij deze begeleidingsovereenkomst: enkel "
                f"{w.dossier.organisatie.naam} en {w.dossier.woonmaatschappij.naam} (R-6.2)."])
        return werk(w.dossier, wie)


def voorstellen(user: Gebruiker, dossier_id: int, version_id: int | None, startdatum: date,
                reden: str | None = None) -> Begeleidingsovereenkomst:
    """One party proposes the agreement; it runs once the other party signs."""
    def werk(dossier, wie):
        if dossier.status not in ("toegewezen", "aanklampend"):
            raise TransitieGeweigerd(["Een begeleidingsovereenkomst volgt op de toewijzing "
                                      "(R-6.2)."])
        if lopende_overeenkomst(dossier.id) is not None:
            raise TransitieGeweigerd(["Er is al een lopende of voorgestelde overeenkomst."])
        bo = Begeleidingsovereenkomst(
            dossier_id=dossier.id, status="voorgesteld", startdatum=startdatum,
            geplande_einddatum=startdatum + relativedelta(months=looptijd_maanden(startdatum)),
            aangemaakt_door_id=user.id)
        db.session.add(bo)
        db.session.flush()
        voorstel = BOVoorstel(overeenkomst_id=bo.id, soort="ondertekenen", partij=wie,
                              reden=reden, status="open", voorgesteld_door_id=user.id)
        db.session.add(voorstel)
        db.session.flush()
        inbox.meld_andere_partij(dossier, wie, voorstel, "een begeleidingsovereenkomst")
        return bo
    return _als_partij(user, dossier_id, version_id, "overeenkomst_voorgesteld", werk)


def wijziging_voorstellen(user: Gebruiker, dossier_id: int, version_id: int | None, soort: str,
                          nieuwe_einddatum: date, reden: str) -> BOVoorstel:
    """Extending or shortening is proposed by one party (R-6.2)."""
    def werk(dossier, wie):
        bo = lopende_overeenkomst(dossier.id)
        if bo is None or bo.status not in ("actief", "evaluatie"):
            raise TransitieGeweigerd(["Er loopt geen begeleidingsovereenkomst."])
        if bo.open_voorstel is not None:
            raise TransitieGeweigerd(["Er wacht al een voorstel op antwoord."])
        if soort == "verlengen" and nieuwe_einddatum <= bo.geplande_einddatum:
            raise Ongeldig({"nieuwe_einddatum": "Een verlenging ligt na de huidige einddatum "
                                                f"({formaat.datum(bo.geplande_einddatum)})."})
        if soort == "verkorten" and not (bo.startdatum <= nieuwe_einddatum
                                         < bo.geplande_einddatum):
            raise Ongeldig({"nieuwe_einddatum": "Een verkorting ligt tussen de start en de "
                                                "huidige einddatum."})
        voorstel = BOVoorstel(overeenkomst_id=bo.id, soort=soort, partij=wie,
                              nieuwe_einddatum=nieuwe_einddatum, reden=reden, status="open",
                              voorgesteld_door_id=user.id)
        db.session.add(voorstel)
        db.session.flush()
        inbox.meld_andere_partij(dossier, wie, voorstel, f"de overeenkomst te {soort}")
        return voorstel
    return _als_partij(user, dossier_id, version_id, f"overeenkomst_{soort}_voorgesteld", werk)


def beslissen(user: Gebruiker, dossier_id: int, version_id: int | None, aanvaarden: bool,
              reden: str | None = None) -> BOVoorstel:
    """The other party accepts or refuses the open proposal; both steps are recorded."""
    def werk(dossier, wie):
        bo = lopende_overeenkomst(dossier.id)
        voorstel = bo.open_voorstel if bo else None
        if voorstel is None:
            raise TransitieGeweigerd(["Er is geen voorstel om over te beslissen."])
        if wie == voorstel.partij:  # the other party decides, never the proposer
            raise TransitieGeweigerd([WORKFLOW.uitleg("andere_partij_aanvaardt")])
        vandaag = clock.vandaag()
        f = BOFeiten(vandaag=vandaag, geplande_einde=bo.geplande_einddatum,
                     voorstel_soort=voorstel.soort, voorstel_partij=voorstel.partij,
                     beslisser_partij=wie, nieuwe_einde=voorstel.nieuwe_einddatum)
        if aanvaarden:
            WORKFLOW.fire(bo, voorstel.soort, f=f)
            if voorstel.nieuwe_einddatum:
                bo.geplande_einddatum = voorstel.nieuwe_einddatum
        elif voorstel.soort == "ondertekenen":
            WORKFLOW.fire(bo, "niet_ondertekenen", f=f)
        elif wie == voorstel.partij:
            raise TransitieGeweigerd([WORKFLOW.uitleg("andere_partij_aanvaardt")])
        voorstel.status = "aanvaard" if aanvaarden else "geweigerd"
        voorstel.beslist_door_id, voorstel.beslist_op = user.id, clock.nu()
        voorstel.beslissing_reden = reden
        db.session.flush()
        if aanvaarden and voorstel.soort == "ondertekenen":
            stappen.fire(user, dossier, "begeleiding_starten", vandaag)
        if aanvaarden and voorstel.soort == "verkorten" and bo.geplande_einddatum <= vandaag:
            _beeindig(user, dossier, bo, bo.geplande_einddatum)
        return voorstel
    return _als_partij(user, dossier_id, version_id, "overeenkomst_beslist", werk)


def evaluatie_starten(user: Gebruiker, dossier_id: int,
                      version_id: int | None) -> Begeleidingsovereenkomst:
    def werk(dossier, wie):
        bo = lopende_overeenkomst(dossier.id)
        if bo is None:
            raise TransitieGeweigerd(["Er loopt geen begeleidingsovereenkomst."])
        WORKFLOW.fire(bo, "evaluatie_starten",
                      f=BOFeiten(vandaag=clock.vandaag(), geplande_einde=bo.geplande_einddatum))
        return bo
    return _als_partij(user, dossier_id, version_id, "overeenkomst_evaluatie", werk)


def _beeindig(user, dossier, bo, datum) -> None:
    WORKFLOW.fire(bo, "beeindigen", f=BOFeiten(vandaag=datum,
                                               geplande_einde=bo.geplande_einddatum))
    bo.einddatum = datum
    db.session.flush()
    stappen.fire(user, dossier, "begeleiding_beeindigen", datum)


def beeindigen(user: Gebruiker, dossier_id: int, version_id: int | None,
               datum: date | None) -> Begeleidingsovereenkomst:
    """At or after the planned end; earlier is a shortening both parties accept."""
    def werk(dossier, wie):
        bo = lopende_overeenkomst(dossier.id)
        if bo is None or bo.status not in ("actief", "evaluatie"):
            raise TransitieGeweigerd(["Er loopt geen begeleidingsovereenkomst."])
        _beeindig(user, dossier, bo, wijziging.check_datum(datum))
        return bo
    return _als_partij(user, dossier_id, version_id, "overeenkomst_beeindigd", werk)
