"""Monitoring of the allocation model (RULES.md section 8). Every figure is a grouped
SQL query; Python only shapes the few rows that come back. Dossier figures (doorlooptijden,
woonbehoud, closures, signalen, caseload) stay within the coördinator's dossier scope (the one
access policy); the model figures R-8.1 and R-8.2 are counts per woonmaatschappij and zone that
every coördinator sees."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from sqlalchemy import (
    Date,
    String,
    and_,
    case,
    cast,
    delete,
    func,
    or_,
    select,
    true,
    type_coerce,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from caseflow import access, clock
from caseflow.errors import NietGevonden, Ongeldig
from caseflow.extensions import db
from caseflow.models import (
    Attest,
    Dossier,
    DossierHistoriek,
    Gebruiker,
    Gemeente,
    MonitoringStand,
    Organisatie,
    Quotum,
    Signaal,
    Toewijzing,
    Toewijzingstotaal,
    Zone,
)
from caseflow.models.base import utcnow
from caseflow.rules import monitoring as regels
from caseflow.rules.pijler3 import quotum_vrij
from caseflow.rules.regio import DOELGROEPEN
from caseflow.rules.signaal import SOORTEN as SIGNAAL_SOORTEN
from caseflow.services import audit, paginering
from caseflow.services.toewijzingen import in_gebruik_per_zone


@dataclass
class Tabel:
    naam: str
    titel: str
    kolommen: list[str]
    rijen: list[list] = field(default_factory=list)
    toelichting: str = ""


@dataclass(frozen=True)
class Filter:
    periode: regels.Periode
    woonmaatschappij_id: int | None = None
    zone_id: int | None = None


def _dagen(eind, begin):
    """Days between two dates, in SQL, on SQLite and PostgreSQL."""
    if db.engine.dialect.name == "sqlite":
        return cast(func.julianday(func.date(eind)) - func.julianday(func.date(begin)),
                    db.Integer)
    return cast(eind, Date) - cast(begin, Date)


def _dag(tijdstip):
    """The date of a timestamp in SQL (SQLite's CAST AS DATE would give a number)."""
    if db.engine.dialect.name == "sqlite":
        return func.date(tijdstip)
    return cast(tijdstip, Date)


def _in_periode(tijdstip, f: Filter):
    begin, einde = f.periode.begin, f.periode.einde
    if db.engine.dialect.name == "sqlite":  # date() gives text: compare ISO dates as text
        begin, einde = begin.isoformat(), einde.isoformat()
    return and_(_dag(tijdstip) >= begin, _dag(tijdstip) < einde)


def _toewijzing_filter(f: Filter):
    voorwaarden = [Toewijzing.datum >= f.periode.begin, Toewijzing.datum < f.periode.einde]
    if f.woonmaatschappij_id:
        voorwaarden.append(Toewijzing.woonmaatschappij_id == f.woonmaatschappij_id)
    if f.zone_id:
        voorwaarden.append(Toewijzing.zone_id == f.zone_id)
    return and_(*voorwaarden)


def _dossier_filter(f: Filter):
    voorwaarden = []
    if f.woonmaatschappij_id:
        voorwaarden.append(Dossier.woonmaatschappij_id == f.woonmaatschappij_id)
    if f.zone_id:
        voorwaarden.append(Dossier.gemeente_id.in_(
            select(Gemeente.id).where(Gemeente.zone_id == f.zone_id)))
    return and_(true(), *voorwaarden)


def pijler2_aandeel(f: Filter) -> Tabel:
    """R-8.1, I-8.1a: pijler 2 toewijzingen against all toewijzingen the woonmaatschappij
    entered, for a period whose quarterly totals are all there."""
    tellingen = dict(db.session.execute(
        select(Toewijzing.woonmaatschappij_id, func.count(Toewijzing.id))
        .where(_toewijzing_filter(f), Toewijzing.pijler == 2)
        .group_by(Toewijzing.woonmaatschappij_id)).all())
    ingevoerd: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for wm, kwartaal, aantal in db.session.execute(
            select(Toewijzingstotaal.woonmaatschappij_id, Toewijzingstotaal.kwartaal,
                   Toewijzingstotaal.aantal)
            .where(Toewijzingstotaal.jaar == f.periode.jaar,
                   Toewijzingstotaal.kwartaal.in_(f.periode.kwartalen))):
        ingevoerd[wm].append((kwartaal, aantal))
    wms = select(Organisatie).where(Organisatie.soort == "woonmaatschappij")
    if f.woonmaatschappij_id:
        wms = wms.where(Organisatie.id == f.woonmaatschappij_id)
    tabel = Tabel("pijler2", f"Aandeel pijler 2 in alle toewijzingen, {f.periode.label} (R-8.1)",
                  ["Woonmaatschappij", "Pijler 2", "Alle toewijzingen", "Aandeel (%)",
                   "Doel (%)", "Totaal volledig"],
                  toelichting="Het totaal van alle toewijzingen (alle pijlers) voert de "
                  "woonmaatschappij zelf in per kwartaal; een aandeel verschijnt pas als elk "
                  "kwartaal van de periode ingevoerd is. Het doel van 20 % geldt per "
                  "woonmaatschappij en jaar, niet per zone (I-8.1a).")
    for wm in db.session.scalars(wms.order_by(Organisatie.naam)):
        p2 = tellingen.get(wm.id, 0)
        rijen = ingevoerd.get(wm.id, [])
        som = sum(n for _, n in rijen) if rijen else None
        share, volledig = regels.pijler2_aandeel(p2, som, tuple(k for k, _ in rijen), f.periode,
                                                 zone=f.zone_id is not None)
        tabel.rijen.append([wm.naam, p2, None if f.zone_id else som, share,
                            int(regels.PIJLER2_DOEL * 100), volledig])
    return tabel


def toewijzingen_per_kwartaal(f: Filter) -> Tabel:
    """The line chart: toewijzingen per quarter of the year, per pijler."""
    jaar = regels.Periode(f.periode.jaar)
    maand = func.extract("month", Toewijzing.datum)
    kwartaal = case((maand <= 3, 1), (maand <= 6, 2), (maand <= 9, 3), else_=4)
    rows = db.session.execute(
        select(kwartaal, Toewijzing.pijler, func.count(Toewijzing.id))
        .where(_toewijzing_filter(Filter(jaar, f.woonmaatschappij_id, f.zone_id)))
        .group_by(kwartaal, Toewijzing.pijler)).all()
    per = defaultdict(int)
    for k, pijler, n in rows:
        per[(int(k), pijler)] += n
    tabel = Tabel("per_kwartaal", f"Toewijzingen per kwartaal, {jaar.label}",
                  ["Kwartaal", "Pijler 2", "Pijler 3"])
    for k in (1, 2, 3, 4):
        tabel.rijen.append([f"K{k}", per[(k, 2)], per[(k, 3)]])
    return tabel


def quota(f: Filter) -> Tabel:
    """R-8.2: reserved dwellings in use per zone and doelgroep, in one grouped query."""
    gebruikt = in_gebruik_per_zone()
    stmt = select(Quotum, Zone, Organisatie).join(Zone, Zone.id == Quotum.zone_id).join(
        Organisatie, Organisatie.id == Zone.woonmaatschappij_id)
    if f.woonmaatschappij_id:
        stmt = stmt.where(Zone.woonmaatschappij_id == f.woonmaatschappij_id)
    if f.zone_id:
        stmt = stmt.where(Zone.id == f.zone_id)
    tabel = Tabel("quota", "Gebruik van de pijler 3-quota per zone en doelgroep (R-8.2)",
                  ["Woonmaatschappij", "Zone", "Doelgroep", "Quotum", "In gebruik", "Vrij",
                   "Gebruik (%)"],
                  toelichting="Een woning telt zolang de huurder begeleid wordt (toegewezen of "
                  "begeleiding, R-5.3).")
    volgorde = list(DOELGROEPEN)
    for q, zone, wm in sorted(db.session.execute(stmt).all(), key=lambda r: (
            r[2].naam, r[1].naam or "", volgorde.index(r[0].doelgroep))):
        n = gebruikt.get((zone.id, q.doelgroep), 0)
        tabel.rijen.append([wm.naam, zone.naam or "–", DOELGROEPEN[q.doelgroep], q.aantal, n,
                            quotum_vrij(q.aantal, n), regels.aandeel(n, q.aantal)])
    return tabel


def doorlooptijden(user: Gebruiker, f: Filter) -> Tabel:
    """Days from toeleiding to the first attest, from that attest to the toewijzing, and in
    all; median and 90th percentile. Counted in the period of the step's end."""
    ouder = aliased(Attest)
    scope = and_(access.dossier_scope(user), _dossier_filter(f))
    # The first attest of the dossiers allocated in the period only (not of every dossier).
    eerste = (select(ouder.dossier_id, func.min(ouder.uitgereikt_op).label("datum"))
              .where(ouder.dossier_id.in_(select(Toewijzing.dossier_id)
                                          .where(_toewijzing_filter(f))))
              .group_by(ouder.dossier_id).subquery())
    stappen = {
        # The attests issued in the period that are their dossier's first (index on the date).
        "Toeleiding → attest": select(_dagen(Attest.uitgereikt_op, Dossier.aangemaakt_op))
        .join(Dossier, Dossier.id == Attest.dossier_id)
        .where(scope, Attest.uitgereikt_op >= f.periode.begin,
               Attest.uitgereikt_op < f.periode.einde, ~select(ouder.id).where(
                   ouder.dossier_id == Attest.dossier_id,
                   or_(ouder.uitgereikt_op < Attest.uitgereikt_op,
                       and_(ouder.uitgereikt_op == Attest.uitgereikt_op,
                            ouder.id < Attest.id))).exists()),
        "Attest → toewijzing": select(_dagen(Toewijzing.datum, eerste.c.datum))
        .join(eerste, eerste.c.dossier_id == Toewijzing.dossier_id)
        .join(Dossier, Dossier.id == Toewijzing.dossier_id)
        .where(scope, _toewijzing_filter(f), eerste.c.datum.is_not(None)),
        "Toeleiding → toewijzing": select(_dagen(Toewijzing.datum, Dossier.aangemaakt_op))
        .join(Dossier, Dossier.id == Toewijzing.dossier_id)
        .where(scope, _toewijzing_filter(f)),
    }
    tabel = Tabel("doorlooptijden", f"Doorlooptijden in dagen, {f.periode.label}",
                  ["Stap", "Aantal dossiers", "Mediaan", "90e percentiel"],
                  toelichting="Geteld in de periode waarin de stap eindigt.")
    for stap, stmt in stappen.items():
        aantal, *percentielen = _verdeling(stmt, ((1, 2), (9, 10)))
        tabel.rijen.append([stap, aantal, *(_rond(p) for p in percentielen)])
    return tabel


def _verdeling(stmt, percentielen: tuple[tuple[int, int], ...]) -> tuple:
    """How many values `stmt` yields and the given percentiles (as fractions teller/noemer;
    regels.percentiel: linear between the closest ranks), in one statement: the database
    ranks the values and returns only the two around each percentile's rank."""
    waarden = stmt.subquery()
    kolom = waarden.c[0]
    gerangschikt = select(kolom.label("w"), (func.row_number().over(order_by=kolom) - 1)
                          .label("rang"), func.count().over().label("n")).subquery()
    rangen = [(gerangschikt.c.n - 1) * t // d for t, d in percentielen]
    rijen = db.session.execute(select(gerangschikt.c.w, gerangschikt.c.rang, gerangschikt.c.n)
                               .where(or_(*(gerangschikt.c.rang.in_((r, r + 1))
                                            for r in rangen)))).all()
    if not rijen:
        return (0, *(None for _ in percentielen))
    aantal, op_rang = rijen[0][2], {rang: w for w, rang, _ in rijen}
    uitkomst = []
    for t, d in percentielen:
        positie = (aantal - 1) * t / d
        onder = (aantal - 1) * t // d
        rond = [op_rang[r] for r in (onder, onder + 1) if r in op_rang]
        uitkomst.append(regels.percentiel(rond, positie - onder))
    return (aantal, *uitkomst)


def _rond(waarde: float | None) -> float | None:
    return None if waarde is None else round(waarde, 1)


def woonbehoud(user: Gebruiker, f: Filter, vandaag: date | None = None) -> Tabel:
    """Housed 1 and 2 years after the toewijzing, for the toewijzingen of the period."""
    vandaag = vandaag or clock.vandaag()
    grens = {1: vandaag - relativedelta(years=1), 2: vandaag - relativedelta(years=2)}
    afgesloten = Dossier.status == "afgesloten"
    kolommen = (Toewijzing.woonbehoud_1_jaar, Toewijzing.woonbehoud_2_jaar,
                Toewijzing.datum <= grens[1], Toewijzing.datum <= grens[2], afgesloten,
                Dossier.afsluitreden)
    rows = db.session.execute(
        select(*kolommen, func.count(Toewijzing.id))
        .join(Dossier, Dossier.id == Toewijzing.dossier_id)
        .where(access.dossier_scope(user), _toewijzing_filter(f)).group_by(*kolommen)).all()
    tabel = Tabel("woonbehoud", f"Woonbehoud na de toewijzingen van {f.periode.label}",
                  ["Na", "Toewijzingen", "Termijn verstreken", "Behouden", "Niet behouden",
                   "Onbekend", "Woonbehoud (%)"],
                  toelichting="Wie nog opgevolgd wordt, of wiens dossier afsloot omdat het "
                  "engagement van 2 jaar afliep, woont er nog; vastgelegd woonbehoud gaat voor.")
    for jaren in (1, 2):
        telling = defaultdict(int)
        totaal = 0
        for wb1, wb2, bereikt1, bereikt2, dicht, reden, n in rows:
            uitkomst = regels.woonbehoud(wb1 if jaren == 1 else wb2,
                                         bool(bereikt1 if jaren == 1 else bereikt2),
                                         bool(dicht), reden)
            telling[uitkomst] += n
            totaal += n
        bereikt = totaal - telling["nog_niet"]
        gekend = telling["behouden"] + telling["niet_behouden"]
        tabel.rijen.append([f"{jaren} jaar", totaal, bereikt, telling["behouden"],
                            telling["niet_behouden"], telling["onbekend"],
                            regels.aandeel(telling["behouden"], gekend)])
    return tabel


def afsluitingen(user: Gebruiker, f: Filter) -> Tabel:
    """Dossiers closed in the period, per reason; R-4.10: a private dwelling was found."""
    gesloten_op = (select(DossierHistoriek.dossier_id,
                          func.max(DossierHistoriek.tijdstip).label("tijdstip"))
                   .where(DossierHistoriek.naar == "afgesloten")
                   .group_by(DossierHistoriek.dossier_id).subquery())
    rows = db.session.execute(
        select(Organisatie.naam, Dossier.afsluitreden, func.count(Dossier.id))
        .join(gesloten_op, gesloten_op.c.dossier_id == Dossier.id)
        .join(Organisatie, Organisatie.id == Dossier.organisatie_id)
        .where(access.dossier_scope(user), _dossier_filter(f),
               Dossier.status == "afgesloten",
               _in_periode(gesloten_op.c.tijdstip, f))
        .group_by(Organisatie.naam, Dossier.afsluitreden)).all()
    per_org = defaultdict(lambda: defaultdict(int))
    for org, reden, n in rows:
        per_org[org][reden] += n
    tabel = Tabel("afsluitingen", f"Afgesloten dossiers, {f.periode.label} (R-4.10)",
                  ["Welzijnsorganisatie", "Afgesloten", "Private huurmarkt",
                   "Aandeel private huurmarkt (%)", "Engagement afgelopen", "Andere redenen"])
    for org in sorted(per_org):
        r = per_org[org]
        totaal = sum(r.values())
        tabel.rijen.append([org, totaal, r["private_huurmarkt"],
                            regels.aandeel(r["private_huurmarkt"], totaal),
                            r["engagement_afgelopen"],
                            totaal - r["private_huurmarkt"] - r["engagement_afgelopen"]])
    return tabel


def signalen(user: Gebruiker, f: Filter) -> Tabel:
    """Signalen raised in the period, per kind, and how they ended (I-7.1 to I-7.4)."""
    afloop = case((Signaal.status.in_(("opgelost", "gesloten")), type_coerce(Signaal.status,
                                                                              String)),
                  else_="open")
    rows = db.session.execute(
        select(Signaal.soort, afloop, func.count(Signaal.id))
        .join(Dossier, Dossier.id == Signaal.dossier_id)
        .where(access.dossier_scope(user), _dossier_filter(f),
               _in_periode(Signaal.gemeld_op, f))
        .group_by(Signaal.soort, afloop)).all()
    geescaleerd = dict(db.session.execute(
        select(Signaal.soort, func.count(Signaal.id))
        .join(Dossier, Dossier.id == Signaal.dossier_id)
        .where(access.dossier_scope(user), _dossier_filter(f),
               Signaal.coordinator_verwittigd_op.is_not(None),
               _in_periode(Signaal.gemeld_op, f))
        .group_by(Signaal.soort)).all())
    per = defaultdict(lambda: defaultdict(int))
    for soort, uitkomst, n in rows:
        per[soort][uitkomst] += n
    tabel = Tabel("signalen", f"Signalen per soort en afloop, {f.periode.label}",
                  ["Soort", "Gemeld", "Nog open", "Opgelost", "Gesloten zonder opvolging",
                   "Coördinator verwittigd"])
    for soort, label in SIGNAAL_SOORTEN.items():
        r = per[soort]
        tabel.rijen.append([label, sum(r.values()), r["open"], r["opgelost"], r["gesloten"],
                            geescaleerd.get(soort, 0)])
    return tabel


def caseload(user: Gebruiker, f: Filter) -> Tabel:
    """Open dossiers per hulpverlener now, before and after the toewijzing; for the regional
    coördinator per organisation (thousands of hulpverleners across Flanders)."""
    na = Dossier.status.in_(("toegewezen", "begeleiding", "aanklampend"))
    per_organisatie = user.organisatie.is_regionaal
    eerste, tweede = (Organisatie.naam, func.count(func.distinct(Dossier.hulpverlener_id))) \
        if per_organisatie else (Gebruiker.naam, Organisatie.naam)
    stmt = (select(eerste, tweede, func.count(Dossier.id), func.sum(case((na, 1), else_=0)))
            .join(Organisatie, Organisatie.id == Dossier.organisatie_id)
            .where(access.dossier_scope(user), _dossier_filter(f), Dossier.status != "afgesloten"))
    if per_organisatie:
        stmt = stmt.group_by(Organisatie.id, Organisatie.naam).order_by(Organisatie.naam)
    else:
        stmt = stmt.join(Gebruiker, Gebruiker.id == Dossier.hulpverlener_id).group_by(
            Gebruiker.id, Gebruiker.naam, Organisatie.naam).order_by(Organisatie.naam,
                                                                      Gebruiker.naam)
    rows = db.session.execute(stmt).all()
    tabel = Tabel("caseload", "Caseload per organisatie (open dossiers, vandaag)"
                  if per_organisatie else "Caseload per hulpverlener (open dossiers, vandaag)",
                  ["Organisatie", "Hulpverleners"] if per_organisatie else
                  ["Hulpverlener", "Organisatie"] +
                  ["Open dossiers", "Voor de toewijzing", "Na de toewijzing"])
    for naam, org, n, na_toewijzing in rows:
        tabel.rijen.append([naam, org, n, n - int(na_toewijzing or 0), int(na_toewijzing or 0)])
    return tabel


TABELLEN = {
    "pijler2": lambda user, f: pijler2_aandeel(f),
    "per_kwartaal": lambda user, f: toewijzingen_per_kwartaal(f),
    "quota": lambda user, f: quota(f),
    "doorlooptijden": doorlooptijden,
    "woonbehoud": lambda user, f: woonbehoud(user, f),
    "afsluitingen": afsluitingen,
    "signalen": signalen,
    "caseload": caseload,
}


def alles(user: Gebruiker, f: Filter) -> dict[str, Tabel]:
    """Every table computed now from the dossiers (R-8)."""
    access.require(user, "monitoring")
    return {naam: maak(user, f) for naam, maak in TABELLEN.items()}


# The figures a page shows are at most VERS old; the scheduler recomputes the figures asked
# for in the last GEVRAAGD once they are VERVERS old, so a coördinator rarely waits on them.
VERS = timedelta(minutes=15)
VERVERS = timedelta(minutes=10)
GEVRAAGD = timedelta(days=1)
VERGETEN = timedelta(days=7)


@dataclass(frozen=True)
class Stand:
    tabellen: dict[str, Tabel]
    berekend_op: datetime
    caseload_blad: paginering.Pagina | None = None  # the page shows one page of that table


# Rows of the caseload table on the page (CAW De Kempen has 700 hulpverleners); the downloads
# and the printed report hold every row.
PER_BLAD = 50


def _sleutel(user: Gebruiker, f: Filter) -> str:
    p = f.periode
    return (f"{user.rol}:{user.organisatie_id}:{p.jaar}:{p.kwartaal or ''}:"
            f"{f.woonmaatschappij_id or ''}:{f.zone_id or ''}")


def _cel_in(cel):
    return {"decimaal": str(cel)} if isinstance(cel, Decimal) else cel


def _cel_uit(cel):
    return Decimal(cel["decimaal"]) if isinstance(cel, dict) else cel


def _naar_json(tabellen: dict[str, Tabel]) -> dict:
    return {naam: {**asdict(t), "rijen": [[_cel_in(c) for c in r] for r in t.rijen]}
            for naam, t in tabellen.items()}


def _uit_json(inhoud: dict) -> dict[str, Tabel]:
    return {naam: Tabel(**{**t, "rijen": [[_cel_uit(c) for c in r] for r in t["rijen"]]})
            for naam, t in inhoud.items()}


def _bewaar(rij: MonitoringStand | None, user: Gebruiker, f: Filter,
            tabellen: dict[str, Tabel], nu: datetime) -> None:
    """Keep the figures just computed, in the stand read before or a new one; a colleague's
    figures of the same moment win."""
    try:
        with db.session.begin_nested():
            if rij is None:
                rij = MonitoringStand(
                    sleutel=_sleutel(user, f), rol=user.rol, organisatie_id=user.organisatie_id,
                    jaar=f.periode.jaar, kwartaal=f.periode.kwartaal,
                    woonmaatschappij_id=f.woonmaatschappij_id, zone_id=f.zone_id)
                db.session.add(rij)
            rij.inhoud, rij.berekend_op, rij.gevraagd_op = _naar_json(tabellen), nu, nu
    except IntegrityError:
        pass


def stand(user: Gebruiker, f: Filter, herberekenen: bool = False) -> Stand:
    """The figures as last computed for this user's scope and this filter when they are less
    than VERS old, else (or when asked) computed now and kept."""
    access.require(user, "monitoring")
    nu = utcnow()
    rij = db.session.scalars(select(MonitoringStand).where(
        MonitoringStand.sleutel == _sleutel(user, f))).first()
    if rij is None or herberekenen or rij.berekend_op < nu - VERS:
        tabellen = alles(user, f)
        _bewaar(rij, user, f, tabellen, nu)
        return Stand(tabellen, nu)
    if rij.gevraagd_op < nu - timedelta(minutes=1):
        rij.gevraagd_op = nu
    return Stand(_uit_json(rij.inhoud), rij.berekend_op)


def verversen(nu: datetime | None = None, budget: timedelta = timedelta(seconds=60)) -> int:
    """The scheduler's part: recompute the figures asked for in the last day once they are
    VERVERS old, the oldest first, as a coördinator of that scope sees them, for at most
    `budget` a round (the reminders and the mail of the next round must not wait on hundreds
    of organisations; what is left waits for the next round, and a page computes figures
    older than VERS itself); forget those not asked for in a week. Returns how many were
    recomputed."""
    nu = nu or utcnow()
    db.session.execute(delete(MonitoringStand).where(MonitoringStand.gevraagd_op < nu - VERGETEN))
    einde, aantal = utcnow() + budget, 0
    for rij in db.session.scalars(select(MonitoringStand).where(
            MonitoringStand.gevraagd_op >= nu - GEVRAAGD,
            MonitoringStand.berekend_op < nu - VERVERS)
            .order_by(MonitoringStand.berekend_op)).all():
        if aantal and utcnow() > einde:  # at least one a round, so none waits forever
            break
        wie = db.session.scalars(select(Gebruiker).where(
            Gebruiker.rol == rij.rol, Gebruiker.organisatie_id == rij.organisatie_id,
            Gebruiker.actief).order_by(Gebruiker.id)).first()
        if wie is None:
            db.session.delete(rij)
            continue
        f = Filter(regels.Periode(rij.jaar, rij.kwartaal), rij.woonmaatschappij_id, rij.zone_id)
        rij.inhoud, rij.berekend_op = _naar_json(alles(wie, f)), utcnow()
        db.session.commit()
        aantal += 1
    db.session.commit()
    return aantal


def bekijken(user: Gebruiker, f: Filter, actie: str = "monitoring_bekeken",
             herberekenen: bool = False, caseload_pagina: int | None = None) -> Stand:
    """Every table of the monitoring page, the viewing audited (I-9.2); with
    `caseload_pagina`, the caseload table holds that page of its rows only."""
    gevonden = stand(user, f, herberekenen)
    audit.log(user, actie, periode=f.periode.label)
    db.session.commit()
    if caseload_pagina is None:
        return gevonden
    tabel = gevonden.tabellen["caseload"]
    blad = paginering.snede(tabel.rijen, caseload_pagina, PER_BLAD)
    return replace(gevonden, caseload_blad=blad, tabellen={
        **gevonden.tabellen, "caseload": replace(tabel, rijen=blad.items)})


def rapport(user: Gebruiker, f: Filter) -> tuple[Stand, dict[str, str]]:
    """The printed report: every table (its making audited, I-9.2) and the filters in words."""
    return bekijken(user, f, "monitoring_rapport"), _filterlabels(user, f)


def _filterlabels(user: Gebruiker, f: Filter) -> dict[str, str]:
    wm = db.session.get(Organisatie, f.woonmaatschappij_id) if f.woonmaatschappij_id else None
    zone = db.session.get(Zone, f.zone_id) if f.zone_id else None
    return {"woonmaatschappij": wm.naam if wm else "Alle woonmaatschappijen",
            "zone": zone.label if zone else "Alle zones",
            "bereik": "Alle organisaties (regionale coördinator)" if user.organisatie.is_regionaal
            else f"De dossiers van {user.organisatie.naam}"}


def downloaden(user: Gebruiker, f: Filter, naam: str, formaat: str) -> Tabel:
    """One table to download, the figures the page shows, the download audited; NietGevonden
    for an unknown table."""
    if naam not in TABELLEN:
        access.require(user, "monitoring")
        raise NietGevonden()
    gevonden = stand(user, f).tabellen[naam]
    audit.log(user, "monitoring_download", tabel=naam, formaat=formaat,
              periode=f.periode.label)
    db.session.commit()
    return gevonden


def filterkeuzes() -> tuple[list[Organisatie], list[Zone]]:
    """The woonmaatschappijen and zones the monitoring can be filtered on."""
    wms = db.session.scalars(select(Organisatie).where(Organisatie.soort == "woonmaatschappij")
                             .order_by(Organisatie.naam)).all()
    zones = db.session.scalars(select(Zone).order_by(Zone.woonmaatschappij_id, Zone.naam)).all()
    return list(wms), list(zones)


def totalen(user: Gebruiker) -> list[Toewijzingstotaal]:
    """The woonmaatschappij's own quarterly totals (R-8.1), the latest first."""
    access.require(user, "toewijzingstotalen")
    return list(db.session.scalars(select(Toewijzingstotaal).where(
        Toewijzingstotaal.woonmaatschappij_id == user.organisatie_id)
        .order_by(Toewijzingstotaal.jaar.desc(), Toewijzingstotaal.kwartaal.desc())))


def totaal_invoeren(user: Gebruiker, jaar: int, kwartaal: int, aantal: int) -> Toewijzingstotaal:
    """R-8.1: the woonmaatschappij's own count of all its toewijzingen in a quarter; entering
    a quarter again corrects it."""
    access.require(user, "toewijzingstotalen")
    if kwartaal not in (1, 2, 3, 4):
        raise Ongeldig({"kwartaal": "Kies een kwartaal."})
    if aantal < 0:
        raise Ongeldig({"aantal": "Geef een aantal van 0 of meer."})
    p2 = db.session.scalar(select(func.count(Toewijzing.id)).where(
        Toewijzing.woonmaatschappij_id == user.organisatie_id, Toewijzing.pijler == 2,
        Toewijzing.datum >= regels.Periode(jaar, kwartaal).begin,
        Toewijzing.datum < regels.Periode(jaar, kwartaal).einde))
    if aantal < p2:
        raise Ongeldig({"aantal": f"Caseflow telt al {p2} toewijzingen in pijler 2 in dit "
                                  "kwartaal; het totaal van alle pijlers kan niet kleiner zijn."})
    rij = db.session.scalars(select(Toewijzingstotaal).where(
        Toewijzingstotaal.woonmaatschappij_id == user.organisatie_id,
        Toewijzingstotaal.jaar == jaar, Toewijzingstotaal.kwartaal == kwartaal)).first()
    if rij is None:
        rij = Toewijzingstotaal(woonmaatschappij_id=user.organisatie_id, jaar=jaar,
                                kwartaal=kwartaal, aantal=aantal, ingevoerd_door_id=user.id)
        db.session.add(rij)
    else:
        rij.aantal, rij.ingevoerd_door_id = aantal, user.id
    audit.log(user, "toewijzingstotaal", jaar=jaar, kwartaal=kwartaal, aantal=aantal)
    try:
        db.session.commit()
    except IntegrityError:  # a colleague entered the same quarter at the same moment
        db.session.rollback()
        raise Ongeldig({"aantal": "Dit kwartaal werd net door iemand anders ingevoerd; "
                                  "bekijk het en probeer opnieuw."}) from None
    return rij
