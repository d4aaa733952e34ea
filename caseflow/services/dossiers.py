"""Dossier operations: the caseload, the toeleiding, viewing and editing a dossier. Its
workflow steps are in `stappen`."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from caseflow import access, clock
from caseflow.errors import BestaandDossier, NietToegestaan, Ongeldig
from caseflow.extensions import db
from caseflow.models import Dossier, DossierHistoriek, Gebruiker, Gemeente, Organisatie
from caseflow.models.attest import geldend_attest
from caseflow.models.dossier import Weergave, naam_bevat
from caseflow.rules.rijksregister import als_zoekterm, normalise
from caseflow.rules.wegingskader import huishouden_fout
from caseflow.rules.zoeken import normaliseer
from caseflow.services import audit, inbox, paginering, stappen, wijziging
from caseflow.services.paginering import Pagina, begrens, eerste_per_deel, tel_tot
from workflows.dossier import WORKFLOW

# Fields of the toeleiding form that a hulpverlener can edit later.
DOSSIER_VELDEN = (
    "voornaam", "achternaam", "geboortedatum", "rijksregisternummer", "telefoon", "email",
    "adres", "huishouden", "aantal_kinderen", "gemeente_id", "cir_inschrijvingsdatum",
    "cir_nummer", "woonnood", "inkomen", "pijler", "woonmaatschappij_id",
)


@dataclass(frozen=True)
class Filter:
    """What the caseload shows: 'open' (the default) is every stage but afgesloten."""

    status: str | None = "open"
    pijler: int | None = None
    gemeente_id: int | None = None
    woonmaatschappij_id: int | None = None
    organisatie_id: int | None = None
    hulpverlener: str | None = None  # a part of the name
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
                          (Dossier.organisatie_id, f.organisatie_id)):
        if waarde:
            where.append(kolom == waarde)
    if f.hulpverlener:
        where.append(van_hulpverlener(f.hulpverlener))
    return where


def van_hulpverlener(naam: str):
    """The dossiers of the hulpverleners whose name contains `naam` (any case): a coördinator
    types a name rather than scrolling a list of hundreds of colleagues."""
    return Dossier.hulpverlener_id.in_(select(Gebruiker.id).where(
        Gebruiker.rol == "hulpverlener",
        func.lower(Gebruiker.naam).contains(naam.strip().lower(), autoescape=True)))


_NUMMER = re.compile(r"^[A-Za-z]\d[\d-]*$")


def _zoekvoorwaarde(zoek: str):
    """A rijksregisternummer or a dossier number is looked up in its index (the number by its
    beginning: D2026-0001 finds D2026-00012); digits search the numbers, anything else the
    names."""
    if (rrn := als_zoekterm(zoek)) is not None:
        return Dossier.rijksregisternummer == rrn
    zoek = zoek.strip()
    if _NUMMER.match(zoek):
        # The numbers first, as a set of ids: SQLite's statistics are averages (661 dossiers
        # an organisation), so beside a scope it would walk the 80 000 of a large one.
        begin = zoek.upper()
        return Dossier.id.in_(select(Dossier.id).where(
            Dossier.nummer >= begin, Dossier.nummer < begin + "\uffff"))
    if zoek.isdigit():  # a part of a dossier number: 12 finds D2026-00012
        return Dossier.nummer.contains(zoek)
    return naam_bevat(normaliseer(zoek))


@dataclass(frozen=True, slots=True)
class CaseloadRij(Weergave):
    """A caseload row: what the list shows of a dossier, read in the page's one statement."""

    KOLOMMEN: ClassVar = (Dossier.id, Dossier.nummer, Dossier.voornaam, Dossier.achternaam,
                          Dossier.status, Dossier.pijler, Gemeente.naam, Gebruiker.naam,
                          Dossier.gewijzigd_op)
    id: int
    nummer: str
    voornaam: str
    achternaam: str
    status: str
    pijler: int
    gemeente: str
    hulpverlener: str
    gewijzigd_op: datetime


# The caseload's count walks each part of a woonmaatschappij's scope along its index in this
# order (PostgreSQL hashed every toewijzing to test the parts' OR on 1 001 dossiers; without an
# order it read the table itself).
LAATST_GEWIJZIGD = (Dossier.gewijzigd_op.desc(), Dossier.id.desc())


def caseload(user: Gebruiker, *, status: str | None = None, zoek: str | None = None,
             enkel_mijn: bool = False, pagina: int = 1, per_pagina: int = 25,
             filter: Filter | None = None) -> Pagina:
    access.require(user, "caseload")
    f = filter or Filter(status=status)
    delen, voorwaarden = access.dossier_scope_delen(user), _filter_voorwaarden(f)
    if enkel_mijn and user.rol == "hulpverlener":
        voorwaarden.append(Dossier.hulpverlener_id == user.id)
    if zoek:
        voorwaarden.append(_zoekvoorwaarde(zoek))
    where = [or_(*delen), *voorwaarden]
    ids = select(Dossier.id).where(*voorwaarden)
    totaal, meer = tel_tot(select(Dossier.id).where(*where) if len(delen) == 1 else
                           eerste_per_deel(ids, delen, LAATST_GEWIJZIGD,
                                           paginering.TELLEN_TOT + 1))
    pagina = begrens(pagina, totaal, per_pagina)
    kolom = SORTEERBAAR.get(f.sorteer, Dossier.gewijzigd_op)
    order = (kolom.asc() if f.oplopend else kolom.desc(),
             Dossier.id.asc() if f.oplopend else Dossier.id.desc())
    if len(delen) > 1 and kolom is Dossier.gewijzigd_op and not zoek:
        where = [Dossier.id.in_(eerste_per_deel(ids, delen, order, pagina * per_pagina))]
    rijen = [CaseloadRij(*r) for r in db.session.execute(
        select(*CaseloadRij.KOLOMMEN).join(Gemeente, Gemeente.id == Dossier.gemeente_id)
        .join(Gebruiker, Gebruiker.id == Dossier.hulpverlener_id).where(*where)
        .order_by(*order).offset((pagina - 1) * per_pagina).limit(per_pagina))]
    audit.log(user, "caseload_bekeken", dossiers=[r.id for r in rijen],
              filter={"status": f.status, "zoek": zoek, "pagina": pagina})
    audit.vastleggen()
    return Pagina(rijen, totaal, pagina, per_pagina, meer)


def caseload_titel(user: Gebruiker, enkel_mijn: bool) -> str:
    """Whose list this is."""
    org = user.organisatie
    if user.rol == "hulpverlener" and enkel_mijn:
        return "Mijn caseload"
    if user.rol == "coordinator" and org.is_regionaal:
        return "Alle dossiers"
    return f"Caseload van {org.naam}"


def filterkeuzes(user: Gebruiker) -> dict:
    """The organisations a regional coördinator can filter the caseload on (hulpverleners are
    found by name: a large organisation has hundreds)."""
    if user.rol != "coordinator" or not user.organisatie.is_regionaal:
        return {}
    return {"organisaties": db.session.scalars(
        select(Organisatie).where(Organisatie.soort == "welzijnsorganisatie")
        .order_by(Organisatie.naam)).all()}


# What the dossier page shows of the dossier itself, loaded with it (R-9.1: the page is one
# read; its timeline in one more query, whatever its length).
PAGINA = (joinedload(Dossier.toewijzing), joinedload(Dossier.gemeente).joinedload(Gemeente.zone),
          joinedload(Dossier.organisatie), joinedload(Dossier.woonmaatschappij),
          joinedload(Dossier.hulpverlener),
          joinedload(Dossier.historiek).joinedload(DossierHistoriek.gebruiker))


def bekijken(user: Gebruiker, dossier_id: int) -> Dossier:
    dossier = access.dossier_in_scope(user, dossier_id, *PAGINA)
    audit.log(user, "dossier_bekeken", dossier)
    audit.vastleggen()
    return dossier


def opnieuw_getoond(user: Gebruiker, dossier: Dossier) -> None:
    """A form that failed shows the dossier again: that is a view too (I-9.2)."""
    audit.log(user, "dossier_bekeken", dossier, na="formulier_fout")
    audit.vastleggen()


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


def bewerken(user: Gebruiker, dossier_id: int, version_id: int | None, data: dict,
             ingevuld: dict | None = None) -> Dossier:
    with wijziging.wijzig(user, dossier_id, "dossier.bewerken", version_id,
                          "dossier_gewijzigd", ingevuld=ingevuld) as w:
        dossier = w.dossier
        if dossier.status == "afgesloten":
            raise NietToegestaan()
        data = _check_dossier_data(data)
        _check_dubbel(dossier.organisatie_id, data["rijksregisternummer"], behalve=dossier.id)
        if user.organisatie.is_woonmaatschappij:
            data["woonmaatschappij_id"] = dossier.woonmaatschappij_id
        gewijzigd = sorted(v for v in DOSSIER_VELDEN if not _gelijk(getattr(dossier, v), data[v]))
        w.gewijzigd, w.details["velden"] = bool(gewijzigd), gewijzigd
        if gewijzigd:
            _wijzig_velden(user, dossier, data, gewijzigd)
    return dossier


def _wijzig_velden(user: Gebruiker, dossier: Dossier, data: dict, velden: list[str]) -> None:
    """Apply the changed fields, note them on the timeline, and take the dossier back to an
    earlier step where the change asks for it (R-1.3, R-5.2)."""
    terug = _eerdere_stappen(dossier, data)
    van = dossier.status
    for veld in velden:
        setattr(dossier, veld, data[veld])
    db.session.add(DossierHistoriek(
        dossier_id=dossier.id, van=van, naar=van, trigger="gegevens_gewijzigd",
        gebruiker_id=user.id, reden="Gegevens gewijzigd: " + ", ".join(
            VELD_LABELS.get(v, v) for v in velden)))
    if terug is not None:
        db.session.flush()
        stappen.fire(user, dossier, terug[0], clock.vandaag(), vermelding=terug[1])


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
    if dossier.toewijzing is not None:  # the woonmaatschappij that housed the tenant
        return {"woonmaatschappij_id": "Na de toewijzing blijft de woonmaatschappij die de "
                                       "woning toewees: dit veld kan niet meer wijzigen."}
    if dossier.status not in ("attest", "kandidaat"):
        return {}
    attest = geldend_attest(dossier.id)
    if attest is not None and attest.status == "bevestigd":
        return {"woonmaatschappij_id": "De woonmaatschappij bevestigde het attest al (R-3.3): "
                                       "een andere woonmaatschappij kan niet meer."}
    if not access.mag_uitreiken(dossier.organisatie, nieuwe_wm, clock.vandaag()):
        naam = db.session.get(Organisatie, nieuwe_wm).naam
        return {"woonmaatschappij_id": f"{dossier.organisatie.naam} heeft geen geldige "
                f"samenwerkingsovereenkomst met {naam}: het attest en de toeleiding gelden "
                "daar niet (R-1.3, R-3.1)."}
    return {}
