"""The domain errors: what the access policy and the services raise, in Dutch, for whoever
called them. The web layer turns them into pages (404, 403, 409, a form with its messages);
the CLI prints them. None of them knows HTTP."""
from __future__ import annotations


class NietGevonden(Exception):
    """No such record, or not one this user may see: the two look the same (R-9.1)."""


class BuitenBereik(NietGevonden):
    """A dossier outside the user's scope, or none at all; the web layer audits the attempt."""

    def __init__(self, dossier_id: int):
        super().__init__(dossier_id)
        self.dossier_id = dossier_id


class NietToegestaan(Exception):
    """The user may not do this (the access policy said no)."""


class Conflict(Exception):
    """Somebody else changed the record since the form was loaded: nothing was saved."""

    def __init__(self, titel: str, ingevuld: dict[str, str] | None = None):
        super().__init__(titel)
        self.titel = titel
        self.ingevuld = ingevuld or {}


class Ongeldig(Exception):
    """Input that passed the form but breaks a rule; `fouten` maps field name to Dutch text."""

    def __init__(self, fouten: dict[str, str]):
        super().__init__("; ".join(fouten.values()))
        self.fouten = fouten


class BestaandDossier(Ongeldig):
    """The person already has an open dossier in the user's organisation: link it."""

    def __init__(self, fouten: dict[str, str], dossier_id: int, nummer: str):
        super().__init__(fouten)
        self.dossier_id = dossier_id
        self.nummer = nummer


class Bevestigen(Ongeldig):
    """A value that is unusual but may be right: the user confirms it and sends it again."""


def oordeel(veld: str, fout: str | None, vraag: str | None, bevestigd: bool) -> None:
    """Raise for a refusal, or for a question not yet confirmed (rules.datums)."""
    if fout:
        raise Ongeldig({veld: fout})
    if vraag and not bevestigd:
        raise Bevestigen({veld: vraag})
