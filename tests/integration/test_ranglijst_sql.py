"""The ranking as the database orders and counts it (a page, a dwelling's page, a candidate's
rank) is the wegingskader's ranking computed by the rules (R-4.1 to R-4.6, I-4.4, I-4.6a,
R-4.8): the same candidates, order, ranks and totals, on inputs chosen at the rules' edges."""
import logging
import random
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Attest, Dossier, Gemeente, Zone
from caseflow.rules.wegingskader import BEREIKEN, WOONNOOD
from caseflow.services import ranking
from caseflow.services import wegingskader as config
from tests.builders import new_dossier

PER_PAGINA = 7


def _inkomens(rnd: random.Random, huishouden: str) -> Decimal:
    """On, just under and just over each income maximum (R-4.2), or anywhere."""
    maxima = [m for m, _ in config.limieten(clock.vandaag()).maxima(huishouden)]
    m = rnd.choice(maxima)
    return rnd.choice([m, m - Decimal("0.01"), m + Decimal("0.01"),
                       Decimal(rnd.randint(0, 300000)) / 100])


def _attest(d: Dossier, versie: int, rnd: random.Random, gemeenten: list[int], hv) -> Attest:
    vandaag = clock.vandaag()
    uitgereikt = vandaag - timedelta(days=rnd.choice([10, 10, 40, 90]))  # ties on purpose
    return Attest(
        dossier_id=d.id, versie=versie, organisatie_id=d.organisatie_id,
        status=rnd.choice(["uitgereikt", "uitgereikt", "bevestigd", "ingetrokken", "concept"]),
        bevoegd_ocmw_gemeente_id=rnd.choice([*gemeenten, None]) if rnd.random() < 0.1
        else rnd.choice(gemeenten),
        begeleiding_bereik=rnd.choice([*BEREIKEN, None]) if rnd.random() < 0.1
        else rnd.choice(BEREIKEN),
        uitgereikt_op=uitgereikt, aangemaakt_door_id=hv.id,
        geldig_tot=vandaag + timedelta(days=rnd.choice([-1, 0, 30, 180])))


@pytest.fixture
def kandidaten(world):
    """45 Woonboog dossiers with one to three attests each, most of them candidates."""
    rnd = random.Random(4_6)
    eigen = list(db.session.scalars(select(Gemeente.id).join(Zone).where(
        Zone.woonmaatschappij_id == world.woonboog.id)))
    gemeenten = eigen * 4 + list(db.session.scalars(select(Gemeente.id)))
    codes = [w.code for w in WOONNOOD]
    for i in range(45):
        huishouden = rnd.choice(["alleenstaande", "gezin"])
        d = new_dossier(
            world.hv, world.woonboog, achternaam=f"Kandidaat {i}", huishouden=huishouden,
            aantal_kinderen=rnd.randint(1, 12) if huishouden == "gezin" else 0,
            inkomen=_inkomens(rnd, huishouden), woonnood=rnd.choice(codes),
            cir_inschrijvingsdatum=rnd.choice([None, clock.vandaag() - timedelta(days=400),
                                               clock.vandaag() - timedelta(days=100)]))
        d.status = rnd.choice(["kandidaat"] * 8 + ["toeleiding", "toegewezen"])
        d.pijler = 2 if rnd.random() < 0.9 else 3
        for versie in range(1, rnd.randint(1, 3) + 1):
            db.session.add(_attest(d, versie, rnd, gemeenten, world.hv))
    db.session.commit()


def _regels(plaatsen) -> list[tuple]:
    return [(p.dossier.id, p.rang, p.score.totaal, p.score.in_aanmerking) for p in plaatsen]


def _alle_paginas(wm_id, woning_gemeente=None, uitsluiten=frozenset()) -> list[tuple]:
    rijen, pagina = [], 1
    while True:
        p = ranking.pagina_van(wm_id, clock.vandaag(), pagina, woning_gemeente, uitsluiten,
                               per_pagina=PER_PAGINA)
        rijen += _regels(p.items)
        if pagina >= p.paginas:
            return rijen
        pagina += 1


@pytest.mark.parametrize("woning_gemeente", [None, "Turnhout", "Beerse", "Geel", "Mol"])
def test_sql_pages_are_the_rules_ranking_R_4_6_I_4_4(world, kandidaten, woning_gemeente):
    verwacht = _regels(ranking.ranglijst(world.woonboog.id, clock.vandaag(), woning_gemeente))
    assert sum(1 for r in verwacht if r[1]) >= 5 and any(r[1] is None for r in verwacht)
    assert _alle_paginas(world.woonboog.id, woning_gemeente) == verwacht


def test_sql_page_leaves_out_the_excluded_candidates(world, kandidaten):
    alle = ranking.ranglijst(world.woonboog.id, clock.vandaag(), "Turnhout")
    weg = frozenset(p.dossier.id for p in alle[::3])
    verwacht = _regels(ranking.ranglijst(world.woonboog.id, clock.vandaag(), "Turnhout", weg))
    assert _alle_paginas(world.woonboog.id, "Turnhout", weg) == verwacht


def test_rank_of_each_candidate_R_4_6(world, kandidaten):
    lijst = ranking.ranglijst(world.woonboog.id, clock.vandaag())
    aantal = sum(1 for p in lijst if p.rang)
    rangen = {p.dossier.id: p.rang for p in lijst}
    for dossier_id in db.session.scalars(select(Dossier.id).where(
            Dossier.woonmaatschappij_id == world.woonboog.id)):
        assert ranking.rang_van(dossier_id, world.woonboog.id, clock.vandaag()) == \
            (rangen.get(dossier_id), aantal)


def test_a_page_past_the_end_is_the_last(world, kandidaten):
    laatste = ranking.pagina_van(world.woonboog.id, clock.vandaag(), 1, per_pagina=PER_PAGINA)
    achteraan = ranking.pagina_van(world.woonboog.id, clock.vandaag(), 999,
                                   per_pagina=PER_PAGINA)
    assert achteraan.pagina == laatste.paginas > 1
    assert _regels(achteraan.items) == _alle_paginas(world.woonboog.id)[
        (laatste.paginas - 1) * PER_PAGINA:]


def test_a_disagreement_with_the_rules_falls_back_to_the_rules(world, kandidaten, monkeypatch,
                                                               caplog):
    """Should the SQL form ever differ from the rules, the page shows the rules' ranking."""
    echt = ranking._punten_sql

    def een_punt_te_veel(*args):
        punten = echt(*args)
        return {**punten, "totaal": punten["totaal"] + 1}
    monkeypatch.setattr(ranking, "_punten_sql", een_punt_te_veel)
    monkeypatch.setattr(ranking.log, "disabled", False)  # whatever logging config ran before
    ranking.log.addHandler(caplog.handler)
    try:
        with caplog.at_level(logging.ERROR, logger=ranking.log.name):
            pagina = ranking.pagina_van(world.woonboog.id, clock.vandaag(), 1)
    finally:
        ranking.log.removeHandler(caplog.handler)
    assert _regels(pagina.items) == _regels(
        ranking.ranglijst(world.woonboog.id, clock.vandaag()))[:len(pagina.items)]
    assert "wijkt af van de regels" in caplog.text
