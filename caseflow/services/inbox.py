"""The notification inbox in the app."""
from __future__ import annotations

from sqlalchemy import func, select

from caseflow import clock
from caseflow.errors import NietGevonden, Ongeldig
from caseflow.extensions import db
from caseflow.models import Dossier, Gebruiker, Notificatie
from caseflow.models.base import utcnow
from caseflow.models.gebruiker import MELDING_VOORKEUREN
from caseflow.services import audit


def label(dossier) -> str:
    """No sensitive content in a melding: the dossier number and initials only."""
    return f"{dossier.nummer} ({dossier.voornaam[:1]}.{dossier.achternaam[:1]}.)"


def meld(ontvangers, soort: str, obj, tekst: str, link: str, vervaldatum=None) -> int:
    """A melding now (in the caller's transaction) for each recipient id, named like a
    reminder (kind, object, day, recipient) so the same event is told once; sent by mail as
    the recipient chose, like every melding. Returns how many are new."""
    dag = vervaldatum or clock.vandaag()
    nieuw = 0
    for ontvanger_id in dict.fromkeys(ontvangers):
        bestaat = db.session.scalar(select(Notificatie.id).where(
            Notificatie.soort == soort, Notificatie.object_type == type(obj).__name__.lower(),
            Notificatie.object_id == obj.id, Notificatie.vervaldatum == dag,
            Notificatie.ontvanger_id == ontvanger_id))
        if bestaat is None:
            db.session.add(Notificatie(
                soort=soort, object_type=type(obj).__name__.lower(), object_id=obj.id,
                vervaldatum=dag, ontvanger_id=ontvanger_id, tekst=tekst[:300], link=link,
                mail_pogingen=0))
            nieuw += 1
    return nieuw


def actieve(rol: str, organisatie_id: int) -> tuple[int, ...]:
    """The active users of a role in an organisation: who a melding for that side goes to."""
    return tuple(db.session.scalars(select(Gebruiker.id).where(
        Gebruiker.rol == rol, Gebruiker.actief, Gebruiker.organisatie_id == organisatie_id)))


def andere_partij(dossier: Dossier, wie: str) -> tuple[int, ...]:
    """Who answers for the other party of a dossier (R-6.2): the hulpverlener in charge, or
    the woonmaatschappij's huurbegeleiders."""
    if wie == "wonen":
        return (dossier.hulpverlener_id,)
    return actieve("huurbegeleider", dossier.woonmaatschappij_id)


def meld_andere_partij(dossier: Dossier, wie: str, obj, wat: str) -> None:
    """R-6.2: a proposal waits for the other party; they hear of it (a melding)."""
    meld(andere_partij(dossier, wie), "voorstel_wacht", obj,
         f"{label(dossier)}: de andere partij stelt {wat} voor; uw beslissing wordt gevraagd "
         "(R-6.2).", f"/dossiers/{dossier.id}#overeenkomst")


def ongelezen(user: Gebruiker) -> int:
    return db.session.scalar(select(func.count(Notificatie.id)).where(
        Notificatie.ontvanger_id == user.id, Notificatie.gelezen_op.is_(None)))


def lijst(user: Gebruiker, limiet: int = 100) -> list[Notificatie]:
    return list(db.session.scalars(select(Notificatie).where(Notificatie.ontvanger_id == user.id)
                                   .order_by(Notificatie.gelezen_op.is_not(None),
                                             Notificatie.id.desc()).limit(limiet)))


def gelezen(user: Gebruiker, notificatie_id: int) -> Notificatie:
    """Only the recipient marks their own notification; anyone else gets 404."""
    n = db.session.get(Notificatie, notificatie_id)
    if n is None or n.ontvanger_id != user.id:
        raise NietGevonden()
    if n.gelezen_op is None:
        n.gelezen_op = utcnow()
        db.session.commit()
    return n


def voorkeur(user: Gebruiker, waarde: str) -> None:
    """Immediately, in the daily digest at 07:30, or in the app only."""
    if waarde not in MELDING_VOORKEUREN:
        raise Ongeldig({"melding_voorkeur": "Kies een van de mogelijkheden."})
    user.melding_voorkeur = waarde
    audit.log(user, "melding_voorkeur", voorkeur=waarde)
    db.session.commit()
