"""The apps bench/last.py puts under load: Caseflow itself on the benchmark's database, the
floor page (the caseload's 25 rows through raw SQL and a string, no framework) and a second
floor: the same two statements through Flask, SQLAlchemy Core and a Jinja template, without what
Caseflow adds to them (login session, access policy, audit row, filter form, layout), which
tells what the framework costs from what Caseflow's own code does."""
from __future__ import annotations

import functools
import html
import os
import sqlite3

from flask import Flask, render_template_string
from sqlalchemy import create_engine, text

from caseflow import create_app
from caseflow.services.paginering import TELLEN_TOT

URI = os.environ.get("BENCH_DATABASE_URL", "")
ORGANISATIE = int(os.environ.get("BENCH_ORGANISATIE", "0"))

caseflow = create_app({"SQLALCHEMY_DATABASE_URI": URI,
                       "INSTANCE_PATH": os.environ.get("BENCH_INSTANCE", "/tmp"),
                       "WTF_CSRF_ENABLED": False}) if URI else None

RIJEN = ("SELECT d.nummer, d.voornaam, d.achternaam, d.status, g.naam, h.naam "
         "FROM dossier d JOIN gemeente g ON g.id = d.gemeente_id "
         "JOIN gebruiker h ON h.id = d.hulpverlener_id "
         "WHERE d.organisatie_id = {p} AND d.status != 'afgesloten' "
         "ORDER BY d.gewijzigd_op DESC, d.id DESC LIMIT 25")
# The count as the caseload counts it: up to TELLEN_TOT and one more ("meer dan 1 000").
TEL = ("SELECT count(*) FROM (SELECT id FROM dossier WHERE organisatie_id = {p} "
       f"AND status != 'afgesloten' LIMIT {TELLEN_TOT + 1}) AS t")


@functools.cache
def _verbinding():
    """One connection a worker, kept (as a pool would): the floor pays no connect."""
    if URI.startswith("sqlite"):
        return sqlite3.connect(URI.removeprefix("sqlite:///"), check_same_thread=False), "?"
    import psycopg

    return psycopg.connect(URI.replace("postgresql+psycopg", "postgresql"), autocommit=True), "%s"


def vloer(environ, start_response):
    verbinding, p = _verbinding()
    cur = verbinding.cursor()
    cur.execute(TEL.format(p=p), (ORGANISATIE,))
    totaal = cur.fetchone()[0]
    cur.execute(RIJEN.format(p=p), (ORGANISATIE,))
    rijen = "".join("<tr>" + "".join(f"<td>{html.escape(str(w))}</td>" for w in r)
                    + "</tr>" for r in cur.fetchall())
    body = (f"<!doctype html><title>Caseload</title><h1>{totaal} dossiers</h1>"
            f"<table>{rijen}</table>").encode()
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                              ("Content-Length", str(len(body)))])
    return [body]


SJABLOON = ("<!doctype html><title>Caseload</title><h1>{{ totaal }} dossiers</h1><table>"
            "{% for r in rijen %}<tr>{% for w in r %}<td>{{ w }}</td>{% endfor %}</tr>"
            "{% endfor %}</table>")


def _flask_vloer() -> Flask:
    app = Flask(__name__)
    engine = create_engine(URI, pool_size=1)

    @app.get("/")
    def pagina():
        with engine.connect() as c:
            totaal = c.execute(text(TEL.format(p=":p")), {"p": ORGANISATIE}).scalar_one()
            rijen = c.execute(text(RIJEN.format(p=":p")), {"p": ORGANISATIE}).all()
        return render_template_string(SJABLOON, totaal=totaal, rijen=rijen)
    return app


vloer_flask = _flask_vloer() if URI else None
