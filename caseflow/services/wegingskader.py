"""The wegingskader's configuration as in force in the database, and the region it scores in."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import OperationalError, ProgrammingError

from caseflow import formaat
from caseflow.extensions import db
from caseflow.models import Gemeente, Instelling, Organisatie, Zone
from caseflow.models.base import per_transactie
from caseflow.models.instelling import in_voege
from caseflow.models.instelling import versies as instelling_versies
from caseflow.rules import regio as data
from caseflow.rules.wegingskader import Limieten, OngeldigeInvoer, Regio, limieten_op

SLEUTELS = ("inkomen_toeslagen", "punten_woonnood", "punten_kinderlast", "punten_begeleiding")


def limieten(peildatum: date) -> Limieten:
    """The leefloon version and point tables in force on `peildatum` (I-4.2a, R-4.2b)."""
    versies = [
        (v.ingangsdatum, Decimal(v.waarde["alleenstaande"]), Decimal(v.waarde["gezinslast"]))
        for v in instelling_versies("leefloon")
    ]
    tabellen: dict[str, Instelling] = {}
    for sleutel in SLEUTELS:
        instelling = in_voege(sleutel, peildatum)
        if instelling is None:
            raise OngeldigeInvoer(f"Geen '{sleutel}' gekend op {formaat.datum(peildatum)}.")
        tabellen[sleutel] = instelling
    gekozen = limieten_op(peildatum, versies)  # raises when no leefloon is known yet
    versie = "; ".join([f"leefloon {formaat.datum(gekozen.leefloon_ingang)}"] + [
        f"{s} {formaat.datum(t.ingangsdatum)}" for s, t in tabellen.items()])
    return limieten_op(
        peildatum, versies,
        toeslagen={h: tuple((Decimal(t), int(p)) for t, p in cats)
                   for h, cats in tabellen["inkomen_toeslagen"].waarde.items()},
        woonnood=dict(tabellen["punten_woonnood"].waarde),
        kinderlast=tuple(tabellen["punten_kinderlast"].waarde),
        begeleiding=dict(tabellen["punten_begeleiding"].waarde),
        versie=versie,
    )


def standaard_regio() -> Regio:
    """R-1.4 and I-1.4a as RULES.md has them, for use before `flask init`."""
    return Regio({g.lower(): z.woonmaatschappij for z in data.ZONES for g in z.gemeenten},
                 frozenset(g.lower() for g in data.alle_gemeenten()),
                 tuple(g for z in data.ZONES for g in z.gemeenten))


def bron() -> str:
    """'databank' when `flask init` has loaded the settings, else 'standaard' (RULES.md)."""
    try:
        loaded = db.session.scalar(select(Instelling.id).where(Instelling.sleutel == "leefloon")
                                   .limit(1))
    except (OperationalError, ProgrammingError):
        db.session.rollback()
        return "standaard"
    return "databank" if loaded is not None else "standaard"


@per_transactie
def regio() -> Regio:
    """R-1.4 as a beheerder keeps it: gemeente -> woonmaatschappij, and the arrondissement."""
    rijen = db.session.execute(
        select(Gemeente.naam, Gemeente.in_arrondissement, Organisatie.naam)
        .outerjoin(Zone, Zone.id == Gemeente.zone_id)
        .outerjoin(Organisatie, Organisatie.id == Zone.woonmaatschappij_id))
    werkingsgebied, arrondissement, namen = {}, set(), []
    for gemeente, in_arrondissement, woonmaatschappij in rijen:
        naam = gemeente.lower()
        werkingsgebied[naam] = woonmaatschappij
        namen.append(gemeente)
        if in_arrondissement:
            arrondissement.add(naam)
    return Regio(werkingsgebied, frozenset(arrondissement), tuple(namen))
