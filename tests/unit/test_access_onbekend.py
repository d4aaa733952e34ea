"""ASVS 4.1.3: every permission question goes through the one policy; an action it does not
know is a bug that shows, not a silent refusal."""
import pytest

from caseflow import access


class Gast:
    is_authenticated = False
    actief = False
    rol = None


def test_an_unknown_action_raises_instead_of_refusing_quietly():
    with pytest.raises(access.OnbekendeActie):
        access.may(Gast(), "dossier.bekijkenn")
    assert access.may(Gast(), "dossier.bewerken") is False  # a known one is refused


def test_every_workflow_step_has_its_line_in_the_policy():
    """A step added to a workflow without saying who may take it fails here, not in use."""
    from workflows.dossier import WORKFLOW as DOSSIER
    from workflows.signaal import WORKFLOW as SIGNAAL

    for t in DOSSIER.transities:
        access.may(Gast(), t.trigger)  # raises OnbekendeActie when missing
    for t in SIGNAAL.transities:
        access.may(Gast(), f"signaal.{t.trigger}")
