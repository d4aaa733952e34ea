"""The impact simulation of the wegingskader (R-8.3): a woonmaatschappij's current waiting list
or an uploaded file, run month by month; the run is audited (I-9.2)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from caseflow import access
from caseflow.extensions import db
from caseflow.models import Gebruiker
from caseflow.services import attesten, audit, kandidatenlijst, ranking, wegingskader

VOORBEELD = ("id;woonnood;huishouden;inkomen;begeleiding_gemeente;begeleiding_bereik;kinderen;"
             "cir_datum;attest_datum\r\n"
             "1;opvang;alleenstaande;1250,00;Turnhout;werkingsgebied;0;01/02/2024;15/10/2026\r\n"
             "2;ggz;gezin;1800,00;Geel;gemeente;2;15/06/2023;01/09/2026\r\n"
             "3;familie_vrienden;alleenstaande;1600,00;Mol;arrondissement;0;01/01/2025;"
             "20/11/2026\r\n")


@dataclass(frozen=True)
class Wachtlijst:
    """Who is simulated: candidates, the label each is shown by, and where they came from."""
    kandidaten: list
    nummers: dict
    woonmaatschappij: str | None = None  # None: an uploaded file


def van_woonmaatschappij(user: Gebruiker, woonmaatschappij_id: int, naam: str) -> Wachtlijst:
    """The current candidates of a woonmaatschappij the user may see (I-9.2)."""
    kandidaten, nummers = ranking.wachtlijst(user, woonmaatschappij_id)
    return Wachtlijst(kandidaten, nummers, naam)


def uit_bestand(tekst: str) -> Wachtlijst:
    """The candidates of an uploaded CSV; kandidatenlijst.OngeldigBestand with the reasons."""
    return Wachtlijst(kandidatenlijst.lees(tekst, wegingskader.regio(), attest_verplicht=True),
                      {})


def simuleren(user: Gebruiker, lijst: Wachtlijst, start: date, maanden: int,
              woningen_per_maand: int) -> dict:
    """Run the simulation; OngeldigeInvoer when no configuration holds on `start`."""
    access.require(user, "simulatie")
    sim = kandidatenlijst.simuleer(
        lijst.kandidaten, start, maanden, woningen_per_maand, cache(wegingskader.limieten),
        wegingskader.regio(), geldigheid=cache(attesten.geldigheid_maanden),
        woonmaatschappij=lijst.woonmaatschappij)
    resultaat = sim.als_dict()
    resultaat["voorbeelden"] = [(lijst.nummers.get(i, i), w) for i, w in sim.voorbeelden]
    audit.log(user, "simulatie_uitgevoerd", kandidaten=sim.kandidaten, maanden=maanden,
              bron="caseflow" if lijst.woonmaatschappij else "bestand")
    db.session.commit()
    return resultaat
