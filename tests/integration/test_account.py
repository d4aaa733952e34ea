"""ASVS 2.1.6, 2.3.1, 2.5, 3.3: a user changes their own password, sees and ends their sessions,
and chooses a password only through a single-use, expiring link by e-mail (an invitation or a
reset), sent through a real SMTP server. Nobody else ever chooses or knows it."""
import re
from datetime import datetime, timedelta, timezone

import pytest
import time_machine
from sqlalchemy import func, select

from caseflow.extensions import db
from caseflow.models import Accounttoken, Gebruiker, Sessie
from tests.builders import WACHTWOORD, login

NIEUW = "Mijn zin van vijf woorden"


@pytest.fixture
def app_config(smtp):
    return {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": smtp[1], "SMTP_TLS": False,
            "SMTP_FROM": "caseflow@kempen.test", "CASEFLOW_URL": "https://caseflow.kempen.test"}


def link(bericht) -> str:
    """The path of the link in a mail (the test client asks it of the app itself)."""
    tekst = bericht.get_content()
    return re.search(r"https://caseflow\.kempen\.test(/wachtwoord/\S+)", tekst).group(1)


def kies(client, pad: str, wachtwoord: str = NIEUW, herhaling: str | None = None):
    assert client.get(pad).headers["Location"].endswith("/wachtwoord/kiezen")
    return client.post("/wachtwoord/kiezen", data={"nieuw": wachtwoord,
                                                   "herhaling": herhaling or wachtwoord})


def test_a_new_user_is_invited_by_mail_and_chooses_the_password_once(client, world, smtp):
    postbus, _ = smtp
    login(client, world.beheerder)
    response = client.post("/beheer/gebruikers/nieuw", data={
        "naam": "Nieuwe Collega", "email": "nieuw@caw.demo", "rol": "hulpverlener",
        "organisatie_id": str(world.caw.id), "actief": "y"})
    assert response.status_code == 302
    [bericht] = postbus.berichten
    assert bericht["To"] == "nieuw@caw.demo" and "kies uw wachtwoord" in bericht["Subject"]
    assert "7 dagen" in bericht.get_content()
    pad = link(bericht)
    nieuw = client.application.test_client()
    zwak = kies(nieuw, pad, "Password2026!")
    assert zwak.status_code == 422 and "te gangbaar" in zwak.get_data(as_text=True)
    anders = kies(nieuw, pad, NIEUW, NIEUW + "x")
    assert anders.status_code == 422 and "niet gelijk" in anders.get_data(as_text=True)
    assert kies(nieuw, pad).status_code == 302
    g = db.session.scalars(select(Gebruiker).where(Gebruiker.email == "nieuw@caw.demo")).one()
    assert g.controleer_wachtwoord(NIEUW)
    assert login(nieuw, g, NIEUW).status_code == 302
    # single use: the same link a second time is refused, the password stays
    derde = client.application.test_client()
    assert derde.get(pad).status_code == 302
    assert derde.get("/wachtwoord/kiezen").status_code == 410
    assert derde.post("/wachtwoord/kiezen", data={"nieuw": "Een ander lang wachtwoord",
                                                  "herhaling": "Een ander lang wachtwoord"}
                      ).status_code == 410
    db.session.expire_all()
    assert db.session.get(Gebruiker, g.id).controleer_wachtwoord(NIEUW)


def test_a_reset_answers_the_same_for_an_unknown_address_and_mails_only_a_known_one(
        client, world, smtp):
    postbus, _ = smtp
    antwoorden = []
    for email in ("niemand@nergens.test", world.hv.email):
        response = client.post("/wachtwoord-vergeten", data={"email": email},
                               follow_redirects=True)
        antwoorden.append(re.sub(r"\s+", " ", response.get_data(as_text=True)))
    assert antwoorden[0] == antwoorden[1]
    assert [b["To"] for b in postbus.berichten] == [world.hv.email]
    assert kies(client, link(postbus.berichten[0])).status_code == 302
    db.session.expire_all()
    assert db.session.get(Gebruiker, world.hv.id).controleer_wachtwoord(NIEUW)


def test_a_reset_link_lapses_after_an_hour_and_a_newer_one_replaces_it(client, world, smtp):
    postbus, _ = smtp
    start = datetime.now(timezone.utc)
    with time_machine.travel(start, tick=False):
        client.post("/wachtwoord-vergeten", data={"email": world.hv.email})
        client.post("/wachtwoord-vergeten", data={"email": world.hv.email})
    eerste, tweede = (link(b) for b in postbus.berichten)
    with time_machine.travel(start + timedelta(minutes=30), tick=False):
        assert kies(client, eerste).status_code == 410  # replaced by the second
    with time_machine.travel(start + timedelta(minutes=61), tick=False):
        assert kies(client, tweede).status_code == 410  # an hour old
    db.session.expire_all()
    assert db.session.get(Gebruiker, world.hv.id).controleer_wachtwoord(WACHTWOORD)


def test_an_account_gets_at_most_three_reset_mails_an_hour(client, world, smtp):
    postbus, _ = smtp
    for _ in range(5):
        client.post("/wachtwoord-vergeten", data={"email": world.hv.email})
    assert len(postbus.berichten) == 3


def test_an_invitation_that_cannot_be_mailed_keeps_the_user_and_no_link(client, world, smtp):
    postbus, _ = smtp
    postbus.fout = "554 geweigerd"
    login(client, world.beheerder)
    response = client.post("/beheer/gebruikers/nieuw", data={
        "naam": "Nieuwe Collega", "email": "nieuw@caw.demo", "rol": "hulpverlener",
        "organisatie_id": str(world.caw.id), "actief": "y"}, follow_redirects=True)
    assert "kon niet verstuurd worden" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Accounttoken.id))) == 0
    g = db.session.scalars(select(Gebruiker).where(Gebruiker.email == "nieuw@caw.demo")).one()
    postbus.fout = None
    assert client.post(f"/beheer/gebruikers/{g.id}/link").status_code == 302
    assert [b["To"] for b in postbus.berichten] == ["nieuw@caw.demo"]


def test_changing_the_password_needs_the_current_one_and_ends_the_other_sessions(client, world,
                                                                               smtp):
    postbus, _ = smtp
    ander = client.application.test_client()
    login(client, world.hv)
    login(ander, world.hv)
    fout = client.post("/account", data={"huidig": "niet-het-wachtwoord", "nieuw": NIEUW,
                                         "herhaling": NIEUW})
    assert fout.status_code == 422 and "niet uw huidige wachtwoord" in fout.get_data(as_text=True)
    assert client.post("/account", data={"huidig": WACHTWOORD, "nieuw": NIEUW,
                                         "herhaling": NIEUW}).status_code == 302
    assert client.get("/dossiers/").status_code == 200
    assert ander.get("/dossiers/").status_code == 302  # logged out there
    db.session.expire_all()
    assert db.session.get(Gebruiker, world.hv.id).controleer_wachtwoord(NIEUW)
    # ASVS 2.2.3: the user hears of it by mail (was it not them, they know)
    [bericht] = postbus.berichten
    assert bericht["To"] == world.hv.email and "wachtwoord werd gewijzigd" in \
        bericht.get_content()


def test_a_new_login_address_is_told_to_the_old_and_the_new_one_ASVS_2_2_3(client, world,
                                                                         smtp):
    postbus, _ = smtp
    login(client, world.beheerder)
    g = db.session.get(Gebruiker, world.hv.id)
    oud = g.email
    assert client.post(f"/beheer/gebruikers/{g.id}", data={
        "naam": g.naam, "email": "an.nieuw@caw.demo", "rol": g.rol,
        "organisatie_id": str(g.organisatie_id), "actief": "y",
        "version_id": str(g.version_id)}).status_code == 302
    assert sorted(b["To"] for b in postbus.berichten) == sorted(["an.nieuw@caw.demo", oud])
    assert all("an.nieuw@caw.demo" in b.get_content() for b in postbus.berichten)


def test_the_user_sees_their_sessions_and_logs_out_everywhere_else(client, world):
    telefoon = client.application.test_client()
    telefoon.post("/aanmelden", data={"email": world.hv.email, "wachtwoord": WACHTWOORD},
                  headers={"User-Agent": "Mozilla/5.0 (Linux; Android 14) Chrome/130.0 Mobile"})
    login(client, world.hv)
    pagina = client.get("/account").get_data(as_text=True)
    assert "Chrome op Android" in pagina and "(dit toestel)" in pagina
    assert client.post("/account/sessies/andere-beeindigen").status_code == 302
    assert telefoon.get("/dossiers/").status_code == 302
    assert client.get("/dossiers/").status_code == 200
    assert db.session.scalar(select(func.count(Sessie.id)).where(
        Sessie.gebruiker_id == world.hv.id)) == 1


def test_a_user_cannot_end_someone_elses_session(client, world):
    ander = client.application.test_client()
    login(ander, world.hv2)
    sessie = db.session.scalars(select(Sessie).where(Sessie.gebruiker_id == world.hv2.id)).one()
    login(client, world.hv)
    assert client.post(f"/account/sessies/{sessie.id}/beeindigen").status_code == 403
    assert ander.get("/dossiers/").status_code == 200


def test_a_link_spent_in_another_tab_meanwhile_says_so_instead_of_refusing(client, world,
                                                                           smtp, monkeypatch):
    """Two tabs of one link: the one that submits second sees that the link no longer works
    (410), not a page saying access is refused."""
    from caseflow.services import account

    postbus, _ = smtp
    login(client, world.beheerder)
    client.post(f"/beheer/gebruikers/{world.hv2.id}/link")
    pad = link(postbus.berichten[-1])
    echt = account.wachtwoord_via_link

    def andere_tab_eerst(token, nieuw, herhaling):
        echt(token, NIEUW, NIEUW)  # the other tab's submit lands first
        return echt(token, nieuw, herhaling)
    monkeypatch.setattr(account, "wachtwoord_via_link", andere_tab_eerst)
    tab = client.application.test_client()
    antwoord = kies(tab, pad, "Een ander lang wachtwoord")
    assert antwoord.status_code == 410 and "werkt niet meer" in antwoord.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Gebruiker, world.hv2.id).controleer_wachtwoord(NIEUW)
