"""Signalen from the command line: `flask signalen importeer` (I-7.1, I-7.3)."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from caseflow.cli.invoer import fail as _fail
from caseflow.cli.invoer import lees_tekst as _lees_tekst
from caseflow.extensions import db
from caseflow.models import Gebruiker, Organisatie
from caseflow.services import huurachterstand_import as imp

signalen_cli = AppGroup("signalen", help="Signalen (I-7.1).")


@signalen_cli.command("importeer")
@click.argument("bestand")
@click.option("--woonmaatschappij", required=True, help="Exact name of the woonmaatschappij.")
@click.option("--gebruiker", help="E-mail of the huurbegeleider recording it; default: the "
              "first active huurbegeleider of the woonmaatschappij.")
def importeer(bestand, woonmaatschappij, gebruiker):
    """Raise or update huurachterstand signalen from a CSV (dossier, bedrag, maanden, datum)."""

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
