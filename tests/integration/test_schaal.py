"""Cost follows what a page shows, not what is stored: the dossier page and the tenants' list
read a fixed number of statements whatever the dossier's history or the number of tenants
(I-9.2: the view is still audited, with one insert)."""
from datetime import date

from sqlalchemy import select

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import AuditEvent
from caseflow.services import casusoverleg, privacy, signalen
from caseflow.services.huurders import mijn_huurders
from tests.builders import advance, fresh, login, new_dossier, tel_statements

# The dossier page's budget: one statement per kind of thing it shows, at most 15, for a
# kandidaat (its score explanation reads the settings and the region) as for a tenant.
PLAFOND = 15


def _toegewezen(world):
    d = new_dossier(world.hv, world.woonboog)
    advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen", "toewijzen",
            hv=world.hv, hb=world.hb)
    return fresh(d)


def _geschiedenis(world, d, n: int) -> None:
    """n notes, overleggen with an action item, and signalen: the history of a busy dossier."""
    for i in range(n):
        privacy.notitie_toevoegen(world.hv, d.id, fresh(d).version_id, f"Huisbezoek {i}",
                                  "gedeeld")
        o = casusoverleg.registreren(world.hv, d.id, fresh(d).version_id, clock.vandaag(),
                                     "periodiek", "CAW, Woonboog", f"Overleg {i}", None)
        casusoverleg.actiepunt_toevoegen(world.hv, d.id, fresh(d).version_id, o.id,
                                         f"Bellen {i}", world.hv.id, date(2099, 1, 1))
        signalen.melden(world.hb, d.id, fresh(d).version_id, "onderhoud", f"Lek {i}")


def test_I_9_2_the_dossier_page_reads_a_fixed_number_of_statements_whatever_its_history(
        client, world):
    d = _toegewezen(world)
    url = f"/dossiers/{d.id}"
    login(client, world.hv)

    def pagina():
        assert client.get(url).status_code == 200
    _geschiedenis(world, d, 1)
    pagina()  # warm
    een = tel_statements(pagina)
    _geschiedenis(world, d, 10)
    tien = tel_statements(pagina)
    assert tien == een <= PLAFOND
    bekeken = db.session.scalars(select(AuditEvent).where(
        AuditEvent.actie == "dossier_bekeken", AuditEvent.dossier_id == d.id)).all()
    assert len(bekeken) == 3  # every view is still recorded


def test_I_9_2_a_kandidaat_page_with_its_score_explanation_stays_within_the_budget(
        client, world):
    """R-4: the score explanation reads every setting and the region once, not per table."""
    d = new_dossier(world.hv, world.woonboog)
    advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen",
            hv=world.hv, hb=world.hb)
    url = f"/dossiers/{d.id}"
    login(client, world.hv)

    def pagina():
        r = client.get(url)
        assert r.status_code == 200 and "Score" in r.get_data(as_text=True)
    pagina()  # warm
    een = tel_statements(pagina)
    for i in range(10):
        privacy.notitie_toevoegen(world.hv, d.id, fresh(d).version_id, f"Gesprek {i}",
                                  "gedeeld")
    assert tel_statements(pagina) == een <= PLAFOND


def test_I_9_2_the_tenants_list_pages_and_reads_what_it_shows(world):
    eerste = _toegewezen(world)
    tweede = _toegewezen(world)
    pagina1 = mijn_huurders(world.hb, per_pagina=1)
    pagina2 = mijn_huurders(world.hb, pagina=2, per_pagina=1)
    assert pagina1.totaal == 2 and pagina1.paginas == 2
    assert {h.dossier.id for h in [*pagina1, *pagina2]} == {eerste.id, tweede.id}
    een = tel_statements(lambda: mijn_huurders(world.hb))
    _toegewezen(world)
    assert tel_statements(lambda: mijn_huurders(world.hb)) == een


def test_a_page_or_id_beyond_any_database_number_is_answered_never_a_500(client, world):
    """A hand-edited URL (?pagina=99999999999999999999) gets a page, not an overflow."""
    groot = "9" * 25
    login(client, world.coord_regio)
    for url in (f"/dossiers/?wie=alle&pagina={groot}", f"/opvolging?pagina={groot}",
                f"/dossiers/?wie=alle&hulpverlener={groot}&organisatie={groot}",
                f"/ranglijst?pagina={groot}"):
        assert client.get(url).status_code == 200, url
    client.post("/afmelden")
    login(client, world.hb)
    assert client.get(f"/huurders?pagina={groot}").status_code == 200
    client.post("/afmelden")
    login(client, world.beheerder)
    assert client.get(f"/beheer/gebruikers?pagina={groot}").status_code == 200


def test_R_4_6_the_ranking_reads_a_fixed_number_of_statements_whatever_the_candidates(
        client, world):
    """The ranking reads its candidates' score inputs as columns in one query: ten times the
    candidates, the same statements (the page and its audit insert)."""
    def kandidaten(n: int) -> None:
        for _ in range(n):
            d = new_dossier(world.hv, world.woonboog)
            advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen",
                    hv=world.hv, hb=world.hb)

    login(client, world.hb)

    def pagina():
        assert client.get("/ranglijst").status_code == 200
    kandidaten(2)
    pagina()  # warm
    twee = tel_statements(pagina)
    kandidaten(18)
    assert tel_statements(pagina) == twee


def test_I_9_2_the_tenants_list_counts_up_to_its_limit_and_says_there_are_more(
        client, world, monkeypatch):
    """As the caseload: a woonmaatschappij with thousands of tenants is told 'meer dan', and a
    search narrows it down (its count exact again)."""
    from caseflow.services import paginering

    monkeypatch.setattr(paginering, "TELLEN_TOT", 2)
    dossiers = [_toegewezen(world) for _ in range(3)]
    lijst = mijn_huurders(world.hb, per_pagina=1)
    assert (lijst.totaal, lijst.meer, lijst.paginas) == (2, True, 2)
    gezocht = mijn_huurders(world.hb, zoek=dossiers[0].nummer)
    assert (gezocht.totaal, gezocht.meer) == (1, False)
    login(client, world.hb)
    assert "Meer dan 2 huurders" in client.get("/huurders").get_data(as_text=True)
