"""'Mijn huurders' (I-9.2: a woonmaatschappij follows the tenants it allocated, R-1.2: the
woonmaatschappij that allocated stays the dossier's) reads its page from the toewijzingen in
order, not by sorting every tenant; page by page it shows exactly the dossiers, in the order,
that the access policy's scope as one condition gives, including a dossier the woonmaatschappij
opened itself and another one allocated."""
import random
from datetime import date, timedelta

from sqlalchemy import select, update

from caseflow import access
from caseflow.extensions import db
from caseflow.models import Dossier, Gemeente, Toewijzing, Zone
from caseflow.services.huurders import GEVOLGD, mijn_huurders
from tests.builders import advance, new_dossier, overeenkomst

PER_PAGINA = 3


def _huurder(world, wm, hb):
    gemeente = db.session.scalars(select(Gemeente.id).join(Zone, Zone.id == Gemeente.zone_id)
                                  .where(Zone.woonmaatschappij_id == wm.id)).first()
    d = new_dossier(world.hv, wm, gemeente_id=gemeente)
    return advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen",
                   "toewijzen", hv=world.hv, hb=hb)


def _verwacht(user) -> list[int]:
    return list(db.session.scalars(
        select(Dossier.id).join(Toewijzing, Toewijzing.dossier_id == Dossier.id)
        .where(access.dossier_scope(user), Dossier.status.in_(GEVOLGD))
        .order_by(Toewijzing.engagement_einde, Dossier.id)))


def test_I_9_2_each_page_of_mijn_huurders_is_the_scope_in_order(world):
    rnd = random.Random(1_2)
    overeenkomst(world.hv.organisatie, world.leefgoed)
    eigen = [_huurder(world, world.woonboog, world.hb) for _ in range(8)]
    elders = [_huurder(world, world.leefgoed, world.hb_leefgoed) for _ in range(3)]
    for d in eigen + elders:  # ties on purpose
        db.session.execute(update(Toewijzing).where(Toewijzing.dossier_id == d.id).values(
            engagement_einde=date(2027, 1, 1) + timedelta(days=rnd.choice(range(3)))))
    # one dossier Woonboog opened itself, allocated by LeefGoed: in Woonboog's list too
    db.session.execute(update(Dossier).where(Dossier.id == elders[0].id).values(
        organisatie_id=world.woonboog.id))
    db.session.execute(update(Dossier).where(Dossier.id == eigen[0].id).values(
        status="afgesloten"))
    db.session.commit()
    verwacht = _verwacht(world.hb)
    assert elders[0].id in verwacht and elders[1].id not in verwacht
    assert eigen[0].id not in verwacht and len(verwacht) == 8 > 2 * PER_PAGINA
    getoond, pagina = [], 1
    while True:
        lijst = mijn_huurders(world.hb, pagina=pagina, per_pagina=PER_PAGINA)
        getoond += [h.dossier.id for h in lijst.items]
        if pagina >= lijst.paginas:
            break
        pagina += 1
    assert getoond == verwacht
