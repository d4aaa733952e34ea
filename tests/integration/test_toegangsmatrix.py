"""R-9.1, I-9.2, ASVS 4.1: one access policy, proven complete. Every route of the app has a
line in the matrix below: per role (and anonymous), the answer for a dossier of the user's own
organisation and for a foreign one. The test walks the app's url_map, so a new route without a
line fails; each cell is asked of the running app on both databases."""
import pytest
from sqlalchemy import select

from caseflow.extensions import db
from caseflow.models import Gemeente, Sessie
from caseflow.services import casusoverleg, rechten, signalen
from tests.builders import advance, fresh, login, new_dossier

ROLLEN = ("anoniem", "hv", "hb", "coord", "coord_regio", "beheerder")

# (method, url with {placeholders}) -> the status per role, in the order of ROLLEN. {d} is a
# dossier of CAW De Kempen allocated by Woonboog (the hulpverlener's, the huurbegeleider's);
# {v} a dossier of OCMW Geel at LeefGoed that only the regional coördinator may read. POSTs go
# without form data: a role that may act gets the form's answer (302, 409, 422), one that may
# not gets 403 or 404 (404: the dossier is not in its scope, whether it exists or not). {g} is
# the hulpverlener, {g2} a colleague (removing two factors ends their sessions, not a role's).
MATRIX: dict[tuple[str, str], tuple[int, ...]] = {
    # (method, url): anoniem, hv, hb, coord, coord_regio, beheerder
    ('GET', '/'): (302, 302, 302, 302, 302, 302),
    ('GET', '/aanmelden'): (200, 302, 302, 302, 302, 302),
    ('GET', '/account'): (302, 200, 200, 200, 200, 200),
    ('GET', '/account/tweestaps'): (302, 200, 200, 302, 302, 302),
    ('GET', '/aanmelden/code'): (302, 302, 302, 302, 302, 302),
    ('GET', '/aanmelden/tweestaps'): (302, 302, 302, 302, 302, 302),
    ('GET', '/wachtwoord-vergeten'): (200, 200, 200, 200, 200, 200),
    ('GET', '/wachtwoord/kiezen'): (410, 410, 410, 410, 410, 410),
    ('GET', '/wachtwoord/{token}'): (302, 302, 302, 302, 302, 302),
    ('GET', '/beheer/gebruikers'): (302, 403, 403, 403, 403, 200),
    ('GET', '/beheer/gebruikers/nieuw'): (302, 403, 403, 403, 403, 200),
    ('GET', '/beheer/gebruikers/{g}'): (302, 403, 403, 403, 403, 200),
    ('GET', '/beheer/gemeenten'): (302, 403, 403, 403, 403, 200),
    ('GET', '/beheer/gemeenten/{gem}'): (302, 403, 403, 403, 403, 200),
    ('GET', '/beheer/organisaties'): (302, 403, 403, 403, 403, 200),
    ('GET', '/beheer/organisaties/nieuw'): (302, 403, 403, 403, 403, 200),
    ('GET', '/beheer/organisaties/{org}'): (302, 403, 403, 403, 403, 200),
    ('GET', '/dossiers/'): (302, 200, 200, 200, 200, 403),
    ('GET', '/dossiers/nieuw'): (302, 200, 200, 403, 403, 403),
    ('GET', '/dossiers/{d}'): (302, 200, 200, 200, 200, 404),
    ('GET', '/dossiers/{d}/attest'): (302, 200, 403, 403, 403, 404),
    ('GET', '/dossiers/{d}/audit'): (302, 403, 403, 200, 200, 404),
    ('GET', '/dossiers/{d}/bewerken'): (302, 200, 403, 403, 403, 404),
    ('GET', '/dossiers/{d}/inzage'): (302, 200, 403, 403, 403, 404),
    ('GET', '/dossiers/{d}/inzage.json'): (302, 200, 403, 403, 403, 404),
    ('GET', '/dossiers/{d}/rechten'): (302, 200, 403, 403, 403, 404),
    ('GET', '/dossiers/{v}/rechten'): (302, 404, 404, 404, 403, 404),
    ('GET', '/dossiers/{d}/score'): (302, 404, 404, 404, 404, 404),
    ('GET', '/dossiers/{v}'): (302, 404, 404, 404, 200, 404),
    ('GET', '/dossiers/{v}/attest'): (302, 404, 404, 404, 403, 404),
    ('GET', '/dossiers/{v}/audit'): (302, 404, 404, 404, 200, 404),
    ('GET', '/dossiers/{v}/bewerken'): (302, 404, 404, 404, 403, 404),
    ('GET', '/dossiers/{v}/inzage'): (302, 404, 404, 404, 403, 404),
    ('GET', '/huurders'): (302, 403, 200, 403, 403, 403),
    ('GET', '/instellingen/'): (302, 403, 403, 200, 200, 200),
    ('GET', '/meldingen'): (302, 200, 200, 200, 200, 200),
    ('GET', '/monitoring'): (302, 403, 403, 200, 200, 403),
    ('GET', '/monitoring/pijler2.csv'): (302, 403, 403, 200, 200, 403),
    ('GET', '/monitoring/rapport.pdf'): (302, 403, 403, 200, 200, 403),
    ('GET', '/opvolging'): (302, 403, 403, 200, 200, 403),
    ('GET', '/opvolging/{d}/herverdelen'): (302, 403, 403, 200, 200, 404),
    ('GET', '/opvolging/{v}/herverdelen'): (302, 404, 404, 404, 200, 404),
    ('GET', '/quota'): (302, 403, 200, 200, 200, 403),
    ('GET', '/ranglijst'): (302, 403, 200, 403, 200, 403),
    ('GET', '/signalen/import'): (302, 403, 200, 403, 403, 403),
    ('GET', '/signalen/import/voorbeeld.csv'): (302, 403, 200, 403, 403, 403),
    ('GET', '/simulatie/'): (302, 403, 403, 200, 200, 403),
    ('GET', '/simulatie/voorbeeld.csv'): (302, 403, 403, 200, 200, 403),
    ('GET', '/start'): (302, 200, 200, 200, 200, 403),
    ('GET', '/toewijzingstotalen'): (302, 403, 200, 403, 403, 403),
    ('GET', '/woningen'): (302, 403, 200, 403, 200, 403),
    ('GET', '/woningen/nieuw'): (302, 403, 200, 403, 403, 403),
    ('GET', '/woningen/{w}'): (302, 404, 200, 404, 200, 404),
    ('POST', '/aanmelden'): (422, 302, 302, 302, 302, 302),
    ('POST', '/afmelden'): (302, 302, 302, 302, 302, 302),
    ('POST', '/beheer/gebruikers/nieuw'): (302, 403, 403, 403, 403, 422),
    ('POST', '/beheer/gebruikers/{g}'): (302, 403, 403, 403, 403, 422),
    ('POST', '/beheer/gebruikers/{g}/ontgrendelen'): (302, 403, 403, 403, 403, 302),
    ('POST', '/beheer/gebruikers/{g}/link'): (302, 403, 403, 403, 403, 302),
    ('POST', '/beheer/gebruikers/{g2}/tweestaps'): (302, 403, 403, 403, 403, 302),
    ('POST', '/opvolging/ontgrendelen/{g}'): (302, 403, 403, 302, 403, 302),
    ('POST', '/dossiers/{d}/rechten'): (302, 422, 403, 403, 403, 404),
    ('POST', '/dossiers/{d}/rechten/{rv}'): (302, 422, 403, 403, 403, 404),
    ('POST', '/dossiers/{v}/rechten/{rv}'): (302, 404, 404, 404, 403, 404),
    ('POST', '/account'): (302, 422, 422, 422, 422, 422),
    ('POST', '/account/tweestaps'): (302, 422, 422, 302, 302, 302),
    ('POST', '/account/tweestaps/herstelcodes'): (302, 302, 302, 302, 302, 302),
    ('POST', '/account/tweestaps/uitschakelen'): (302, 302, 302, 403, 403, 403),
    ('POST', '/aanmelden/code'): (302, 302, 302, 302, 302, 302),
    ('POST', '/aanmelden/tweestaps'): (302, 302, 302, 302, 302, 302),
    ('POST', '/account/sessies/andere-beeindigen'): (302, 302, 302, 302, 302, 302),
    ('POST', '/account/sessies/{sessie}/beeindigen'): (302, 403, 403, 403, 403, 403),
    ('POST', '/wachtwoord-vergeten'): (422, 422, 422, 422, 422, 422),
    ('POST', '/wachtwoord/kiezen'): (410, 410, 410, 410, 410, 410),
    ('POST', '/beheer/gemeenten/{gem}'): (302, 403, 403, 403, 403, 302),
    ('POST', '/beheer/organisaties/nieuw'): (302, 403, 403, 403, 403, 422),
    ('POST', '/beheer/organisaties/{org}'): (302, 403, 403, 403, 403, 422),
    ('POST', '/beheer/organisaties/{org}/overeenkomsten'): (302, 403, 403, 403, 403, 422),
    ('POST', '/dossiers/nieuw'): (302, 422, 422, 403, 403, 403),
    ('POST', '/dossiers/{d}/actie/afsluiten'): (302, 422, 403, 422, 422, 404),
    ('POST', '/dossiers/{d}/actiepunt/{ap}/gedaan'): (302, 302, 403, 302, 403, 404),
    ('POST', '/dossiers/{d}/attest'): (302, 409, 403, 403, 403, 404),
    ('POST', '/dossiers/{d}/bewerken'): (302, 422, 403, 403, 403, 404),
    ('POST', '/dossiers/{d}/formulier/notitie'): (302, 422, 422, 422, 422, 404),
    ('POST', '/dossiers/{d}/overleg/{ov}/actiepunt'): (302, 422, 422, 422, 422, 404),
    ('POST', '/dossiers/{d}/signalen/{sg}/erkennen'): (302, 409, 403, 403, 403, 404),
    ('POST', '/dossiers/{v}/actie/afsluiten'): (302, 404, 404, 404, 422, 404),
    ('POST', '/dossiers/{v}/formulier/notitie'): (302, 404, 404, 404, 422, 404),
    ('POST', '/instellingen/leefloon'): (302, 403, 403, 403, 403, 422),
    ('POST', '/meldingen'): (302, 422, 422, 422, 422, 422),
    ('POST', '/meldingen/{d}/gelezen'): (302, 404, 404, 404, 404, 404),
    ('POST', '/opvolging/beoordelen'): (302, 403, 403, 400, 400, 403),
    ('POST', '/opvolging/{d}/herverdelen'): (302, 403, 403, 422, 422, 404),
    ('POST', '/signalen/import'): (302, 403, 422, 403, 403, 403),
    ('POST', '/simulatie/'): (302, 403, 403, 422, 422, 403),
    ('POST', '/toewijzingstotalen'): (302, 403, 422, 403, 403, 403),
    ('POST', '/voorstellen/{vs}/aanvaarden'): (302, 403, 409, 403, 403, 403),
    ('POST', '/voorstellen/{vs}/weigeren'): (302, 403, 422, 403, 403, 403),
    ('POST', '/woningen/nieuw'): (302, 403, 422, 403, 403, 403),
    ('POST', '/woningen/{w}/voorstel'): (302, 403, 400, 403, 403, 403),
}


@pytest.fixture
def objecten(app, world):
    d = new_dossier(world.hv, world.woonboog, achternaam="Eigen")
    advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen", "toewijzen",
            hv=world.hv, hb=world.hb)
    d = fresh(d)
    v = new_dossier(world.hv_ocmw, world.leefgoed, achternaam="Vreemd")
    overleg = casusoverleg.registreren(world.hv, d.id, fresh(d).version_id, d.toewijzing.datum,
                                       "periodiek", "CAW, Woonboog", "Overleg", None)
    casusoverleg.actiepunt_toevoegen(world.hv, d.id, fresh(d).version_id, overleg.id, "Bellen",
                                     world.hv.id, d.toewijzing.datum)
    sg = signalen.melden(world.hb, d.id, fresh(d).version_id, "onderhoud", "Lek")
    login(app.test_client(), world.hv2)  # a session of someone else's
    rv = rechten.registreren(world.hv, d.id, "rectificatie", d.toewijzing.datum, "Adres fout")
    return {"token": "geen-geldige-link", "sessie": db.session.scalar(select(Sessie.id)),
            "rv": rv.id, "g2": world.hv2.id,
            "d": d.id, "v": v.id, "ov": overleg.id, "ap": _actiepunt(overleg.id),
            "sg": sg.id, "w": d.toewijzing.woning_id, "vs": _voorstel(d), "g": world.hv.id,
            "org": world.caw.id, "gem": db.session.scalar(select(Gemeente.id).limit(1))}


def _actiepunt(overleg_id: int) -> int:
    from caseflow.models import Actiepunt

    return db.session.scalar(select(Actiepunt.id).where(Actiepunt.casusoverleg_id == overleg_id))


def _voorstel(d) -> int:
    from caseflow.models import Voorstel

    return db.session.scalar(select(Voorstel.id).where(Voorstel.dossier_id == d.id))


def _urls(app) -> set[tuple[str, str]]:
    return {(m, r.rule) for r in app.url_map.iter_rules() if r.endpoint != "static"
            for m in r.methods - {"HEAD", "OPTIONS"}}


VOORBEELD = {k: 1 for k in ("d", "v", "ov", "ap", "sg", "w", "vs", "g", "org", "gem", "sessie",
                             "rv", "g2")}
VOORBEELD["token"] = "abc"


def _zonder_regel(app) -> list[tuple[str, str]]:
    adapter = app.url_map.bind("localhost")
    gedekt = {(m, adapter.match(url.format(**VOORBEELD), method=m, return_rule=True)[0].rule)
              for m, url in MATRIX}
    return sorted(_urls(app) - gedekt)


def test_every_route_has_a_line_in_the_matrix(app):
    assert not _zonder_regel(app), "routes zonder regel in de toegangsmatrix"


def test_a_new_route_without_a_line_fails_the_matrix(app):
    app.add_url_rule("/nieuw-zonder-regel", "nieuw_zonder_regel", lambda: "geheim")
    assert _zonder_regel(app) == [("GET", "/nieuw-zonder-regel")]


def test_each_cell_answers_as_the_matrix_says(app, client, world, objecten):
    clients: dict = {}
    uitkomst = {}
    for methode, url in sorted(MATRIX):
        uitkomst[(methode, url)] = tuple(_vraag(app, clients, world, rol, methode,
                                                url.format(**objecten)) for rol in ROLLEN)
    verschil = {k: (MATRIX[k], v) for k, v in uitkomst.items() if MATRIX.get(k) != v}
    assert not verschil, verschil


def _vraag(app, clients: dict, world, rol: str, methode: str, url: str) -> int:
    """The answer to one role, each role in a client of its own, logged in once (again after
    it logged out)."""
    if rol not in clients:
        clients[rol] = app.test_client()
        if rol != "anoniem":
            login(clients[rol], getattr(world, rol))
    r = clients[rol].open(url, method=methode, data={})
    if url == "/afmelden":
        del clients[rol]
    return r.status_code
