"""Two real scheduler processes (`flask scheduler run`) against one database, SQLite file and
PostgreSQL: only the lease holder works, every due reminder exists exactly
once, and killing the leader lets the other take over. The processes run on the real clock, so
the test waits for them by polling the database with a deadline (no fixed sleeps)."""
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Notificatie, SchedulerLease
from caseflow.services import casusoverleg
from tests.builders import fresh, new_dossier

ROOT = Path(__file__).resolve().parents[2]
SWEEP_MINUTES = "0.02"  # a round every 1.2 s, a lease of 3.6 s


def actiepunt_morgen(world, hv):
    """An action item due tomorrow: its reminder (2 days before) is due now."""
    d = new_dossier(hv, world.woonboog)
    o = casusoverleg.registreren(hv, d.id, d.version_id, clock.vandaag(), "periodiek", "CAW",
                                 "Overleg", None)
    casusoverleg.actiepunt_toevoegen(hv, d.id, fresh(d).version_id, o.id, "Bellen", hv.id,
                                     clock.vandaag() + timedelta(days=1))


def start(app, tmp_path: Path, naam: str) -> tuple[subprocess.Popen, Path]:
    log = tmp_path / f"{naam}.log"
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "SWEEP_MINUTES": SWEEP_MINUTES, "SECRET_KEY": "test",
           "CASEFLOW_INSTANCE": str(tmp_path / naam), "SMTP_HOST": ""}
    proc = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "scheduler", "run"],
                            cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    return proc, log


def wacht(voorwaarde, wat: str, seconden: float = 40):
    """Poll the database until `voorwaarde()` holds; each read in a transaction of its own."""
    grens = time.monotonic() + seconden
    while time.monotonic() < grens:
        try:
            if voorwaarde():
                return
        finally:
            db.session.rollback()
        time.sleep(0.2)
    raise AssertionError(f"na {seconden} s nog niet: {wat}")


def houder() -> str | None:
    return db.session.scalar(select(SchedulerLease.houder))


def aantal() -> int:
    return db.session.scalar(select(func.count(Notificatie.id)))


def rondes(log: Path) -> int:
    return log.read_text().count("Herinneringen:")


def test_two_schedulers_one_works_the_other_takes_over(app, world, tmp_path):
    actiepunt_morgen(world, world.hv)
    actiepunt_morgen(world, world.hv2)
    a, log_a = start(app, tmp_path, "a")
    b = None
    try:
        wacht(lambda: (houder() or "").endswith(f":{a.pid}"), "A leidt")
        b, log_b = start(app, tmp_path, "b")
        wacht(lambda: "Scheduler gestart" in log_b.read_text(), "B draait")
        gezien = rondes(log_a)
        wacht(lambda: rondes(log_a) >= gezien + 3, "A werkt verder")
        assert aantal() == 2  # each due reminder once
        assert rondes(log_b) == 0 and houder().endswith(f":{a.pid}")  # B only waits

        actiepunt_morgen(world, world.hv)  # new work meanwhile
        a.send_signal(signal.SIGKILL)  # the leader dies without a word
        a.wait(10)
        wacht(lambda: (houder() or "").endswith(f":{b.pid}"), "B neemt over")
        wacht(lambda: aantal() == 3, "B maakt de nieuwe herinnering")
        wacht(lambda: rondes(log_b) >= 1, "B meldt zijn werk")
        sleutels = db.session.execute(select(
            Notificatie.soort, Notificatie.object_id, Notificatie.ontvanger_id)).all()
        assert len(sleutels) == len(set(sleutels)) == 3
        b.send_signal(signal.SIGTERM)  # stops cleanly
        assert b.wait(15) == 0
    finally:
        for p in (a, b):
            if p is not None and p.poll() is None:
                p.kill()
                p.wait(10)
