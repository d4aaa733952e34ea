"""Point tables of the pijler 2 wegingskader as data (RULES.md section 4).

They are loaded into versioned configuration by `flask init`; the scoring functions come with
the wegingskader issue.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Woonnood:
    code: str
    groep: str
    omschrijving: str
    punten: int | None  # None: not scored


WOONNOOD = (
    Woonnood("geen_opvang", "dak- en thuisloos (of dreigend)",
             "geen huisvesting of opvang, of in nachtopvang", 15),
    Woonnood("instelling_verlaten", "dak- en thuisloos",
             "moet instelling of gevangenis verlaten, elders geen woonrecht", 20),
    Woonnood("opvang", "dak- en thuisloos",
             "in opvangtehuis, noodwoning, crisisopvang, transitwoning of hotel", 20),
    Woonnood("familie_vrienden", "dak- en thuisloos",
             "verliest woonrecht, opgevangen bij familie of vrienden", 20),
    Woonnood("uithuiszetting", "dak- en thuisloos",
             "huur opgezegd met opzegtermijn < 3 maanden, of moet woning verplicht en "
             "rechtsgeldig verlaten binnen < 3 maanden", 20),
    Woonnood("jongere_begeleid", "jongere",
             "jongere die met begeleiding zelfstandig woont of gaat wonen", 20),
    Woonnood("ggz", "GGZ", "geestelijk gezondheidsprobleem, woont of gaat zelfstandig wonen", 20),
    Woonnood("niet_bestemd_voor_wonen", "slechte huisvesting",
             "goed niet bestemd voor wonen met ernstige gebreken of zonder "
             "basisnutsvoorzieningen, vastgesteld in pv (art. 3.35 VCW)", 20),
    Woonnood("onbewoonbaar", "slechte huisvesting",
             "onbewoonbare woning (art. 135 Nieuwe Gemeentewet)", 20),
    Woonnood("ongeschikt", "slechte huisvesting",
             "ongeschikt verklaarde woning, naargelang de gebreken (art. 3.12 of 3.16 VCW)", 20),
    Woonnood("overbewoond", "slechte huisvesting",
             "overbewoonde woning (art. 3.24 of 3.28 VCW)", 20),
    Woonnood("bijzondere_omstandigheden", "bijzondere omstandigheden van sociale aard",
             "bijzondere omstandigheden van sociale aard (R-4.7): niet gescoord, "
             "gemotiveerd sociaal verslag nodig", None),
)

WOONNOOD_BY_CODE = {w.code: w for w in WOONNOOD}

# and I-4.5a: index = number of children, more than 10 counts as 10.
KINDERLAST_PUNTEN = (0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5)

#
BEGELEIDING_PUNTEN = {"gemeente": 5, "werkingsgebied": 3, "arrondissement": 1}

# R-4.2b: monthly leefloon (alleenstaande, persoon met gezinslast) by effective date.
LEEFLOON_VERSIES = (
    (date(2023, 1, 1), Decimal("1214.13"), Decimal("1640.83")),
    (date(2024, 5, 1), Decimal("1288.46"), Decimal("1741.29")),
    (date(2025, 2, 1), Decimal("1314.20"), Decimal("1776.07")),
)

# I-4.2a: toeslagen on the leefloon per household and category, with their points.
INKOMEN_TOESLAGEN = {
    "alleenstaande": ((Decimal("165"), 20), (Decimal("330"), 15)),
    "gezin": ((Decimal("264"), 20), (Decimal("462"), 15)),
}

HUISHOUDENS = {"alleenstaande": "Alleenstaande", "gezin": "Gezin (partner en/of kinderen)"}
