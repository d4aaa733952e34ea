"""Searching a person by name: case, accents and spacing do not count, so "joelle celik"
finds Joëlle Çelik, and any part of "voornaam achternaam" matches."""
from __future__ import annotations

import unicodedata


def normaliseer(tekst: str | None) -> str:
    """Lower case, without accents, single spaces: the form names are stored and sought in."""
    ontleed = unicodedata.normalize("NFKD", tekst or "")
    zonder = "".join(c for c in ontleed if not unicodedata.combining(c))
    return " ".join(zonder.casefold().split())


def zoeknaam(voornaam: str | None, achternaam: str | None) -> str:
    """The stored search form of a person's name."""
    return normaliseer(f"{voornaam or ''} {achternaam or ''}")
