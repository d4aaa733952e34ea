"""What every command shares: Dutch errors on stderr with exit status 2, reading a file."""
from __future__ import annotations

from pathlib import Path

import click

from caseflow.rules import datums


def fail(fouten: list[str]) -> None:
    """Bad input: every problem on stderr, nothing on stdout, exit status 2."""
    for fout in fouten:
        click.echo(fout, err=True)
    raise SystemExit(2)


def lees_tekst(pad: str) -> str:
    """A UTF-8 text file (with or without BOM), or exit 2 with a Dutch message."""
    bestand = Path(pad)
    if not bestand.is_file():
        fail([f"{pad}: bestand niet gevonden"])
    try:
        return bestand.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        fail([f"{pad}: het bestand is geen UTF-8 (byte {e.start})"])


def datum_optie(value: str | None, naam: str):
    if value is None:
        return None
    try:
        return datums.lees(value)
    except ValueError as e:
        fail([f"--{naam}: {e}"])
