"""GDPR art. 15: the hulpverlener hands the client everything Caseflow holds about them, as a
printable page, a PDF and JSON: every note the client's organisation may read (its own and the
shared ones), never another organisation's intern notes; the export is audited."""
import io
import json

from pypdf import PdfReader
from sqlalchemy import select

from caseflow.extensions import db
from caseflow.models import AuditEvent
from caseflow.services import privacy
from tests.builders import advance, fresh, login, new_dossier


def _dossier_met_notities(world):
    d = new_dossier(world.hv, world.woonboog, achternaam="Inzagetest")
    advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen", "toewijzen",
            hv=world.hv, hb=world.hb)
    privacy.toestemming_registreren(world.hv, d.id, fresh(d).version_id,
                                    fresh(d).toewijzing.datum, "volledig")
    privacy.notitie_toevoegen(world.hv, d.id, fresh(d).version_id, "Eigen interne notitie",
                              "intern")
    privacy.notitie_toevoegen(world.hv, d.id, fresh(d).version_id, "Gedeeld door CAW",
                              "gedeeld")
    privacy.notitie_toevoegen(world.hb, d.id, fresh(d).version_id, "Gedeeld door Woonboog",
                              "gedeeld")
    privacy.notitie_toevoegen(world.hb, d.id, fresh(d).version_id, "Intern bij Woonboog",
                              "intern")
    return fresh(d)


def test_GDPR_art_15_the_export_holds_every_readable_note_and_no_foreign_intern_one(
        client, world):
    d = _dossier_met_notities(world)
    login(client, world.hv)
    pagina = client.get(f"/dossiers/{d.id}/inzage")
    tekst = pagina.get_data(as_text=True)
    assert pagina.status_code == 200 and "Inzage in uw gegevens" in tekst
    # Styled by the app's own stylesheet: the Content-Security-Policy forbids inline styles.
    assert "inzage.css" in tekst and "<style" not in tekst
    for notitie in ("Eigen interne notitie", "Gedeeld door CAW", "Gedeeld door Woonboog"):
        assert notitie in tekst
    assert "Intern bij Woonboog" not in tekst
    assert d.rijksregisternummer[:2] in tekst and "Inzagetest" in tekst
    assert "Dossier bekeken" in tekst or "Dossier aangemaakt" in tekst  # who looked at it
    gegevens = json.loads(client.get(f"/dossiers/{d.id}/inzage.json").data)
    assert gegevens["persoon"]["achternaam"] == "Inzagetest"
    assert {n["tekst"] for n in gegevens["notities"]} == {
        "Eigen interne notitie", "Gedeeld door CAW", "Gedeeld door Woonboog"}
    assert gegevens["toewijzing"]["adres"] == d.toewijzing.adres
    assert any(e["actie"] == "inzage_gemaakt" for e in gegevens["bekeken_of_gewijzigd"])
    pdf = client.get(f"/dossiers/{d.id}/inzage.pdf")
    assert pdf.mimetype == "application/pdf"
    pdf_tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Gedeeld door Woonboog" in pdf_tekst and "Intern bij Woonboog" not in pdf_tekst
    formaten = db.session.scalars(select(AuditEvent.details).where(
        AuditEvent.actie == "inzage_gemaakt", AuditEvent.dossier_id == d.id)).all()
    assert sorted(f["formaat"] for f in formaten) == ["html", "json", "pdf"]


def test_GDPR_art_15_only_the_clients_hulpverlener_makes_the_export(app, client, world):
    d = _dossier_met_notities(world)
    for wie, code in ((world.hb, 403), (world.coord, 403), (world.hv_ocmw, 404)):
        c = app.test_client()
        login(c, wie)
        assert c.get(f"/dossiers/{d.id}/inzage").status_code == code, wie.email
    login(client, world.hv)
    assert client.get(f"/dossiers/{d.id}/inzage.exe").status_code == 404
