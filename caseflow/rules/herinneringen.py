"""When the scheduler reminds, as pure functions over dates. The lead times are the
configuration `herinneringen` (a beheerder adds versions, like every setting); STANDAARD is what
`flask init` loads and what counts while nothing is configured."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from caseflow.rules import datums

STANDAARD = {
    "attest_verloopt": 30,          # days before an attest lapses (I-3.4)
    "actiepunt_vervalt": 2,         # days before an action item of a casusoverleg (I-6.5a)
    "bo_eindigt": [30, 7],          # days before a begeleidingsovereenkomst ends
    "engagement_eindigt": 30,       # days before the 2-year engagement ends
    "signaal_termijn": 1,           # days before an I-7.2 deadline, to the hulpverlener
    # Days without any recorded change before a dossier counts as stilgevallen, per status.
    # A kandidaat waits on the ranking and an aanklampend dossier is quiet when all goes well,
    # so those two are not watched by default.
    "dossier_stil": {"toeleiding": 30, "attest": 30, "toegewezen": 30, "begeleiding": 90},
}

STIL_STATUSSEN = ("toeleiding", "attest", "kandidaat", "toegewezen", "begeleiding",
                  "aanklampend")


def _dagen(value, wat: str, maximum: int = 365) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= maximum:
        raise ValueError(f"{wat}: geef een geheel aantal dagen van 0 tot {maximum}")
    return value


def valideer(waarde) -> dict:
    """The setting normalised, or ValueError with a Dutch message."""
    if not isinstance(waarde, dict) or set(waarde) != set(STANDAARD):
        raise ValueError("geef " + ", ".join(STANDAARD) + ", niet meer en niet minder")
    bo = waarde["bo_eindigt"]
    if not isinstance(bo, list) or not bo:
        raise ValueError("bo_eindigt: geef een lijst van dagen, bv. [30, 7]")
    bo = sorted({_dagen(d, "bo_eindigt") for d in bo}, reverse=True)
    stil = waarde["dossier_stil"]
    if not isinstance(stil, dict) or not set(stil) <= set(STIL_STATUSSEN):
        raise ValueError("dossier_stil: geef dagen per status (" + ", ".join(STIL_STATUSSEN)
                         + ")")
    return {
        "attest_verloopt": _dagen(waarde["attest_verloopt"], "attest_verloopt"),
        "actiepunt_vervalt": _dagen(waarde["actiepunt_vervalt"], "actiepunt_vervalt"),
        "bo_eindigt": bo,
        "engagement_eindigt": _dagen(waarde["engagement_eindigt"], "engagement_eindigt"),
        "signaal_termijn": _dagen(waarde["signaal_termijn"], "signaal_termijn", 30),
        "dossier_stil": {s: _dagen(d, s, 730) for s, d in stil.items() if d},
    }


def herinner_vanaf(vervaldatum: date, dagen_vooraf: int) -> date:
    return datums.verschuif(vervaldatum, -dagen_vooraf)


def bo_herinnering(einde: date, vandaag: date, vooraf: list[int]) -> int | None:
    """Which 'ends in N days' reminder is due today: the nearest lead time already reached.

    After downtime only the most urgent one is sent: a 30-day notice when 5 days are left would
    only confuse. Once the end date has passed the evaluation is overdue instead (None here)."""
    if vandaag >= einde:
        return None
    bereikt = [d for d in vooraf if vandaag >= herinner_vanaf(einde, d)]
    return min(bereikt) if bereikt else None


def stil_sinds(vandaag: date, dagen: int) -> date:
    """A dossier whose last change was before this date is stilgevallen."""
    return vandaag - timedelta(days=dagen)


SOORTEN = {
    "attest_verloopt": "Attest verloopt",
    "attest_verlopen": "Attest verlopen",
    "actiepunt_vervalt": "Actiepunt vervalt",
    "actiepunt_te_laat": "Actiepunt te laat",
    "signaal_termijn_nadert": "Termijn van een signaal nadert",
    "signaal_termijn": "Termijn van een signaal verstreken",
    "signaal_automatisch_geescaleerd": "Huurachterstand automatisch geëscaleerd",
    "dubbel_dossier": "Zelfde persoon in twee organisaties",
    "voorstel_wacht": "Voorstel wacht op uw beslissing",
    "dossier_toegewezen": "Dossier aan u toegewezen",
    "opvolging_nieuw": "Nieuw in Opvolging",
    "bo_eindigt": "Begeleidingsovereenkomst eindigt",
    "bo_evaluatie_te_laat": "Evaluatie begeleidingsovereenkomst te laat",
    "engagement_eindigt": "Engagement eindigt",
    "engagement_afgelopen": "Engagement afgelopen: dossier afgesloten",
    "dossier_stil": "Dossier staat stil",
    "account_geblokkeerd": "Account geblokkeerd na mislukte aanmeldpogingen",
}

DIGEST_UUR = time(7, 30)  # Europe/Brussels


def soort_label(soort: str) -> str:
    """'bo_eindigt_7' reads as 'Begeleidingsovereenkomst eindigt (7 dagen)'."""
    basis, _, dagen = soort.rpartition("_")
    if dagen.isdigit() and basis in SOORTEN:
        return f"{SOORTEN[basis]} ({dagen} dagen)"
    return SOORTEN.get(soort, soort)


def digest_verschuldigd(nu_lokaal: datetime, laatste_digest: date | None) -> bool:
    """The daily digest goes once a day, from 07:30 local time; a scheduler that was down at
    07:30 sends it at its first sweep after."""
    return nu_lokaal.time() >= DIGEST_UUR and (
        laatste_digest is None or laatste_digest < nu_lokaal.date())


def volgende_poging(nu: datetime, pogingen: int) -> datetime:
    """Retry a failed mail after 5, 15, 60 minutes, then every 4 hours."""
    minuten = (5, 15, 60)[pogingen - 1] if 1 <= pogingen <= 3 else 240
    return nu + timedelta(minutes=minuten)


MAX_MAILPOGINGEN = 12  # then the reminder stays in the app only
