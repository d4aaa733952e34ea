"""The pijler 3 referral with each doelgroep's checks (R-5.2), through the service."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from caseflow import clock
from caseflow.errors import Ongeldig
from caseflow.extensions import db
from caseflow.models import Pijler3Toeleiding
from caseflow.services import pijler3, stappen
from tests.builders import fresh, new_dossier, org, overeenkomst, user
from workflows.base import TransitieGeweigerd

VANDAAG = clock.vandaag()


def test_attest_waits_for_the_referral(world):

    d = new_dossier(world.hv, world.woonboog, pijler=3)
    with pytest.raises(TransitieGeweigerd) as e:
        stappen.transitie(world.hv, d.id, "attest_voorbereiden", d.version_id)
    assert "R-5.2" in e.value.redenen[0]


def test_housing_first_checks_and_capacity(world):
    d = new_dossier(world.hv, world.woonboog, pijler=3)
    data = {"doelgroep": "housing_first", "dakloos_sinds": VANDAAG - timedelta(days=200),
            "verslaving": False, "psychiatrie": False}
    with pytest.raises(Ongeldig) as e:
        pijler3.toeleiden(world.hv, d.id, d.version_id, data)
    assert {"dakloos_sinds", "verslaving"} <= set(e.value.fouten)
    assert db.session.scalars(select(Pijler3Toeleiding)).all() == []
    pijler3.toeleiden(world.hv, d.id, fresh(d).version_id,
                      data | {"dakloos_sinds": VANDAAG - timedelta(days=400), "psychiatrie": True})
    assert db.session.scalars(select(Pijler3Toeleiding)).one().doelgroep == "housing_first"


def test_housing_first_team_full(world):
    from caseflow.models import Instelling

    db.session.add(Instelling(sleutel="housing_first_capaciteit",
                              ingangsdatum=VANDAAG.replace(month=1, day=1), waarde=1))
    db.session.commit()
    data = {"doelgroep": "housing_first", "dakloos_sinds": VANDAAG - timedelta(days=800),
            "verslaving": True}
    a = new_dossier(world.hv, world.woonboog, pijler=3, achternaam="A")
    pijler3.toeleiden(world.hv, a.id, a.version_id, data)
    b = new_dossier(world.hv, world.woonboog, pijler=3, achternaam="B")
    with pytest.raises(Ongeldig) as e:
        pijler3.toeleiden(world.hv, b.id, b.version_id, data)
    assert "doorstromer" in e.value.fouten["doelgroep"]


def test_kansarmoede_only_by_the_ocmw_with_a_young_child(world):
    data = {"doelgroep": "kansarmoede", "kg_screening_op": VANDAAG - timedelta(days=10),
            "jongste_kind_geboren": VANDAAG - timedelta(days=365)}
    d = new_dossier(world.hv, world.woonboog, pijler=3, huishouden="gezin", aantal_kinderen=1)
    with pytest.raises(Ongeldig) as e:  # CAW is not the OCMW
        pijler3.toeleiden(world.hv, d.id, d.version_id, data)
    assert "OCMW" in e.value.fouten["doelgroep"]
    ocmw_turnhout = org("OCMW Turnhout", sector="OCMW")
    overeenkomst(ocmw_turnhout, world.woonboog)
    els = user("els@ocmw-turnhout.demo", "hulpverlener", ocmw_turnhout)
    e2 = new_dossier(els, world.woonboog, pijler=3, huishouden="gezin", aantal_kinderen=1)
    with pytest.raises(Ongeldig) as e:
        pijler3.toeleiden(els, e2.id, e2.version_id,
                          data | {"jongste_kind_geboren": VANDAAG - timedelta(days=4 * 365)})
    assert "3 jaar" in e.value.fouten["jongste_kind_geboren"]
    pijler3.toeleiden(els, e2.id, fresh(e2).version_id, data)


def test_without_agreement_no_pijler_3_referral_R_1_3(world):
    d = new_dossier(world.hv_ocmw, world.woonboog, pijler=3)  # OCMW Geel: LeefGoed only
    with pytest.raises(Ongeldig) as e:
        pijler3.toeleiden(world.hv_ocmw, d.id, d.version_id,
                          {"doelgroep": "doorstromers", "verlaat": "opvang", "sector": "OCMW"})
    assert "samenwerkingsovereenkomst" in e.value.fouten["doelgroep"]


def test_referral_and_address_through_the_page(client, world):
    from tests.builders import gemeente_id, login

    d = new_dossier(world.hv, world.woonboog, pijler=3)
    login(client, world.hv)
    page = client.get(f"/dossiers/{d.id}").get_data(as_text=True)
    assert "Pijler 3-toeleiding registreren" in page
    bad = client.post(f"/dossiers/{d.id}/formulier/p3_toeleiding", data={
        "p3_toeleiding-version_id": str(d.version_id), "p3_toeleiding-doelgroep": "doorstromers"})
    assert bad.status_code == 422 and "R-5.2.2" in bad.get_data(as_text=True)
    ok = client.post(f"/dossiers/{d.id}/formulier/p3_toeleiding", data={
        "p3_toeleiding-version_id": str(fresh(d).version_id),
        "p3_toeleiding-doelgroep": "doorstromers", "p3_toeleiding-verlaat": "opvang",
        "p3_toeleiding-sector": "CAW"})
    assert ok.status_code == 302
    adres = client.post(f"/dossiers/{d.id}/formulier/adres", data={
        "adres-version_id": str(fresh(d).version_id),
        "adres-gemeente_id": str(gemeente_id("Turnhout")), "adres-van": "2014-05-01"})
    assert adres.status_code == 302
    assert "Turnhout: 01/05/2014 – nu" in client.get(f"/dossiers/{d.id}").get_data(as_text=True)
