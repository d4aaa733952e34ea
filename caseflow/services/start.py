"""The start page per role (issue 5, point 6): what waits for me, with its deadline."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from caseflow import access
from caseflow.extensions import db
from caseflow.models import Dossier, Gebruiker, Signaal
from caseflow.services import casusoverleg, signalen
from workflows.signaal import OPEN

WACHT_OP_WELZIJN = ("aanvraag", "erkend", "contact")


def overzicht(user: Gebruiker) -> dict:
    """Open action items for everyone; requests waiting for the hulpverlener; open signalen of
    the huurbegeleider's tenants. Only dossiers within the user's scope."""
    statussen = WACHT_OP_WELZIJN if user.rol == "hulpverlener" else OPEN
    rijen = db.session.execute(
        select(Signaal, Dossier).join(Dossier, Dossier.id == Signaal.dossier_id)
        .where(access.dossier_scope(user), Signaal.status.in_(statussen))
        .options(selectinload(Dossier.toewijzing))
        .order_by(Signaal.aangevraagd_op)).all()
    lijst = [(s, d, signalen.volgende_termijn(s, d)) for s, d in rijen
             if user.rol != "hulpverlener" or s.verplicht]
    return {"actiepunten": casusoverleg.mijn_actiepunten(user),
            "signalen": sorted(lijst, key=lambda r: (r[2] is None, r[2][1] if r[2] else None))}
