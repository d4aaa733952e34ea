"""Rent arrears from the woonmaatschappij's own administration (issue 5, point 5): raise or
update huurachterstand signalen; running the same file twice changes nothing."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Dossier, Gebruiker, Organisatie, Signaal
from caseflow.rules.rijksregister import OngeldigRijksregisternummer, normalise
from caseflow.rules.signaal import escaleert_automatisch
from caseflow.services import audit, signalen
from caseflow.services.kandidatenlijst import parse_bedrag, parse_datum, scheidingsteken
from workflows.signaal import WORKFLOW

KOLOMMEN = ("dossier", "bedrag", "maanden", "datum")
AFGEROND = ("opgelost", "gesloten")


class OngeldigBestand(Exception):
    def __init__(self, fouten: list[str]):
        super().__init__("\n".join(fouten))
        self.fouten = fouten


@dataclass
class Verslag:
    nieuw: list[str] = field(default_factory=list)
    bijgewerkt: list[str] = field(default_factory=list)
    ongewijzigd: list[str] = field(default_factory=list)
    niet_verwerkt: list[str] = field(default_factory=list)

    def samenvatting(self) -> str:
        return (f"{len(self.nieuw)} nieuw, {len(self.bijgewerkt)} bijgewerkt, "
                f"{len(self.ongewijzigd)} ongewijzigd, {len(self.niet_verwerkt)} niet verwerkt")


def _regels(tekst: str):
    tekst = tekst.lstrip("\ufeff")
    eerste = tekst.splitlines()[0] if tekst.strip() else ""
    reader = csv.reader(io.StringIO(tekst), delimiter=scheidingsteken(eerste))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise OngeldigBestand(["regel 1: het bestand heeft geen kopregel"]) from None
    ontbreekt = [k for k in KOLOMMEN if k not in header]
    if ontbreekt:
        raise OngeldigBestand([f"regel 1: kolom {k}: ontbreekt in de kopregel"
                               for k in ontbreekt])
    for row in reader:
        if any(c.strip() for c in row):
            yield reader.line_num, dict(zip(header, (c.strip() for c in row)))


def _dossier(sleutel: str, wm: Organisatie) -> Dossier | None:
    stmt = select(Dossier).where(Dossier.woonmaatschappij_id == wm.id, Dossier.toewijzing.has())
    try:
        rrn = normalise(sleutel)
    except OngeldigRijksregisternummer:
        return db.session.scalars(stmt.where(Dossier.nummer == sleutel.upper())).first()
    return db.session.scalars(stmt.where(Dossier.rijksregisternummer == rrn)
                              .order_by(Dossier.id.desc())).first()


def importeer(tekst: str, wm: Organisatie, user: Gebruiker) -> Verslag:
    """Each row is applied on its own; a row that cannot be matched is reported, the rest go on."""
    verslag = Verslag()
    for regel, rij in _regels(tekst):
        try:
            bedrag = parse_bedrag(rij.get("bedrag", ""))
            maanden_tekst = rij.get("maanden", "")
            if not maanden_tekst.isdigit():
                raise ValueError(f"kolom maanden: '{maanden_tekst}' is geen geheel getal")
            maanden = int(maanden_tekst)
            datum = parse_datum(rij.get("datum", ""))
        except ValueError as e:
            verslag.niet_verwerkt.append(f"regel {regel}: {e}")
            continue
        dossier = _dossier(rij.get("dossier", ""), wm)
        if dossier is None:
            verslag.niet_verwerkt.append(f"regel {regel}: kolom dossier: geen toegewezen dossier "
                                         f"van {wm.naam} gevonden voor '{rij.get('dossier')}'")
            continue
        _toepassen(dossier, bedrag, maanden, datum, user, verslag, regel)
    audit.log(user, "huurachterstand_import", woonmaatschappij=wm.id,
              samenvatting=verslag.samenvatting())
    db.session.commit()
    return verslag


def _toepassen(dossier: Dossier, bedrag: Decimal, maanden: int, datum: date,
               user: Gebruiker, verslag: Verslag, regel: int) -> None:
    open_ = db.session.scalars(select(Signaal).where(
        Signaal.dossier_id == dossier.id, Signaal.soort == "huurachterstand",
        Signaal.status.not_in(AFGEROND)).order_by(Signaal.id.desc())).first()
    label = f"regel {regel}: {dossier.nummer}"
    if open_ is not None and open_.bedrag == bedrag and open_.maanden == maanden:
        verslag.ongewijzigd.append(label)
        return
    if open_ is None:
        open_ = Signaal(dossier_id=dossier.id, soort="huurachterstand", status="gemeld",
                        beschrijving=f"Huurachterstand op {datum:%d/%m/%Y} (import)",
                        bedrag=bedrag, maanden=maanden, gemeld_door_id=user.id)
        db.session.add(open_)
        verslag.nieuw.append(label)
        audit.log(user, "signaal_gemeld", dossier, soort="huurachterstand", bron="import")
    else:
        open_.bedrag, open_.maanden = bedrag, maanden
        open_.beschrijving += f"; bijgewerkt op {datum:%d/%m/%Y} (import)"
        verslag.bijgewerkt.append(label)
        audit.log(user, "signaal_bijgewerkt", dossier, signaal=open_.id, bron="import")
    db.session.flush()
    f = signalen.feiten(open_, dossier, clock.vandaag())
    if open_.status == "gemeld" and escaleert_automatisch(f) and \
            not WORKFLOW.waarom_niet("gemeld", "aanvragen", f=f):
        signalen.aanvragen(open_, f.vandaag)
        open_.coordinator_verwittigd_op = f.vandaag
        audit.log(user, "signaal_automatisch_geescaleerd", dossier, signaal=open_.id)
