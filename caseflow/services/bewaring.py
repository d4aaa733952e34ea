"""The retention job (I-9.2, rules.bewaring): dossiers closed longer than the retention period in
force are pseudonymised, in batches, each dossier at once or not at all. Idempotent (a
pseudonymised dossier is marked and never taken again), audited per dossier, and it says what
it will do before it does it (`dry_run`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone

from sqlalchemy import Table, func, select, update

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import (
    Actiepunt,
    AdresPeriode,
    Attest,
    Begeleidingsovereenkomst,
    Beoordeling,
    BOVoorstel,
    Casusoverleg,
    Dossier,
    DossierHistoriek,
    Knipperlicht,
    Notitie,
    Pijler3Toeleiding,
    Rechtsverzoek,
    Signaal,
    SociaalVerslag,
    Toestemming,
    Toewijzing,
    Voorstel,
)
from caseflow.models.instelling import in_voege
from caseflow.rules import bewaring as regels
from caseflow.services import audit

PER_KEER = 500  # dossiers per transaction

# Every free text about the person, per table: the column and what it becomes (None where the
# column may be empty, a fixed text where it must hold one). Rows are found by their dossier.
VRIJE_TEKST: list[tuple[type, dict]] = [
    (DossierHistoriek, {"reden": None, "toelichting": None}),
    (Attest, {"privemarkt_motivering": None}),
    (Notitie, {"tekst": regels.WEG}),
    (Signaal, {"beschrijving": regels.WEG}),
    (Casusoverleg, {"deelnemers": regels.WEG, "samenvatting": regels.WEG, "beslissingen": None}),
    (Knipperlicht, {"reden": regels.WEG, "overleg_verslag": None}),
    (SociaalVerslag, {"motivering": regels.WEG, "beslissing_toelichting": None}),
    (Toestemming, {"omvang": regels.WEG}),
    (Toewijzing, {"adres": regels.WEG, "quotum_afwijking": None}),
    (Voorstel, {"reden": None}),
    (Pijler3Toeleiding, {"verslaving": False, "psychiatrie": False}),  # health: not a figure
    (Rechtsverzoek, {"omschrijving": regels.WEG, "antwoord": None}),
    (Beoordeling, {"opmerking": None}),  # a coördinator's comment in the review queue
]
# Free text in rows that hang from a row of the dossier: (table, its key, parent, its columns).
ONDER: list[tuple[type, str, type, dict]] = [
    (Actiepunt, "casusoverleg_id", Casusoverleg, {"omschrijving": regels.WEG}),
    (BOVoorstel, "overeenkomst_id", Begeleidingsovereenkomst,
     {"reden": None, "beslissing_reden": None}),
]


@dataclass
class Verslag:
    termijn_jaren: int
    grens: date
    dossiers: list[tuple[int, str, date]] = field(default_factory=list)  # id, nummer, afgesloten
    uitgevoerd: bool = False


def termijn(vandaag: date) -> int:
    """The retention period in force today (a setting with an effective date)."""
    rij = in_voege("bewaartermijn_jaren", vandaag)
    return regels.valideer_jaren(rij.waarde) if rij is not None else regels.STANDAARD_JAREN


def _kandidaten(grens: date) -> list[tuple[int, str, date]]:
    """Closed, not yet pseudonymised, and closed (the last time) before `grens`."""
    tot = datetime.combine(grens, time.min, clock.BRUSSELS).astimezone(timezone.utc)
    afgesloten = func.max(DossierHistoriek.tijdstip)
    rijen = db.session.execute(
        select(Dossier.id, Dossier.nummer, afgesloten)
        .join(DossierHistoriek, DossierHistoriek.dossier_id == Dossier.id)
        .where(Dossier.status == "afgesloten", Dossier.gepseudonimiseerd_op.is_(None),
               DossierHistoriek.naar == "afgesloten")
        .group_by(Dossier.id, Dossier.nummer).having(afgesloten < tot).order_by(Dossier.id))
    return [(i, n, clock.lokaal_datum(t)) for i, n, t in rijen]


def _wis_tekst(ids: list[int]) -> None:
    for model, kolommen in VRIJE_TEKST:
        tabel: Table = model.__table__
        db.session.execute(update(tabel).where(tabel.c.dossier_id.in_(ids)).values(kolommen))
    for model, sleutel, ouder, kolommen in ONDER:
        tabel, boven = model.__table__, ouder.__table__
        db.session.execute(update(tabel).where(tabel.c[sleutel].in_(
            select(boven.c.id).where(boven.c.dossier_id.in_(ids)))).values(kolommen))
    db.session.execute(AdresPeriode.__table__.delete().where(
        AdresPeriode.__table__.c.dossier_id.in_(ids)))


def _pseudonimiseer(kandidaten: list[int], vandaag: date) -> None:
    """One batch, in the caller's transaction: only what is still closed and not done (a
    dossier reopened meanwhile, or a second run beside this one, changes nothing twice)."""
    ids = []
    for d in db.session.scalars(select(Dossier).where(
            Dossier.id.in_(kandidaten), Dossier.status == "afgesloten",
            Dossier.gepseudonimiseerd_op.is_(None)).with_for_update()):
        ids.append(d.id)
        d.voornaam, d.achternaam = regels.VOORNAAM, d.nummer or f"#{d.id}"
        d.rijksregisternummer = regels.RIJKSREGISTERNUMMER
        d.geboortedatum = regels.geboortedatum(d.geboortedatum)
        d.telefoon = d.email = d.adres = d.cir_nummer = None
        d.gepseudonimiseerd_op = vandaag
        audit.log(None, "dossier_gepseudonimiseerd", d, termijn_verstreken=True)
    _wis_tekst(ids)


def uitvoeren(vandaag: date | None = None, dry_run: bool = False) -> Verslag:
    """What is past the retention period, and (unless `dry_run`) pseudonymise it, PER_KEER
    dossiers per transaction: a stop halfway leaves whole dossiers done and the rest for the
    next run."""
    vandaag = vandaag or clock.vandaag()
    jaren = termijn(vandaag)
    grens = regels.grens(vandaag, jaren)
    verslag = Verslag(jaren, grens, _kandidaten(grens))
    if dry_run:
        db.session.rollback()
        return verslag
    for k in range(0, len(verslag.dossiers), PER_KEER):
        _pseudonimiseer([i for i, _, _ in verslag.dossiers[k:k + PER_KEER]], vandaag)
        db.session.commit()
    audit.log(None, "bewaring_uitgevoerd", dossiers=len(verslag.dossiers), termijn_jaren=jaren,
              grens=grens.isoformat())
    db.session.commit()
    verslag.uitgevoerd = True
    return verslag
