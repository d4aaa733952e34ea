"""Every form, as every role finds it, filled with values outside every range: dates in year 1
and 9999, ids beyond 2^63, 200 000-character strings and blank selects. Each is answered with
a Dutch message or a 4xx, never a 500, and nothing is saved (the house rule behind I-9.2:
nothing half-saved)."""
from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from sqlalchemy import func, select

from caseflow.extensions import db
from caseflow.models import Gebruiker
from caseflow.services import demo
from tests.builders import login

WACHTWOORD = "Fuzz-wachtwoord-2026"
WAARDEN = {
    "jaar 1": "0001-01-01",
    "jaar 9999": "31/12/9999",
    "id buiten bereik": "9223372036854775808",
    "200 000 tekens": "x" * 200_000,
    "leeg": "",
}
ROLLEN = ["hulpverlener@caw.demo", "huurbegeleider@woonboog.demo", "coordinator@caw.demo",
          "coordinator@regio.demo", "beheerder@regio.demo"]
NIET_VOLGEN = ("/afmelden", "/static/", ".csv", ".xlsx", "download", "/score")
ZONDER_VELDEN = {"csrf_token"}
MAX_PAGINAS = 60
PER_SOORT = 4
# A count of rows and versions shows any write; the audit trail and the sessions grow by
# design (views, logins).
GROEIT_VANZELF = {"audit_event", "sessie", "scheduler_lease"}


class Formulieren(HTMLParser):
    """The POST forms of a page with their field names, and the page's links."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, set[str]]] = []
        self.links: list[str] = []
        self._open: tuple[str, set[str]] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form" and (a.get("method") or "").lower() == "post":
            self._open = (a.get("action") or "", set())
            self.forms.append(self._open)
        elif tag in ("input", "select", "textarea") and self._open and a.get("name"):
            if a.get("type") not in ("submit", "button"):
                self._open[1].add(a["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None


def vingerafdruk() -> dict[str, tuple]:
    """Rows and the sum of versions of every table that a person's save changes."""
    uitkomst = {}
    for tabel in db.metadata.sorted_tables:
        if tabel.name in GROEIT_VANZELF:
            continue
        kolommen = [func.count()]
        if "version_id" in tabel.c:
            kolommen.append(func.coalesce(func.sum(tabel.c.version_id), 0))
        uitkomst[tabel.name] = tuple(db.session.execute(select(*kolommen).select_from(tabel))
                                     .one())
    return uitkomst


def formulieren_van(client) -> dict[tuple, str]:
    """Crawl from the start page (at most PER_SOORT pages of one route, e.g. /dossiers/N):
    every POST form once, by action and fields."""
    gezien, te_doen, forms, soorten = set(), ["/"], {}, Counter()
    while te_doen and len(gezien) < MAX_PAGINAS:
        pad = te_doen.pop(0)
        soort = re.sub(r"\d+", "N", pad)
        if pad in gezien or soorten[soort] >= PER_SOORT:
            continue
        gezien.add(pad)
        soorten[soort] += 1
        response = client.get(pad, follow_redirects=True)
        assert response.status_code < 500, pad
        if "text/html" not in response.content_type:
            continue
        parser = Formulieren()
        parser.feed(response.get_data(as_text=True))
        for actie, velden in parser.forms:
            doel = urljoin(pad, actie) if actie else pad
            if "/afmelden" not in doel and velden - ZONDER_VELDEN:
                forms.setdefault((urlsplit(doel).path, frozenset(velden)), pad)
        for link in parser.links:
            delen = urlsplit(urljoin(pad, link))
            if delen.netloc in ("", "caseflow.test") and not any(
                    n in delen.path for n in NIET_VOLGEN):
                te_doen.append(delen.path)
    return forms


@pytest.fixture
def demo_wereld(app):
    demo.laad(WACHTWOORD, [("toeleiding", 2), ("attest", 2), ("kandidaat", 2),
                           ("toegewezen", 2), ("begeleiding", 2), ("aanklampend", 2),
                           ("afgesloten", 1)])
    db.session.commit()


@pytest.mark.parametrize("email", ROLLEN)
def test_every_form_refuses_values_outside_every_range_and_saves_nothing(client, demo_wereld,
                                                                        email):
    g = db.session.scalars(select(Gebruiker).where(Gebruiker.email == email)).one()
    assert login(client, g, WACHTWOORD).status_code == 302
    forms = formulieren_van(client)
    assert forms, "geen formulieren gevonden"
    voor = vingerafdruk()
    for (actie, velden), pagina in sorted(forms.items()):
        for naam, waarde in WAARDEN.items():
            data = {veld: waarde for veld in velden if veld not in ZONDER_VELDEN}
            response = client.post(actie, data=data)
            wat = f"{actie} (van {pagina}) met {naam}"
            assert response.status_code != 500, wat
            if response.status_code in (302, 303):  # a list page answers with a flash
                response = client.get(response.headers["Location"])
                assert "flash-fout" in response.get_data(as_text=True), wat
            else:
                assert 400 <= response.status_code < 500, f"{wat}: {response.status_code}"
    assert vingerafdruk() == voor
