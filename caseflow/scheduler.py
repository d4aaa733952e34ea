"""APScheduler 3.x in its own process (`flask scheduler run`), never inside web workers.

Only the holder of the lease does the work; a second scheduler waits and takes over when the
first stops renewing (it died, or was stopped)."""
from __future__ import annotations

import os
import signal
import socket
from datetime import datetime, timedelta, timezone

from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError

from caseflow.extensions import db
from caseflow.models import SchedulerLease

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


def run(app) -> None:
    """Blocking: a sweep every SWEEP_MINUTES (Europe/Brussels); stops cleanly on SIGTERM."""
    from apscheduler.schedulers.blocking import BlockingScheduler

    from caseflow.services import herinneringen

    minuten = int(app.config.get("SWEEP_MINUTES", 5))
    houder = houder_id()
    scheduler = BlockingScheduler(timezone="Europe/Brussels")

    def sweep() -> None:
        with app.app_context():
            if probeer_leiding(houder, timedelta(minutes=minuten * 3)):
                resultaat = herinneringen.verwerk()
                app.logger.info("Herinneringen: %s", resultaat)
            db.session.remove()

    scheduler.add_job(sweep, "interval", minutes=minuten, next_run_time=datetime.now(),
                      id="sweep", max_instances=1, coalesce=True)
    signal.signal(signal.SIGTERM, lambda *_: scheduler.shutdown(wait=False))
    scheduler.start()
