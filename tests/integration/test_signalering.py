"""Knipperlicht (R-6.4) and the sociaal verslag for bijzondere omstandigheden (R-4.7)."""
from sqlalchemy import select

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Dossier, Knipperlicht, SociaalVerslag
from tests.builders import advance, login, new_dossier


def fresh(d) -> Dossier:
    db.session.expire_all()
    return db.session.get(Dossier, d.id)


def post(client, d, naam, **data):
    d = fresh(d)
    form = {f"{naam}-{k}": v for k, v in data.items()} | {f"{naam}-version_id": str(d.version_id)}
    return client.post(f"/dossiers/{d.id}/formulier/{naam}", data=form)


def test_knipperlicht_blocks_until_overleg_then_needs_a_begeleidingsovereenkomst(client, world):
    d = new_dossier(world.hv, world.woonboog)
    advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen", hv=world.hv,
            hb=world.hb)
    login(client, world.hb)
    assert post(client, d, "knipperlicht", toelichting="").status_code == 422
    assert post(client, d, "knipperlicht", toelichting="Verslavingsproblematiek, geen "
                "dagstructuur").status_code == 302
    page = client.get(f"/dossiers/{d.id}").get_data(as_text=True)
    assert "Wacht op overleg" in page and "R-6.4" in page
    refused = client.post(f"/dossiers/{d.id}/actie/toewijzen", data={
        "toewijzen-version_id": str(fresh(d).version_id),
        "toewijzen-datum": clock.vandaag().isoformat(), "toewijzen-gemeente_id": str(d.gemeente_id),
        "toewijzen-adres": "Kerkstraat 1"})
    assert refused.status_code == 422 and fresh(d).status == "kandidaat"
    assert post(client, d, "overleg", datum=clock.vandaag().isoformat(),
                toelichting="Casusoverleg CAW en Woonboog").status_code == 302
    licht = db.session.scalars(select(Knipperlicht)).one()
    assert licht.overleg_op == clock.vandaag()
    advance(fresh(d), "toewijzen", hv=world.hv, hb=world.hb)
    d = fresh(d)
    assert d.status == "toegewezen"
    page = client.get(f"/dossiers/{d.id}").get_data(as_text=True)
    assert 'aria-describedby="waarom-zonder_begeleiding_opvolgen"' in page  # blocked


def test_bijzondere_omstandigheden_sociaal_verslag_approved_by_woonmaatschappij(client, world):
    d = new_dossier(world.hv, world.woonboog, woonnood="bijzondere_omstandigheden")
    advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen", hv=world.hv,
            hb=world.hb)
    login(client, world.hv)
    assert post(client, d, "verslag", toelichting="Intrafamiliaal geweld, geen reguliere "
                "oplossing.").status_code == 302
    client.post("/afmelden")
    login(client, world.hb)
    refused = client.post(f"/dossiers/{d.id}/actie/toewijzen", data={
        "toewijzen-version_id": str(fresh(d).version_id),
        "toewijzen-datum": clock.vandaag().isoformat(), "toewijzen-gemeente_id": str(d.gemeente_id),
        "toewijzen-adres": "Kerkstraat 1"})
    assert refused.status_code == 422 and "R-4.7" in refused.get_data(as_text=True)
    assert post(client, d, "beslissing", beslissing="goedkeuren").status_code == 302
    assert db.session.scalars(select(SociaalVerslag)).one().status == "goedgekeurd"
    ok = client.post(f"/dossiers/{d.id}/actie/toewijzen", data={
        "toewijzen-version_id": str(fresh(d).version_id),
        "toewijzen-datum": clock.vandaag().isoformat(), "toewijzen-gemeente_id": str(d.gemeente_id),
        "toewijzen-adres": "Kerkstraat 1"})
    assert ok.status_code == 302 and fresh(d).status == "toegewezen"


def test_only_the_right_roles(client, world):
    d = new_dossier(world.hv, world.woonboog, woonnood="bijzondere_omstandigheden")
    login(client, world.hv)
    post(client, d, "verslag", toelichting="Motivering")
    assert post(client, d, "beslissing", beslissing="goedkeuren").status_code == 403
    assert client.post(f"/dossiers/{d.id}/formulier/onbekend").status_code == 404
