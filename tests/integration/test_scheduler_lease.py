"""The scheduler's leader lease: one leads, the other waits and takes over
when the first stops renewing."""
from datetime import datetime, timedelta, timezone

from caseflow.scheduler import probeer_leiding

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=timezone.utc)
DUUR = timedelta(minutes=15)


def test_one_leader_the_other_takes_over_after_expiry(app):
    assert probeer_leiding("a", DUUR, T0)
    assert not probeer_leiding("b", DUUR, T0 + timedelta(minutes=1))
    assert probeer_leiding("a", DUUR, T0 + timedelta(minutes=5))  # renewal
    assert not probeer_leiding("b", DUUR, T0 + timedelta(minutes=19))
    assert probeer_leiding("b", DUUR, T0 + timedelta(minutes=21))  # a stopped renewing
    assert not probeer_leiding("a", DUUR, T0 + timedelta(minutes=22))
