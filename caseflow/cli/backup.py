"""Backup and restore from the command line (README: Security and privacy)."""
from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from caseflow.services import backup as service

backup_cli = AppGroup("backup", help="Back up and restore the database.")


@backup_cli.command("maken")
@click.option("--map", "map_", default="backups", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the backup file.")
def maken(map_: Path):
    """A consistent copy of the database while Caseflow runs."""
    try:
        bestand = service.maken(service.huidige_url(), map_)
    except service.BackupFout as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"Backup gemaakt: {bestand}")


@backup_cli.command("terugzetten")
@click.argument("bestand", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--database", "url", required=True,
              help="URL of the new, empty database to restore into.")
def terugzetten(bestand: Path, url: str):
    """Restore a backup into a new, empty database (then point DATABASE_URL at it)."""
    try:
        service.terugzetten(bestand, url)
    except service.BackupFout as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"Teruggezet in {url.split('@')[-1]}")
