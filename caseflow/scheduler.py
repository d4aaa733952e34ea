"""APScheduler 3.x in its own process (`flask scheduler run`), never inside web workers.

Only the holder of the lease does the work; a second scheduler waits and takes over when the
first stops renewing (it died, or was stopped)."""
from __future__ import annotations

import os
import signal
import socket
from datetime import datetime, timedelta, timezone

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import SchedulerLease
from caseflow.rules.herinneringen import DIGEST_UUR
from caseflow.services import (
    auditketen,
    auth,
    bewaring,
    herinneringen,
    mail,
    monitoring,
    opvolging,
)

LEASE = "herinneringen"


def nu() -> datetime:
    return datetime.now(timezone.utc)


def houder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def probeer_leiding(houder: str, duur: timedelta, tijdstip: datetime | None = None) -> bool:
    """Take or renew the lease; True when `houder` leads until now + duur."""
    tijdstip = tijdstip or nu()
    result = db.session.execute(
        update(SchedulerLease).where(
            SchedulerLease.naam == LEASE,
            or_(SchedulerLease.houder == houder, SchedulerLease.verloopt_op < tijdstip))
        .values(houder=houder, verloopt_op=tijdstip + duur))
    if result.rowcount == 1:
        db.session.commit()
        return True
    db.session.rollback()
    try:
        db.session.add(SchedulerLease(naam=LEASE, houder=houder, verloopt_op=tijdstip + duur))
        db.session.commit()
    except IntegrityError:  # somebody else holds it
        db.session.rollback()
        return False
    return True


def digest_trigger():
    """The daily digest at 07:30 Brussels time, summer and winter."""
    return CronTrigger(hour=DIGEST_UUR.hour, minute=DIGEST_UUR.minute,
                       timezone="Europe/Brussels")


def werk(app, houder: str, lease: timedelta) -> dict | None:
    """One round of work when this process holds the lease: the sweep, then the mail (a mail
    failure never stops the sweep: what could not be sent is retried at a later round)."""
    with app.app_context():
        try:
            if not probeer_leiding(houder, lease):
                return None
            resultaat = herinneringen.verwerk()
            auth.opruimen(app.config["SESSION_MAX_AGE"])
            db.session.commit()
            # After the reminders are saved: the mail (the lease is renewed before every mail,
            # so a long run never lets a second scheduler in beside it), sealing the audit and
            # refreshing the monitoring. A failure is logged and tried again next round.
            for naam, taak in (
                    ("mail", lambda: mail.verstuur(leider=lambda: probeer_leiding(houder, lease))),
                    ("audit", auditketen.verzegelen), ("monitoring", monitoring.verversen)):
                try:
                    resultaat[naam] = taak()
                except Exception:  # noqa: BLE001 - logged; the next round tries again
                    db.session.rollback()
                    app.logger.exception("%s mislukt", naam)
            app.logger.info("Herinneringen: %s", resultaat)
            return resultaat
        finally:
            db.session.remove()


def ochtend(app, houder: str, lease: timedelta) -> int | None:
    """Once a day, before the digest: the coördinatoren hear of new items in Opvolging (a whole
    queue per scope is too much work for every sweep); then the retention job."""
    with app.app_context():
        try:
            if not probeer_leiding(houder, lease):
                return None
            gemeld = opvolging.meld_nieuwe_items(clock.vandaag())
            db.session.commit()
            app.logger.info("Opvolging: %s melding(en)", gemeld)
            # I-9.2: dossiers past the retention period, once a day (idempotent).
            verslag = bewaring.uitvoeren(clock.vandaag())
            app.logger.info("Bewaring: %s dossier(s) gepseudonimiseerd", len(verslag.dossiers))
            return gemeld
        finally:
            db.session.remove()


def ochtend_trigger():
    """07:15 Brussels time: the meldingen are there for the 07:30 digest."""
    return CronTrigger(hour=7, minute=15, timezone="Europe/Brussels")


def run(app) -> None:
    """Blocking: a sweep every SWEEP_MINUTES and the digest at 07:30 (Europe/Brussels);
    stops cleanly on SIGTERM."""
    seconden = float(app.config.get("SWEEP_MINUTES", 5)) * 60
    houder = houder_id()
    lease = timedelta(seconds=seconden * 3)
    # One worker thread: the sweep and the digest never run at the same time in one process.
    scheduler = BlockingScheduler(timezone="Europe/Brussels",
                                  executors={"default": ThreadPoolExecutor(1)})
    scheduler.add_job(werk, "interval", seconds=seconden, args=(app, houder, lease),
                      next_run_time=datetime.now(timezone.utc), id="sweep", max_instances=1,
                      coalesce=True)
    scheduler.add_job(werk, digest_trigger(), args=(app, houder, lease), id="digest",
                      max_instances=1, coalesce=True, misfire_grace_time=3600)
    scheduler.add_job(ochtend, ochtend_trigger(), args=(app, houder, lease), id="ochtend",
                      max_instances=1, coalesce=True, misfire_grace_time=3600)
    signal.signal(signal.SIGTERM, lambda *_: scheduler.shutdown(wait=False))
    app.logger.info("Scheduler %s gestart (elke %s s)", houder, seconden)
    scheduler.start()
