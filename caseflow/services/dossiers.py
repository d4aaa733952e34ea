"""Dossier operations: caseload, toeleiding, edit, and the workflow actions."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import Forbidden

from caseflow import access, clock
from caseflow.extensions import db
from caseflow.models import (Dossier, DossierHistoriek, Gebruiker,
                             Gemeente, Organisatie)
from caseflow.models.attest import geldend_attest
from caseflow.models.begeleiding import lopende_overeenkomst
from caseflow.models.pijler3 import pijler3_toeleiding
from caseflow.models.signalering import knipperlicht, sociaal_verslag
from caseflow.rules.dossier import DossierFeiten
from caseflow.rules.wegingskader import huishouden_fout
from caseflow.rules.rijksregister import als_zoekterm, normalise
from caseflow.services import audit, locking
from caseflow.services.errors import BestaandDossier, Ongeldig
from workflows.base import Actie, TransitieGeweigerd
from workflows.dossier import WORKFLOW

# Fields of the toeleiding form that a hulpverlener can edit later.
DOSSIER_VELDEN = (
    "voornaam", "achternaam", "geboortedatum", "rijksregisternummer", "telefoon", "email",
    "adres", "huishouden", "aantal_kinderen", "gemeente_id", "cir_inschrijvingsdatum",
    "cir_nummer", "woonnood", "inkomen", "pijler", "woonmaatschappij_id",
)


@dataclass(frozen=True)
class Pagina:
    items: list[Dossier]
    totaal: int
    pagina: int
    per_pagina: int

    @property
    def paginas(self) -> int:
        return max(1, -(-self.totaal // self.per_pagina))


@dataclass(frozen=True)
class Filter:
    """What the caseload shows: 'open' (the default) is every stage but afgesloten."""

    status: str | None = "open"
    pijler: int | None = None
    gemeente_id: int | None = None
    woonmaatschappij_id: int | None = None
    organisatie_id: int | None = None
    hulpverlener_id: int | None = None
    sorteer: str = "gewijzigd"
    oplopend: bool = False


# The sortable columns of the caseload, each with the id as the tie-breaker.
SORTEERBAAR = {"nummer": Dossier.id, "naam": Dossier.achternaam, "fase": Dossier.status,
               "pijler": Dossier.pijler, "gemeente": Gemeente.naam,
               "gewijzigd": Dossier.gewijzigd_op}


def _filter_voorwaarden(f: Filter) -> list:
    where = []
    if f.status == "open":
        where.append(Dossier.status != "afgesloten")
    elif f.status:
        where.append(Dossier.status == f.status)
    for kolom, waarde in ((Dossier.pijler, f.pijler), (Dossier.gemeente_id, f.gemeente_id),
                          (Dossier.woonmaatschappij_id, f.woonmaatschappij_id),
                          (Dossier.organisatie_id, f.organisatie_id),
                          (Dossier.hulpverlener_id, f.hulpverlener_id)):
        if waarde:
            where.append(kolom == waarde)
    return where


def _zoekvoorwaarde(zoek: str):
    term = f"%{zoek.strip().lower()}%"
    return or_(
        func.lower(Dossier.voornaam + " " + Dossier.achternaam).like(term),
        func.lower(Dossier.achternaam).like(term),
        func.lower(Dossier.nummer).like(term),
        Dossier.rijksregisternummer == (als_zoekterm(zoek) or "-"),
    )


def caseload(user: Gebruiker, *, status: str | None = None, zoek: str | None = None,
             enkel_mijn: bool = False, pagina: int = 1, per_pagina: int = 25,
             filter: Filter | None = None) -> Pagina:
    access.require(user, "caseload")
    f = filter or Filter(status=status)
    where = [access.dossier_scope(user), *_filter_voorwaarden(f)]
    if enkel_mijn and user.rol == "hulpverlener":
        where.append(Dossier.hulpverlener_id == user.id)
    if zoek:
        where.append(_zoekvoorwaarde(zoek))
    totaal = db.session.scalar(select(func.count(Dossier.id)).where(*where))
    pagina = min(max(1, pagina), max(1, -(-totaal // per_pagina)))
    kolom = SORTEERBAAR.get(f.sorteer, Dossier.gewijzigd_op)
    order = (kolom.asc() if f.oplopend else kolom.desc(),
             Dossier.id.asc() if f.oplopend else Dossier.id.desc())
    ids = list(db.session.scalars(
        select(Dossier.id).join(Gemeente, Gemeente.id == Dossier.gemeente_id).where(*where)
        .order_by(*order).offset((pagina - 1) * per_pagina).limit(per_pagina)))
    audit.log(user, "caseload_bekeken", dossiers=ids,
              filter={"status": f.status, "zoek": zoek, "pagina": pagina})
    db.session.commit()
    # Loaded after the commit, which would expire them, with what the list shows.
    volgorde = {id_: i for i, id_ in enumerate(ids)}
    items = sorted(db.session.scalars(
        select(Dossier).where(Dossier.id.in_(ids))
        .options(selectinload(Dossier.gemeente), selectinload(Dossier.hulpverlener))
    ).all(), key=lambda d: volgorde[d.id])
    return Pagina(items, totaal, pagina, per_pagina)


def caseload_titel(user: Gebruiker, enkel_mijn: bool) -> str:
    """Whose list this is."""
    org = user.organisatie
    if user.rol == "hulpverlener" and enkel_mijn:
        return "Mijn caseload"
    if user.rol == "coordinator" and org.is_regionaal:
        return "Alle dossiers"
    return f"Caseload van {org.naam}"


def filterkeuzes(user: Gebruiker) -> dict:
    """The organisations and hulpverleners a coördinator can filter the caseload on."""
    if user.rol != "coordinator":
        return {}
    orgs = select(Organisatie).where(Organisatie.soort == "welzijnsorganisatie") \
        if user.organisatie.is_regionaal else \
        select(Organisatie).where(Organisatie.id == user.organisatie_id)
    organisaties = db.session.scalars(orgs.order_by(Organisatie.naam)).all()
    hulpverleners = db.session.scalars(select(Gebruiker).where(
        Gebruiker.rol == "hulpverlener",
        Gebruiker.organisatie_id.in_([o.id for o in organisaties])).order_by(Gebruiker.naam)
    ).all()
    return {"organisaties": organisaties if user.organisatie.is_regionaal else (),
            "hulpverleners": hulpverleners}


def bekijken(user: Gebruiker, dossier_id: int) -> Dossier:
    dossier = access.dossier_or_404(user, dossier_id)
    audit.log(user, "dossier_bekeken", dossier)
    db.session.commit()
    # Reloaded after the commit, which expired it, with the timeline in one query.
    return access.dossier_or_404(
        user, dossier_id, selectinload(Dossier.historiek).selectinload(DossierHistoriek.gebruiker))


def opnieuw_getoond(user: Gebruiker, dossier: Dossier) -> None:
    """A form that failed shows the dossier again: that is a view too (I-9.2)."""
    audit.log(user, "dossier_bekeken", dossier, na="formulier_fout")
    db.session.commit()


def _check_dossier_data(data: dict) -> dict:
    """Cross-field rules the form cannot see; returns the data normalised."""
    fouten: dict[str, str] = {}
    data = dict(data)
    try:
        data["rijksregisternummer"] = normalise(data["rijksregisternummer"])
    except ValueError as e:
        fouten["rijksregisternummer"] = str(e)
    if db.session.get(Gemeente, data["gemeente_id"]) is None:
        fouten["gemeente_id"] = "Kies een gemeente uit de lijst."
    wm = db.session.get(Organisatie, data["woonmaatschappij_id"])
    if wm is None or not wm.is_woonmaatschappij:
        fouten["woonmaatschappij_id"] = "Kies een woonmaatschappij uit de lijst."
    if (fout := huishouden_fout(data["huishouden"], data["aantal_kinderen"])) is not None:
        fouten["aantal_kinderen"] = fout[0].upper() + fout[1:] + "."
    if fouten:
        raise Ongeldig(fouten)
    return data


def aanmaken(user: Gebruiker, data: dict) -> Dossier:
    """A toeleiding: a hulpverlener refers a household for their own organisation; a
    woonmaatschappij refers for itself (R-3.1), for pijler 2 only (R-5.2: pijler 3 is referred
    by a welzijnsorganisatie)."""
    access.require(user, "dossier.aanmaken")
    data = dict(data)
    if user.organisatie.is_woonmaatschappij:
        data["woonmaatschappij_id"] = user.organisatie_id
        if data.get("pijler") == 3:
            raise Ongeldig({"pijler": "Pijler 3 wordt toegeleid door een welzijnsorganisatie "
                                      "met een samenwerkingsovereenkomst (R-5.2)."})
    data = _check_dossier_data(data)
    _check_dubbel(user.organisatie_id, data["rijksregisternummer"])
    dossier = Dossier(**data, organisatie_id=user.organisatie_id, hulpverlener_id=user.id,
                      status=WORKFLOW.initial)
    db.session.add(dossier)
    db.session.flush()
    dossier.nummer = f"D{clock.vandaag().year}-{dossier.id:05d}"
    _meld_dubbel_elders(dossier)
    db.session.add(DossierHistoriek(dossier_id=dossier.id, van=None, naar=dossier.status,
                                    trigger="toeleiding", gebruiker_id=user.id,
                                    reden="Dossier aangemaakt"))
    audit.log(user, "dossier_aangemaakt", dossier)
    db.session.commit()
    return dossier


def _open_dossiers_van(rijksregisternummer: str):
    return select(Dossier).where(Dossier.rijksregisternummer == rijksregisternummer,
                                 Dossier.status != "afgesloten")


def _check_dubbel(organisatie_id: int, rijksregisternummer: str,
                  behalve: int | None = None) -> None:
    """One open dossier per person within an organisation: the existing one is linked."""
    bestaand = db.session.scalars(_open_dossiers_van(rijksregisternummer).where(
        Dossier.organisatie_id == organisatie_id, Dossier.id != (behalve or 0))
        .limit(1)).first()
    if bestaand is not None:
        raise BestaandDossier({"rijksregisternummer": (
            f"Deze persoon heeft al een open dossier in uw organisatie: {bestaand.nummer}. "
            "Werk in dat dossier verder.")}, bestaand.id, bestaand.nummer)


def _meld_dubbel_elders(dossier: Dossier) -> None:
    """Two organisations may both help one person; the regional coördinatoren hear of it so
    they can agree who leads. The hulpverlener is told nothing of the other dossier (R-9.1)."""
    from caseflow.services import inbox

    elders = db.session.scalars(_open_dossiers_van(dossier.rijksregisternummer).where(
        Dossier.organisatie_id != dossier.organisatie_id)).all()
    if not elders:
        return
    andere = ", ".join(f"{d.nummer} ({d.organisatie.naam})" for d in elders)
    regionaal = db.session.scalars(
        select(Gebruiker.id).join(Organisatie, Organisatie.id == Gebruiker.organisatie_id)
        .where(Gebruiker.rol == "coordinator", Gebruiker.actief,
               Organisatie.soort == "regionaal"))
    inbox.meld(regionaal, "dubbel_dossier", dossier,
               f"Dossier {dossier.nummer} ({dossier.organisatie.naam}) gaat over dezelfde "
               f"persoon als {andere}: spreek af wie het voortouw neemt.",
               f"/dossiers/{dossier.id}")


def _gewijzigd(dossier: Dossier) -> str:
    return f"Dossier {dossier.nummer} werd intussen door iemand anders gewijzigd."


def check_version(dossier: Dossier, version_id: int | None, terug_url: str,
                   ingevuld: dict | None = None) -> None:
    locking.check_version(dossier, version_id, _gewijzigd(dossier), terug_url, ingevuld)


def laad(user: Gebruiker, dossier_id: int, actie: str, version_id: int | None,
         terug_url: str, ingevuld: dict | None = None) -> Dossier:
    """The dossier for a change: in the user's scope (else 404), the action allowed (else 403),
    and not changed since the form was loaded (else Conflict)."""
    dossier = access.dossier_or_404(user, dossier_id)
    access.require(user, actie, dossier)
    check_version(dossier, version_id, terug_url, ingevuld)
    return dossier


def commit(dossier: Dossier, terug_url: str, ingevuld: dict | None = None) -> None:
    locking.commit(_gewijzigd(dossier), terug_url, ingevuld)


def bewerken(user: Gebruiker, dossier_id: int, version_id: int | None, data: dict,
             terug_url: str, ingevuld: dict | None = None) -> Dossier:
    dossier = access.dossier_or_404(user, dossier_id)
    access.require(user, "dossier.bewerken", dossier)
    if dossier.status == "afgesloten":
        raise Forbidden()
    check_version(dossier, version_id, terug_url, ingevuld)
    data = _check_dossier_data(data)
    _check_dubbel(dossier.organisatie_id, data["rijksregisternummer"], behalve=dossier.id)
    if user.organisatie.is_woonmaatschappij:
        data["woonmaatschappij_id"] = dossier.woonmaatschappij_id
    gewijzigd = sorted(v for v in DOSSIER_VELDEN if not _gelijk(getattr(dossier, v), data[v]))
    if not gewijzigd:
        return dossier
    terug = _eerdere_stappen(dossier, data)
    van = dossier.status
    for veld in gewijzigd:
        setattr(dossier, veld, data[veld])
    db.session.add(DossierHistoriek(
        dossier_id=dossier.id, van=van, naar=van, trigger="gegevens_gewijzigd",
        gebruiker_id=user.id, reden="Gegevens gewijzigd: " + ", ".join(
            VELD_LABELS.get(v, v) for v in gewijzigd)))
    audit.log(user, "dossier_gewijzigd", dossier, velden=gewijzigd)
    if terug is not None:
        db.session.flush()
        fire(user, dossier, terug[0], clock.vandaag(), vermelding=terug[1])
    commit(dossier, terug_url, ingevuld)
    return dossier


# How the timeline names a changed field (its values stay out: they may be sensitive).
VELD_LABELS = {
    "voornaam": "voornaam", "achternaam": "achternaam", "geboortedatum": "geboortedatum",
    "rijksregisternummer": "rijksregisternummer", "telefoon": "telefoon", "email": "e-mail",
    "adres": "adres", "huishouden": "huishouden", "aantal_kinderen": "kinderen ten laste",
    "gemeente_id": "gemeente", "cir_inschrijvingsdatum": "CIR-inschrijvingsdatum",
    "cir_nummer": "CIR-nummer", "woonnood": "woonnood", "inkomen": "inkomen",
    "pijler": "pijler", "woonmaatschappij_id": "woonmaatschappij",
}


def _gelijk(oud, nieuw) -> bool:
    if isinstance(oud, Decimal) or isinstance(nieuw, Decimal):
        return oud is not None and nieuw is not None and Decimal(oud) == Decimal(nieuw)
    return oud == nieuw


def _eerdere_stappen(dossier: Dossier, data: dict) -> tuple[str, str] | None:
    """R-1.3, R-5.2: an edit that feeds a step already taken is refused, or sends the dossier
    back to that step; returns (trigger, reason) for the way back. Income, household and
    gemeente need neither: the score and lokale binding are computed when they are used."""
    fouten = {}
    nieuwe_wm = data["woonmaatschappij_id"]
    if nieuwe_wm != dossier.woonmaatschappij_id:
        fouten.update(_woonmaatschappij_fout(dossier, nieuwe_wm))
    if fouten:
        raise Ongeldig(fouten)
    if data["pijler"] == dossier.pijler or dossier.status == "toeleiding":
        return None
    if dossier.status != "attest":
        raise Ongeldig({"pijler": "De pijler kan niet meer wijzigen nadat het attest werd "
                        "uitgereikt: pijler 3 vraagt een eigen toeleiding met haar controles "
                        "(R-5.2). Sluit dit dossier af en leid opnieuw toe."})
    return ("terug_naar_toeleiding", f"Pijler gewijzigd naar pijler {data['pijler']}: terug "
            "naar de toeleiding, die voor deze pijler opnieuw moet kloppen (R-5.2, R-1.3).")


def _woonmaatschappij_fout(dossier: Dossier, nieuwe_wm: int) -> dict[str, str]:
    from caseflow.services.attesten import mag_uitreiken

    if dossier.toewijzing is not None:  # the woonmaatschappij that housed the tenant
        return {"woonmaatschappij_id": "Na de toewijzing blijft de woonmaatschappij die de "
                                       "woning toewees: dit veld kan niet meer wijzigen."}
    if dossier.status not in ("attest", "kandidaat"):
        return {}
    attest = geldend_attest(dossier.id)
    if attest is not None and attest.status == "bevestigd":
        return {"woonmaatschappij_id": "De woonmaatschappij bevestigde het attest al (R-3.3): "
                                       "een andere woonmaatschappij kan niet meer."}
    if not mag_uitreiken(dossier.organisatie, nieuwe_wm, clock.vandaag()):
        naam = db.session.get(Organisatie, nieuwe_wm).naam
        return {"woonmaatschappij_id": f"{dossier.organisatie.naam} heeft geen geldige "
                f"samenwerkingsovereenkomst met {naam}: het attest en de toeleiding gelden "
                "daar niet (R-1.3, R-3.1)."}
    return {}


def feiten(dossier: Dossier, vandaag: date | None = None) -> DossierFeiten:
    attest = geldend_attest(dossier.id)
    gesloten_vanuit = None
    if dossier.status == "afgesloten":
        gesloten_vanuit = db.session.scalar(
            select(DossierHistoriek.van).where(
                DossierHistoriek.dossier_id == dossier.id, DossierHistoriek.naar == "afgesloten"
            ).order_by(DossierHistoriek.id.desc()).limit(1)
        )
    licht = knipperlicht(dossier.id)
    verslag = sociaal_verslag(dossier.id)
    return DossierFeiten(
        vandaag=vandaag or clock.vandaag(),
        knipperlicht=licht is not None and licht.overleg_op is not None,
        knipperlicht_zonder_overleg=licht is not None and licht.overleg_op is None,
        bijzondere_omstandigheden=dossier.woonnood == "bijzondere_omstandigheden",
        sociaal_verslag_goedgekeurd=verslag is not None and verslag.status == "goedgekeurd",
        cir_ingeschreven=bool(dossier.cir_inschrijvingsdatum and dossier.cir_nummer),
        pijler3_toeleiding_ontbreekt=dossier.pijler == 3
        and pijler3_toeleiding(dossier.id) is None,
        attest_status=attest.status if attest else None,
        attest_geldig_tot=attest.geldig_tot if attest else None,
        begeleidingsovereenkomst_actief=(bo := lopende_overeenkomst(dossier.id)) is not None
        and bo.status in ("actief", "evaluatie"),
        engagement_einde=dossier.toewijzing.engagement_einde if dossier.toewijzing else None,
        gesloten_vanuit=gesloten_vanuit,
        pijler=dossier.pijler,
        voorstel_aanvaard=dossier.status == "kandidaat" and _voorstel_aanvaard(dossier.id),
        zonder_bo_akkoord=dossier.zonder_bo_akkoord,
        verplicht_signaal_open=dossier.toewijzing is not None
        and _verplicht_signaal_open(dossier.id),
    )


def _voorstel_aanvaard(dossier_id: int) -> bool:
    """R-4.8: the candidate accepted the proposal of a vacancy that is still open."""
    from caseflow.models import Voorstel, Woning

    return db.session.scalar(select(Voorstel.id).join(Woning, Woning.id == Voorstel.woning_id)
                             .where(Voorstel.dossier_id == dossier_id,
                                    Voorstel.status == "aanvaard", Woning.status == "open")
                             .limit(1)) is not None


def _verplicht_signaal_open(dossier_id: int) -> bool:
    """I-7.4a: a request for aanklampende begeleiding that still obliges."""
    from caseflow.models import Signaal
    from caseflow.rules.signaal import VERPLICHTEND_OPEN

    return db.session.scalar(select(Signaal.id).where(
        Signaal.dossier_id == dossier_id, Signaal.verplicht,
        Signaal.status.in_(VERPLICHTEND_OPEN)).limit(1)) is not None


def acties(user: Gebruiker, dossier: Dossier) -> list[Actie]:
    """The workflow actions this user may take on this dossier, with reasons when blocked."""
    f = feiten(dossier)
    result = []
    for actie in WORKFLOW.acties(dossier.status, f=f):
        if not access.may(user, actie.trigger, dossier):
            continue
        if actie.trigger in MAAKT_EIGEN_VOORWAARDE:
            # The action itself creates what its guard asks for; checked when it is performed.
            actie = Actie(actie.trigger, actie.label, True, ())
        elif actie.trigger == ZONDER_OVEREENKOMST:
            actie = _zonder_overeenkomst_actie(user, dossier, f)
        result.append(actie)
    return result


ZONDER_OVEREENKOMST = "zonder_begeleiding_opvolgen"


def _zonder_overeenkomst_actie(user: Gebruiker, dossier: Dossier, f: DossierFeiten) -> Actie:
    """R-6.2: pressing the button is this party's agreement; the other party's completes it."""
    from dataclasses import replace

    redenen = WORKFLOW.waarom_niet(dossier.status, ZONDER_OVEREENKOMST,
                                   f=replace(f, zonder_bo_akkoord="beide"))
    label = WORKFLOW.labels[ZONDER_OVEREENKOMST]
    if dossier.pijler == 3 and not redenen:
        from caseflow.services.begeleiding import partij

        if dossier.zonder_bo_akkoord == partij(user, dossier):
            redenen = ["U ging al akkoord; de andere partij moet nog akkoord gaan (R-6.2)."]
        elif dossier.zonder_bo_akkoord is None:
            label = f"{label}: akkoord voorstellen (R-6.2)"
        else:
            label = f"{label}: akkoord bevestigen (R-6.2)"
    return Actie(ZONDER_OVEREENKOMST, label, not redenen, tuple(redenen))


def akkoord_zonder_overeenkomst(user: Gebruiker, dossier: Dossier, datum: date) -> bool:
    """R-6.2: for pijler 3 both parties agree to follow up without a begeleidingsovereenkomst.
    The first agreement is recorded on the timeline and waits for the other party; returns
    True when the step may go ahead (pijler 2, or the second party agreeing now)."""
    from dataclasses import replace

    from caseflow.services.begeleiding import partij

    if dossier.pijler != 3 or dossier.organisatie_id == dossier.woonmaatschappij_id:
        dossier.zonder_bo_akkoord = "beide" if dossier.pijler == 3 else None
        return True
    redenen = WORKFLOW.waarom_niet(dossier.status, ZONDER_OVEREENKOMST, f=replace(
        feiten(dossier, datum), zonder_bo_akkoord="beide"))
    wie = partij(user, dossier)
    if redenen or wie is None:
        raise TransitieGeweigerd(redenen or ["Enkel de welzijnsorganisatie en de "
                                             "woonmaatschappij van dit dossier beslissen dit "
                                             "(R-6.2)."])
    if dossier.zonder_bo_akkoord not in (None, wie):
        dossier.zonder_bo_akkoord = "beide"
        return True
    andere = dossier.woonmaatschappij if wie == "welzijn" else dossier.organisatie
    dossier.zonder_bo_akkoord = wie
    db.session.add(DossierHistoriek(
        dossier_id=dossier.id, van=dossier.status, naar=dossier.status,
        trigger="akkoord_zonder_overeenkomst", gebruiker_id=user.id,
        reden=f"{user.organisatie.naam} gaat akkoord om op te volgen zonder "
              f"begeleidingsovereenkomst; wacht op het akkoord van {andere.naam} (R-6.2)."))
    audit.log(user, "akkoord_zonder_overeenkomst", dossier)
    from caseflow.services.begeleiding import meld_andere_partij

    meld_andere_partij(dossier, wie, dossier, "op te volgen zonder begeleidingsovereenkomst")
    return False


def _prepare_toewijzen(user, dossier, datum, gegevens=None, **_):
    """Record where and how the dwelling was allocated; pijler 3 within its quota (R-5.3)."""
    from caseflow.services import toewijzingen

    toewijzingen.registreer(user, dossier, datum, gegevens or {})


def _prepare_afsluiten(user, dossier, reden, datum, gegevens=None, **_):
    dossier.afsluitreden = reden
    if dossier.toewijzing is not None and gegevens:
        t = dossier.toewijzing
        for jaren, veld in ((1, "woonbehoud_1_jaar"), (2, "woonbehoud_2_jaar")):
            waarde = gegevens.get(veld)
            if waarde is not None and datum < t.datum + relativedelta(years=jaren):
                raise Ongeldig({veld: f"Woonbehoud na {jaren} jaar is pas gekend vanaf "
                                      f"{t.datum + relativedelta(years=jaren):%d/%m/%Y}."})
            setattr(t, veld, waarde)


def _prepare_heropenen(user, dossier, **_):
    dossier.afsluitreden = None


VOORBEREIDING = {
    "toewijzen": _prepare_toewijzen,
    "afsluiten": _prepare_afsluiten,
    "heropenen": _prepare_heropenen,
}


# Actions whose form supplies what their guard checks (the attest, the agreement, the reason).
MAAKT_EIGEN_VOORWAARDE = {"attest_uitreiken", "afsluiten"}


def fire(user: Gebruiker | None, dossier: Dossier, trigger: str, datum: date, *,
         reden: str | None = None, toelichting: str | None = None,
         gegevens: dict | None = None, vermelding: str | None = None) -> None:
    """Prepare, fire and record one transition in the caller's transaction (no commit).
    `user` is None when Caseflow itself acts (the scheduler closing an ended engagement).
    `toelichting` is what a person typed (shown under the consent rule, R-9.1); `vermelding`
    is Caseflow's own note on the step (the dwelling, the automatic closing)."""
    van = dossier.status
    if trigger not in MAAKT_EIGEN_VOORWAARDE:
        # Say why the step is impossible before asking about the data it would record.
        redenen = WORKFLOW.waarom_niet(van, trigger, f=feiten(dossier, vandaag=datum),
                                       reden=reden)
        if redenen:
            raise TransitieGeweigerd(redenen)
    if trigger in VOORBEREIDING:
        VOORBEREIDING[trigger](user, dossier, datum=datum, reden=reden, gegevens=gegevens)
        db.session.flush()
    WORKFLOW.fire(dossier, trigger, f=feiten(dossier, vandaag=datum), reden=reden)
    db.session.add(DossierHistoriek(
        dossier_id=dossier.id, van=van, naar=dossier.status, trigger=trigger,
        gebruiker_id=user.id if user else None,
        reden=_historiek_reden(reden, datum, trigger, vermelding), toelichting=toelichting,
    ))
    audit.log(user, "dossier_transitie", dossier, trigger=trigger, van=van, naar=dossier.status)


def geweigerd(user: Gebruiker, dossier: Dossier, actie: str, fout: Exception) -> None:
    """Roll back whatever the refused action did, and record the refusal itself."""
    db.session.rollback()
    audit.log(user, "actie_geweigerd", dossier, handeling=actie, reden=str(fout))
    db.session.commit()


def transitie(user: Gebruiker, dossier_id: int, trigger: str, version_id: int | None, *,
              datum: date | None = None, reden: str | None = None,
              toelichting: str | None = None, gegevens: dict | None = None,
              terug_url: str = "/") -> Dossier:
    """Perform a workflow action; on refusal nothing is saved and the reasons are raised."""
    dossier = laad(user, dossier_id, trigger, version_id, terug_url)
    try:
        datum = check_datum(datum)
        if trigger == ZONDER_OVEREENKOMST and \
                not akkoord_zonder_overeenkomst(user, dossier, datum):
            commit(dossier, terug_url)
            return dossier
        fire(user, dossier, trigger, datum, reden=reden, toelichting=toelichting,
             gegevens=gegevens)
    except (TransitieGeweigerd, Ongeldig) as e:
        geweigerd(user, dossier, trigger, e)
        raise
    commit(dossier, terug_url)
    return dossier


def _historiek_reden(reden, datum, trigger, vermelding) -> str | None:
    from caseflow.rules.dossier import AFSLUITREDENEN

    delen = []
    if reden:
        delen.append(AFSLUITREDENEN.get(reden, reden))
    if trigger in VOORBEREIDING and trigger not in {"afsluiten", "heropenen"}:
        delen.append(f"datum {datum:%d/%m/%Y}")
    if vermelding:
        delen.append(vermelding)
    return "; ".join(delen) or None


def check_datum(datum: date | None) -> date:
    """Actions record what happened: on a given day, never in the future."""
    vandaag = clock.vandaag()
    if datum is None:
        return vandaag
    if datum > vandaag:
        raise Ongeldig({"datum": "De datum mag niet in de toekomst liggen."})
    return datum
