"""Demo data: organisations, agreements, a user per role and ~60 dossiers in every stage.

Dossiers are driven through the real services and workflow, so the demo obeys the rules.
"""
from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, select, update

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import (
    Dossier,
    Gebruiker,
    Gemeente,
    Organisatie,
    Samenwerkingsovereenkomst,
    Toewijzing,
    Voorstel,
    Woning,
)
from caseflow.models.attest import geldend_attest
from caseflow.rules import regio, tweestaps
from caseflow.rules.monitoring import Periode
from caseflow.rules.wegingskader import WOONNOOD, score
from caseflow.services import (
    attesten,
    begeleiding,
    casusoverleg,
    dossiers,
    monitoring,
    pijler3,
    ranking,
    referentie,
    signalen,
    stappen,
    wegingskader,
)

VOORNAMEN = ["Emma", "Noah", "Louise", "Arthur", "Olivia", "Jules", "Mila", "Lucas", "Elena",
             "Adam", "Fatima", "Mohamed", "Yasmine", "Kevin", "Sandra", "Dirk", "Ann", "Marc",
             "Ilse", "Bram", "Nora", "Sem", "Lotte", "Wout", "Amira", "Ahmed", "Julie", "Tim"]
ACHTERNAMEN = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes",
               "Goossens", "Wouters", "De Smet", "Van den Broeck", "Vermeulen", "Aerts",
               "Hermans", "El Amrani", "Van Dyck", "Verhoeven", "Smets", "Michiels", "Geerts"]

WELZIJN = [
    # naam, sector, gemeente, woonmaatschappijen with an agreement
    ("CAW De Kempen", "CAW", "Turnhout", ("De Noorderkempen", "Woonboog", "LeefGoed")),
    ("Netwerk GGZ Kempen (NGGZK)", "GGZ", "Geel", ("De Noorderkempen", "Woonboog", "LeefGoed")),
    ("De Waaiburg (Bijzondere Jeugdzorg)", "BJZ", "Mol", ("Woonboog",)),
    ("VAPH Ondersteuning Kempen", "VAPH", "Herentals", ("LeefGoed",)),
    ("Kind & Gezin Kempen", "KG", "Turnhout", ()),
]

GEBRUIKERS = [
    # naam, e-mail, rol, organisatie
    ("An Peeters", "hulpverlener@caw.demo", "hulpverlener", "CAW De Kempen"),
    ("Jonas Claes", "jonas.claes@caw.demo", "hulpverlener", "CAW De Kempen"),
    ("Els Wouters", "hulpverlener@ocmw-geel.demo", "hulpverlener", "OCMW Geel"),
    ("Pieter Maes", "hulpverlener@nggzk.demo", "hulpverlener", "Netwerk GGZ Kempen (NGGZK)"),
    ("Lotte Jacobs", "hulpverlener@waaiburg.demo", "hulpverlener",
     "De Waaiburg (Bijzondere Jeugdzorg)"),
    ("Tom Mertens", "huurbegeleider@woonboog.demo", "huurbegeleider", "Woonboog"),
    ("Nele Willems", "huurbegeleider@leefgoed.demo", "huurbegeleider", "LeefGoed"),
    ("Koen Goossens", "huurbegeleider@dnk.demo", "huurbegeleider", "De Noorderkempen"),
    ("Sofie Janssens", "coordinator@caw.demo", "coordinator", "CAW De Kempen"),
    ("Rita Van Dyck", "coordinator@regio.demo", "coordinator", "Welzijnszorg Kempen"),
    ("Bart Aerts", "beheerder@regio.demo", "beheerder", "Welzijnszorg Kempen"),
]

STRATEN = ["Kerkstraat", "Stationsstraat", "Molenstraat", "Schoolstraat", "Dorpsstraat",
           "Lindelaan", "Kasteelstraat", "Beukenlaan"]

# (final stage, how many)
VERDELING = [("toeleiding", 8), ("attest", 7), ("kandidaat", 15), ("toegewezen", 6),
             ("begeleiding", 8), ("aanklampend", 9), ("afgesloten", 7)]


def rijksregisternummer(geboortedatum: date, volgnummer: int) -> str:
    body = int(f"{geboortedatum:%y%m%d}{volgnummer:03d}")
    base = body + 2_000_000_000 if geboortedatum.year >= 2000 else body
    return f"{body:09d}{97 - base % 97:02d}"


def _org(naam: str, soort: str, **kw) -> Organisatie:
    org = db.session.scalars(select(Organisatie).where(Organisatie.naam == naam)).first()
    if org is None:
        org = Organisatie(naam=naam, soort=soort, **kw)
        db.session.add(org)
        db.session.flush()
    return org


def _organisaties() -> dict[str, Organisatie]:
    gemeenten = {g.naam: g for g in db.session.scalars(select(Gemeente))}
    wms = {o.naam: o for o in db.session.scalars(
        select(Organisatie).where(Organisatie.soort == "woonmaatschappij"))}
    orgs = dict(wms)
    orgs["Welzijnszorg Kempen"] = _org("Welzijnszorg Kempen", "regionaal")
    start = date(2023, 10, 1)
    for naam, sector, gemeente, partners in WELZIJN:
        orgs[naam] = _org(naam, "welzijnsorganisatie", sector=sector,
                          gemeente_id=gemeenten[gemeente].id)
        _overeenkomsten(orgs[naam], [wms[p] for p in partners], start)
    for zone in regio.ZONES:
        for gemeente in zone.gemeenten:
            naam = f"OCMW {gemeente}"
            orgs[naam] = _org(naam, "welzijnsorganisatie", sector="OCMW",
                              gemeente_id=gemeenten[gemeente].id)
            _overeenkomsten(orgs[naam], [wms[zone.woonmaatschappij]], start)
    db.session.commit()
    return orgs


def _overeenkomsten(welzijn: Organisatie, wms: list[Organisatie], start: date) -> None:
    for wm in wms:
        exists = db.session.scalar(select(Samenwerkingsovereenkomst.id).where(
            Samenwerkingsovereenkomst.welzijnsorganisatie_id == welzijn.id,
            Samenwerkingsovereenkomst.woonmaatschappij_id == wm.id))
        if exists is None:
            db.session.add(Samenwerkingsovereenkomst(
                welzijnsorganisatie_id=welzijn.id, woonmaatschappij_id=wm.id, startdatum=start))


# The authenticator key of the demo coördinatoren and beheerders (two factors are required for
# them): add it to an authenticator app, or ask `flask --app wsgi demo-code` for the code.
TWEESTAPS_GEHEIM = "CASEFLOWKEMPENDEMOTWEESTAPS23456"


def _gebruikers(orgs: dict[str, Organisatie], wachtwoord: str) -> list[Gebruiker]:
    result = []
    for naam, email, rol, org in GEBRUIKERS:
        user = db.session.scalars(select(Gebruiker).where(Gebruiker.email == email)).first()
        if user is None:
            user = Gebruiker(naam=naam, email=email, rol=rol, organisatie_id=orgs[org].id)
            db.session.add(user)
        user.zet_wachtwoord(wachtwoord)
        if tweestaps.verplicht(rol):  # a published key: demo accounts only (README)
            user.totp_geheim = TWEESTAPS_GEHEIM
        result.append(user)
    db.session.commit()
    return result


def laad(wachtwoord: str, aantal_per_fase: list[tuple[str, int]] | None = None,
         seed: int = 2026) -> list[Gebruiker]:
    referentie.laad()
    orgs = _organisaties()
    users = _gebruikers(orgs, wachtwoord)
    rnd = random.Random(seed)
    hulpverleners = [u for u in users if u.rol == "hulpverlener"]
    huurbegeleiders = {u.organisatie_id: u for u in users if u.rol == "huurbegeleider"}
    volgnummer = 0
    for fase, aantal in aantal_per_fase or VERDELING:
        for i in range(aantal):
            volgnummer += 1
            _dossier(rnd, fase, i, volgnummer, hulpverleners, huurbegeleiders)
    _toewijzingstotalen(huurbegeleiders)
    return users


def _toewijzingstotalen(huurbegeleiders: dict[int, Gebruiker]) -> None:
    """R-8.1: each woonmaatschappij entered its total of all toewijzingen per quarter, from last
    year up to the current quarter; pijler 2 is around a fifth of it."""
    vandaag = clock.vandaag()
    huidig = (vandaag.month - 1) // 3 + 1
    for wm_id, hb in huurbegeleiders.items():
        for jaar in (vandaag.year - 1, vandaag.year):
            for kwartaal in range(1, 5 if jaar < vandaag.year else huidig + 1):
                periode = Periode(jaar, kwartaal)
                p2 = db.session.scalar(select(func.count(Toewijzing.id)).where(
                    Toewijzing.woonmaatschappij_id == wm_id, Toewijzing.pijler == 2,
                    Toewijzing.datum >= periode.begin, Toewijzing.datum < periode.einde))
                monitoring.totaal_invoeren(hb, jaar, kwartaal,
                                           p2 * 4 + (wm_id + kwartaal) % 4 + 2)


def _partner_gemeenten(hv: Gebruiker) -> list[Gemeente]:
    wm_ids = set(db.session.scalars(select(Samenwerkingsovereenkomst.woonmaatschappij_id).where(
        Samenwerkingsovereenkomst.welzijnsorganisatie_id == hv.organisatie_id)))
    return [g for g in db.session.scalars(select(Gemeente).order_by(Gemeente.naam))
            if g.woonmaatschappij and g.woonmaatschappij.id in wm_ids]


# Some dossiers with a deadline near, so the first reminder sweep has work: an
# agreement ending in 20 days and one (CAW De Kempen) past its end for the coördinator's review
# queue, the engagement ending in 20 days, and one already ended.
DEMO_TERMIJNEN = {
    ("begeleiding", 0): lambda v: v - timedelta(days=352),
    ("begeleiding", 3): lambda v: v - timedelta(days=380),
    ("aanklampend", 0): lambda v: v - relativedelta(years=2) + timedelta(days=20),
    ("aanklampend", 1): lambda v: v - relativedelta(years=2) - timedelta(days=3),
}


def _laatste_activiteit(fase: str, i: int, vandaag: date, toewijzing: date) -> date:
    """The day of the last change, as it would be in a caseload that has been running."""
    return {
        "toeleiding": vandaag - timedelta(days=(i * 11) % 50),
        "attest": vandaag - timedelta(days=(i * 13) % 45),
        "toegewezen": toewijzing,
        "begeleiding": vandaag - timedelta(days=(i * 17) % 120),
    }.get(fase, vandaag)


STAPPEN = ["toeleiding", "attest", "kandidaat", "toegewezen", "begeleiding", "aanklampend"]


def _gegevens(rnd, fase: str, i: int, volgnummer: int, hv: Gebruiker, doel: str) -> dict:
    """A plausible toeleiding; a household housed through pijler 2 is eligible (R-4.8)."""
    vandaag = clock.vandaag()
    gemeente = rnd.choice(_partner_gemeenten(hv))
    gezin = rnd.random() < 0.45
    geboortedatum = date(rnd.randint(1958, 2005), rnd.randint(1, 12), rnd.randint(1, 28))
    zonder_cir = fase == "toeleiding" and i % 2 == 0
    data = {
        "voornaam": rnd.choice(VOORNAMEN), "achternaam": rnd.choice(ACHTERNAMEN),
        "geboortedatum": geboortedatum,
        "rijksregisternummer": rijksregisternummer(geboortedatum, 100 + volgnummer * 2),
        "telefoon": f"0470 {rnd.randint(10, 99)} {rnd.randint(10, 99)} {rnd.randint(10, 99)}",
        "email": None, "adres": None,
        "huishouden": "gezin" if gezin else "alleenstaande",
        "aantal_kinderen": rnd.randint(0, 4) if gezin else 0,
        "gemeente_id": gemeente.id,
        "cir_inschrijvingsdatum": None if zonder_cir else vandaag - timedelta(
            days=rnd.randint(60, 1400)),
        "cir_nummer": None if zonder_cir else f"CIR-{rnd.randint(100000, 999999)}",
        "woonnood": rnd.choice(WOONNOOD[:-1]).code,
        "inkomen": Decimal(rnd.randint(90000, 230000)) / 100,
        "pijler": 3 if rnd.random() < 0.25 else 2,
        "woonmaatschappij_id": gemeente.woonmaatschappij.id,
    }
    if data["pijler"] == 2 and STAPPEN.index(doel) >= 3:
        data["inkomen"] = Decimal(rnd.randint(90000, 190000 if gezin else 137000)) / 100
    return data


def _data(rnd, fase: str, i: int, doel: str) -> tuple[date, date]:
    """The toewijzing and the attest's issue date, oldest first, so every step is plausible."""
    vandaag = clock.vandaag()
    if fase == "afgesloten" and doel == "aanklampend":
        toewijzing = vandaag - timedelta(days=rnd.randint(750, 900))
    else:
        toewijzing = {
            "toegewezen": vandaag - timedelta(days=rnd.randint(5, 40)),
            "begeleiding": vandaag - timedelta(days=rnd.randint(60, 330)),
            "aanklampend": vandaag - timedelta(days=rnd.randint(400, 700)),
        }.get(fase, vandaag)
    toewijzing = DEMO_TERMIJNEN.get((fase, i), lambda v: toewijzing)(vandaag)
    uitreiking = min(toewijzing - timedelta(days=rnd.randint(20, 90)),
                     vandaag - timedelta(days=rnd.randint(1, 60)))
    if (fase, i) == ("kandidaat", 0):  # its attest lapses in 20 days (reminder due now)
        uitreiking = vandaag - relativedelta(months=6) + timedelta(days=20)
    return toewijzing, uitreiking


def _dossier(rnd, fase, i, volgnummer, hulpverleners, huurbegeleiders) -> None:
    vandaag = clock.vandaag()
    hv = hulpverleners[volgnummer % len(hulpverleners)]
    doel = {"afgesloten": "aanklampend" if i < 3 else "kandidaat"}.get(fase, fase)
    d = dossiers.aanmaken(hv, _gegevens(rnd, fase, i, volgnummer, hv, doel))
    toewijzing, uitreiking = _data(rnd, fase, i, doel)

    def fire(user, trigger, **kw):
        stappen.transitie(user, d.id, trigger, d.version_id, **kw)

    upto = STAPPEN.index(doel)
    hb = huurbegeleiders[d.woonmaatschappij_id]
    if d.pijler == 3:
        _pijler3(rnd, hv, d, vandaag)
    if upto >= 1:
        fire(hv, "attest_voorbereiden")
    if upto >= 2:
        attesten.uitreiken(hv, d.id, d.version_id, {
            "bevoegd_ocmw_gemeente_id": d.gemeente_id,
            "ocmw_verificatie": rnd.choice(["geverifieerd"] * 8 + ["duurzame_ontwrichting"]),
            "privemarkt": rnd.choice(["actief_gezocht"] * 3 + ["billijkheidsredenen"]),
            "privemarkt_motivering": "Besproken met de kandidaat; zie sociaal verslag.",
            "doorstroomklaar": True, "engagement_2_jaar": True,
            "begeleiding_bereik": rnd.choice(["gemeente", "werkingsgebied", "werkingsgebied",
                                              "arrondissement"]),
        }, uitreiking)
    if upto >= 3:
        attesten.bevestigen(hb, d.id, d.version_id, datum=toewijzing)
        adres = f"{rnd.choice(STRATEN)} {rnd.randint(1, 120)}"
        woning = _vacature(hb, d, toewijzing, adres) if d.pijler == 2 else None
        fire(hb, "toewijzen", datum=toewijzing, gegevens={
            "gemeente_id": d.gemeente_id, "adres": adres,
            "woning_id": woning.id if woning else None})
        if woning is not None:
            woning.status = "toegewezen"
    if upto >= 4:
        bo = begeleiding.voorstellen(hv, d.id, d.version_id, toewijzing + timedelta(days=7))
        begeleiding.beslissen(hb, d.id, d.version_id, True)
    if upto >= 5:
        begeleiding.beeindigen(hv, d.id, d.version_id, bo.geplande_einddatum)
    if fase == "afgesloten":
        reden = "engagement_afgelopen" if doel == "aanklampend" else \
            rnd.choice(["private_huurmarkt", "ingetrokken"])
        fire(hv, "afsluiten", reden=reden, gegevens={
            "woonbehoud_1_jaar": True, "woonbehoud_2_jaar": rnd.random() < 0.9,
        } if reden == "engagement_afgelopen" else None)
    if (fase, i) == ("begeleiding", 1):  # an action item due tomorrow
        overleg = casusoverleg.registreren(
            hv, d.id, d.version_id, vandaag - timedelta(days=6), "periodiek",
            f"{hv.organisatie.naam}, {hb.organisatie.naam}", "Opvolging van de huurbetalingen.",
            "Afbetalingsplan opstellen.")
        casusoverleg.actiepunt_toevoegen(hv, d.id, d.version_id, overleg.id,
                                         "Afbetalingsplan bespreken met de huurder", hv.id,
                                         vandaag + timedelta(days=1))
    if (fase, i) == ("aanklampend", 2):  # arrears of 2 months: aanklampende begeleiding (I-7.3)
        signalen.melden(hb, d.id, d.version_id, "huurachterstand",
                        "Twee maanden huur niet betaald.", Decimal("1140.00"), 2)
    # Referred before the attest, as in a caseload that has been running (doorlooptijden).
    toegeleid = (uitreiking - timedelta(days=20 + (volgnummer * 7) % 100) if upto >= 2 else
                 vandaag - timedelta(days=(i * 11) % 50))
    db.session.execute(update(Dossier.__table__).where(Dossier.__table__.c.id == d.id).values(
        laatste_activiteit=_laatste_activiteit(fase, i, vandaag, toewijzing),
        aangemaakt_op=datetime.combine(toegeleid, time(10, 0), tzinfo=timezone.utc)))
    db.session.commit()


def _vacature(hb: Gebruiker, d: Dossier, datum: date, adres: str) -> Woning:
    """R-4.8: a pijler 2 dossier is housed through a vacancy; the demo records the vacancy of
    the past and the proposal the candidate accepted, with the score it was ranked on."""
    woning = Woning(woonmaatschappij_id=d.woonmaatschappij_id, gemeente_id=d.gemeente_id,
                    adres=adres, slaapkamers=1 + d.aantal_kinderen // 2,
                    beschikbaar_vanaf=datum, status="open", aangemaakt_door_id=hb.id)
    db.session.add(woning)
    db.session.flush()
    limieten = wegingskader.limieten(datum)
    s = score(ranking.kandidaat_van(d, geldend_attest(d.id)), limieten, wegingskader.regio(),
              d.gemeente.naam)
    db.session.add(Voorstel(
        woning_id=woning.id, dossier_id=d.id, rang=1, punten_woonnood=s.woonnood,
        punten_inkomen=s.inkomen, punten_begeleiding=s.begeleiding,
        punten_kinderlast=s.kinderlast, totaal=s.totaal, peildatum=datum,
        versie=limieten.versie, status="aanvaard", voorgesteld_door_id=hb.id))
    db.session.flush()
    return woning


def _pijler3(rnd, hv, d, vandaag) -> None:
    """A referral for one of the regional doelgroepen, with ten years in the gemeente."""
    pijler3.adres_toevoegen(hv, d.id, d.version_id, d.gemeente_id, date(2010, 1, 1), None)
    if hv.organisatie.sector == "OCMW" and d.huishouden == "gezin":
        data = {"doelgroep": "kansarmoede", "kg_screening_op": vandaag - timedelta(days=30),
                "jongste_kind_geboren": vandaag - timedelta(days=400)}
    elif rnd.random() < 0.25 and pijler3.hf_capaciteit_vrij(vandaag):
        data = {"doelgroep": "housing_first", "dakloos_sinds": vandaag - timedelta(days=800),
                "verslaving": True, "psychiatrie": rnd.random() < 0.5}
    else:
        data = {"doelgroep": "doorstromers", "verlaat": rnd.choice(["opvang", "instelling"]),
                "sector": hv.organisatie.sector}
    pijler3.toeleiden(hv, d.id, d.version_id, data)
