"""One sweep over the due dates in the database. It works from the state, not from
timer firings, so a sweep after downtime catches up by itself; every reminder has a unique key
(kind, object, due date, recipient), so running it twice creates nothing twice. Each query
reads an indexed date column; no sweep walks every dossier."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from sqlalchemy import and_, exists, or_, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm.exc import StaleDataError

from caseflow import clock, formaat
from caseflow.extensions import db
from caseflow.models import (
    Actiepunt,
    Attest,
    Begeleidingsovereenkomst,
    Casusoverleg,
    Dossier,
    Notificatie,
    Signaal,
    Toewijzing,
)
from caseflow.models.attest import GELDIGE_STATUSSEN, geldend_attest
from caseflow.models.base import utcnow
from caseflow.models.begeleiding import lopende_overeenkomst
from caseflow.models.casusoverleg import overleggen
from caseflow.models.instelling import in_voege
from caseflow.models.signaal import is_open
from caseflow.models.signaal import signalen as signalen_van
from caseflow.rules import herinneringen as regels
from caseflow.rules.attest import AttestFeiten
from caseflow.services import audit, inbox, signalen, stappen
from workflows.attest import WORKFLOW as ATTEST
from workflows.base import TransitieGeweigerd
from workflows.dossier import STATES

SLEUTEL = ("soort", "object_type", "object_id", "vervaldatum", "ontvanger_id")
LOPENDE_BO = ("actief", "evaluatie")
SIGNAAL_OPEN = ("aanvraag", "erkend", "contact")
STAPPEN = {"erkennen": "erkennen", "contact": "contact met de huurder",
           "casusoverleg": "casusoverleg"}


def instellingen(vandaag: date) -> dict:
    """The lead times in force today (configuration, not code)."""
    rij = in_voege("herinneringen", vandaag)
    return regels.valideer(rij.waarde) if rij is not None else regels.valideer(
        regels.STANDAARD)


def _d(dag: date) -> str:
    return formaat.datum(dag)


def _nog_niet_gemeld(soort: str, object_type: str, object_id, *voorwaarden):
    """No reminder of this kind about this object yet: a sweep with nothing new reads only
    what became due since the last one, not every overdue item again (the unique key's index
    answers). A recipient who joined later does not get the items already reminded."""
    return ~exists().where(Notificatie.soort == soort, Notificatie.object_type == object_type,
                           Notificatie.object_id == object_id, *voorwaarden)


class _Sweep:
    def __init__(self, vandaag: date, cfg: dict):
        self.vandaag = vandaag
        self.cfg = cfg
        self.nieuw: Counter[str] = Counter()
        self.kandidaten: list[dict] = []
        self.afgesloten = 0
        # Recipients per organisation, asked once per sweep rather than once per item.
        self.huurbegeleiders = cache(lambda org_id: inbox.actieve("huurbegeleider", org_id))
        self.coordinatoren = cache(lambda org_id: inbox.actieve("coordinator", org_id))

    def _beide_partijen(self, dossier: Dossier) -> tuple[int, ...]:
        """The hulpverlener and the huurbegeleiders of the woonmaatschappij that allocated."""
        wm = dossier.toewijzing.woonmaatschappij_id if dossier.toewijzing else \
            dossier.woonmaatschappij_id
        return (dossier.hulpverlener_id, *self.huurbegeleiders(wm))

    def maak(self, soort: str, obj, vervaldatum: date, ontvangers, tekst: str,
             link: str) -> None:
        """A reminder for each recipient; saved by `opslaan`, once per unique key."""
        for ontvanger_id in ([ontvangers] if isinstance(ontvangers, int) else ontvangers):
            self.kandidaten.append(dict(
                soort=soort, object_type=type(obj).__name__.lower(), object_id=obj.id,
                vervaldatum=vervaldatum, ontvanger_id=ontvanger_id, tekst=tekst[:300],
                link=link, aangemaakt_op=utcnow(), mail_pogingen=0))

    def opslaan(self) -> None:
        """INSERT ... ON CONFLICT DO NOTHING on the unique key, a few hundred rows at a time:
        what exists already (an earlier sweep, or a racing scheduler) is skipped by the
        database itself, and RETURNING says what is new."""
        tabel = Notificatie.__table__
        insert = sqlite_insert if db.engine.dialect.name == "sqlite" else pg_insert
        stmt = (insert(tabel).on_conflict_do_nothing(index_elements=SLEUTEL)
                .returning(tabel.c.soort))
        for begin in range(0, len(self.kandidaten), 1000):  # executemany, compiled once
            self.nieuw.update(db.session.scalars(stmt, self.kandidaten[begin:begin + 1000]))
        self.kandidaten.clear()

    def attesten(self) -> None:
        grens = self.vandaag + timedelta(days=self.cfg["attest_verloopt"])
        for attest, dossier in db.session.execute(
                select(Attest, Dossier).join(Dossier, Dossier.id == Attest.dossier_id)
                .where(Attest.status.in_(GELDIGE_STATUSSEN), Dossier.status == "kandidaat",
                       Attest.geldig_tot <= grens,
                       or_(Attest.geldig_tot < self.vandaag, _nog_niet_gemeld(
                           "attest_verloopt", "attest", Attest.id,
                           Notificatie.vervaldatum == Attest.geldig_tot)))).all():
            link = f"/dossiers/{dossier.id}"
            if attest.geldig_tot < self.vandaag:
                ATTEST.fire(attest, "laten_verlopen",
                            f=AttestFeiten(vandaag=self.vandaag, geldig_tot=attest.geldig_tot))
                audit.log(None, "attest_verlopen", dossier, attest=attest.id)
                self.maak("attest_verlopen", attest, attest.geldig_tot, dossier.hulpverlener_id,
                          f"Attest van {inbox.label(dossier)} is verlopen op "
                          f"{_d(attest.geldig_tot)}.", link)
            else:
                self.maak("attest_verloopt", attest, attest.geldig_tot, dossier.hulpverlener_id,
                          f"Attest van {inbox.label(dossier)} verloopt op {_d(attest.geldig_tot)}.",
                          link)

    def actiepunten(self) -> None:
        grens = self.vandaag + timedelta(days=self.cfg["actiepunt_vervalt"])
        for punt, dossier in db.session.execute(
                select(Actiepunt, Dossier)
                .join(Casusoverleg, Casusoverleg.id == Actiepunt.casusoverleg_id)
                .join(Dossier, Dossier.id == Casusoverleg.dossier_id)
                .where(Actiepunt.gedaan_op.is_(None), Actiepunt.vervaldatum <= grens)).all():
            soort = "actiepunt_te_laat" if punt.vervaldatum < self.vandaag else \
                "actiepunt_vervalt"
            self.maak(soort, punt, punt.vervaldatum, punt.eigenaar_id,
                      f"Actiepunt voor {inbox.label(dossier)}: uiterlijk {_d(punt.vervaldatum)}.",
                      f"/dossiers/{dossier.id}#overleg")

    def signaaltermijnen(self) -> None:
        """I-7.2: the hulpverlener hears of a deadline before it falls; I-7.3: a missed one
        goes to the coördinatoren of the welzijnsorganisatie."""
        vooraf = timedelta(days=self.cfg["signaal_termijn"])
        for s, dossier in db.session.execute(
                select(Signaal, Dossier).join(Dossier, Dossier.id == Signaal.dossier_id)
                .where(Signaal.verplicht, is_open(*SIGNAAL_OPEN),
                       Signaal.aangevraagd_op <= self.vandaag)).all():
            termijn = signalen.volgende_termijn(s, dossier)
            if termijn is None:
                continue
            stap, datum = termijn
            link = f"/dossiers/{dossier.id}#signalen"
            if datum < self.vandaag:
                self.maak("signaal_termijn", s, datum,
                          self.coordinatoren(dossier.organisatie_id),
                          f"Termijn '{stap}' van een signaal bij {inbox.label(dossier)} "
                          f"verstreek op {_d(datum)}.", link)
            elif self.vandaag >= datum - vooraf:
                self.maak("signaal_termijn_nadert", s, datum, dossier.hulpverlener_id,
                          f"Signaal bij {inbox.label(dossier)}: {STAPPEN[stap]} uiterlijk "
                          f"{_d(datum)} (I-7.2).", link)

    def overeenkomsten(self) -> None:
        """R-6.2: both parties hear the end coming (30 and 7 days), and that the evaluation is
        overdue when the planned end passed without anybody ending or extending it."""
        grens = self.vandaag + timedelta(days=max(self.cfg["bo_eindigt"]))
        for bo, dossier in db.session.execute(
                select(Begeleidingsovereenkomst, Dossier)
                .join(Dossier, Dossier.id == Begeleidingsovereenkomst.dossier_id)
                .where(Begeleidingsovereenkomst.status.in_(LOPENDE_BO),
                       Begeleidingsovereenkomst.geplande_einddatum <= grens)).all():
            einde = bo.geplande_einddatum
            link = f"/dossiers/{dossier.id}#overeenkomst"
            if self.vandaag >= einde:
                self.maak("bo_evaluatie_te_laat", bo, einde, self._beide_partijen(dossier),
                          f"De begeleidingsovereenkomst van {inbox.label(dossier)} liep tot "
                          f"{_d(einde)}: evalueer en beëindig of verleng ze (R-6.2).", link)
            elif (dagen := regels.bo_herinnering(einde, self.vandaag,
                                                 self.cfg["bo_eindigt"])) is not None:
                self.maak(f"bo_eindigt_{dagen}", bo, einde, self._beide_partijen(dossier),
                          f"De begeleidingsovereenkomst van {inbox.label(dossier)} eindigt op "
                          f"{_d(einde)}: plan de evaluatie (R-6.2).", link)

    def engagementen(self) -> None:
        """R-6.3: notice 30 days before the 2-year engagement ends. The last day belongs to
        the engagement (I-7.4a); from the next day the dossier closes with reason 'engagement
        afgelopen' through the workflow, once no obliging signaal is open. A dossier with a
        running begeleidingsovereenkomst stays open until that ends (it then moves to
        aanklampend and the next sweep closes it)."""
        grens = self.vandaag + timedelta(days=self.cfg["engagement_eindigt"])
        for t, dossier in db.session.execute(
                select(Toewijzing, Dossier).join(Dossier, Dossier.id == Toewijzing.dossier_id)
                .where(Dossier.status != "afgesloten", Toewijzing.engagement_einde <= grens,
                       or_(and_(Toewijzing.engagement_einde < self.vandaag,
                                Dossier.status.in_(("toegewezen", "aanklampend"))),
                           and_(Toewijzing.engagement_einde >= self.vandaag, _nog_niet_gemeld(
                               "engagement_eindigt", "toewijzing", Toewijzing.id,
                               Notificatie.vervaldatum == Toewijzing.engagement_einde))))).all():
            link = f"/dossiers/{dossier.id}"
            if self.vandaag <= t.engagement_einde:
                self.maak("engagement_eindigt", t, t.engagement_einde,
                          self._beide_partijen(dossier),
                          f"Het engagement voor {inbox.label(dossier)} eindigt op "
                          f"{_d(t.engagement_einde)} (2 jaar na de toewijzing, R-6.3).", link)
                continue
            if dossier.status not in ("toegewezen", "aanklampend"):
                continue
            try:
                with db.session.begin_nested():
                    stappen.fire(None, dossier, "afsluiten", self.vandaag,
                                  reden="engagement_afgelopen",
                                  vermelding="Automatisch afgesloten door Caseflow: het "
                                  f"engagement liep af op {_d(t.engagement_einde)}.")
            except (TransitieGeweigerd, StaleDataError):
                continue  # an obliging signaal, or a change meanwhile: the next sweep looks
            self.afgesloten += 1
            self.maak("engagement_afgelopen", t, t.engagement_einde, dossier.hulpverlener_id,
                      f"Dossier {inbox.label(dossier)} werd afgesloten: het engagement liep af op "
                      f"{_d(t.engagement_einde)} (R-6.3).", link)

    def stilgevallen(self) -> None:
        """A dossier nobody changed for the configured number of days, per status."""
        for status, dagen in self.cfg["dossier_stil"].items():
            for dossier in db.session.scalars(select(Dossier).where(
                    Dossier.status == status,
                    Dossier.laatste_activiteit < regels.stil_sinds(self.vandaag, dagen),
                    _nog_niet_gemeld("dossier_stil", "dossier", Dossier.id,
                                     Notificatie.vervaldatum > Dossier.laatste_activiteit))):
                sinds = dossier.laatste_activiteit
                self.maak("dossier_stil", dossier, sinds + timedelta(days=dagen),
                          dossier.hulpverlener_id,
                          f"Dossier {inbox.label(dossier)} staat stil in de fase "
                          f"'{STATES[status]}': geen wijziging sinds {_d(sinds)}.",
                          f"/dossiers/{dossier.id}")


def verwerk(vandaag: date | None = None) -> dict:
    """Run one sweep now; report what it created (`nieuw`, `per_soort`) and closed."""
    vandaag = vandaag or clock.vandaag()
    sweep = _Sweep(vandaag, instellingen(vandaag))
    sweep.attesten()
    sweep.actiepunten()
    sweep.signaaltermijnen()
    sweep.overeenkomsten()
    sweep.engagementen()
    sweep.stilgevallen()
    sweep.opslaan()
    db.session.commit()
    nieuw = sum(sweep.nieuw.values())
    if nieuw >= VERSE_STATISTIEK_VANAF:
        _statistieken_bijwerken()
    return {"nieuw": nieuw, "per_soort": dict(sweep.nieuw), "afgesloten": sweep.afgesloten}


VERSE_STATISTIEK_VANAF = 1000  # reminders written by one sweep: a catch-up


def _statistieken_bijwerken() -> None:
    """After a catch-up PostgreSQL's statistics are refreshed at once. Its planner otherwise
    keeps the old row counts until autovacuum analyses the tables (never, where autovacuum is
    off), and the next sweep then checks every overdue dossier's reminder by scanning all
    reminders of its kind: minutes at 200 000 dossiers instead of a fraction of a second.
    SQLite's planner answers these lookups from the unique key's index whatever it knows."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("ANALYZE notificatie, dossier"))
        db.session.commit()


@dataclass(frozen=True)
class Termijn:
    datum: date
    wat: str
    herinnering: date | None  # when the scheduler reminds, None when it does not
    link: str = ""

    def te_laat(self, vandaag: date) -> bool:
        return self.datum < vandaag


def komende(dossier: Dossier, vandaag: date | None = None) -> list[Termijn]:
    """What the scheduler will remind about on this dossier, before it does."""
    vandaag = vandaag or clock.vandaag()
    cfg = instellingen(vandaag)
    result = []
    if dossier.status == "afgesloten":
        return result
    attest = geldend_attest(dossier.id)
    if dossier.status == "kandidaat" and attest is not None and \
            attest.status in GELDIGE_STATUSSEN and attest.geldig_tot:
        result.append(Termijn(attest.geldig_tot, "Attest verloopt", regels.herinner_vanaf(
            attest.geldig_tot, cfg["attest_verloopt"]), "#traject"))
    bo = lopende_overeenkomst(dossier.id)
    if bo is not None and bo.status in LOPENDE_BO:
        eerste = regels.herinner_vanaf(bo.geplande_einddatum, max(cfg["bo_eindigt"]))
        result.append(Termijn(bo.geplande_einddatum, "Begeleidingsovereenkomst eindigt "
                              "(evaluatie)", eerste, "#overeenkomst"))
    if dossier.toewijzing is not None:
        einde = dossier.toewijzing.engagement_einde
        result.append(Termijn(einde, "Engagement eindigt; het dossier sluit automatisch af",
                              regels.herinner_vanaf(einde, cfg["engagement_eindigt"])))
    for punt in (p for o in overleggen(dossier.id) for p in o.actiepunten
                 if p.gedaan_op is None):
        result.append(Termijn(punt.vervaldatum, "Actiepunt van een casusoverleg",
                              regels.herinner_vanaf(punt.vervaldatum,
                                                    cfg["actiepunt_vervalt"]), "#overleg"))
    for s in (s for s in signalen_van(dossier.id) if s.verplicht and s.status in SIGNAAL_OPEN):
        if (termijn := signalen.volgende_termijn(s, dossier)) is not None:
            stap, datum = termijn
            result.append(Termijn(datum, f"Signaal: {STAPPEN[stap]} (I-7.2)",
                                  datum - timedelta(days=cfg["signaal_termijn"]), "#signalen"))
    if (dagen := cfg["dossier_stil"].get(dossier.status)) and dossier.laatste_activiteit:
        datum = dossier.laatste_activiteit + timedelta(days=dagen)
        result.append(Termijn(datum, "Dossier valt stil zonder wijziging", datum))
    return sorted(result, key=lambda t: t.datum)
