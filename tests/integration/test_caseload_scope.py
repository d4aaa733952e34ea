"""A woonmaatschappij's caseload (R-3.1, I-9.2: what it referred itself, and what was proposed
to or allocated by it) reads each part of its scope in the list's order; page by page it shows
exactly the dossiers, in the order, that the scope as one condition gives."""
import random
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, update

from caseflow import access
from caseflow.extensions import db
from caseflow.models import Dossier
from caseflow.services import dossiers as service
from tests.builders import new_dossier

PER_PAGINA = 4


@pytest.fixture
def dossiers(world):
    """30 dossiers of Woonboog's and others, in every phase, some changed at the same moment."""
    rnd = random.Random(3_1)
    begin = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
    for i in range(30):
        d = new_dossier(world.hv, rnd.choice([world.woonboog, world.woonboog, world.leefgoed]),
                        achternaam=f"Scope {i}")
        db.session.execute(update(Dossier).where(Dossier.id == d.id).values(
            status=rnd.choice(["toeleiding", "attest", "kandidaat", "toegewezen", "afgesloten"]),
            organisatie_id=world.woonboog.id if rnd.random() < 0.2 else d.organisatie_id,
            gewijzigd_op=begin + timedelta(hours=rnd.choice(range(8)))))  # ties on purpose
    db.session.commit()


def _verwacht(user, status_open: bool, oplopend: bool) -> list[int]:
    richting = (Dossier.gewijzigd_op.asc(), Dossier.id.asc()) if oplopend else \
        (Dossier.gewijzigd_op.desc(), Dossier.id.desc())
    where = [access.dossier_scope(user)]
    if status_open:
        where.append(Dossier.status != "afgesloten")
    return list(db.session.scalars(select(Dossier.id).where(*where).order_by(*richting)))


@pytest.mark.parametrize("status", ["open", ""])
@pytest.mark.parametrize("oplopend", [False, True])
def test_I_9_2_each_page_of_a_woonmaatschappij_caseload_is_its_scope_in_order(
        world, dossiers, status, oplopend):
    verwacht = _verwacht(world.hb, status == "open", oplopend)
    assert len(access.dossier_scope_delen(world.hb)) > 1 and len(verwacht) > 2 * PER_PAGINA
    getoond, pagina = [], 1
    while True:
        lijst = service.caseload(world.hb, pagina=pagina, per_pagina=PER_PAGINA,
                                 filter=service.Filter(status=status, oplopend=oplopend))
        getoond += [r.id for r in lijst.items]
        if pagina >= lijst.paginas:
            break
        pagina += 1
    assert getoond == verwacht


def test_I_9_2_a_woonmaatschappij_caseload_is_counted_through_its_parts_up_to_the_limit(
        world, dossiers, monkeypatch):
    """Each part of the scope gives at most the limit + 1 ids, their union is counted: the
    count is exact below the limit and says 'more' above it, a dossier in two parts once."""
    from caseflow.services import paginering

    verwacht = _verwacht(world.hb, True, False)
    for grens in (len(verwacht) - 1, len(verwacht), len(verwacht) + 1):
        monkeypatch.setattr(paginering, "TELLEN_TOT", grens)
        lijst = service.caseload(world.hb, filter=service.Filter(status="open"))
        assert (lijst.totaal, lijst.meer) == (min(len(verwacht), grens), len(verwacht) > grens)
