"""The one place that knows what day it is in Belgium."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")


def nu() -> datetime:
    return datetime.now(BRUSSELS)


def vandaag() -> date:
    return nu().date()


def lokaal_datum(tijdstip: datetime) -> date:
    """The day in Belgium of a stored moment (SQLite returns UTC without its offset)."""
    utc = tijdstip if tijdstip.tzinfo else tijdstip.replace(tzinfo=ZoneInfo("UTC"))
    return utc.astimezone(BRUSSELS).date()
