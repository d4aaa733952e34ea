"""Bad input on the toeleiding form: a Dutch message at the field, what was typed is kept,
nothing is stored, never a 500."""
import html
import re

import pytest
from sqlalchemy import func, select

from caseflow.extensions import db
from caseflow.models import AuditEvent, Dossier, DossierHistoriek
from tests.builders import gemeente_id, login


def valid_form(world) -> dict:
    return {
        "voornaam": "Sarah", "achternaam": "Peeters", "geboortedatum": "1985-07-30",
        "rijksregisternummer": "85.07.30-033.28", "telefoon": "0470 12 34 56",
        "email": "sarah@example.be", "adres": "Kerkstraat 1, 2300 Turnhout",
        "huishouden": "alleenstaande", "aantal_kinderen": "0",
        "gemeente_id": str(gemeente_id("Turnhout")), "cir_inschrijvingsdatum": "2024-02-01",
        "cir_nummer": "CIR-123", "woonnood": "opvang", "inkomen": "1.379,13", "pijler": "2",
        "woonmaatschappij_id": str(world.woonboog.id),
    }


def field_error(page: str, field: str) -> str:
    match = re.search(rf'<p class="foutmelding" id="{field}-fout">([^<]*)</p>', page)
    return html.unescape(match.group(1)) if match else ""


def dossier_count() -> int:
    return db.session.scalar(select(func.count(Dossier.id)))


def test_valid_toeleiding_is_stored_with_history_and_audit(client, world):
    login(client, world.hv)
    response = client.post("/dossiers/nieuw", data=valid_form(world))
    assert response.status_code == 302
    d = db.session.scalars(select(Dossier)).one()
    assert d.status == "toeleiding"
    assert str(d.inkomen) == "1379.13"  # Belgian notation parsed exactly
    assert d.rijksregisternummer == "85073003328"
    assert d.organisatie_id == world.caw.id and d.hulpverlener_id == world.hv.id
    assert d.nummer.startswith("D") and response.headers["Location"].endswith(f"/dossiers/{d.id}")
    historiek = db.session.scalars(select(DossierHistoriek)).one()
    assert (historiek.van, historiek.naar, historiek.gebruiker_id) == (None, "toeleiding",
                                                                       world.hv.id)
    assert db.session.scalar(select(AuditEvent.actie).where(AuditEvent.dossier_id == d.id)) \
        == "dossier_aangemaakt"


BAD = [
    # (field, typed value, words of the Dutch message)
    ("voornaam", "", "verplicht"),
    ("achternaam", "   ", "verplicht"),
    ("voornaam", "x" * 101, "hoogstens 100 tekens"),
    ("adres", "y" * 201, "hoogstens 200 tekens"),
    ("rijksregisternummer", "85.07.30-033.29", "controlecijfers"),
    ("rijksregisternummer", "12345", "11 cijfers"),
    ("rijksregisternummer", "90.03.14-123.10", "past niet bij de geboortedatum"),
    ("geboortedatum", "31/02/1985", "geldige datum"),
    ("geboortedatum", "morgen", "geldige datum"),
    ("geboortedatum", "2098-01-01", "toekomst"),
    ("cir_inschrijvingsdatum", "2024-13-01", "geldige datum"),
    ("inkomen", "-5", "tussen € 0 en € 100.000"),
    ("inkomen", "veel", "bedrag"),
    ("inkomen", "12,345", "2 cijfers na de komma"),
    ("inkomen", "", "verplicht"),
    ("aantal_kinderen", "-1", "tussen 0 en 30"),
    ("aantal_kinderen", "twee", "geheel getal"),
    ("voornaam", "<script>alert(1)</script>", "geen HTML"),
    ("achternaam", "Peeters <b>", "geen HTML"),
    ("email", "geen-adres", "geldig e-mailadres"),
    ("telefoon", "bel me", "telefoonnummer"),
    ("woonnood", "bestaat_niet", "Not a valid choice"),
    ("gemeente_id", "999999", "Not a valid choice"),
    ("huishouden", "", "verplicht"),
    ("cir_nummer", "", "samen in"),
]


@pytest.mark.parametrize("field,value,words", BAD)
def test_bad_input_dutch_message_at_the_field_typed_value_kept_nothing_stored(
        client, world, field, value, words):
    login(client, world.hv)
    data = valid_form(world) | {field: value}
    response = client.post("/dossiers/nieuw", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    message = field_error(page, field)
    assert words.lower() in message.lower() or (
        words == "Not a valid choice" and "geldige keuze" in message.lower()), message
    if value.strip() and field not in {"woonnood", "gemeente_id", "huishouden"}:
        assert html.escape(value, quote=True) in page  # what was typed is kept
    assert dossier_count() == 0


def test_single_person_with_children_is_refused_I_4_2c(client, world):
    login(client, world.hv)
    response = client.post("/dossiers/nieuw", data=valid_form(world) | {"aantal_kinderen": "2"})
    assert response.status_code == 422
    assert "I-4.2c" in field_error(response.get_data(as_text=True), "aantal_kinderen")
    assert dossier_count() == 0


def test_empty_form_gives_messages_not_a_500(client, world):
    login(client, world.hv)
    response = client.post("/dossiers/nieuw", data={})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Dit veld is verplicht." in page
    assert dossier_count() == 0


def test_edit_keeps_history_and_refuses_bad_input(client, world):
    login(client, world.hv)
    client.post("/dossiers/nieuw", data=valid_form(world))
    d = db.session.scalars(select(Dossier)).one()
    form = valid_form(world) | {"version_id": str(d.version_id), "inkomen": "1500"}
    bad = client.post(f"/dossiers/{d.id}/bewerken", data=form | {"inkomen": "-1"})
    assert bad.status_code == 422
    assert str(db.session.get(Dossier, d.id).inkomen) == "1379.13"
    ok = client.post(f"/dossiers/{d.id}/bewerken", data=form)
    assert ok.status_code == 302
    assert str(db.session.get(Dossier, d.id).inkomen) == "1500.00"
    event = db.session.scalars(select(AuditEvent).where(
        AuditEvent.actie == "dossier_gewijzigd")).one()
    assert event.details == {"velden": ["inkomen"]}
