"""Users and their roles (RULES.md section 1)."""
from __future__ import annotations

from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Date, Enum, ForeignKey, Index, String
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
    laatste_login: Mapped[datetime | None] = mapped_column(Tijdstip())
    aangemaakt_op: Mapped[datetime] = created_at()
    melding_voorkeur: Mapped[str] = mapped_column(
        Enum(*MELDING_VOORKEUREN, name="melding_voorkeur", native_enum=False,
             create_constraint=True), default="digest", server_default="digest")
    laatste_digest: Mapped[date | None] = mapped_column(Date)

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


class Aanmeldpoging(db.Model):
    """A failed login (ASVS 2.2.1), by the e-mail address typed (known or not) and the client
    address: counted over a window to refuse password guessing in every worker."""

    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(254))
    adres: Mapped[str] = mapped_column(String(45))
    tijdstip: Mapped[datetime] = created_at()

    __table_args__ = (Index("ix_aanmeldpoging_account", "account", "tijdstip"),
                      Index("ix_aanmeldpoging_adres", "adres", "tijdstip"))
