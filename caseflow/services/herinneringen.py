"""One sweep over the due dates in the database (issue 6, first step): it works from the state,
not from timer firings, so a sweep after downtime catches up by itself; every reminder has a
unique key, so running it twice creates nothing twice."""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import (Actiepunt, Attest, Casusoverleg, Dossier, Gebruiker, Notificatie,
                             Signaal)
from caseflow.rules.attest import AttestFeiten
from caseflow.services import audit, signalen
from workflows.attest import WORKFLOW as ATTEST

VOORAF = {"attest_verloopt": 30, "actiepunt_vervalt": 2}


def _label(dossier: Dossier) -> str:
    """No sensitive content in a reminder: the dossier number and initials only."""
    return f"{dossier.nummer} ({dossier.voornaam[:1]}.{dossier.achternaam[:1]}.)"


class _Sweep:
    def __init__(self, vandaag: date):
        self.vandaag = vandaag
        self.nieuw: Counter[str] = Counter()

    def maak(self, soort: str, obj, vervaldatum: date, ontvanger_id: int, tekst: str,
             link: str) -> None:
        sleutel = dict(soort=soort, object_type=type(obj).__name__.lower(), object_id=obj.id,
                       vervaldatum=vervaldatum, ontvanger_id=ontvanger_id)
        if db.session.scalar(select(Notificatie.id).filter_by(**sleutel)) is not None:
            return
        try:
            with db.session.begin_nested():
                db.session.add(Notificatie(**sleutel, tekst=tekst[:300], link=link))
        except IntegrityError:  # another sweep created it meanwhile
            return
        self.nieuw[soort] += 1

    def attesten(self) -> None:
        grens = self.vandaag + timedelta(days=VOORAF["attest_verloopt"])
        for attest, dossier in db.session.execute(
                select(Attest, Dossier).join(Dossier, Dossier.id == Attest.dossier_id)
                .where(Attest.status == "uitgereikt", Attest.geldig_tot <= grens)).all():
            link = f"/dossiers/{dossier.id}"
            if attest.geldig_tot < self.vandaag:
                ATTEST.fire(attest, "laten_verlopen",
                            f=AttestFeiten(vandaag=self.vandaag, geldig_tot=attest.geldig_tot))
                audit.log(None, "attest_verlopen", dossier, attest=attest.id)
                self.maak("attest_verlopen", attest, attest.geldig_tot, dossier.hulpverlener_id,
                          f"Attest van {_label(dossier)} is verlopen op "
                          f"{attest.geldig_tot:%d/%m/%Y}.", link)
            else:
                self.maak("attest_verloopt", attest, attest.geldig_tot, dossier.hulpverlener_id,
                          f"Attest van {_label(dossier)} verloopt op "
                          f"{attest.geldig_tot:%d/%m/%Y}.", link)

    def actiepunten(self) -> None:
        grens = self.vandaag + timedelta(days=VOORAF["actiepunt_vervalt"])
        for punt, dossier in db.session.execute(
                select(Actiepunt, Dossier)
                .join(Casusoverleg, Casusoverleg.id == Actiepunt.casusoverleg_id)
                .join(Dossier, Dossier.id == Casusoverleg.dossier_id)
                .where(Actiepunt.gedaan_op.is_(None), Actiepunt.vervaldatum <= grens)).all():
            soort = "actiepunt_te_laat" if punt.vervaldatum < self.vandaag else \
                "actiepunt_vervalt"
            self.maak(soort, punt, punt.vervaldatum, punt.eigenaar_id,
                      f"Actiepunt voor {_label(dossier)}: uiterlijk {punt.vervaldatum:%d/%m/%Y}.",
                      f"/dossiers/{dossier.id}#overleg")

    def signaaltermijnen(self) -> None:
        """I-7.3: a missed deadline goes to the coördinatoren of the welzijnsorganisatie."""
        for s, dossier in db.session.execute(
                select(Signaal, Dossier).join(Dossier, Dossier.id == Signaal.dossier_id)
                .where(Signaal.verplicht, Signaal.status.in_(("aanvraag", "erkend", "contact")),
                       Signaal.aangevraagd_op < self.vandaag)).all():
            termijn = signalen.volgende_termijn(s, dossier)
            if termijn is None or termijn[1] >= self.vandaag:
                continue
            coordinatoren = db.session.scalars(select(Gebruiker.id).where(
                Gebruiker.rol == "coordinator", Gebruiker.actief,
                Gebruiker.organisatie_id == dossier.organisatie_id)).all()
            for ontvanger in coordinatoren:
                self.maak("signaal_termijn", s, termijn[1], ontvanger,
                          f"Termijn '{termijn[0]}' van een signaal bij {_label(dossier)} "
                          f"verstreek op {termijn[1]:%d/%m/%Y}.", f"/dossiers/{dossier.id}#signalen")


def verwerk(vandaag: date | None = None) -> dict:
    """Run one sweep now; report what it created (`nieuw`, `per_soort`)."""
    sweep = _Sweep(vandaag or clock.vandaag())
    sweep.attesten()
    sweep.actiepunten()
    sweep.signaaltermijnen()
    db.session.commit()
    return {"nieuw": sum(sweep.nieuw.values()), "per_soort": dict(sweep.nieuw)}


