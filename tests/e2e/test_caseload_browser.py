"""In the browser: the demo hulpverlener logs in, creates a dossier and
finds it in the caseload; bad input is answered in Dutch at the field."""
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_WACHTWOORD, demo_code

pytestmark = pytest.mark.e2e
SHOTS = Path(__file__).resolve().parents[2] / "test-results"


def log_in(page, base, email):
    page.goto(base + "/")
    expect(page.get_by_role("heading", name="Aanmelden")).to_be_visible()
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_WACHTWOORD)
    page.get_by_role("button", name="Aanmelden").click()
    if page.url.endswith("/aanmelden/code"):  # a coördinator or beheerder: two factors
        page.get_by_label("Code").fill(demo_code(email))
        page.get_by_role("button", name="Bevestigen").click()


def fill_toeleiding(page, rrn):
    page.get_by_label("Voornaam").fill("Fatma")
    page.get_by_label("Achternaam").fill("Testkandidaat")
    page.get_by_label("Geboortedatum").fill("1985-07-30")
    page.get_by_label("Rijksregisternummer").fill(rrn)
    page.get_by_label("Huishouden", exact=True).select_option("gezin")
    page.get_by_label("Aantal kinderen ten laste").fill("2")
    page.get_by_label("Beschikbaar maandinkomen van het huishouden").fill("1.650,40")
    page.get_by_label("Gemeente (woonplaats)").select_option(label="Geel")
    page.get_by_label("Woonmaatschappij").select_option(label="LeefGoed")
    page.get_by_label("CIR-inschrijvingsdatum").fill("2024-03-18")
    page.get_by_label("CIR-nummer").fill("CIR-777")
    page.get_by_label("Actuele woonnood (R-4.1)").select_option("opvang")  # selects start empty
    page.get_by_label("Pijler").select_option("2")


def test_hulpverlener_creates_a_dossier_and_sees_it_in_the_caseload(page, live_server):
    log_in(page, live_server, "hulpverlener@caw.demo")
    expect(page.get_by_role("heading", name="Mijn actiepunten")).to_be_visible()  # start page
    page.get_by_role("link", name="Caseload").first.click()
    expect(page.get_by_role("heading", name="Mijn caseload")).to_be_visible()
    page.get_by_role("link", name="Nieuwe toeleiding").first.click()

    fill_toeleiding(page, "85.07.30-033.29")  # wrong check digits
    page.get_by_role("button", name="Dossier aanmaken").click()
    expect(page.locator("#rijksregisternummer-fout")).to_contain_text("controlecijfers")
    expect(page.get_by_label("Achternaam")).to_have_value("Testkandidaat")  # typed input kept

    page.get_by_label("Rijksregisternummer").fill("85.07.30-033.28")
    page.get_by_role("button", name="Dossier aanmaken").click()
    expect(page.locator(".flash-succes")).to_contain_text("is aangemaakt")
    heading = page.get_by_role("heading", level=1).inner_text()
    nummer = re.search(r"D\d{4}-\d{5}", heading).group(0)
    expect(page.locator("#fase")).to_have_text("Toeleiding")
    expect(page.get_by_text("€\xa01.650,40")).to_be_visible()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "dossier.png"), full_page=True)

    page.get_by_role("link", name="Caseload").first.click()
    page.get_by_label("Zoek op naam, dossier- of rijksregisternummer").fill("Testkandidaat")
    page.get_by_role("button", name="Zoeken").click()
    row = page.locator("table.tabel tbody tr", has_text="Testkandidaat")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(nummer)
    expect(row).to_contain_text("Toeleiding")
    page.screenshot(path=str(SHOTS / "caseload.png"), full_page=True)


def test_workflow_button_moves_the_dossier_and_logout_works(page, live_server):
    log_in(page, live_server, "hulpverlener@caw.demo")
    page.get_by_role("link", name="Caseload").first.click()
    page.get_by_label("Fase").select_option("toeleiding")
    page.get_by_label("Welke dossiers").select_option("organisatie")
    page.get_by_role("button", name="Zoeken").click()
    lijst = page.url
    # the first dossier in toeleiding whose CIR registration allows the attest
    for i in range(page.locator("table.tabel tbody tr a").count()):
        page.goto(lijst)
        page.locator("table.tabel tbody tr a").nth(i).click()
        action = page.locator("details.actie", has_text="Attest voorbereiden")
        if action.count():
            break
    else:
        pytest.fail("a demo dossier in toeleiding with a CIR registration was expected")
    action.locator("summary").click()
    action.get_by_role("button", name="Attest voorbereiden").click()
    expect(page.locator("#fase")).to_have_text("Attest in voorbereiding")
    expect(page.locator(".tijdlijn li").first).to_contain_text("Attest voorbereiden")
    page.get_by_role("button", name="Afmelden").click()
    expect(page.get_by_text("U bent afgemeld.")).to_be_visible()
