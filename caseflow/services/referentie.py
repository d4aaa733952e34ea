"""Reference data loaded by `flask init`: idempotent, and never overwriting a beheerder's edits."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from caseflow.extensions import db
from caseflow.models import Gemeente, Instelling, Organisatie, Quotum, Zone
from caseflow.rules import bewaring, herinneringen, regio
from caseflow.rules import wegingskader as wk
from caseflow.rules.pijler3 import LOKALE_BINDING
from caseflow.rules.signaal import TERMIJNEN

START_MODEL = date(2023, 1, 1)


def _instellingen() -> list[tuple[str, date, object, str]]:
    rows = [
        (
            "leefloon", ingang,
            {"alleenstaande": str(alleen), "gezinslast": str(gezin)},
            "Leefloon per maand (R-4.2b)",
        )
        for ingang, alleen, gezin in wk.LEEFLOON_VERSIES
    ]
    rows += [
        ("inkomen_toeslagen", START_MODEL,
         {h: [[str(t), p] for t, p in cats] for h, cats in wk.INKOMEN_TOESLAGEN.items()},
         "Toeslagen op het leefloon per categorie en punten (R-4.2, I-4.2a)"),
        ("punten_woonnood", START_MODEL,
         {w.code: w.punten for w in wk.WOONNOOD}, "Punten actuele woonnood (R-4.1)"),
        ("punten_kinderlast", START_MODEL, list(wk.KINDERLAST_PUNTEN),
         "Punten kinderlast (R-4.5, I-4.5a)"),
        ("punten_begeleiding", START_MODEL, dict(wk.BEGELEIDING_PUNTEN),
         "Punten begeleiding door een professionele actor (R-4.3)"),
        ("attest_geldigheid_maanden", START_MODEL, 6, "Geldigheid van een attest (I-3.4)"),
        ("begeleidingsovereenkomst_maanden", START_MODEL, 12,
         "Looptijd van een begeleidingsovereenkomst (R-6.2)"),
        ("housing_first_capaciteit", START_MODEL, 10,
         "Nieuwe Housing First-begeleidingen per jaar (R-5.2.1)"),
        ("lokale_binding_pijler3", START_MODEL, dict(LOKALE_BINDING),
         "R-2.3 laat de mildere vorm open: standaard de toets van R-2.5 (5 jaar onafgebroken "
         "in de 10 jaar vóór de toewijzing)"),
        ("signaal_termijnen", START_MODEL, dict(TERMIJNEN),
         "Termijnen in werkdagen na een aanvraag aanklampende begeleiding (I-7.2)"),
        ("herinneringen", START_MODEL, herinneringen.STANDAARD,
         "Dagen vooraf voor herinneringen en dagen tot een dossier stilvalt"),
        ("bewaartermijn_jaren", START_MODEL, bewaring.STANDAARD_JAREN,
         "Jaren na het afsluiten tot een dossier gepseudonimiseerd wordt (I-9.2)"),
    ]
    return rows


def _get_or_create(model, defaults: dict | None = None, **keys):
    obj = db.session.scalars(select(model).filter_by(**keys)).first()
    if obj is None:
        obj = model(**keys, **(defaults or {}))
        db.session.add(obj)
        db.session.flush()
        return obj, True
    return obj, False


def laad() -> dict[str, int]:
    """Create what is missing; report how many rows of each kind were added."""
    added = {"organisaties": 0, "zones": 0, "gemeenten": 0, "quota": 0, "instellingen": 0}
    wms = {}
    for wm in regio.WOONMAATSCHAPPIJEN:
        wms[wm.naam], new = _get_or_create(
            Organisatie, {"soort": "woonmaatschappij", "afkorting": wm.afkorting}, naam=wm.naam
        )
        added["organisaties"] += new
    for z in regio.ZONES:
        zone, new = _get_or_create(Zone, {"patrimonium": z.patrimonium},
                                   woonmaatschappij_id=wms[z.woonmaatschappij].id, naam=z.zone)
        added["zones"] += new
        for naam in z.gemeenten:
            _, new = _get_or_create(Gemeente, {"zone_id": zone.id, "in_arrondissement": True},
                                    naam=naam)
            added["gemeenten"] += new
        for doelgroep, aantal in z.quota.items():
            _, new = _get_or_create(Quotum, {"aantal": aantal}, zone_id=zone.id,
                                    doelgroep=doelgroep)
            added["quota"] += new
    for sleutel, ingang, waarde, toelichting in _instellingen():
        _, new = _get_or_create(Instelling, {"waarde": waarde, "toelichting": toelichting},
                                sleutel=sleutel, ingangsdatum=ingang)
        added["instellingen"] += new
    db.session.commit()
    return added
