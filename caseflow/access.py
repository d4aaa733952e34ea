"""The one access policy: who may see or do what, and the scoped dossier queries.

Every view asks here; a dossier outside a user's scope is not found, whether it exists or not
(R-9.1, I-9.2).
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import and_, false, or_, select, true
from sqlalchemy.sql import ColumnElement

from caseflow.errors import BuitenBereik, NietGevonden, NietToegestaan
from caseflow.extensions import db
from caseflow.models import Dossier, Gebruiker, Organisatie, Samenwerkingsovereenkomst, Woning
from caseflow.models.gebruiker import ROLLEN
from caseflow.models.privacy import Notitie, actieve_toestemming
from caseflow.rules.regio import SCREENING_SECTOREN
from caseflow.rules.tweestaps import VERPLICHT as TWEESTAPS_VERPLICHT

# Stages from which a dossier is on the woonmaatschappij's list (proposed to it) or allocated.
ZICHTBAAR_VOOR_WOONMAATSCHAPPIJ = ("kandidaat", "toegewezen", "begeleiding", "aanklampend")

# Who may fire which dossier trigger (besides seeing the dossier).
TRIGGER_ROLLEN = {
    # the woonmaatschappij issues attesten too, for the dossiers it opened itself.
    "attest_voorbereiden": {"hulpverlener", "huurbegeleider"},
    "attest_uitreiken": {"hulpverlener", "huurbegeleider"},
    "toewijzen": {"huurbegeleider", "coordinator"},
    # Caseflow's own steps, never fired by hand: the begeleidingsovereenkomst starts and ends
    # the begeleiding; a changed pijler sends the dossier back to the toeleiding.
    "begeleiding_starten": set(),
    "begeleiding_beeindigen": set(),
    "terug_naar_toeleiding": set(),
    "zonder_begeleiding_opvolgen": {"hulpverlener", "huurbegeleider"},
    "afsluiten": {"hulpverlener", "coordinator"},
    "heropenen": {"coordinator"},
}

ACTIE_ROLLEN = {
    # The steps of a signaal (I-7.1 to I-7.3a): who raises, follows up, escalates and closes.
    "signaal.aanvragen": {"huurbegeleider"},
    "signaal.erkennen": {"hulpverlener"},
    "signaal.contact_leggen": {"hulpverlener"},
    "signaal.casusoverleg_houden": {"hulpverlener", "huurbegeleider"},
    "signaal.oplossen": {"hulpverlener", "huurbegeleider"},
    "signaal.escaleren": {"huurbegeleider", "coordinator"},
    "signaal.sluiten": {"huurbegeleider"},
    "signaal.escalatiestap": {"huurbegeleider"},
    "dossier.aanmaken": {"hulpverlener", "huurbegeleider"},
    "dossier.bewerken": {"hulpverlener", "huurbegeleider"},
    "attest.opstellen": {"hulpverlener", "huurbegeleider"},
    "attest.bevestigen": {"hulpverlener", "huurbegeleider"},
    "attest.intrekken": {"hulpverlener", "huurbegeleider"},
    "caseload": {"hulpverlener", "huurbegeleider", "coordinator"},
    "beheer": {"beheerder"},
    "account.ontgrendelen": {"beheerder", "coordinator"},
    # ASVS 2.1.6, 3.3: one's own password and sessions
    "account": {"hulpverlener", "huurbegeleider", "coordinator", "beheerder"},
    # rules.tweestaps: two factors are required for some roles, the others may switch them off
    "tweestaps.uitschakelen": set(ROLLEN) - TWEESTAPS_VERPLICHT,
    # What a page offers whom (templates ask here too, never a role name):
    "quotum.afwijken": {"coordinator"},  # allocate beyond a full quotum, with a reason
    "caseload.eigen": {"hulpverlener"},  # "waarvoor ik verantwoordelijk ben"
    "caseload.per_hulpverlener": {"coordinator"},  # filter on a colleague's name
    "start.wacht": {"hulpverlener", "huurbegeleider"},  # requests and signalen waiting
    "audit.bekijken": {"coordinator"},
    "inzage": {"hulpverlener"},  # GDPR art. 15, by the client's own hulpverlener
    "woning.beheren": {"huurbegeleider"},
    "instellingen.bekijken": {"coordinator", "beheerder"},
    "instellingen.wijzigen": {"beheerder"},
    "simulatie": {"coordinator"},
    "quota": {"huurbegeleider", "coordinator"},
    "overeenkomst": {"hulpverlener", "huurbegeleider", "coordinator"},
    "pijler3.toeleiden": {"hulpverlener"},
    "signaal.melden": {"huurbegeleider"},
    "toestemming": {"hulpverlener"},
    "notitie": {"hulpverlener", "huurbegeleider", "coordinator"},
    "casusoverleg": {"hulpverlener", "huurbegeleider", "coordinator"},
    "knipperlicht.melden": {"hulpverlener", "huurbegeleider"},
    "knipperlicht.overleg": {"hulpverlener", "huurbegeleider", "coordinator"},
    "verslag.indienen": {"hulpverlener"},
    "verslag.beslissen": {"huurbegeleider"},
    "ranglijst": {"huurbegeleider", "coordinator"},
    "opvolging": {"coordinator"},
    "monitoring": {"coordinator"},
    "toewijzingstotalen": {"huurbegeleider", "coordinator"},
}


def _woonmaatschappij_scope(org_id: int) -> list[ColumnElement[bool]]:
    """The dossiers proposed to it, those it allocated, and those it opened itself (R-3.1).
    In this order: SQLite tests an OR from the left and reads the dossier's row only for a
    column its index lacks, so the parts its indexes answer (woonmaatschappij and status, a
    toewijzing) come before the organisation (a woonmaatschappij's 9 000 kandidaten: 21 ->
    8 ms)."""
    return [and_(Dossier.woonmaatschappij_id == org_id,
                 Dossier.status.in_(ZICHTBAAR_VOOR_WOONMAATSCHAPPIJ)),
            and_(Dossier.woonmaatschappij_id == org_id, Dossier.toewijzing.has()),
            Dossier.organisatie_id == org_id]


def dossier_scope_delen(user: Gebruiker) -> list[ColumnElement[bool]]:
    """The dossiers `user` may read, as the parts of which any one suffices (a list can
    walk each part's index in order, where their OR has none)."""
    if not user.is_authenticated or not user.actief:
        return [false()]
    org = user.organisatie
    if user.rol == "hulpverlener":
        return [Dossier.organisatie_id == org.id]
    if user.rol == "huurbegeleider":
        return _woonmaatschappij_scope(org.id) if org.is_woonmaatschappij else [false()]
    if user.rol == "coordinator":
        if org.is_regionaal:
            return [true()]
        if org.is_woonmaatschappij:
            return _woonmaatschappij_scope(org.id)
        return [Dossier.organisatie_id == org.id]
    return [false()]  # beheerder: manages users and organisations, reads no dossier content


def dossier_scope(user: Gebruiker) -> ColumnElement[bool]:
    """The WHERE clause of the dossiers `user` may read."""
    delen = dossier_scope_delen(user)
    return or_(*delen) if len(delen) > 1 else delen[0]


def dossier_in_scope(user: Gebruiker, dossier_id: int, *options) -> Dossier:
    """The dossier if it is in the user's scope; BuitenBereik otherwise, whether it exists or
    not."""
    stmt = select(Dossier).where(Dossier.id == dossier_id, dossier_scope(user)).options(*options)
    dossier = db.session.scalars(stmt).unique().one_or_none()
    if dossier is None:
        raise BuitenBereik(dossier_id)
    return dossier


def may(user: Gebruiker, actie: str, dossier: Dossier | None = None) -> bool:
    """May `user` perform `actie` (a trigger name or an ACTIE_ROLLEN key), on `dossier` if given?

    Callers load `dossier` through dossier_in_scope first, so scope is already checked.
    """
    rollen = TRIGGER_ROLLEN.get(actie, ACTIE_ROLLEN.get(actie))
    if rollen is None:  # a misspelt action is a bug to see, not a silent refusal
        raise OnbekendeActie(actie)
    if not user.is_authenticated or not user.actief or user.rol not in rollen:
        return False
    if actie == "toewijzingstotalen":  # the woonmaatschappij enters its own totals
        return user.organisatie.is_woonmaatschappij
    if actie == "toewijzen":
        # only the woonmaatschappij allocates (its coördinator overrides a full quotum).
        return user.organisatie.is_woonmaatschappij
    if actie == "dossier.aanmaken":
        return mag_toeleiden(user.organisatie)
    if actie == "ranglijst":  # a woonmaatschappij's own, or the regional coördinator's all
        return user.rol == "huurbegeleider" or user.organisatie.is_regionaal or \
            user.organisatie.is_woonmaatschappij
    if dossier is not None and actie in {"dossier.bewerken", "attest_voorbereiden",
                                         "attest_uitreiken", "attest.opstellen",
                                         "attest.intrekken", "pijler3.toeleiden",
                                         "toestemming"}:
        return dossier.organisatie_id == user.organisatie_id
    return True


def mag_toeleiden(org) -> bool:
    """R-1.1, R-3.1: a welzijnsorganisatie refers, and a woonmaatschappij for itself; a
    screening-only organisation (Kind & Gezin) neither refers nor issues attesten."""
    return org.soort in ("welzijnsorganisatie", "woonmaatschappij") and \
        org.sector not in SCREENING_SECTOREN


def mag_uitreiken(org: Organisatie, woonmaatschappij_id: int, dag: date) -> bool:
    """R-1.3, R-3.1: the woonmaatschappij itself or a partner with a valid agreement; never a
    screening-only organisation, agreement or not (R-1.1). Also who refers for pijler 3."""
    if not mag_toeleiden(org):
        return False
    if org.id == woonmaatschappij_id:
        return True
    overeenkomsten = db.session.scalars(select(Samenwerkingsovereenkomst).where(
        Samenwerkingsovereenkomst.welzijnsorganisatie_id == org.id,
        Samenwerkingsovereenkomst.woonmaatschappij_id == woonmaatschappij_id))
    return any(o.geldig_op(dag) for o in overeenkomsten)


def partij(user: Gebruiker, dossier: Dossier) -> str | None:
    """Which party of the begeleidingsovereenkomst the user speaks for, if any (R-6.2)."""
    if user.organisatie_id == dossier.organisatie_id:
        return "welzijn"
    if user.organisatie_id == dossier.woonmaatschappij_id:
        return "wonen"
    return None


def mag_herverdelen(user: Gebruiker, dossier: Dossier) -> bool:
    """A coördinator gives a dossier to another hulpverlener of its own organisation; a
    regional coördinator for every organisation."""
    return may(user, "opvolging") and (
        user.organisatie.is_regionaal or user.organisatie_id == dossier.organisatie_id)


def mag_actiepunt_afvinken(user: Gebruiker, eigenaar: Gebruiker) -> bool:
    """I-6.5a: the owner closes an action item, or a coördinator of the owner's organisation."""
    return user.is_authenticated and user.actief and (
        user.id == eigenaar.id or (user.rol == "coordinator"
                                   and user.organisatie_id == eigenaar.organisatie_id))


class OnbekendeActie(LookupError):
    """An action the policy does not know: every permission question names one it has."""


def mag_ontgrendelen(door: Gebruiker, gebruiker: Gebruiker) -> bool:
    """ASVS 2.2.1: a beheerder lifts any lock; a coördinator those of its own organisation."""
    return may(door, "account.ontgrendelen") and (
        door.rol == "beheerder" or door.organisatie_id == gebruiker.organisatie_id)


def require(user: Gebruiker, actie: str, dossier: Dossier | None = None) -> None:
    if not may(user, actie, dossier):
        raise NietToegestaan()


def woonmaatschappijen_in_scope(user: Gebruiker) -> list[int] | None:
    """The woonmaatschappijen whose ranking and vacancies a user may see; None means all."""
    if not may(user, "ranglijst"):
        return []
    if user.rol == "coordinator" and user.organisatie.is_regionaal:
        return None
    return [user.organisatie_id] if user.organisatie.is_woonmaatschappij else []


def woning_in_scope(user: Gebruiker, woning_id: int) -> Woning:
    woning = db.session.get(Woning, woning_id)
    scope = woonmaatschappijen_in_scope(user)
    if woning is None or (scope is not None and woning.woonmaatschappij_id not in scope):
        raise NietGevonden()
    return woning


# --- what of a dossier a user may see (R-9.1, I-9.2) ----------------------------------------

GEVOELIG = ("inkomen", "woonnood")
VRIJE_TEKST = ("toelichting", "ingetrokken_reden")  # typed by a person: as for notes


def aan_woonmaatschappijzijde(user: Gebruiker, dossier: Dossier) -> bool:
    """The woonmaatschappij as partner of a welzijnsorganisatie's dossier (not of its own)."""
    return user.organisatie_id == dossier.woonmaatschappij_id != dossier.organisatie_id


def mag_gevoelige_gegevens_zien(user: Gebruiker, dossier: Dossier) -> bool:
    """I-9.2: the woonmaatschappij sees beyond what the toewijzing needs only with the client's
    informed, specific, revocable consent."""
    if not aan_woonmaatschappijzijde(user, dossier):
        return True
    return actieve_toestemming(dossier.id, dossier.woonmaatschappij_id) is not None


def notities_scope(user: Gebruiker, dossier: Dossier) -> ColumnElement[bool]:
    """Intern notes stay in the author's organisation; gedeeld notes reach the partners on the
    dossier, the woonmaatschappij only with consent."""
    eigen = Notitie.organisatie_id == user.organisatie_id
    partner = user.organisatie_id in (dossier.organisatie_id, dossier.woonmaatschappij_id)
    if partner and mag_gevoelige_gegevens_zien(user, dossier):
        return or_(eigen, Notitie.zichtbaarheid == "gedeeld")
    return eigen


class Weergave:
    """A record as a user may see it: the masked attributes are absent (None)."""

    def __init__(self, obj, gemaskeerd: tuple[str, ...]):
        self._obj = obj
        self.gemaskeerd = gemaskeerd

    def __getattr__(self, naam):
        if naam in self.gemaskeerd:
            return None
        return getattr(self._obj, naam)

    def verborgen(self, naam: str) -> bool:
        """Is there a value here that the user may not see (to say so, not to show it)?"""
        return naam in self.gemaskeerd and getattr(self._obj, naam) is not None


_DOSSIER = object()


def weergave(user: Gebruiker, dossier: Dossier, obj=_DOSSIER,
             velden: tuple[str, ...] = GEVOELIG):
    """The dossier (or a record of it) without its sensitive fields when consent is missing."""
    target = dossier if obj is _DOSSIER else obj
    if target is None:
        return None
    return Weergave(target, () if mag_gevoelige_gegevens_zien(user, dossier) else velden)
