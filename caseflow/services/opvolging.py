"""The coördinator's review queue: everything overdue in their dossier scope,
grouped by organisation and hulpverlener, latest first; per item a comment, a mark 'reviewed'
and reassigning the dossier. Each source is one query over an indexed date column joined with
the access policy's scope."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import ColumnElement, Row, Select, func, select
from sqlalchemy.orm import selectinload

from caseflow import access, clock, formaat
from caseflow.errors import NietToegestaan, Ongeldig
from caseflow.extensions import db
from caseflow.models import (
    Actiepunt,
    Attest,
    Begeleidingsovereenkomst,
    Beoordeling,
    Casusoverleg,
    Dossier,
    Gebruiker,
    Organisatie,
    Rechtsverzoek,
    Signaal,
)
from caseflow.models.attest import GELDIGE_STATUSSEN
from caseflow.models.base import via_index
from caseflow.models.begeleiding import in_kracht
from caseflow.models.signaal import is_open
from caseflow.rules.begeleiding import EVALUATIE_VOORAF_DAGEN
from caseflow.rules.rechten import SOORTEN as RECHT_SOORTEN
from caseflow.rules.signaal import SOORTEN as SIGNAAL_SOORTEN
from caseflow.services import audit, herinneringen, inbox, paginering, signalen, wijziging
from caseflow.services.dossiers import van_hulpverlener

PER_PAGINA = 100  # items on a page of the review queue

SOORTEN = {
    "bo_voorbij_einde": "Begeleidingsovereenkomst voorbij de einddatum",
    "bo_evaluatie": "Evaluatie van de begeleidingsovereenkomst niet gestart",
    "signaal_termijn": "Aanvraag aanklampende begeleiding: termijn verstreken",
    "signaal_geescaleerd": "Geëscaleerd signaal",
    "actiepunt_te_laat": "Actiepunt te laat",
    "attest_verloopt": "Attest verloopt of verliep",
    "dossier_stil": "Dossier staat stil",
    "hulpverlener_weg": "Hulpverlener niet meer actief",
    "rechtsverzoek_termijn": "Verzoek van de cliënt (AVG) niet binnen de maand beantwoord",
}


@dataclass
class Item:
    soort: str
    object_type: str
    object_id: int
    vervaldatum: date
    dossier: Dossier
    detail: str
    link: str
    dagen_te_laat: int = 0
    opmerkingen: list[Beoordeling] = field(default_factory=list)

    @property
    def label(self) -> str:
        return SOORTEN[self.soort]

    @property
    def sleutel(self) -> tuple:
        return (self.soort, self.object_type, self.object_id, self.vervaldatum)


@dataclass(frozen=True)
class Rij:
    """An overdue item before its dossier is loaded: what sorting and paging need."""
    vervaldatum: date
    volgorde: int
    object_id: int
    soort: str
    object_type: str
    dossier_id: int
    detail: str
    anker: str

    @property
    def sleutel(self) -> tuple:
        return (self.soort, self.object_type, self.object_id, self.vervaldatum)


@dataclass(frozen=True)
class Bron:
    """One kind of overdue item as a query: columns (object id, dossier id, the date column it
    is ordered on, details); its due date is that column plus `verschuiving` days."""
    soort: str
    object_type: str
    stmt: Select
    kolom: ColumnElement
    id_kolom: ColumnElement
    verschuiving: int
    detail: Callable[[Row], str]
    anker: str = ""

    def rij(self, r: Row) -> Rij:
        verval = r[2] + timedelta(days=self.verschuiving)
        return Rij(verval, list(SOORTEN).index(self.soort), r[0], self.soort,
                   self.object_type, r[1], self.detail(r), self.anker)


def _bronnen(vandaag: date, cfg: dict) -> list[Bron]:
    """Every kind of overdue item but the signaal deadlines (computed in Python, they are few),
    each one query over an indexed date column joined with the dossier; where the few open
    ones of a kind have a partial index, along it (SQLite told so: its statistics would
    start from the largest organisation's 80 000 dossiers)."""
    bo, eval_dagen = Begeleidingsovereenkomst, EVALUATIE_VOORAF_DAGEN
    bo_stmt = select(bo.id, bo.dossier_id, bo.geplande_einddatum).join(
        Dossier, Dossier.id == bo.dossier_id)
    bronnen = [
        Bron("bo_voorbij_einde", "begeleidingsovereenkomst", via_index(bo_stmt.where(
            in_kracht(), bo.geplande_einddatum < vandaag), bo, "ix_bo_in_kracht"),
            bo.geplande_einddatum, bo.id, 0,
            lambda r: f"einde gepland op {formaat.datum(r[2])}", "#overeenkomst"),
        Bron("bo_evaluatie", "begeleidingsovereenkomst", bo_stmt.where(
            bo.status == "actief", bo.geplande_einddatum >= vandaag,
            bo.geplande_einddatum < vandaag + timedelta(days=eval_dagen)),
            bo.geplande_einddatum, bo.id, -eval_dagen,
            lambda r: f"evaluatie vanaf {formaat.datum(r[2] - timedelta(days=eval_dagen))}, "
                      f"einde {formaat.datum(r[2])}", "#overeenkomst"),
        Bron("signaal_geescaleerd", "signaal", via_index(select(
            Signaal.id, Signaal.dossier_id, Signaal.coordinator_verwittigd_op, Signaal.soort)
            .join(Dossier, Dossier.id == Signaal.dossier_id)
            .where(Signaal.coordinator_verwittigd_op.is_not(None), is_open()),
            Signaal, "ix_signaal_open"),
            Signaal.coordinator_verwittigd_op, Signaal.id, 0,
            lambda r: f"{SIGNAAL_SOORTEN[r[3]]}, coördinator verwittigd op "
                      f"{formaat.datum(r[2])}", "#signalen"),
        Bron("actiepunt_te_laat", "actiepunt", via_index(select(
            Actiepunt.id, Casusoverleg.dossier_id, Actiepunt.vervaldatum)
            .join(Casusoverleg, Casusoverleg.id == Actiepunt.casusoverleg_id)
            .join(Dossier, Dossier.id == Casusoverleg.dossier_id)
            .where(Actiepunt.gedaan_op.is_(None), Actiepunt.vervaldatum < vandaag),
            Actiepunt, "ix_actiepunt_open"),
            Actiepunt.vervaldatum, Actiepunt.id, 0,
            lambda r: f"uiterlijk {formaat.datum(r[2])}", "#overleg"),
        Bron("attest_verloopt", "attest", select(Attest.id, Attest.dossier_id, Attest.geldig_tot)
             .join(Dossier, Dossier.id == Attest.dossier_id)
             .where(Attest.status.in_(GELDIGE_STATUSSEN), Dossier.status == "kandidaat",
                    Attest.geldig_tot <= vandaag + timedelta(days=cfg["attest_verloopt"])),
             Attest.geldig_tot, Attest.id, 0,
             lambda r: f"geldig tot {formaat.datum(r[2])}", "#traject"),
    ]
    bronnen.append(Bron(
        "hulpverlener_weg", "dossier", select(
            Dossier.id, Dossier.id, Gebruiker.gedeactiveerd_op, Gebruiker.naam)
        .join(Gebruiker, Gebruiker.id == Dossier.hulpverlener_id)
        # from the few deactivated users to their dossiers (not along a large organisation's)
        .where(Dossier.hulpverlener_id.in_(select(Gebruiker.id).where(
            Gebruiker.gedeactiveerd_op.is_not(None))), Dossier.status != "afgesloten"),
        Gebruiker.gedeactiveerd_op, Dossier.id, 0,
        lambda r: f"{r[3]} is niet meer actief sinds {formaat.datum(r[2])}: "
                  "wijs het dossier aan iemand anders toe"))
    bronnen.append(Bron(
        "rechtsverzoek_termijn", "rechtsverzoek", select(
            Rechtsverzoek.id, Rechtsverzoek.dossier_id, Rechtsverzoek.uiterlijk_op,
            Rechtsverzoek.soort).join(Dossier, Dossier.id == Rechtsverzoek.dossier_id)
        .where(Rechtsverzoek.status == "open", Rechtsverzoek.uiterlijk_op < vandaag),
        Rechtsverzoek.uiterlijk_op, Rechtsverzoek.id, 0,
        lambda r: f"{RECHT_SOORTEN[r[3]]}: antwoord uiterlijk {formaat.datum(r[2])}"))
    for status, dagen in cfg["dossier_stil"].items():
        bronnen.append(Bron(
            "dossier_stil", "dossier", select(Dossier.id, Dossier.id, Dossier.laatste_activiteit)
            .where(Dossier.status == status,
                   Dossier.laatste_activiteit < vandaag - timedelta(days=dagen)),
            Dossier.laatste_activiteit, Dossier.id, dagen,
            lambda r: f"geen wijziging sinds {formaat.datum(r[2])}"))
    return bronnen


def _signaal_termijnen(voorwaarden: list, vandaag: date) -> list[Rij]:
    """Requests for aanklampende begeleiding whose next deadline passed (I-7.2)."""
    rijen = []
    for s_id, d_id, status, aangevraagd_op in db.session.execute(via_index(
            select(Signaal.id, Signaal.dossier_id, Signaal.status, Signaal.aangevraagd_op)
            .join(Dossier, Dossier.id == Signaal.dossier_id)
            .where(*voorwaarden, Signaal.verplicht, is_open(*herinneringen.SIGNAAL_OPEN)),
            Signaal, "ix_signaal_open")):
        termijn = signalen.volgende_termijn_van(status, True, aangevraagd_op)
        if termijn is not None and termijn[1] < vandaag:
            rijen.append(Rij(termijn[1], list(SOORTEN).index("signaal_termijn"), s_id,
                             "signaal_termijn", "signaal", d_id,
                             f"{herinneringen.STAPPEN[termijn[0]]} uiterlijk "
                             f"{formaat.datum(termijn[1])}", "#signalen"))
    return rijen


@dataclass(frozen=True)
class Filter:
    """What the review queue shows: one kind, organisation or hulpverlener, or all."""
    soort: str | None = None
    organisatie_id: int | None = None
    hulpverlener: str | None = None  # a part of the name
    ook_beoordeeld: bool = False


def _voorwaarden(user: Gebruiker, f: Filter) -> list:
    voorwaarden = [access.dossier_scope(user)]
    if f.organisatie_id:
        voorwaarden.append(Dossier.organisatie_id == f.organisatie_id)
    if f.hulpverlener:
        voorwaarden.append(van_hulpverlener(f.hulpverlener))
    return voorwaarden


def _beoordeeld(voorwaarden: list) -> set[tuple]:
    """The keys of the items marked reviewed in scope (a person marks them: few)."""
    return {b for b in db.session.execute(
        select(Beoordeling.soort, Beoordeling.object_type, Beoordeling.object_id,
               Beoordeling.vervaldatum).join(Dossier, Dossier.id == Beoordeling.dossier_id)
        .where(*voorwaarden, Beoordeling.beoordeeld))}


def _eerste_en_aantal(stmt, order: tuple, n: int) -> tuple[int, bool, list]:
    """The first `n` rows of `stmt` in `order`, and how many it has counted up to TELLEN_TOT
    (and whether there are more), in one statement over at most TELLEN_TOT + 1 rows: the count
    costs what a page costs, not what the scope holds (the region's 23 000 expiring attesten
    were a hash join of 60 000 kandidaten on every view), and a kind with few items costs one
    walk of the scope, not two."""
    begrensd = stmt.order_by(*order).limit(paginering.TELLEN_TOT + 1).subquery()
    gelezen = db.session.execute(
        select(*begrensd.c, func.count().over())
        .order_by(*(begrensd.corresponding_column(k) for k in order)).limit(n)).all()
    aantal = gelezen[0][-1] if gelezen else 0
    return min(aantal, paginering.TELLEN_TOT), aantal > paginering.TELLEN_TOT, gelezen


def _uit_bron(bron: Bron, voorwaarden: list, genoeg: int,
              weg: set) -> tuple[int, bool, list[Rij]]:
    """How many items of one kind (up to TELLEN_TOT, and whether there are more), and its
    first `genoeg` by due date, without those in `weg` (reviewed): the query reads `genoeg`
    rows more than the reviewed ones, not all."""
    stmt = bron.stmt.where(*voorwaarden)
    eigen = {k for k in weg if k[0] == bron.soort}
    aantal, meer, gelezen = _eerste_en_aantal(stmt, (bron.kolom, bron.id_kolom),
                                              genoeg + len(eigen))
    if eigen and gelezen:
        ids = {k[2] for k in eigen}
        aantal -= sum(1 for r in db.session.execute(stmt.where(bron.id_kolom.in_(ids)))
                      if bron.rij(r).sleutel in eigen)
    rijen = [bron.rij(r) for r in gelezen]
    return aantal, meer, [r for r in rijen if r.sleutel not in eigen][:genoeg]


def _rijen(user: Gebruiker, vandaag: date, f: Filter,
           genoeg: int) -> tuple[int, bool, list[Rij]]:
    """The first `genoeg` overdue items by due date (the most days late first), how many
    there are (each kind counted up to TELLEN_TOT) and whether there are more."""
    voorwaarden = _voorwaarden(user, f)
    weg = set() if f.ook_beoordeeld else _beoordeeld(voorwaarden)
    totaal, meer, rijen = 0, False, []
    for bron in _bronnen(vandaag, herinneringen.instellingen(vandaag)):
        if f.soort in (None, bron.soort):
            aantal, nog, eerste = _uit_bron(bron, voorwaarden, genoeg, weg)
            totaal, meer, rijen = totaal + aantal, meer or nog, rijen + eerste
    if f.soort in (None, "signaal_termijn"):
        termijnen = [r for r in _signaal_termijnen(voorwaarden, vandaag) if r.sleutel not in weg]
        totaal, rijen = totaal + len(termijnen), rijen + termijnen
    rijen.sort(key=lambda r: (r.vervaldatum, r.volgorde, r.object_id))
    return totaal, meer, rijen[:genoeg]


@dataclass
class Groep:
    organisatie: str
    hulpverlener: str
    items: list[Item]


@dataclass
class Wachtrij:
    groepen: list[Groep]
    totaal: int  # every item of the filter, over all pages (each kind up to TELLEN_TOT)
    pagina: int = 1
    per_pagina: int = PER_PAGINA
    meer: bool = False  # a kind has more than TELLEN_TOT items: the total is a lower bound

    def __iter__(self):
        return iter(self.groepen)

    @property
    def getoond(self) -> int:
        return sum(len(g.items) for g in self.groepen)

    @property
    def paginas(self) -> int:
        return max(1, -(-self.totaal // self.per_pagina))


def _items(rijen: list[Rij], vandaag: date) -> list[Item]:
    """The page's items with their dossiers (organisation, hulpverlener) and comments, read in
    a fixed number of queries whatever the page holds."""
    ids = {r.dossier_id for r in rijen}
    dossiers = {d.id: d for d in db.session.scalars(select(Dossier).where(Dossier.id.in_(ids))
                .options(selectinload(Dossier.organisatie), selectinload(Dossier.hulpverlener)))}
    per = defaultdict(list)
    for b in db.session.scalars(select(Beoordeling).where(Beoordeling.dossier_id.in_(ids))
                                .options(selectinload(Beoordeling.gebruiker))
                                .order_by(Beoordeling.id)):
        per[b.sleutel].append(b)
    return [Item(r.soort, r.object_type, r.object_id, r.vervaldatum, dossiers[r.dossier_id],
                 r.detail, f"/dossiers/{r.dossier_id}{r.anker}", (vandaag - r.vervaldatum).days,
                 per.get(r.sleutel, [])) for r in rijen]


def wachtrij(user: Gebruiker, f: Filter | None = None, *, ook_beoordeeld: bool = False,
             vandaag: date | None = None, pagina: int = 1,
             per_pagina: int = PER_PAGINA) -> Wachtrij:
    """One page of the overdue items, the most days late first, grouped by organisation and
    hulpverlener; the viewing audited (I-9.2)."""
    access.require(user, "opvolging")
    vandaag = vandaag or clock.vandaag()
    f = f or Filter(ook_beoordeeld=ook_beoordeeld)
    van = (max(pagina, 1) - 1) * per_pagina
    totaal, meer, rijen = _rijen(user, vandaag, f, van + per_pagina)
    groepen = defaultdict(list)
    for i in _items(rijen[van:], vandaag):
        groepen[(i.dossier.organisatie.naam, i.dossier.hulpverlener.naam)].append(i)
    audit.log(user, "opvolging_bekeken", aantal=totaal, meer=meer, pagina=pagina)
    audit.vastleggen()
    return Wachtrij([Groep(org, hv, lijst) for (org, hv), lijst in sorted(groepen.items())],
                    totaal, max(pagina, 1), per_pagina, meer)


def filterkeuzes(user: Gebruiker) -> dict:
    """The organisations the queue can be filtered on, in the user's scope (hulpverleners are
    found by name)."""
    organisaties = db.session.scalars(
        select(Organisatie).where(Organisatie.soort == "welzijnsorganisatie")
        .order_by(Organisatie.naam)).all() if user.organisatie.is_regionaal else \
        [user.organisatie]
    return {"organisaties": organisaties}


def _nieuw(user: Gebruiker, vandaag: date) -> int:
    """How many items became overdue yesterday in the user's scope."""
    gisteren = vandaag - timedelta(days=1)
    voorwaarden = _voorwaarden(user, Filter())
    aantal = 0
    for bron in _bronnen(vandaag, herinneringen.instellingen(vandaag)):
        stmt = bron.stmt.where(*voorwaarden,
                               bron.kolom >= gisteren - timedelta(days=bron.verschuiving),
                               bron.kolom < vandaag - timedelta(days=bron.verschuiving))
        aantal += db.session.scalar(select(func.count()).select_from(stmt.subquery()))
    return aantal + sum(1 for r in _signaal_termijnen(voorwaarden, vandaag)
                        if gisteren <= r.vervaldatum)


def meld_nieuwe_items(vandaag: date) -> int:
    """Once a day (the scheduler's morning job, before the digest): each coördinator hears how
    many items became overdue in their Opvolging since yesterday. The count is made once per
    scope (all regional coördinatoren share one, the others one per organisation)."""
    per_scope: dict = {}
    gemeld = 0
    for coordinator in db.session.scalars(select(Gebruiker).where(
            Gebruiker.rol == "coordinator", Gebruiker.actief)):
        scope = "regio" if coordinator.organisatie.is_regionaal else coordinator.organisatie_id
        if scope not in per_scope:
            per_scope[scope] = _nieuw(coordinator, vandaag)
        if (n := per_scope[scope]):
            gemeld += inbox.meld([coordinator.id], "opvolging_nieuw", coordinator,
                                 f"{n} nieuw(e) item(s) in uw Opvolging sinds gisteren.",
                                 "/opvolging", vandaag)
    return gemeld


def beoordelen(user: Gebruiker, dossier_id: int, soort: str, object_type: str, object_id: int,
               vervaldatum: date, opmerking: str | None, beoordeeld: bool) -> Beoordeling:
    """A comment on an item, and/or its mark 'reviewed', recorded with who and when."""
    access.require(user, "opvolging")
    dossier = access.dossier_in_scope(user, dossier_id)
    opmerking = (opmerking or "").strip() or None
    if soort not in SOORTEN:
        raise Ongeldig({"soort": "Onbekend soort item."})
    if opmerking is None and not beoordeeld:
        raise Ongeldig({"opmerking": "Schrijf een opmerking of markeer het item als "
                                     "beoordeeld."})
    if opmerking and len(opmerking) > 2000:
        raise Ongeldig({"opmerking": "Hoogstens 2000 tekens."})
    b = Beoordeling(soort=soort, object_type=object_type, object_id=object_id,
                    vervaldatum=vervaldatum, dossier_id=dossier.id, gebruiker_id=user.id,
                    opmerking=opmerking, beoordeeld=beoordeeld)
    db.session.add(b)
    audit.log(user, "opvolging_beoordeeld" if beoordeeld else "opvolging_opmerking", dossier,
              soort=soort, object_id=object_id)
    db.session.commit()
    return b


def herverdeel_keuze(user: Gebruiker, dossier_id: int) -> tuple[Dossier, list[Gebruiker]]:
    """The dossier a coördinator is about to reassign, and to whom it can go; showing it is a
    view of the dossier (I-9.2)."""
    dossier = access.dossier_in_scope(user, dossier_id)
    if not access.mag_herverdelen(user, dossier):
        raise NietToegestaan()
    audit.log(user, "dossier_bekeken", dossier, pagina="herverdelen")
    audit.vastleggen()
    return dossier, [g for g in hulpverleners(dossier) if g.id != dossier.hulpverlener_id]


def hulpverleners(dossier: Dossier) -> list[Gebruiker]:
    return list(db.session.scalars(select(Gebruiker).where(
        Gebruiker.organisatie_id == dossier.organisatie_id, Gebruiker.rol == "hulpverlener",
        Gebruiker.actief).order_by(Gebruiker.naam)))


def herverdelen(user: Gebruiker, dossier_id: int, version_id: int | None,
                hulpverlener_id: int) -> Dossier:
    """Give the dossier to another hulpverlener of its welzijnsorganisatie; only a coördinator
    of that organisation or a regional one may."""
    with wijziging.wijzig(user, dossier_id, "opvolging", version_id,
                          "dossier_herverdeeld") as w:
        dossier = w.dossier
        if not access.mag_herverdelen(user, dossier):
            raise NietToegestaan()
        nieuw = db.session.get(Gebruiker, hulpverlener_id) if hulpverlener_id else None
        if nieuw is None or nieuw not in hulpverleners(dossier):
            raise Ongeldig({"hulpverlener_id": "Kies een actieve hulpverlener van "
                                               f"{dossier.organisatie.naam}."})
        if nieuw.id == dossier.hulpverlener_id:
            raise Ongeldig({"hulpverlener_id": "Deze hulpverlener heeft het dossier al."})
        w.details.update(van=dossier.hulpverlener_id, naar=nieuw.id)
        dossier.hulpverlener_id = nieuw.id
        inbox.meld([nieuw.id], "dossier_toegewezen", dossier,
                   f"Dossier {inbox.label(dossier)} werd aan u toegewezen door {user.naam}.",
                   f"/dossiers/{dossier.id}")
    return dossier
