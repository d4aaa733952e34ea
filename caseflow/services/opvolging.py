"""The coördinator's review queue: everything overdue in their dossier scope,
grouped by organisation and hulpverlener, latest first; per item a comment, a mark 'reviewed'
and reassigning the dossier. Each source is one query over an indexed date column joined with
the access policy's scope."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

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
    Signaal,
)
from caseflow.models.attest import GELDIGE_STATUSSEN
from caseflow.rules.begeleiding import EVALUATIE_VOORAF_DAGEN
from caseflow.services import audit, herinneringen, inbox, signalen, wijziging

SOORTEN = {
    "bo_voorbij_einde": "Begeleidingsovereenkomst voorbij de einddatum",
    "bo_evaluatie": "Evaluatie van de begeleidingsovereenkomst niet gestart",
    "signaal_termijn": "Aanvraag aanklampende begeleiding: termijn verstreken",
    "signaal_geescaleerd": "Geëscaleerd signaal",
    "actiepunt_te_laat": "Actiepunt te laat",
    "attest_verloopt": "Attest verloopt of verliep",
    "dossier_stil": "Dossier staat stil",
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


def _scope(user: Gebruiker):
    return access.dossier_scope(user)


def _overeenkomsten(scope, vandaag: date, add) -> None:
    """Agreements past their end, or whose evaluation should have started."""
    bo = Begeleidingsovereenkomst
    for o, d in db.session.execute(select(bo, Dossier).join(Dossier, Dossier.id == bo.dossier_id)
                                   .where(scope, bo.status.in_(("actief", "evaluatie")),
                                          bo.geplande_einddatum <= vandaag + timedelta(
                                              days=EVALUATIE_VOORAF_DAGEN))):
        if o.geplande_einddatum < vandaag:
            add("bo_voorbij_einde", o, o.geplande_einddatum, d,
                f"einde gepland op {formaat.datum(o.geplande_einddatum)}", "#overeenkomst")
        elif o.status == "actief":
            start = o.geplande_einddatum - timedelta(days=EVALUATIE_VOORAF_DAGEN)
            if start < vandaag:
                add("bo_evaluatie", o, start, d,
                    f"evaluatie vanaf {formaat.datum(start)}, "
                    f"einde {formaat.datum(o.geplande_einddatum)}",
                    "#overeenkomst")


def _termijnen(scope, vandaag: date, add) -> None:
    """Requests for aanklampende begeleiding whose next deadline passed (I-7.2)."""
    for s, d in db.session.execute(select(Signaal, Dossier)
                                   .join(Dossier, Dossier.id == Signaal.dossier_id)
                                   .where(scope, Signaal.verplicht,
                                          Signaal.status.in_(herinneringen.SIGNAAL_OPEN))):
        termijn = signalen.volgende_termijn(s, d)
        if termijn is not None and termijn[1] < vandaag:
            add("signaal_termijn", s, termijn[1], d,
                f"{herinneringen.STAPPEN[termijn[0]]} uiterlijk {formaat.datum(termijn[1])}",
                "#signalen")


def _items(user: Gebruiker, vandaag: date) -> list[Item]:
    scope = _scope(user)
    items: list[Item] = []

    def add(soort, obj, vervaldatum, dossier, detail, anker=""):
        items.append(Item(soort, type(obj).__name__.lower(), obj.id, vervaldatum, dossier,
                          detail, f"/dossiers/{dossier.id}{anker}",
                          (vandaag - vervaldatum).days))

    _overeenkomsten(scope, vandaag, add)
    _termijnen(scope, vandaag, add)
    for s, d in db.session.execute(select(Signaal, Dossier)
                                   .join(Dossier, Dossier.id == Signaal.dossier_id)
                                   .where(scope, Signaal.coordinator_verwittigd_op.is_not(None),
                                          Signaal.status.not_in(("opgelost", "gesloten")))):
        add("signaal_geescaleerd", s, s.coordinator_verwittigd_op, d,
            f"{s.soort_label}, coördinator "
            f"verwittigd op {formaat.datum(s.coordinator_verwittigd_op)}", "#signalen")
    for p, d in db.session.execute(
            select(Actiepunt, Dossier)
            .join(Casusoverleg, Casusoverleg.id == Actiepunt.casusoverleg_id)
            .join(Dossier, Dossier.id == Casusoverleg.dossier_id)
            .where(scope, Actiepunt.gedaan_op.is_(None), Actiepunt.vervaldatum < vandaag)):
        add("actiepunt_te_laat", p, p.vervaldatum, d,
            f"uiterlijk {formaat.datum(p.vervaldatum)}", "#overleg")
    cfg = herinneringen.instellingen(vandaag)
    for a, d in db.session.execute(
            select(Attest, Dossier).join(Dossier, Dossier.id == Attest.dossier_id)
            .where(scope, Attest.status.in_(GELDIGE_STATUSSEN), Dossier.status == "kandidaat",
                   Attest.geldig_tot <= vandaag + timedelta(days=cfg["attest_verloopt"]))):
        add("attest_verloopt", a, a.geldig_tot, d, f"geldig tot {formaat.datum(a.geldig_tot)}",
            "#traject")
    for status, dagen in cfg["dossier_stil"].items():
        for d in db.session.scalars(select(Dossier).where(
                scope, Dossier.status == status,
                Dossier.laatste_activiteit < vandaag - timedelta(days=dagen))):
            add("dossier_stil", d, d.laatste_activiteit + timedelta(days=dagen), d,
                f"geen wijziging sinds {formaat.datum(d.laatste_activiteit)}")
    return items


@dataclass
class Groep:
    organisatie: str
    hulpverlener: str
    items: list[Item]


@dataclass
class Wachtrij:
    groepen: list[Groep]
    totaal: int  # items before the limit

    def __iter__(self):
        return iter(self.groepen)

    @property
    def getoond(self) -> int:
        return sum(len(g.items) for g in self.groepen)


def wachtrij(user: Gebruiker, *, ook_beoordeeld: bool = False, vandaag: date | None = None,
             limiet: int | None = None) -> Wachtrij:
    """The overdue items, the latest first; `limiet` keeps the page to the most urgent ones."""
    access.require(user, "opvolging")
    vandaag = vandaag or clock.vandaag()
    items = _items(user, vandaag)
    # The reviews in scope are few (one per item a coördinator handled): matched in Python.
    per = defaultdict(list)
    for b in db.session.scalars(select(Beoordeling).join(Dossier, Dossier.id ==
                                                         Beoordeling.dossier_id)
                                .where(_scope(user)).order_by(Beoordeling.id)):
        per[b.sleutel].append(b)
    for i in items:
        i.opmerkingen = per.get(i.sleutel, [])
    if not ook_beoordeeld:
        items = [i for i in items if not any(b.beoordeeld for b in i.opmerkingen)]
    items.sort(key=lambda i: -i.dagen_te_laat)
    totaal = len(items)
    groepen = defaultdict(list)
    for i in items[:limiet]:
        groepen[(i.dossier.organisatie.naam, i.dossier.hulpverlener.naam)].append(i)
    audit.log(user, "opvolging_bekeken", aantal=totaal)
    db.session.commit()
    return Wachtrij([Groep(org, hv, lijst) for (org, hv), lijst in sorted(groepen.items())],
                    totaal)


def meld_nieuwe_items(vandaag: date) -> int:
    """Once a day (the scheduler's morning job, before the digest): each coördinator hears how
    many items became overdue in their Opvolging since yesterday. The queue is computed once
    per scope (all regional coördinatoren share one, the others one per organisation)."""
    gisteren = vandaag - timedelta(days=1)
    per_scope: dict = {}
    gemeld = 0
    for coordinator in db.session.scalars(select(Gebruiker).where(
            Gebruiker.rol == "coordinator", Gebruiker.actief)):
        scope = "regio" if coordinator.organisatie.is_regionaal else coordinator.organisatie_id
        if scope not in per_scope:
            per_scope[scope] = sum(1 for i in _items(coordinator, vandaag)
                                   if gisteren <= i.vervaldatum < vandaag)
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
