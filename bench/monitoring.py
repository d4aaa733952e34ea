"""Benchmark: monitoring, the review queue and the reminder sweep on a large
dataset. Not a test: run it by hand and read the figures.

    .venv/bin/python bench/monitoring.py [--dossiers 20000] [--database sqlite|postgresql]

It builds the demo organisations and users, bulk-inserts N dossiers over every stage (attesten,
toewijzingen, signalen), then times each page's work and counts its SQL statements.
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event, insert, select, text  # noqa: E402

from caseflow import create_app  # noqa: E402
from caseflow.extensions import db  # noqa: E402
from caseflow.models import Attest, Dossier, Gebruiker, Gemeente, Signaal, Toewijzing  # noqa: E402

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
STATUSSEN = ["toeleiding", "attest", "kandidaat", "toegewezen", "begeleiding", "aanklampend",
             "afgesloten"]


def vul(n: int) -> None:
    from caseflow.services import demo

    demo.laad("bench-wachtwoord-123", aantal_per_fase=[("toeleiding", 1)])
    rnd = random.Random(7)
    hvs = db.session.scalars(select(Gebruiker).where(Gebruiker.rol == "hulpverlener")).all()
    gemeenten = [g for g in db.session.scalars(select(Gemeente)) if g.woonmaatschappij]
    vandaag = date.today()
    dossiers, attesten, toewijzingen, signalen = [], [], [], []
    start_id = (db.session.scalar(select(Dossier.id).order_by(Dossier.id.desc())) or 0) + 1
    for i in range(n):
        did = start_id + i
        hv, g = rnd.choice(hvs), rnd.choice(gemeenten)
        status = rnd.choice(STATUSSEN)
        toegeleid = vandaag - timedelta(days=rnd.randint(30, 1200))
        dossiers.append(dict(
            id=did, nummer=f"B{did:07d}", voornaam="Bench", achternaam=f"Dossier{i}",
            geboortedatum=date(1980, 1, 1), rijksregisternummer=f"{80010100000 + i:011d}"[:11],
            huishouden="alleenstaande", aantal_kinderen=0, gemeente_id=g.id, woonnood="opvang",
            inkomen=1200, pijler=rnd.choice([2, 2, 2, 3]), organisatie_id=hv.organisatie_id,
            hulpverlener_id=hv.id, woonmaatschappij_id=g.woonmaatschappij.id, status=status,
            version_id=1, laatste_activiteit=vandaag - timedelta(days=rnd.randint(0, 200)),
            aangemaakt_op=datetime.combine(toegeleid, datetime.min.time(), timezone.utc),
            afsluitreden="private_huurmarkt" if status == "afgesloten" else None))
        if STATUSSEN.index(status) >= 2:
            uitgereikt = toegeleid + timedelta(days=rnd.randint(5, 90))
            attesten.append(dict(dossier_id=did, versie=1, status="bevestigd",
                                 organisatie_id=hv.organisatie_id, aangemaakt_door_id=hv.id,
                                 uitgereikt_op=uitgereikt,
                                 geldig_tot=uitgereikt + timedelta(days=182)))
            if STATUSSEN.index(status) >= 3:
                datum = uitgereikt + timedelta(days=rnd.randint(10, 200))
                toewijzingen.append(dict(
                    dossier_id=did, datum=datum, woonmaatschappij_id=g.woonmaatschappij.id,
                    zone_id=g.zone_id, gemeente_id=g.id, adres="Benchstraat 1",
                    pijler=dossiers[-1]["pijler"],
                    doelgroep="doorstromers" if dossiers[-1]["pijler"] == 3 else None,
                    hf_fallback=False, engagement_einde=datum + timedelta(days=730),
                    aangemaakt_door_id=hv.id))
                if rnd.random() < 0.2:
                    signalen.append(dict(dossier_id=did, soort="huurachterstand",
                                         beschrijving="bench", status="gemeld", verplicht=False,
                                         gemeld_door_id=hv.id, version_id=1))
    for model, rows in ((Dossier, dossiers), (Attest, attesten), (Toewijzing, toewijzingen),
                        (Signaal, signalen)):
        for k in range(0, len(rows), 5000):
            db.session.execute(insert(model), rows[k:k + 5000])
    db.session.commit()


def statistieken() -> None:
    """The statistics and visibility a running database keeps (autovacuum on PostgreSQL, which
    lets a count read an index only; `ANALYZE` on SQLite): without them a freshly bulk-loaded
    database plans badly."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.exec_driver_sql("VACUUM ANALYZE")
    else:
        db.session.execute(text("ANALYZE"))
        db.session.commit()


def meet(naam: str, functie, budget_ms: int | None = None) -> None:
    """Time, statements and peak RSS of `functie`; against its budget when it has one."""
    statements = 0

    def tel(*_a, **_k):
        nonlocal statements
        statements += 1

    event.listen(db.engine, "before_cursor_execute", tel)
    begin = time.perf_counter()
    functie()
    duur = time.perf_counter() - begin
    event.remove(db.engine, "before_cursor_execute", tel)
    db.session.rollback()
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    oordeel = "" if budget_ms is None else f"  budget {budget_ms} ms" + (
        "  TE TRAAG" if duur * 1000 > budget_ms else "")
    print(f"{naam:<34} {duur * 1000:8.0f} ms  {statements:6d} statements  "
          f"piek RSS van het proces tot nu {piek:6.0f} MB{oordeel}")


@contextmanager
def database(soort: str):
    """An app on a new SQLite file or a new PostgreSQL database, with the schema; dropped after."""
    tmp = Path(tempfile.mkdtemp(prefix="caseflow-bench-"))
    pg_naam = None
    if soort == "postgresql":
        import psycopg

        pg_naam = f"caseflow_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{pg_naam}"')
        uri = f"postgresql+psycopg://postgres@127.0.0.1:5432/{pg_naam}"
    else:
        uri = f"sqlite:///{tmp / 'bench.sqlite'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": uri, "INSTANCE_PATH": str(tmp)})
    try:
        with app.app_context():
            db.create_all()
        yield app
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        if pg_naam:
            import psycopg

            with psycopg.connect(PG_ADMIN, autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{pg_naam}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=20000)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    with database(args.database) as app, app.app_context():
        begin = time.perf_counter()
        vul(args.dossiers)
        statistieken()
        print(f"{args.dossiers} dossiers ({args.database}) gevuld in "
              f"{time.perf_counter() - begin:.1f} s")
        from caseflow.rules.monitoring import Periode
        from caseflow.services import herinneringen, monitoring, opvolging

        regio = db.session.scalars(select(Gebruiker).where(
            Gebruiker.email == "coordinator@regio.demo")).one()
        caw = db.session.scalars(select(Gebruiker).where(
            Gebruiker.email == "coordinator@caw.demo")).one()
        jaar = monitoring.Filter(Periode(date.today().year))
        meet("monitoring (regionaal)", lambda: monitoring.alles(regio, jaar))
        meet("monitoring (CAW De Kempen)", lambda: monitoring.alles(caw, jaar))
        for wie in (regio, caw):  # the two pages were opened: the scheduler keeps them fresh
            monitoring.stand(wie, jaar)
        db.session.commit()
        meet("monitoring: pagina uit de stand", lambda: monitoring.stand(regio, jaar))
        meet("monitoring: scheduler ververst 2", lambda: monitoring.verversen(
            datetime.now(timezone.utc) + monitoring.VERVERS))
        meet("opvolging (regionaal)", lambda: opvolging.wachtrij(regio))
        meet("herinneringen: sweep", herinneringen.verwerk)
        meet("herinneringen: tweede sweep", herinneringen.verwerk, budget_ms=2000)  # nothing new


if __name__ == "__main__":
    main()
