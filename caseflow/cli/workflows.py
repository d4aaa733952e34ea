"""The workflows as data: `flask workflows diagram`."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from workflows.diagram import alle as workflows_

workflows = AppGroup("workflows", help="The workflows as data.")


@workflows.command("diagram")
@click.argument("naam", required=False)
def diagram(naam):
    """Print the state diagram(s) as Mermaid."""
    alle = workflows_()
    if naam and naam not in alle:
        raise click.ClickException(f"Onbekende workflow '{naam}'; kies uit {', '.join(alle)}.")
    for key, wf in alle.items():
        if naam in (None, key):
            click.echo(f"%% workflow {key}\n{wf.mermaid()}\n")
