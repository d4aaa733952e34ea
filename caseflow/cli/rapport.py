"""Reports: `flask rapport quota`."""
from __future__ import annotations

import json

import click
from flask.cli import AppGroup

from caseflow.services import toewijzingen

rapport = AppGroup("rapport", help="Reports.")


@rapport.command("quota")
@click.option("--json", "als_json", is_flag=True, help="One JSON object on stdout.")
def quota(als_json):
    """Per woonmaatschappij, zone and doelgroep: the quotum and the number in use (R-5.3)."""
    rows = toewijzingen.quota_overzicht()
    if als_json:
        click.echo(json.dumps({"quota": rows}, ensure_ascii=False))
        return
    click.echo(f"{'woonmaatschappij':<18} {'zone':<14} {'doelgroep':<15} quotum  in gebruik  vrij")
    for r in rows:
        click.echo(f"{r['woonmaatschappij']:<18} {r['zone'] or '–':<14} {r['doelgroep']:<15} "
                   f"{r['quotum']:>6}  {r['in_gebruik']:>10}  {r['vrij']:>4}")
