"""A user's own account: changing the password, the list of open sessions ("afmelden op alle
toestellen"), new recovery codes and two factors off (or removed by a beheerder), and the
single-use links by e-mail that invite a new user or reset a forgotten password (ASVS 2.1,
2.3, 2.5, 2.8, 3.3). No password is ever chosen by someone else and passed on."""
from __future__ import annotations

import secrets

from flask import current_app
from sqlalchemy import delete, func, select, update

from caseflow import access
from caseflow.errors import NietGevonden, NietToegestaan, Ongeldig
from caseflow.extensions import db
from caseflow.models import Aanmeldpoging, Accounttoken, Gebruiker, Sessie
from caseflow.models.base import utcnow
from caseflow.rules import aanmelden as regels
from caseflow.rules import wachtwoord as wachtwoord_regels
from caseflow.rules.aanmelden import sleutel_hash
from caseflow.services import audit, auth, mail, tweestaps

ONDERWERP = {"uitnodiging": "Caseflow: kies uw wachtwoord",
             "herstel": "Caseflow: nieuw wachtwoord kiezen"}


def _nieuw_wachtwoord(gebruiker: Gebruiker, wachtwoord: str, herhaling: str) -> None:
    """Check and set a new password: ASVS 2.1.1 and 2.1.7, the same twice."""
    if melding := wachtwoord_regels.fout(wachtwoord, gebruiker.email):
        raise Ongeldig({"nieuw": melding})
    if wachtwoord != herhaling:
        raise Ongeldig({"herhaling": "De twee wachtwoorden zijn niet gelijk."})
    gebruiker.zet_wachtwoord(wachtwoord)


def _met_wachtwoord(user: Gebruiker, wachtwoord: str | None, veld: str) -> Gebruiker:
    """The user, after their current password (ASVS 2.1.6: a change to how one logs in asks
    it again); Ongeldig at `veld` otherwise."""
    access.require(user, "account")
    gebruiker = db.session.get(Gebruiker, user.id)
    if not gebruiker.controleer_wachtwoord(wachtwoord or ""):
        raise Ongeldig({veld: "Dit is niet uw huidige wachtwoord."})
    return gebruiker


def wachtwoord_wijzigen(user: Gebruiker, huidig: str, nieuw: str, herhaling: str,
                        eigen_sessie: str | None) -> None:
    """The user's own new password, after the current one; their other sessions end (a
    stolen session does not outlive the change)."""
    gebruiker = _met_wachtwoord(user, huidig, "huidig")
    _nieuw_wachtwoord(gebruiker, nieuw, herhaling)
    auth.sessies_beeindigen(gebruiker, behalve=eigen_sessie)
    audit.log(user, "wachtwoord_gewijzigd", gebruiker=user.id)
    db.session.commit()
    mail.meld_beveiliging(gebruiker, "Uw wachtwoord werd gewijzigd; op uw andere toestellen "
                          "bent u afgemeld")


def sessies(user: Gebruiker) -> list[Sessie]:
    """The user's open sessions, newest first."""
    access.require(user, "account")
    return list(db.session.scalars(select(Sessie).where(Sessie.gebruiker_id == user.id)
                                   .order_by(Sessie.aangemaakt_op.desc(), Sessie.id.desc())))


def sessie_beeindigen(user: Gebruiker, sessie_id: int) -> None:
    """One of the user's own sessions ends (a lost phone); someone else's is not found."""
    access.require(user, "account")
    result = db.session.execute(delete(Sessie).where(Sessie.id == sessie_id,
                                                     Sessie.gebruiker_id == user.id))
    if not result.rowcount:
        db.session.rollback()
        raise NietToegestaan()
    audit.log(user, "sessie_beeindigd", sessie=sessie_id)
    db.session.commit()


def andere_sessies_beeindigen(user: Gebruiker, eigen_sessie: str | None) -> int:
    """"Afmelden op alle andere toestellen": every session but this one ends; how many."""
    access.require(user, "account")
    aantal = auth.sessies_beeindigen(user, behalve=eigen_sessie)
    audit.log(user, "sessies_beeindigd", aantal=aantal)
    db.session.commit()
    return aantal


# --- two factors: what the user and a beheerder do with them ---------------------------------

def herstelcodes_vernieuwen(user: Gebruiker, wachtwoord: str | None) -> list[str]:
    """New recovery codes (the old ones stop working), after the password."""
    gebruiker = _met_wachtwoord(user, wachtwoord, "wachtwoord")
    if not gebruiker.totp_geheim:
        raise NietToegestaan()
    codes = tweestaps.nieuwe_herstelcodes(gebruiker)
    audit.log(user, "herstelcodes_vernieuwd", gebruiker=user.id)
    db.session.commit()
    mail.meld_beveiliging(gebruiker, "Er werden nieuwe herstelcodes gemaakt; de vorige werken "
                          "niet meer")
    return codes


def tweestaps_uitschakelen(user: Gebruiker, wachtwoord: str | None) -> None:
    """Two factors off, after the password; not for a role that requires them."""
    access.require(user, "tweestaps.uitschakelen")
    gebruiker = _met_wachtwoord(user, wachtwoord, "wachtwoord")
    tweestaps.weg(gebruiker)
    audit.log(user, "tweestaps_uitgeschakeld", gebruiker=user.id)
    db.session.commit()
    mail.meld_beveiliging(gebruiker, "De tweestapsverificatie van uw account werd uitgeschakeld")


def tweestaps_resetten(door: Gebruiker | None, gebruiker_id: int) -> Gebruiker:
    """A lost phone without recovery codes: a beheerder (or the command line, `door` None)
    removes the user's two factors; their sessions end and, where two factors are required,
    the next login sets them up again."""
    if door is not None:
        access.require(door, "beheer")
    gebruiker = db.session.get(Gebruiker, gebruiker_id)
    if gebruiker is None:
        raise NietGevonden(gebruiker_id)
    tweestaps.weg(gebruiker)
    auth.sessies_beeindigen(gebruiker)
    audit.log(door, "tweestaps_gereset", gebruiker=gebruiker.id)
    db.session.commit()
    mail.meld_beveiliging(gebruiker, "Een beheerder verwijderde de tweestapsverificatie van uw "
                          "account; bij de volgende aanmelding stelt u ze opnieuw in")
    return gebruiker


# --- single-use links ------------------------------------------------------------------------

def _stuur_link(gebruiker: Gebruiker, soort: str) -> None:
    """A new link replaces the user's unused ones (spent, kept to count them) and is mailed
    (in the caller's transaction: a mail that does not leave raises mail.MailFout and nothing
    is kept)."""
    tabel = Accounttoken.__table__
    db.session.execute(update(tabel).where(tabel.c.gebruiker_id == gebruiker.id,
                                           tabel.c.gebruikt_op.is_(None))
                       .values(gebruikt_op=utcnow()))
    token = secrets.token_urlsafe(32)
    db.session.add(Accounttoken(token_hash=sleutel_hash(token), gebruiker_id=gebruiker.id,
                                soort=soort, verloopt_op=utcnow() + regels.GELDIGHEID[soort]))
    db.session.flush()
    url = current_app.config["CASEFLOW_URL"].rstrip("/") + f"/wachtwoord/{token}"
    geldig = regels.geldig_tekst(soort)
    inleiding = ("U hebt een account in Caseflow gekregen." if soort == "uitnodiging" else
                 "Iemand vroeg een nieuw wachtwoord voor uw account in Caseflow.")
    mail.stuur_accountmail(gebruiker, ONDERWERP[soort], [
        inleiding, f"Kies uw wachtwoord via deze link (eenmalig, {geldig} geldig):", url, "",
        "Vroeg u dit niet? Dan hoeft u niets te doen: uw wachtwoord blijft ongewijzigd."])


def uitnodigen(door: Gebruiker | None, gebruiker: Gebruiker) -> None:
    """A beheerder sends the user a link to choose their password: an invitation to who never
    logged in, a reset link to who did. mail.MailFout (and nothing kept) when it did not leave."""
    if door is not None:
        access.require(door, "beheer")
    soort = "uitnodiging" if gebruiker.laatste_login is None else "herstel"
    try:
        _stuur_link(gebruiker, soort)
    except mail.MailFout:
        db.session.rollback()
        raise
    audit.log(door, "link_verstuurd", gebruiker=gebruiker.id, soort=soort)
    db.session.commit()


def herstel_aanvragen(email: str) -> None:
    """"Wachtwoord vergeten": a link to an active account, at most HERSTEL_PER_UUR an hour.
    The caller answers the same whatever happened, so nobody learns which accounts exist."""
    adres = regels.als_account(email)
    gebruiker = db.session.scalars(select(Gebruiker).where(
        Gebruiker.email == adres, Gebruiker.actief)).first()
    if gebruiker is None:
        audit.log(None, "herstel_gevraagd", email=adres, bekend=False)
        db.session.commit()
        return
    recent = db.session.scalar(select(func.count(Accounttoken.id)).where(
        Accounttoken.gebruiker_id == gebruiker.id, Accounttoken.soort == "herstel",
        Accounttoken.aangemaakt_op >= utcnow() - regels.GELDIGHEID["herstel"]))
    if recent >= regels.HERSTEL_PER_UUR:
        audit.log(None, "herstel_gevraagd", gebruiker=gebruiker.id, te_vaak=True)
        db.session.commit()
        return
    try:
        _stuur_link(gebruiker, "herstel")
    except mail.MailFout:  # logged; the answer stays the same (see above)
        db.session.rollback()
        return
    audit.log(None, "herstel_gevraagd", gebruiker=gebruiker.id)
    db.session.commit()


def link_gebruiker(token: str) -> Gebruiker | None:
    """The active user a valid, unused link belongs to; None otherwise."""
    return db.session.scalars(select(Gebruiker).join(
        Accounttoken, Accounttoken.gebruiker_id == Gebruiker.id).where(
        Accounttoken.token_hash == sleutel_hash(token[:100]),
        Accounttoken.gebruikt_op.is_(None), Accounttoken.verloopt_op > utcnow(),
        Gebruiker.actief)).first()


def wachtwoord_via_link(token: str, nieuw: str, herhaling: str) -> Gebruiker:
    """Set the password through a link, once: the link is spent in the same transaction (two
    tabs submitting it: one wins), every session of the account ends."""
    gebruiker = link_gebruiker(token)
    if gebruiker is None:
        raise NietToegestaan()
    _nieuw_wachtwoord(gebruiker, nieuw, herhaling)
    tabel = Accounttoken.__table__
    besteed = db.session.execute(update(tabel).where(
        tabel.c.token_hash == sleutel_hash(token), tabel.c.gebruikt_op.is_(None))
        .values(gebruikt_op=utcnow()))
    if besteed.rowcount != 1:
        db.session.rollback()
        raise NietToegestaan()
    auth.sessies_beeindigen(gebruiker)
    db.session.execute(delete(Aanmeldpoging).where(Aanmeldpoging.account == gebruiker.email))
    audit.log(None, "wachtwoord_via_link", gebruiker=gebruiker.id)
    db.session.commit()
    mail.meld_beveiliging(gebruiker, "Er werd een wachtwoord ingesteld via een link uit een "
                          "e-mail van Caseflow")
    return gebruiker
