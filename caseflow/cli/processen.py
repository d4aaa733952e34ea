"""The processes beside the web server: reminders and the scheduler."""
from __future__ import annotations

import json
import logging

import click
from flask import current_app
from flask.cli import AppGroup

from caseflow import scheduler
from caseflow.services import herinneringen as service
from caseflow.services import mail

herinneringen = AppGroup("herinneringen", help="Reminders.")


@herinneringen.command("verwerk")
@click.option("--json", "als_json", is_flag=True, help="One JSON object on stdout.")
def verwerk(als_json):
    """Run one sweep over the due dates now, then send the mail that is due."""
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
    current_app.logger.setLevel(logging.INFO)  # each round of work on stderr
    click.echo(f"Scheduler gestart als {scheduler.houder_id()}; stoppen met Ctrl+C of "
               "SIGTERM.")
    scheduler.run(current_app._get_current_object())
