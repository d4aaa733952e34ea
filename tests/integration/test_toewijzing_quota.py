"""The toewijzing record (R-6.3) and the pijler 3 quota (R-5.3, R-5.2 Housing First fallback)."""
import json
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from sqlalchemy import select

from caseflow import clock
from caseflow.errors import Ongeldig
from caseflow.extensions import db
from caseflow.models import Dossier, Quotum, Toewijzing, Zone
from caseflow.services import stappen, toewijzingen
from tests.builders import advance, gemeente_id, login, new_dossier, user
from workflows.base import TransitieGeweigerd


def rit_zone() -> Zone:
    return db.session.scalars(select(Zone).where(Zone.naam == "RiT")).one()


def set_quotum(doelgroep: str, aantal: int) -> None:
    q = db.session.scalars(select(Quotum).where(Quotum.zone_id == rit_zone().id,
                                                Quotum.doelgroep == doelgroep)).one()
    q.aantal = aantal
    db.session.commit()


def kandidaat_p3(world, naam, doelgroep="doorstromers", **data):
    from tests.builders import pijler3_klaar

    d = new_dossier(world.hv, world.woonboog, achternaam=naam, pijler=3)
    pijler3_klaar(d, world.hv, doelgroep, **data)
    advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen", hv=world.hv,
            hb=world.hb)
    return db.session.get(Dossier, d.id)


def toewijzen(who, d, doelgroep="doorstromers", **extra):
    return stappen.transitie(who, d.id, "toewijzen", db.session.get(Dossier, d.id).version_id,
                             gegevens={"gemeente_id": gemeente_id("Turnhout"),
                                       "adres": "Kerkstraat 1", "doelgroep": doelgroep, **extra})


def test_toewijzing_record_and_engagement_end_R_6_3(world):
    d = kandidaat_p3(world, "Een")
    toewijzen(world.hb, d)
    t = db.session.scalars(select(Toewijzing)).one()
    vandaag = clock.vandaag()
    assert (t.datum, t.pijler, t.doelgroep, t.zone_id) == (vandaag, 3, "doorstromers",
                                                           rit_zone().id)
    assert t.engagement_einde == vandaag + relativedelta(years=2)


def test_pijler_3_keeps_the_referred_doelgroep_and_a_gemeente_of_the_woonmaatschappij(world):
    d = kandidaat_p3(world, "Twee")
    with pytest.raises(Ongeldig) as e:
        toewijzen(world.hb, d, doelgroep="kansarmoede")
    assert "toegeleid als Doorstromers" in e.value.fouten["doelgroep"]
    with pytest.raises(Ongeldig) as e:
        stappen.transitie(world.hb, d.id, "toewijzen", d.version_id, gegevens={
            "gemeente_id": gemeente_id("Geel"), "adres": "x", "doelgroep": "doorstromers"})
    assert "gemeente_id" in e.value.fouten
    assert db.session.get(Dossier, d.id).status == "kandidaat"


def test_full_quotum_refused_freed_when_begeleiding_ends_R_5_3(world):
    set_quotum("doorstromers", 1)
    a, b = kandidaat_p3(world, "A"), kandidaat_p3(world, "B")
    toewijzen(world.hb, a)
    assert toewijzingen.in_gebruik(rit_zone().id, "doorstromers") == 1
    with pytest.raises(TransitieGeweigerd) as e:
        toewijzen(world.hb, b)
    assert "volzet" in e.value.redenen[0]
    assert db.session.get(Dossier, b.id).status == "kandidaat"
    # Begeleiding starts and ends: the tenant no longer needs it, the place frees up.
    advance(db.session.get(Dossier, a.id), "begeleiding_starten", "begeleiding_beeindigen",
            hv=world.hv, hb=world.hb)
    assert toewijzingen.in_gebruik(rit_zone().id, "doorstromers") == 0
    toewijzen(world.hb, b)
    assert db.session.get(Dossier, b.id).status == "toegewezen"


def test_coordinator_overrides_a_full_quotum_with_a_reason(world):
    set_quotum("doorstromers", 0)
    d = kandidaat_p3(world, "C")
    coord = user("wm-coord@woonboog.demo", "coordinator", world.woonboog)
    with pytest.raises(Ongeldig) as e:
        toewijzen(coord, d)
    assert "quotum_afwijking" in e.value.fouten
    toewijzen(coord, d, quotum_afwijking="Dringend: brand in woning")
    t = db.session.scalars(select(Toewijzing)).one()
    assert t.quotum_afwijking == "Dringend: brand in woning"


def hf_team_volzet(world) -> None:
    """R-5.2.1: the Housing First team has started all the begeleidingen of its year (here a
    capacity of 1, used by one Housing First referral)."""
    from caseflow.models import Instelling
    from tests.builders import pijler3_klaar

    db.session.add(Instelling(sleutel="housing_first_capaciteit", waarde=1,
                              ingangsdatum=date(clock.vandaag().year, 1, 1), toelichting="test"))
    db.session.commit()
    hf = new_dossier(world.hv, world.woonboog, achternaam="HF", pijler=3)
    pijler3_klaar(hf, world.hv, "housing_first", dakloos_sinds=date(2020, 1, 1),
                  verslaving=True)


def test_housing_first_fallback_to_a_doorstromer_R_5_2(world):
    set_quotum("housing_first", 1)
    set_quotum("doorstromers", 0)
    d = kandidaat_p3(world, "D")
    hf_team_volzet(world)
    with pytest.raises(Ongeldig):
        toewijzen(world.hb, d, doelgroep="kansarmoede", hf_fallback=True)
    toewijzen(world.hb, d, doelgroep="doorstromers", hf_fallback=True)
    t = db.session.scalars(select(Toewijzing)).one()
    assert t.hf_fallback and t.doelgroep == "doorstromers"
    assert toewijzingen.in_gebruik(rit_zone().id, "housing_first") == 1
    assert toewijzingen.in_gebruik(rit_zone().id, "doorstromers") == 0


def test_rapport_quota_json(world, runner):
    toewijzen(world.hb, kandidaat_p3(world, "E"))
    result = runner.invoke(args=["rapport", "quota", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)["quota"]
    assert len(rows) == 15 and sum(r["quotum"] for r in rows) == 150
    rit = next(r for r in rows if r["zone"] == "RiT" and r["doelgroep"] == "doorstromers")
    assert (rit["quotum"], rit["in_gebruik"], rit["vrij"]) == (27, 1, 26)


def test_quota_page(client, world):
    login(client, world.hb)
    page = client.get("/quota").get_data(as_text=True)
    assert "RiT" in page and "Neteland" not in page  # a huurbegeleider: own woonmaatschappij
    client.post("/afmelden")
    login(client, world.coord)
    assert "Neteland" in client.get("/quota").get_data(as_text=True)
    client.post("/afmelden")
    login(client, world.hv)
    assert client.get("/quota").status_code == 403


def test_lokale_binding_is_checked_at_the_toewijzing_R_2_5(world):
    from caseflow.services import pijler3
    from tests.builders import fresh

    d = new_dossier(world.hv, world.woonboog, achternaam="Nieuw", pijler=3)
    pijler3.adres_toevoegen(world.hv, d.id, fresh(d).version_id, gemeente_id("Turnhout"),
                            clock.vandaag() - relativedelta(years=2), None)
    pijler3.toeleiden(world.hv, d.id, fresh(d).version_id,
                      {"doelgroep": "doorstromers", "verlaat": "opvang", "sector": "CAW"})
    advance(fresh(d), "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen",
            hv=world.hv, hb=world.hb)
    with pytest.raises(TransitieGeweigerd) as e:
        toewijzen(world.hb, d)
    assert "R-2.5" in e.value.redenen[0]
    pijler3.adres_toevoegen(world.hv, d.id, fresh(d).version_id, gemeente_id("Turnhout"),
                            date(2015, 1, 1), clock.vandaag() - relativedelta(years=2)
                            - timedelta(days=1))
    toewijzen(world.hb, d)
    assert fresh(d).status == "toegewezen"


def test_a_huurbegeleiders_quota_are_the_regional_rows_of_its_zones_R_8_2(world):
    """The huurbegeleider's overview counts only its own zones, in SQL: the same quota, in use
    and free as the regional overview shows for them (a fallback counted as Housing First)."""
    toewijzen(world.hb, kandidaat_p3(world, "F"))
    set_quotum("housing_first", 2)
    d = kandidaat_p3(world, "G")
    hf_team_volzet(world)
    toewijzen(world.hb, d, doelgroep="doorstromers", hf_fallback=True)
    regionaal = toewijzingen.quota_overzicht()
    eigen = toewijzingen.quota_voor(world.hb)
    assert eigen == [r for r in regionaal if r["woonmaatschappij"] == world.woonboog.naam]
    rit = {r["doelgroep"]: r["in_gebruik"] for r in eigen if r["zone"] == "RiT"}
    assert (rit["doorstromers"], rit["housing_first"]) == (1, 1)
    assert len(eigen) < len(regionaal)
