"""The one access policy: every role against a dossier of its own and of
another organisation; outside the scope the answer is 404, never the data."""
import pytest
from sqlalchemy import select

from caseflow.extensions import db
from caseflow.models import AuditEvent
from tests.builders import advance, login, new_dossier


@pytest.fixture
def dossiers(world):
    """A CAW dossier for Woonboog in toeleiding and one as kandidaat; an OCMW one for LeefGoed."""
    caw_toeleiding = new_dossier(world.hv, world.woonboog, achternaam="Toeleiding")
    caw_kandidaat = new_dossier(world.hv, world.woonboog, achternaam="Kandidaat")
    advance(caw_kandidaat, "attest_voorbereiden", "attest_uitreiken", hv=world.hv, hb=world.hb)
    ocmw = new_dossier(world.hv_ocmw, world.leefgoed, achternaam="Ocmw",
                       gemeente_id=caw_kandidaat.gemeente_id)
    advance(ocmw, "attest_voorbereiden", "attest_uitreiken", hv=world.hv_ocmw,
            hb=world.hb_leefgoed)
    return {"caw_toeleiding": caw_toeleiding.id, "caw_kandidaat": caw_kandidaat.id,
            "ocmw": ocmw.id}


# role -> the dossiers it must see; all others answer 404.
SCOPE = {
    "hv": {"caw_toeleiding", "caw_kandidaat"},
    "hv2": {"caw_toeleiding", "caw_kandidaat"},  # colleague in the same organisation
    "hv_ocmw": {"ocmw"},
    "hb": {"caw_kandidaat"},  # Woonboog: only from kandidaat on
    "hb_leefgoed": {"ocmw"},
    "coord": {"caw_toeleiding", "caw_kandidaat"},
    "coord_ocmw": {"ocmw"},
    "coord_regio": {"caw_toeleiding", "caw_kandidaat", "ocmw"},
    "beheerder": set(),  # manages users and organisations, reads no dossier content
}


@pytest.mark.parametrize("rol", list(SCOPE))
def test_dossier_page_own_scope_200_other_404(client, world, dossiers, rol):
    who = getattr(world, rol)
    login(client, who)
    for key, dossier_id in dossiers.items():
        response = client.get(f"/dossiers/{dossier_id}")
        if key in SCOPE[rol]:
            assert response.status_code == 200, (rol, key)
        else:
            assert response.status_code == 404, (rol, key)
            assert key.encode() not in response.data.lower()
            assert b"Peeters" not in response.data  # no candidate data leaks


@pytest.mark.parametrize("rol", [r for r in SCOPE if r != "beheerder"])
def test_caseload_lists_exactly_the_scope(client, world, dossiers, rol):
    login(client, getattr(world, rol))
    page = client.get("/dossiers/?wie=organisatie").get_data(as_text=True)
    shown = {key for key, dossier_id in dossiers.items() if f"/dossiers/{dossier_id}\"" in page}
    assert shown == SCOPE[rol]


def test_beheerder_has_no_caseload(client, world):
    login(client, world.beheerder)
    assert client.get("/dossiers/").status_code == 403


def test_other_organisation_cannot_act_on_a_dossier(client, world, dossiers):
    login(client, world.hv_ocmw)
    before = client.get(f"/dossiers/{dossiers['caw_toeleiding']}")
    assert before.status_code == 404
    response = client.post(f"/dossiers/{dossiers['caw_toeleiding']}/actie/afsluiten",
                           data={"afsluiten-reden": "ingetrokken", "afsluiten-version_id": "1"})
    assert response.status_code == 404
    response = client.post(f"/dossiers/{dossiers['caw_toeleiding']}/bewerken", data={})
    assert response.status_code == 404


def test_huurbegeleider_may_not_edit_personal_data(client, world, dossiers):
    login(client, world.hb)
    assert client.get(f"/dossiers/{dossiers['caw_kandidaat']}/bewerken").status_code == 403


def test_hulpverlener_may_not_reopen_only_coordinator(client, world, dossiers):
    login(client, world.hv)
    response = client.post(f"/dossiers/{dossiers['caw_toeleiding']}/actie/heropenen",
                           data={"heropenen-toelichting": "x"})
    assert response.status_code == 403


def test_unknown_trigger_is_404(client, world, dossiers):
    login(client, world.hv)
    url = f"/dossiers/{dossiers['caw_toeleiding']}/actie/verwijderen"
    assert client.post(url).status_code == 404


def test_anonymous_is_sent_to_login(client, world, dossiers):
    response = client.get(f"/dossiers/{dossiers['caw_toeleiding']}")
    assert response.status_code == 302 and "/aanmelden" in response.headers["Location"]


def test_every_view_of_a_dossier_is_audited_I_9_2(client, world, dossiers):
    login(client, world.hv2)
    client.get(f"/dossiers/{dossiers['caw_kandidaat']}")
    event = db.session.scalars(select(AuditEvent).where(
        AuditEvent.actie == "dossier_bekeken", AuditEvent.gebruiker_id == world.hv2.id)).one()
    assert event.dossier_id == dossiers["caw_kandidaat"]
    assert event.organisatie_id == world.caw.id
    assert event.remote_addr == "127.0.0.1"
    assert event.tijdstip is not None
