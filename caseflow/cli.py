"""Flask commands: one click group per subject, registered by `register` (flask --help).

init, demo-data, users, workflows, wegingskader, rapport, signalen, herinneringen, scheduler.
"""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext
from flask_migrate import upgrade
from sqlalchemy import func, select

from caseflow.extensions import db
from caseflow.models import Dossier, Organisatie
from caseflow.services import beheer, referentie
from caseflow.services.errors import Ongeldig


def register(app: Flask) -> None:
    for commando in (init, demo_data, users, workflows, wegingskader_cli(), rapport,
                     signalen_cli, herinneringen, scheduler_cli):
        app.cli.add_command(commando)


@click.command("init")
@with_appcontext
def init():
    """Create or upgrade the schema and load the reference data (idempotent)."""
    upgrade()
    added = referentie.laad()
    click.echo("Schema bijgewerkt; referentiedata toegevoegd: "
               + ", ".join(f"{k} {v}" for k, v in added.items()))


@click.command("demo-data")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Only when the database has no dossiers.")
@click.option("--wachtwoord", default="Kempen-demo-2026", show_default=True,
              help="Password of every demo user.")
def demo_data(if_empty: bool, wachtwoord: str):
    """Load demo organisations, users and about 60 dossiers in every stage."""
    from caseflow.services import demo

    if if_empty and db.session.scalar(select(func.count(Dossier.id))):
        click.echo("Er zijn al dossiers: geen demodata geladen.")
        return
    gebruikers = demo.laad(wachtwoord)
    click.echo(f"Demodata geladen. Elke demogebruiker heeft het wachtwoord: {wachtwoord}")
    for g in gebruikers:
        click.echo(f"  {g.rol_label:<15} {g.email:<34} {g.organisatie.naam}")


users = AppGroup("users", help="Manage users.")


@users.command("create")
@click.option("--email", required=True)
@click.option("--naam", required=True)
@click.option("--rol", required=True,
              type=click.Choice(["hulpverlener", "huurbegeleider", "coordinator",
                                 "beheerder"]))
@click.option("--organisatie", required=True, help="Exact name of the organisation.")
@click.password_option("--wachtwoord", help="At least 12 characters.")
def users_create(email, naam, rol, organisatie, wachtwoord):
    """Create a user (the first beheerder, for example)."""
    org = db.session.scalars(select(Organisatie).where(Organisatie.naam == organisatie)).first()
    if org is None:
        raise click.ClickException(f"Organisatie '{organisatie}' bestaat niet.")
    if len(wachtwoord) < 12:
        raise click.ClickException("Een wachtwoord heeft minstens 12 tekens.")
    try:
        g = beheer.gebruiker_opslaan(None, {"naam": naam, "email": email, "rol": rol,
                                           "organisatie_id": org.id, "actief": True},
                                     wachtwoord=wachtwoord)
    except Ongeldig as e:
        raise click.ClickException("; ".join(e.fouten.values())) from None
    click.echo(f"Gebruiker {g.email} ({g.rol_label}) aangemaakt.")


workflows = AppGroup("workflows", help="The workflows as data.")


@workflows.command("diagram")
@click.argument("naam", required=False)
def diagram(naam):
    """Print the state diagram(s) as Mermaid."""
    from workflows.diagram import alle as workflows_

    alle = workflows_()
    if naam and naam not in alle:
        raise click.ClickException(f"Onbekende workflow '{naam}'; kies uit {', '.join(alle)}.")
    for key, wf in alle.items():
        if naam in (None, key):
            click.echo(f"%% workflow {key}\n{wf.mermaid()}\n")


rapport = AppGroup("rapport", help="Reports.")


@rapport.command("quota")
@click.option("--json", "als_json", is_flag=True, help="One JSON object on stdout.")
def quota(als_json):
    """Per woonmaatschappij, zone and doelgroep: the quotum and the number in use (R-5.3)."""
    import json

    from caseflow.services import toewijzingen

    rows = toewijzingen.quota_overzicht()
    if als_json:
        click.echo(json.dumps({"quota": rows}, ensure_ascii=False))
        return
    click.echo(f"{'woonmaatschappij':<18} {'zone':<14} {'doelgroep':<15} quotum  in gebruik  vrij")
    for r in rows:
        click.echo(f"{r['woonmaatschappij']:<18} {r['zone'] or '–':<14} {r['doelgroep']:<15} "
                   f"{r['quotum']:>6}  {r['in_gebruik']:>10}  {r['vrij']:>4}")


signalen_cli = AppGroup("signalen", help="Signalen (I-7.1).")


@signalen_cli.command("importeer")
@click.argument("bestand")
@click.option("--woonmaatschappij", required=True, help="Exact name of the woonmaatschappij.")
@click.option("--gebruiker", help="E-mail of the huurbegeleider recording it; default: the "
              "first active huurbegeleider of the woonmaatschappij.")
def importeer(bestand, woonmaatschappij, gebruiker):
    """Raise or update huurachterstand signalen from a CSV (dossier, bedrag, maanden, datum)."""

    from caseflow.models import Gebruiker, Organisatie
    from caseflow.services import huurachterstand_import as imp

    wm = db.session.scalars(select(Organisatie).where(
        Organisatie.naam == woonmaatschappij, Organisatie.soort == "woonmaatschappij")).first()
    if wm is None:
        _fail([f"--woonmaatschappij: onbekende woonmaatschappij '{woonmaatschappij}'"])
    stmt = select(Gebruiker).where(Gebruiker.organisatie_id == wm.id,
                                   Gebruiker.rol == "huurbegeleider", Gebruiker.actief)
    if gebruiker:
        stmt = stmt.where(Gebruiker.email == gebruiker.strip().lower())
    user = db.session.scalars(stmt.order_by(Gebruiker.id)).first()
    if user is None:
        _fail([f"geen actieve huurbegeleider van {wm.naam}"
               + (f" met e-mailadres {gebruiker}" if gebruiker else "")])
    try:
        verslag = imp.importeer(_lees_tekst(bestand), wm, user)
    except imp.OngeldigBestand as e:
        _fail(e.fouten)
    for regel in verslag.niet_verwerkt:
        click.echo(regel, err=True)
    click.echo(verslag.samenvatting())


herinneringen = AppGroup("herinneringen", help="Reminders.")


@herinneringen.command("verwerk")
@click.option("--json", "als_json", is_flag=True, help="One JSON object on stdout.")
def verwerk(als_json):
    """Run one sweep over the due dates now, then send the mail that is due."""
    import json

    from caseflow.services import herinneringen as service, mail

    resultaat = service.verwerk()
    resultaat["mail"] = mail.verstuur()
    if als_json:
        click.echo(json.dumps(resultaat, ensure_ascii=False))
        return
    click.echo(f"{resultaat['nieuw']} nieuwe herinnering(en), "
               f"{resultaat['afgesloten']} dossier(s) automatisch afgesloten, "
               f"{resultaat['mail']['verstuurd']} e-mail(s) verstuurd, "
               f"{resultaat['mail']['mislukt']} mislukt (later opnieuw)")
    for soort, aantal in sorted(resultaat["per_soort"].items()):
        click.echo(f"  {soort}: {aantal}")


scheduler_cli = AppGroup("scheduler", help="The scheduler process.")


@scheduler_cli.command("run")
def scheduler_run():
    """Run the scheduler (blocking); only one of several does the work (leader lease)."""
    import logging

    from flask import current_app

    from caseflow import scheduler

    current_app.logger.setLevel(logging.INFO)  # each round of work on stderr
    click.echo(f"Scheduler gestart als {scheduler.houder_id()}; stoppen met Ctrl+C of "
               "SIGTERM.")
    scheduler.run(current_app._get_current_object())


def _fail(fouten: list[str]) -> None:
    """Bad input: every problem on stderr, nothing on stdout, exit status 2."""
    for fout in fouten:
        click.echo(fout, err=True)
    raise SystemExit(2)


def _lees_tekst(pad: str) -> str:
    """A UTF-8 text file (with or without BOM), or exit 2 with a Dutch message."""
    from pathlib import Path

    bestand = Path(pad)
    if not bestand.is_file():
        _fail([f"{pad}: bestand niet gevonden"])
    try:
        return bestand.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        _fail([f"{pad}: het bestand is geen UTF-8 (byte {e.start})"])


def _datum_optie(value: str | None, naam: str):
    from caseflow.services.kandidatenlijst import parse_datum

    if value is None:
        return None
    try:
        return parse_datum(value)
    except ValueError as e:
        _fail([f"--{naam}: {e}"])


def _lees_bestand(pad: str, attest_verplicht: bool):

    from caseflow.services import wegingskader as config
    from caseflow.services.kandidatenlijst import OngeldigBestand, lees

    tekst = _lees_tekst(pad)
    regio = config.regio() if config.bron() == "databank" else config.standaard_regio()
    try:
        return lees(tekst, regio, attest_verplicht=attest_verplicht), regio
    except OngeldigBestand as e:
        _fail(e.fouten)


def _limieten(peildatum):
    from caseflow.rules.wegingskader import OngeldigeInvoer
    from caseflow.services import wegingskader as config

    from caseflow.rules.wegingskader import limieten_op

    try:
        if config.bron() == "databank":
            return config.limieten(peildatum)
        return limieten_op(peildatum)  # before `flask init`: the tables of RULES.md
    except OngeldigeInvoer as e:
        _fail([str(e)])


def _geldigheid(dag) -> int:
    """I-3.4: the attest validity in force on `dag`; 6 months before `flask init`."""
    from caseflow.services import attesten, wegingskader as config

    return attesten.geldigheid_maanden(dag) if config.bron() == "databank" else 6


def wegingskader_cli() -> AppGroup:
    group = AppGroup("wegingskader", help="The pijler 2 wegingskader outside the app.")

    @group.command("score")
    @click.argument("bestand")
    @click.option("--peildatum", help="YYYY-MM-DD or DD/MM/YYYY; default today.")
    @click.option("--gemeente", help="The dwelling's gemeente (begeleiding points, I-4.4).")
    def score(bestand, peildatum, gemeente):
        """Score and rank a CSV list of candidates; CSV on stdout (R-4.x)."""
        from caseflow import clock
        from caseflow.services.kandidatenlijst import als_csv, scoor

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
        import json
        import sys
        from functools import cache

        from caseflow.services import kandidatenlijst

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
    from caseflow.formaat import getal

    wacht = r["wachttijd_dagen"]
    regels = [
        f"Simulatie van {maanden} maand(en) vanaf {start:%d/%m/%Y}, "
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
