"""Two-factor authentication (ASVS 2.7, 2.8, 3.2.1; rules.tweestaps): required for coördinatoren
and beheerders, available to everyone; a code works once, recovery codes once each, wrong
codes count as failed logins, and a session that gains a factor gets a new key."""
import re
from datetime import datetime, timedelta, timezone

import pyotp
import pytest
import time_machine
from sqlalchemy import select, update

from caseflow.extensions import db
from caseflow.models import AuditEvent, Gebruiker
from caseflow.rules import aanmelden as inloggen
from tests.builders import WACHTWOORD, login, totp_code

WACHTWOORD_DATA = {"wachtwoord": WACHTWOORD}


def zonder_tweestaps(g: Gebruiker) -> None:
    tabel = Gebruiker.__table__
    db.session.execute(update(tabel).where(tabel.c.id == g.id).values(totp_geheim=None))
    db.session.commit()


def wachtwoord(client, g: Gebruiker):
    return client.post("/aanmelden", data={"email": g.email, **WACHTWOORD_DATA})


def geheim_op_pagina(html: str) -> str:
    return re.search(r'<code class="geheim">([A-Z2-7]+)</code>', html).group(1)


def test_a_coordinator_without_two_factors_sets_them_up_before_anything_else(client, world):
    zonder_tweestaps(world.coord)
    assert wachtwoord(client, world.coord).headers["Location"].endswith("/aanmelden/tweestaps")
    assert client.get("/dossiers/").status_code == 302  # not logged in yet
    pagina = client.get("/aanmelden/tweestaps").get_data(as_text=True)
    assert 'src="data:image/svg+xml' in pagina  # the QR code
    geheim = geheim_op_pagina(pagina)
    fout = client.post("/aanmelden/tweestaps", data={"code": "000000"})
    assert fout.status_code == 422 and "klopt niet" in fout.get_data(as_text=True)
    klaar = client.post("/aanmelden/tweestaps", data={"code": pyotp.TOTP(geheim).now()})
    codes = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", klaar.get_data(as_text=True))
    assert klaar.status_code == 200 and len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/dossiers/").status_code == 200
    db.session.expire_all()
    assert db.session.get(Gebruiker, world.coord.id).totp_geheim == geheim
    # the next login asks the app's code
    ander = client.application.test_client()
    assert wachtwoord(ander, world.coord).headers["Location"].endswith("/aanmelden/code")


def test_the_code_is_asked_after_the_password_and_works_once_ASVS_2_8_4(client, world):
    with time_machine.travel(datetime(2026, 11, 29, 9, 0, 5, tzinfo=timezone.utc), tick=False):
        code = totp_code(world.coord)
        assert wachtwoord(client, world.coord).status_code == 302
        assert client.get("/dossiers/").status_code == 302  # the password alone is not enough
        assert client.post("/aanmelden/code", data={"code": code}).status_code == 302
        assert client.get("/dossiers/").status_code == 200
        ander = client.application.test_client()
        wachtwoord(ander, world.coord)
        nog_eens = ander.post("/aanmelden/code", data={"code": code})
        assert nog_eens.status_code == 422 and "al gebruikt" in nog_eens.get_data(as_text=True)


def test_a_recovery_code_replaces_the_app_once(client, world):
    zonder_tweestaps(world.coord)
    wachtwoord(client, world.coord)
    geheim = geheim_op_pagina(client.get("/aanmelden/tweestaps").get_data(as_text=True))
    klaar = client.post("/aanmelden/tweestaps", data={"code": pyotp.TOTP(geheim).now()})
    herstel = re.findall(r"<code>([a-z2-9-]{11})</code>", klaar.get_data(as_text=True))[0]
    for poging, verwacht in ((herstel.upper().replace("-", " "), 302), (herstel, 422)):
        ander = client.application.test_client()
        wachtwoord(ander, world.coord)
        assert ander.post("/aanmelden/code", data={"code": poging}).status_code == verwacht


def test_wrong_codes_count_as_failed_logins_and_lock_the_account_ASVS_2_2_1(client, world):
    wachtwoord(client, world.coord)
    for _ in range(inloggen.PER_ACCOUNT):
        assert client.post("/aanmelden/code", data={"code": "123456"}).status_code in (422, 429)
    geblokkeerd = client.post("/aanmelden/code", data={"code": totp_code(world.coord)})
    assert geblokkeerd.status_code == 429
    assert client.get("/dossiers/").status_code == 302


def test_the_code_must_follow_the_password_within_five_minutes(client, world):
    start = datetime.now(timezone.utc)
    with time_machine.travel(start, tick=False):
        wachtwoord(client, world.coord)
    with time_machine.travel(start + timedelta(minutes=6), tick=False):
        te_laat = client.post("/aanmelden/code", data={"code": totp_code(world.coord)})
        assert te_laat.headers["Location"].endswith("/aanmelden")
        assert client.get("/dossiers/").status_code == 302


def test_a_hulpverlener_switches_two_factors_on_gets_a_new_session_key_and_off_again(
        client, world):
    from tests.integration.test_aanval import cookie, met_cookie

    login(client, world.hv)
    oud = cookie(client)
    geheim = geheim_op_pagina(client.get("/account/tweestaps").get_data(as_text=True))
    assert client.post("/account/tweestaps",
                       data={"code": pyotp.TOTP(geheim).now()}).status_code == 200
    assert client.get("/dossiers/").status_code == 200
    assert met_cookie(client.application, oud).get("/dossiers/").status_code == 302
    fout = client.post("/account/tweestaps/uitschakelen", data={"wachtwoord": "fout"},
                       follow_redirects=True)
    assert "niet uw huidige wachtwoord" in fout.get_data(as_text=True)
    client.post("/account/tweestaps/uitschakelen", data=WACHTWOORD_DATA)
    db.session.expire_all()
    assert db.session.get(Gebruiker, world.hv.id).totp_geheim is None


def test_a_coordinator_cannot_switch_two_factors_off(client, world):
    login(client, world.coord)
    assert client.post("/account/tweestaps/uitschakelen",
                       data=WACHTWOORD_DATA).status_code == 403
    db.session.expire_all()
    assert db.session.get(Gebruiker, world.coord.id).totp_geheim is not None


@pytest.mark.parametrize("pad", ["/dossiers/", "/opvolging", "/account"])
def test_a_session_of_a_coordinator_without_two_factors_leads_to_their_set_up(
        client, world, pad):
    login(client, world.coord)
    zonder_tweestaps(world.coord)  # e.g. a session from before two factors were required
    assert client.get(pad).headers["Location"].endswith("/account/tweestaps")
    assert client.get("/account/tweestaps").status_code == 200


def test_new_recovery_codes_replace_the_old_ones(client, world):
    login(client, world.coord)
    pagina = client.post("/account/tweestaps/herstelcodes", data=WACHTWOORD_DATA)
    assert len(re.findall(r"<code>[a-z2-9-]{11}</code>", pagina.get_data(as_text=True))) == 10
    assert "10 ongebruikte herstelcodes" in client.get("/account").get_data(as_text=True)
    assert db.session.scalar(select(Gebruiker.totp_geheim).where(
        Gebruiker.id == world.coord.id)) is not None


def test_a_beheerder_removes_lost_two_factors_and_the_next_login_sets_them_up(app, client,
                                                                             world):
    login(client, world.coord)
    beheer = app.test_client()
    login(beheer, world.beheerder)
    assert beheer.post(f"/beheer/gebruikers/{world.coord.id}/tweestaps").status_code == 302
    assert client.get("/dossiers/").status_code == 302  # the session ended
    assert wachtwoord(client, world.coord).headers["Location"].endswith("/aanmelden/tweestaps")
    assert db.session.scalars(select(AuditEvent.actie).where(
        AuditEvent.actie == "tweestaps_gereset")).all() == ["tweestaps_gereset"]


def test_the_last_beheerder_s_two_factors_are_reset_from_the_command_line(runner, world):
    uit = runner.invoke(args=["users", "tweestaps-reset", "--email", world.beheerder.email])
    assert uit.exit_code == 0 and "verwijderd" in uit.output
    db.session.expire_all()
    assert db.session.get(Gebruiker, world.beheerder.id).totp_geheim is None
    onbekend = runner.invoke(args=["users", "tweestaps-reset", "--email", "niemand@x.be"])
    assert onbekend.exit_code != 0 and "bestaat niet" in onbekend.output


def test_the_confirming_password_is_bounded_before_it_is_hashed_ASVS_2_1(client, world):
    login(client, world.coord)
    pagina = client.post("/account/tweestaps/herstelcodes", data={"wachtwoord": "x" * 201},
                         follow_redirects=True).get_data(as_text=True)
    assert "Gebruik hoogstens 200 tekens." in pagina and "<code>" not in pagina
    leeg = client.post("/account/tweestaps/herstelcodes", data={},
                       follow_redirects=True).get_data(as_text=True)
    assert "Vul uw wachtwoord in." in leeg
