"""The audit trail's hash chain from the command line."""
from __future__ import annotations

from datetime import datetime, timezone

import click
from flask.cli import AppGroup

from caseflow.services import auditketen

audit_cli = AppGroup("audit", help="The audit trail's hash chain.")


@audit_cli.command("verzegel")
@click.option("--alles", is_flag=True, help="Also the events of the last minute.")
def verzegel(alles: bool):
    """Seal the events recorded so far (the scheduler does this at every sweep)."""
    aantal = auditketen.verzegelen(datetime.now(timezone.utc) if alles else None)
    click.echo(f"{aantal} gebeurtenis(sen) verzegeld.")


@audit_cli.command("verify")
def verify():
    """Check the chain from its first event; exit code 1 and the first broken event if it
    was changed, shortened or added to by hand."""
    uitslag = auditketen.verifieren()
    if uitslag.te_lang_open:
        click.echo(f"Let op: {uitslag.te_lang_open} gebeurtenis(sen) staan al meer dan een uur "
                   "onverzegeld (draait de scheduler?).")
    if not uitslag.in_orde:
        raise click.ClickException(f"De auditketen is gebroken: {uitslag.fout}.")
    click.echo(f"De auditketen is in orde: {uitslag.gecontroleerd} gebeurtenis(sen) "
               f"gecontroleerd, {uitslag.onverzegeld} nog niet verzegeld.")
