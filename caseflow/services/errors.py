"""Errors the services raise for the views to show in Dutch."""
from __future__ import annotations


class Conflict(Exception):
    """Somebody else changed the record since the form was loaded: nothing was saved."""

    def __init__(self, titel: str, terug_url: str, ingevuld: dict[str, str] | None = None):
        super().__init__(titel)
        self.titel = titel
        self.terug_url = terug_url
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
