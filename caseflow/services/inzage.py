"""The client's right of access (GDPR art. 15): everything Caseflow holds about the person of a
dossier, as the hulpverlener hands it over: a printable page (or PDF) and JSON. Notes as the
hulpverlener's organisation may read them (its own and the shared ones; never another
organisation's intern notes); who viewed or changed the dossier, from the audit."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from caseflow import access, clock
from caseflow.extensions import db
from caseflow.models import AuditEvent, Dossier, Gebruiker, Toestemming
from caseflow.models.attest import attesten
from caseflow.models.casusoverleg import overleggen
from caseflow.models.signaal import signalen
from caseflow.services import audit, dossiers, privacy, ranking, rechten
from caseflow.services.dossierpagina import RANGSCHIKBAAR


@dataclass(frozen=True)
class Inzage:
    dossier: Dossier
    attesten: list
    uitleg: object
    notities: list
    signalen: list
    overleggen: list
    toestemmingen: list
    verzoeken: list
    bekeken: list[AuditEvent]
    gemaakt_op: datetime
    door: Gebruiker


def maken(user: Gebruiker, dossier_id: int, formaat: str) -> Inzage:
    """Everything about the dossier's person that the user's organisation may read; the
    export is audited with its format (I-9.2)."""
    dossier = access.dossier_in_scope(user, dossier_id, *dossiers.PAGINA)
    access.require(user, "inzage", dossier)
    uitleg = ranking.uitleg_voor(dossier, clock.vandaag()) \
        if dossier.pijler == 2 and dossier.status in RANGSCHIKBAAR else None
    inzage = Inzage(
        dossier=dossier, attesten=attesten(dossier.id), uitleg=uitleg,
        notities=privacy.notities(user, dossier), signalen=signalen(dossier.id),
        overleggen=overleggen(dossier.id),
        toestemmingen=list(db.session.scalars(select(Toestemming).where(
            Toestemming.dossier_id == dossier.id).order_by(Toestemming.id))),
        verzoeken=rechten.van_dossier(dossier.id),
        bekeken=list(db.session.scalars(select(AuditEvent).where(
            AuditEvent.dossier_id == dossier.id).options(
            joinedload(AuditEvent.gebruiker).joinedload(Gebruiker.organisatie))
            .order_by(AuditEvent.id))),
        gemaakt_op=clock.nu(), door=user)
    audit.log(user, "inzage_gemaakt", dossier, formaat=formaat)
    audit.vastleggen()
    return inzage


def _waarde(w):
    if isinstance(w, datetime | date):
        return w.isoformat()
    return w if w is None or isinstance(w, bool | int | str) else str(w)


def _velden(obj, namen: tuple[str, ...]) -> dict:
    return {n: _waarde(getattr(obj, n)) for n in namen}


PERSOON = ("nummer", "voornaam", "achternaam", "geboortedatum", "rijksregisternummer",
           "telefoon", "email", "adres", "huishouden", "aantal_kinderen",
           "cir_inschrijvingsdatum", "cir_nummer", "woonnood", "inkomen", "pijler", "status",
           "afsluitreden", "aangemaakt_op")


def als_gegevens(i: Inzage) -> dict:
    """The same content as plain data (the JSON export): ISO dates, Dutch field names."""
    d = i.dossier
    return {
        "gemaakt_op": _waarde(i.gemaakt_op), "gemaakt_door": i.door.naam,
        "persoon": _velden(d, PERSOON) | {
            "gemeente": d.gemeente.naam, "welzijnsorganisatie": d.organisatie.naam,
            "hulpverlener": d.hulpverlener.naam, "woonmaatschappij": d.woonmaatschappij.naam},
        "traject": [_velden(h, ("tijdstip", "van", "naar", "trigger", "reden", "toelichting"))
                    for h in d.historiek],
        "toewijzing": _velden(d.toewijzing, ("datum", "adres", "pijler", "doelgroep",
                                             "engagement_einde")) if d.toewijzing else None,
        "attesten": [_velden(a, ("versie", "status", "uitgereikt_op", "geldig_tot",
                                 "bevestigd_op", "begeleiding_bereik", "doorstroomklaar",
                                 "privemarkt", "privemarkt_motivering", "ingetrokken_reden"))
                     for a in i.attesten],
        "score": None if i.uitleg is None or i.uitleg.score is None else {
            "totaal": i.uitleg.score.totaal, "rang": i.uitleg.rang,
            "criteria": [{"criterium": c.naam, "regel": c.regel, "punten": c.punten,
                          "maximum": c.maximum, "uitleg": c.tekst}
                         for c in i.uitleg.criteria]},
        "notities": [_velden(n, ("aangemaakt_op", "zichtbaarheid", "tekst"))
                     | {"organisatie": n.organisatie.naam} for n in i.notities],
        "signalen": [_velden(s, ("gemeld_op", "soort", "beschrijving", "status",
                                 "gesloten_reden")) for s in i.signalen],
        "casusoverleg": [_velden(o, ("datum", "reden", "deelnemers", "samenvatting",
                                     "beslissingen")) for o in i.overleggen],
        "toestemmingen": [_velden(t, ("gegeven_op", "omvang", "ingetrokken_op"))
                          for t in i.toestemmingen],
        "verzoeken": [_velden(v, ("soort", "ontvangen_op", "uiterlijk_op", "omschrijving",
                                  "status", "antwoord", "beantwoord_op")) for v in i.verzoeken],
        "bekeken_of_gewijzigd": [
            {"tijdstip": _waarde(e.tijdstip), "actie": e.actie,
             "wie": e.gebruiker.naam if e.gebruiker else "Caseflow",
             "organisatie": e.gebruiker.organisatie.naam if e.gebruiker else None}
            for e in i.bekeken],
    }
