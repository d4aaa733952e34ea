"""The start page per role: what waits for me, with its deadline."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from caseflow import access, clock
from caseflow.extensions import db
from caseflow.models import (
    Attest,
    Begeleidingsovereenkomst,
    BOVoorstel,
    Dossier,
    Gebruiker,
    Signaal,
    Toewijzing,
    Voorstel,
    Woning,
)
from caseflow.models.base import via_index
from caseflow.models.begeleiding import open_voorstel
from caseflow.models.signaal import is_open
from caseflow.services import casusoverleg, herinneringen, signalen

# Each list of the start page shows at most this many rows, the earliest first, and says when
# there are more: the page stays about 100 rows whatever the scope holds.
TONEN = 50
# At most this many items of each kind are read, the earliest first: the page costs what it
# shows, not what is stored (a woonmaatschappij may have thousands of kandidaten). One more
# than the page shows, so that a kind with more says so.
PER_SOORT = TONEN + 1
# The earliest request first, a signaal not yet asked for (no date) after every request, on
# both databases (SQLite sorts a missing date first, PostgreSQL last).
EERST_GEVRAAGD = (Signaal.aangevraagd_op.asc().nulls_last(), Signaal.id)


def overzicht(user: Gebruiker) -> dict:
    """Open action items for everyone; requests waiting for the hulpverlener; open signalen of
    the huurbegeleider's tenants. Only dossiers within the user's scope. Each list holds its
    first TONEN rows; `meer` says which had more."""
    statussen = herinneringen.SIGNAAL_OPEN if user.rol == "hulpverlener" else ()
    limiet = 2 * PER_SOORT
    rijen = db.session.execute(
        select(Signaal, Dossier).join(Dossier, Dossier.id == Signaal.dossier_id)
        .where(Signaal.id.in_(eerste_open_signalen(user, statussen, limiet)))
        .options(selectinload(Dossier.toewijzing))
        .order_by(*EERST_GEVRAAGD)).all()
    lijst = [(s, d, signalen.volgende_termijn(s, d)) for s, d in rijen
             if user.rol != "hulpverlener" or s.verplicht]
    lijsten = {"actiepunten": casusoverleg.mijn_actiepunten(user, TONEN + 1),
               "signalen": sorted(lijst, key=lambda r: (r[2] is None, r[2][1] if r[2] else None)),
               "wacht": wacht_op(user)}
    meer = {naam: len(rijen_) > TONEN for naam, rijen_ in lijsten.items()}
    meer["signalen"] = meer["signalen"] or len(rijen) == limiet
    return {**{naam: rijen_[:TONEN] for naam, rijen_ in lijsten.items()}, "meer": meer,
            "tonen": TONEN}


def eerste_open_signalen(user: Gebruiker, statussen: tuple[str, ...], limiet: int):
    """The ids of the first open signalen in the user's scope, the earliest request first,
    along the partial index of the few open ones (on SQLite said outright: its statistics
    would start from the organisation's dossiers, all 80 000 of the largest)."""
    return via_index(select(Signaal.id).join(Dossier, Dossier.id == Signaal.dossier_id)
                     .where(access.dossier_scope(user), is_open(*statussen))
                     .order_by(*EERST_GEVRAAGD).limit(limiet), Signaal, "ix_signaal_open")


@dataclass(frozen=True)
class Wacht:
    """Something that waits for this user's decision or action, on a dossier."""

    wat: str
    dossier: Dossier
    datum: date | None
    link: str


def wacht_op(user: Gebruiker, vandaag: date | None = None) -> list[Wacht]:
    """What waits for *this* user: the huurbegeleider's attesten to confirm, proposals to
    answer and the other party's proposals; the hulpverlener's answers to give, overdue
    evaluations and ending engagements. Only dossiers in the user's scope."""
    vandaag = vandaag or clock.vandaag()
    if user.rol == "huurbegeleider" and user.organisatie.is_woonmaatschappij:
        items = _voor_woonmaatschappij(user, vandaag)
    elif user.rol == "hulpverlener":
        items = _voor_hulpverlener(user, vandaag)
    else:
        return []
    return sorted(items, key=lambda w: (w.datum or date.max, w.dossier.id))


def _eigen(user: Gebruiker):
    """The dossiers a huurbegeleider answers for: its woonmaatschappij's, in scope."""
    return (access.dossier_scope(user), Dossier.woonmaatschappij_id == user.organisatie_id)


def _voor_woonmaatschappij(user: Gebruiker, vandaag: date) -> list[Wacht]:
    items = [Wacht("Attest bevestigen (R-3.3)", d, a.geldig_tot, f"/dossiers/{d.id}#traject")
             for a, d in db.session.execute(
                 select(Attest, Dossier).join(Dossier, Dossier.id == Attest.dossier_id)
                 .where(*_eigen(user), Dossier.status == "kandidaat",
                        Attest.status == "uitgereikt", Attest.geldig_tot >= vandaag)
                 .order_by(Attest.geldig_tot).limit(PER_SOORT))]
    items += [Wacht(f"Voorstel voor {w.adres}: antwoord van de kandidaat registreren", d,
                    v.voorgesteld_op.date(), f"/woningen/{w.id}")
              for v, w, d in db.session.execute(
                  select(Voorstel, Woning, Dossier).join(Woning, Woning.id == Voorstel.woning_id)
                  .join(Dossier, Dossier.id == Voorstel.dossier_id)
                  .where(Voorstel.status == "voorgesteld",
                         Woning.woonmaatschappij_id == user.organisatie_id)
                  .order_by(Voorstel.id).limit(PER_SOORT))]
    return items + _andere_partij(user, "welzijn", _eigen(user))


def _voor_hulpverlener(user: Gebruiker, vandaag: date) -> list[Wacht]:
    mijn = (access.dossier_scope(user), Dossier.hulpverlener_id == user.id)
    items = [Wacht("Evaluatie van de begeleidingsovereenkomst: einddatum voorbij (R-6.2)", d,
                   bo.geplande_einddatum, f"/dossiers/{d.id}#overeenkomst")
             for bo, d in db.session.execute(
                 select(Begeleidingsovereenkomst, Dossier)
                 .join(Dossier, Dossier.id == Begeleidingsovereenkomst.dossier_id)
                 .where(*mijn, Begeleidingsovereenkomst.status.in_(("actief", "evaluatie")),
                        Begeleidingsovereenkomst.geplande_einddatum < vandaag)
                 .order_by(Begeleidingsovereenkomst.geplande_einddatum).limit(PER_SOORT))]
    grens = vandaag + timedelta(days=herinneringen.instellingen(vandaag)["engagement_eindigt"])
    items += [Wacht("Engagement eindigt (R-6.3)", d, t.engagement_einde, f"/dossiers/{d.id}")
              for t, d in db.session.execute(
                  select(Toewijzing, Dossier).join(Dossier, Dossier.id == Toewijzing.dossier_id)
                  .where(*mijn, Dossier.status != "afgesloten",
                         Toewijzing.engagement_einde.between(vandaag, grens))
                  .order_by(Toewijzing.engagement_einde).limit(PER_SOORT))]
    return items + _andere_partij(user, "wonen", mijn)


def _andere_partij(user: Gebruiker, andere: str, waar) -> list[Wacht]:
    """R-6.2: the other party's proposals on the agreement, and its agreement to follow up
    without one, wait for this user's answer."""
    items = [Wacht(f"Beslissen: {v.soort_label.lower()} voorgesteld door de andere partij "
                   "(R-6.2)", d, v.voorgesteld_op.date(), f"/dossiers/{d.id}#overeenkomst")
             for v, d in db.session.execute(
                 select(BOVoorstel, Dossier)
                 .join(Begeleidingsovereenkomst,
                       Begeleidingsovereenkomst.id == BOVoorstel.overeenkomst_id)
                 .join(Dossier, Dossier.id == Begeleidingsovereenkomst.dossier_id)
                 .where(*waar, open_voorstel(), BOVoorstel.partij == andere)
                 .order_by(BOVoorstel.id).limit(PER_SOORT))]
    items += [Wacht("Akkoord gevraagd: opvolgen zonder begeleidingsovereenkomst (R-6.2)", d,
                    None, f"/dossiers/{d.id}#acties")
              for d in db.session.scalars(select(Dossier).where(
                  *waar, Dossier.status == "toegewezen", Dossier.zonder_bo_akkoord == andere)
                  .order_by(Dossier.id).limit(PER_SOORT))]
    return items
