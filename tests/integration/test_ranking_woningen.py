"""Score explanation, ranking and the vacancy flow (R-4.x, R-3.3)."""
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Attest, Dossier, Voorstel, Woning
from caseflow.services import ranking, woningen
from tests.builders import advance, attest_data, gemeente_id, login, new_dossier
from workflows.base import TransitieGeweigerd


def kandidaat(world, achternaam, **kw):
    bereik = kw.pop("bereik", "werkingsgebied")
    d = new_dossier(world.hv, world.woonboog, achternaam=achternaam, **kw)
    advance(d, "attest_voorbereiden", hv=world.hv, hb=world.hb)
    from caseflow.services import attesten

    attesten.uitreiken(world.hv, d.id, db.session.get(Dossier, d.id).version_id,
                       attest_data(d, begeleiding_bereik=bereik))
    return db.session.get(Dossier, d.id)


@pytest.fixture
def lijst(world):
    """Three Woonboog candidates from Turnhout (RiT) and one over the income limit."""
    a = kandidaat(world, "Alfa", cir_inschrijvingsdatum=date(2024, 1, 10))           # 45
    b = kandidaat(world, "Bravo", huishouden="gezin", aantal_kinderen=3,
                  inkomen=Decimal("1800"))                                          # 47
    c = kandidaat(world, "Charlie", cir_inschrijvingsdatum=date(2023, 6, 1),
                  bereik="gemeente")                                                # 45
    x = kandidaat(world, "Xray", inkomen=Decimal("5000"))                           # 0 inkomen
    return {"a": a, "b": b, "c": c, "x": x}


def test_ranking_R_4_6_total_then_cir_date(world, lijst):
    plaatsen = ranking.ranglijst(world.woonboog.id, clock.vandaag())
    order = [(p.dossier.achternaam, p.score.totaal, p.rang) for p in plaatsen]
    assert order == [("Bravo", 47, 1), ("Charlie", 45, 2), ("Alfa", 45, 3), ("Xray", 25, None)]


def test_ranking_per_dwelling_I_4_4(world, lijst):
    # Beerse lies in RiT, Woonboog's werkingsgebied, but is not Turnhout: Charlie's begeleiding
    # reaches only the gemeente, so Charlie drops out for that dwelling.
    plaatsen = ranking.ranglijst(world.woonboog.id, clock.vandaag(), "Beerse")
    rangen = {p.dossier.achternaam: (p.score.begeleiding, p.rang) for p in plaatsen}
    assert rangen == {"Bravo": (3, 1), "Alfa": (3, 2), "Charlie": (0, None), "Xray": (3, None)}


def test_lapsed_attest_leaves_the_ranking_I_3_4(world, lijst):
    later = clock.vandaag() + timedelta(days=200)
    assert ranking.ranglijst(world.woonboog.id, later) == []


def test_score_explanation_on_the_dossier_R_4_9(client, world, lijst):
    login(client, world.hv)
    page = client.get(f"/dossiers/{lijst['b'].id}").get_data(as_text=True)
    assert 'id="score-totaal"><strong>47</strong>' in page
    for regel in ("R-4.1", "R-4.2", "R-4.3", "R-4.5"):
        assert f"<td>{regel}</td>" in page
    assert re.search(r"Rang <strong>1</strong> van 3", page)
    printable = client.get(f"/dossiers/{lijst['b'].id}/score")
    assert printable.status_code == 200 and "Uw punten" in printable.get_data(as_text=True)


def test_not_eligible_says_which_criterion_and_what_would_help_R_4_8(client, world, lijst):
    login(client, world.hv)
    page = client.get(f"/dossiers/{lijst['x'].id}").get_data(as_text=True)
    assert 'id="score-niet"' in page and "boven de grens" in page
    assert "Een beschikbaar inkomen van hoogstens" in page


def test_ranking_page_scope(client, world, lijst):
    login(client, world.hb)
    page = client.get("/ranglijst").get_data(as_text=True)
    assert page.index("Bravo") < page.index("Charlie") < page.index("Alfa")
    assert "Xray" not in page
    client.post("/afmelden")
    login(client, world.hb_leefgoed)
    assert "Bravo" not in client.get("/ranglijst").get_data(as_text=True)
    client.post("/afmelden")
    login(client, world.hv)
    assert client.get("/ranglijst").status_code == 403
    assert client.get("/woningen").status_code == 403


def woning(world, gemeente="Turnhout") -> Woning:
    return woningen.registreren(world.hb, {"gemeente_id": gemeente_id(gemeente),
                                           "adres": "Kerkstraat 1", "slaapkamers": 2,
                                           "beschikbaar_vanaf": date(2026, 12, 1)})


def test_vacancy_flow_refuse_then_accept(world, lijst):
    w = woning(world)
    eerste = woningen.kandidaten(w).items[0].dossier
    assert eerste.achternaam == "Bravo"
    with pytest.raises(TransitieGeweigerd):  # only the first may be proposed
        woningen.voorstellen(world.hb, w.id, lijst["a"].id, w.version_id)
    v1 = woningen.voorstellen(world.hb, w.id, eerste.id, w.version_id)
    assert (v1.totaal, v1.rang, v1.peildatum) == (47, 1, clock.vandaag())
    assert "leefloon" in v1.versie
    woningen.weigeren(world.hb, v1.id, db.session.get(Woning, w.id).version_id,
                      "Te ver van school")
    volgende = woningen.kandidaten(db.session.get(Woning, w.id)).items[0].dossier
    assert volgende.achternaam == "Charlie"
    v2 = woningen.voorstellen(world.hb, w.id, volgende.id, db.session.get(Woning, w.id).version_id)
    woningen.aanvaarden(world.hb, v2.id, db.session.get(Woning, w.id).version_id)
    db.session.expire_all()
    d = db.session.get(Dossier, volgende.id)
    assert d.status == "toegewezen" and d.toewijzingsdatum == clock.vandaag()
    attest = db.session.scalars(select(Attest).where(Attest.dossier_id == d.id)).one()
    assert attest.status == "bevestigd"  # confirmed at the toewijzing
    assert db.session.get(Woning, w.id).status == "toegewezen"
    assert db.session.get(Dossier, lijst["b"].id).status == "kandidaat"


def test_stale_decision_is_a_conflict(world, lijst):
    from caseflow.errors import Conflict

    w = woning(world)
    oud = w.version_id
    v = woningen.voorstellen(world.hb, w.id, lijst["b"].id, oud)
    with pytest.raises(Conflict):
        woningen.aanvaarden(world.hb, v.id, oud)
    assert db.session.get(Voorstel, v.id).status == "voorgesteld"


def test_vacancy_gemeente_must_be_in_the_werkingsgebied(world):
    from caseflow.errors import Ongeldig

    with pytest.raises(Ongeldig):
        woning(world, "Geel")  # LeefGoed


def test_vacancy_pages(client, world, lijst):
    login(client, world.hb)
    bad = client.post("/woningen/nieuw", data={"gemeente_id": str(gemeente_id("Turnhout")),
                                               "adres": "", "slaapkamers": "-1",
                                               "beschikbaar_vanaf": "31/02/2026"})
    assert bad.status_code == 422
    assert db.session.scalars(select(Woning)).all() == []
    response = client.post("/woningen/nieuw", data={
        "gemeente_id": str(gemeente_id("Turnhout")), "adres": "Markt 3", "slaapkamers": "1",
        "beschikbaar_vanaf": "01/12/2026"})
    w = db.session.scalars(select(Woning)).one()
    assert response.headers["Location"].endswith(f"/woningen/{w.id}")
    page = client.get(f"/woningen/{w.id}").get_data(as_text=True)
    assert page.count(">Voorstellen</button>") == 1
    client.post(f"/woningen/{w.id}/voorstel", data={"version_id": str(w.version_id),
                                                     "dossier_id": str(lijst["b"].id)})
    v = db.session.scalars(select(Voorstel)).one()
    empty = client.post(f"/voorstellen/{v.id}/weigeren",
                        data={"version_id": str(db.session.get(Woning, w.id).version_id)})
    assert empty.status_code == 422 and "Geef de reden" in empty.get_data(as_text=True)
    ok = client.post(f"/voorstellen/{v.id}/aanvaarden",
                     data={"version_id": str(db.session.get(Woning, w.id).version_id)})
    assert ok.status_code == 302
    assert db.session.get(Dossier, lijst["b"].id).status == "toegewezen"
    client.post("/afmelden")
    login(client, world.hb_leefgoed)
    assert client.get(f"/woningen/{w.id}").status_code == 404
