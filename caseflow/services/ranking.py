"""Pijler 2 ranking: the dossiers' scores by the wegingskader, per woonmaatschappij and vacancy."""
from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import Row, and_, case, func, literal, null, select
from sqlalchemy.orm import aliased, selectinload

from caseflow import access, clock
from caseflow.errors import NietToegestaan
from caseflow.extensions import db
from caseflow.models import Attest, Dossier, Gebruiker, Gemeente, Organisatie
from caseflow.models.attest import GELDIGE_STATUSSEN, geldend_attest
from caseflow.models.organisatie import woonmaatschappijen as alle_woonmaatschappijen
from caseflow.rules.wegingskader import (
    BEREIKEN,
    Criterium,
    Kandidaat,
    Limieten,
    Regio,
    Score,
    punten_begeleiding,
    rangschik,
    score,
    uitleg,
    volgorde,
    wat_zou_helpen,
)
from caseflow.services import audit
from caseflow.services import wegingskader as config
from caseflow.services.paginering import PER_PAGINA, Pagina, begrens, snede

log = logging.getLogger(__name__)


def kandidaat_van(dossier: Dossier, attest: Attest | None) -> Kandidaat | None:
    """The dossier as the wegingskader sees it; None until an attest states the begeleiding."""
    if attest is None or attest.bevoegd_ocmw is None or attest.begeleiding_bereik is None:
        return None
    return Kandidaat(
        id=str(dossier.id), woonnood=dossier.woonnood, huishouden=dossier.huishouden,
        inkomen=dossier.inkomen, begeleiding_gemeente=attest.bevoegd_ocmw.naam,
        begeleiding_bereik=attest.begeleiding_bereik, kinderen=dossier.aantal_kinderen,
        cir_datum=dossier.cir_inschrijvingsdatum or date.max, attest_datum=attest.uitgereikt_op)


@dataclass(frozen=True)
class Kandidatuur:
    """The dossier as a ranking row shows it: read with the score inputs, not as a whole."""
    id: int
    nummer: str
    voornaam: str
    achternaam: str

    @property
    def naam(self) -> str:
        return f"{self.voornaam} {self.achternaam}"


@dataclass(frozen=True)
class Plaats:
    dossier: Kandidatuur
    kandidaat: Kandidaat
    score: Score
    rang: int | None


def _invoer(woonmaatschappij_id: int, peildatum: date):
    """The score inputs of the woonmaatschappij's pijler 2 candidates with a valid attest,
    issued or confirmed (I-3.4a), in one query of columns; the newest attest per dossier."""
    return db.session.execute(
        select(Dossier.id, Dossier.nummer, Dossier.voornaam, Dossier.achternaam,
               Dossier.woonnood, Dossier.huishouden, Dossier.inkomen, Dossier.aantal_kinderen,
               Dossier.cir_inschrijvingsdatum, Attest.begeleiding_bereik, Attest.uitgereikt_op,
               Gemeente.naam)
        .join(Attest, Attest.dossier_id == Dossier.id)
        .join(Gemeente, Gemeente.id == Attest.bevoegd_ocmw_gemeente_id)
        .where(Dossier.woonmaatschappij_id == woonmaatschappij_id,
               Dossier.status == "kandidaat", Dossier.pijler == 2,
               Attest.status.in_(GELDIGE_STATUSSEN), Attest.geldig_tot >= peildatum,
               Attest.begeleiding_bereik.is_not(None))
        .order_by(Dossier.id, Attest.versie))


def _onthouden_begeleiding() -> Callable[..., int]:
    """punten_begeleiding remembered for one ranking (one regio and one set of limits): its
    thousands of candidates share a few dozen OCMWs and three reaches."""
    memo: dict[tuple, int] = {}

    def begeleiding_van(ocmw, bereik, woning, regio, limieten, woonmaatschappij=None) -> int:
        sleutel = (ocmw, bereik, woning, woonmaatschappij)
        if sleutel not in memo:
            memo[sleutel] = punten_begeleiding(ocmw, bereik, woning, regio, limieten,
                                               woonmaatschappij)
        return memo[sleutel]
    return begeleiding_van


def ranglijst(woonmaatschappij_id: int, peildatum: date, woning_gemeente: str | None = None,
              uitsluiten: set[int] | frozenset[int] = frozenset()) -> list[Plaats]:
    """Eligible pijler 2 candidates with a valid attest, issued or confirmed (I-3.4a), in rank
    order (R-4.6, I-4.6a); those not eligible follow without a rank. Without a dwelling the
    begeleiding points are the best reachable in the woonmaatschappij's area (I-4.4). The
    cost follows the candidates: their score inputs are read as columns."""
    laatste = {r[0]: r for r in _invoer(woonmaatschappij_id, peildatum) if r[0] not in uitsluiten}
    limieten, regio = config.limieten(peildatum), config.regio()
    wm = None if woning_gemeente else db.session.get(Organisatie, woonmaatschappij_id).naam
    begeleiding_van = _onthouden_begeleiding()
    paren = []
    for did, nummer, voornaam, achternaam, woonnood, huishouden, inkomen, kinderen, cir, \
            bereik, uitgereikt, bevoegd in laatste.values():
        k = Kandidaat(id=str(did), woonnood=woonnood, huishouden=huishouden, inkomen=inkomen,
                      begeleiding_gemeente=bevoegd, begeleiding_bereik=bereik, kinderen=kinderen,
                      cir_datum=cir or date.max, attest_datum=uitgereikt)
        paren.append((Kandidatuur(did, nummer, voornaam, achternaam), k,
                      score(k, limieten, regio, woning_gemeente, wm, begeleiding_van)))
    rangen = rangschik([(k, s) for _, k, s in paren])
    plaatsen = [Plaats(d, k, s, rangen.get(k.id)) for d, k, s in paren]
    # The ranked in rank order (which is R-4.6's order), then the others in that order too.
    return sorted((p for p in plaatsen if p.rang), key=lambda p: p.rang) + sorted(
        (p for p in plaatsen if not p.rang), key=lambda p: volgorde(p.kandidaat, p.score))


def _punten_sql(limieten: Limieten, regio: Regio, woning_gemeente: str | None,
                wm: str | None) -> dict:
    """R-4.1 to R-4.5 as SQL expressions, written from the same tables the rules read (the
    configuration in force, the regio): the database orders thousands of candidates and
    Python scores only the page it shows, checked there against `score` row by row.
    Begeleiding points come from `punten_begeleiding` for each gemeente (of the bevoegde
    OCMW, joined by the caller) and reach."""
    woonnood = case({code: p for code, p in limieten.woonnood_punten.items() if p is not None},
                    value=Dossier.woonnood, else_=null())
    inkomen = case(*((and_(Dossier.huishouden == h, Dossier.inkomen <= maximum), p)
                     for h in limieten.leefloon for maximum, p in limieten.maxima(h)), else_=0)
    tabel = limieten.kinderlast_punten
    kinderlast = case(*((Dossier.aantal_kinderen == i, p) for i, p in enumerate(tabel[:-1])),
                      else_=tabel[-1]) if len(tabel) > 1 else literal(tabel[0])
    begeleiding_van, per_punten = _onthouden_begeleiding(), defaultdict(list)
    for naam in regio.namen:
        for bereik in BEREIKEN:
            punten = begeleiding_van(naam, bereik, woning_gemeente, regio, limieten, wm)
            if punten:
                per_punten[(bereik, punten)].append(naam)
    begeleiding = case(*((and_(Attest.begeleiding_bereik == bereik, Gemeente.naam.in_(namen)),
                          punten) for (bereik, punten), namen in per_punten.items()),
                       else_=0) if per_punten else literal(0)
    return {"totaal": func.coalesce(woonnood, 0) + inkomen + begeleiding + kinderlast,
            "in_aanmerking": case((and_(woonnood > 0, inkomen > 0, begeleiding > 0), 1),
                                  else_=0)}


@dataclass(frozen=True)
class _Lijst:
    """A ranking as the database computes it: the candidates with total and eligibility, the
    order of R-4.6 / I-4.6a over them, and the configuration they were scored with."""

    kandidaten: object  # the subquery
    volgorde: tuple
    limieten: Limieten
    regio: Regio
    woning_gemeente: str | None
    woonmaatschappij: str | None

    def kandidaat(self, r) -> Kandidaat:
        return Kandidaat(
            id=str(r.id), woonnood=r.woonnood, huishouden=r.huishouden, inkomen=r.inkomen,
            begeleiding_gemeente=r.bevoegd, begeleiding_bereik=r.begeleiding_bereik,
            kinderen=r.aantal_kinderen, cir_datum=r.cir or date.max, attest_datum=r.uitgereikt_op)


def _lijst(woonmaatschappij_id: int, peildatum: date, limieten: Limieten, regio: Regio,
           woning_gemeente: str | None = None, uitsluiten=()) -> _Lijst:
    """The candidates of `ranglijst` (the newest valid attest of each) as a subquery."""
    def geldig(a):
        return (a.status.in_(GELDIGE_STATUSSEN), a.geldig_tot >= peildatum,
                a.begeleiding_bereik.is_not(None), a.bevoegd_ocmw_gemeente_id.is_not(None))
    nieuwer = aliased(Attest)
    laatste = ~select(nieuwer.id).where(  # no newer valid attest: this one counts
        nieuwer.dossier_id == Attest.dossier_id, nieuwer.versie > Attest.versie,
        *geldig(nieuwer)).exists()
    wm = None if woning_gemeente else db.session.get(Organisatie, woonmaatschappij_id).naam
    punten = _punten_sql(limieten, regio, woning_gemeente, wm)
    k = (select(Dossier.id, Dossier.nummer, Dossier.voornaam, Dossier.achternaam,
                Dossier.woonnood, Dossier.huishouden, Dossier.inkomen, Dossier.aantal_kinderen,
                Dossier.cir_inschrijvingsdatum.label("cir"), Attest.begeleiding_bereik,
                Attest.uitgereikt_op, Gemeente.naam.label("bevoegd"),
                punten["totaal"].label("totaal"), punten["in_aanmerking"].label("in_aanmerking"))
         .join(Attest, Attest.dossier_id == Dossier.id)
         .join(Gemeente, Gemeente.id == Attest.bevoegd_ocmw_gemeente_id)
         .where(Dossier.woonmaatschappij_id == woonmaatschappij_id,
                Dossier.status == "kandidaat", Dossier.pijler == 2, *geldig(Attest), laatste,
                *((Dossier.id.not_in(uitsluiten),) if uitsluiten else ()))).subquery()
    volgorde_sql = (k.c.in_aanmerking.desc(), k.c.totaal.desc(), k.c.cir.is_(None), k.c.cir,
                    k.c.uitgereikt_op.is_(None), k.c.uitgereikt_op, k.c.id)
    return _Lijst(k, volgorde_sql, limieten, regio, woning_gemeente, wm)


def _rijen(lijst: _Lijst, van: int, per_pagina: int) -> list:
    """One page of rows, each with the number of candidates (a window: one statement)."""
    k = lijst.kandidaten
    return db.session.execute(select(k, func.count().over().label("alle"))
                              .order_by(*lijst.volgorde).offset(van).limit(per_pagina)).all()


def pagina_van(woonmaatschappij_id: int, peildatum: date, pagina: int = 1,
               woning_gemeente: str | None = None, uitsluiten=frozenset(),
               per_pagina: int = PER_PAGINA) -> Pagina[Plaats]:
    """A page of `ranglijst`, ordered and counted by the database: Python scores only the
    page shown. Each row shown is scored by the rules; should the two ever disagree, the page
    comes from `ranglijst` itself (and the log says so)."""
    lijst = _lijst(woonmaatschappij_id, peildatum, config.limieten(peildatum), config.regio(),
                   woning_gemeente, uitsluiten)
    pagina = max(1, pagina)
    rijen = _rijen(lijst, (pagina - 1) * per_pagina, per_pagina)
    if not rijen and pagina > 1:  # past the end: the last page
        totaal = db.session.scalar(select(func.count()).select_from(lijst.kandidaten))
        pagina = begrens(pagina, totaal, per_pagina)
        rijen = _rijen(lijst, (pagina - 1) * per_pagina, per_pagina)
    van, begeleiding_van, plaatsen = (pagina - 1) * per_pagina, _onthouden_begeleiding(), []
    for i, r in enumerate(rijen):
        kandidaat = lijst.kandidaat(r)
        s = score(kandidaat, lijst.limieten, lijst.regio, lijst.woning_gemeente,
                  lijst.woonmaatschappij, begeleiding_van)
        if (s.totaal, s.in_aanmerking) != (r.totaal, bool(r.in_aanmerking)):
            log.error("ranglijst in SQL wijkt af van de regels voor dossier %s", r.id)
            return snede(ranglijst(woonmaatschappij_id, peildatum, woning_gemeente, uitsluiten),
                         pagina, per_pagina)
        plaatsen.append(Plaats(Kandidatuur(r.id, r.nummer, r.voornaam, r.achternaam),
                               kandidaat, s, van + i + 1 if r.in_aanmerking else None))
    return Pagina(plaatsen, rijen[0].alle if rijen else 0, pagina, per_pagina)


def rang_van(dossier_id: int, woonmaatschappij_id: int, peildatum: date,
             limieten: Limieten | None = None, regio: Regio | None = None
             ) -> tuple[int | None, int]:
    """A candidate's rank on its woonmaatschappij's ranking and how many are ranked, counted
    by the database (R-4.6); with the configuration when the caller has it already."""
    lijst = _lijst(woonmaatschappij_id, peildatum, limieten or config.limieten(peildatum),
                   regio or config.regio())
    k = lijst.kandidaten
    gerangd = select(k.c.id, func.row_number().over(order_by=lijst.volgorde).label("rang")
                     ).where(k.c.in_aanmerking == 1).subquery()
    rang, aantal = db.session.execute(select(
        func.max(case((gerangd.c.id == dossier_id, gerangd.c.rang))), func.count())).one()
    return rang, aantal


@dataclass(frozen=True)
class Uitleg:
    """What the dossier page shows of the wegingskader (R-4.9)."""

    peildatum: date
    limieten: Limieten | None
    kandidaat: Kandidaat | None
    score: Score | None
    criteria: list[Criterium]
    rang: int | None
    aantal: int
    hulp: list[str]


def uitleg_voor(dossier: Dossier, peildatum: date) -> Uitleg:
    attest = geldend_attest(dossier.id)
    k = kandidaat_van(dossier, attest)
    if k is None:
        return Uitleg(peildatum, None, None, None, [], None, 0, [
            "De punten voor begeleiding volgen uit het attest (R-4.3): reik eerst het attest "
            "uit."])
    limieten, regio = config.limieten(peildatum), config.regio()
    wm = dossier.woonmaatschappij.naam
    s = score(k, limieten, regio, woonmaatschappij=wm)
    rang, aantal = rang_van(dossier.id, dossier.woonmaatschappij_id, peildatum, limieten, regio)
    hulp = wat_zou_helpen(k, s, limieten)
    if attest.status in GELDIGE_STATUSSEN and attest.geldig_tot and \
            attest.geldig_tot < peildatum:
        hulp.append("Het attest is verlopen: vernieuw het om op de ranglijst te staan "
                    "(I-3.4, I-3.4a).")
    return Uitleg(peildatum, limieten, k, s, uitleg(k, s, limieten, woonmaatschappij=wm), rang,
                  aantal, hulp)


def woonmaatschappijen(user: Gebruiker) -> list[Row]:
    """The woonmaatschappijen whose ranking the user may see (I-9.2), as rows with .id and
    .naam; NietToegestaan if none."""
    access.require(user, "ranglijst")
    scope = access.woonmaatschappijen_in_scope(user)
    keuze = [o for o in alle_woonmaatschappijen() if scope is None or o.id in scope]
    if not keuze:
        raise NietToegestaan()
    return keuze


def bekeken(user, woonmaatschappij_id: int, pagina: int = 1) -> Pagina[Plaats]:
    """A page of the ranking, ordered by the database; the candidates shown are audited
    (I-9.2) with one insert."""
    plaatsen = pagina_van(woonmaatschappij_id, clock.vandaag(), pagina)
    audit.log(user, "ranglijst_bekeken", woonmaatschappij=woonmaatschappij_id,
              dossiers=[p.dossier.id for p in plaatsen], pagina=plaatsen.pagina)
    audit.vastleggen()
    return plaatsen


def zonder_details(u: Uitleg) -> Uitleg:
    """The points without the why of woonnood and inkomen: for the woonmaatschappij without
    the client's consent (I-9.2)."""
    verborgen = "details enkel met toestemming van de kandidaat (I-9.2)"
    criteria = [replace(c, tekst=verborgen) if c.regel in ("R-4.1", "R-4.2") else c
                for c in u.criteria]
    score = replace(u.score, redenen=tuple(
        r if "inkomen" not in r else f"inkomen boven de grens (R-4.2); {verborgen}"
        for r in u.score.redenen)) if u.score else None
    return replace(u, criteria=criteria, score=score, hulp=[h for h in u.hulp
                                                           if "inkomen" not in h])


def wachtlijst(user, woonmaatschappij_id: int) -> tuple[list[Kandidaat], dict[str, str]]:
    """R-8.3: the woonmaatschappij's current pijler 2 candidates (issued or confirmed attest,
    valid or not: the simulation applies validity per month), as the simulation takes them,
    with their dossier numbers; only a woonmaatschappij whose ranking the user may see (the
    access policy); the dossiers used are audited (I-9.2)."""
    scope = access.woonmaatschappijen_in_scope(user)
    if scope is not None and woonmaatschappij_id not in scope:
        raise NietToegestaan()

    rijen = db.session.execute(
        select(Dossier, Attest).join(Attest, Attest.dossier_id == Dossier.id)
        .where(Dossier.woonmaatschappij_id == woonmaatschappij_id, Dossier.status == "kandidaat",
               Dossier.pijler == 2, Attest.status.in_(GELDIGE_STATUSSEN))
        .options(selectinload(Attest.bevoegd_ocmw))).all()
    kandidaten = [k for d, a in rijen if (k := kandidaat_van(d, a)) is not None]
    audit.log(user, "simulatie_wachtlijst", woonmaatschappij=woonmaatschappij_id,
              dossiers=[d.id for d, _ in rijen])
    return kandidaten, {str(d.id): d.nummer for d, _ in rijen}
