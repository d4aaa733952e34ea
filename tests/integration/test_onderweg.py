"""On the road (a tenant at the door): the huurbegeleider finds the tenant among their
tenants and opens the signaal form in one tap (I-7.1)."""
from tests.builders import advance, login, new_dossier


def test_I_7_1_find_a_tenant_and_open_the_signaal_form_in_one_tap(client, world):
    d = new_dossier(world.hv, world.woonboog)
    advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen", "toewijzen",
            hv=world.hv, hb=world.hb)
    ander = new_dossier(world.hv, world.woonboog)
    advance(ander, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen", "toewijzen",
            hv=world.hv, hb=world.hb)
    login(client, world.hb)
    gevonden = client.get(f"/huurders?zoek={d.nummer}").get_data(as_text=True)
    assert d.nummer in gevonden and ander.nummer not in gevonden
    link = f"/dossiers/{d.id}?open=signaal"
    assert link in gevonden
    pagina = client.get(link).get_data(as_text=True)
    assert '<details class="actie" open><summary>Signaal melden</summary>' in pagina
    niets = client.get("/huurders?zoek=zzzz-niemand").get_data(as_text=True)
    assert "Geen huurder gevonden" in niets
