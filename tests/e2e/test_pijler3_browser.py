"""In the browser: a pijler 3 Housing First dossier from referral through toewijzing,
and a begeleidingsovereenkomst extended by agreement of both parties (R-5.2, R-6.2)."""
import re
from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from playwright.sync_api import expect

from caseflow import clock
from tests.e2e.test_caseload_browser import log_in

pytestmark = pytest.mark.e2e


def open_form(page, summary):
    details = page.locator("details.actie", has=page.locator("summary", has_text=summary))
    details.locator("summary").click()
    return details


def switch(page, base, email, dossier_url):
    page.get_by_role("button", name="Afmelden").click()
    log_in(page, base, email)
    page.goto(dossier_url)


def test_housing_first_from_referral_to_an_extended_agreement(page, live_server):
    vandaag = clock.vandaag()
    log_in(page, live_server, "hulpverlener@caw.demo")
    page.get_by_role("link", name="Nieuwe toeleiding").first.click()
    page.get_by_label("Voornaam").fill("Hanne")
    page.get_by_label("Achternaam").fill("Housingfirst")
    page.get_by_label("Geboortedatum").fill("1979-04-12")
    page.get_by_label("Rijksregisternummer").fill("79.04.12-057.09")
    page.get_by_label("Beschikbaar maandinkomen van het huishouden").fill("1.100,00")
    page.get_by_label("Gemeente (woonplaats)").select_option(label="Turnhout")
    page.get_by_label("Woonmaatschappij").select_option(label="Woonboog")
    page.get_by_label("CIR-inschrijvingsdatum").fill("2024-03-18")
    page.get_by_label("CIR-nummer").fill("CIR-4242")
    page.get_by_label("Pijler").select_option("3")
    page.get_by_label("Huishouden", exact=True).select_option("alleenstaande")
    page.get_by_label("Actuele woonnood (R-4.1)").select_option("geen_opvang")
    page.get_by_role("button", name="Dossier aanmaken").click()
    expect(page.locator(".flash-succes")).to_contain_text("is aangemaakt")
    dossier_url = page.url

    adres = open_form(page, "Adres toevoegen")
    adres.get_by_label("Gemeente").select_option(label="Turnhout")
    adres.get_by_label("Van").fill("2012-01-01")
    adres.get_by_role("button", name="Adres toevoegen").click()
    toeleiding = open_form(page, "Pijler 3-toeleiding registreren")
    toeleiding.get_by_label("Doelgroep (R-5.2)").select_option("housing_first")
    toeleiding.get_by_label("Dakloos sinds (Housing First)").fill(
        (vandaag - timedelta(days=600)).isoformat())
    toeleiding.get_by_label("Verslavingsproblematiek (Housing First)").check()
    toeleiding.get_by_role("button", name="Pijler 3-toeleiding registreren").click()
    expect(page.locator("#pijler3")).to_contain_text("Toegeleid als Housing First")

    open_form(page, "Attest voorbereiden").get_by_role("button", name="Attest voorbereiden").click()
    page.get_by_role("link", name="Attest uitreiken").click()
    page.get_by_label("Bevoegd OCMW (gemeente)").select_option(label="Turnhout")
    page.get_by_label("Verificatie bevoegd OCMW").select_option("geverifieerd")
    page.get_by_label("Private huurmarkt (laatste 3 maanden)").select_option("billijkheidsredenen")
    page.get_by_label("Motivering").fill("Dakloos, geen inkomen uit arbeid.")
    page.get_by_label("De persoon is doorstroomklaar (R-3.2.3)").check()
    page.get_by_label(re.compile("Wij engageren ons")).check()
    page.get_by_label("Begeleiding kan worden aangeboden in").select_option("gemeente")
    page.get_by_role("button", name="Attest uitreiken").click()
    expect(page.locator("#fase")).to_have_text("Kandidaat (attest uitgereikt)")

    switch(page, live_server, "huurbegeleider@woonboog.demo", dossier_url)
    page.get_by_role("button", name="Attest bevestigen (R-3.3)").click()
    toewijzen = open_form(page, "Woning toewijzen")
    toewijzen.get_by_label("Datum toewijzing").fill(vandaag.isoformat())
    toewijzen.get_by_label("Gemeente van de woning").select_option(label="Turnhout")
    toewijzen.get_by_label("Adres van de woning").fill("Begijnenstraat 7")
    toewijzen.get_by_role("button", name="Woning toewijzen").click()
    expect(page.locator("#fase")).to_have_text("Toegewezen")
    voorstel = open_form(page, "Begeleidingsovereenkomst voorstellen")
    voorstel.get_by_label("Datum").fill(vandaag.isoformat())
    voorstel.get_by_role("button", name="Begeleidingsovereenkomst voorstellen").click()
    expect(page.locator("#overeenkomst")).to_contain_text("Voorgesteld")

    switch(page, live_server, "hulpverlener@caw.demo", dossier_url)
    beslis = open_form(page, "Beslissen over het voorstel")
    beslis.get_by_label("Beslissing").select_option("aanvaarden")
    beslis.get_by_role("button", name="Beslissen over het voorstel").click()
    expect(page.locator("#fase")).to_have_text("Begeleiding")
    nieuwe_einde = vandaag + relativedelta(years=1) + timedelta(days=182)
    wijziging = open_form(page, "Verlenging of verkorting voorstellen")
    wijziging.get_by_label("Voorstel").select_option("verlengen")
    wijziging.get_by_label("Nieuwe einddatum").fill(nieuwe_einde.isoformat())
    wijziging.get_by_label("Waarom?").fill("Budgetbegeleiding loopt nog")
    wijziging.get_by_role("button", name="Verlenging of verkorting voorstellen").click()

    switch(page, live_server, "huurbegeleider@woonboog.demo", dossier_url)
    beslis = open_form(page, "Beslissen over het voorstel")
    beslis.get_by_label("Beslissing").select_option("aanvaarden")
    beslis.get_by_role("button", name="Beslissen over het voorstel").click()
    expect(page.locator("#overeenkomst")).to_contain_text(
        f"tot {nieuwe_einde:%d/%m/%Y}.")
    expect(page.locator("#overeenkomst")).to_contain_text("Verlengen")
