"""Searching by name (rules.zoeken) gives what the rule says on both databases, whichever
index answers: PostgreSQL's trigram index, or SQLite's FTS5 trigram table kept by triggers."""
import pytest
from sqlalchemy import delete, insert, select, text

from caseflow.extensions import db
from caseflow.models import Dossier
from caseflow.models.dossier import naam_bevat
from caseflow.rules.zoeken import normaliseer
from caseflow.services import dossiers as service
from tests.builders import dossier_data, new_dossier

NAMEN = [("Joëlle", "Çelik"), ("Jan", "Ceulemans"), ("An", "De Smet_Willems"),
         ("Mila", "Peeters 50%"), ("Bram", "Celis")]


@pytest.fixture
def genoemd(world):
    dossiers = [new_dossier(world.hv, world.woonboog, voornaam=v, achternaam=a) for v, a in NAMEN]
    # A rename changes what is found (the update trigger).
    data = dossier_data(world.woonboog, voornaam="Bram", achternaam="Vermeulen")
    service.bewerken(world.hv, dossiers[-1].id, dossiers[-1].version_id, data)
    return dossiers


@pytest.mark.parametrize("zoek", ["celik", "ÇEL", "ce", "e", "lle çel", "vermeulen", "celis",
                                  "smet_w", "_", "50%", "%", "n d", "geen zulke naam"])
def test_a_name_search_finds_what_the_rule_says_rules_zoeken(world, genoemd, zoek):
    verwacht = sorted(d.id for d in db.session.scalars(select(Dossier))
                      if normaliseer(zoek) in d.zoeknaam)
    gevonden = sorted(x.id for x in service.caseload(world.hv, zoek=zoek, per_pagina=100).items)
    assert gevonden == verwacht
    assert (zoek in ("celis", "geen zulke naam")) == (gevonden == [])  # Celis was renamed


def test_the_trigram_table_follows_every_insert_update_and_delete_rules_zoeken(world, genoemd):
    """SQLite only keeps a second copy of the names: it must stay equal to the dossiers."""
    if db.engine.dialect.name != "sqlite":
        assert db.session.scalar(select(Dossier.id).where(naam_bevat("celik"))) == genoemd[0].id
        return
    rij = {k: v for k, v in dossier_data(world.woonboog, achternaam="Kortstondig").items()
           if hasattr(Dossier, k)} | {"organisatie_id": world.hv.organisatie_id,
                                       "hulpverlener_id": world.hv.id, "status": "toeleiding",
                                       "version_id": 1}
    db.session.execute(insert(Dossier), [rij])  # a bulk insert, as the benchmark's filler
    nieuw = db.session.scalar(select(Dossier.id).where(naam_bevat("kortstondig")))
    assert nieuw is not None
    db.session.execute(delete(Dossier).where(Dossier.id == nieuw))
    assert db.session.scalar(select(Dossier.id).where(naam_bevat("kortstondig"))) is None
    # FTS5's own check of an external-content table against its content (rank 1).
    db.session.execute(text("INSERT INTO dossier_zoeknaam(dossier_zoeknaam, rank) "
                            "VALUES ('integrity-check', 1)"))
    plan = " ".join(str(r) for r in db.session.execute(text(
        "EXPLAIN QUERY PLAN " + str(select(Dossier.id).where(naam_bevat("celik")).compile(
            db.engine, compile_kwargs={"literal_binds": True})))))
    assert "VIRTUAL TABLE INDEX 0:L" in plan  # the LIKE is answered by the trigram index
