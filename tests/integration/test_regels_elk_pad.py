"""Every rule holds on every path that can reach the state it protects.

Each test names its rule and lists the paths it fires (dossier page, vacancy page, edit,
command line, simulation, import, scheduler), so a new path without the guard fails here.
"""
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from caseflow import access, clock
from caseflow.errors import NietToegestaan as Forbidden
from caseflow.errors import Ongeldig
from caseflow.extensions import db
from caseflow.models import (
    Dossier,
    DossierHistoriek,
    Gebruiker,
    Gemeente,
    Instelling,
    Notificatie,
    Signaal,
)
from caseflow.services import (
    attesten,
    herinneringen,
    ranking,
    signalen,
    stappen,
    toewijzingen,
    woningen,
)
from caseflow.services import dossiers as service
from tests.builders import (
    advance,
    attest_data,
    fresh,
    gemeente_id,
    login,
    new_dossier,
    org,
    overeenkomst,
    toewijzen_via_woning,
    user,
)
from workflows.base import TransitieGeweigerd


def kandidaat(world, naam="Peeters", bevestigd=True, bereik="werkingsgebied", **kw):
    """A pijler 2 candidate of Woonboog (OCMW Turnhout) with an issued, maybe confirmed,
    attest."""
    d = new_dossier(world.hv, world.woonboog, achternaam=naam, **kw)
    advance(d, "attest_voorbereiden", hv=world.hv, hb=world.hb)
    attesten.uitreiken(world.hv, d.id, fresh(d).version_id,
                       attest_data(d, begeleiding_bereik=bereik))
    if bevestigd:
        attesten.bevestigen(world.hb, d.id, fresh(d).version_id)
    return fresh(d)


def toewijzen_op_pagina(who, d, gemeente="Turnhout", **extra):
    return stappen.transitie(who, d.id, "toewijzen", fresh(d).version_id, gegevens={
        "gemeente_id": gemeente_id(gemeente), "adres": "Kerkstraat 1", **extra})


def woning(world, gemeente="Turnhout"):
    return woningen.registreren(world.hb, {"gemeente_id": gemeente_id(gemeente),
                                           "adres": "Markt 2", "slaapkamers": 2,
                                           "beschikbaar_vanaf": clock.vandaag()})


# --- I-4.4: pijler 2 only through a vacancy and its ranking ---------------------------

def test_R_4_8_dossier_page_does_not_allocate_pijler_2_outside_the_ranking(client, world):
    """Paths: dossier page (service and HTTP). The vacancy path is the one way (next test)."""
    d = kandidaat(world, inkomen=Decimal("5000"))  # above every income limit: 0 points
    with pytest.raises(TransitieGeweigerd) as e:
        toewijzen_op_pagina(world.hb, d)
    assert any("R-4.8" in r for r in e.value.redenen)
    assert fresh(d).status == "kandidaat" and fresh(d).toewijzing is None
    login(client, world.hb)
    pagina = client.get(f"/dossiers/{d.id}").get_data(as_text=True)
    assert "via een vrijgekomen woning" in pagina  # the action is shown blocked, with why


def test_R_4_8_I_4_4_vacancy_allocates_only_the_eligible(world):
    """Paths: vacancy page (propose, accept). A candidate whose begeleiding cannot reach the
    dwelling's gemeente (bereik 'gemeente', OCMW Turnhout, dwelling in Mol) is not ranked and
    cannot be proposed or accepted."""
    d = kandidaat(world, bereik="gemeente")
    w = woning(world, "Mol")
    assert [p.rang for p in woningen.kandidaten(w) if p.dossier.id == d.id] == [None]
    with pytest.raises(TransitieGeweigerd):
        woningen.voorstellen(world.hb, w.id, d.id, w.version_id)
    # the guard itself: an accepted proposal for an ineligible candidate still fails
    with pytest.raises(TransitieGeweigerd) as e:
        toewijzingen.pijler2_toewijsbaar(fresh(d), w.gemeente, clock.vandaag())
    assert "R-4.8" in str(e.value)


def test_R_4_8_vacancy_path_allocates_the_first_ranked(world):
    d = kandidaat(world)
    toewijzen_via_woning(d, world.hb)
    assert fresh(d).status == "toegewezen" and fresh(d).toewijzing.woning_id is not None


def test_R_4_7_bijzondere_omstandigheden_allocate_on_the_dossier_page_with_approved_verslag(
        world):
    """R-4.7 is the override the rules allow (woonmaatschappij approves the verslag)."""
    from caseflow.services import signalering

    d = kandidaat(world, woonnood="bijzondere_omstandigheden", bevestigd=False)
    signalering.verslag_indienen(world.hv, d.id, fresh(d).version_id, "Gijzeling in de woning.")
    signalering.verslag_beslissen(world.hb, d.id, fresh(d).version_id, True, None)
    attesten.bevestigen(world.hb, d.id, fresh(d).version_id)
    toewijzen_op_pagina(world.hb, d)
    assert fresh(d).status == "toegewezen"


# --- I-4.4: begeleiding points without a dwelling follow the woonmaatschappij's area ------

def test_I_4_4_without_a_dwelling_the_best_reachable_in_the_woonmaatschappijs_area(world):
    """Paths: ranking page (ranglijst), score on the dossier page (uitleg_voor). An OCMW in
    LeefGoed's area (Geel) with reach 'gemeente' reaches no Woonboog dwelling."""
    d = kandidaat(world, naam="Geelnaar", bereik="gemeente", bevestigd=False,
                  gemeente_id=gemeente_id("Geel"))
    plaats = next(p for p in ranking.ranglijst(world.woonboog.id, clock.vandaag())
                  if p.dossier.id == d.id)
    assert (plaats.score.begeleiding, plaats.rang) == (0, None)
    uitleg = ranking.uitleg_voor(fresh(d), clock.vandaag())
    assert uitleg.score.begeleiding == 0 and uitleg.rang is None
    breed = kandidaat(world, naam="Breed", bereik="arrondissement", bevestigd=False,
                      gemeente_id=gemeente_id("Geel"))
    uitleg = ranking.uitleg_voor(fresh(breed), clock.vandaag())
    assert uitleg.score.begeleiding == 1 and uitleg.rang == 1


# --- edits that would bypass an earlier check ----------------------------------------

def _bewerk(world, d, **wijziging):
    from tests.builders import dossier_data

    data = dossier_data(world.woonboog)
    data.update({k: getattr(fresh(d), k) for k in service.DOSSIER_VELDEN})
    data.update(wijziging)
    return service.bewerken(world.hv, d.id, fresh(d).version_id, data, "/")


def test_R_1_3_woonmaatschappij_edit_after_the_attest_needs_an_agreement(world):
    """Path: the edit form. CAW has an agreement with Woonboog only."""
    d = kandidaat(world, bevestigd=False)
    with pytest.raises(Ongeldig) as e:
        _bewerk(world, d, woonmaatschappij_id=world.leefgoed.id)
    assert "R-1.3" in e.value.fouten["woonmaatschappij_id"]
    assert fresh(d).woonmaatschappij_id == world.woonboog.id
    # a confirmed attest belongs to the woonmaatschappij that confirmed it
    overeenkomst(world.caw, world.leefgoed)
    attesten.bevestigen(world.hb, d.id, fresh(d).version_id)
    with pytest.raises(Ongeldig) as e:
        _bewerk(world, d, woonmaatschappij_id=world.leefgoed.id)
    assert "R-3.3" in e.value.fouten["woonmaatschappij_id"]


def test_R_1_3_R_5_2_pijler_edit_after_the_attest_is_refused_or_sends_back(world):
    """Paths: the edit form at 'kandidaat' (refused) and at 'attest' (back to toeleiding)."""
    d = kandidaat(world, bevestigd=False)
    with pytest.raises(Ongeldig) as e:
        _bewerk(world, d, pijler=3)
    assert "R-5.2" in e.value.fouten["pijler"]
    assert fresh(d).pijler == 2
    e2 = new_dossier(world.hv, world.woonboog, achternaam="Terug")
    advance(e2, "attest_voorbereiden", hv=world.hv, hb=world.hb)
    _bewerk(world, e2, pijler=3)
    e2 = fresh(e2)
    assert (e2.pijler, e2.status) == (3, "toeleiding")
    stap = e2.historiek[-1]
    assert (stap.van, stap.naar) == ("attest", "toeleiding") and "R-5.2" in stap.reden


def test_R_1_3_edit_is_on_the_timeline_with_what_changed(world):
    d = kandidaat(world, bevestigd=False)
    _bewerk(world, d, inkomen=Decimal("1300.00"), aantal_kinderen=0)
    stap = fresh(d).historiek[-1]
    assert stap.trigger == "gegevens_gewijzigd" and "inkomen" in stap.reden


# --- I-3.4a: a confirmed attest lapses and stays ranked ------------------------------

def test_I_3_4a_confirmed_attest_stays_in_the_ranking(world):
    """Paths: ranking page, vacancy candidates, score on the dossier page."""
    d = kandidaat(world)
    assert [p.rang for p in ranking.ranglijst(world.woonboog.id, clock.vandaag())
            if p.dossier.id == d.id] == [1]
    assert ranking.uitleg_voor(fresh(d), clock.vandaag()).rang == 1
    assert woningen.kandidaten(woning(world)).items[0].dossier.id == d.id


def test_R_3_3_I_3_4a_no_toewijzing_after_the_confirmed_attest_lapsed(world, time_machine):
    """Paths: dossier page (pijler 3), vacancy (pijler 2), ranking, the scheduler's sweep."""
    from tests.integration.test_toewijzing_quota import kandidaat_p3

    p2 = kandidaat(world)
    p3 = kandidaat_p3(world, "Drie")
    time_machine.move_to(clock.vandaag() + timedelta(days=200))
    with pytest.raises(TransitieGeweigerd) as e:
        toewijzen_op_pagina(world.hb, p3, doelgroep="doorstromers")
    assert any("I-3.4" in r for r in e.value.redenen)
    assert ranking.ranglijst(world.woonboog.id, clock.vandaag()) == []
    w = woning(world)
    assert woningen.kandidaten(w).items == []
    herinneringen.verwerk()
    assert attesten.geldend_attest(p2.id).status == "verlopen"


# --- Housing First before doorstromers ---------------------------------------------

def test_R_5_2_1_doorstromer_in_a_housing_first_dwelling_only_without_capacity(world):
    """Path: dossier page (pijler 3 allocates there); the demo data asks the same rule."""
    from tests.integration.test_toewijzing_quota import hf_team_volzet, kandidaat_p3

    d = kandidaat_p3(world, "Door")
    with pytest.raises(Ongeldig) as e:
        toewijzen_op_pagina(world.hb, d, doelgroep="doorstromers", hf_fallback=True)
    assert "R-5.2.1" in e.value.fouten["hf_fallback"]
    hf_team_volzet(world)
    toewijzen_op_pagina(world.hb, d, doelgroep="doorstromers", hf_fallback=True)
    assert fresh(d).toewijzing.hf_fallback is True


# --- both parties agree on "zonder begeleidingsovereenkomst" -------------------------

def test_R_6_2_pijler_3_without_agreement_needs_both_parties_and_quota_follows(world):
    """Paths: dossier page by the hulpverlener, then by the huurbegeleider; quota page."""
    from tests.integration.test_toewijzing_quota import kandidaat_p3, rit_zone

    d = kandidaat_p3(world, "Beide")
    toewijzen_op_pagina(world.hb, d, doelgroep="doorstromers")
    zone = rit_zone().id
    assert toewijzingen.in_gebruik(zone, "doorstromers") == 1
    stappen.transitie(world.hv, d.id, "zonder_begeleiding_opvolgen", fresh(d).version_id)
    assert fresh(d).status == "toegewezen"  # one party's agreement is recorded, not enough
    assert toewijzingen.in_gebruik(zone, "doorstromers") == 1
    assert "akkoord" in fresh(d).historiek[-1].reden
    stappen.transitie(world.hv, d.id, "zonder_begeleiding_opvolgen", fresh(d).version_id)
    assert fresh(d).status == "toegewezen"  # the same party twice is still one party
    stappen.transitie(world.hb, d.id, "zonder_begeleiding_opvolgen", fresh(d).version_id)
    assert fresh(d).status == "aanklampend"
    assert toewijzingen.in_gebruik(zone, "doorstromers") == 0


def test_R_6_1_pijler_2_follows_without_agreement_by_one_party(world):
    d = kandidaat(world)
    toewijzen_via_woning(d, world.hb)
    stappen.transitie(world.hv, d.id, "zonder_begeleiding_opvolgen", fresh(d).version_id)
    assert fresh(d).status == "aanklampend"


# --- only woonmaatschappijen allocate -------------------------------------------------

def test_R_1_2_regional_coordinator_does_not_allocate(client, world):
    """Paths: dossier page (service and HTTP); the vacancy pages need woning.beheren."""
    from tests.integration.test_toewijzing_quota import kandidaat_p3

    d = kandidaat_p3(world, "Regio")
    assert not access.may(world.coord_regio, "toewijzen", fresh(d))
    with pytest.raises(Forbidden):
        toewijzen_op_pagina(world.coord_regio, d, doelgroep="doorstromers")
    assert not access.may(world.coord_regio, "woning.beheren")
    login(client, world.coord_regio)
    r = client.post(f"/dossiers/{d.id}/actie/toewijzen", data={
        "toewijzen-version_id": fresh(d).version_id, "toewijzen-gemeente_id":
        gemeente_id("Turnhout"), "toewijzen-adres": "x", "toewijzen-doelgroep": "doorstromers"})
    assert r.status_code == 403
    assert fresh(d).status == "kandidaat"


# --- who refers and issues -----------------------------------------------------

def test_R_3_1_the_woonmaatschappij_itself_refers_and_issues(client, world):
    """Paths: new dossier, attest issue (service), dossier page as the huurbegeleider."""
    d = service.aanmaken(world.hb, _data(world))
    assert (d.organisatie_id, d.woonmaatschappij_id) == (world.woonboog.id, world.woonboog.id)
    stappen.transitie(world.hb, d.id, "attest_voorbereiden", fresh(d).version_id)
    attesten.uitreiken(world.hb, d.id, fresh(d).version_id, attest_data(d))
    assert fresh(d).status == "kandidaat"
    assert attesten.geldend_attest(d.id).organisatie_id == world.woonboog.id
    login(client, world.hb)
    assert client.get(f"/dossiers/{d.id}").status_code == 200


def test_R_3_1_the_woonmaatschappij_issues_only_for_itself(world):
    d = service.aanmaken(world.hb, _data(world, woonmaatschappij_id=world.leefgoed.id))
    assert d.woonmaatschappij_id == world.woonboog.id  # its own, whatever the form sent


def test_R_1_1_screening_only_organisation_neither_refers_nor_issues(world):
    """Paths: new dossier, pijler 3 referral, attest issue; an agreement does not change it."""
    kg = org("Kind & Gezin", sector="KG")
    overeenkomst(kg, world.woonboog)
    hv_kg = user("lies@kg.demo", "hulpverlener", kg)
    with pytest.raises(Forbidden):
        service.aanmaken(hv_kg, _data(world))
    assert not access.may(hv_kg, "dossier.aanmaken")
    assert not access.mag_uitreiken(kg, world.woonboog.id, clock.vandaag())


def _data(world, **kw):
    from tests.builders import dossier_data

    return dossier_data(world.woonboog, **kw)


# --- I-7.3, I-7.3b: the coördinator hears of an automatic escalation ------------------------

def _toegewezen(world, naam="Huur"):
    d = kandidaat(world, naam=naam, bevestigd=False)  # accepting confirms it
    toewijzen_via_woning(d, world.hb)
    return fresh(d)


def _meldingen(g: Gebruiker) -> list[Notificatie]:
    return list(db.session.scalars(select(Notificatie).where(Notificatie.ontvanger_id == g.id)))


def test_I_7_3b_automatic_escalation_notifies_the_coordinators(world):
    """Paths: the signaal form and the arrears import."""
    from caseflow.services import huurachterstand_import

    d = _toegewezen(world)
    signalen.melden(world.hb, d.id, fresh(d).version_id, "huurachterstand", "Twee maanden",
                    Decimal("1100"), 2)
    assert [m.soort for m in _meldingen(world.coord)] == ["signaal_automatisch_geescaleerd"]
    assert _meldingen(world.coord_ocmw) == []
    e = _toegewezen(world, "Import")
    huurachterstand_import.importeer(f"dossier;bedrag;maanden;datum\n{e.nummer};900;3;"
                                     f"{clock.vandaag():%d/%m/%Y}\n", world.woonboog, world.hb)
    assert len(_meldingen(world.coord)) == 2


# --- I-7.4a: the engagement's last day -----------------------------------------------

def test_I_7_4a_last_day_obliges_and_the_sweep_waits_for_the_signaal(world, time_machine):
    """Paths: the scheduler's sweep, the close action on the dossier page."""
    d = _toegewezen(world)
    stappen.transitie(world.hv, d.id, "zonder_begeleiding_opvolgen", fresh(d).version_id)
    einde = fresh(d).toewijzing.engagement_einde
    time_machine.move_to(einde)
    s = signalen.melden(world.hb, d.id, fresh(d).version_id, "overlast", "Lawaai")
    signalen.stap(world.hb, d.id, s.id, s.version_id, "aanvragen")
    assert db.session.get(Signaal, s.id).verplicht
    assert herinneringen.verwerk()["afgesloten"] == 0  # the last day belongs to it
    time_machine.move_to(einde + timedelta(days=3))
    assert herinneringen.verwerk()["afgesloten"] == 0  # the obliging signaal is open
    with pytest.raises(TransitieGeweigerd):
        stappen.transitie(world.hv, d.id, "afsluiten", fresh(d).version_id,
                          reden="engagement_afgelopen")
    s = db.session.get(Signaal, s.id)
    signalen.stap(world.hb, d.id, s.id, s.version_id, "sluiten", reden="opgelost")
    assert herinneringen.verwerk()["afgesloten"] == 1
    assert fresh(d).status == "afgesloten"


# --- I-3.4, R-8.3: the simulation applies validity ------------------------------------------

def test_I_3_4_R_8_3_simulation_page_applies_attest_validity(client, world):
    """Path: the simulation page (the command line shares kandidatenlijst.simuleer)."""
    import io
    import re

    login(client, world.coord)
    csv = ("id;woonnood;huishouden;inkomen;begeleiding_gemeente;begeleiding_bereik;kinderen;"
           "cir_datum;attest_datum\n1;opvang;alleenstaande;1200;Turnhout;gemeente;0;2024-01-01;"
           "2025-01-01\n")
    r = client.post("/simulatie/", data={
        "bestand": (io.BytesIO(csv.encode()), "lijst.csv"), "start": "2025-12-01",
        "maanden": "3", "woningen_per_maand": "5"}, content_type="multipart/form-data")
    tekst = r.get_data(as_text=True)
    assert r.status_code == 200
    assert re.search(r'<dd id="toegewezen">0<', tekst), tekst[:3000]


# --- I-8.1a -----------------------------------------------------------------------------

def test_R_8_1_I_8_1a_share_needs_all_quarters_and_no_zone_share(world):
    from caseflow.rules.monitoring import Periode
    from caseflow.services import monitoring

    d = _toegewezen(world, "Aandeel")
    jaar = fresh(d).toewijzing.datum.year
    monitoring.totaal_invoeren(world.hb, jaar, 1, 10)
    rij = next(r for r in monitoring.pijler2_aandeel(
        monitoring.Filter(Periode(jaar))).rijen if r[0] == "Woonboog")
    assert rij[3] is None and "ontbreekt" in rij[5]
    for k in (2, 3, 4):
        monitoring.totaal_invoeren(world.hb, jaar, k, 10)
    rij = next(r for r in monitoring.pijler2_aandeel(
        monitoring.Filter(Periode(jaar))).rijen if r[0] == "Woonboog")
    assert rij[3] == Decimal("2.5")
    from tests.integration.test_toewijzing_quota import rit_zone

    rij = monitoring.pijler2_aandeel(monitoring.Filter(Periode(jaar), world.woonboog.id,
                                                       rit_zone().id)).rijen[0]
    assert rij[1] == 1 and rij[3] is None and "zone" in rij[5]


# --- the milder lokale binding as a setting ------------------------------------------

def test_R_2_3_milder_lokale_binding_follows_the_setting(world):
    """Path: dossier page (pijler 3 toewijzing); the rules page shows the setting."""
    from caseflow.services import pijler3
    from tests.integration.test_toewijzing_quota import kandidaat_p3

    d = kandidaat_p3(world, "Binding")
    gemeente = db.session.get(Gemeente, gemeente_id("Turnhout"))
    vandaag = clock.vandaag()
    assert pijler3.heeft_lokale_binding(fresh(d), gemeente, vandaag)
    # three years in the gemeente: not enough by, enough with a milder setting
    kort = new_dossier(world.hv, world.woonboog, achternaam="Kort", pijler=3)
    pijler3.adres_toevoegen(world.hv, kort.id, fresh(kort).version_id, gemeente.id,
                            vandaag - timedelta(days=3 * 366), None)
    assert not pijler3.heeft_lokale_binding(fresh(kort), gemeente, vandaag)
    db.session.add(Instelling(sleutel="lokale_binding_pijler3", ingangsdatum=vandaag,
                              waarde={"venster_jaren": 6, "jaren": 3}, toelichting="milder"))
    db.session.commit()
    assert pijler3.heeft_lokale_binding(fresh(kort), gemeente, vandaag)


def test_R_2_3_rules_page_names_the_lokale_binding_setting(client, world):
    login(client, world.coord)
    tekst = client.get("/instellingen/").get_data(as_text=True)
    assert "Lokale binding pijler 3" in tekst and "R-2.3" in tekst


# --- the explanation follows the configuration ---------------------------------------

def test_R_4_9_explanation_follows_configured_begeleiding_points(client, world):
    db.session.add(Instelling(sleutel="punten_begeleiding", ingangsdatum=clock.vandaag(),
                              waarde={"gemeente": 4, "werkingsgebied": 2, "arrondissement": 1},
                              toelichting="test"))
    db.session.commit()
    d = kandidaat(world, bevestigd=False)
    uitleg = ranking.uitleg_voor(fresh(d), clock.vandaag())
    tekst = next(c.tekst for c in uitleg.criteria if c.regel == "R-4.3")
    assert "4 punten in de gemeente" in tekst and "5 punten" not in tekst
    assert uitleg.criteria[2].maximum == 4
    login(client, world.hv)
    pagina = client.get(f"/dossiers/{d.id}/score").get_data(as_text=True)
    assert "5 punten in de gemeente" not in pagina


# --- keep the imports used ----------------------------------------------------------------------
_ = (DossierHistoriek, Dossier)


# --- I-4.2c: one validation of the household for the form, the command line, the simulation --

def test_I_4_2c_alleenstaande_with_children_refused_by_form_and_command_line(world, runner,
                                                                             tmp_path):
    """Paths: the toeleiding (service behind the form), `flask wegingskader score`, and the
    simulation's reader (the same kandidatenlijst.lees)."""
    from tests.builders import dossier_data

    with pytest.raises(Ongeldig) as e:
        service.aanmaken(world.hv, dossier_data(world.woonboog, aantal_kinderen=2))
    assert "I-4.2c" in e.value.fouten["aantal_kinderen"]
    pad = tmp_path / "lijst.csv"
    pad.write_text("id,woonnood,huishouden,inkomen,begeleiding_gemeente,begeleiding_bereik,"
                   "kinderen,cir_datum\n1,opvang,alleenstaande,1200,Geel,gemeente,2,2023-01-01\n")
    result = runner.invoke(args=["wegingskader", "score", str(pad)])
    assert result.exit_code == 2
    assert "regel 2: kolom kinderen" in result.stderr and "I-4.2c" in result.stderr


def test_I_3_4_R_8_3_command_line_simulation_applies_attest_validity(runner, tmp_path):
    """Path: `flask wegingskader simuleer` (the page is tested above)."""
    import json

    pad = tmp_path / "lijst.csv"
    pad.write_text("id,woonnood,huishouden,inkomen,begeleiding_gemeente,begeleiding_bereik,"
                   "kinderen,cir_datum,attest_datum\n"
                   "1,opvang,alleenstaande,1200,Geel,gemeente,0,2024-01-01,2025-01-01\n"
                   "2,opvang,alleenstaande,1200,Geel,gemeente,0,2024-01-01,2025-11-01\n")
    result = runner.invoke(args=["wegingskader", "simuleer", str(pad), "--start", "2025-12-01",
                                 "--maanden", "3", "--woningen-per-maand", "5", "--json"])
    assert result.exit_code == 0, result.stderr
    r = json.loads(result.stdout)
    assert r["toegewezen"] == 1 and r["per_maand"] == [1, 0, 0]


def test_R_3_1_R_5_2_the_woonmaatschappij_refers_through_the_page_for_itself(client, world):
    """Path: the toeleiding page as a huurbegeleider: its own woonmaatschappij, pijler 2."""
    from tests.integration.test_dossier_forms import valid_form

    login(client, world.hb)
    assert "Nieuwe toeleiding" in client.get("/dossiers/").get_data(as_text=True)
    pagina = client.get("/dossiers/nieuw").get_data(as_text=True)
    assert "LeefGoed" not in pagina and "Pijler 3" not in pagina
    r = client.post("/dossiers/nieuw", data=valid_form(world) | {"pijler": "3"})
    assert r.status_code == 422
    r = client.post("/dossiers/nieuw", data=valid_form(world))
    assert r.status_code == 302
    d = db.session.scalars(select(Dossier)).one()
    assert (d.organisatie_id, d.woonmaatschappij_id, d.pijler) == (world.woonboog.id,
                                                                   world.woonboog.id, 2)


def test_R_6_2_the_page_says_the_agreement_waits_for_the_other_party(client, world):
    from tests.integration.test_toewijzing_quota import kandidaat_p3

    d = kandidaat_p3(world, "Pagina")
    toewijzen_op_pagina(world.hb, d, doelgroep="doorstromers")
    login(client, world.hv)
    pagina = client.get(f"/dossiers/{d.id}").get_data(as_text=True)
    assert "akkoord voorstellen (R-6.2)" in pagina
    r = client.post(f"/dossiers/{d.id}/actie/zonder_begeleiding_opvolgen", data={
        "zonder_begeleiding_opvolgen-version_id": fresh(d).version_id},
        follow_redirects=True)
    tekst = r.get_data(as_text=True)
    assert "Uw akkoord is genoteerd" in tekst and fresh(d).status == "toegewezen"
    assert "de andere partij moet nog akkoord gaan" in tekst
