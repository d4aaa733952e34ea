"""Werkdagen (I-7.2): Monday to Friday, without Belgian public holidays (from the maintained
`holidays` library, never a hand-written list)."""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _feestdagen(jaar: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("BE", years=jaar))


def is_werkdag(dag: date) -> bool:
    return dag.weekday() < 5 and dag not in _feestdagen(dag.year)


@lru_cache(maxsize=8192)
def plus_werkdagen(start: date, aantal: int) -> date:
    """The day `aantal` werkdagen after `start` (start itself does not count)."""
    if aantal < 0:
        raise ValueError("een aantal werkdagen is 0 of meer")
    dag = start
    while aantal:
        dag += timedelta(days=1)
        if is_werkdag(dag):
            aantal -= 1
    return dag
