"""The audit trail's hash chain (rules/audit.py): the scheduler seals the events in the order
they were recorded and pins the chain once a day; `flask audit verify` walks it and names the
first event that was changed, removed or slipped in."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import func, select

from caseflow import clock
from caseflow.clock import BRUSSELS
from caseflow.extensions import db
from caseflow.models import AuditAnker, AuditEvent
from caseflow.models.base import utcnow
from caseflow.rules import audit as regels

PER_KEER = 1000
# An event is sealed a minute after it was recorded: by then its transaction has committed,
# so no event with a lower id can still appear behind it.
WACHTTIJD = timedelta(minutes=1)
TE_LANG_OPEN = timedelta(hours=1)  # unsealed longer than this: is the scheduler running?


def _inhoud(e: AuditEvent) -> bytes:
    return regels.inhoud(e.tijdstip, e.gebruiker_id, e.organisatie_id, e.dossier_id, e.actie,
                         e.details, e.remote_addr, e.volgnummer)


def _laatste() -> tuple[int, str]:
    rij = db.session.execute(select(AuditEvent.volgnummer, AuditEvent.hash).where(
        AuditEvent.volgnummer.is_not(None)).order_by(AuditEvent.volgnummer.desc())
        .limit(1)).first()
    return (rij[0], rij[1]) if rij else (0, regels.BEGIN)


def verzegelen(tot: datetime | None = None) -> int:
    """Seal the events recorded before `tot` (a minute ago), in the order of their id, after
    the last sealed one, a thousand per transaction; then pin every finished day. Run by one
    process at a time (the scheduler's leader): a second sealer fails on the unique number
    instead of forking the chain. Returns how many were sealed."""
    tot = tot or utcnow() - WACHTTIJD
    nummer, vorige = _laatste()
    aantal = 0
    while rijen := db.session.scalars(select(AuditEvent).where(
            AuditEvent.volgnummer.is_(None), AuditEvent.tijdstip <= tot)
            .order_by(AuditEvent.id).limit(PER_KEER)).all():
        for e in rijen:
            nummer += 1
            e.volgnummer, e.vorige_hash = nummer, vorige
            e.hash = vorige = regels.schakel(vorige, _inhoud(e))
        db.session.commit()
        aantal += len(rijen)
    verankeren()
    return aantal


def verankeren(vandaag=None) -> None:
    """Pin the chain at the last sealed event of every finished day (Brussels time)."""
    vandaag = vandaag or clock.vandaag()
    laatste_dag = db.session.scalar(select(func.max(AuditAnker.dag)))
    eerste = db.session.scalar(select(func.min(AuditEvent.tijdstip)).where(
        AuditEvent.volgnummer.is_not(None)))
    if eerste is None:
        return
    dag = laatste_dag + timedelta(days=1) if laatste_dag else eerste.astimezone(BRUSSELS).date()
    while dag < vandaag:
        grens = datetime.combine(dag + timedelta(days=1), time(), BRUSSELS)
        rij = db.session.execute(select(AuditEvent.volgnummer, AuditEvent.hash).where(
            AuditEvent.volgnummer.is_not(None), AuditEvent.tijdstip < grens)
            .order_by(AuditEvent.volgnummer.desc()).limit(1)).first()
        if rij:
            db.session.add(AuditAnker(dag=dag, volgnummer=rij[0], hash=rij[1]))
        dag += timedelta(days=1)
    db.session.commit()


@dataclass(frozen=True)
class Uitslag:
    gecontroleerd: int
    fout: str | None  # the first break, in Dutch, naming the event's id
    onverzegeld: int
    te_lang_open: int

    @property
    def in_orde(self) -> bool:
        return self.fout is None


def _breuk(e: AuditEvent, verwacht: int, vorige: str) -> str | None:
    if e.volgnummer != verwacht:
        return f"gebeurtenis nummer {verwacht} ontbreekt (verwijderd?); de keten gaat verder " \
               f"met id {e.id}"
    if e.vorige_hash != vorige:
        return f"gebeurtenis id {e.id} (nummer {e.volgnummer}): de schakel naar de vorige " \
               "klopt niet"
    if regels.schakel(vorige, _inhoud(e)) != e.hash:
        return f"gebeurtenis id {e.id} (nummer {e.volgnummer}): de inhoud werd gewijzigd"
    return None


def _ankers_kloppen() -> str | None:
    for anker, hash_ in db.session.execute(select(AuditAnker, AuditEvent.hash).outerjoin(
            AuditEvent, AuditEvent.volgnummer == AuditAnker.volgnummer)
            .order_by(AuditAnker.dag)):
        if hash_ != anker.hash:
            return f"het anker van {anker.dag.isoformat()} (nummer {anker.volgnummer}) klopt " \
                   "niet meer met de keten"
    return None


def verifieren() -> Uitslag:
    """Walk the chain from its first event: the first break found, or none."""
    vorige, verwacht, fout = regels.BEGIN, 1, None
    for e in db.session.scalars(select(AuditEvent).where(AuditEvent.volgnummer.is_not(None))
                                .order_by(AuditEvent.volgnummer)
                                .execution_options(yield_per=2000)):
        if (fout := _breuk(e, verwacht, vorige)) is not None:
            break
        vorige, verwacht = e.hash, verwacht + 1
    fout = fout or _ankers_kloppen()
    open_ = select(func.count(AuditEvent.id)).where(AuditEvent.volgnummer.is_(None))
    return Uitslag(verwacht - 1, fout, db.session.scalar(open_), db.session.scalar(
        open_.where(AuditEvent.tijdstip < utcnow() - TE_LANG_OPEN)))
