"""The begeleidingsovereenkomst between welzijnsorganisatie and woonmaatschappij (R-6.2):
one party proposes (the agreement itself, an extension, a shortening), the other decides."""
from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Begeleidingsovereenkomst, BOVoorstel, Dossier, Gebruiker
from caseflow.models.begeleiding import lopende_overeenkomst
from caseflow.models.instelling import in_voege
from caseflow.rules.begeleiding import BOFeiten
from caseflow.services import audit, dossiers
from caseflow.services.errors import Ongeldig
from workflows.base import TransitieGeweigerd
from workflows.begeleidingsovereenkomst import WORKFLOW

ACTIE = "overeenkomst"


def partij(user: Gebruiker, dossier: Dossier) -> str | None:
    """Which party of the agreement the user speaks for, if any."""
    if user.organisatie_id == dossier.organisatie_id:
        return "welzijn"
    if user.organisatie_id == dossier.woonmaatschappij_id:
        return "wonen"
    return None


def looptijd_maanden(dag: date) -> int:
    instelling = in_voege("begeleidingsovereenkomst_maanden", dag)
    return int(instelling.waarde) if instelling else 12  # 1 year standard


def _laad(user: Gebruiker, dossier_id: int, version_id, terug_url) -> tuple[Dossier, str]:
    dossier = dossiers.laad(user, dossier_id, ACTIE, version_id, terug_url)
    wie = partij(user, dossier)
    if wie is None:
        raise TransitieGeweigerd(["U bent geen partij bij deze begeleidingsovereenkomst: enkel "
                                  f"{dossier.organisatie.naam} en {dossier.woonmaatschappij.naam}"
                                  " (R-6.2)."])
    return dossier, wie


def _uitvoeren(user, dossier, actie, terug_url, werk):
    try:
        resultaat = werk()
    except (TransitieGeweigerd, Ongeldig) as e:
        dossiers.geweigerd(user, dossier, actie, e)
        raise
    dossier.gewijzigd_op = clock.nu()
    audit.log(user, actie, dossier)
    dossiers.commit(dossier, terug_url)
    return resultaat


def voorstellen(user: Gebruiker, dossier_id: int, version_id: int | None, startdatum: date,
                reden: str | None = None, terug_url: str = "/") -> Begeleidingsovereenkomst:
    """One party proposes the agreement; it runs once the other party signs."""
    dossier, wie = _laad(user, dossier_id, version_id, terug_url)

    def werk():
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
        meld_andere_partij(dossier, wie, voorstel, "een begeleidingsovereenkomst")
        return bo
    return _uitvoeren(user, dossier, "overeenkomst_voorgesteld", terug_url, werk)


def wijziging_voorstellen(user: Gebruiker, dossier_id: int, version_id: int | None, soort: str,
                          nieuwe_einddatum: date, reden: str, terug_url: str = "/"
                          ) -> BOVoorstel:
    """Extending or shortening is proposed by one party (R-6.2)."""
    dossier, wie = _laad(user, dossier_id, version_id, terug_url)

    def werk():
        bo = lopende_overeenkomst(dossier.id)
        if bo is None or bo.status not in ("actief", "evaluatie"):
            raise TransitieGeweigerd(["Er loopt geen begeleidingsovereenkomst."])
        if bo.open_voorstel is not None:
            raise TransitieGeweigerd(["Er wacht al een voorstel op antwoord."])
        if soort == "verlengen" and nieuwe_einddatum <= bo.geplande_einddatum:
            raise Ongeldig({"nieuwe_einddatum": "Een verlenging ligt na de huidige einddatum "
                                                f"({bo.geplande_einddatum:%d/%m/%Y})."})
        if soort == "verkorten" and not (bo.startdatum <= nieuwe_einddatum
                                         < bo.geplande_einddatum):
            raise Ongeldig({"nieuwe_einddatum": "Een verkorting ligt tussen de start en de "
                                                "huidige einddatum."})
        voorstel = BOVoorstel(overeenkomst_id=bo.id, soort=soort, partij=wie,
                              nieuwe_einddatum=nieuwe_einddatum, reden=reden, status="open",
                              voorgesteld_door_id=user.id)
        db.session.add(voorstel)
        db.session.flush()
        meld_andere_partij(dossier, wie, voorstel, f"de overeenkomst te {soort}")
        return voorstel
    return _uitvoeren(user, dossier, f"overeenkomst_{soort}_voorgesteld", terug_url, werk)


def andere_partij(dossier: Dossier, wie: str) -> list[int]:
    """Who answers for the other party: the hulpverlener in charge, or the woonmaatschappij's
    huurbegeleiders."""
    from caseflow.services import inbox

    if wie == "wonen":
        return [dossier.hulpverlener_id]
    return inbox.actieve("huurbegeleider", dossier.woonmaatschappij_id)


def meld_andere_partij(dossier: Dossier, wie: str, obj, wat: str) -> None:
    """R-6.2: a proposal waits for the other party; they hear of it (a melding)."""
    from caseflow.services import inbox

    inbox.meld(andere_partij(dossier, wie), "voorstel_wacht", obj,
               f"{inbox.label(dossier)}: de andere partij stelt {wat} voor; uw beslissing "
               "wordt gevraagd (R-6.2).", f"/dossiers/{dossier.id}#overeenkomst")


def beslissen(user: Gebruiker, dossier_id: int, version_id: int | None, aanvaarden: bool,
              reden: str | None = None, terug_url: str = "/") -> BOVoorstel:
    """The other party accepts or refuses the open proposal; both steps are recorded."""
    dossier, wie = _laad(user, dossier_id, version_id, terug_url)

    def werk():
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
            dossiers.fire(user, dossier, "begeleiding_starten", vandaag)
        if aanvaarden and voorstel.soort == "verkorten" and bo.geplande_einddatum <= vandaag:
            _beeindig(user, dossier, bo, bo.geplande_einddatum)
        return voorstel
    return _uitvoeren(user, dossier, "overeenkomst_beslist", terug_url, werk)


def evaluatie_starten(user: Gebruiker, dossier_id: int, version_id: int | None,
                      terug_url: str = "/") -> Begeleidingsovereenkomst:
    dossier, _ = _laad(user, dossier_id, version_id, terug_url)

    def werk():
        bo = lopende_overeenkomst(dossier.id)
        if bo is None:
            raise TransitieGeweigerd(["Er loopt geen begeleidingsovereenkomst."])
        WORKFLOW.fire(bo, "evaluatie_starten",
                      f=BOFeiten(vandaag=clock.vandaag(), geplande_einde=bo.geplande_einddatum))
        return bo
    return _uitvoeren(user, dossier, "overeenkomst_evaluatie", terug_url, werk)


def _beeindig(user, dossier, bo, datum) -> None:
    WORKFLOW.fire(bo, "beeindigen", f=BOFeiten(vandaag=datum,
                                               geplande_einde=bo.geplande_einddatum))
    bo.einddatum = datum
    db.session.flush()
    dossiers.fire(user, dossier, "begeleiding_beeindigen", datum)


def beeindigen(user: Gebruiker, dossier_id: int, version_id: int | None, datum: date | None,
               terug_url: str = "/") -> Begeleidingsovereenkomst:
    """At or after the planned end; earlier is a shortening both parties accept."""
    dossier, _ = _laad(user, dossier_id, version_id, terug_url)

    def werk():
        bo = lopende_overeenkomst(dossier.id)
        if bo is None or bo.status not in ("actief", "evaluatie"):
            raise TransitieGeweigerd(["Er loopt geen begeleidingsovereenkomst."])
        _beeindig(user, dossier, bo, dossiers.check_datum(datum))
        return bo
    return _uitvoeren(user, dossier, "overeenkomst_beeindigd", terug_url, werk)
