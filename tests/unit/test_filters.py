"""nl-BE formatting (CONVENTIONS.md: dates as 27/11/2026, money as € 1.379,13)."""
from datetime import date, datetime, timezone
from decimal import Decimal

from caseflow.web.filters import datum, geld, tijdstip


def test_money_in_belgian_notation():
    assert geld(Decimal("1379.13")) == "€\xa01.379,13"
    assert geld(Decimal("0")) == "€\xa00,00"
    assert geld(Decimal("1234567.5")) == "€\xa01.234.567,50"


def test_dates_and_times_in_brussels():
    assert datum(date(2026, 11, 27)) == "27/11/2026"
    # 23:30 UTC on 31 March 2026 is 01:30 on 1 April in Brussels (summer time).
    assert tijdstip(datetime(2026, 3, 31, 23, 30, tzinfo=timezone.utc)) == "01/04/2026 01:30"
    assert tijdstip(datetime(2026, 1, 15, 12, 0)) == "15/01/2026 13:00"
