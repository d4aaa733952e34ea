"""Users and their roles (RULES.md section 1)."""
from __future__ import annotations

from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Date, Enum, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from caseflow.extensions import db
from caseflow.models.base import Tijdstip, Versioned, created_at
from caseflow.models.organisatie import Organisatie

ROLLEN = {
    "hulpverlener": "Hulpverlener",
    "huurbegeleider": "Huurbegeleider",
    "coordinator": "Coördinator",
    "beheerder": "Beheerder",
}

MELDING_VOORKEUREN = {
    "digest": "Eén e-mail per dag om 7.30 uur met alle nieuwe meldingen",
    "direct": "Meteen een e-mail bij elke melding",
    "app": "Geen e-mail: enkel in Caseflow",
}


class Gebruiker(UserMixin, Versioned, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    wachtwoord_hash: Mapped[str] = mapped_column(String(255))
    rol: Mapped[str] = mapped_column(
        Enum(*ROLLEN, name="gebruiker_rol", native_enum=False, create_constraint=True)
    )
    organisatie_id: Mapped[int] = mapped_column(ForeignKey("organisatie.id"), index=True)
    actief: Mapped[bool] = mapped_column(Boolean, default=True)
    # The day the account was deactivated: from then on its open dossiers are in the review
    # queue of the organisation's coördinator until they are reassigned.
    gedeactiveerd_op: Mapped[date | None] = mapped_column(Date)
    laatste_login: Mapped[datetime | None] = mapped_column(Tijdstip())
    aangemaakt_op: Mapped[datetime] = created_at()
    melding_voorkeur: Mapped[str] = mapped_column(
        Enum(*MELDING_VOORKEUREN, name="melding_voorkeur", native_enum=False,
             create_constraint=True), default="digest", server_default="digest")
    laatste_digest: Mapped[date | None] = mapped_column(Date)
    # Two-factor authentication (rules.tweestaps): the authenticator app's shared secret, and
    # the last 30-second step whose code was used (a code works once).
    totp_geheim: Mapped[str | None] = mapped_column(String(32))
    totp_laatste_stap: Mapped[int | None] = mapped_column(Integer)

    organisatie: Mapped[Organisatie] = relationship()

    def zet_wachtwoord(self, wachtwoord: str) -> None:
        self.wachtwoord_hash = generate_password_hash(wachtwoord)

    def controleer_wachtwoord(self, wachtwoord: str) -> bool:
        return check_password_hash(self.wachtwoord_hash, wachtwoord)

    @property
    def is_active(self) -> bool:
        return self.actief

    @property
    def rol_label(self) -> str:
        return ROLLEN[self.rol]

    @property
    def regionaal(self) -> bool:
        """A coördinator of a regional organisation sees every organisation (R-1 users)."""
        return self.rol == "coordinator" and self.organisatie.is_regionaal


class Sessie(db.Model):
    """A login, kept on the server so it can be ended: logging out, a new password or the
    absolute lifetime ends it, whatever a copied cookie says. Only the key's hash is stored."""

    id: Mapped[int] = mapped_column(primary_key=True)
    sleutel_hash: Mapped[str] = mapped_column(String(64), unique=True)
    gebruiker_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id", ondelete="CASCADE"),
                                              index=True)
    aangemaakt_op: Mapped[datetime] = created_at()
    # What the user sees in their list of sessions ("afmelden op alle toestellen").
    adres: Mapped[str | None] = mapped_column(String(45))
    toestel: Mapped[str | None] = mapped_column(String(120))


class Accounttoken(db.Model):
    """A single-use link sent by e-mail (ASVS 2.5, 2.3.1): an invitation to choose a first
    password, or a password reset. Only the token's hash is stored."""

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    gebruiker_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id", ondelete="CASCADE"),
                                              index=True)
    soort: Mapped[str] = mapped_column(
        Enum("uitnodiging", "herstel", name="accounttoken_soort", native_enum=False,
             create_constraint=True))
    aangemaakt_op: Mapped[datetime] = created_at()
    verloopt_op: Mapped[datetime] = mapped_column(Tijdstip())
    gebruikt_op: Mapped[datetime | None] = mapped_column(Tijdstip())


class Herstelcode(db.Model):
    """A recovery code for two-factor authentication: replaces the app's code once (a lost
    phone). Only its hash is stored."""

    id: Mapped[int] = mapped_column(primary_key=True)
    gebruiker_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id", ondelete="CASCADE"),
                                              index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    gebruikt_op: Mapped[datetime | None] = mapped_column(Tijdstip())


class Aanmeldpoging(db.Model):
    """A failed login (ASVS 2.2.1), by the e-mail address typed (known or not) and the client
    address: counted over a window to refuse password guessing in every worker."""

    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(254))
    adres: Mapped[str] = mapped_column(String(45))
    tijdstip: Mapped[datetime] = created_at()

    __table_args__ = (Index("ix_aanmeldpoging_account", "account", "tijdstip"),
                      Index("ix_aanmeldpoging_adres", "adres", "tijdstip"))
