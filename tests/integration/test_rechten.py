"""GDPR art. 12, 15-21 (I-9.2): the client's requests (rectification, objection, …) are recorded
on the dossier with the date of receipt, answered within the month, a refusal with its reasons;
an overdue one reaches the coördinator; the inzage export holds them."""
import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine
from sqlalchemy import select

from caseflow.extensions import db
from caseflow.models import AuditEvent, Rechtsverzoek
from caseflow.services import opvolging
from tests.builders import login, new_dossier

BXL = ZoneInfo("Europe/Brussels")


def op(dag: date):
    return time_machine.travel(datetime(dag.year, dag.month, dag.day, 10, tzinfo=BXL),
                               tick=False)


def test_a_request_is_recorded_with_its_deadline_and_bad_input_is_answered_where_typed(
        client, world):
    with op(date(2026, 1, 5)):
        d = new_dossier(world.hv, world.woonboog)
    with op(date(2026, 1, 31)):
        login(client, world.hv)
        pad = f"/dossiers/{d.id}/rechten"
        toekomst = client.post(pad, data={"soort": "rectificatie", "ontvangen_op": "2026-02-02",
                                          "omschrijving": "Adres is fout"})
        assert toekomst.status_code == 422
        assert "niet in de toekomst" in toekomst.get_data(as_text=True)
        leeg = client.post(pad, data={"soort": "bezwaar", "ontvangen_op": "2026-01-31",
                                      "omschrijving": "  "})
        assert leeg.status_code == 422 and "Beschrijf" in leeg.get_data(as_text=True)
        assert db.session.scalars(select(Rechtsverzoek)).all() == []
        ok = client.post(pad, data={"soort": "rectificatie", "ontvangen_op": "31/01/2026",
                                    "omschrijving": "Het adres is fout: Markt 3, niet 8."})
        assert ok.status_code == 302
        pagina = client.get(pad).get_data(as_text=True)
    [v] = db.session.scalars(select(Rechtsverzoek)).all()
    assert (v.soort, v.ontvangen_op, v.uiterlijk_op, v.status) == (
        "rectificatie", date(2026, 1, 31), date(2026, 2, 28), "open")  # art. 12.3: a month
    assert "antwoord uiterlijk 28/02/2026" in pagina


def test_a_refusal_needs_its_reasons_and_a_request_is_answered_once(client, world):
    from caseflow.services import rechten

    d = new_dossier(world.hv, world.woonboog)
    v = rechten.registreren(world.hv, d.id, "bezwaar", date.today(), "Wil niet dat de "
                            "woonmaatschappij haar inkomen ziet.")
    login(client, world.hv)
    pad = f"/dossiers/{d.id}/rechten/{v.id}"
    veld = f"v{v.id}-"  # each open request's form has fields of its own
    zonder = client.post(pad, data={veld + "uitkomst": "afgewezen", veld + "antwoord": ""})
    assert zonder.status_code == 422 and "gemotiveerd" in zonder.get_data(as_text=True)
    assert client.post(pad, data={veld + "uitkomst": "afgewezen", veld + "antwoord":
                                  "Het inkomen is nodig voor de toewijzing (R-4.2)."}
                       ).status_code == 302
    tweede = client.post(pad, data={veld + "uitkomst": "ingewilligd", veld + "antwoord": ""})
    assert tweede.status_code == 409
    db.session.expire_all()
    assert db.session.get(Rechtsverzoek, v.id).status == "afgewezen"
    acties = db.session.scalars(select(AuditEvent.actie).where(
        AuditEvent.dossier_id == d.id, AuditEvent.actie.like("rechtsverzoek_%"))).all()
    assert sorted(acties) == ["rechtsverzoek_beantwoord", "rechtsverzoek_geregistreerd"]


def test_an_overdue_request_reaches_the_coordinator_until_answered(world):
    from caseflow.services import rechten

    with op(date(2026, 3, 2)):
        d = new_dossier(world.hv, world.woonboog)
        v = rechten.registreren(world.hv, d.id, "wissing", date(2026, 3, 2), "Wissen a.u.b.")

    def soorten(dag):
        return [(i.soort, i.dossier.id) for g in opvolging.wachtrij(world.coord, vandaag=dag)
                for i in g.items if i.soort == "rechtsverzoek_termijn"]

    assert soorten(date(2026, 4, 2)) == []  # the deadline day itself
    assert soorten(date(2026, 4, 3)) == [("rechtsverzoek_termijn", d.id)]
    with op(date(2026, 4, 3)):
        rechten.beantwoorden(world.hv, d.id, v.id, "gedeeltelijk",
                             "Gewist wat niet wettelijk bewaard moet worden.")
    assert soorten(date(2026, 4, 3)) == []


def test_the_inzage_export_holds_the_requests(client, world):
    from caseflow.services import rechten

    d = new_dossier(world.hv, world.woonboog)
    rechten.registreren(world.hv, d.id, "inzage", date.today(), "Vraagt alle gegevens op papier.")
    login(client, world.hv)
    gegevens = json.loads(client.get(f"/dossiers/{d.id}/inzage.json").data)
    assert [(v["soort"], v["omschrijving"]) for v in gegevens["verzoeken"]] == [
        ("inzage", "Vraagt alle gegevens op papier.")]
    assert "Vraagt alle gegevens op papier." in client.get(
        f"/dossiers/{d.id}/inzage").get_data(as_text=True)


def test_the_requests_page_reads_who_registered_and_answered_once_not_per_request(client,
                                                                                  world):
    """I-9.2: more requests, by more colleagues, do not add a query each to the page."""
    from caseflow.services import rechten
    from tests.builders import tel_statements, user

    d = new_dossier(world.hv, world.woonboog)
    login(client, world.hv)
    pad = f"/dossiers/{d.id}/rechten"

    def pagina():
        assert client.get(pad).status_code == 200
    eerste = rechten.registreren(world.hv2, d.id, "rectificatie", date.today(), "Adres fout")
    rechten.beantwoorden(world.hv2, d.id, eerste.id, "ingewilligd", "Aangepast.")
    pagina()  # warm
    een = tel_statements(pagina)
    collegas = [user(f"collega{i}@caw.demo", "hulpverlener", world.caw) for i in range(3)]
    for door, antwoorder in ((collegas[0], collegas[1]), (collegas[2], world.hv2)):
        v = rechten.registreren(door, d.id, "bezwaar", date.today(), "Bezwaar tegen delen")
        rechten.beantwoorden(antwoorder, d.id, v.id, "ingewilligd", "Niet meer gedeeld.")
    assert tel_statements(pagina) == een
