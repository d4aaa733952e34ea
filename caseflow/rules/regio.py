"""Reference data of the Kempen region (RULES.md R-1.2, R-1.4, I-1.4a, R-5.3)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ZoneData:
    woonmaatschappij: str
    zone: str | None
    patrimonium: int
    gemeenten: tuple[str, ...]
    quota: dict[str, int]


@dataclass(frozen=True)
class WoonmaatschappijData:
    naam: str
    afkorting: str


WOONMAATSCHAPPIJEN = (
    WoonmaatschappijData("De Noorderkempen", "DNK"),
    WoonmaatschappijData("Woonboog", "Woonboog"),
    WoonmaatschappijData("LeefGoed", "LeefGoed"),
)

# sectors that screen but neither refer nor issue attesten (Kind & Gezin screens
# families in kansarmoede and informs the OCMW, which refers them, R-5.2.3).
SCREENING_SECTOREN = ("KG",)

DOELGROEPEN = {
    "housing_first": "Housing First",
    "doorstromers": "Doorstromers",
    "kansarmoede": "Gezinnen in kansarmoede",
}

# patrimonium, R-1.4 gemeenten, I-1.4a zone split, R-5.3 quota.
ZONES = (
    ZoneData("De Noorderkempen", None, 1597,
             ("Arendonk", "Hoogstraten", "Merksplas", "Ravels", "Rijkevorsel"),
             {"housing_first": 1, "doorstromers": 14, "kansarmoede": 6}),
    ZoneData("Woonboog", "Baldemore", 1612,
             ("Balen", "Dessel", "Mol", "Retie"),
             {"housing_first": 1, "doorstromers": 14, "kansarmoede": 6}),
    ZoneData("Woonboog", "RiT", 3136,
             ("Baarle-Hertog", "Beerse", "Kasterlee", "Lille", "Oud-Turnhout", "Turnhout",
              "Vosselaar"),
             {"housing_first": 3, "doorstromers": 27, "kansarmoede": 12}),
    ZoneData("LeefGoed", "Neteland", 2200,
             ("Grobbendonk", "Herentals", "Herenthout", "Olen", "Vorselaar"),
             {"housing_first": 2, "doorstromers": 19, "kansarmoede": 8}),
    ZoneData("LeefGoed", "Zuiderkempen", 2730,
             ("Geel", "Herselt", "Hulshout", "Laakdal", "Meerhout", "Westerlo"),
             {"housing_first": 3, "doorstromers": 24, "kansarmoede": 10}),
)


def alle_gemeenten() -> list[str]:
    return sorted(g for z in ZONES for g in z.gemeenten)
