"""The retention job from the command line (I-9.2): see first, then do."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from caseflow import formaat
from caseflow.services import bewaring

bewaring_cli = AppGroup("bewaring", help="Pseudonymise dossiers past the retention period.")


@bewaring_cli.command("uitvoeren")
@click.option("--dry-run", is_flag=True, help="Only show which dossiers it would take.")
def uitvoeren(dry_run: bool):
    """Pseudonymise the dossiers closed longer than the retention period in force (the
    scheduler does this every morning); with --dry-run nothing changes."""
    verslag = bewaring.uitvoeren(dry_run=dry_run)
    click.echo(f"Bewaartermijn {verslag.termijn_jaren} jaar: dossiers afgesloten vóór "
               f"{formaat.datum(verslag.grens)}.")
    werkwoord = "worden" if dry_run else "werden"
    click.echo(f"{len(verslag.dossiers)} dossier(s) {werkwoord} gepseudonimiseerd.")
    for _, nummer, afgesloten in verslag.dossiers[:50]:
        click.echo(f"  {nummer}  afgesloten op {formaat.datum(afgesloten)}")
    if len(verslag.dossiers) > 50:
        click.echo(f"  … en {len(verslag.dossiers) - 50} meer")
