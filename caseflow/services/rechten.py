"""The client's requests under the GDPR on a dossier (rules.rechten): recorded when received,
answered within the month, each step audited. The client's own hulpverlener keeps them, as
with the inzage export (access: "inzage")."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from caseflow import access, clock
from caseflow.errors import Conflict, NietGevonden, Ongeldig
from caseflow.extensions import db
from caseflow.models import Dossier, Gebruiker, Rechtsverzoek
from caseflow.rules import rechten as regels
from caseflow.services import audit


def _dossier(user: Gebruiker, dossier_id: int) -> Dossier:
    dossier = access.dossier_in_scope(user, dossier_id)
    access.require(user, "inzage", dossier)
    return dossier


def van_dossier(dossier_id: int) -> list[Rechtsverzoek]:
    """Every request of the dossier, newest first, with who registered and answered it (one
    query more, not one per request); the caller has checked access."""
    return list(db.session.scalars(select(Rechtsverzoek).where(
        Rechtsverzoek.dossier_id == dossier_id).order_by(Rechtsverzoek.id.desc()).options(
        selectinload(Rechtsverzoek.geregistreerd_door),
        selectinload(Rechtsverzoek.beantwoord_door))))


def overzicht(user: Gebruiker, dossier_id: int) -> tuple[Dossier, list[Rechtsverzoek]]:
    """The dossier and its requests; the view is audited."""
    dossier = _dossier(user, dossier_id)
    verzoeken = van_dossier(dossier.id)
    audit.log(user, "rechten_bekeken", dossier)
    audit.vastleggen()
    return dossier, verzoeken


def registreren(user: Gebruiker, dossier_id: int, soort: str, ontvangen_op: date | None,
                omschrijving: str) -> Rechtsverzoek:
    dossier = _dossier(user, dossier_id)
    if soort not in regels.SOORTEN:
        raise Ongeldig({"soort": "Kies wat de cliënt vraagt."})
    aangemaakt = clock.lokaal_datum(dossier.aangemaakt_op)
    if fouten := regels.fouten_bij_registreren(ontvangen_op, clock.vandaag(), aangemaakt,
                                               omschrijving):
        raise Ongeldig(fouten)
    verzoek = Rechtsverzoek(dossier_id=dossier.id, soort=soort, ontvangen_op=ontvangen_op,
                            uiterlijk_op=regels.antwoord_uiterlijk(ontvangen_op),
                            omschrijving=omschrijving.strip(), geregistreerd_door_id=user.id)
    db.session.add(verzoek)
    db.session.flush()
    audit.log(user, "rechtsverzoek_geregistreerd", dossier, verzoek=verzoek.id, soort=soort)
    db.session.commit()
    return verzoek


def beantwoorden(user: Gebruiker, dossier_id: int, verzoek_id: int, uitkomst: str,
                 antwoord: str) -> None:
    """Record the answer, once: a second answer (two people at once) is a Conflict and
    changes nothing."""
    dossier = _dossier(user, dossier_id)
    verzoek = db.session.get(Rechtsverzoek, verzoek_id)
    if verzoek is None or verzoek.dossier_id != dossier.id:
        raise NietGevonden(verzoek_id)
    if fouten := regels.fout_bij_afhandelen(uitkomst, antwoord):
        raise Ongeldig(fouten)
    tabel = Rechtsverzoek.__table__
    result = db.session.execute(update(tabel).where(
        tabel.c.id == verzoek_id, tabel.c.status == "open").values(
        status=uitkomst, antwoord=antwoord.strip() or None, beantwoord_op=clock.vandaag(),
        beantwoord_door_id=user.id))
    if result.rowcount != 1:
        db.session.rollback()
        raise Conflict("Dit verzoek werd intussen al beantwoord.")
    audit.log(user, "rechtsverzoek_beantwoord", dossier, verzoek=verzoek_id, uitkomst=uitkomst)
    db.session.commit()
