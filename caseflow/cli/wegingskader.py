"""The pijler 2 wegingskader outside the app: `flask wegingskader score` and `simuleer`."""
from __future__ import annotations

import json
import sys
from functools import cache

import click
from flask.cli import AppGroup

from caseflow import clock, formaat
from caseflow.cli.invoer import datum_optie as _datum_optie
from caseflow.cli.invoer import fail as _fail
from caseflow.cli.invoer import lees_tekst as _lees_tekst
from caseflow.formaat import getal
from caseflow.rules.wegingskader import OngeldigeInvoer, limieten_op
from caseflow.services import attesten, kandidatenlijst
from caseflow.services import wegingskader as config
from caseflow.services.kandidatenlijst import OngeldigBestand, als_csv, lees, scoor


def _lees_bestand(pad: str, attest_verplicht: bool):

    tekst = _lees_tekst(pad)
    regio = config.regio() if config.bron() == "databank" else config.standaard_regio()
    try:
        return lees(tekst, regio, attest_verplicht=attest_verplicht), regio
    except OngeldigBestand as e:
        _fail(e.fouten)


def _limieten(peildatum):
    try:
        if config.bron() == "databank":
            return config.limieten(peildatum)
        return limieten_op(peildatum)  # before `flask init`: the tables of RULES.md
    except OngeldigeInvoer as e:
        _fail([str(e)])


def _geldigheid(dag) -> int:
    """I-3.4: the attest validity in force on `dag`; 6 months before `flask init`."""
    return attesten.geldigheid_maanden(dag) if config.bron() == "databank" else 6


def wegingskader_cli() -> AppGroup:
    group = AppGroup("wegingskader", help="The pijler 2 wegingskader outside the app.")

    @group.command("score")
    @click.argument("bestand")
    @click.option("--peildatum", help="YYYY-MM-DD or DD/MM/YYYY; default today.")
    @click.option("--gemeente", help="The dwelling's gemeente (begeleiding points, I-4.4).")
    def score(bestand, peildatum, gemeente):
        """Score and rank a CSV list of candidates; CSV on stdout (R-4.x)."""
        dag = _datum_optie(peildatum, "peildatum") or clock.vandaag()
        kandidaten, regio = _lees_bestand(bestand, attest_verplicht=False)
        if gemeente is not None and not regio.kent(gemeente):
            _fail([f"--gemeente: onbekende gemeente '{gemeente}'"])
        resultaten = scoor(kandidaten, _limieten(dag), regio, gemeente)
        click.echo(als_csv(resultaten), nl=False)

    @group.command("simuleer")
    @click.argument("bestand")
    @click.option("--start", required=True, help="YYYY-MM-DD or DD/MM/YYYY.")
    @click.option("--maanden", required=True, type=click.IntRange(min=1))
    @click.option("--woningen-per-maand", required=True, type=click.IntRange(min=0))
    @click.option("--json", "als_json", is_flag=True, help="One JSON object on stdout.")
    def simuleer(bestand, start, maanden, woningen_per_maand, als_json):
        """Impact simulation of the wegingskader over a waiting list (R-8.3)."""
        begin = _datum_optie(start, "start")
        kandidaten, regio = _lees_bestand(bestand, attest_verplicht=True)
        limieten, geldigheid = cache(_limieten), cache(_geldigheid)
        if als_json:
            sim = kandidatenlijst.simuleer(kandidaten, begin, maanden, woningen_per_maand,
                                           limieten, regio, geldigheid=geldigheid)
            click.echo(json.dumps(sim.als_dict(), ensure_ascii=False))
            return
        with click.progressbar(length=maanden, label="Simulatie per maand",
                               file=sys.stderr) as bar:
            sim = kandidatenlijst.simuleer(kandidaten, begin, maanden, woningen_per_maand,
                                           limieten, regio, voortgang=bar.update,
                                           geldigheid=geldigheid)
        click.echo(samenvatting(sim.als_dict(), begin, maanden, woningen_per_maand))

    return group


def samenvatting(r: dict, start, maanden: int, per_maand: int) -> str:
    wacht = r["wachttijd_dagen"]
    regels = [
        f"Simulatie van {maanden} maand(en) vanaf {formaat.datum(start)}, "
        f"{per_maand} woning(en) per maand:",
        f"  kandidaten:                         {r['kandidaten']}",
        f"  toegewezen:                         {r['toegewezen']}",
        f"  in aanmerking, nog niet toegewezen: {r['niet_toegewezen_in_aanmerking']}",
        f"  toewijzingen per maand:             {', '.join(map(str, r['per_maand']))}",
        "  toegewezen per woonnood:",
        *[f"    {code:<26} {n}" for code, n in r["per_woonnood"].items()],
    ]
    if wacht["gemiddelde"] is None:
        regels.append("  wachttijd: geen toewijzingen")
    else:
        regels.append(f"  wachttijd (dagen): gemiddeld {getal(wacht['gemiddelde'])}"
                      f", mediaan {getal(wacht['mediaan'])}")
    return "\n".join(regels)
