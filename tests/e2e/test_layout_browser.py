"""On the road: every page a demo user reaches fits a phone (390 × 844) and a tablet
(768 × 1024) without sideways scrolling, its buttons, menu and form fields are touch targets of
at least 44 px, and axe-core finds no WCAG 2.1 A/AA violation on it (reflow, contrast, focus,
names). Screenshots of the main pages go to screenshots/ (ignored by git)."""
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.test_caseload_browser import log_in

GROOTTES = {"telefoon": (390, 844), "tablet": (768, 1024)}
GEBRUIKERS = ["hulpverlener@caw.demo", "huurbegeleider@woonboog.demo", "coordinator@caw.demo",
              "coordinator@regio.demo", "beheerder@regio.demo"]
MENU = ["Start", "Caseload", "Nieuwe toeleiding", "Mijn huurders", "Import", "Ranglijst",
        "Woningen", "Quota", "Organisaties", "Gemeenten", "Gebruikers", "Opvolging",
        "Monitoring", "Simulatie", "Totalen", "Regels"]
FOTO = {"/start", "/dossiers/", "/monitoring"}
MAP = Path(__file__).resolve().parents[2] / "screenshots"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

# Interactive elements that are a target on their own (links inside running text are not).
TE_KLEIN = """() => [...document.querySelectorAll(
  'button, summary, select, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), '
  + 'textarea, header nav a, .knop')]
  .filter(e => e.offsetParent !== null)
  .filter(e => e.getBoundingClientRect().height < 44)
  .map(e => e.outerHTML.slice(0, 80))"""


def _paginas(page, base) -> list[str]:
    """The pages of the menu, a dossier and the notifications, as this user reaches them."""
    page.get_by_text("Menu").click()
    links = [page.get_by_role("link", name=naam, exact=True) for naam in MENU]
    paden = [link.get_attribute("href") for link in links if link.count()]
    page.goto(base + "/dossiers/")
    dossier = re.search(r'href="(/dossiers/\d+)"', page.content())
    return paden + ["/meldingen"] + ([dossier.group(1)] if dossier else [])


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
            for v in Axe().run(page, options=WCAG).response["violations"]:
                fouten.append(f"{pad}: {v['id']} ({v['help']}): "
                              f"{[n['html'][:80] for n in v['nodes'][:2]]}")
            if pad in FOTO:
                MAP.mkdir(exist_ok=True)
                page.screenshot(path=MAP / f"{email.split('@')[0]}-{pad.strip('/') or 'start'}"
                                f"-{grootte}.png", full_page=True)
        assert not fouten, fouten
    finally:
        context.close()
