"""Point tables of the pijler 2 wegingskader as data (RULES.md section 4).

They are loaded into versioned configuration by `flask init`; the scoring functions come with
the wegingskader issue.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from caseflow import formaat
from caseflow.formaat import euro


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


def huishouden_fout(huishouden: str, kinderen: int) -> str | None:
    """I-4.2c: an alleenstaande has no dependants; with children the household is a gezin.
    The one check of the form, the command line and every import."""
    if huishouden == "alleenstaande" and kinderen > 0:
        return "een alleenstaande heeft geen kinderen ten laste; kies 'gezin' (I-4.2c)"
    return None


# --- the scoring rules (pure functions over plain values) --------------------------------

BEREIKEN = ("gemeente", "werkingsgebied", "arrondissement")  # I-4.4, narrow to wide


class OngeldigeInvoer(ValueError):
    """A value the wegingskader cannot score; the message is Dutch."""


@dataclass(frozen=True)
class Limieten:
    """The configuration in force on a peildatum (I-4.2a): what a stored score records."""

    peildatum: date
    leefloon_ingang: date
    leefloon: dict[str, Decimal]  # "alleenstaande" / "gezin" -> monthly leefloon
    toeslagen: dict[str, tuple[tuple[Decimal, int], ...]]
    woonnood_punten: dict[str, int | None]
    kinderlast_punten: tuple[int, ...]
    begeleiding_punten: dict[str, int]
    versie: str

    def maxima(self, huishouden: str) -> tuple[tuple[Decimal, int], ...]:
        """R-4.2: the income maxima (leefloon + toeslag) with their points, lowest first."""
        return self._maxima[huishouden]

    @functools.cached_property
    def _maxima(self) -> dict[str, tuple[tuple[Decimal, int], ...]]:
        """Summed once per configuration (a ranking asks them for thousands of candidates)."""
        return {huishouden: tuple((leefloon + toeslag, punten)
                                  for toeslag, punten in self.toeslagen[huishouden])
                for huishouden, leefloon in self.leefloon.items()}


def limieten_op(peildatum: date, leefloon_versies=LEEFLOON_VERSIES,
                toeslagen=INKOMEN_TOESLAGEN, woonnood=None, kinderlast=KINDERLAST_PUNTEN,
                begeleiding=None, versie: str | None = None) -> Limieten:
    """R-4.2b: the leefloon version whose effective date is the latest on or before peildatum."""
    geldig = [v for v in leefloon_versies if v[0] <= peildatum]
    if not geldig:
        raise OngeldigeInvoer(f"Geen leefloon gekend op {formaat.datum(peildatum)}.")
    ingang, alleen, gezin = max(geldig, key=lambda v: v[0])
    return Limieten(
        peildatum=peildatum, leefloon_ingang=ingang,
        leefloon={"alleenstaande": alleen, "gezin": gezin},
        toeslagen=toeslagen,
        woonnood_punten=woonnood or {w.code: w.punten for w in WOONNOOD},
        kinderlast_punten=tuple(kinderlast),
        begeleiding_punten=begeleiding or dict(BEGELEIDING_PUNTEN),
        versie=versie or f"leefloon {formaat.datum(ingang)}",
    )


def punten_woonnood(code: str, limieten: Limieten) -> int | None:
    """R-4.1: points by code; None for bijzondere omstandigheden (R-4.7, not scored)."""
    if code not in limieten.woonnood_punten:
        raise OngeldigeInvoer(f"onbekende woonnood '{code}'")
    return limieten.woonnood_punten[code]


def punten_inkomen(inkomen: Decimal, huishouden: str, limieten: Limieten) -> int:
    """R-4.2: at or below a maximum falls in that category; above category 2 scores 0."""
    if huishouden not in limieten.leefloon:
        raise OngeldigeInvoer(f"onbekend huishouden '{huishouden}'")
    if inkomen < 0:
        raise OngeldigeInvoer("een inkomen kan niet negatief zijn")
    for maximum, punten in limieten.maxima(huishouden):
        if inkomen <= maximum:
            return punten
    return 0


def punten_kinderlast(kinderen: int, limieten: Limieten) -> int:
    """R-4.5; I-4.5a: more than the table's last row scores the table's maximum."""
    if kinderen < 0:
        raise OngeldigeInvoer("een aantal kinderen kan niet negatief zijn")
    tabel = limieten.kinderlast_punten
    return tabel[min(kinderen, len(tabel) - 1)]


@dataclass(frozen=True)
class Regio:
    """Which woonmaatschappij serves each gemeente, and which lie in the arrondissement
    (R-1.4); gemeente names are compared without regard to case."""

    werkingsgebied: dict[str, str | None]
    arrondissement: frozenset[str]
    namen: tuple[str, ...] = ()  # the gemeenten as written (a ranking in SQL matches them)

    def kent(self, gemeente: str) -> bool:
        return gemeente.strip().lower() in self.werkingsgebied

    def gemeenten_van(self, woonmaatschappij: str) -> tuple[str, ...]:
        return tuple(g for g, wm in self.werkingsgebied.items() if wm == woonmaatschappij)


def punten_begeleiding(ocmw_gemeente: str, bereik: str, woning_gemeente: str | None,
                       regio: Regio, limieten: Limieten, woonmaatschappij: str | None = None
                       ) -> int:
    """R-4.3 as read in I-4.4; 0 means the candidate cannot be proposed for that dwelling.

    Without a dwelling the best reachable applies: among the gemeenten of `woonmaatschappij`
    when it is given (a candidate on its list), else the OCMW's own gemeente.
    """
    if bereik not in BEREIKEN:
        raise OngeldigeInvoer(f"onbekend bereik '{bereik}'")
    if woning_gemeente is None and woonmaatschappij is not None:
        return max((punten_begeleiding(ocmw_gemeente, bereik, g, regio, limieten)
                    for g in regio.gemeenten_van(woonmaatschappij)), default=0)
    punten = limieten.begeleiding_punten
    ocmw = ocmw_gemeente.strip().lower()
    if woning_gemeente is None or woning_gemeente.strip().lower() == ocmw:
        return punten["gemeente"]
    woning = woning_gemeente.strip().lower()
    wm = regio.werkingsgebied.get(ocmw)
    if bereik in ("werkingsgebied", "arrondissement") and wm is not None \
            and regio.werkingsgebied.get(woning) == wm:
        return punten["werkingsgebied"]
    if bereik == "arrondissement" and woning in regio.arrondissement:
        return punten["arrondissement"]
    return 0


@dataclass(frozen=True)
class Kandidaat:
    id: str
    woonnood: str
    huishouden: str
    inkomen: Decimal
    begeleiding_gemeente: str
    begeleiding_bereik: str
    kinderen: int
    cir_datum: date
    attest_datum: date | None = None


@dataclass(frozen=True)
class Score:
    woonnood: int
    inkomen: int
    begeleiding: int
    kinderlast: int
    in_aanmerking: bool
    redenen: tuple[str, ...]
    bijzondere_omstandigheden: bool = False

    @property
    def totaal(self) -> int:
        return self.woonnood + self.inkomen + self.begeleiding + self.kinderlast


def score(k: Kandidaat, limieten: Limieten, regio: Regio,
          woning_gemeente: str | None = None, woonmaatschappij: str | None = None,
          begeleiding_van: Callable[..., int] = punten_begeleiding) -> Score:
    """All four criteria, and R-4.8 as read in I-4.8a: more than 0 for woonnood, inkomen and
    begeleiding; kinderlast may be 0. Bijzondere omstandigheden are left out (R-4.7).
    Without a dwelling, begeleiding counts the best reachable in `woonmaatschappij` (I-4.4).
    `begeleiding_van`: punten_begeleiding, or a ranking's remembered copy of it."""
    woonnood = punten_woonnood(k.woonnood, limieten)
    inkomen = punten_inkomen(k.inkomen, k.huishouden, limieten)
    begeleiding = begeleiding_van(k.begeleiding_gemeente, k.begeleiding_bereik,
                                  woning_gemeente, regio, limieten, woonmaatschappij)
    kinderlast = punten_kinderlast(k.kinderen, limieten)
    redenen = []
    if woonnood is None:
        redenen.append("bijzondere omstandigheden van sociale aard worden niet gescoord: "
                       "toewijzing enkel met een gemotiveerd sociaal verslag (R-4.7)")
    elif woonnood <= 0:
        redenen.append("geen punten voor actuele woonnood (R-4.8)")
    if inkomen <= 0:
        hoogste = limieten.maxima(k.huishouden)[-1][0]
        redenen.append(f"inkomen {euro(k.inkomen)} ligt boven de grens van {euro(hoogste)} "
                       f"voor een {k.huishouden} (R-4.2, leefloon vanaf "
                       f"{formaat.datum(limieten.leefloon_ingang)})")
    if begeleiding <= 0:
        waar = woning_gemeente or f"het werkingsgebied van {woonmaatschappij}"
        redenen.append(f"begeleiding vanuit {k.begeleiding_gemeente} (bereik "
                       f"{k.begeleiding_bereik}) reikt niet tot {waar} (R-4.3, I-4.4)")
    return Score(woonnood or 0, inkomen, begeleiding, kinderlast, not redenen, tuple(redenen),
                 bijzondere_omstandigheden=woonnood is None)


def _id_sleutel(id_: str) -> tuple:
    return (0, int(id_), id_) if id_.isdigit() else (1, 0, id_)


def volgorde(k: Kandidaat, s: Score) -> tuple:
    """R-4.6 and I-4.6a: highest total, then earliest CIR date, earliest attest date, lowest id."""
    return (-s.totaal, k.cir_datum, k.attest_datum or date.max, _id_sleutel(k.id))


def rangschik(items: list[tuple[Kandidaat, Score]]) -> dict[str, int]:
    """Rank 1..n over the eligible candidates; the order is total and reproducible."""
    eligible = sorted((pair for pair in items if pair[1].in_aanmerking),
                      key=lambda pair: volgorde(*pair))
    return {k.id: rang for rang, (k, _) in enumerate(eligible, start=1)}


# --- the explanation a candidate can read (R-4.9) -----------------------------------------

@dataclass(frozen=True)
class Criterium:
    naam: str
    regel: str
    tekst: str
    punten: int
    maximum: int


def uitleg(k: Kandidaat, s: Score, limieten: Limieten, woning_gemeente: str | None = None,
           woonmaatschappij: str | None = None) -> list[Criterium]:
    """Every criterion with its points, the rule it comes from and the Dutch wording; points
    and maxima as the configuration in force has them (R-4.9)."""
    w = WOONNOOD_BY_CODE[k.woonnood]
    maxima = limieten.maxima(k.huishouden)
    grenzen = "; ".join(
        f"tot {euro(m)} (leefloon + {euro(t)}): {p} punten"
        for (m, p), (t, _) in zip(maxima, limieten.toeslagen[k.huishouden], strict=True))
    bereik = {"gemeente": "de gemeente van het bevoegde OCMW",
              "werkingsgebied": "het werkingsgebied van de woonmaatschappij",
              "arrondissement": "het arrondissement Turnhout"}[k.begeleiding_bereik]
    if woning_gemeente:
        waar = f"een woning in {woning_gemeente}"
    elif woonmaatschappij:
        waar = f"de best bereikbare woning van {woonmaatschappij}"
    else:
        waar = "de best bereikbare woning (in de gemeente van het OCMW)"
    b = limieten.begeleiding_punten
    return [
        Criterium("Actuele woonnood", "R-4.1", f"{w.groep}: {w.omschrijving}", s.woonnood,
                  max((p or 0 for p in limieten.woonnood_punten.values()), default=0)),
        Criterium("Actueel inkomen", "R-4.2",
                  f"{euro(k.inkomen)} per maand voor een {k.huishouden}; {grenzen}; daarboven "
                  f"0 punten (leefloon vanaf {formaat.datum(limieten.leefloon_ingang)})",
                  s.inkomen, max(p for cats in limieten.toeslagen.values() for _, p in cats)),
        Criterium("Begeleiding door een professionele actor", "R-4.3",
                  f"bevoegd OCMW {k.begeleiding_gemeente}, begeleiding mogelijk in {bereik}; "
                  f"voor {waar}: {b['gemeente']} punten in de gemeente van het OCMW, "
                  f"{b['werkingsgebied']} elders in het werkingsgebied, {b['arrondissement']} "
                  "elders in het arrondissement", s.begeleiding, max(b.values())),
        Criterium("Kinderlast", "R-4.5", f"{k.kinderen} kind(eren) ten laste", s.kinderlast,
                  max(limieten.kinderlast_punten)),
    ]


def wat_zou_helpen(k: Kandidaat, s: Score, limieten: Limieten,
                   woning_gemeente: str | None = None) -> list[str]:
    """For a candidate who is not eligible: what would change that (R-4.8, I-4.8a)."""
    hulp = []
    if s.bijzondere_omstandigheden:
        hulp.append("Een gemotiveerd sociaal verslag, goedgekeurd door de woonmaatschappij, "
                    "maakt een toewijzing buiten het wegingskader mogelijk (R-4.7).")
    if s.inkomen <= 0:
        hulp.append(f"Een beschikbaar inkomen van hoogstens "
                    f"{euro(limieten.maxima(k.huishouden)[-1][0])} per maand.")
    if s.begeleiding <= 0:
        waar = woning_gemeente or "het werkingsgebied van de woonmaatschappij"
        hulp.append(f"Begeleiding die tot in {waar} reikt (een ruimer bereik op het attest), "
                    "of een woning dichter bij het bevoegde OCMW.")
    return hulp
