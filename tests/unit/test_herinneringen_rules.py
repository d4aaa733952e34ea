"""The reminder rules as pure functions: lead times from configuration, the digest
from 07:30 Brussels time, retries of failed mail."""
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from caseflow.rules import herinneringen as r
from caseflow.rules.instellingen import valideer

BXL = ZoneInfo("Europe/Brussels")
EINDE = date(2027, 3, 2)


@pytest.mark.parametrize("vandaag, verwacht", [
    (EINDE - timedelta(days=31), None),
    (EINDE - timedelta(days=30), 30),
    (EINDE - timedelta(days=8), 30),
    (EINDE - timedelta(days=7), 7),
    (EINDE - timedelta(days=1), 7),
    (EINDE, None),  # from the end date on, the evaluation is overdue instead
])
def test_agreement_reminder_is_the_nearest_lead_time_reached_R_6_2(vandaag, verwacht):
    assert r.bo_herinnering(EINDE, vandaag, [30, 7]) == verwacht


def test_standard_configuration_is_valid_and_normalised():
    assert r.valideer(r.STANDAARD) == {**r.STANDAARD, "bo_eindigt": [30, 7]}
    waarde = {**r.STANDAARD, "bo_eindigt": [7, 30, 7], "dossier_stil": {"toeleiding": 0}}
    assert r.valideer(waarde)["bo_eindigt"] == [30, 7]
    assert r.valideer(waarde)["dossier_stil"] == {}  # 0 switches the watch off


@pytest.mark.parametrize("wijziging, fout", [
    ({"attest_verloopt": -1}, "attest_verloopt"),
    ({"bo_eindigt": []}, "bo_eindigt"),
    ({"bo_eindigt": ["dertig"]}, "bo_eindigt"),
    ({"dossier_stil": {"onbekend": 3}}, "dossier_stil"),
    ({"engagement_eindigt": True}, "engagement_eindigt"),
])
def test_bad_configuration_is_refused_in_dutch(wijziging, fout):
    with pytest.raises(ValueError, match=fout):
        valideer("herinneringen", {**r.STANDAARD, **wijziging})
    with pytest.raises(ValueError, match="niet meer en niet minder"):
        valideer("herinneringen", {"attest_verloopt": 30})


def test_digest_due_from_0730_once_a_day():
    assert not r.digest_verschuldigd(datetime(2027, 3, 28, 7, 29, tzinfo=BXL), None)
    assert r.digest_verschuldigd(datetime(2027, 3, 28, 7, 30, tzinfo=BXL), None)
    assert r.digest_verschuldigd(datetime(2027, 3, 28, 12, 0, tzinfo=BXL), date(2027, 3, 27))
    assert not r.digest_verschuldigd(datetime(2027, 3, 28, 12, 0, tzinfo=BXL),
                                     date(2027, 3, 28))


def test_failed_mail_is_retried_later_and_later():
    t = datetime(2026, 12, 1, 9, 0, tzinfo=BXL)
    wachttijden = [r.volgende_poging(t, n) - t for n in (1, 2, 3, 4, 9)]
    assert wachttijden == [timedelta(minutes=m) for m in (5, 15, 60, 240, 240)]


def test_kind_labels_in_dutch():
    assert r.soort_label("bo_eindigt_7") == "Begeleidingsovereenkomst eindigt (7 dagen)"
    assert r.soort_label("attest_verloopt") == "Attest verloopt"
