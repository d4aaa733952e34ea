"""E-mail for notifications: immediately or in the daily digest, as each user
chose. A mail says what is due and links to it; the reminder text carries the dossier number and
initials only. Without SMTP_HOST the mails are written to instance/mail/ (development). A failed
send is retried later and never stops the sweep: the notification stays in the app meanwhile."""
from __future__ import annotations

import os
import smtplib
import ssl
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Callable

from flask import current_app
from sqlalchemy import or_, select, update
from sqlalchemy.orm import contains_eager

from caseflow import clock, formaat
from caseflow.extensions import db
from caseflow.models import Gebruiker, Notificatie
from caseflow.rules import herinneringen as regels

VOETTEKST = ("Deze e-mail bevat bewust geen dossiergegevens: meld u aan in Caseflow om ze te "
             "zien.\nHoe u meldingen ontvangt, kiest u bij Meldingen: {url}/meldingen")


def _utc(tijdstip: datetime) -> datetime:
    """SQLite returns stored UTC times without their offset."""
    return tijdstip if tijdstip.tzinfo else tijdstip.replace(tzinfo=timezone.utc)


class _Map:
    """Development: every mail as an .eml file in the instance folder."""

    def __init__(self, map_: Path):
        self.map = map_
        self.map.mkdir(mode=0o700, parents=True, exist_ok=True)

    def send_message(self, bericht: EmailMessage) -> None:
        naam = f"{clock.nu():%Y%m%d-%H%M%S}-{make_msgid().strip('<>').split('@')[0]}.eml"
        # Readable by the app's user only: a mail names a person and a dossier.
        fd = os.open(self.map / naam, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as bestand:
            bestand.write(bytes(bericht))

    def quit(self) -> None:
        pass


def _verbinden(config) -> smtplib.SMTP | _Map:
    if not config.get("SMTP_HOST"):
        return _Map(Path(current_app.instance_path) / "mail")
    host, port = config["SMTP_HOST"], config["SMTP_PORT"]
    timeout = config.get("SMTP_TIMEOUT", 10)
    if port == 465:
        server = smtplib.SMTP_SSL(host, port, timeout=timeout,
                                  context=ssl.create_default_context())
    else:
        server = smtplib.SMTP(host, port, timeout=timeout)
        if config.get("SMTP_TLS"):
            server.starttls(context=ssl.create_default_context())
    if config.get("SMTP_USER"):
        server.login(config["SMTP_USER"], config.get("SMTP_PASSWORD") or "")
    return server


def _bericht(ontvanger: Gebruiker, onderwerp: str, regels_: list[str],
             voettekst: str = VOETTEKST, aan: str | None = None) -> EmailMessage:
    url = current_app.config["CASEFLOW_URL"].rstrip("/")
    bericht = EmailMessage()
    bericht["From"] = current_app.config["SMTP_FROM"]
    bericht["To"] = aan or ontvanger.email
    bericht["Subject"] = onderwerp
    bericht["Date"] = formatdate(localtime=True)
    bericht["Message-ID"] = make_msgid(domain="caseflow")
    tekst = "\n".join([f"Dag {ontvanger.naam},", "", *regels_, "", "-- ",
                       voettekst.format(url=url)])
    bericht.set_content(tekst)
    return bericht


class MailFout(Exception):
    """A mail that had to leave now could not be sent (the message says why, in Dutch);
    `gebruiker_id`: the user it was for, when the caller needs to point there."""

    def __init__(self, melding: str, gebruiker_id: int | None = None):
        super().__init__(melding)
        self.gebruiker_id = gebruiker_id


ACCOUNT_VOETTEKST = ("Caseflow vraagt nooit uw wachtwoord per e-mail of telefoon.\n{url}")


def stuur_accountmail(ontvanger: Gebruiker, onderwerp: str, regels_: list[str],
                      aan: str | None = None) -> None:
    """An account mail (invitation, reset link) sent now, on its own connection, to the
    account's address (or `aan`); MailFout when it did not leave, so the caller keeps nothing
    of a link nobody received."""
    try:
        server = _verbinden(current_app.config)
        try:
            server.send_message(_bericht(ontvanger, onderwerp, regels_, ACCOUNT_VOETTEKST,
                                         aan))
        finally:
            server.quit()
    except (OSError, smtplib.SMTPException) as e:
        current_app.logger.warning("Accountmail aan gebruiker %s mislukt: %s", ontvanger.id, e)
        raise MailFout("De e-mail kon niet verstuurd worden; probeer het later opnieuw.") from e


def meld_beveiliging(ontvanger: Gebruiker, wat: str, aan: str | None = None) -> None:
    """ASVS 2.2.3: a change to how someone logs in is told to them by mail at once (after it
    was saved): if it was not them, they know. A mail that does not leave is logged; the
    change stands."""
    moment = formaat.tijdstip(clock.nu())
    try:
        stuur_accountmail(ontvanger, "Caseflow: uw aanmelding werd gewijzigd", [
            f"{wat} ({moment}).", "",
            "Was u dit niet? Meld het meteen aan de beheerder van Caseflow in uw organisatie."],
            aan)
    except MailFout:
        pass  # logged by stuur_accountmail


def _regels(n: Notificatie) -> list[str]:
    url = current_app.config["CASEFLOW_URL"].rstrip("/")
    return [f"{regels.soort_label(n.soort)}: {n.tekst}", f"Bekijk: {url}{n.link}", ""]


def _open(voorkeur: str):
    """Unread notifications not mailed yet, of active users with this preference."""
    return (select(Notificatie).join(Gebruiker, Gebruiker.id == Notificatie.ontvanger_id)
            .options(contains_eager(Notificatie.ontvanger))
            .where(Gebruiker.melding_voorkeur == voorkeur, Gebruiker.actief,
                   Notificatie.gemaild_op.is_(None), Notificatie.gelezen_op.is_(None),
                   Notificatie.mail_pogingen < regels.MAX_MAILPOGINGEN)
            .order_by(Notificatie.ontvanger_id, Notificatie.id))


def _klaar(nu: datetime):
    """Never tried, or its retry time has come."""
    return or_(Notificatie.mail_volgende_poging.is_(None), Notificatie.mail_volgende_poging <= nu)


def _claim(ids: list[int], nu: datetime) -> bool:
    """Mark the notifications as mailed, all or none; False when another process was first."""
    tabel = Notificatie.__table__
    result = db.session.execute(update(tabel).where(tabel.c.id.in_(ids),
                                                    tabel.c.gemaild_op.is_(None))
                                .values(gemaild_op=nu, mail_fout=None))
    if result.rowcount != len(ids):
        db.session.rollback()
        return False
    db.session.commit()
    return True


def _digest_claim(gebruiker_id: int, dag) -> bool:
    """Take today's digest of this user; False when another process took it."""
    tabel = Gebruiker.__table__
    result = db.session.execute(update(tabel).where(
        tabel.c.id == gebruiker_id,
        or_(tabel.c.laatste_digest.is_(None), tabel.c.laatste_digest < dag))
        .values(laatste_digest=dag))
    db.session.commit()
    return result.rowcount == 1


class _Postbode:
    """One connection per run, opened at the first mail; a failure marks the mails for later."""

    def __init__(self, nu: datetime, leider: Callable[[], bool]):
        self.nu = nu
        self._leider = leider
        self.leiding_kwijt = False
        self.server = None
        self.onbereikbaar: str | None = None
        self.verstuurd = 0
        self.mislukt = 0

    def leider(self) -> bool:
        """Still the one who mails? Once the lease is lost, the rest of the run sends nothing."""
        self.leiding_kwijt = self.leiding_kwijt or not self._leider()
        return not self.leiding_kwijt

    def stuur(self, ontvanger: Gebruiker, onderwerp: str, notificaties: list[Notificatie]) -> bool:
        """Send one mail for these notifications, unless another process claimed them first:
        they are marked as mailed before the mail leaves, so two schedulers never send one
        twice (a crash in between loses the mail, never the notification in the app)."""
        if not _claim([n.id for n in notificaties], self.nu):
            return False
        fout = self._verzend(ontvanger, onderwerp, notificaties)
        if fout is None:
            self.verstuurd += 1
            return True
        for n in notificaties:
            n.gemaild_op = None
            n.mail_pogingen += 1
            n.mail_fout = fout
            n.mail_volgende_poging = regels.volgende_poging(self.nu, n.mail_pogingen)
        db.session.commit()
        self.mislukt += 1
        current_app.logger.warning("Mail aan gebruiker %s mislukt: %s", ontvanger.id, fout)
        return False

    def _verzend(self, ontvanger: Gebruiker, onderwerp: str,
                 notificaties: list[Notificatie]) -> str | None:
        """None when the mail left; otherwise the error."""
        if self.onbereikbaar is not None:
            return self.onbereikbaar
        try:
            if self.server is None:
                self.server = _verbinden(current_app.config)
            regels_ = [r for n in notificaties for r in _regels(n)]
            self.server.send_message(_bericht(ontvanger, onderwerp, regels_))
        except (OSError, smtplib.SMTPException) as e:
            fout = f"{type(e).__name__}: {e}"[:300]
            if self.server is None or isinstance(e, (OSError, smtplib.SMTPServerDisconnected)):
                self.onbereikbaar = fout  # do not knock again in this run
            return fout
        return None

    def sluit(self) -> None:
        if self.server is not None:
            try:
                self.server.quit()
            except (OSError, smtplib.SMTPException):
                pass


def verstuur(nu: datetime | None = None, leider: Callable[[], bool] = lambda: True) -> dict:
    """Send what is due now: immediate mails, and the daily digest from 07:30. `leider` is asked
    before each mail (the scheduler renews its lease there and stops when it lost it)."""
    nu = (nu or clock.nu()).astimezone(timezone.utc)  # stored in UTC (SQLite keeps no offset)
    lokaal = nu.astimezone(clock.BRUSSELS)
    postbode = _Postbode(nu, leider)
    try:
        for n in db.session.scalars(_open("direct").where(_klaar(nu))).all():
            if not postbode.leider():
                break
            postbode.stuur(n.ontvanger, f"Caseflow: {regels.soort_label(n.soort)}", [n])
        if regels.digest_verschuldigd(lokaal, None) and not postbode.leiding_kwijt:
            _digests(postbode, nu, lokaal)
    finally:
        postbode.sluit()
    return {"verstuurd": postbode.verstuurd, "mislukt": postbode.mislukt}


def _digests(postbode: _Postbode, nu: datetime, lokaal: datetime) -> None:
    for gebruiker in db.session.scalars(select(Gebruiker).where(
            Gebruiker.melding_voorkeur == "digest", Gebruiker.actief,
            or_(Gebruiker.laatste_digest.is_(None),
                Gebruiker.laatste_digest < lokaal.date()))).all():
        gebruiker_id, vorige = gebruiker.id, gebruiker.laatste_digest
        lijst = list(db.session.scalars(_open("digest").where(
            Notificatie.ontvanger_id == gebruiker_id)))
        if any(n.mail_volgende_poging and _utc(n.mail_volgende_poging) > nu for n in lijst):
            continue  # a failed digest waits for its retry time
        if not postbode.leider():
            return
        if not _digest_claim(gebruiker_id, lokaal.date()):
            continue  # another scheduler sends this one
        if lijst and not postbode.stuur(
                gebruiker, f"Caseflow: {len(lijst)} melding(en) op {formaat.datum(lokaal)}", lijst):
            # Not sent: the day stays open for the retry (a Core update: the user's version,
            # for optimistic locking, stays as it is).
            db.session.execute(update(Gebruiker.__table__)
                               .where(Gebruiker.__table__.c.id == gebruiker_id)
                               .values(laatste_digest=vorige))
            db.session.commit()
