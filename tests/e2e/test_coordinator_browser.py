"""In the browser: the coördinator finds an overdue begeleiding in the review queue,
reassigns the dossier and marks it reviewed; the monitoring page shows its charts and the CSV
and XLSX downloads open."""
import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.test_caseload_browser import log_in

pytestmark = pytest.mark.e2e


def test_review_queue_reassign_and_mark_reviewed(page, live_server):
    log_in(page, live_server, "coordinator@caw.demo")
    page.get_by_role("link", name="Opvolging").click()
    rij = page.locator("tr.item-bo_voorbij_einde").first
    expect(rij).to_contain_text("Begeleidingsovereenkomst voorbij de einddatum")
    nummer = rij.locator("td").nth(2).locator("a").inner_text()
    rij.get_by_role("link", name="Dossier herverdelen").click()  # a page of its own
    page.get_by_label("Andere hulpverlener").select_option(label="Jonas Claes")
    page.get_by_role("button", name="Dossier herverdelen").click()
    expect(page.locator(".flash")).to_contain_text(f"Dossier {nummer} is nu bij Jonas Claes")

    rij = page.locator("tr.item-bo_voorbij_einde", has_text=nummer)
    expect(page.locator("section", has=rij).locator("h2")).to_contain_text("Jonas Claes")
    rij.get_by_label("Opmerking").fill("Evaluatie gepland op het volgende casusoverleg.")
    rij.get_by_label("Markeren als beoordeeld").check()
    rij.get_by_role("button", name="Bewaren").click()
    expect(page.locator(".flash")).to_contain_text("Als beoordeeld gemarkeerd.")
    expect(page.locator("tr.item-bo_voorbij_einde", has_text=nummer)).to_have_count(0)

    page.get_by_role("link", name="Toon ook wat al beoordeeld is").click()
    rij = page.locator("tr.item-bo_voorbij_einde", has_text=nummer)
    expect(rij).to_contain_text("beoordeeld")
    expect(rij).to_contain_text("Evaluatie gepland op het volgende casusoverleg.")


def test_the_review_queue_on_a_phone_shows_each_item_whole(browser, live_server):
    """On the road (390 px) every overdue item reads top to bottom: how late, what, the dossier
    link, the remarks and the review form, none of them beyond the screen's edge (I-6.5a)."""
    context = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, live_server, "coordinator@caw.demo")
    page.goto(live_server + "/opvolging?alles=1")  # also what another test marked reviewed
    rijen = page.locator("table.opvolging tbody tr")
    assert rijen.count() > 0
    for i in range(rijen.count()):
        rij = rijen.nth(i)
        for doel in (rij.locator("td").nth(2).locator("a"), rij.get_by_label("Opmerking"),
                     rij.get_by_role("button", name="Bewaren")):
            vak = doel.bounding_box()
            assert vak is not None and 0 <= vak["x"] and vak["x"] + vak["width"] <= 390, \
                doel.evaluate("e => e.outerHTML.slice(0, 80)")
        # each value says what it is, as the hidden header row would
        assert rij.locator("td").nth(2).evaluate(
            "td => getComputedStyle(td, '::before').content") == '"Dossier"'
    # the dossier of an overdue agreement, opened from the queue, fits the phone too (its
    # 'komende termijnen' list the agreement's evaluation, R-6.2)
    page.locator("tr.item-bo_voorbij_einde td").nth(2).locator("a").click()
    expect(page.get_by_role("heading", name="Komende termijnen")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_monitoring_charts_and_downloads(page, live_server):
    log_in(page, live_server, "coordinator@regio.demo")
    page.get_by_role("link", name="Monitoring").click()
    expect(page.get_by_role("heading", name="Monitoring van het toewijzingsmodel")).to_be_visible()
    grafiek = page.get_by_role("img", name="Aandeel pijler 2 per woonmaatschappij in procent")
    expect(grafiek).to_be_visible()
    expect(page.locator("#tabel-pijler2 tbody tr")).to_have_count(3)
    expect(page.get_by_role("img", name="Toewijzingen per kwartaal")).to_be_visible()

    sectie = page.locator("#pijler2")
    with page.expect_download() as info:
        sectie.get_by_role("link", name="CSV").first.click()
    tekst = info.value.path().read_bytes().decode("utf-8-sig")
    assert tekst.splitlines()[0].startswith("Woonmaatschappij;Pijler 2;Alle toewijzingen")
    assert len(tekst.splitlines()) == 4  # header and the three woonmaatschappijen

    with page.expect_download() as info:
        page.locator("#doorlooptijden").get_by_role("link", name="XLSX").click()
    blad = load_workbook(io.BytesIO(info.value.path().read_bytes())).active
    assert blad["A2"].value == "Stap" and blad["A3"].value == "Toeleiding → attest"
