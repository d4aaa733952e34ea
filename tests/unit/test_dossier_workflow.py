"""Every transition of the dossier workflow, allowed and refused."""
from dataclasses import replace
from datetime import date, timedelta

import pytest

from caseflow.rules.dossier import AFSLUITREDENEN, DossierFeiten
from workflows.base import TransitieGeweigerd
from workflows.dossier import MACHINE, OPEN_STATES, STATES, WORKFLOW

TODAY = date(2026, 11, 27)
ALL_OK = DossierFeiten(
    vandaag=TODAY, cir_ingeschreven=True, attest_status="uitgereikt",
    attest_geldig_tot=date(2027, 5, 1), begeleidingsovereenkomst_actief=True,
    engagement_einde=date(2026, 1, 1),
)


class Obj:
    def __init__(self, status):
        self.status = status


ALLOWED = [
    # (trigger, from, to, facts)
    ("attest_voorbereiden", "toeleiding", "attest", ALL_OK),
    ("attest_uitreiken", "attest", "kandidaat", ALL_OK),
    ("toewijzen", "kandidaat", "toegewezen", replace(ALL_OK, attest_status="bevestigd")),
    ("begeleiding_starten", "toegewezen", "begeleiding", ALL_OK),
    ("begeleiding_starten", "aanklampend", "begeleiding", ALL_OK),
    ("zonder_begeleiding_opvolgen", "toegewezen", "aanklampend", ALL_OK),
    ("begeleiding_beeindigen", "begeleiding", "aanklampend",
     replace(ALL_OK, begeleidingsovereenkomst_actief=False)),
]


@pytest.mark.parametrize("trigger,van,naar,f", ALLOWED)
def test_allowed_transition(trigger, van, naar, f):
    obj = Obj(van)
    assert WORKFLOW.fire(obj, trigger, f=f) == naar
    assert obj.status == naar


REFUSED = [
    # (trigger, from, facts, words in the Dutch reason, rule)
    ("attest_voorbereiden", "toeleiding", replace(ALL_OK, cir_ingeschreven=False),
     "Centraal Inschrijvingsregister"),
    ("attest_uitreiken", "attest", replace(ALL_OK, attest_status=None), "R-3.1"),
    ("attest_uitreiken", "attest", replace(ALL_OK, attest_geldig_tot=date(2026, 11, 26)),
     "R-3.1"),
    ("toewijzen", "kandidaat", ALL_OK, "R-3.3"),  # I-3.3: uitgereikt is not bevestigd
    ("begeleiding_starten", "toegewezen",
     replace(ALL_OK, begeleidingsovereenkomst_actief=False), "geen begeleidingsovereenkomst"),
    ("zonder_begeleiding_opvolgen", "toegewezen", replace(ALL_OK, knipperlicht=True), "R-6.4"),
    ("begeleiding_beeindigen", "begeleiding", ALL_OK, "loopt nog"),
]


@pytest.mark.parametrize("trigger,van,f,woorden", REFUSED)
def test_refused_transition_says_why_and_leaves_the_state(trigger, van, f, woorden):
    obj = Obj(van)
    with pytest.raises(TransitieGeweigerd) as e:
        WORKFLOW.fire(obj, trigger, f=f)
    assert any(woorden.lower() in r.lower() for r in e.value.redenen), e.value.redenen
    assert obj.status == van


@pytest.mark.parametrize("state", list(STATES))
def test_triggers_from_the_wrong_stage_are_refused(state):
    for t in {t.trigger for t in WORKFLOW.transities} - set(WORKFLOW.triggers_vanuit(state)):
        obj = Obj(state)
        with pytest.raises(TransitieGeweigerd) as e:
            WORKFLOW.fire(obj, t, f=ALL_OK, reden="ingetrokken")
        assert "niet mogelijk in de fase" in e.value.redenen[0]
        assert obj.status == state


@pytest.mark.parametrize("state", OPEN_STATES)
def test_close_from_every_open_stage_with_a_reason(state):
    obj = Obj(state)
    assert WORKFLOW.fire(obj, "afsluiten", f=ALL_OK, reden="private_huurmarkt") == "afgesloten"


def test_close_needs_a_known_reason():
    obj = Obj("kandidaat")
    with pytest.raises(TransitieGeweigerd):
        WORKFLOW.fire(obj, "afsluiten", f=ALL_OK, reden="zomaar")
    with pytest.raises(TransitieGeweigerd):
        WORKFLOW.fire(obj, "afsluiten", f=ALL_OK)
    assert obj.status == "kandidaat"


def test_engagement_afgelopen_only_after_its_last_day_R_6_3_I_7_4a():
    obj = Obj("aanklampend")
    for einde in (date(2027, 3, 1), TODAY):  # running, and its last day (I-7.4a)
        with pytest.raises(TransitieGeweigerd) as e:
            WORKFLOW.fire(obj, "afsluiten", f=replace(ALL_OK, engagement_einde=einde),
                          reden="engagement_afgelopen")
        assert "I-7.4a" in e.value.redenen[0]
    ended = replace(ALL_OK, engagement_einde=TODAY - timedelta(days=1))
    with pytest.raises(TransitieGeweigerd):  # an obliging signaal keeps it open
        WORKFLOW.fire(obj, "afsluiten", f=replace(ended, verplicht_signaal_open=True),
                      reden="engagement_afgelopen")
    assert WORKFLOW.fire(obj, "afsluiten", f=ended, reden="engagement_afgelopen") == "afgesloten"


@pytest.mark.parametrize("state", OPEN_STATES)
def test_reopen_returns_to_the_stage_it_was_closed_from(state):
    obj = Obj("afgesloten")
    assert WORKFLOW.fire(obj, "heropenen", f=replace(ALL_OK, gesloten_vanuit=state)) == state


def test_reopen_without_known_previous_stage_is_refused():
    obj = Obj("afgesloten")
    with pytest.raises(TransitieGeweigerd):
        WORKFLOW.fire(obj, "heropenen", f=replace(ALL_OK, gesloten_vanuit=None))
    assert obj.status == "afgesloten"


def test_actions_list_explains_blocked_ones():
    acties = {a.trigger: a for a in WORKFLOW.acties("toeleiding",
                                                     f=replace(ALL_OK, cir_ingeschreven=False))}
    assert set(acties) == {"attest_voorbereiden", "afsluiten"}
    assert not acties["attest_voorbereiden"].mogelijk
    assert "CIR" in acties["attest_voorbereiden"].redenen[0]


def test_one_shared_machine_no_models_attached():
    """CONVENTIONS.md: one module-level Machine, never one per object."""
    for _ in range(3):
        WORKFLOW.fire(Obj("toeleiding"), "attest_voorbereiden", f=ALL_OK)
    assert MACHINE.models == []
    assert MACHINE.auto_transitions is False


def test_every_reason_has_a_dutch_label():
    assert "private_huurmarkt" in AFSLUITREDENEN and "R-4.10" in AFSLUITREDENEN["private_huurmarkt"]


def test_mermaid_lists_every_transition():
    diagram = WORKFLOW.mermaid()
    assert diagram.startswith("stateDiagram-v2")
    for t in WORKFLOW.transities:
        for bron in t.bronnen:
            assert f"{bron} --> {t.doel}: {t.label}" in diagram


def test_R_6_4_knipperlicht_without_overleg_blocks_the_toewijzing():
    f = replace(ALL_OK, attest_status="bevestigd", knipperlicht_zonder_overleg=True)
    with pytest.raises(TransitieGeweigerd) as e:
        WORKFLOW.fire(Obj("kandidaat"), "toewijzen", f=f)
    assert "R-6.4" in e.value.redenen[0]


def test_R_6_4_after_overleg_only_with_a_begeleidingsovereenkomst():
    f = replace(ALL_OK, attest_status="bevestigd", knipperlicht=True)
    obj = Obj("kandidaat")
    assert WORKFLOW.fire(obj, "toewijzen", f=f) == "toegewezen"
    with pytest.raises(TransitieGeweigerd):
        WORKFLOW.fire(obj, "zonder_begeleiding_opvolgen", f=f)
    assert WORKFLOW.fire(obj, "begeleiding_starten", f=f) == "begeleiding"


def test_R_4_7_bijzondere_omstandigheden_need_an_approved_sociaal_verslag():
    f = replace(ALL_OK, attest_status="bevestigd", bijzondere_omstandigheden=True)
    with pytest.raises(TransitieGeweigerd) as e:
        WORKFLOW.fire(Obj("kandidaat"), "toewijzen", f=f)
    assert "R-4.7" in e.value.redenen[0]
    ok = replace(f, sociaal_verslag_goedgekeurd=True)
    assert WORKFLOW.fire(Obj("kandidaat"), "toewijzen", f=ok) == "toegewezen"
