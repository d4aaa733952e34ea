"""The begeleidingsovereenkomst workflow (R-6.2): every transition, allowed and refused."""
from datetime import date

import pytest

from caseflow.rules.begeleiding import BOFeiten
from workflows.base import TransitieGeweigerd
from workflows.begeleidingsovereenkomst import WORKFLOW

EINDE = date(2027, 6, 30)


class BO:
    def __init__(self, status):
        self.status = status


def f(**kw) -> BOFeiten:
    return BOFeiten(**({"vandaag": date(2027, 1, 1), "geplande_einde": EINDE} | kw))


@pytest.mark.parametrize("trigger,van,naar,feiten", [
    ("ondertekenen", "voorgesteld", "actief",
     f(voorstel_soort="ondertekenen", voorstel_partij="welzijn", beslisser_partij="wonen")),
    ("niet_ondertekenen", "voorgesteld", "geweigerd",
     f(voorstel_soort="ondertekenen", voorstel_partij="wonen", beslisser_partij="welzijn")),
    ("evaluatie_starten", "actief", "evaluatie", f(vandaag=date(2027, 5, 31))),
    ("verlengen", "evaluatie", "actief",
     f(voorstel_soort="verlengen", voorstel_partij="wonen", beslisser_partij="welzijn",
       nieuwe_einde=date(2027, 12, 31))),
    ("verkorten", "actief", "actief",
     f(voorstel_soort="verkorten", voorstel_partij="welzijn", beslisser_partij="wonen",
       nieuwe_einde=date(2027, 3, 31))),
    ("beeindigen", "evaluatie", "beeindigd", f(vandaag=EINDE)),
])
def test_allowed(trigger, van, naar, feiten):
    assert WORKFLOW.fire(BO(van), trigger, f=feiten) == naar


@pytest.mark.parametrize("trigger,van,feiten,woord", [
    ("ondertekenen", "voorgesteld",
     f(voorstel_soort="ondertekenen", voorstel_partij="welzijn", beslisser_partij="welzijn"),
     "andere partij"),
    ("verlengen", "actief",
     f(voorstel_soort="verlengen", voorstel_partij="wonen", beslisser_partij="wonen",
       nieuwe_einde=date(2027, 12, 31)), "andere partij"),
    ("verlengen", "actief",
     f(voorstel_soort="verlengen", voorstel_partij="wonen", beslisser_partij="welzijn",
       nieuwe_einde=date(2027, 1, 31)), "later"),
    ("verkorten", "actief",
     f(voorstel_soort="verkorten", voorstel_partij="wonen", beslisser_partij=None,
       nieuwe_einde=date(2027, 3, 31)), "andere partij"),
    ("evaluatie_starten", "actief", f(vandaag=date(2027, 5, 30)), "30 dagen"),
    ("beeindigen", "actief", f(vandaag=date(2027, 6, 29)), "verkorting"),
    ("ondertekenen", "actief",
     f(voorstel_soort="ondertekenen", voorstel_partij="welzijn", beslisser_partij="wonen"),
     "niet mogelijk"),
])
def test_refused(trigger, van, feiten, woord):
    bo = BO(van)
    with pytest.raises(TransitieGeweigerd) as e:
        WORKFLOW.fire(bo, trigger, f=feiten)
    assert any(woord in r for r in e.value.redenen), e.value.redenen
    assert bo.status == van


@pytest.mark.parametrize("van", ["beeindigd", "geweigerd"])
def test_final_states(van):
    assert WORKFLOW.triggers_vanuit(van) == []
