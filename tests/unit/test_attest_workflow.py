"""The attest workflow and the elements of R-3.2."""
from datetime import date

import pytest

from caseflow.rules.attest import AttestFeiten, AttestInhoud, ontbrekend
from workflows.attest import WORKFLOW
from workflows.base import TransitieGeweigerd

COMPLEET = AttestInhoud(bevoegd_ocmw="Geel", ocmw_verificatie="geverifieerd",
                        privemarkt="billijkheidsredenen", privemarkt_motivering="Geen inkomen",
                        doorstroomklaar=True, engagement_2_jaar=True,
                        begeleiding_bereik="gemeente")


class A:
    def __init__(self, status):
        self.status = status


def test_R_3_2_complete_attest_misses_nothing():
    assert ontbrekend(COMPLEET) == {}


@pytest.mark.parametrize("veld,waarde,regel", [
    ("bevoegd_ocmw", None, "R-3.2.1"),
    ("ocmw_verificatie", None, "R-3.2.1"),
    ("privemarkt", None, "R-3.2.2"),
    ("privemarkt_motivering", " ", "R-3.2.2"),
    ("doorstroomklaar", False, "R-3.2.3"),
    ("engagement_2_jaar", False, "R-3.2.4"),
    ("begeleiding_bereik", "provincie", "I-4.4"),
])
def test_R_3_2_each_missing_element_is_named(veld, waarde, regel):
    from dataclasses import replace

    fouten = ontbrekend(replace(COMPLEET, **{veld: waarde}))
    assert len(fouten) == 1 and regel in next(iter(fouten.values()))


@pytest.mark.parametrize("uitzondering", ["duurzame_ontwrichting", "ambtelijk_geschrapt"])
def test_R_3_2_1_the_two_exceptions_replace_verification(uitzondering):
    from dataclasses import replace

    assert ontbrekend(replace(COMPLEET, ocmw_verificatie=uitzondering)) == {}


def test_issue_needs_completeness_and_an_allowed_issuer_R_3_1():
    ok = AttestFeiten(vandaag=date(2026, 1, 1), uitreiker_toegestaan=True)
    assert WORKFLOW.fire(A("concept"), "uitreiken", f=ok) == "uitgereikt"
    with pytest.raises(TransitieGeweigerd) as e:
        WORKFLOW.fire(A("concept"), "uitreiken", f=AttestFeiten(vandaag=date(2026, 1, 1)))
    assert "R-3.1" in e.value.redenen[0]
    with pytest.raises(TransitieGeweigerd):
        WORKFLOW.fire(A("concept"), "uitreiken",
                      f=AttestFeiten(vandaag=date(2026, 1, 1), uitreiker_toegestaan=True,
                                     inhoud_ontbreekt=("x",)))


def test_confirm_only_while_valid_R_3_3_I_3_4():
    geldig = AttestFeiten(vandaag=date(2026, 6, 30), geldig_tot=date(2026, 6, 30))
    assert WORKFLOW.fire(A("uitgereikt"), "bevestigen", f=geldig) == "bevestigd"
    verlopen = AttestFeiten(vandaag=date(2026, 7, 1), geldig_tot=date(2026, 6, 30))
    with pytest.raises(TransitieGeweigerd):
        WORKFLOW.fire(A("uitgereikt"), "bevestigen", f=verlopen)
    assert WORKFLOW.fire(A("uitgereikt"), "laten_verlopen", f=verlopen) == "verlopen"
    with pytest.raises(TransitieGeweigerd):
        WORKFLOW.fire(A("uitgereikt"), "laten_verlopen", f=geldig)


@pytest.mark.parametrize("van", ["concept", "uitgereikt"])
def test_withdraw_from_concept_or_issued(van):
    assert WORKFLOW.fire(A(van), "intrekken", f=AttestFeiten(vandaag=date(2026, 1, 1))) \
        == "ingetrokken"


@pytest.mark.parametrize("van", ["verlopen", "ingetrokken"])
def test_final_states_allow_nothing(van):
    assert WORKFLOW.triggers_vanuit(van) == []


def test_a_confirmed_attest_lapses_too_I_3_4a():
    assert WORKFLOW.triggers_vanuit("bevestigd") == ["laten_verlopen"]
    verlopen = AttestFeiten(vandaag=date(2026, 7, 2), geldig_tot=date(2026, 7, 1))
    assert WORKFLOW.fire(A("bevestigd"), "laten_verlopen", f=verlopen) == "verlopen"
    with pytest.raises(TransitieGeweigerd):
        WORKFLOW.fire(A("bevestigd"), "laten_verlopen",
                      f=AttestFeiten(vandaag=date(2026, 7, 1), geldig_tot=date(2026, 7, 1)))
