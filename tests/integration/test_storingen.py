"""Faults (I-9.2: nothing half-saved, nothing lost): real processes against one database, SQLite
file and PostgreSQL. A web server killed with SIGKILL while dossiers are being saved leaves
every dossier whole (its history and audit with it) and an audit chain that verifies; a
scheduler killed mid-sweep leaves every reminder exactly once after another takes over; two
people saving one dossier at the same moment through two worker processes: one saves, the
other gets the conflict page with what they typed, nothing is lost."""
import html
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import date, datetime, timedelta, timezone
from http.cookiejar import CookieJar
from pathlib import Path

from sqlalchemy import exists, func, select

from caseflow.extensions import db
from caseflow.models import AuditEvent, Dossier, DossierHistoriek, Notificatie
from caseflow.services import auditketen
from caseflow.services.demo import rijksregisternummer
from tests.builders import WACHTWOORD, new_dossier
from tests.integration.test_dossier_forms import valid_form
from tests.integration.test_scheduler_processen import actiepunt_morgen, houder, start, wacht

ROOT = Path(__file__).resolve().parents[2]
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|'
                  r'name="csrf_token" value="([^"]+)"')


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def webserver(app, tmp_path: Path, workers: int = 2) -> tuple[subprocess.Popen, str]:
    """gunicorn as in production, in a process group of its own (SIGKILL takes all)."""
    poort = vrije_poort()
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "SECRET_KEY": "test", "CASEFLOW_INSTANCE": str(tmp_path / "web"), "SMTP_HOST": ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{poort}",
         "wsgi:app"], cwd=ROOT, env=env, stdout=(tmp_path / "web.log").open("w"),
        stderr=subprocess.STDOUT, start_new_session=True)
    basis = f"http://127.0.0.1:{poort}"
    grens = time.monotonic() + 60
    while time.monotonic() < grens:
        try:
            urllib.request.urlopen(basis + "/aanmelden", timeout=2).read()
            return proc, basis
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError("gunicorn start niet: " + (tmp_path / "web.log").read_text()[-2000:])


def stop(proc: subprocess.Popen, sig=signal.SIGKILL) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
        proc.wait(15)


class _GeenOmleiding(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 302 itself is the answer the test looks at


class Browser:
    """One person's browser: cookies, the form's CSRF token, the status of each answer."""

    def __init__(self, basis: str):
        self.basis = basis
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), _GeenOmleiding())

    def get(self, pad: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.basis + pad))

    def post(self, pad: str, data: dict, van: str | None = None) -> tuple[int, str]:
        """Post `data` with the CSRF token of the page `van` (or of `pad`)."""
        _, pagina = self.get(van or pad)
        m = CSRF.search(pagina)
        data = {**data, "csrf_token": m.group(1) or m.group(2)}
        return self._open(urllib.request.Request(
            self.basis + pad, data=urllib.parse.urlencode(data).encode(), method="POST"))

    def _open(self, verzoek) -> tuple[int, str]:
        try:
            with self.opener.open(verzoek, timeout=30) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def aanmelden(self, email: str) -> None:
        status, _ = self.post("/aanmelden", {"email": email, "wachtwoord": WACHTWOORD})
        assert status == 302


def keten_in_orde() -> None:
    """Seal everything written so far, then walk the chain from its first event."""
    auditketen.verzegelen(datetime.now(timezone.utc) + timedelta(minutes=1))
    db.session.commit()
    uitslag = auditketen.verifieren()
    assert uitslag.in_orde, uitslag.fout


def test_two_people_save_one_dossier_at_once_one_wins_the_other_sees_the_conflict(
        app, world, tmp_path):
    d = new_dossier(world.hv, world.woonboog)
    proc, basis = webserver(app, tmp_path)
    try:
        an, jonas = Browser(basis), Browser(basis)
        an.aanmelden(world.hv.email)
        jonas.aanmelden(world.hv2.email)
        pad = f"/dossiers/{d.id}/bewerken"
        formulier = valid_form(world) | {"version_id": str(d.version_id)}
        klaar, uitkomst = threading.Barrier(2), {}

        def bewaar(wie, browser, inkomen):
            _, pagina = browser.get(pad)
            token = CSRF.search(pagina)
            data = formulier | {"inkomen": inkomen,
                                "csrf_token": token.group(1) or token.group(2)}
            klaar.wait()  # both press "Bewaren" at the same moment
            uitkomst[wie] = browser._open(urllib.request.Request(
                basis + pad, data=urllib.parse.urlencode(data).encode(), method="POST"))

        draden = [threading.Thread(target=bewaar, args=("an", an, "1.501,00")),
                  threading.Thread(target=bewaar, args=("jonas", jonas, "1.777,00"))]
        for t in draden:
            t.start()
        for t in draden:
            t.join(60)
        assert sorted(s for s, _ in uitkomst.values()) == [302, 409]
        winnaar = next(w for w, (s, _) in uitkomst.items() if s == 302)
        verliezer = next(w for w, (s, _) in uitkomst.items() if s == 409)
        db.session.expire_all()
        bewaard = str(db.session.get(Dossier, d.id).inkomen)
        assert bewaard == {"an": "1501.00", "jonas": "1777.00"}[winnaar]
        conflict = html.unescape(uitkomst[verliezer][1])
        assert {"an": "1.501,00", "jonas": "1.777,00"}[verliezer] in conflict  # not lost
    finally:
        stop(proc, signal.SIGTERM)


def test_a_web_server_killed_while_saving_leaves_no_half_written_dossier(app, world, tmp_path):
    proc, basis = webserver(app, tmp_path)
    gelukt, fouten, stoppen = [], [], threading.Event()
    an = Browser(basis)
    an.aanmelden(world.hv.email)
    formulier = valid_form(world)

    def toeleiden():
        i = 0
        while not stoppen.is_set():
            i += 1
            geboren = date(1960 + i % 40, 1 + i % 12, 1 + i % 28)
            try:
                status, _ = an.post("/dossiers/nieuw", formulier | {
                    "rijksregisternummer": rijksregisternummer(geboren, 100 + i),
                    "geboortedatum": geboren.isoformat(), "achternaam": f"Storing {i}"})
                gelukt.append(status)
            except (OSError, http.client.HTTPException) as e:  # the server died under it,
                fouten.append(e)  # before or while it answered (a cut-off 302: IncompleteRead)
                return

    draad = threading.Thread(target=toeleiden)
    draad.start()
    try:
        wacht(lambda: len(gelukt) >= 8, "acht dossiers bewaard", 90)
    finally:
        stop(proc)  # SIGKILL: master and workers, mid-request
        stoppen.set()
        draad.join(60)
    assert gelukt.count(302) >= 8
    db.session.expire_all()
    dossiers = db.session.scalar(select(func.count(Dossier.id)))
    assert gelukt.count(302) <= dossiers <= gelukt.count(302) + 1  # the one in flight, whole
    zonder_audit = db.session.scalar(select(func.count(Dossier.id)).where(~exists().where(
        AuditEvent.dossier_id == Dossier.id, AuditEvent.actie == "dossier_aangemaakt")))
    zonder_historiek = db.session.scalar(select(func.count(Dossier.id)).where(
        ~exists().where(DossierHistoriek.dossier_id == Dossier.id)))
    assert (zonder_audit, zonder_historiek) == (0, 0)
    keten_in_orde()


def test_a_scheduler_killed_mid_sweep_leaves_every_reminder_once(app, world, tmp_path):
    for _ in range(20):
        actiepunt_morgen(world, world.hv)
    a, _ = start(app, tmp_path, "a")
    b = None
    try:
        # The lease taken, the sweep begins: killed there (mid-sweep, or just after: either
        # way nothing may exist twice).
        wacht(lambda: (houder() or "").endswith(f":{a.pid}"), "A leidt")
        a.send_signal(signal.SIGKILL)
        a.wait(10)
        b, _ = start(app, tmp_path, "b")
        wacht(lambda: db.session.scalar(select(func.count(Notificatie.id))) == 20,
              "B maakt af wat A niet deed", 60)
        sleutels = db.session.execute(select(
            Notificatie.soort, Notificatie.object_type, Notificatie.object_id,
            Notificatie.vervaldatum, Notificatie.ontvanger_id)).all()
        assert len(sleutels) == len(set(sleutels)) == 20
        keten_in_orde()
    finally:
        for p in (a, b):
            if p is not None and p.poll() is None:
                p.kill()
                p.wait(10)
