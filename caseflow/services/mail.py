"""E-mail for notifications (issue 6, point 4): immediately or in the daily digest, as each user
chose. A mail says what is due and links to it; the reminder text carries the dossier number and
initials only. Without SMTP_HOST the mails are written to instance/mail/ (development). A failed
send is retried later and never stops the sweep: the notification stays in the app meanwhile."""
from __future__ import annotations

import smtplib
import ssl
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app
from sqlalchemy import or_, select, update
from sqlalchemy.orm import contains_eager

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Gebruiker, Notificatie
from caseflow.rules import herinneringen as regels

VOETTEKST = ("Deze e-mail bevat bewust geen dossiergegevens: meld je aan in Caseflow om ze te "
             "zien.\nHoe je meldingen ontvangt, kies je bij Meldingen: {url}/meldingen")


def _utc(tijdstip: datetime) -> datetime:
    """SQLite returns stored UTC times without their offset."""
    return tijdstip if tijdstip.tzinfo else tijdstip.replace(tzinfo=timezone.utc)


class _Map:
    """Development: every mail as an .eml file in the instance folder."""

    def __init__(self, map_: Path):
        self.map = map_
        self.map.mkdir(parents=True, exist_ok=True)

    def send_message(self, bericht: EmailMessage) -> None:
        naam = f"{clock.nu():%Y%m%d-%H%M%S}-{make_msgid().strip('<>').split('@')[0]}.eml"
        (self.map / naam).write_bytes(bytes(bericht))

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


def _bericht(ontvanger: Gebruiker, onderwerp: str, regels_: list[str]) -> EmailMessage:
    url = current_app.config["CASEFLOW_URL"].rstrip("/")
    bericht = EmailMessage()
    bericht["From"] = current_app.config["SMTP_FROM"]
    bericht["To"] = ontvanger.email
    bericht["Subject"] = onderwerp
    bericht["Date"] = formatdate(localtime=True)
    bericht["Message-ID"] = make_msgid(domain="caseflow")
    tekst = "\n".join([f"Dag {ontvanger.naam},", "", *regels_, "", "-- ",
                       VOETTEKST.format(url=url)])
    bericht.set_content(tekst)
    return bericht


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


class _Postbode:
    """One connection per run, opened at the first mail; a failure marks the mails for later."""

    def __init__(self, nu: datetime):
        self.nu = nu
        self.server = None
        self.onbereikbaar: str | None = None
        self.verstuurd = 0
        self.mislukt = 0

    def stuur(self, ontvanger: Gebruiker, onderwerp: str, notificaties: list[Notificatie]) -> bool:
        fout = self.onbereikbaar
        if fout is None:
            try:
                if self.server is None:
                    self.server = _verbinden(current_app.config)
                regels_ = [r for n in notificaties for r in _regels(n)]
                self.server.send_message(_bericht(ontvanger, onderwerp, regels_))
            except (OSError, smtplib.SMTPException) as e:
                fout = f"{type(e).__name__}: {e}"[:300]
                if self.server is None or isinstance(e, (OSError,
                                                         smtplib.SMTPServerDisconnected)):
                    self.onbereikbaar = fout  # do not knock again in this run
        for n in notificaties:
            if fout is None:
                n.gemaild_op = self.nu
                n.mail_fout = None
            else:
                n.mail_pogingen += 1
                n.mail_fout = fout
                n.mail_volgende_poging = regels.volgende_poging(self.nu, n.mail_pogingen)
        db.session.commit()  # each mail once: what was sent is recorded before the next
        if fout is None:
            self.verstuurd += 1
        else:
            self.mislukt += 1
            current_app.logger.warning("Mail aan gebruiker %s mislukt: %s", ontvanger.id, fout)
        return fout is None

    def sluit(self) -> None:
        if self.server is not None:
            try:
                self.server.quit()
            except (OSError, smtplib.SMTPException):
                pass


def verstuur(nu: datetime | None = None) -> dict:
    """Send what is due now: immediate mails, and the daily digest from 07:30."""
    nu = (nu or clock.nu()).astimezone(timezone.utc)  # stored in UTC (SQLite keeps no offset)
    lokaal = nu.astimezone(clock.BRUSSELS)
    postbode = _Postbode(nu)
    try:
        for n in db.session.scalars(_open("direct").where(_klaar(nu))).all():
            postbode.stuur(n.ontvanger, f"Caseflow: {regels.soort_label(n.soort)}", [n])
        if regels.digest_verschuldigd(lokaal, None):
            for gebruiker in db.session.scalars(select(Gebruiker).where(
                    Gebruiker.melding_voorkeur == "digest", Gebruiker.actief,
                    or_(Gebruiker.laatste_digest.is_(None),
                        Gebruiker.laatste_digest < lokaal.date()))).all():
                lijst = list(db.session.scalars(_open("digest").where(
                    Notificatie.ontvanger_id == gebruiker.id)))
                if any(n.mail_volgende_poging and _utc(n.mail_volgende_poging) > nu
                       for n in lijst):
                    continue  # a failed digest waits for its retry time
                if lijst and not postbode.stuur(
                        gebruiker, f"Caseflow: {len(lijst)} melding(en) op {lokaal:%d/%m/%Y}",
                        lijst):
                    continue
                # A Core update: the user's version (optimistic locking) stays as it is.
                db.session.execute(update(Gebruiker.__table__)
                                   .where(Gebruiker.__table__.c.id == gebruiker.id)
                                   .values(laatste_digest=lokaal.date()))
                db.session.commit()
    finally:
        postbode.sluit()
    return {"verstuurd": postbode.verstuurd, "mislukt": postbode.mislukt}
