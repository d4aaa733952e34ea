"""Login: checks the password hash; failures are audited without the password."""
from __future__ import annotations

from functools import cache

from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Gebruiker
from caseflow.services import audit


@cache
def _dummy_hash() -> str:
    """Compared against when the e-mail is unknown, so both paths take equally long."""
    return generate_password_hash("caseflow-dummy")


def aanmelden(email: str, wachtwoord: str) -> Gebruiker | None:
    user = db.session.scalars(
        select(Gebruiker).where(Gebruiker.email == email.strip().lower())
    ).first()
    if user is None:
        check_password_hash(_dummy_hash(), wachtwoord)
        audit.log(None, "aanmelding_mislukt", email=email.strip().lower()[:254])
        db.session.commit()
        return None
    if not user.controleer_wachtwoord(wachtwoord) or not user.actief:
        audit.log(None, "aanmelding_mislukt", gebruiker=user.id)
        db.session.commit()
        return None
    user.laatste_login = clock.nu()
    audit.log(user, "aangemeld")
    db.session.commit()
    return user


def afmelden(user: Gebruiker) -> None:
    audit.log(user, "afgemeld")
    db.session.commit()
