"""Hold under attack and load: the findings of a hostile walk, each as a test that failed
before its fix (I-9.2 audit and access, R-9.1 consent, R-1.2/R-1.3 the allocating
woonmaatschappij, I-7.3 arrears import, and the house rule that no request ends in a 500)."""
from __future__ import annotations

import io
import os
import stat
import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import event, func, select, text, update

from caseflow.extensions import db
from caseflow.models import (
    Actiepunt,
    AuditEvent,
    Casusoverleg,
    Dossier,
    Gebruiker,
    Gemeente,
    Notificatie,
    Signaal,
    Zone,
)
from caseflow.services import casusoverleg, mail, stappen
from caseflow.services import huurachterstand_import as imp
from caseflow.services.demo import rijksregisternummer
from tests.builders import WACHTWOORD, advance, attest_data, fresh, login, new_dossier
from tests.conftest import make_app


def toegewezen(world, **kw) -> Dossier:
    d = new_dossier(world.hv, world.woonboog, **kw)
    advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen", "toewijzen",
            "zonder_begeleiding_opvolgen", hv=world.hv, hb=world.hb)
    return fresh(d)


def overleg(world, d: Dossier) -> Casusoverleg:
    return casusoverleg.registreren(world.hv, d.id, fresh(d).version_id, date(2026, 11, 2),
                                    "signaal", "An, Tom", "Plan afgesproken", None)


def tel(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


# --- sessions that end on the server (I-9.2: who is logged in is who acts) ----------------

def cookie(client) -> str:
    return client.get_cookie("caseflow_session", domain="caseflow.test").value


def met_cookie(app, waarde: str):
    ander = app.test_client()
    ander.set_cookie("caseflow_session", waarde, domain="caseflow.test")
    return ander


def test_logout_ends_the_session_a_copied_cookie_reads_nothing(app, client, world):
    d = new_dossier(world.hv, world.woonboog)
    login(client, world.hv)
    kopie = cookie(client)
    assert met_cookie(app, kopie).get(f"/dossiers/{d.id}").status_code == 200
    client.post("/afmelden")
    gestolen = met_cookie(app, kopie)
    assert gestolen.get(f"/dossiers/{d.id}").status_code == 302
    before = tel(AuditEvent)
    response = gestolen.post(f"/dossiers/{d.id}/formulier/notitie", data={
        "notitie-version_id": str(d.version_id), "notitie-toelichting": "x",
        "notitie-zichtbaarheid": "intern"})
    assert response.status_code == 302 and "/aanmelden" in response.headers["Location"]
    assert tel(AuditEvent) == before  # nothing written in her name


def test_a_new_password_ends_the_other_sessions(app, client, world):
    login(client, world.hv)
    kopie = cookie(client)
    eigen = app.test_client()
    login(eigen, world.hv)
    response = eigen.post("/account", data={"huidig": WACHTWOORD,
                                            "nieuw": "een heel nieuw wachtwoord",
                                            "herhaling": "een heel nieuw wachtwoord"})
    assert response.status_code == 302
    assert met_cookie(app, kopie).get("/dossiers/").status_code == 302
    assert eigen.get("/dossiers/").status_code == 200  # the session that changed it stays


def test_a_new_role_ends_the_user_s_sessions_ASVS_3_2_1(app, client, world):
    login(client, world.hv)
    beheer = app.test_client()
    login(beheer, world.beheerder)
    g = db.session.get(Gebruiker, world.hv.id)
    response = beheer.post(f"/beheer/gebruikers/{g.id}", data={
        "naam": g.naam, "email": g.email, "rol": "coordinator",
        "organisatie_id": str(g.organisatie_id), "actief": "y", "version_id": str(g.version_id)})
    assert response.status_code == 302
    assert client.get("/dossiers/").status_code == 302
    assert beheer.get("/beheer/gebruikers").status_code == 200  # the beheerder stays in


def test_a_session_has_an_absolute_lifetime(app, client, world):
    import time_machine

    app.config["SESSION_IDLE_TIMEOUT"] = timedelta(days=2)
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=2)
    with time_machine.travel("2026-11-27 08:00 +0100", tick=False) as reis:
        login(client, world.hv)
        assert client.get("/dossiers/").status_code == 200
        reis.shift(timedelta(hours=11, minutes=59))
        assert client.get("/dossiers/").status_code == 200
        reis.shift(timedelta(minutes=2))
        assert client.get("/dossiers/").status_code == 302


def test_twenty_simultaneous_logins_of_one_account_all_succeed(app, world):
    antwoorden, email = [], world.hv.email

    def aanmelden():
        antwoorden.append(app.test_client().post("/aanmelden", data={
            "email": email, "wachtwoord": "correct-horse-battery"}).status_code)

    threads = [threading.Thread(target=aanmelden) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert antwoorden == [302] * 20


# --- dates: one plausible range, and no stored date breaks a page -------------------------

@pytest.mark.parametrize("datum", ["0001-01-01", "9999-12-31", "1899-12-31", "2100-01-01"])
def test_an_action_item_with_an_absurd_date_is_refused_at_the_field(client, world, datum):
    d = toegewezen(world)
    o = overleg(world, d)
    login(client, world.hv)
    response = client.post(f"/dossiers/{d.id}/overleg/{o.id}/actiepunt", data={
        f"a{o.id}-version_id": str(fresh(d).version_id), f"a{o.id}-toelichting": "Bellen",
        f"a{o.id}-eigenaar_id": str(world.hv.id), f"a{o.id}-vervaldatum": datum})
    assert response.status_code == 422
    assert "tussen 01/01/1900 en 31/12/2099" in response.get_data(as_text=True)
    assert tel(Actiepunt) == 0
    assert client.get(f"/dossiers/{d.id}").status_code == 200


def test_an_agreement_proposed_for_9999_is_refused_R_6_2(client, world):
    d = toegewezen(world)
    login(client, world.hv)
    response = client.post(f"/dossiers/{d.id}/formulier/bo_voorstel", data={
        "bo_voorstel-version_id": str(d.version_id), "bo_voorstel-datum": "9999-12-31"})
    assert response.status_code == 422
    assert "tussen 01/01/1900 en 31/12/2099" in response.get_data(as_text=True)


@pytest.mark.parametrize("vervaldatum", [date(1, 1, 1), date(9999, 12, 31)])
def test_a_stored_absurd_date_does_not_break_the_pages(client, world, vervaldatum):
    d = toegewezen(world)
    o = overleg(world, d)
    db.session.add(Actiepunt(casusoverleg_id=o.id, omschrijving="Oud", eigenaar_id=world.hv.id,
                             vervaldatum=vervaldatum))
    db.session.commit()
    login(client, world.hv)
    for url in (f"/dossiers/{d.id}", "/", "/meldingen", "/dossiers/"):
        assert client.get(url, follow_redirects=True).status_code == 200, url


def test_an_import_date_outside_the_range_is_reported_per_row_I_7_3(world):
    d = toegewezen(world)
    verslag = imp.importeer(f"dossier;bedrag;maanden;datum\n{d.nummer};100;1;0001-01-01\n",
                            world.woonboog, world.hb)
    assert verslag.niet_verwerkt and "tussen 01/01/1900 en 31/12/2099" in \
        verslag.niet_verwerkt[0]
    assert tel(Signaal) == 0


# --- the allocating woonmaatschappij keeps the dossier (R-1.2, R-1.3) ----------------------

def test_the_woonmaatschappij_of_an_allocated_dossier_cannot_change_R_1_3(client, world):
    from tests.builders import dossier_data

    d = toegewezen(world)
    login(client, world.hv)
    data = {k: ("" if v is None else str(v)) for k, v in
            dossier_data(world.leefgoed, rijksregisternummer=d.rijksregisternummer).items()}
    data |= {"version_id": str(d.version_id), "geboortedatum": d.geboortedatum.isoformat()}
    response = client.post(f"/dossiers/{d.id}/bewerken", data=data)
    assert response.status_code == 422
    d = fresh(d)
    assert d.woonmaatschappij_id == world.woonboog.id
    hb = app_client_as(client, world.hb)
    assert hb.get(f"/dossiers/{d.id}").status_code == 200


def app_client_as(client, user):
    ander = client.application.test_client()
    login(ander, user)
    return ander


# --- free text follows consent (R-9.1, I-9.2) ---------------------------------------------

def test_free_text_of_an_action_and_an_attest_withdrawal_reach_the_woonmaatschappij_only_with_consent_R_9_1(  # noqa: E501
        client, world):
    from caseflow.services import attesten

    d = new_dossier(world.hv, world.woonboog)
    advance(d, "attest_voorbereiden", "attest_uitreiken", hv=world.hv, hb=world.hb)
    attesten.intrekken(world.hv, d.id, fresh(d).version_id, "Psychose, opname in PZ")
    attesten.uitreiken(world.hv, d.id, fresh(d).version_id,
                       attest_data(fresh(d)), None)
    stappen.transitie(world.hv, d.id, "afsluiten", fresh(d).version_id,
                              reden="andere", toelichting="Schulden bij de drugsdealer")
    stappen.transitie(world.coord, d.id, "heropenen", fresh(d).version_id,
                              toelichting="Terug na ontslag uit de gevangenis")
    hb = app_client_as(client, world.hb)
    page = hb.get(f"/dossiers/{d.id}").get_data(as_text=True)
    for geheim in ("Psychose", "drugsdealer", "gevangenis"):
        assert geheim not in page
    assert "enkel met toestemming" in page
    login(client, world.hv)
    eigen = client.get(f"/dossiers/{d.id}").get_data(as_text=True)
    assert "Psychose" in eigen and "drugsdealer" in eigen and "gevangenis" in eigen


# --- audit: failed forms, attempts outside scope, the client behind the proxy (I-9.2) ------

def test_a_failed_form_that_shows_the_dossier_again_is_audited_I_9_2(client, world):
    d = new_dossier(world.hv, world.woonboog)
    login(client, world.hv)
    before = db.session.scalar(select(func.count()).where(
        AuditEvent.dossier_id == d.id, AuditEvent.actie == "dossier_bekeken"))
    response = client.post(f"/dossiers/{d.id}/formulier/notitie", data={
        "notitie-version_id": str(d.version_id), "notitie-toelichting": "",
        "notitie-zichtbaarheid": "intern"})
    assert response.status_code == 422 and d.achternaam in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).where(
        AuditEvent.dossier_id == d.id, AuditEvent.actie == "dossier_bekeken")) == before + 1


def test_an_attempt_on_a_dossier_outside_scope_leaves_a_trace_I_9_2(client, world):
    d = new_dossier(world.hv_ocmw, world.leefgoed)
    login(client, world.hv)
    assert client.get(f"/dossiers/{d.id}").status_code == 404
    assert client.post(f"/dossiers/{d.id}/formulier/notitie", data={}).status_code == 404
    sporen = db.session.scalars(select(AuditEvent).where(
        AuditEvent.actie == "dossier_buiten_bereik",
        AuditEvent.gebruiker_id == world.hv.id)).all()
    assert [(s.details["gevraagd"], s.details["methode"]) for s in sporen] == [
        (d.id, "GET"), (d.id, "POST")]


@pytest.fixture
def app_config(request):
    return {"TRUSTED_PROXIES": 1} if "one_trusted_proxy" in request.node.name else {}


def test_behind_one_trusted_proxy_the_audit_records_the_client_address_proxy(client, world):
    client.post("/aanmelden", data={"email": world.hv.email, "wachtwoord": "fout"},
                headers={"X-Forwarded-For": "203.0.113.7"}, environ_base={
                    "REMOTE_ADDR": "127.0.0.1"})
    event_ = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event_.remote_addr == "203.0.113.7"


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(client, world):
    client.post("/aanmelden", data={"email": world.hv.email, "wachtwoord": "fout"},
                headers={"X-Forwarded-For": "203.0.113.7"},
                environ_base={"REMOTE_ADDR": "127.0.0.1"})
    event_ = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event_.remote_addr == "127.0.0.1"


# --- two schedulers never mail twice --------------------------------------------------------

def meldingen_voor_direct(g: Gebruiker, aantal: int) -> None:
    """`aantal` unmailed notifications for a user who wants each mailed at once."""
    for i in range(aantal):
        db.session.add(Notificatie(soort="actiepunt", object_type="actiepunt", object_id=i,
                                   vervaldatum=date(2026, 12, 1), ontvanger_id=g.id,
                                   tekst=f"Actiepunt {i}", link="/"))
    db.session.execute(update(Gebruiker).where(Gebruiker.id == g.id)
                       .values(melding_voorkeur="direct"))
    db.session.commit()


def test_two_schedulers_sending_at_once_mail_each_notification_once(app, world, tmp_path):
    meldingen_voor_direct(world.hv, 5)
    tweede = make_app(app.config["SQLALCHEMY_DATABASE_URI"], app.instance_path)
    gestart = []

    def ook_de_ander():
        """The other scheduler runs its whole round while the first is between two mails."""
        if not gestart:
            gestart.append(True)
            with tweede.app_context():
                mail.verstuur()
                db.session.remove()
        return True

    resultaat = mail.verstuur(leider=ook_de_ander)
    mails = list((tmp_path / "instance" / "mail").glob("*.eml"))
    assert len(mails) == 5
    assert resultaat["verstuurd"] == 0  # the first found every notification claimed
    assert all(stat.S_IMODE(os.stat(m).st_mode) == 0o600 for m in mails)


def test_a_scheduler_that_lost_its_lease_stops_mailing(app, world, tmp_path):
    from caseflow import scheduler

    meldingen_voor_direct(world.hv, 3)
    assert scheduler.probeer_leiding("a", timedelta(minutes=5))
    db.session.execute(update(scheduler.SchedulerLease).values(houder="b"))
    db.session.commit()
    gevraagd = []

    def leider():
        gevraagd.append(True)
        return scheduler.probeer_leiding("a", timedelta(minutes=5))

    resultaat = mail.verstuur(leider=leider)
    assert resultaat["verstuurd"] == 0
    assert not list((tmp_path / "instance" / "mail").glob("*.eml"))
    assert len(gevraagd) == 1  # once lost, the run asks no more (no lease write per mail)


# --- no request ends in a 500 ---------------------------------------------------------------

@pytest.mark.parametrize("url", ["/dossiers/9223372036854775808", "/dossiers/2147483648",
                                 "/dossiers/99999999999999999999/score",
                                 "/woningen/9223372036854775808",
                                 "/beheer/gemeenten/9223372036854775808"])
def test_an_id_beyond_the_database_range_in_a_url_is_a_404(client, world, url):
    login(client, world.beheerder if "beheer" in url else world.hb)
    assert client.get(url).status_code == 404


def test_a_version_beyond_the_database_range_is_a_conflict(client, world):
    d = new_dossier(world.hv, world.woonboog)
    login(client, world.hv)
    response = client.post(f"/dossiers/{d.id}/actie/attest_voorbereiden",
                           data={"attest_voorbereiden-version_id": "9223372036854775808"})
    assert response.status_code == 409
    assert fresh(d).status == "toeleiding"


def test_an_owner_id_beyond_the_range_is_refused_at_the_field(client, world):
    d = toegewezen(world)
    o = overleg(world, d)
    login(client, world.hv)
    response = client.post(f"/dossiers/{d.id}/overleg/{o.id}/actiepunt", data={
        f"a{o.id}-version_id": str(fresh(d).version_id), f"a{o.id}-toelichting": "Bellen",
        f"a{o.id}-eigenaar_id": "9223372036854775808", f"a{o.id}-vervaldatum": "2026-12-01"})
    assert response.status_code == 422 and tel(Actiepunt) == 0


@pytest.mark.parametrize("veld", ["bevoegd_ocmw_gemeente_id", "ocmw_verificatie", "privemarkt",
                                  "begeleiding_bereik"])
def test_a_blank_attest_dropdown_gets_a_dutch_message_R_3_2(client, world, veld):
    d = new_dossier(world.hv, world.woonboog)
    stappen.transitie(world.hv, d.id, "attest_voorbereiden", d.version_id)
    login(client, world.hv)
    form = {k: ("y" if v is True else str(v)) for k, v in attest_data(fresh(d)).items()}
    response = client.post(f"/dossiers/{d.id}/attest", data=form | {
        veld: "", "version_id": str(fresh(d).version_id), "datum": "2026-11-02",
        "actie": "uitreiken"})
    assert response.status_code == 422
    assert fresh(d).status == "attest"


def test_a_csv_field_beyond_the_csv_limit_is_reported_not_a_crash(client, world, runner,
                                                                  tmp_path):
    groot = "dossier;bedrag;maanden;datum\n" + "x" * 140_000 + ";1;1;2026-11-01\n"
    login(client, world.hb)
    response = client.post("/signalen/import", data={
        "bestand": (io.BytesIO(groot.encode()), "achterstand.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 422 and "onleesbaar" in response.get_data(as_text=True)
    pad = tmp_path / "lijst.csv"
    pad.write_text('"' + "x" * 140_000 + '",woonnood,huishouden\n')
    result = runner.invoke(args=["wegingskader", "score", str(pad)])
    assert result.exit_code == 2 and "onleesbaar" in result.output


def test_the_losing_side_of_two_simultaneous_saves_gets_the_conflict_page(client, world):
    d = new_dossier(world.hv, world.woonboog)
    stappen.transitie(world.hv, d.id, "attest_voorbereiden", d.version_id)
    d = fresh(d)
    login(client, world.hv)
    ander, gebeurd = db.engine, []

    def de_ander_was_sneller(session, _flush_context, _instances):
        if gebeurd:
            return
        gebeurd.append(True)
        with ander.begin() as conn:
            conn.execute(text("UPDATE dossier SET version_id = version_id + 1 WHERE id = :id"),
                         {"id": d.id})

    from sqlalchemy.orm import Session

    event.listen(Session, "before_flush", de_ander_was_sneller)
    try:
        # Closing flushes the reason before the step itself: the race is lost mid-service.
        response = client.post(f"/dossiers/{d.id}/actie/afsluiten", data={
            "afsluiten-version_id": str(d.version_id), "afsluiten-reden": "private_huurmarkt"})
    finally:
        event.remove(Session, "before_flush", de_ander_was_sneller)
    assert response.status_code == 409
    assert "Uw wijziging is <strong>niet</strong> bewaard" in response.get_data(as_text=True)
    assert fresh(d).status == "attest"


def test_a_stale_gemeente_form_is_a_conflict_and_the_audit_has_the_whole_change(client, world):
    login(client, world.beheerder)
    mol = db.session.scalars(select(Gemeente).where(Gemeente.naam == "Mol")).one()
    rit = db.session.scalars(select(Zone).where(Zone.naam == "RiT")).one()
    oud_zone, versie = mol.zone_id, mol.version_id
    assert client.post(f"/beheer/gemeenten/{mol.id}", data={
        "zone_id": str(rit.id), "in_arrondissement": "y",
        "version_id": str(versie)}).status_code == 302
    stale = client.post(f"/beheer/gemeenten/{mol.id}", data={
        "zone_id": "", "version_id": str(versie)})
    assert stale.status_code == 409
    assert db.session.get(Gemeente, mol.id).zone_id == rit.id
    spoor = db.session.scalars(select(AuditEvent).where(
        AuditEvent.actie == "beheer_gemeente")).one()
    assert spoor.details["voor"] == {"zone_id": oud_zone, "in_arrondissement": True}
    assert spoor.details["na"] == {"zone_id": rit.id, "in_arrondissement": True}


def test_the_database_file_is_readable_by_the_app_only(app, backend):
    if backend != "sqlite":
        assert db.engine.dialect.name == "postgresql"
        return
    pad = db.engine.url.database
    tweede = make_app(f"sqlite:///{pad}.nieuw", app.instance_path)
    assert stat.S_IMODE(os.stat(f"{pad}.nieuw").st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tweede.instance_path).st_mode) & 0o077 == 0


def test_the_development_server_names_no_versions(app):
    import urllib.request

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app)
    t = threading.Thread(target=server.handle_request)
    t.start()
    with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/aanmelden") as r:
        kop = r.headers["Server"]
    t.join()
    server.server_close()
    assert "Werkzeug" not in kop and "Python" not in kop


# --- a large import never locks the others out (I-7.3) -------------------------------------

def test_importing_60000_rows_while_another_client_reads_and_writes_I_7_3(app, client, world):
    een = toegewezen(world)
    twee = toegewezen(world, achternaam="Twee", geboortedatum=date(1980, 1, 2),
                      rijksregisternummer=rijksregisternummer(date(1980, 1, 2), 11))
    rijen = ["dossier;bedrag;maanden;datum"]
    for i in range(60_000):
        nummer = (een.nummer, twee.rijksregisternummer, "D1999-99999")[i % 3]
        rijen.append(f"{nummer};{100 + (i // 300)},00;{1 + (i // 30_000)};2026-11-01")
    tekst = "\n".join(rijen) + "\n"
    importer = make_app(app.config["SQLALCHEMY_DATABASE_URI"], app.instance_path)
    uitkomst = {}

    def importeren():
        with importer.app_context():
            uitkomst["verslag"] = imp.importeer(
                tekst, db.session.get(type(world.woonboog), world.woonboog.id),
                db.session.get(Gebruiker, world.hb.id))
            db.session.remove()

    login(client, world.hv)
    t = threading.Thread(target=importeren)
    t.start()
    antwoorden = []
    while t.is_alive() or not antwoorden:
        antwoorden.append(client.get("/dossiers/").status_code)
        antwoorden.append(client.post(f"/dossiers/{een.id}/formulier/notitie", data={
            "notitie-version_id": str(fresh(een).version_id), "notitie-toelichting": "Gebeld",
            "notitie-zichtbaarheid": "intern"}).status_code)
    t.join()
    assert set(antwoorden) <= {200, 302}, antwoorden
    verslag = uitkomst["verslag"]
    assert len(verslag.niet_verwerkt) == 20_000
    assert len(verslag.nieuw) + len(verslag.bijgewerkt) + len(verslag.ongewijzigd) == 40_000
    signalen = {s.dossier_id: s for s in db.session.scalars(select(Signaal))}
    assert signalen[een.id].maanden == 2 and signalen[een.id].status == "aanvraag"


def test_the_import_page_lists_at_most_200_unprocessed_rows(client, world):
    tekst = "dossier;bedrag;maanden;datum\n" + "".join(
        f"D1999-{i:05d};1;1;2026-11-01\n" for i in range(250))
    login(client, world.hb)
    response = client.post("/signalen/import", data={
        "bestand": (io.BytesIO(tekst.encode()), "achterstand.csv")},
        content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "250 niet verwerkt" in page
    assert "de eerste 200 van 250" in page
    assert "D1999-00199" in page and "D1999-00200" not in page


def test_a_file_beyond_the_row_limit_is_refused_whole(world):
    tekst = "dossier;bedrag;maanden;datum\n" + "D2026-00001;1;1;2026-11-01\n" * (
        imp.MAX_RIJEN + 1)
    with pytest.raises(imp.OngeldigBestand) as e:
        imp.importeer(tekst, world.woonboog, world.hb)
    assert "meer dan 100000 regels" in e.value.fouten[0]
    assert tel(Signaal) == 0
