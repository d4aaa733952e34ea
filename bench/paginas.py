"""Benchmark: every page a person opens, at Flanders scale. Not a test: run it and read the
figures against the budgets (bench/README.md).

    .venv/bin/python bench/paginas.py [--dossiers 200000] [--database sqlite|postgresql]

The filler gives the shape of all of Flanders: the demo region plus ≈ 300 welzijnsorganisaties
and 40 woonmaatschappijen, ≈ 3 000 hulpverleners with 30–120 dossiers each, every stage with
attesten, toewijzingen, begeleidingsovereenkomsten, signalen, casusoverleg with action items,
notes, reminders, GDPR requests, historiek and audit rows, one very large organisation (CAW De
Kempen, 40 % of the dossiers) and the regional coördinator as the worst case. Each page is asked
as its user through the app (the test client: one request at a time, warm), 5 times; the median,
the slowest (p95 of 5), the SQL statements and the size are printed against the budget.
"""
from __future__ import annotations

import argparse
import contextlib
import gc
import random
import re
import resource
import statistics
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyotp  # noqa: E402
from sqlalchemy import event, func, insert, select, text  # noqa: E402
from werkzeug.security import generate_password_hash  # noqa: E402

from bench.monitoring import database, statistieken  # noqa: E402
from caseflow.extensions import db  # noqa: E402
from caseflow.models import (  # noqa: E402
    Actiepunt,
    Attest,
    AuditEvent,
    Begeleidingsovereenkomst,
    BOVoorstel,
    Casusoverleg,
    Dossier,
    DossierHistoriek,
    Gebruiker,
    Gemeente,
    Notificatie,
    Notitie,
    Organisatie,
    Quotum,
    Rechtsverzoek,
    Signaal,
    Toewijzing,
    Woning,
    Zone,
)
from caseflow.rules.rechten import antwoord_uiterlijk  # noqa: E402
from caseflow.services.demo import TWEESTAPS_GEHEIM  # noqa: E402
from caseflow.services.toewijzingen import IN_GEBRUIK  # noqa: E402

WACHTWOORD = "bench-wachtwoord-123"
STATUSSEN = ["toeleiding", "attest", "kandidaat", "toegewezen", "begeleiding", "aanklampend",
             "afgesloten"]
GEWICHT = [10, 8, 30, 15, 10, 7, 20]  # most dossiers wait as kandidaat or are closed
SIGNAALSTATUSSEN = ["opgelost", "gesloten", "gemeld", "aanvraag", "erkend", "contact"]
SIGNAALGEWICHT = [55, 25, 8, 5, 4, 3]
WOONNODEN = ["opvang", "ggz", "familie_vrienden", "geen_opvang", "uithuiszetting"]
VOORNAMEN = ["Emma", "Noah", "Louise", "Arthur", "Olivia", "Jules", "Mila", "Lucas", "Fatima",
             "Mohamed", "Yasmine", "Kevin", "Sandra", "Dirk", "Ann", "Marc", "Ilse", "Bram"]
ACHTERNAMEN = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes",
               "Goossens", "Wouters", "De Smet", "Dubois", "Lambert", "Vermeulen", "Aerts"]


def _organisaties(rnd: random.Random) -> tuple[list[int], list[int]]:
    """≈ 300 welzijnsorganisaties with 10 hulpverleners each, and woonmaatschappijen up to 40;
    returns the hulpverleners (the large organisation's first) and the woonmaatschappijen."""
    groot = db.session.scalar(select(Organisatie.id).where(Organisatie.naam == "CAW De Kempen"))
    wms = list(db.session.scalars(select(Organisatie.id).where(
        Organisatie.soort == "woonmaatschappij")))
    db.session.execute(insert(Organisatie), [
        {"naam": f"Welzijn Vlaanderen {i:03d}", "soort": "welzijnsorganisatie", "sector": "caw",
         "actief": True, "version_id": 1} for i in range(300)] + [
        {"naam": f"Woonmaatschappij Vlaanderen {i:02d}", "soort": "woonmaatschappij",
         "actief": True, "version_id": 1} for i in range(40 - len(wms))])
    welzijn = list(db.session.scalars(select(Organisatie.id).where(
        Organisatie.naam.like("Welzijn Vlaanderen %"))))
    wms = list(db.session.scalars(select(Organisatie.id).where(
        Organisatie.soort == "woonmaatschappij")))
    wachtwoord = generate_password_hash(WACHTWOORD)
    db.session.execute(insert(Gebruiker), [
        {"naam": f"Hulpverlener {o}-{k}", "email": f"hv{o}-{k}@bench.vlaanderen",
         "wachtwoord_hash": wachtwoord, "rol": "hulpverlener", "organisatie_id": o,
         "actief": True, "version_id": 1, "melding_voorkeur": "digest"}
        for o in welzijn for k in range(10)] + [
        {"naam": f"Hulpverlener groot {k}", "email": f"hv-groot-{k}@bench.vlaanderen",
         "wachtwoord_hash": wachtwoord, "rol": "hulpverlener", "organisatie_id": groot,
         "actief": True, "version_id": 1, "melding_voorkeur": "digest"} for k in range(700)])
    klein = list(db.session.scalars(select(Gebruiker.id).where(
        Gebruiker.rol == "hulpverlener", Gebruiker.organisatie_id != groot)))
    grote = list(db.session.scalars(select(Gebruiker.id).where(
        Gebruiker.rol == "hulpverlener", Gebruiker.organisatie_id == groot)))
    rnd.shuffle(klein)
    return grote, klein, wms


def _dossier(rnd, did, i, hv, org, wm, gemeente, vandaag) -> dict:
    status = rnd.choices(STATUSSEN, GEWICHT)[0]
    toegeleid = vandaag - timedelta(days=rnd.randint(30, 1500))
    return dict(
        id=did, nummer=f"V{did:07d}", voornaam=rnd.choice(VOORNAMEN),
        achternaam=f"{rnd.choice(ACHTERNAMEN)} {i}", geboortedatum=date(1960 + i % 40, 1, 1),
        rijksregisternummer=f"{60010100000 + i:011d}", huishouden=rnd.choice(
            ["alleenstaande", "gezin"]), aantal_kinderen=rnd.choice([0, 0, 1, 2, 3]),
        gemeente_id=gemeente, woonnood=rnd.choice(WOONNODEN),
        inkomen=rnd.randint(900, 2600), pijler=rnd.choice([2, 2, 2, 3]), organisatie_id=org,
        hulpverlener_id=hv, woonmaatschappij_id=wm, status=status, version_id=1,
        cir_inschrijvingsdatum=toegeleid - timedelta(days=400), cir_nummer=f"CIR{i}",
        laatste_activiteit=vandaag - timedelta(days=rnd.randint(0, 200)),
        aangemaakt_op=datetime.combine(toegeleid, datetime.min.time(), timezone.utc),
        afsluitreden="private_huurmarkt" if status == "afgesloten" else None)


def _bij(rnd, d, rijen, vandaag, zone_van, vrij) -> None:
    """The attest, toewijzing, signaal, historiek and audit rows a dossier of its stage has."""
    did, stap = d["id"], STATUSSEN.index(d["status"])
    toegeleid = d["aangemaakt_op"].date()
    rijen[DossierHistoriek].append(dict(dossier_id=did, van=None, naar="toeleiding",
                                        trigger="toeleiding", gebruiker_id=d["hulpverlener_id"]))
    _werk(rnd, d, rijen, vandaag)
    if stap < 2:
        return
    uitgereikt = min(toegeleid + timedelta(days=rnd.randint(5, 90)), vandaag)
    rijen[Attest].append(dict(
        dossier_id=did, versie=1, status="bevestigd" if stap >= 3 else "uitgereikt",
        organisatie_id=d["organisatie_id"], aangemaakt_door_id=d["hulpverlener_id"],
        uitgereikt_op=uitgereikt, geldig_tot=vandaag + timedelta(days=rnd.randint(-60, 170)),
        bevoegd_ocmw_gemeente_id=d["gemeente_id"], ocmw_verificatie="geverifieerd",
        privemarkt="actief_gezocht", engagement_2_jaar=True, doorstroomklaar=False,
        begeleiding_bereik=rnd.choice(["gemeente", "werkingsgebied", "arrondissement"])))
    rijen[DossierHistoriek].append(dict(dossier_id=did, van="attest", naar="kandidaat",
                                        trigger="attest_uitreiken",
                                        gebruiker_id=d["hulpverlener_id"]))
    if stap < 3 or d["status"] == "afgesloten" and rnd.random() < 0.5:
        return
    datum = min(uitgereikt + timedelta(days=rnd.randint(10, 200)), vandaag)
    zone, d["woonmaatschappij_id"] = zone_van[d["gemeente_id"]]  # allocated where it lies
    if d["pijler"] == 3 and d["status"] in IN_GEBRUIK:  # a zone's reserved dwellings
        if vrij.get(zone, 0) > 0:                        # in use stay within its quotum
            vrij[zone] -= 1
        else:
            d["pijler"] = 2
    rijen[Toewijzing].append(dict(
        dossier_id=did, datum=datum, woonmaatschappij_id=d["woonmaatschappij_id"], zone_id=zone,
        gemeente_id=d["gemeente_id"], adres="Benchstraat 1", pijler=d["pijler"],
        doelgroep="doorstromers" if d["pijler"] == 3 else None, hf_fallback=False,
        engagement_einde=datum + timedelta(days=730), aangemaakt_door_id=d["hulpverlener_id"]))
    _begeleiding(rnd, d, datum, rijen, vandaag)
    if rnd.random() < 0.2:  # most signalen of the years are dealt with; a few are open
        status = rnd.choices(SIGNAALSTATUSSEN, SIGNAALGEWICHT)[0]
        rijen[Signaal].append(dict(
            dossier_id=did, soort="huurachterstand", bedrag=800, maanden=1,
            beschrijving="bench", status=status, verplicht=status in ("aanvraag", "erkend",
                                                                        "contact"),
            aangevraagd_op=None if status == "gemeld" else datum + timedelta(days=30),
            gesloten_reden="bench" if status == "gesloten" else None,
            gemeld_door_id=d["hulpverlener_id"], version_id=1))
        if rnd.random() < 0.5:
            _casusoverleg(rnd, d, datum + timedelta(days=rnd.randint(30, 400)), rijen, vandaag)


def _werk(rnd, d, rijen, vandaag) -> None:
    """The daily work on every dossier: views in the audit trail, notes, a reminder to its
    hulpverlener (most read), and now and then a request under the GDPR (most answered)."""
    did, hv = d["id"], d["hulpverlener_id"]
    rijen[AuditEvent].extend(dict(gebruiker_id=hv, dossier_id=did,
                                  organisatie_id=d["organisatie_id"], actie="dossier_bekeken",
                                  remote_addr="bench") for _ in range(rnd.randint(1, 4)))
    rijen[Notitie].extend(dict(dossier_id=did, tekst="Gesprek met de cliënt (bench).",
                               zichtbaarheid=rnd.choice(["intern", "gedeeld"]),
                               organisatie_id=d["organisatie_id"], auteur_id=hv)
                          for _ in range(rnd.randint(0, 3)))
    if d["status"] != "afgesloten":
        rijen[Notificatie].append(dict(
            ontvanger_id=hv, tekst=f"Dossier staat stil: {d['nummer']}", soort="dossier_stil",
            object_type="dossier", object_id=did, vervaldatum=d["laatste_activiteit"],
            link=f"/dossiers/{did}", gelezen_op=None if rnd.random() < 0.2 else datetime.now(
                timezone.utc)))
    if rnd.random() < 0.002:
        ontvangen = vandaag - timedelta(days=rnd.randint(0, 400))
        beantwoord = ontvangen < vandaag - timedelta(days=20)
        rijen[Rechtsverzoek].append(dict(
            dossier_id=did, soort="inzage", ontvangen_op=ontvangen,
            uiterlijk_op=antwoord_uiterlijk(ontvangen), omschrijving="bench",
            status="ingewilligd" if beantwoord else "open", geregistreerd_door_id=hv,
            beantwoord_op=ontvangen + timedelta(days=15) if beantwoord else None,
            beantwoord_door_id=hv if beantwoord else None))


def _begeleiding(rnd, d, toegewezen: date, rijen, vandaag) -> None:
    """R-6.1/R-6.2: a year's begeleidingsovereenkomst after most toewijzingen; running in the
    begeleiding stage (one in ten past its planned end), ended afterwards."""
    if d["status"] == "toegewezen" or rnd.random() < 0.3:
        return
    if d["status"] == "begeleiding":
        start = max(toegewezen, vandaag - timedelta(days=rnd.randint(0, 400)))
        status = "actief" if start + timedelta(days=365) >= vandaag else "evaluatie"
    else:
        start, status = toegewezen + timedelta(days=rnd.randint(7, 30)), "beeindigd"
    rijen[Begeleidingsovereenkomst].append(dict(
        id=d["id"], dossier_id=d["id"], status=status, startdatum=start,
        geplande_einddatum=start + timedelta(days=365), version_id=1,
        einddatum=start + timedelta(days=365) if status == "beeindigd" else None,
        aangemaakt_door_id=d["hulpverlener_id"]))
    if rnd.random() < 0.15:  # a proposal to extend, most of them answered
        open_ = status != "beeindigd" and rnd.random() < 0.2
        rijen[BOVoorstel].append(dict(
            overeenkomst_id=d["id"], soort="verlengen", partij=rnd.choice(["welzijn", "wonen"]),
            nieuwe_einddatum=start + timedelta(days=500), status="open" if open_ else "aanvaard",
            voorgesteld_door_id=d["hulpverlener_id"],
            beslist_door_id=None if open_ else d["hulpverlener_id"]))


def _casusoverleg(rnd, d, datum: date, rijen, vandaag) -> None:
    """A casusoverleg on a signaal with two action items, done but for a few."""
    datum = min(datum, vandaag)
    rijen[Casusoverleg].append(dict(
        id=d["id"], dossier_id=d["id"], datum=datum, reden="signaal",
        deelnemers="hulpverlener, huurbegeleider", samenvatting="bench",
        aangemaakt_door_id=d["hulpverlener_id"]))
    for dagen in (14, 30):
        verval = datum + timedelta(days=dagen)
        gedaan = verval < vandaag - timedelta(days=rnd.randint(0, 60))
        rijen[Actiepunt].append(dict(
            casusoverleg_id=d["id"], omschrijving="bench", eigenaar_id=d["hulpverlener_id"],
            vervaldatum=verval, gedaan_door_id=d["hulpverlener_id"] if gedaan else None,
            gedaan_op=datetime.combine(verval, datetime.min.time(), timezone.utc)
            if gedaan else None))


def _reeksen_bij(modellen) -> None:
    """PostgreSQL: the id sequences of the tables filled with ids of their own continue after
    them, so that a dossier, agreement or casusoverleg made in the app afterwards gets a free
    id (SQLite takes the largest id plus one by itself)."""
    if db.engine.dialect.name != "postgresql":
        return
    for model in modellen:
        tabel = model.__tablename__
        db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{tabel}', 'id'), "
                                f"(SELECT max(id) FROM {tabel}))"))


def vul(n: int) -> None:
    """N dossiers in the shape of Flanders (see the module's docstring), in bulk inserts."""
    from caseflow.services import demo

    demo.laad(WACHTWOORD, aantal_per_fase=[("kandidaat", 1)])
    rnd = random.Random(7)
    grote, klein, wms = _organisaties(rnd)
    org_van = dict(db.session.execute(select(Gebruiker.id, Gebruiker.organisatie_id)).all())
    woonboog = db.session.scalar(select(Organisatie.id).where(Organisatie.naam == "Woonboog"))
    eigen = db.session.scalar(select(Gebruiker.id).where(
        Gebruiker.email == "hulpverlener@caw.demo"))
    zone_van = {g: (z, w) for g, z, w in db.session.execute(
        select(Gemeente.id, Gemeente.zone_id, Zone.woonmaatschappij_id)
        .join(Zone, Zone.id == Gemeente.zone_id))}
    gemeenten = list(zone_van)
    vrij = dict(db.session.execute(select(Quotum.zone_id, Quotum.aantal).where(
        Quotum.doelgroep == "doorstromers")).all())
    vandaag = date.today()
    start = (db.session.scalar(select(func.max(Dossier.id))) or 0) + 1
    rijen = {m: [] for m in (Dossier, Attest, Toewijzing, Signaal, DossierHistoriek, AuditEvent,
                             Begeleidingsovereenkomst, BOVoorstel, Casusoverleg, Actiepunt,
                             Notitie, Notificatie, Rechtsverzoek)}
    for i in range(n):
        # 40 % in the large organisation; the rest 30–120 per hulpverlener elsewhere; the
        # measured hulpverlener has a caseload of 80 whatever the size.
        hv = eigen if i < 80 else rnd.choice(grote) if i % 5 < 2 else klein[
            (i // 75) % len(klein)]
        wm = woonboog if i % 8 == 0 else rnd.choice(wms)
        d = _dossier(rnd, start + i, i, hv, org_van[hv], wm, rnd.choice(gemeenten), vandaag)
        rijen[Dossier].append(d)
        _bij(rnd, d, rijen, vandaag, zone_van, vrij)
    for model, lijst in rijen.items():
        for k in range(0, len(lijst), 5000):
            db.session.execute(insert(model), lijst[k:k + 5000])
    _reeksen_bij((Dossier, Begeleidingsovereenkomst, Casusoverleg))
    gemeente = db.session.scalar(select(Gemeente.id).where(Gemeente.naam == "Turnhout"))
    hb = db.session.scalar(select(Gebruiker.id).where(
        Gebruiker.email == "huurbegeleider@woonboog.demo"))
    db.session.add(Woning(woonmaatschappij_id=woonboog, gemeente_id=gemeente, adres="Benchplein 1",
                          slaapkamers=2, beschikbaar_vanaf=vandaag, status="open",
                          aangemaakt_door_id=hb))
    db.session.commit()
    statistieken()


# (user, path, budget in ms): every page a person opens; `{...}` is filled in from the data.
PAGINAS = [
    ("hulpverlener@caw.demo", "/start", 300),
    ("hulpverlener@caw.demo", "/dossiers/", 300),
    ("hulpverlener@caw.demo", "/dossiers/{dossier}", 300),
    ("hulpverlener@caw.demo", "/dossiers/{kandidaat}", 300),
    ("hulpverlener@caw.demo", "/dossiers/?wie=alle&zoek={naam}", 150),
    ("hulpverlener@caw.demo", "/dossiers/?wie=alle&zoek={nummer}", 150),
    ("hulpverlener@caw.demo", "/dossiers/?wie=alle&zoek={rrn}", 150),
    ("hulpverlener@caw.demo", "/meldingen", 300),
    ("huurbegeleider@woonboog.demo", "/start", 300),
    ("huurbegeleider@woonboog.demo", "/dossiers/?wie=alle", 300),
    ("huurbegeleider@woonboog.demo", "/huurders", 300),
    ("huurbegeleider@woonboog.demo", "/ranglijst", 300),
    ("huurbegeleider@woonboog.demo", "/woningen", 300),
    ("huurbegeleider@woonboog.demo", "/woningen/{woning}", 300),
    ("huurbegeleider@woonboog.demo", "/quota", 300),
    ("coordinator@caw.demo", "/dossiers/?wie=alle", 300),
    ("coordinator@caw.demo", "/opvolging", 300),
    ("coordinator@caw.demo", "/monitoring", 300),
    ("coordinator@regio.demo", "/start", 300),
    ("coordinator@regio.demo", "/dossiers/?wie=alle", 300),
    ("coordinator@regio.demo", "/opvolging", 300),
    ("coordinator@regio.demo", "/monitoring", 300),
    ("coordinator@regio.demo", "/ranglijst", 300),
    ("beheerder@regio.demo", "/beheer/gebruikers", 300),
    ("beheerder@regio.demo", "/beheer/organisaties", 300),
]


def _invullen(app) -> dict:
    with app.app_context():
        hv = db.session.scalar(select(Gebruiker.id).where(
            Gebruiker.email == "hulpverlener@caw.demo"))
        d = db.session.scalars(select(Dossier).where(Dossier.hulpverlener_id == hv)
                               .order_by(Dossier.id.desc())).first()
        groot = db.session.scalars(select(Dossier).where(
            Dossier.organisatie_id == d.organisatie_id).order_by(Dossier.id.desc())
            .offset(300)).first()
        woning = db.session.scalar(select(Woning.id).order_by(Woning.id.desc()))
        # A Woonboog candidate of CAW: its page explains its score and rank among ≈ 5 000.
        kandidaat = db.session.scalar(select(Dossier.id).join(
            Attest, Attest.dossier_id == Dossier.id).where(
            Dossier.organisatie_id == d.organisatie_id, Dossier.status == "kandidaat",
            Dossier.pijler == 2, Dossier.woonmaatschappij_id == db.session.scalar(
                select(Woning.woonmaatschappij_id).where(Woning.id == woning)),
            Attest.geldig_tot >= date.today()).order_by(Dossier.id.desc()).limit(1))
        return {"dossier": d.id, "kandidaat": kandidaat, "naam": groot.achternaam.split()[0] + " " +
                groot.achternaam.split()[1], "nummer": groot.nummer,
                "rrn": groot.rijksregisternummer, "woning": woning}


def _teller(app):
    """Counts the statements of a request and keeps the slowest (with its parameters)."""
    stand = {"aantal": 0, "traagste": (0.0, "", None)}

    def voor(conn, _cursor, _statement, _parameters, context, _many):
        stand["aantal"] += 1
        conn.info["begin"] = time.perf_counter()

    def na(conn, _cursor, statement, parameters, _context, _many):
        duur = time.perf_counter() - conn.info.pop("begin", time.perf_counter())
        if duur > stand["traagste"][0] and statement.lstrip().upper().startswith("SELECT"):
            stand["traagste"] = (duur, statement, parameters)
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", voor)
        event.listen(db.engine, "after_cursor_execute", na)
    return stand


VOLLEDIG = {"postgresql": re.compile(r"Seq Scan on (dossier|audit_event)\b"),
            "sqlite": re.compile(r"\bSCAN (dossier|audit_event)\b(?! USING)")}


def plan(app, statement: str, parameters) -> str:
    """'ok', or the table a page's slowest statement reads whole (EXPLAIN)."""
    if not statement:
        return "ok"
    with app.app_context():
        dialect = db.engine.dialect.name
        woord = "EXPLAIN QUERY PLAN " if dialect == "sqlite" else "EXPLAIN "
        with db.engine.connect() as c:
            regels = [" ".join(str(k) for k in r)
                      for r in c.exec_driver_sql(woord + statement, parameters)]
    gevonden = VOLLEDIG[dialect].search("\n".join(regels))
    return f"scan {gevonden.group(1)}" if gevonden else "ok"


def _aangemeld(app, clients: dict, email: str):
    """A test client of `app` logged in as `email` (two factors with the demo key), kept."""
    if email not in clients:
        clients[email] = c = app.test_client()
        r = c.post("/aanmelden", data={"email": email, "wachtwoord": WACHTWOORD})
        if r.headers.get("Location", "").endswith("/code"):
            c.post("/aanmelden/code", data={"code": pyotp.TOTP(TWEESTAPS_GEHEIM).now()})
    return clients[email]


def _keer(app, teller: dict, client, url: str) -> tuple[float, object]:
    """One request, timed in ms, its statements counted by `teller`."""
    teller["aantal"], teller["traagste"] = 0, (0.0, "", None)
    begin = time.perf_counter()
    r = client.get(url)
    return (time.perf_counter() - begin) * 1000, r


def meet(apps: list) -> list[list[tuple]]:
    """Every page on each app (the reference and the large database), 5 times each, the two
    interleaved: a page is timed on both within the same second, so the machine's wander
    (its speed changes by up to 2× within a run) does not enter the growth."""
    waarden, tellers = [_invullen(a) for a in apps], [_teller(a) for a in apps]
    clients, uitkomst = [{} for _ in apps], [[] for _ in apps]
    for email, pad, budget in PAGINAS:
        cs = [_aangemeld(a, clients[k], email) for k, a in enumerate(apps)]
        urls = [pad.format(**w) for w in waarden]
        for c, url in zip(cs, urls, strict=True):
            c.get(url)  # warm
        tijden, laatste = [[] for _ in apps], [None for _ in apps]
        for _ in range(5):
            for k, app in enumerate(apps):
                duur, laatste[k] = _keer(app, tellers[k], cs[k], urls[k])
                tijden[k].append(duur)
        naam = re.sub(r"=\{(\w+)\}", r"=…(\1)", re.sub(r"=(?!\{)[^&]+", "=…", pad))
        for k, app in enumerate(apps):
            r, t = laatste[k], tellers[k]
            uitkomst[k].append((email.removesuffix(".demo"), naam, r.status_code,
                                statistics.median(tijden[k]), max(tijden[k]), t["aantal"],
                                len(r.data) // 1024, budget, plan(app, *t["traagste"][1:])))
    return uitkomst


def argumenten() -> argparse.Namespace:
    """--dossiers (default 200 000) and --database: what every Flanders benchmark takes."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=200000)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    return parser.parse_args()


REFERENTIE, GROEI = 2000, 1.5  # a page at N dossiers: at most 1.5× its time at 2 000


def _metingen(soort: str, aantallen: list[int]) -> list[list[tuple]]:
    """Every page at each number of dossiers, each on a database of its own, filled and
    dropped here, the pages timed on all of them interleaved (`meet`)."""
    with contextlib.ExitStack() as stapel:
        apps = [stapel.enter_context(database(soort)) for _ in aantallen]
        for app, n in zip(apps, aantallen, strict=True):
            app.config.update(WTF_CSRF_ENABLED=False)
            with app.app_context():
                begin = time.perf_counter()
                vul(n)
                print(f"gevuld: {n} dossiers in {time.perf_counter() - begin:.0f} s ({soort})",
                      flush=True)
        gc.freeze()  # as wsgi.py does in every web worker
        return meet(apps)


def _oordeel(mediaan, p95, code, budget, factor) -> str:
    """What falls short: the budget (median, then p95), or the growth against 2 000."""
    if code != 200 or mediaan > budget:
        return "  TE TRAAG"
    tekort = ["p95 boven budget"] if p95 > budget else []
    if factor is not None and factor > GROEI:
        tekort.append(f"groei > {GROEI}×")
    return "  " + ", ".join(tekort) if tekort else ""


def main() -> None:
    args = argumenten()
    if args.dossiers > REFERENTIE:
        referentie, meting = _metingen(args.database, [REFERENTIE, args.dossiers])
    else:
        referentie, (meting,) = None, _metingen(args.database, [args.dossiers])
    kort = 0
    print(f"{'gebruiker':<28} {'pagina':<40} code  mediaan     p95  {REFERENTIE:>5}      ×  stmts"
          f"    KiB  (bij {REFERENTIE})  budget   plan")
    for i, (wie, pad, code, mediaan, p95, stmts, kib, budget, uitleg) in enumerate(meting):
        klein = referentie[i][3] if referentie else None
        factor = mediaan / max(klein, 1) if klein is not None else None
        oordeel = _oordeel(mediaan, p95, code, budget, factor)
        kort += bool(oordeel)
        # The page's size at 2 000 beside it: a page that grows shows more, or reads more.
        print(f"{wie:<28} {pad:<40} {code}  {mediaan:6.0f}  {p95:6.0f}  "
              f"{f'{klein:5.0f}  {factor:5.1f}' if klein is not None else '    –      –'}  "
              f"{stmts:5d}  {kib:5d}  {f'({referentie[i][6]:5d})' if referentie else '':>11}  "
              f"{budget:4d} ms  {uitleg}{oordeel}", flush=True)
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{kort} pagina's buiten hun budget (tijd, p95 of groei tegenover {REFERENTIE}); "
          f"piek RSS van het proces {piek:.0f} MB")


if __name__ == "__main__":
    main()
