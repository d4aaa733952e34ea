"""Benchmark: the caseload page under load. Not a test: run it and read the figures.

    .venv/bin/python bench/last.py [--dossiers 200000] [--database sqlite|postgresql]

Fills the Flanders dataset (bench/paginas.py), serves Caseflow with gunicorn (2 workers) and,
beside it, a floor page: the same 25 rows of the same database through raw SQL and a string,
no framework; and a Flask floor: the same two statements through Flask and a Jinja template
(what the framework alone costs, printed beside the budget). 8 connections (wrk) ask each
page for 15 s; the budget is Caseflow at ≥ 2/3 of the floor's requests per second. Peak RSS
of the web workers is read from /proc.
"""
from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyotp  # noqa: E402
from sqlalchemy import select  # noqa: E402

from bench.monitoring import database  # noqa: E402
from bench.paginas import WACHTWOORD, argumenten, vul  # noqa: E402
from caseflow.extensions import db  # noqa: E402
from caseflow.models import Gebruiker  # noqa: E402
from caseflow.services.demo import TWEESTAPS_GEHEIM  # noqa: E402

GEBRUIKER = "coordinator@caw.demo"  # the organisation with 80 000 dossiers
VERBINDINGEN, SECONDEN = 8, 15  # wrk: the Debian package (`make wrk`)


def _serveer(module: str, poort: int, omgeving: dict) -> subprocess.Popen:
    proces = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{poort}",
         "--timeout", "120", module], env={**os.environ, **omgeving},
        cwd=str(Path(__file__).resolve().parents[1]), stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True)
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", poort, timeout=1).request("GET", "/")
            return proces
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{module} start niet")


def _post(poort: int, pad: str, body: str, koekje: str = "") -> tuple[str, str]:
    c = http.client.HTTPConnection("127.0.0.1", poort)
    c.request("POST", pad, body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": koekje})
    r = c.getresponse()
    r.read()
    nieuw = "; ".join(h.split(";")[0] for k, h in r.getheaders() if k.lower() == "set-cookie")
    return nieuw or koekje, r.getheader("Location") or ""


def _aanmelden(poort: int) -> str:
    """The password, then the demo key's code (two factors for a coördinator)."""
    koekje, naar = _post(poort, "/aanmelden", f"email={GEBRUIKER}&wachtwoord={WACHTWOORD}")
    if naar.endswith("/aanmelden/code"):
        koekje, _ = _post(poort, "/aanmelden/code",
                          f"code={pyotp.TOTP(TWEESTAPS_GEHEIM).now()}", koekje)
    return koekje


# Counts the answers that are not 200 (wrk itself counts only 4xx and 5xx: a redirect to the
# login page would pass as a fast page).
FOUT_LUA = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) fout = 0 end
function response(status, headers, body) if status ~= 200 then fout = fout + 1 end end
function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do n = n + t:get("fout") end
  io.write(string.format("fout %d\\n", n))
end
"""


def _belast(poort: int, pad: str, koekje: str) -> float:
    """Requests per second of `VERBINDINGEN` keep-alive connections during `SECONDEN`, asked
    by wrk (C, two threads: a Python client would take a core from the server it measures)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write(FOUT_LUA)
        lua.flush()
        uit = subprocess.run(
            ["wrk", "-t", "2", "-c", str(VERBINDINGEN), "-d", f"{SECONDEN}s", "-s", lua.name,
             "-H", f"Cookie: {koekje}", f"http://127.0.0.1:{poort}{pad}"],
            capture_output=True, text=True, check=True).stdout
    fout = int(re.search(r"^fout (\d+)", uit, re.M).group(1))
    if fout:
        raise RuntimeError(f"{pad}: {fout} antwoorden zonder status 200")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", uit).group(1))


def _rss(proces: subprocess.Popen) -> int:
    """The largest resident set of the gunicorn workers, in MB (VmHWM: the peak)."""
    kinderen = Path(f"/proc/{proces.pid}/task/{proces.pid}/children").read_text().split()
    pieken = []
    for pid in kinderen:
        for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
            if regel.startswith("VmHWM"):
                pieken.append(int(regel.split()[1]) // 1024)
    return max(pieken, default=0)


def main() -> None:
    args = argumenten()
    with database(args.database) as app:
        with app.app_context():
            vul(args.dossiers)
            org = db.session.scalar(select(Gebruiker.organisatie_id).where(
                Gebruiker.email == GEBRUIKER))
            uri = app.config["SQLALCHEMY_DATABASE_URI"]
        omgeving = {"BENCH_DATABASE_URL": uri, "BENCH_INSTANCE": app.instance_path,
                    "BENCH_ORGANISATIE": str(org)}
        caseflow = _serveer("bench.last_app:caseflow", 5091, omgeving)
        vloer = _serveer("bench.last_app:vloer", 5092, omgeving)
        vloer_flask = _serveer("bench.last_app:vloer_flask", 5093, omgeving)
        try:
            koekje = _aanmelden(5091)
            _belast(5091, "/dossiers/?wie=alle", koekje)  # warm
            rps = _belast(5091, "/dossiers/?wie=alle", koekje)
            rps_vloer, rps_flask = _belast(5092, "/", ""), _belast(5093, "/", "")
            rss = _rss(caseflow)
            kort = [w for w, te_kort in (("doorvoer", rps / rps_vloer < 2 / 3),
                                         ("geheugen", rss > 200)) if te_kort]
            print(f"{args.database}, {args.dossiers} dossiers, {VERBINDINGEN} verbindingen, "
                  f"gunicorn 2 workers: caseload {rps:.0f} req/s, vloer (rauwe SQL) "
                  f"{rps_vloer:.0f} req/s: {rps / rps_vloer:.0%} (budget ≥ 67 %); "
                  f"Flask-vloer (dezelfde SQL, Flask en Jinja) {rps_flask:.0f} req/s: "
                  f"{rps / rps_flask:.0%}; piek RSS per worker {rss} MB (budget ≤ 200)"
                  f"{'  BUITEN BUDGET: ' + ', '.join(kort) if kort else ''}")
        finally:
            for p in (caseflow, vloer, vloer_flask):
                os.killpg(p.pid, signal.SIGTERM)
                p.wait()


if __name__ == "__main__":
    main()
