"""Benchmark: the rent-arrears import of a 60 000-row file while another user writes. Not a
test: run it by hand and read the figures.

    .venv/bin/python bench/huurachterstand_import.py [--dossiers 20000] [--rijen 60000]
                                                    [--database sqlite|postgresql]

Worst case: every row names an allocated dossier of the woonmaatschappij and changes its
arrears, so every row writes (a new or updated signaal, its audit row). Meanwhile a second
connection writes one row every 50 ms; its slowest write is how long the import held others.
"""
from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitoring import database, meet, vul  # noqa: E402
from sqlalchemy import select, text  # noqa: E402

from caseflow.extensions import db  # noqa: E402
from caseflow.models import Dossier, Gebruiker, Organisatie  # noqa: E402


def bestand(wm_id: int, rijen: int) -> str:
    nummers = list(db.session.scalars(select(Dossier.nummer).where(
        Dossier.woonmaatschappij_id == wm_id, Dossier.toewijzing.has())))
    regels = ["dossier;bedrag;maanden;datum"]
    for i in range(rijen):
        regels.append(f"{nummers[i % len(nummers)]};{100 + i},00;{1 + i % 3};2026-11-01")
    return "\n".join(regels) + "\n", len(nummers)


def andere_gebruiker(engine, stop: threading.Event, wachttijden: list[float]) -> None:
    while not stop.is_set():
        begin = time.perf_counter()
        with engine.begin() as conn:
            conn.execute(text("UPDATE gebruiker SET laatste_digest = NULL WHERE id = 1"))
        wachttijden.append(time.perf_counter() - begin)
        time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=20000)
    parser.add_argument("--rijen", type=int, default=60000)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    with database(args.database) as app, app.app_context():
        vul(args.dossiers)
        from caseflow.services import huurachterstand_import as imp

        wm = db.session.scalars(select(Organisatie).where(Organisatie.naam == "Woonboog")).one()
        hb = db.session.scalars(select(Gebruiker).where(
            Gebruiker.email == "huurbegeleider@woonboog.demo")).one()
        tekst, huurders = bestand(wm.id, args.rijen)
        print(f"{args.rijen} regels over {huurders} huurders van Woonboog ({args.database})")
        stop, wachttijden = threading.Event(), []
        ander = threading.Thread(target=andere_gebruiker, args=(db.engine, stop, wachttijden))
        ander.start()
        verslag = []
        meet("import, elke regel schrijft", lambda: verslag.append(imp.importeer(tekst, wm, hb)))
        stop.set()
        ander.join()
        print(f"  {verslag[0].samenvatting()}")
        print(f"  andere gebruiker: {len(wachttijden)} schrijfacties, traagste "
              f"{max(wachttijden) * 1000:.0f} ms, mediaan "
              f"{sorted(wachttijden)[len(wachttijden) // 2] * 1000:.0f} ms")
        meet("dezelfde import opnieuw", lambda: imp.importeer(tekst, wm, hb))


if __name__ == "__main__":
    main()
