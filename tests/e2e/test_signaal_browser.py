"""In the browser: a huurbegeleider raises a huurachterstand, the hulpverlener
acknowledges it and plans a casusoverleg with an action item (I-7.1 to I-7.3, I-6.5a)."""
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from caseflow import clock
from tests.e2e.test_caseload_browser import log_in
from tests.e2e.test_pijler3_browser import open_form, switch

pytestmark = pytest.mark.e2e


def test_arrears_acknowledged_and_a_casusoverleg_with_an_action_item(page, live_server):
    log_in(page, live_server, "huurbegeleider@woonboog.demo")
    page.get_by_role("link", name="Mijn huurders").click()
    # The most recent tenant: well within the 2-year engagement, so a request obliges.
    page.locator("#huurders tbody tr", has_text="CAW De Kempen").last.locator("a").first.click()
    dossier_url = page.url
    melden = open_form(page, "Signaal melden")
    melden.get_by_label("Soort").select_option("huurachterstand")
    melden.get_by_label("Achterstand in euro (huurachterstand)").fill("1.150,00")
    melden.get_by_label("Maanden huur achterstand").fill("2")
    melden.get_by_label("Beschrijving").fill("Huur van oktober en november niet betaald")
    melden.get_by_role("button", name="Signaal melden").click()
    signalen = page.locator("#signalen")
    expect(signalen).to_contain_text("Aanvraag aanklampende begeleiding")
    expect(signalen).to_contain_text("Coördinator verwittigd")

    switch(page, live_server, "hulpverlener@caw.demo", dossier_url)
    page.locator("#signalen").get_by_role("button", name="Aanvraag erkennen").click()
    expect(page.locator("#signalen")).to_contain_text("Erkend door de welzijnsorganisatie")

    overleg = open_form(page, "Casusoverleg registreren")
    overleg.get_by_label("Datum").fill(clock.vandaag().isoformat())
    overleg.get_by_label("Reden").select_option("signaal")
    overleg.get_by_label("Deelnemers (organisaties en personen)").fill("CAW: An; Woonboog: Tom")
    overleg.get_by_label("Gedeelde samenvatting").fill("Afbetalingsplan afgesproken")
    overleg.get_by_role("button", name="Casusoverleg registreren").click()
    expect(page.locator("#overleg")).to_contain_text("Afbetalingsplan afgesproken")

    actie = open_form(page, "Actiepunt toevoegen")
    actie.get_by_label("Actiepunt").fill("Budgetbegeleiding aanvragen")
    actie.get_by_label("Eigenaar").select_option(label="An Peeters (CAW De Kempen)")
    actie.get_by_label("Uiterlijk op").fill((clock.vandaag() + timedelta(days=7)).isoformat())
    actie.get_by_role("button", name="Actiepunt toevoegen").click()
    expect(page.locator("#overleg")).to_contain_text("Budgetbegeleiding aanvragen")

    page.get_by_role("link", name="Start").click()
    expect(page.locator("#mijn-actiepunten")).to_contain_text("Budgetbegeleiding aanvragen")
