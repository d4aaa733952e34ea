"""The toewijzing record and the pijler 3 quota (R-5.3, R-6.3)."""
from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from sqlalchemy import and_, case, func, or_, select, true

from caseflow import access
from caseflow.errors import Ongeldig
from caseflow.extensions import db
from caseflow.models import Dossier, Gebruiker, Gemeente, Quotum, Toewijzing, Zone
from caseflow.models.attest import geldend_attest
from caseflow.models.pijler3 import pijler3_toeleiding
from caseflow.rules.pijler3 import quotum_vrij
from caseflow.rules.regio import DOELGROEPEN
from caseflow.rules.wegingskader import score
from caseflow.services import ranking, wegingskader
from caseflow.services.pijler3 import heeft_lokale_binding, hf_capaciteit_vrij, lokale_binding_regel
from workflows.base import TransitieGeweigerd

# a dwelling counts while its tenant lives in it with begeleiding.
IN_GEBRUIK = ("toegewezen", "begeleiding")


def engagement_einde(datum: date) -> date:
    """R-6.3: the welzijnsorganisatie stays engaged for 2 years after the toewijzing."""
    return datum + relativedelta(years=2)


def _telt_voor(doelgroep: str):
    """Which toewijzingen use a reserved dwelling of `doelgroep` (R-5.2 Housing First fallback:
    a doorstromer in a Housing First dwelling uses a Housing First place)."""
    if doelgroep == "housing_first":
        return or_(Toewijzing.doelgroep == "housing_first", Toewijzing.hf_fallback.is_(True))
    return and_(Toewijzing.doelgroep == doelgroep, Toewijzing.hf_fallback.is_(False))


def in_gebruik(zone_id: int, doelgroep: str) -> int:
    return db.session.scalar(
        select(func.count(Toewijzing.id)).join(Dossier, Dossier.id == Toewijzing.dossier_id)
        .where(Toewijzing.zone_id == zone_id, Toewijzing.pijler == 3, _telt_voor(doelgroep),
               Dossier.status.in_(IN_GEBRUIK)))


def _in(kolom, zones):
    return true() if zones is None else kolom.in_(zones)


def in_gebruik_per_zone(zones=None) -> dict[tuple[int, str], int]:
    """(zone, doelgroep) -> reserved dwellings in use, in one grouped query (R-5.3, R-8.2); a
    Housing First fallback counts as Housing First, as in `_telt_voor`. Of every zone, or of
    `zones` (a select of their ids)."""
    telt_als = case((Toewijzing.hf_fallback.is_(True), "housing_first"),
                    else_=Toewijzing.doelgroep)
    return {(zone, doelgroep): n for zone, doelgroep, n in db.session.execute(
        select(Toewijzing.zone_id, telt_als, func.count(Toewijzing.id))
        .join(Dossier, Dossier.id == Toewijzing.dossier_id)
        .where(Toewijzing.pijler == 3, Dossier.status.in_(IN_GEBRUIK),
               _in(Toewijzing.zone_id, zones))
        .group_by(Toewijzing.zone_id, telt_als))}


def quota_voor(user: Gebruiker) -> list[dict]:
    """R-5.3, R-8.2: counts, not people: every coördinator sees all zones, a huurbegeleider
    those of their own woonmaatschappij."""
    access.require(user, "quota")
    return quota_overzicht([user.organisatie_id] if user.rol == "huurbegeleider" else None)


def quota_overzicht(woonmaatschappij_ids: list[int] | None = None) -> list[dict]:
    """Per zone and doelgroep: quotum, in use and free (R-8.2)."""
    zones = None if woonmaatschappij_ids is None else select(Zone.id).where(
        Zone.woonmaatschappij_id.in_(woonmaatschappij_ids))
    gebruik = in_gebruik_per_zone(zones)
    rows = []
    for q in db.session.scalars(select(Quotum).join(Quotum.zone).where(
            _in(Quotum.zone_id, zones))):
        gebruikt = gebruik.get((q.zone_id, q.doelgroep), 0)
        rows.append({"woonmaatschappij": q.zone.woonmaatschappij.naam, "zone": q.zone.naam,
                     "doelgroep": q.doelgroep, "quotum": q.aantal, "in_gebruik": gebruikt,
                     "vrij": quotum_vrij(q.aantal, gebruikt)})
    return sorted(rows, key=lambda r: (r["woonmaatschappij"], r["zone"] or "",
                                       list(DOELGROEPEN).index(r["doelgroep"])))


def registreer(user: Gebruiker, dossier: Dossier, datum: date, gegevens: dict) -> Toewijzing:
    """Validate and add the toewijzing (no commit): the dwelling in the woonmaatschappij's
    area, pijler 2 only for an eligible candidate (R-4.8), pijler 3 for its doelgroep with
    lokale binding and within its quota (R-5.2, R-2.3, R-5.3)."""
    gemeente = db.session.get(Gemeente, gegevens.get("gemeente_id") or 0)
    doelgroep, hf_fallback = _check_gegevens(dossier, gemeente, gegevens, datum)
    if dossier.pijler == 2 and dossier.woonnood != "bijzondere_omstandigheden":
        pijler2_toewijsbaar(dossier, gemeente, datum)
    afwijking = None
    if dossier.pijler == 3:
        _check_lokale_binding(dossier, gemeente, datum)
        afwijking = _check_quotum(user, gemeente, "housing_first" if hf_fallback else doelgroep,
                                  (gegevens.get("quotum_afwijking") or "").strip() or None)
    toewijzing = Toewijzing(
        dossier_id=dossier.id, datum=datum, woonmaatschappij_id=dossier.woonmaatschappij_id,
        zone_id=gemeente.zone_id, gemeente_id=gemeente.id, adres=gegevens["adres"].strip(),
        pijler=dossier.pijler, doelgroep=doelgroep, hf_fallback=hf_fallback,
        quotum_afwijking=afwijking, engagement_einde=engagement_einde(datum),
        woning_id=gegevens.get("woning_id"), aangemaakt_door_id=user.id)
    db.session.add(toewijzing)
    dossier.toewijzing = toewijzing
    return toewijzing


def _check_gegevens(dossier: Dossier, gemeente: Gemeente | None, gegevens: dict,
                    datum: date) -> tuple[str | None, bool]:
    """Where and for which doelgroep; field errors together (Ongeldig)."""
    fouten = {}
    if gemeente is None or gemeente.zone is None or \
            gemeente.zone.woonmaatschappij_id != dossier.woonmaatschappij_id:
        fouten["gemeente_id"] = (f"Kies een gemeente in het werkingsgebied van "
                                 f"{dossier.woonmaatschappij.naam}.")
    if not (gegevens.get("adres") or "").strip():
        fouten["adres"] = "Vul het adres van de woning in."
    toeleiding = pijler3_toeleiding(dossier.id) if dossier.pijler == 3 else None
    doelgroep = gegevens.get("doelgroep") or (toeleiding.doelgroep if toeleiding else None)
    hf_fallback = bool(gegevens.get("hf_fallback"))
    if toeleiding is not None and doelgroep != toeleiding.doelgroep:
        fouten["doelgroep"] = (f"Dit dossier werd toegeleid als {DOELGROEPEN[toeleiding.doelgroep]}"
                               " (R-5.2).")
    if dossier.pijler == 3 and doelgroep not in DOELGROEPEN:
        fouten["doelgroep"] = "Kies de doelgroep van deze pijler 3-toewijzing (R-5.2)."
    if dossier.pijler == 2 and (doelgroep or hf_fallback):
        fouten["doelgroep"] = "Een doelgroep hoort bij pijler 3."
    if hf_fallback and (fout := _hf_fallback_fout(doelgroep, datum)):
        fouten["hf_fallback"] = fout
    if fouten:
        raise Ongeldig(fouten)
    return doelgroep, hf_fallback


def _hf_fallback_fout(doelgroep: str | None, datum: date) -> str | None:
    """R-5.2.1: a Housing First dwelling goes to a doorstromer only when the Housing First
    team has no begeleiding left this year."""
    if doelgroep != "doorstromers":
        return ("Een Housing First-woning gaat enkel naar een doorstromer wanneer er geen "
                "Housing First-begeleiding is (R-5.2.1).")
    if hf_capaciteit_vrij(datum):
        return ("Het Housing First-team kan dit jaar nog begeleidingen starten: de Housing "
                "First-woning gaat eerst naar Housing First (R-5.2.1).")
    return None


def pijler2_toewijsbaar(dossier: Dossier, gemeente: Gemeente, datum: date) -> None:
    """R-4.8, I-4.4: the candidate scores at least minimally for a dwelling in `gemeente`, by
    the configuration in force on `datum`; the one check behind the ranking and every
    toewijzing, whichever path makes it."""
    k = ranking.kandidaat_van(dossier, geldend_attest(dossier.id))
    if k is None:
        raise TransitieGeweigerd(["Zonder attest geen punten voor begeleiding (R-4.3)."])
    s = score(k, wegingskader.limieten(datum), wegingskader.regio(), gemeente.naam)
    if not s.in_aanmerking:
        raise TransitieGeweigerd([f"Niet in aanmerking voor een pijler 2-woning in "
                                  f"{gemeente.naam} (R-4.8): {'; '.join(s.redenen)}."])


def _check_lokale_binding(dossier: Dossier, gemeente: Gemeente, datum: date) -> None:
    if not heeft_lokale_binding(dossier, gemeente, datum):
        venster, jaren = lokale_binding_regel(datum)
        raise TransitieGeweigerd([
            f"Geen lokale binding met {gemeente.naam}: in de {venster} jaar vóór de toewijzing "
            f"niet {jaren} jaar onafgebroken in de gemeente gewoond (R-2.3, R-2.5). Vul de "
            "adresgeschiedenis aan."])


def _check_quotum(user: Gebruiker, gemeente: Gemeente, telt_als: str,
                  afwijking: str | None) -> str | None:
    """R-5.3: beyond the quotum only a coördinator, with a reason; returns that reason."""
    quotum = db.session.scalar(select(Quotum.aantal).where(
        Quotum.zone_id == gemeente.zone_id, Quotum.doelgroep == telt_als)) or 0
    if quotum_vrij(quotum, in_gebruik(gemeente.zone_id, telt_als)) > 0:
        return None
    if not access.may(user, "quotum.afwijken"):
        raise TransitieGeweigerd([
            f"Het quotum {DOELGROEPEN[telt_als]} in {gemeente.zone.label} is volzet "
            f"({quotum}); enkel een coördinator kan afwijken, met een reden (R-5.3)."])
    if afwijking is None:
        raise Ongeldig({"quotum_afwijking": "Het quotum is volzet: geef de reden "
                                            "van de afwijking (R-5.3)."})
    return afwijking
