"""A day's real work in the browser: local times, finding a person by rijksregisternummer, a
failed sub-form that keeps its input, and a start page that lists what waits."""
import re
from datetime import date, datetime

import pytest
from playwright.sync_api import expect

from caseflow.clock import BRUSSELS
from tests.e2e.test_caseload_browser import log_in
from tests.e2e.test_pijler3_browser import open_form

pytestmark = pytest.mark.e2e


def woning_registreren(page, base, adres):
    """As the Woonboog huurbegeleider: a vacancy in Turnhout, free today."""
    log_in(page, base, "huurbegeleider@woonboog.demo")
    page.goto(base + "/woningen/nieuw")
    page.get_by_label("Gemeente").select_option(label="Turnhout")
    page.get_by_label("Adres").fill(adres)
    page.get_by_label("Slaapkamers").fill("1")
    page.get_by_label("Beschikbaar vanaf").fill(date.today().isoformat())
    page.get_by_role("button", name="Registreren").click()


def test_huurbegeleider_start_lists_an_attest_to_confirm_and_a_proposal_awaiting_answer(
        page, live_server):
    woning_registreren(page, live_server, "Begijnenstraat 12")
    page.locator("#kandidaten").get_by_role("button", name="Voorstellen").click()
    expect(page.locator("#voorstel")).to_be_visible()
    page.goto(live_server + "/start")
    wacht = page.locator("#wacht")
    expect(wacht).to_contain_text("Voorstel voor Begijnenstraat 12")
    expect(wacht).to_contain_text("Attest bevestigen")
    expect(page.get_by_text("Niets dat wacht")).to_have_count(0)


def test_a_proposal_and_its_acceptance_show_brussels_time(page, live_server):
    woning_registreren(page, live_server, "Grote Markt 1")
    woning_url = page.url
    page.locator("#kandidaten").get_by_role("button", name="Voorstellen").click()
    page.get_by_role("button", name=re.compile("Aanvaard")).click()
    expect(page.locator(".flash-succes")).to_contain_text("Aanvaard")
    nu = datetime.now(BRUSSELS)
    page.goto(woning_url)
    regel = page.locator("ol.tijdlijn li").last.inner_text()
    tijden = re.findall(r"\d\d/\d\d/\d{4} (\d\d:\d\d)", regel)
    assert len(tijden) == 2, regel  # proposed and accepted
    toegelaten = {f"{(nu.hour * 60 + nu.minute - m) // 60 % 24:02d}:"
                  f"{(nu.minute - m) % 60:02d}" for m in (0, 1, 2)}
    assert set(tijden) <= toegelaten, (tijden, toegelaten)


def test_hulpverlener_finds_a_dossier_by_rijksregisternummer(page, live_server):
    log_in(page, live_server, "hulpverlener@caw.demo")
    page.goto(live_server + "/dossiers/")
    page.locator("table tbody a").first.click()
    nummer = page.locator("h1").inner_text().split()[1]
    rrn = page.locator("dt:text('Rijksregisternummer') + dd").inner_text().strip()
    page.goto(live_server + "/dossiers/")
    page.get_by_label("Zoek op naam, dossier- of rijksregisternummer").fill(
        re.sub(r"\D", "", rrn))
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator("table tbody tr")).to_have_count(1)
    expect(page.locator("table tbody")).to_contain_text(nummer)


def test_a_failed_action_item_keeps_its_text_and_stays_open(page, live_server):
    log_in(page, live_server, "hulpverlener@caw.demo")
    page.goto(live_server + "/dossiers/")
    page.locator("table tbody a").first.click()
    overleg = open_form(page, "Casusoverleg registreren")
    overleg.get_by_label("Datum").fill(date.today().isoformat())
    overleg.get_by_label("Reden").select_option(index=1)
    overleg.get_by_label("Deelnemers (organisaties en personen)").fill("CAW (An)")
    overleg.get_by_label("Gedeelde samenvatting").fill("Opvolging besproken.")
    overleg.get_by_role("button", name="Casusoverleg registreren").click()
    expect(page.locator(".flash-succes")).to_be_visible()
    formulier = open_form(page, "Actiepunt toevoegen")
    formulier.get_by_label("Actiepunt").fill("Budgetplan bespreken met de huurder")
    formulier.get_by_label("Uiterlijk op").fill(date.today().isoformat())
    formulier.get_by_role("button", name="Actiepunt toevoegen").click()  # no owner chosen
    open_ = page.locator("details.actie[open]", has=page.locator("summary",
                                                                 has_text="Actiepunt toevoegen"))
    expect(open_).to_have_count(1)
    expect(open_.get_by_label("Actiepunt")).to_have_value("Budgetplan bespreken met de huurder")
    expect(open_.locator(".foutmelding")).to_contain_text("Kies een eigenaar.")
    assert page.url.endswith("#overleg")
