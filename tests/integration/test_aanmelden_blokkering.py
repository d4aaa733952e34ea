"""ASVS 2.2.1: password guessing is refused per account and per address. The failures are
rows in the database, so every gunicorn worker counts the same; the answer for an unknown
account is the same as for a known one; a beheerder unlocks, or the lock expires."""
import re
from datetime import datetime, timedelta, timezone

import time_machine
from sqlalchemy import select

from caseflow.extensions import db
from caseflow.models import AuditEvent
from caseflow.rules.aanmelden import MELDING, PER_ACCOUNT, PER_ADRES, VENSTER
from tests.builders import WACHTWOORD, login


def _meldingen(tekst: str) -> list[str]:
    return re.findall(r'class="foutmelding"[^>]*>([^<]*)<', tekst)


def _poging(client, email: str, wachtwoord: str, adres: str):
    r = client.post("/aanmelden", data={"email": email, "wachtwoord": wachtwoord},
                    environ_base={"REMOTE_ADDR": adres})
    return r.status_code, r.get_data(as_text=True)


def test_ASVS_2_2_1_fifty_wrong_passwords_from_several_addresses_lock_the_account(
        app, client, world):
    antwoorden = [_poging(client, world.hv.email, f"geraden-{i}", f"10.0.0.{i % 10}")
                  for i in range(50)]
    assert [code for code, _ in antwoorden[:PER_ACCOUNT]] == [422] * PER_ACCOUNT
    assert all(code == 429 and MELDING in tekst for code, tekst in antwoorden[PER_ACCOUNT:])
    # The right password, even from an address that never failed, waits for the lock.
    code, tekst = _poging(client, world.hv.email, WACHTWOORD, "10.9.9.9")
    assert code == 429 and MELDING in tekst
    # An account that does not exist gets the very same answer.
    onbekend = [_poging(client, "niemand@caw.demo", f"x{i}", f"10.1.0.{i}")
                for i in range(PER_ACCOUNT + 1)]
    assert onbekend[-1][0] == 429 and _meldingen(onbekend[-1][1]) == _meldingen(tekst) == [MELDING]
    # The beheerder sees the lock and lifts it; the right password works again.
    beheer = app.test_client()
    login(beheer, world.beheerder)
    pagina = beheer.get(f"/beheer/gebruikers/{world.hv.id}").get_data(as_text=True)
    assert "het account is geblokkeerd" in pagina
    assert beheer.post(f"/beheer/gebruikers/{world.hv.id}/ontgrendelen").status_code == 302
    assert _poging(client, world.hv.email, WACHTWOORD, "10.9.9.9")[0] == 302
    acties = db.session.scalars(select(AuditEvent.actie)).all()
    assert "aanmelding_geblokkeerd" in acties and "account_ontgrendeld" in acties


def test_ASVS_2_2_1_the_lock_expires_after_the_window(client, world):
    nu = datetime.now(timezone.utc)
    with time_machine.travel(nu, tick=False):
        for i in range(PER_ACCOUNT):
            _poging(client, world.hv.email, f"geraden-{i}", "10.0.0.1")
        assert _poging(client, world.hv.email, WACHTWOORD, "10.0.0.1")[0] == 429
    with time_machine.travel(nu + VENSTER + timedelta(seconds=1), tick=False):
        assert _poging(client, world.hv.email, WACHTWOORD, "10.0.0.1")[0] == 302


def test_ASVS_2_2_1_an_address_that_tries_many_accounts_is_refused_for_all(client, world):
    for i in range(PER_ADRES):
        _poging(client, f"gok{i}@caw.demo", "Welkom123!", "10.6.6.6")
    code, tekst = _poging(client, world.hv.email, WACHTWOORD, "10.6.6.6")
    assert code == 429 and MELDING in tekst
    assert _poging(client, world.hv.email, WACHTWOORD, "10.7.7.7")[0] == 302


def test_only_a_beheerder_or_the_users_coordinator_unlocks(world):
    import pytest

    from caseflow.errors import NietToegestaan
    from caseflow.services import auth

    for wie in (world.hv2, world.hb, world.coord_ocmw):
        with pytest.raises(NietToegestaan):
            auth.ontgrendelen(wie, world.hv)
    auth.ontgrendelen(world.coord, world.hv)  # CAW's coördinator, for a CAW hulpverlener


def test_ASVS_2_2_1_the_coordinator_hears_of_a_lock_and_lifts_it_under_opvolging(
        app, client, world):
    from caseflow.models import Notificatie

    for i in range(PER_ACCOUNT + 3):
        _poging(client, world.hv.email, f"geraden-{i}", "10.0.0.1")
    meldingen = db.session.scalars(select(Notificatie).where(
        Notificatie.soort == "account_geblokkeerd")).all()
    assert {m.ontvanger_id for m in meldingen} == {world.coord.id}  # once, own organisation
    coord, ander = app.test_client(), app.test_client()
    login(coord, world.coord)
    pagina = coord.get("/opvolging").get_data(as_text=True)
    assert "Geblokkeerde accounts" in pagina and world.hv.email in pagina
    login(ander, world.coord_ocmw)
    assert world.hv.email not in ander.get("/opvolging").get_data(as_text=True)
    assert ander.post(f"/opvolging/ontgrendelen/{world.hv.id}").status_code == 403
    assert _poging(client, world.hv.email, WACHTWOORD, "10.0.0.2")[0] == 429
    assert coord.post(f"/opvolging/ontgrendelen/{world.hv.id}").status_code == 302
    assert "Geblokkeerde accounts" not in coord.get("/opvolging").get_data(as_text=True)
    assert _poging(client, world.hv.email, WACHTWOORD, "10.0.0.2")[0] == 302
