"""Attest pages and services: R-3.2 at the field, concept, renewal as a new version, withdrawal."""
import re

from sqlalchemy import select

from caseflow.extensions import db
from caseflow.models import Attest, Dossier
from caseflow.services import attesten
from tests.builders import advance, attest_data, login, new_dossier


def form_of(d, **overrides) -> dict:
    data = {k: ("y" if v is True else "" if v is False else str(v))
            for k, v in attest_data(d, **overrides).items()}
    return data | {"version_id": str(d.version_id)}


def test_issue_through_the_page_makes_the_dossier_kandidaat(client, world):
    d = new_dossier(world.hv, world.woonboog)
    advance(d, "attest_voorbereiden", hv=world.hv, hb=world.hb)
    login(client, world.hv)
    page = client.get(f"/dossiers/{d.id}").get_data(as_text=True)
    assert f'href="/dossiers/{d.id}/attest"' in page
    response = client.post(f"/dossiers/{d.id}/attest", data=form_of(d) | {"actie": "uitreiken"})
    assert response.status_code == 302
    assert db.session.get(Dossier, d.id).status == "kandidaat"
    attest = db.session.scalars(select(Attest)).one()
    assert (attest.status, attest.versie, attest.begeleiding_bereik) == ("uitgereikt", 1,
                                                                        "werkingsgebied")


def test_missing_elements_are_shown_at_their_fields_and_nothing_is_issued(client, world):
    d = new_dossier(world.hv, world.woonboog)
    advance(d, "attest_voorbereiden", hv=world.hv, hb=world.hb)
    login(client, world.hv)
    data = form_of(d, doorstroomklaar=False, privemarkt_motivering="") | {"actie": "uitreiken"}
    response = client.post(f"/dossiers/{d.id}/attest", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert re.search(r'id="doorstroomklaar-fout">[^<]*R-3.2.3', page)
    assert re.search(r'id="privemarkt_motivering-fout">[^<]*R-3.2.2', page)
    assert db.session.get(Dossier, d.id).status == "attest"
    assert db.session.scalars(select(Attest)).all() == []


def test_concept_is_kept_and_completed_later(client, world):
    d = new_dossier(world.hv, world.woonboog)
    advance(d, "attest_voorbereiden", hv=world.hv, hb=world.hb)
    login(client, world.hv)
    partial = {"version_id": str(d.version_id), "bevoegd_ocmw_gemeente_id": str(d.gemeente_id),
               "actie": "concept"}
    assert client.post(f"/dossiers/{d.id}/attest", data=partial).status_code == 302
    concept = db.session.scalars(select(Attest)).one()
    assert concept.status == "concept" and concept.bevoegd_ocmw_gemeente_id == d.gemeente_id
    d = db.session.get(Dossier, d.id)
    page = client.get(f"/dossiers/{d.id}/attest").get_data(as_text=True)
    assert re.search(rf'<option selected value="{d.gemeente_id}">', page)  # the concept is shown
    client.post(f"/dossiers/{d.id}/attest", data=form_of(d) | {"actie": "uitreiken"})
    assert db.session.scalars(select(Attest)).one().status == "uitgereikt"


def test_renewal_is_a_new_version_and_the_old_one_is_kept_I_3_4(world):
    d = new_dossier(world.hv, world.woonboog)
    advance(d, "attest_voorbereiden", "attest_uitreiken", hv=world.hv, hb=world.hb)
    attesten.uitreiken(world.hv, d.id, db.session.get(Dossier, d.id).version_id,
                       attest_data(d, begeleiding_bereik="arrondissement"))
    versies = db.session.scalars(select(Attest).order_by(Attest.versie)).all()
    assert [(a.versie, a.status) for a in versies] == [(1, "ingetrokken"), (2, "uitgereikt")]
    assert versies[0].ingetrokken_reden == "vervangen door versie 2"
    assert db.session.get(Dossier, d.id).status == "kandidaat"


def test_withdraw_through_the_page(client, world):
    d = new_dossier(world.hv, world.woonboog)
    advance(d, "attest_voorbereiden", "attest_uitreiken", hv=world.hv, hb=world.hb)
    d = db.session.get(Dossier, d.id)
    login(client, world.hv)
    empty = client.post(f"/dossiers/{d.id}/formulier/attest_intrekken",
                        data={"attest_intrekken-version_id": str(d.version_id)})
    assert empty.status_code == 422 and "Geef aan waarom" in empty.get_data(as_text=True)
    response = client.post(f"/dossiers/{d.id}/formulier/attest_intrekken", data={
        "attest_intrekken-version_id": str(d.version_id),
        "attest_intrekken-toelichting": "Verhuist naar het buitenland"})
    assert response.status_code == 302
    assert db.session.scalars(select(Attest)).one().status == "ingetrokken"


def test_huurbegeleider_cannot_draft_an_attest(client, world):
    d = new_dossier(world.hv, world.woonboog)
    advance(d, "attest_voorbereiden", "attest_uitreiken", hv=world.hv, hb=world.hb)
    login(client, world.hb)
    assert client.get(f"/dossiers/{d.id}/attest").status_code == 403
    assert client.post(f"/dossiers/{d.id}/actie/attest_uitreiken").status_code == 404
