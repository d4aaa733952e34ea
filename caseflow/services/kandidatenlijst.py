"""A candidate list from a CSV file: read, score, rank and simulate.

Reading reports every bad row as `regel N: kolom X: ...`; nothing is scored then.
"""
from __future__ import annotations

import csv
import io
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterable

from dateutil.relativedelta import relativedelta

from caseflow.formaat import parse_bedrag
from caseflow.rules import datums
from caseflow.rules.attest import geldig_op
from caseflow.rules.wegingskader import (
    BEREIKEN,
    HUISHOUDENS,
    WOONNOOD_BY_CODE,
    Kandidaat,
    Limieten,
    Regio,
    Score,
    huishouden_fout,
    rangschik,
    score,
    volgorde,
)

VERPLICHT = ("id", "woonnood", "huishouden", "inkomen", "begeleiding_gemeente",
             "begeleiding_bereik", "kinderen", "cir_datum")
KOLOMMEN = VERPLICHT + ("attest_datum",)
UITVOER = ("id", "woonnood", "inkomen", "begeleiding", "kinderlast", "totaal", "in_aanmerking",
           "rang", "reden")


class OngeldigBestand(Exception):
    def __init__(self, fouten: list[str]):
        super().__init__("\n".join(fouten))
        self.fouten = fouten


def scheidingsteken(header: str) -> str:
    """Belgian spreadsheets write `;`, others `,`: whichever the header uses more."""
    return ";" if header.count(";") > header.count(",") else ","


def csv_regels(tekst: str) -> tuple[list[str], Iterable[tuple[int, list[str]]]]:
    """The one CSV reader of every import: BOM or not, `;` or `,`; the header in lower case and
    the rows with their line numbers. A file that is no CSV (a field beyond the csv module's
    limit, a stray quote at the end) raises OngeldigBestand, never a crash."""
    tekst = tekst.lstrip("\ufeff")
    eerste = tekst.splitlines()[0] if tekst.strip() else ""
    if not eerste.strip():
        raise OngeldigBestand(["regel 1: het bestand heeft geen kopregel"])
    reader = csv.reader(io.StringIO(tekst), delimiter=scheidingsteken(eerste))

    def rijen():
        try:
            for row in reader:
                yield reader.line_num, row
        except csv.Error as e:
            raise OngeldigBestand([f"regel {reader.line_num + 1}: onleesbaar ({e}); is dit "
                                   "een CSV-bestand?"]) from None

    regels = rijen()
    _, header = next(regels)
    return [h.strip().lower() for h in header], regels


def lees(tekst: str, regio: Regio, attest_verplicht: bool = False) -> list[Kandidaat]:
    """Parse the CSV text (BOM already stripped or not); raise OngeldigBestand with all errors."""
    header, regels = csv_regels(tekst)
    fouten = [f"regel 1: kolom {k}: ontbreekt in de kopregel" for k in VERPLICHT
              if k not in header]
    if attest_verplicht and "attest_datum" not in header:
        fouten.append("regel 1: kolom attest_datum: ontbreekt in de kopregel (verplicht voor "
                      "de simulatie)")
    dubbel = [k for k, n in Counter(header).items() if n > 1 and k in KOLOMMEN]
    fouten += [f"regel 1: kolom {k}: staat meer dan eens in de kopregel" for k in dubbel]
    if fouten:
        raise OngeldigBestand(fouten)
    index = {k: header.index(k) for k in KOLOMMEN if k in header}
    kandidaten, gezien = [], {}
    for regel, row in regels:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            fouten.append(f"regel {regel}: {len(row)} kolommen, de kopregel heeft er "
                          f"{len(header)}")
            continue
        waarden = {k: row[i].strip() for k, i in index.items()}
        kandidaat, rij_fouten = _kandidaat(waarden, regio, attest_verplicht)
        fouten += [f"regel {regel}: kolom {kolom}: {tekst}" for kolom, tekst in rij_fouten]
        if kandidaat is not None:
            if kandidaat.id in gezien:
                fouten.append(f"regel {regel}: kolom id: '{kandidaat.id}' staat al op regel "
                              f"{gezien[kandidaat.id]}")
            gezien.setdefault(kandidaat.id, regel)
            kandidaten.append(kandidaat)
    if fouten:
        raise OngeldigBestand(fouten)
    return kandidaten


def keuze(toegestaan: Iterable[str], wat: str) -> Callable[[str], str]:
    """A parser that accepts one of `toegestaan` (any case)."""
    toegestaan = tuple(toegestaan)

    def parse(waarde: str) -> str:
        if waarde.lower() not in toegestaan:
            raise ValueError(f"onbekende {wat} '{waarde}' (kies uit {', '.join(toegestaan)})")
        return waarde.lower()
    return parse


def _kinderen(waarde: str) -> int:
    if not waarde.isdigit():
        raise ValueError(f"'{waarde}' is geen geheel getal van 0 of meer")
    return int(waarde)


def _kandidaat(w: dict[str, str], regio: Regio, attest_verplicht: bool
               ) -> tuple[Kandidaat | None, list[tuple[str, str]]]:
    fouten: list[tuple[str, str]] = []

    def veld(kolom: str, parse: Callable[[str], object]):
        waarde = w.get(kolom, "")
        if waarde == "":
            fouten.append((kolom, "leeg"))
            return None
        try:
            return parse(waarde)
        except ValueError as e:
            fouten.append((kolom, str(e)))
            return None

    def gemeente(waarde: str) -> str:
        if not regio.kent(waarde):
            raise ValueError(f"onbekende gemeente '{waarde}'")
        return waarde

    values = {
        "id": veld("id", str),
        "woonnood": veld("woonnood", keuze(WOONNOOD_BY_CODE, "woonnood")),
        "huishouden": veld("huishouden", keuze(HUISHOUDENS, "huishouden")),
        "inkomen": veld("inkomen", parse_bedrag),
        "begeleiding_gemeente": veld("begeleiding_gemeente", gemeente),
        "begeleiding_bereik": veld("begeleiding_bereik", keuze(BEREIKEN, "bereik")),
        "kinderen": veld("kinderen", _kinderen),
        "cir_datum": veld("cir_datum", datums.lees),
    }
    if w.get("attest_datum", "") or attest_verplicht:
        values["attest_datum"] = veld("attest_datum", datums.lees)
    if not fouten and (fout := huishouden_fout(values["huishouden"], values["kinderen"])):
        fouten.append(("kinderen", fout))
    if fouten:
        return None, fouten
    return Kandidaat(**values), []


@dataclass(frozen=True)
class Resultaat:
    kandidaat: Kandidaat
    score: Score
    rang: int | None


def scoor(kandidaten: list[Kandidaat], limieten: Limieten, regio: Regio,
          woning_gemeente: str | None = None) -> list[Resultaat]:
    """Scores in input order, with the rank among the eligible (R-4.6, I-4.6a)."""
    paren = [(k, score(k, limieten, regio, woning_gemeente)) for k in kandidaten]
    rangen = rangschik(paren)
    return [Resultaat(k, s, rangen.get(k.id)) for k, s in paren]


def als_csv(resultaten: list[Resultaat]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(UITVOER)
    for r in resultaten:
        s = r.score
        writer.writerow([r.kandidaat.id, s.woonnood, s.inkomen, s.begeleiding, s.kinderlast,
                         s.totaal, "ja" if s.in_aanmerking else "nee",
                         r.rang if r.rang is not None else "", "; ".join(s.redenen)])
    return out.getvalue()


@dataclass
class Simulatie:
    kandidaten: int
    toegewezen: int = 0
    niet_toegewezen_in_aanmerking: int = 0
    per_maand: list[int] = field(default_factory=list)
    per_woonnood: dict[str, int] = field(default_factory=dict)
    wachttijden: list[int] = field(default_factory=list)
    niet_geteld: dict[str, int] = field(default_factory=dict)  # why, how many (never housed)
    voorbeelden: list[tuple[str, str]] = field(default_factory=list)  # (id, why), at most 50

    def als_dict(self) -> dict:
        return {
            "niet_geteld": self.niet_geteld,
            "voorbeelden": self.voorbeelden,
            "kandidaten": self.kandidaten,
            "toegewezen": self.toegewezen,
            "niet_toegewezen_in_aanmerking": self.niet_toegewezen_in_aanmerking,
            "per_maand": self.per_maand,
            "per_woonnood": self.per_woonnood,
            "wachttijd_dagen": {
                "gemiddelde": round(statistics.fmean(self.wachttijden), 1)
                if self.wachttijden else None,
                "mediaan": statistics.median(self.wachttijden) if self.wachttijden else None,
            },
        }


def simuleer(kandidaten: list[Kandidaat], start: date, maanden: int, per_maand: int,
             limieten_op: Callable[[date], Limieten], regio: Regio,
             voortgang: Callable[[int], None] | None = None,
             geldigheid: Callable[[date], int] = lambda _dag: 6,
             woonmaatschappij: str | None = None) -> Simulatie:
    """R-8.3: each month the N highest-ranked eligible candidates of the pool are allocated.

    For k = 1..M the allocation date is start + k months; the pool holds every candidate not
    yet allocated whose attest is valid on that date (I-3.4, I-3.4a: issued on or before it and
    not lapsed; `geldigheid` gives the months of validity of an attest issued on a day, as
    configured); limits are those of that date. With `woonmaatschappij` (its own waiting list)
    begeleiding counts the best reachable in its area, as its ranking does (I-4.4).
    """

    def geldig(c: Kandidaat, dag: date) -> bool:
        return c.attest_datum is not None and geldig_op(c.attest_datum,
                                                        geldigheid(c.attest_datum), dag)

    sim = Simulatie(kandidaten=len(kandidaten),
                    per_woonnood={code: 0 for code in dict.fromkeys(k.woonnood
                                                                     for k in kandidaten)})
    toegewezen: set[str] = set()
    datum = start
    for k in range(1, maanden + 1):
        datum = start + relativedelta(months=k)
        limieten = limieten_op(datum)
        pool = [(c, score(c, limieten, regio, woonmaatschappij=woonmaatschappij))
                for c in kandidaten if c.id not in toegewezen and geldig(c, datum)]
        gekozen = sorted((p for p in pool if p[1].in_aanmerking), key=lambda p: volgorde(*p))
        gekozen = gekozen[:per_maand]
        for c, _ in gekozen:
            toegewezen.add(c.id)
            sim.per_woonnood[c.woonnood] += 1
            sim.wachttijden.append((datum - c.attest_datum).days)
        sim.per_maand.append(len(gekozen))
        if voortgang:
            voortgang(1)
    sim.toegewezen = len(toegewezen)
    limieten = limieten_op(datum)
    for c in kandidaten:
        if c.id in toegewezen:
            continue
        s = score(c, limieten, regio, woonmaatschappij=woonmaatschappij)
        if geldig(c, datum) and s.in_aanmerking:
            sim.niet_toegewezen_in_aanmerking += 1
            continue
        waarom = niet_geteld_omdat(s, geldig(c, datum))
        sim.niet_geteld[waarom] = sim.niet_geteld.get(waarom, 0) + 1
        if len(sim.voorbeelden) < 50:
            sim.voorbeelden.append((c.id, waarom))
    return sim


def niet_geteld_omdat(s: Score, attest_geldig: bool) -> str:
    """Why a candidate of the list was never housed and is not waiting eligible at the end."""
    if not attest_geldig:
        return "geen geldig attest op het einde van de simulatie (I-3.4)"
    if s.bijzondere_omstandigheden:
        return "bijzondere omstandigheden: niet gescoord, sociaal verslag nodig (R-4.7)"
    if s.inkomen <= 0:
        return "inkomen boven de grens (R-4.2)"
    if s.begeleiding <= 0:
        return "begeleiding reikt niet tot de woningen (R-4.3, I-4.4)"
    return "geen punten voor actuele woonnood (R-4.8)"
