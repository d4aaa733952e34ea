"""On the road: every page a demo user reaches fits a phone (390 × 844) and a tablet
(768 × 1024) without sideways scrolling, its buttons, menu and form fields are touch targets of
at least 44 px, and axe-core finds no WCAG 2.1 A/AA violation on it (reflow, contrast, focus,
names). Screenshots of the start page, caseload, a dossier page and monitoring go to
screenshots/ (ignored by git) at phone, tablet and desktop size."""
import itertools
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e.test_caseload_browser import log_in

GROOTTES = {"telefoon": (390, 844), "tablet": (768, 1024)}
GEBRUIKERS = ["hulpverlener@caw.demo", "huurbegeleider@woonboog.demo", "coordinator@caw.demo",
              "coordinator@regio.demo", "beheerder@regio.demo"]
MENU = ["Start", "Caseload", "Nieuwe toeleiding", "Mijn huurders", "Import", "Ranglijst",
        "Woningen", "Quota", "Organisaties", "Gemeenten", "Gebruikers", "Opvolging",
        "Monitoring", "Simulatie", "Totalen", "Regels"]
FOTO = {"/start": "start", "/dossiers/": "dossiers", "/monitoring": "monitoring"}
BUREAU = (1280, 800)
MAP = Path(__file__).resolve().parents[2] / "screenshots"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

# Interactive elements that are a target on their own (links inside running text are not).
TE_KLEIN = """() => [...document.querySelectorAll(
  'button, summary, select, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), '
  + 'textarea, header nav a, .knop')]
  .filter(e => e.offsetParent !== null)
  .filter(e => e.getBoundingClientRect().height < 44)
  .map(e => e.outerHTML.slice(0, 80))"""

# Chart text is 16 units in a viewBox; drawn smaller than 12 px it is too small to read.
KLEINE_GRAFIEK = """() => [...document.querySelectorAll('svg.grafiek')]
  .map(s => 16 * s.getBoundingClientRect().width / s.viewBox.baseVal.width)
  .filter(px => px < 12).map(px => px.toFixed(1) + ' px')"""


def _paginas(page, base) -> list[str]:
    """The pages of the menu, a dossier and the notifications, as this user reaches them."""
    page.get_by_text("Menu").click()
    links = [page.get_by_role("link", name=naam, exact=True) for naam in MENU]
    paden = [link.get_attribute("href") for link in links if link.count()]
    page.goto(base + "/dossiers/")
    dossier = re.search(r'href="(/dossiers/\d+)"', page.content())
    return paden + ["/meldingen"] + ([dossier.group(1)] if dossier else [])


def _foto(page, email: str, pad: str, grootte: str) -> None:
    """A full-page screenshot of the start page, caseload, a dossier page or monitoring."""
    naam = "dossier" if re.fullmatch(r"/dossiers/\d+", pad) else FOTO.get(pad)
    if naam:
        MAP.mkdir(exist_ok=True)
        page.screenshot(path=MAP / f"{email.split('@')[0]}-{naam}-{grootte}.png",
                        full_page=True)


def test_the_main_pages_on_a_desktop(browser, live_server):
    """The same pages at desktop size (1280 × 800): nothing scrolls sideways, axe-core finds
    nothing, and their screenshots complete the set of three sizes."""
    email = "coordinator@caw.demo"
    context = browser.new_context(locale="nl-BE", viewport={"width": BUREAU[0],
                                                            "height": BUREAU[1]})
    page = context.new_page()
    try:
        log_in(page, live_server, email)
        page.goto(live_server + "/dossiers/")
        dossier = re.search(r'href="(/dossiers/\d+)"', page.content()).group(1)
        fouten = []
        for pad in ["/start", "/dossiers/", dossier, "/monitoring"]:
            assert page.goto(live_server + pad).status == 200, pad
            if page.evaluate("document.documentElement.scrollWidth") > BUREAU[0]:
                fouten.append(f"{pad}: breder dan het scherm")
            fouten += [f"{pad}: grafiektekst {px}" for px in page.evaluate(KLEINE_GRAFIEK)]
            fouten += [f"{pad}: {v['id']}" for v in
                       Axe().run(page, options=WCAG).response["violations"]]
            _foto(page, email, pad, "bureau")
        assert not fouten, fouten
        assert len(list(MAP.glob("coordinator-*-bureau.png"))) == 4
    finally:
        context.close()


@pytest.mark.parametrize("grootte", list(GROOTTES))
@pytest.mark.parametrize("email", GEBRUIKERS)
def test_every_page_fits_the_screen_and_its_targets_are_44px(browser, live_server, email,
                                                             grootte):
    breedte, hoogte = GROOTTES[grootte]
    context = browser.new_context(locale="nl-BE", viewport={"width": breedte, "height": hoogte})
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        log_in(page, live_server, email)
        fouten = []
        for pad in _paginas(page, live_server):
            antwoord = page.goto(live_server + pad)
            assert antwoord.status < 500, pad
            breed = page.evaluate("document.documentElement.scrollWidth")
            if breed > breedte:
                fouten.append(f"{pad}: {breed} px breed")
            if klein := page.evaluate(TE_KLEIN):
                fouten.append(f"{pad}: kleiner dan 44 px: {klein[:3]}")
            if klein := page.evaluate(KLEINE_GRAFIEK):
                fouten.append(f"{pad}: grafiektekst {klein}")
            for v in Axe().run(page, options=WCAG).response["violations"]:
                fouten.append(f"{pad}: {v['id']} ({v['help']}): "
                              f"{[n['html'][:80] for n in v['nodes'][:2]]}")
            _foto(page, email, pad, grootte)
        assert not fouten, fouten
    finally:
        context.close()


@pytest.mark.parametrize(("email", "pad", "kolommen"), [
    ("hulpverlener@caw.demo", "/dossiers/", 7), ("huurbegeleider@woonboog.demo", "/huurders", 8),
    ("hulpverlener@caw.demo", "/start", 3), ("huurbegeleider@woonboog.demo", "/start", 3),
    ("coordinator@caw.demo", "/monitoring", 6)])
def test_a_list_on_a_phone_shows_each_dossier_as_a_card(browser, live_server, email, pad,
                                                        kolommen):
    """On the road (390 px) a row of the caseload, of Mijn huurders, of what waits on the
    start page or of a monitoring table reads top to bottom, every value on the screen under
    its column's name, where the table hid the columns beyond the edge (the start page's
    dates); the caseload still sorts, its column links buttons above the cards."""
    context = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        log_in(page, live_server, email)
        page.goto(live_server + pad)
        rij = page.locator("table.kaarten tbody tr").first
        cellen = [rij.locator("td").nth(i) for i in range(rij.locator("td").count())]
        vakken = [c.bounding_box() for c in cellen]
        assert len(vakken) == kolommen
        for cel, vak in zip(cellen, vakken, strict=True):
            assert 0 <= vak["x"] and vak["x"] + vak["width"] <= 390, cel.inner_html()[:80]
            assert cel.evaluate("td => getComputedStyle(td, '::before').content") == \
                '"' + cel.get_attribute("data-label") + '"'
        assert all(a["y"] < b["y"] for a, b in itertools.pairwise(vakken))  # one under another
        if pad == "/dossiers/":
            link = page.locator("table.kaarten thead").get_by_role("link", name="Kandidaat")
            assert link.bounding_box()["height"] >= 44
            link.click()
            expect(page).to_have_url(re.compile(r"sorteer=naam"))
            page.wait_for_load_state("load")  # measured before its stylesheet, a page is wide
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_the_page_links_of_a_long_list_are_44px_on_a_phone(browser, live_server, monkeypatch):
    """On the road (390 px) "Vorige" and "Volgende" under a paged list are targets a thumb
    can hit (44 px), as every other link of the menu and button is."""
    from caseflow.services import paginering

    monkeypatch.setattr(paginering, "PER_PAGINA", 2)
    context = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        log_in(page, live_server, "beheerder@regio.demo")
        page.goto(live_server + "/beheer/gebruikers?pagina=2")
        for naam in ("« Vorige", "Volgende »"):
            link = page.locator("nav.paginering").get_by_role("link", name=naam)
            assert link.bounding_box()["height"] >= 44, naam
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
