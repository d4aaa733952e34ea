"""Beheer pages: organisations, agreements, gemeenten and users; only for a beheerder."""
from pathlib import Path

import pytest
from sqlalchemy import select

from caseflow.extensions import db
from caseflow.models import Gebruiker, Gemeente, Organisatie, Samenwerkingsovereenkomst
from caseflow.services import paginering
from tests.builders import login


@pytest.mark.parametrize("rol", ["hv", "hb", "coord", "coord_regio"])
def test_only_beheerder_reaches_beheer(client, world, rol):
    login(client, getattr(world, rol))
    for url in ("/beheer/organisaties", "/beheer/gemeenten", "/beheer/gebruikers",
                "/beheer/gebruikers/nieuw"):
        assert client.get(url).status_code == 403


def test_beheerder_lands_on_beheer_and_sees_lists(client, world):
    login(client, world.beheerder)
    assert client.get("/").headers["Location"].endswith("/beheer/organisaties")
    assert "CAW De Kempen" in client.get("/beheer/organisaties").get_data(as_text=True)
    assert "Zuiderkempen" in client.get("/beheer/gemeenten").get_data(as_text=True)
    assert world.hv.email in client.get("/beheer/gebruikers").get_data(as_text=True)


def test_organisations_and_gemeenten_page_and_search_as_the_users_do(client, world, monkeypatch):
    """Hundreds of organisations and 300 gemeenten across Flanders: a page at a time, in the
    list's order, and a search on a part of the name (or an organisation's abbreviation)."""
    monkeypatch.setattr(paginering, "PER_PAGINA", 2)
    login(client, world.beheerder)
    namen = [o.naam for o in db.session.scalars(
        select(Organisatie).order_by(Organisatie.soort, Organisatie.naam, Organisatie.id))]
    gezien = []
    for pagina in range(1, (len(namen) + 1) // 2 + 1):
        tekst = client.get(f"/beheer/organisaties?pagina={pagina}").get_data(as_text=True)
        rijen = [n for n in namen if f">{n}</a>" in tekst]
        assert len(rijen) <= 2 and f"{len(namen)} organisaties." in tekst
        gezien += rijen
    assert gezien == namen  # each once, in the list's order
    tekst = client.get("/beheer/organisaties?zoek=KEMPEN").get_data(as_text=True)
    gevonden = [n for n in namen if f">{n}</a>" in tekst]
    assert gevonden == [n for n in namen if "kempen" in n.lower()][:2] and gevonden
    tekst = client.get("/beheer/gebruikers?zoek=CAW.DEMO").get_data(as_text=True)
    assert world.hv.email in tekst and world.hb.email not in tekst
    # a % or _ typed is that character, not a wildcard that finds everyone
    for teken in ("%25", "_"):
        tekst = client.get(f"/beheer/gebruikers?zoek={teken}").get_data(as_text=True)
        assert "0 gebruikers." in tekst and world.hv.email not in tekst
    tekst = client.get("/beheer/gemeenten?zoek=OUT").get_data(as_text=True)
    gemeenten = sorted(g.naam for g in db.session.scalars(select(Gemeente))
                       if "out" in g.naam.lower())
    assert [g for g in gemeenten if f">{g}</a>" in tekst] == gemeenten[:2] and gemeenten
    assert f"{len(gemeenten)} gemeente" in tekst


def test_create_organisation_and_agreement_R_1_3(client, world):
    login(client, world.beheerder)
    response = client.post("/beheer/organisaties/nieuw", data={
        "naam": "OCMW Mol", "soort": "welzijnsorganisatie", "sector": "OCMW",
        "gemeente_id": str(db.session.scalar(select(Gemeente.id).where(Gemeente.naam == "Mol"))),
        "actief": "y"})
    assert response.status_code == 302
    org = db.session.scalars(select(Organisatie).where(Organisatie.naam == "OCMW Mol")).one()
    bad = client.post(f"/beheer/organisaties/{org.id}/overeenkomsten", data={
        "ovk-woonmaatschappij_id": str(world.woonboog.id), "ovk-startdatum": "2024-01-01",
        "ovk-einddatum": "2023-01-01"})
    assert bad.status_code == 422 and "vóór de startdatum" in bad.get_data(as_text=True)
    ok = client.post(f"/beheer/organisaties/{org.id}/overeenkomsten", data={
        "ovk-woonmaatschappij_id": str(world.woonboog.id), "ovk-startdatum": "2024-01-01"})
    assert ok.status_code == 302
    ovk = db.session.scalars(select(Samenwerkingsovereenkomst).where(
        Samenwerkingsovereenkomst.welzijnsorganisatie_id == org.id)).one()
    assert ovk.woonmaatschappij_id == world.woonboog.id and ovk.einddatum is None


def test_duplicate_organisation_name_is_refused(client, world):
    login(client, world.beheerder)
    response = client.post("/beheer/organisaties/nieuw", data={
        "naam": "caw de kempen", "soort": "welzijnsorganisatie"})
    assert response.status_code == 422
    assert "bestaat al" in response.get_data(as_text=True)


def test_move_gemeente_to_another_zone_I_1_4a(client, world):
    login(client, world.beheerder)
    mol = db.session.scalars(select(Gemeente).where(Gemeente.naam == "Mol")).one()
    rit = next(z for z in world.woonboog.zones if z.naam == "RiT")
    response = client.post(f"/beheer/gemeenten/{mol.id}", data={
        "zone_id": str(rit.id), "in_arrondissement": "y", "version_id": str(mol.version_id)})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Gemeente, mol.id).zone_id == rit.id
    assert client.post(f"/beheer/gemeenten/{mol.id}",
                       data={"zone_id": "abc"}).status_code == 422


def test_create_user_with_checks(client, world):
    login(client, world.beheerder)
    base = {"naam": "Nieuwe Hulpverlener", "email": "nieuw@caw.demo", "rol": "hulpverlener",
            "organisatie_id": str(world.caw.id), "actief": "y",
            # ASVS 2.3.1: a beheerder chooses no password for someone else; the form has none
            "wachtwoord": "een-heel-lang-wachtwoord"}
    wrong = client.post("/beheer/gebruikers/nieuw",
                        data=base | {"organisatie_id": str(world.woonboog.id)})
    assert wrong.status_code == 422 and "welzijnsorganisatie" in wrong.get_data(as_text=True)
    dup = client.post("/beheer/gebruikers/nieuw", data=base | {"email": world.hv.email})
    assert dup.status_code == 422 and "al in gebruik" in dup.get_data(as_text=True)
    html_name = client.post("/beheer/gebruikers/nieuw", data=base | {"naam": "<b>x</b>"})
    assert html_name.status_code == 422
    ok = client.post("/beheer/gebruikers/nieuw", data=base)
    assert ok.status_code == 302
    g = db.session.scalars(select(Gebruiker).where(Gebruiker.email == "nieuw@caw.demo")).one()
    assert not g.controleer_wachtwoord("een-heel-lang-wachtwoord")
    # the invitation (without SMTP_HOST: a file in the instance folder) holds the only way in
    [uitnodiging] = (Path(client.application.instance_path) / "mail").iterdir()
    assert "/wachtwoord/" in uitnodiging.read_text()


def test_deactivated_user_is_logged_out_and_cannot_log_in(client, world):
    login(client, world.hv)
    assert client.get("/dossiers/").status_code == 200
    admin = world.beheerder
    other = client.application.test_client()
    login(other, admin)
    response = other.post(f"/beheer/gebruikers/{world.hv.id}", data={
        "naam": world.hv.naam, "email": world.hv.email, "rol": "hulpverlener",
        "organisatie_id": str(world.caw.id), "version_id": str(world.hv.version_id)})
    assert response.status_code == 302
    assert client.get("/dossiers/").status_code == 302
    assert login(client, world.hv).status_code == 422
