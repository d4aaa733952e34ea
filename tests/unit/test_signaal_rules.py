"""Signalen: werkdagen, deadlines, escalation and the workflow
(I-7.1 to I-7.4)."""
from datetime import date

import pytest

from caseflow.rules.signaal import SignaalFeiten, deadline, escaleert_automatisch
from caseflow.rules.werkdagen import is_werkdag, plus_werkdagen
from workflows.base import TransitieGeweigerd
from workflows.signaal import WORKFLOW


def test_I_7_2_werkdagen_skip_a_weekend_and_a_belgian_holiday():
    # Thursday 30/04/2026; 1 May (Labour Day) is a Friday, then the weekend.
    assert not is_werkdag(date(2026, 5, 1))
    assert plus_werkdagen(date(2026, 4, 30), 1) == date(2026, 5, 4)
    # Easter Monday 06/04/2026: 5 werkdagen from Thursday 02/04 end on Friday 10/04.
    assert plus_werkdagen(date(2026, 4, 2), 5) == date(2026, 4, 10)
    assert plus_werkdagen(date(2026, 4, 2), 0) == date(2026, 4, 2)
    with pytest.raises(ValueError):
        plus_werkdagen(date(2026, 4, 2), -1)


def test_I_7_2_deadlines_counted_from_the_request():
    f = SignaalFeiten(vandaag=date(2026, 12, 1), aangevraagd_op=date(2026, 12, 18))
    # Christmas (25/12) and New Year (01/01) are holidays; weekends are skipped.
    assert deadline(f, "erkennen") == date(2026, 12, 28)
    assert deadline(f, "contact") == date(2027, 1, 5)


@pytest.mark.parametrize("soort,maanden,escaleert", [
    ("huurachterstand", 1, False), ("huurachterstand", 2, True), ("huurachterstand", 3, True),
    ("overlast", 5, False)])
def test_I_7_3_arrears_of_two_months_escalate(soort, maanden, escaleert):
    assert escaleert_automatisch(SignaalFeiten(vandaag=date(2026, 1, 1), soort=soort,
                                               maanden_achterstand=maanden)) is escaleert


class S:
    def __init__(self, status):
        self.status = status


def test_I_7_4_the_request_obliges_only_during_the_engagement():
    during = SignaalFeiten(vandaag=date(2026, 6, 1), engagement_einde=date(2026, 6, 1))
    assert WORKFLOW.fire(S("gemeld"), "aanvragen", f=during) == "aanvraag"
    after = SignaalFeiten(vandaag=date(2026, 6, 2), engagement_einde=date(2026, 6, 1))
    with pytest.raises(TransitieGeweigerd) as e:
        WORKFLOW.fire(S("gemeld"), "aanvragen", f=after)
    assert "I-7.4" in e.value.redenen[0]


def test_the_path_to_opgelost():
    f = SignaalFeiten(vandaag=date(2026, 6, 1))
    s = S("aanvraag")
    for trigger, naar in (("erkennen", "erkend"), ("contact_leggen", "contact"),
                          ("casusoverleg_houden", "casusoverleg"), ("oplossen", "opgelost")):
        assert WORKFLOW.fire(s, trigger, f=f) == naar


def test_escalation_needs_a_reason_I_7_3():
    on_time = SignaalFeiten(vandaag=date(2026, 6, 2), aangevraagd_op=date(2026, 6, 1))
    with pytest.raises(TransitieGeweigerd):
        WORKFLOW.fire(S("aanvraag"), "escaleren", f=on_time)
    late = SignaalFeiten(vandaag=date(2026, 6, 30), aangevraagd_op=date(2026, 6, 1))
    assert WORKFLOW.fire(S("aanvraag"), "escaleren", f=late) == "geescaleerd"
    arrears = SignaalFeiten(vandaag=date(2026, 6, 2), soort="huurachterstand",
                            maanden_achterstand=2)
    assert WORKFLOW.fire(S("erkend"), "escaleren", f=arrears) == "geescaleerd"


@pytest.mark.parametrize("van", ["opgelost", "gesloten"])
def test_closed_signalen_allow_nothing(van):
    assert WORKFLOW.triggers_vanuit(van) == []


ALLE = [
    ("aanvragen", "gemeld", "aanvraag"),
    ("erkennen", "aanvraag", "erkend"),
    ("erkennen", "geescaleerd", "erkend"),
    ("contact_leggen", "erkend", "contact"),
    ("casusoverleg_houden", "contact", "casusoverleg"),
    ("oplossen", "gemeld", "opgelost"),
    ("oplossen", "contact", "opgelost"),
    ("oplossen", "casusoverleg", "opgelost"),
    *[("escaleren", van, "geescaleerd") for van in ("aanvraag", "erkend", "contact",
                                                   "casusoverleg")],
    *[("sluiten", van, "gesloten") for van in ("gemeld", "aanvraag", "erkend", "contact",
                                              "casusoverleg", "geescaleerd")],
]


@pytest.mark.parametrize("trigger,van,naar", ALLE)
def test_every_signaal_transition_allowed(trigger, van, naar):
    f = SignaalFeiten(vandaag=date(2026, 6, 30), soort="huurachterstand", maanden_achterstand=2,
                      engagement_einde=date(2027, 1, 1), aangevraagd_op=date(2026, 6, 1))
    assert WORKFLOW.fire(S(van), trigger, f=f) == naar


@pytest.mark.parametrize("trigger,van", [
    ("erkennen", "gemeld"), ("contact_leggen", "aanvraag"), ("casusoverleg_houden", "erkend"),
    ("oplossen", "aanvraag"), ("escaleren", "gemeld"), ("aanvragen", "aanvraag")])
def test_signaal_transitions_from_the_wrong_stage_are_refused(trigger, van):
    s = S(van)
    with pytest.raises(TransitieGeweigerd):
        WORKFLOW.fire(s, trigger, f=SignaalFeiten(vandaag=date(2026, 6, 30)))
    assert s.status == van


def test_I_7_2_deadlines_are_configuration():
    f = SignaalFeiten(vandaag=date(2026, 6, 1), aangevraagd_op=date(2026, 6, 1),
                      termijnen=(("erkennen", 2), ("contact", 4), ("casusoverleg", 8)))
    assert deadline(f, "erkennen") == date(2026, 6, 3)
