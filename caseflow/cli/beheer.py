"""Set-up and accounts: init, demo-data, users."""
from __future__ import annotations

import click
import pyotp
from flask.cli import AppGroup, with_appcontext
from flask_migrate import upgrade
from sqlalchemy import func, select

from caseflow.errors import Ongeldig
from caseflow.extensions import db
from caseflow.models import Dossier, Gebruiker, Organisatie
from caseflow.rules.aanmelden import als_account
from caseflow.services import account, beheer, demo, referentie


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
    if if_empty and db.session.scalar(select(func.count(Dossier.id))):
        click.echo("Er zijn al dossiers: geen demodata geladen.")
        return
    gebruikers = demo.laad(wachtwoord)
    click.echo(f"Demodata geladen. Elke demogebruiker heeft het wachtwoord: {wachtwoord}")
    for g in gebruikers:
        click.echo(f"  {g.rol_label:<15} {g.email:<34} {g.organisatie.naam}")
    click.echo("Coördinatoren en beheerders melden aan met tweestapsverificatie: sleutel "
               f"{demo.TWEESTAPS_GEHEIM} in een authenticator-app, of de code van "
               "`flask --app wsgi demo-code`.")


@click.command("demo-code")
def demo_code():
    """The current two-factor code of the demo coördinatoren and beheerders (their key is
    published in the README; real accounts have keys of their own)."""
    click.echo(pyotp.TOTP(demo.TWEESTAPS_GEHEIM).now())


users = AppGroup("users", help="Manage users.")


@users.command("create")
@click.option("--email", required=True)
@click.option("--naam", required=True)
@click.option("--rol", required=True,
              type=click.Choice(["hulpverlener", "huurbegeleider", "coordinator",
                                 "beheerder"]))
@click.option("--organisatie", required=True, help="Exact name of the organisation.")
@click.password_option("--wachtwoord", help="At least 12 characters, not a common one.")
def users_create(email, naam, rol, organisatie, wachtwoord):
    """Create a user (the first beheerder, for example)."""
    org = db.session.scalars(select(Organisatie).where(Organisatie.naam == organisatie)).first()
    if org is None:
        raise click.ClickException(f"Organisatie '{organisatie}' bestaat niet.")
    try:
        g = beheer.gebruiker_opslaan(None, {"naam": naam, "email": email, "rol": rol,
                                           "organisatie_id": org.id, "actief": True},
                                     wachtwoord=wachtwoord)
    except Ongeldig as e:
        raise click.ClickException("; ".join(e.fouten.values())) from None
    click.echo(f"Gebruiker {g.email} ({g.rol_label}) aangemaakt.")


@users.command("tweestaps-reset")
@click.option("--email", required=True)
def users_tweestaps_reset(email):
    """Remove a user's two factors (the last beheerder lost their phone and codes); they set
    them up again at their next login."""
    g = db.session.scalars(select(Gebruiker).where(Gebruiker.email == als_account(email))
                           ).first()
    if g is None:
        raise click.ClickException(f"Gebruiker '{email}' bestaat niet.")
    account.tweestaps_resetten(None, g.id)
    click.echo(f"Tweestapsverificatie van {g.email} verwijderd; de sessies zijn beëindigd.")
