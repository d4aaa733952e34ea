"""Rent arrears from the woonmaatschappij's own administration (I-7.1, I-7.3): raise or update
huurachterstand signalen; running the same file twice changes nothing."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from caseflow import clock, formaat
from caseflow.extensions import db
from caseflow.formaat import parse_bedrag
from caseflow.models import Dossier, Gebruiker, Organisatie, Signaal
from caseflow.rules import datums
from caseflow.rules.rijksregister import OngeldigRijksregisternummer, normalise
from caseflow.rules.signaal import ESCALATIE_MAANDEN
from caseflow.services import audit, signalen
from caseflow.services.kandidatenlijst import OngeldigBestand, csv_regels

KOLOMMEN = ("dossier", "bedrag", "maanden", "datum")
MAX_RIJEN = 100_000  # a file with more rows is refused whole: split it
BATCH = 500  # rows per transaction: other users wait at most one batch
AFGEROND = ("opgelost", "gesloten")


@dataclass(frozen=True)
class Rij:
    """A row that touched a dossier: what happened, and the dossier to open."""
    regel: int
    uitkomst: str
    dossier_id: int
    nummer: str


@dataclass
class Verslag:
    nieuw: list[str] = field(default_factory=list)
    bijgewerkt: list[str] = field(default_factory=list)
    ongewijzigd: list[str] = field(default_factory=list)
    niet_verwerkt: list[str] = field(default_factory=list)
    rijen: list[Rij] = field(default_factory=list)

    def raak(self, lijst: list[str], uitkomst: str, regel: int, dossier: Dossier) -> None:
        lijst.append(f"regel {regel}: {dossier.nummer}")
        self.rijen.append(Rij(regel, uitkomst, dossier.id, dossier.nummer))

    def samenvatting(self) -> str:
        return (f"{len(self.nieuw)} nieuw, {len(self.bijgewerkt)} bijgewerkt, "
                f"{len(self.ongewijzigd)} ongewijzigd, {len(self.niet_verwerkt)} niet verwerkt")


def _regels(tekst: str) -> list[tuple[int, dict]]:
    """The data rows with their line numbers; a file beyond MAX_RIJEN rows or that is no CSV
    is refused whole, before anything is saved."""
    header, regels = csv_regels(tekst)
    ontbreekt = [k for k in KOLOMMEN if k not in header]
    if ontbreekt:
        raise OngeldigBestand([f"regel 1: kolom {k}: ontbreekt in de kopregel"
                               for k in ontbreekt])
    rijen = []
    for regel, row in regels:
        if any(c.strip() for c in row):
            rijen.append((regel, dict(zip(header, (c.strip() for c in row), strict=False))))
        if len(rijen) > MAX_RIJEN:
            raise OngeldigBestand([f"het bestand heeft meer dan {MAX_RIJEN} regels; verdeel "
                                   "het over meerdere imports"])
    return rijen


def _index(wm_id: int, sleutels: set[str]) -> dict[str, int]:
    """Dossier number or rijksregisternummer, among `sleutels`, of the woonmaatschappij's
    allocated dossiers, to its id (the newest dossier for a person): one query per batch,
    whatever the number of dossiers stored."""
    index: dict[str, int] = {}
    for id_, nummer, rrn in db.session.execute(
            select(Dossier.id, Dossier.nummer, Dossier.rijksregisternummer)
            .where(Dossier.woonmaatschappij_id == wm_id, Dossier.toewijzing.has(),
                   or_(Dossier.nummer.in_(sleutels), Dossier.rijksregisternummer.in_(sleutels)))
            .order_by(Dossier.id)):
        index[nummer] = index[rrn] = id_
    return index


def _sleutel(waarde: str) -> str:
    try:
        return normalise(waarde)
    except OngeldigRijksregisternummer:
        return waarde.upper()


def _lees_rij(rij: dict) -> tuple[Decimal, int, date]:
    bedrag = parse_bedrag(rij.get("bedrag", ""))
    maanden_tekst = rij.get("maanden", "")
    if not maanden_tekst.isdigit() or len(maanden_tekst) > 3:
        raise ValueError(f"kolom maanden: '{maanden_tekst[:20]}' is geen geheel getal "
                         "tot 999")
    return bedrag, int(maanden_tekst), datums.lees(rij.get("datum", ""))


@dataclass
class _Import:
    """What every batch of one import shares: read once, not once per row."""
    wm_id: int
    wm_naam: str
    user: Gebruiker
    verslag: Verslag
    vandaag: date
    termijnen: tuple  # the I-7.2 deadlines for a request made today


VOORBEELD = ("dossier;bedrag;maanden;datum\r\n"
             "D2026-00012;1140,00;2;15/11/2026\r\n"
             "85.07.30-033.28;450,50;1;15/11/2026\r\n")


def importeer(tekst: str, wm: Organisatie, user: Gebruiker) -> Verslag:
    """Each row is applied on its own; a row that cannot be matched is reported, the rest go
    on. The rows are saved in batches of short transactions, so a large file never holds the
    database for long: other users keep working while it runs."""
    rijen = _regels(tekst)
    vandaag = clock.vandaag()
    imp = _Import(wm.id, wm.naam, user, Verslag(), vandaag, signalen.termijnen(vandaag))
    for begin in range(0, len(rijen), BATCH):
        _batch(rijen[begin:begin + BATCH], imp)
        db.session.commit()
    audit.log(user, "huurachterstand_import", woonmaatschappij=imp.wm_id,
              samenvatting=imp.verslag.samenvatting())
    db.session.commit()
    return imp.verslag


def _batch(rijen: list[tuple[int, dict]], imp: _Import) -> None:
    sleutels = [_sleutel(rij.get("dossier", "")) for _, rij in rijen]
    index = _index(imp.wm_id, set(sleutels))
    gelezen = []
    for (regel, rij), sleutel in zip(rijen, sleutels, strict=True):
        try:
            waarden = _lees_rij(rij)
        except ValueError as e:
            imp.verslag.niet_verwerkt.append(f"regel {regel}: {e}")
            continue
        dossier_id = index.get(sleutel)
        if dossier_id is None:
            imp.verslag.niet_verwerkt.append(
                f"regel {regel}: kolom dossier: geen toegewezen dossier van {imp.wm_naam} "
                f"gevonden voor '{rij.get('dossier', '')[:40]}'")
            continue
        gelezen.append((regel, dossier_id, waarden))
    ids = {dossier_id for _, dossier_id, _ in gelezen}
    dossiers = {d.id: d for d in db.session.scalars(
        select(Dossier).where(Dossier.id.in_(ids)).options(selectinload(Dossier.toewijzing)))}
    open_ = {sg.dossier_id: sg for sg in db.session.scalars(
        select(Signaal).where(Signaal.dossier_id.in_(ids), Signaal.soort == "huurachterstand",
                              Signaal.status.not_in(AFGEROND)).order_by(Signaal.id))}
    with db.session.no_autoflush:  # one flush per batch: the writes go in bulk
        for regel, dossier_id, waarden in gelezen:
            open_[dossier_id] = _toepassen(imp, regel, dossiers[dossier_id],
                                           open_.get(dossier_id), *waarden)
    if ids:
        audit.activiteit(ids)


def _toepassen(imp: _Import, regel: int, dossier: Dossier, open_: Signaal | None,
               bedrag: Decimal, maanden: int, datum: date) -> Signaal:
    v = imp.verslag
    if open_ is not None and open_.bedrag == bedrag and open_.maanden == maanden:
        v.raak(v.ongewijzigd, "ongewijzigd", regel, dossier)
        return open_
    if open_ is None:
        open_ = Signaal(dossier_id=dossier.id, soort="huurachterstand", status="gemeld",
                        beschrijving=f"Huurachterstand op {formaat.datum(datum)} (import)",
                        bedrag=bedrag, maanden=maanden, gemeld_door_id=imp.user.id)
        db.session.add(open_)
        v.raak(v.nieuw, "nieuw signaal", regel, dossier)
        audit.log(imp.user, "signaal_gemeld", dossier, activiteit_later=True,
                  soort="huurachterstand", bron="import")
    else:
        open_.bedrag, open_.maanden = bedrag, maanden
        # The latest state replaces the text (the audit keeps every update): a file that
        # updates one tenant a thousand times does not grow it a thousand times.
        open_.beschrijving = f"Huurachterstand op {formaat.datum(datum)} (import, bijgewerkt)"
        v.raak(v.bijgewerkt, "signaal bijgewerkt", regel, dossier)
        audit.log(imp.user, "signaal_bijgewerkt", dossier, activiteit_later=True,
                  signaal=open_.id, bron="import")
    if open_.status != "gemeld" or maanden < ESCALATIE_MAANDEN:
        return open_
    signalen.escaleer_automatisch(
        imp.user, open_, dossier,
        signalen.feiten(open_, dossier, imp.vandaag, termijnen_=imp.termijnen),
        activiteit_later=True)
    return open_
