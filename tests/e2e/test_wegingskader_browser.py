"""In the browser: the score explanation, the ranking and the vacancy flow, for the
roles that may use them."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_caseload_browser import log_in

pytestmark = pytest.mark.e2e


def test_huurbegeleider_ranks_proposes_and_allocates(page, live_server):
    log_in(page, live_server, "huurbegeleider@woonboog.demo")
    page.get_by_role("link", name="Ranglijst").click()
    expect(page.get_by_role("heading", name=re.compile("Ranglijst pijler 2"))).to_be_visible()
    first = page.locator("#ranglijst tbody tr").first
    expect(first.locator("td").first).to_have_text("1")

    page.get_by_role("link", name="Woningen").click()
    page.get_by_role("link", name="Woning registreren").click()
    page.get_by_label("Gemeente").select_option(label="Turnhout")
    page.get_by_label("Adres").fill("Grote Markt 1 bus 2")
    page.get_by_label("Slaapkamers").fill("1")
    page.get_by_label("Beschikbaar vanaf").fill("2026-12-15")
    page.get_by_role("button", name="Registreren").click()
    expect(page.locator(".flash-succes")).to_contain_text("geregistreerd")

    kandidaat = page.locator("#kandidaten tbody tr").first
    nummer = kandidaat.locator("td a").inner_text()
    kandidaat.get_by_role("button", name="Voorstellen").click()
    expect(page.locator("#voorstel")).to_contain_text(nummer)
    page.get_by_role("button", name=re.compile("Aanvaard")).click()
    expect(page.locator(".flash-succes")).to_contain_text("toegewezen")
    expect(page.locator("#fase")).to_have_text("Toegewezen")
    expect(page.get_by_text(re.compile(r"bevestigd op \d\d/\d\d/\d{4}"))).to_be_visible()
    page.get_by_role("button", name="Afmelden").click()


def test_hulpverlener_reads_the_score_and_prints_it(page, live_server):
    log_in(page, live_server, "hulpverlener@caw.demo")
    page.get_by_role("link", name="Caseload").first.click()
    page.get_by_label("Fase").select_option("kandidaat")
    page.get_by_role("button", name="Zoeken").click()
    pijler_2 = page.locator("table.tabel tbody tr").filter(
        has=page.locator("td:nth-child(4)", has_text=re.compile(r"^2$")))
    pijler_2.first.locator("a").click()
    score = page.locator("#score")
    expect(score.get_by_role("heading", name=re.compile("Score"))).to_be_visible()
    expect(score.locator("#score-totaal")).to_contain_text("/ 50")
    expect(score).to_contain_text("R-4.1")
    page.get_by_role("link", name="Afdrukbare versie voor de kandidaat").click()
    expect(page.get_by_role("heading", name="Uw punten voor versnelde toewijzing")).to_be_visible()
    # A hulpverlener has no ranking page and no vacancies.
    assert page.goto(live_server + "/ranglijst").status == 403
    assert page.goto(live_server + "/woningen").status == 403
