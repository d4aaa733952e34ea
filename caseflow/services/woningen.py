"""A vrijgekomen woning: rank the candidates for it, propose the first, record the answer;
an acceptance confirms the attest and records the toewijzing."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from caseflow import access, clock
from caseflow.errors import NietGevonden, Ongeldig, oordeel
from caseflow.extensions import db
from caseflow.models import Dossier, Gebruiker, Gemeente, Voorstel, Woning
from caseflow.rules import datums
from caseflow.services import attesten, audit, locking, ranking, stappen, wijziging
from caseflow.services.paginering import PER_PAGINA, Pagina
from workflows.base import TransitieGeweigerd


def lijst(user: Gebruiker) -> list[Woning]:
    scope = access.woonmaatschappijen_in_scope(user)
    stmt = select(Woning).order_by(Woning.status, Woning.beschikbaar_vanaf.desc())
    if scope is not None:
        stmt = stmt.where(Woning.woonmaatschappij_id.in_(scope))
    return list(db.session.scalars(stmt))


def registreren(user: Gebruiker, data: dict, bevestigd: bool = False) -> Woning:
    access.require(user, "woning.beheren")
    oordeel("beschikbaar_vanaf",
            *datums.beschikbaar_vanaf(data["beschikbaar_vanaf"], clock.vandaag()), bevestigd)
    gemeente = db.session.get(Gemeente, data["gemeente_id"])
    if gemeente is None or gemeente.woonmaatschappij is None or \
            gemeente.woonmaatschappij.id != user.organisatie_id:
        raise Ongeldig({"gemeente_id": "Kies een gemeente in het werkingsgebied van "
                                       f"{user.organisatie.naam} (R-1.4)."})
    woning = Woning(**data, woonmaatschappij_id=user.organisatie_id, status="open",
                    aangemaakt_door_id=user.id)
    db.session.add(woning)
    db.session.flush()
    audit.log(user, "woning_geregistreerd", woning=woning.id)
    db.session.commit()
    return woning


def _uitgesloten(woning: Woning) -> set[int]:
    """Dossiers refused for this woning, and dossiers with an open proposal anywhere."""
    geweigerd = {v.dossier_id for v in woning.voorstellen if v.status == "geweigerd"}
    open_ = set(db.session.scalars(select(Voorstel.dossier_id).where(
        Voorstel.status == "voorgesteld")))
    return geweigerd | open_


def kandidaten(woning: Woning, pagina: int = 1, per_pagina: int = PER_PAGINA
               ) -> Pagina[ranking.Plaats]:
    """A page of the candidates for this dwelling in rank order: begeleiding points depend on
    its gemeente (I-4.4)."""
    return ranking.pagina_van(woning.woonmaatschappij_id, clock.vandaag(), pagina,
                              woning.gemeente.naam, _uitgesloten(woning), per_pagina)


def kandidaten_bekeken(user: Gebruiker, woning: Woning,
                       pagina: int = 1) -> Pagina[ranking.Plaats]:
    """A page of the candidates for a woning, audited (I-9.2) with one insert."""
    if woning.status != "open":
        return Pagina([], 0)
    plaatsen = kandidaten(woning, pagina)
    audit.log(user, "woning_kandidaten_bekeken", woning=woning.id,
              dossiers=[p.dossier.id for p in plaatsen if p.rang], pagina=plaatsen.pagina)
    audit.vastleggen()
    return plaatsen


def voorstel(user: Gebruiker, voorstel_id: int) -> Voorstel:
    """A proposal of a woning in the user's scope; NietGevonden otherwise."""
    gevonden = db.session.get(Voorstel, voorstel_id)
    if gevonden is None:
        raise NietGevonden()
    access.woning_in_scope(user, gevonden.woning_id)
    return gevonden


def open_voorstel(woning: Woning) -> Voorstel | None:
    return next((v for v in woning.voorstellen if v.status == "voorgesteld"), None)


def _check_open(woning: Woning, version_id: int | None) -> None:
    locking.check_version(woning, version_id, "Deze woning werd intussen door iemand anders "
                          "gewijzigd.")
    if woning.status != "open":
        raise TransitieGeweigerd(["Deze woning is niet meer open."])


def voorstellen(user: Gebruiker, woning_id: int, dossier_id: int,
                version_id: int | None) -> Voorstel:
    """Propose the first-ranked candidate; the score it was ranked on is kept (R-4.9)."""
    woning = access.woning_in_scope(user, woning_id)
    access.require(user, "woning.beheren")
    _check_open(woning, version_id)
    if open_voorstel(woning):
        raise TransitieGeweigerd(["Er loopt al een voorstel voor deze woning."])
    plaatsen = [p for p in kandidaten(woning, per_pagina=1) if p.rang is not None]
    if not plaatsen or plaatsen[0].dossier.id != dossier_id:
        raise TransitieGeweigerd(["Enkel de eerste kandidaat op de ranglijst kan worden "
                                  "voorgesteld (R-4.6)."])
    eerste = plaatsen[0]
    limieten = ranking.config.limieten(clock.vandaag())
    s = eerste.score
    voorstel = Voorstel(
        woning_id=woning.id, dossier_id=dossier_id, rang=eerste.rang,
        punten_woonnood=s.woonnood, punten_inkomen=s.inkomen, punten_begeleiding=s.begeleiding,
        punten_kinderlast=s.kinderlast, totaal=s.totaal, peildatum=limieten.peildatum,
        versie=limieten.versie, status="voorgesteld", voorgesteld_door_id=user.id)
    db.session.add(voorstel)
    db.session.flush()
    audit.log(user, "voorgesteld_voor_woning", eerste.dossier, woning=woning.id,
              totaal=s.totaal, rang=eerste.rang)
    _bump(woning)
    locking.commit("Deze woning werd intussen door iemand anders gewijzigd.")
    return voorstel


def _bump(woning: Woning) -> None:
    """Force an UPDATE of the woning so its version moves with its proposals: two people
    deciding on the same woning at once cannot both win (optimistic locking)."""
    flag_modified(woning, "status")


def _beslis(user: Gebruiker, voorstel_id: int, version_id: int | None
            ) -> tuple[Voorstel, Woning]:
    voorstel = db.session.get(Voorstel, voorstel_id)
    if voorstel is None:
        raise NietGevonden()
    woning = access.woning_in_scope(user, voorstel.woning_id)
    access.require(user, "woning.beheren")
    _check_open(woning, version_id)
    if voorstel.status != "voorgesteld":
        raise TransitieGeweigerd(["Over dit voorstel werd al beslist."])
    return voorstel, woning


def aanvaarden(user: Gebruiker, voorstel_id: int, version_id: int | None,
               datum: date | None = None) -> Voorstel:
    """The candidate accepts (today, or on the day given): confirm the attest if that did not
    happen yet (R-3.3) and record the toewijzing, together. The accepted proposal is what lets
    a pijler 2 toewijzing through (R-4.8)."""
    voorstel, woning = _beslis(user, voorstel_id, version_id)
    dossier = db.session.get(Dossier, voorstel.dossier_id)
    try:
        vandaag = wijziging.check_datum(datum)
        voorstel.status, voorstel.beslist_op = "aanvaard", clock.nu()
        db.session.flush()
        attest = attesten.geldend_attest(dossier.id)
        if attest is None or attest.status != "bevestigd":
            attesten.bevestig(user, dossier, vandaag)
        stappen.fire(user, dossier, "toewijzen", vandaag,
                      vermelding=f"Woning {woning.adres}, {woning.gemeente.naam}",
                      gegevens={"gemeente_id": woning.gemeente_id, "adres": woning.adres,
                                "woning_id": woning.id})
    except (TransitieGeweigerd, Ongeldig) as e:
        wijziging.weiger(user, dossier, "voorstel_aanvaarden", e)
        raise
    woning.status = "toegewezen"
    audit.log(user, "voorstel_aanvaard", dossier, woning=woning.id)
    locking.commit("Deze woning werd intussen door iemand anders gewijzigd.")
    return voorstel


def weigeren(user: Gebruiker, voorstel_id: int, version_id: int | None, reden: str) -> Voorstel:
    """The candidate (or the woonmaatschappij) refuses, with a reason; the next one follows."""
    voorstel, woning = _beslis(user, voorstel_id, version_id)
    voorstel.status, voorstel.reden, voorstel.beslist_op = "geweigerd", reden, clock.nu()
    audit.log(user, "voorstel_geweigerd", voorstel.dossier, woning=woning.id, reden=reden)
    _bump(woning)
    locking.commit("Deze woning werd intussen door iemand anders gewijzigd.")
    return voorstel
