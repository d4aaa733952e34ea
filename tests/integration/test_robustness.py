"""Bad input on the remaining forms and odd URLs: a Dutch answer, nothing stored, never a 500."""
import pytest
from sqlalchemy import func, select, text

from caseflow.extensions import db
from caseflow.models import Dossier, DossierHistoriek, Organisatie
from caseflow.services import stappen
from tests.builders import login, new_dossier, tel_statements


def test_sqlite_runs_with_foreign_keys_wal_and_busy_timeout(app, backend):
    if backend != "sqlite":
        assert db.engine.dialect.name == "postgresql"
        return
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_empty_login_form_gives_dutch_messages(client, world):
    response = client.post("/aanmelden", data={})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Vul uw e-mailadres in." in page and "Vul uw wachtwoord in." in page


@pytest.mark.parametrize("datum,woorden", [("31/02/2026", "geldige datum"),
                                           ("2098-01-01", "toekomst")])
def test_bad_date_on_an_action_form(client, world, datum, woorden):
    d = new_dossier(world.hv, world.woonboog)

    stappen.transitie(world.hv, d.id, "attest_voorbereiden", d.version_id)
    d = db.session.get(Dossier, d.id)
    login(client, world.hv)
    from tests.builders import attest_data

    form = {k: ("y" if v is True else str(v)) for k, v in attest_data(d).items()}
    response = client.post(f"/dossiers/{d.id}/attest", data=form | {
        "version_id": str(d.version_id), "datum": datum, "actie": "uitreiken"})
    assert response.status_code == 422
    assert woorden in response.get_data(as_text=True)
    assert db.session.get(Dossier, d.id).status == "attest"
    assert db.session.scalar(select(func.count(DossierHistoriek.id))) == 2


@pytest.mark.parametrize("data,woorden", [
    ({"naam": "", "soort": "welzijnsorganisatie"}, "Dit veld is verplicht."),
    ({"naam": "x" * 121, "soort": "welzijnsorganisatie"}, "hoogstens 120 tekens"),
    ({"naam": "<i>Org</i>", "soort": "welzijnsorganisatie"}, "geen HTML"),
    ({"naam": "Org", "soort": "bestaat_niet"}, "geldige keuze"),
    ({"naam": "Org", "soort": "woonmaatschappij", "sector": "CAW"}, "enkel bij een welzijns"),
])
def test_bad_organisation_input(client, world, data, woorden):
    login(client, world.beheerder)
    before = db.session.scalar(select(func.count(Organisatie.id)))
    response = client.post("/beheer/organisaties/nieuw", data=data)
    assert response.status_code == 422
    assert woorden.lower() in response.get_data(as_text=True).lower()
    assert db.session.scalar(select(func.count(Organisatie.id))) == before


@pytest.mark.parametrize("url", ["/dossiers/abc", "/dossiers/999999", "/beheer/organisaties/0",
                                 "/dossiers/?pagina=99999999999999999999999",
                                 "/dossiers/?status=%00&zoek=%25_%25"])
def test_odd_urls_never_500(client, world, url):
    new_dossier(world.hv, world.woonboog)
    login(client, world.beheerder if "beheer" in url else world.hv)
    assert client.get(url).status_code in {200, 404}


def test_post_with_missing_version_is_a_conflict_not_a_500(client, world):
    d = new_dossier(world.hv, world.woonboog)
    login(client, world.hv)
    response = client.post(f"/dossiers/{d.id}/actie/attest_voorbereiden", data={})
    assert response.status_code == 409
    assert db.session.get(Dossier, d.id).status == "toeleiding"


def test_caseload_queries_do_not_grow_with_the_rows(client, world):
    """No query per row: a page of 3 and a page of 25 dossiers cost the same statements."""
    def caseload() -> None:
        assert client.get("/dossiers/").status_code == 200

    def statements_for_caseload() -> int:
        return tel_statements(caseload)

    login(client, world.hv)
    for i in range(3):
        new_dossier(world.hv, world.woonboog, achternaam=f"Klein{i}")
    small = statements_for_caseload()
    for i in range(22):
        new_dossier(world.hv, world.woonboog, achternaam=f"Groot{i}")
    assert statements_for_caseload() == small
