"""The one way to change a dossier: load it in the user's scope (else not found), check the
permission (else not allowed) and the version the form was loaded with (else Conflict), apply
the change, stamp and audit it (I-9.2) and commit. A refused change is rolled back, and the
refusal itself is audited: nothing is half-saved.

    with wijziging.wijzig(user, dossier_id, "notitie", version_id, "notitie_toegevoegd") as w:
        db.session.add(Notitie(dossier_id=w.dossier.id, ...))
        w.details["zichtbaarheid"] = zichtbaarheid
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from caseflow import access, clock
from caseflow.errors import Ongeldig
from caseflow.extensions import db
from caseflow.models import Dossier, Gebruiker
from caseflow.services import audit, locking
from workflows.base import TransitieGeweigerd

WEIGERINGEN = (TransitieGeweigerd, Ongeldig)


@dataclass
class Wijziging:
    """The dossier being changed, and what the audit records of it. `actie` None: the body
    audits itself (a workflow step records its own transition). `gewijzigd` False: the body
    found nothing to change, so nothing is stamped or saved."""

    dossier: Dossier
    actie: str | None
    details: dict = field(default_factory=dict)
    gewijzigd: bool = True
    onderdeel: Any = None


def _gewijzigd(dossier: Dossier) -> str:
    return f"Dossier {dossier.nummer} werd intussen door iemand anders gewijzigd."


def weiger(user: Gebruiker, dossier: Dossier, actie: str, fout: Exception) -> None:
    """Roll back whatever the refused action did, and record the refusal itself."""
    db.session.rollback()
    audit.log(user, "actie_geweigerd", dossier, handeling=actie, reden=str(fout))
    db.session.commit()


@contextmanager
def wijzig(user: Gebruiker, dossier_id: int, recht: str, version_id: int | None,
           actie: str | None = None, *, ingevuld: dict | None = None,
           onderdeel: Callable[[Dossier], Any] | None = None) -> Iterator[Wijziging]:
    """Load, check, let the body change `w.dossier`, then stamp, audit and commit (see above).
    `recht` is the access policy's action; `actie` the audit's name for the change.
    `onderdeel(dossier)`: the part of the dossier the form edits and whose version it carries
    (a signaal, found or NietGevonden); the dossier's own version then stays."""
    dossier = access.dossier_in_scope(user, dossier_id)
    access.require(user, recht, dossier)
    record = onderdeel(dossier) if onderdeel else dossier
    titel = _gewijzigd(dossier) if onderdeel is None else \
        f"Dit onderdeel van dossier {dossier.nummer} werd intussen door iemand anders gewijzigd."
    locking.check_version(record, version_id, titel, ingevuld)
    w = Wijziging(dossier, actie, onderdeel=record)
    # Two saves at one moment: the loser's flush (in the body or at the commit) finds the
    # version moved and gets the Conflict with what they typed, not a bare error.
    with locking.gelijktijdig(titel, ingevuld):
        try:
            yield w
        except WEIGERINGEN as e:
            weiger(user, dossier, actie or recht, e)
            raise
        if not w.gewijzigd:
            return
        if onderdeel is None:
            dossier.gewijzigd_op = clock.nu()
        if w.actie is not None:
            audit.log(user, w.actie, dossier, **w.details)
        db.session.commit()


def check_datum(datum: date | None) -> date:
    """Actions record what happened: on a given day, never in the future."""
    vandaag = clock.vandaag()
    if datum is None:
        return vandaag
    if datum > vandaag:
        raise Ongeldig({"datum": "De datum mag niet in de toekomst liggen."})
    return datum
