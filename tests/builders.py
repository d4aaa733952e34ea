"""Builders for the tests: organisations, users and dossiers driven through the real services.

Fixtures (app, client, world, the databases) live in conftest.py; what a test builds lives here.
"""
from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal

from werkzeug.security import generate_password_hash

from caseflow.extensions import db
from caseflow.models import Gebruiker, Organisatie, Samenwerkingsovereenkomst
from caseflow.services import dossiers as dossier_service
from caseflow.services import stappen
from caseflow.services.demo import rijksregisternummer

WACHTWOORD = "correct-horse-battery"


@functools.cache
def wachtwoord_hash() -> str:
    """A real salted hash with a low work factor, made once per run: the suite logs in
    hundreds of times, and a scrypt check costs ≈ 130 ms each here. Real accounts keep
    werkzeug's default (scrypt); the login code verifies whatever method the hash names."""
    return generate_password_hash(WACHTWOORD, method="pbkdf2:sha256:1000")


def org(naam: str, soort: str = "welzijnsorganisatie", **kw) -> Organisatie:
    from sqlalchemy import select

    found = db.session.scalars(select(Organisatie).where(Organisatie.naam == naam)).first()
    if found:
        return found
    o = Organisatie(naam=naam, soort=soort, **kw)
    db.session.add(o)
    db.session.commit()
    return o


def user(email: str, rol: str, organisatie: Organisatie, naam: str | None = None,
         actief: bool = True) -> Gebruiker:
    g = Gebruiker(naam=naam or email.split("@")[0], email=email, rol=rol,
                  organisatie_id=organisatie.id, actief=actief)
    g.wachtwoord_hash = wachtwoord_hash()
    if rol in ("coordinator", "beheerder"):
        g.totp_geheim = TOTP_GEHEIM
    db.session.add(g)
    db.session.commit()
    return g


def overeenkomst(welzijn: Organisatie, wm: Organisatie, start=date(2023, 1, 1), einde=None):
    o = Samenwerkingsovereenkomst(welzijnsorganisatie_id=welzijn.id, woonmaatschappij_id=wm.id,
                                  startdatum=start, einddatum=einde)
    db.session.add(o)
    db.session.commit()
    return o


def gemeente_id(naam: str) -> int:
    from sqlalchemy import select

    from caseflow.models import Gemeente

    return db.session.scalar(select(Gemeente.id).where(Gemeente.naam == naam))


_volgnummers = iter(range(1, 10**6))


def dossier_data(wm: Organisatie, **overrides) -> dict:
    """A valid toeleiding; each call another person (one open dossier per person and
    organisation), unless the test gives the rijksregisternummer."""
    data = {
        "voornaam": "Sarah", "achternaam": "Peeters", "geboortedatum": date(1990, 3, 14),
        "rijksregisternummer": rijksregisternummer(date(1990, 3, 14),
                                                   next(_volgnummers) % 997 + 1),
        "telefoon": None, "email": None, "adres": None,
        "huishouden": "alleenstaande", "aantal_kinderen": 0,
        "gemeente_id": gemeente_id("Turnhout"),
        "cir_inschrijvingsdatum": date(2024, 2, 1), "cir_nummer": "CIR-1",
        "woonnood": "opvang", "inkomen": Decimal("1250.00"), "pijler": 2,
        "woonmaatschappij_id": wm.id,
    }
    data.update(overrides)
    return data


def new_dossier(hv: Gebruiker, wm: Organisatie, **overrides):
    return dossier_service.aanmaken(hv, dossier_data(wm, **overrides))


def attest_data(d, **overrides) -> dict:
    """A complete attest (R-3.2) for dossier d, with begeleiding in the werkingsgebied."""
    return {"bevoegd_ocmw_gemeente_id": d.gemeente_id, "ocmw_verificatie": "geverifieerd",
            "privemarkt": "actief_gezocht", "privemarkt_motivering": "Zoekt sinds maart.",
            "doorstroomklaar": True, "engagement_2_jaar": True,
            "begeleiding_bereik": "werkingsgebied", **overrides}


def pijler3_klaar(d, hv, doelgroep="doorstromers", **data):
    """A pijler 3 referral (R-5.2) and ten years in the dossier's gemeente (R-2.5)."""
    from caseflow.services import pijler3

    pijler3.adres_toevoegen(hv, d.id, fresh(d).version_id, d.gemeente_id, date(2012, 1, 1),
                            None)
    pijler3.toeleiden(hv, d.id, fresh(d).version_id, {
        "doelgroep": doelgroep, "verlaat": "instelling", "sector": "CAW", **data})


def _heeft_toeleiding(d) -> bool:
    from caseflow.models.pijler3 import pijler3_toeleiding

    return pijler3_toeleiding(d.id) is not None


def fresh(d):
    """The dossier as the database has it now."""
    from caseflow.models import Dossier

    db.session.expire_all()
    return db.session.get(Dossier, d.id)


def advance(d, *reeks, hv, hb, datum=None):
    """Drive a dossier through the named steps with the real services."""
    from caseflow import clock
    from caseflow.services import attesten, begeleiding

    for stap in reeks:
        if stap == "attest_voorbereiden" and d.pijler == 3 and not _heeft_toeleiding(d):
            pijler3_klaar(d, hv)
        if stap == "attest_uitreiken":
            attesten.uitreiken(hv, d.id, d.version_id, attest_data(d), datum)
        elif stap == "attest_bevestigen":
            attesten.bevestigen(hb, d.id, d.version_id, datum=datum)
        elif stap == "begeleiding_starten":
            begeleiding.voorstellen(hv, d.id, fresh(d).version_id, datum or clock.vandaag())
            begeleiding.beslissen(hb, d.id, fresh(d).version_id, True)
        elif stap == "begeleiding_beeindigen":  # by agreement: shortened to today
            begeleiding.wijziging_voorstellen(hv, d.id, fresh(d).version_id, "verkorten",
                                              clock.vandaag(), "Doel bereikt")
            begeleiding.beslissen(hb, d.id, fresh(d).version_id, True)
        else:
            user_ = hb if stap == "toewijzen" else hv
            kw = {"reden": "private_huurmarkt"} if stap == "afsluiten" else {}
            if stap == "toewijzen" and d.pijler == 2:  # through a vacancy
                toewijzen_via_woning(d, hb, datum=datum)
                continue
            if stap == "toewijzen":
                kw = {"gegevens": {"gemeente_id": d.gemeente_id, "adres": "Kerkstraat 1",
                                   "doelgroep": "doorstromers"}}
            stappen.transitie(user_, d.id, stap, d.version_id, datum=datum, **kw)
    return d


def toewijzen_via_woning(d, hb, datum=None, gemeente_id_=None):
    """R-4.8: a pijler 2 dossier is allocated through a vacancy of its woonmaatschappij, on
    which it ranks first: the dwelling is registered, the candidate proposed and accepting."""
    from caseflow.services import woningen

    w = woningen.registreren(hb, {"gemeente_id": gemeente_id_ or d.gemeente_id,
                                  "adres": f"Kerkstraat {d.id}", "slaapkamers": 2,
                                  "beschikbaar_vanaf": datum or date.today()})
    v = woningen.voorstellen(hb, w.id, d.id, w.version_id)
    woningen.aanvaarden(hb, v.id, fresh_woning(w).version_id, datum=datum)
    return fresh(d)


def fresh_woning(w):
    from caseflow.models import Woning

    db.session.expire_all()
    return db.session.get(Woning, w.id)


# The authenticator key of every test coördinator and beheerder (two factors are required
# for them, rules.tweestaps); `login` types its code.
TOTP_GEHEIM = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def login(client, g: Gebruiker, wachtwoord: str = WACHTWOORD):
    """Log in as a person would: the password, then the app's code where one is asked. The
    test may log the same user in several times within one 30-second step, so the step the
    last code used is forgotten first (a real app shows each code once)."""
    response = client.post("/aanmelden", data={"email": g.email, "wachtwoord": wachtwoord})
    if response.status_code != 302 or not response.headers["Location"].endswith("/code"):
        return response
    return client.post("/aanmelden/code", data={"code": totp_code(g)})


def totp_code(g: Gebruiker) -> str:
    import pyotp
    from sqlalchemy import update

    tabel = Gebruiker.__table__
    db.session.execute(update(tabel).where(tabel.c.id == g.id).values(totp_laatste_stap=None))
    db.session.commit()
    geheim = db.session.get(Gebruiker, g.id).totp_geheim
    return pyotp.TOTP(geheim).now()


def statements(functie) -> list[tuple[str, object]]:
    """The SQL statements `functie()` sends, each with its parameters."""
    from sqlalchemy import event

    gelezen = []

    def lees(_conn, _cursor, statement, parameters, *_rest):
        gelezen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", lees)
    try:
        functie()
    finally:
        event.remove(db.engine, "before_cursor_execute", lees)
    return gelezen


def tel_statements(functie) -> int:
    """How many SQL statements `functie()` sends (to show no query per row)."""
    return len(statements(functie))


def sqlite_plan(statement: str, parameters) -> str:
    """SQLite's plan of a statement as sent (EXPLAIN QUERY PLAN), its steps joined."""
    return " | ".join(str(r[3]) for r in db.session.connection().exec_driver_sql(
        "EXPLAIN QUERY PLAN " + statement, parameters))
