"""What a beheerder may enter as a new version of a setting (I-4.2a): checked before it counts."""
from __future__ import annotations

import copy
from decimal import Decimal, InvalidOperation

from caseflow.formaat import parse_bedrag
from caseflow.rules import bewaring, herinneringen
from caseflow.rules.wegingskader import BEREIKEN, WOONNOOD_BY_CODE

SLEUTELS = {
    "leefloon": "Leefloon per maand (R-4.2b)",
    "inkomen_toeslagen": "Toeslagen op het leefloon en hun punten (R-4.2, I-4.2a)",
    "punten_woonnood": "Punten actuele woonnood (R-4.1)",
    "punten_kinderlast": "Punten kinderlast (R-4.5, I-4.5a)",
    "punten_begeleiding": "Punten begeleiding (R-4.3)",
    "attest_geldigheid_maanden": "Geldigheid van een attest in maanden (I-3.4)",
    "begeleidingsovereenkomst_maanden": "Looptijd van een begeleidingsovereenkomst in maanden "
    "(R-6.2)",
    "housing_first_capaciteit": "Nieuwe Housing First-begeleidingen per jaar (R-5.2.1)",
    "lokale_binding_pijler3": "Lokale binding pijler 3, de mildere vorm (R-2.3): jaren "
    "onafgebroken in de gemeente binnen een venster van jaren vóór de toewijzing",
    "signaal_termijnen": "Termijnen van een aanvraag aanklampende begeleiding in werkdagen "
    "(I-7.2)",
    "herinneringen": "Herinneringen: dagen vooraf, en dagen zonder wijziging tot een dossier "
    "stilvalt",
    "bewaartermijn_jaren": "Bewaartermijn: jaren na het afsluiten tot een dossier "
    "gepseudonimiseerd wordt (I-9.2)",
}


def _bedrag(value, wat: str) -> str:
    try:
        bedrag = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"{wat}: '{value}' is geen bedrag") from None
    if not bedrag.is_finite() or bedrag < 0 or bedrag.as_tuple().exponent < -2:
        raise ValueError(f"{wat}: geef een bedrag van 0 of meer met hoogstens 2 decimalen")
    return f"{bedrag:.2f}"


def _punten(value, wat: str, maximum: int = 20) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= maximum:
        raise ValueError(f"{wat}: geef een geheel aantal punten van 0 tot {maximum}")
    return value


def _lokale_binding(waarde) -> dict[str, int]:
    """R-2.3: at most as strict as R-2.5 (5 years in a window of 10)."""
    if not isinstance(waarde, dict) or set(waarde) != {"venster_jaren", "jaren"}:
        raise ValueError("geef 'venster_jaren' en 'jaren'")
    venster = _punten(waarde["venster_jaren"], "venster_jaren", 10)
    jaren = _punten(waarde["jaren"], "jaren", 5)
    if not 1 <= jaren <= venster:
        raise ValueError("jaren: minstens 1 en niet meer dan het venster")
    return {"venster_jaren": venster, "jaren": jaren}


def _sleutels(waarde, verwacht: set, melding: str) -> dict:
    if not isinstance(waarde, dict) or set(waarde) != verwacht:
        raise ValueError(melding)
    return waarde


def _geheel(waarde, minimum: int, maximum: int, melding: str) -> int:
    if not isinstance(waarde, int) or isinstance(waarde, bool) or \
            not minimum <= waarde <= maximum:
        raise ValueError(melding)
    return waarde


def _leefloon(waarde) -> dict:
    _sleutels(waarde, {"alleenstaande", "gezinslast"},
              "geef de bedragen voor 'alleenstaande' en 'gezinslast'")
    return {k: _bedrag(v, k) for k, v in waarde.items()}


def _toeslagen(waarde) -> dict:
    _sleutels(waarde, {"alleenstaande", "gezin"},
              "geef de toeslagen voor 'alleenstaande' en 'gezin'")
    result = {}
    for huishouden, rijen in waarde.items():
        if not isinstance(rijen, list) or not rijen or not all(
                isinstance(r, list) and len(r) == 2 for r in rijen):
            raise ValueError(f"{huishouden}: geef een lijst van [toeslag, punten]")
        paren = [[_bedrag(t, huishouden), _punten(p, huishouden)] for t, p in rijen]
        toeslagen = [Decimal(t) for t, _ in paren]
        if toeslagen != sorted(toeslagen):
            raise ValueError(f"{huishouden}: de toeslagen stijgen van categorie 1 naar 2")
        result[huishouden] = paren
    return result


def _woonnood(waarde) -> dict:
    _sleutels(waarde, set(WOONNOOD_BY_CODE),
              "geef punten voor elke woonnoodcode van R-4.1, niet meer en niet minder")
    return {code: None if punten is None else _punten(punten, code)
            for code, punten in waarde.items()}


def _kinderlast(waarde) -> list:
    if not isinstance(waarde, list) or not waarde:
        raise ValueError("geef een lijst met punten voor 0, 1, 2, ... kinderen")
    rij = [_punten(p, f"{i} kinderen", 5) for i, p in enumerate(waarde)]
    if rij != sorted(rij):
        raise ValueError("meer kinderen geeft nooit minder punten")
    return rij


def _begeleiding(waarde) -> dict:
    _sleutels(waarde, set(BEREIKEN),
              "geef punten voor gemeente, werkingsgebied en arrondissement")
    return {k: _punten(v, k, 5) for k, v in waarde.items()}


def _termijnen(waarde) -> dict:
    _sleutels(waarde, {"erkennen", "contact", "casusoverleg"},
              "geef werkdagen voor erkennen, contact en casusoverleg")
    return {k: _punten(v, k, 120) for k, v in waarde.items()}


# How each setting's value is checked and normalised: one small function per setting.
VALIDATIE = {
    "leefloon": _leefloon,
    "inkomen_toeslagen": _toeslagen,
    "punten_woonnood": _woonnood,
    "punten_kinderlast": _kinderlast,
    "punten_begeleiding": _begeleiding,
    "attest_geldigheid_maanden": lambda w: _geheel(
        w, 1, 24, "geef een geheel aantal maanden van 1 tot 24"),
    "signaal_termijnen": _termijnen,
    "begeleidingsovereenkomst_maanden": lambda w: _geheel(
        w, 1, 120, "geef een geheel getal van 1 tot 120"),
    "housing_first_capaciteit": lambda w: _geheel(w, 1, 120, "geef een geheel getal van 1 tot 120"),
    "lokale_binding_pijler3": lambda w: _lokale_binding(w),
    "herinneringen": lambda w: herinneringen.valideer(w),
    "bewaartermijn_jaren": bewaring.valideer_jaren,
}


def valideer(sleutel: str, waarde):
    """The value normalised, or ValueError with a Dutch message."""
    if sleutel not in VALIDATIE:
        raise ValueError(f"onbekende instelling '{sleutel}'")
    return VALIDATIE[sleutel](waarde)

# --- a setting edited as the table it is, not as JSON -----------------------------------------

def velden(waarde, pad: tuple = ()) -> list[tuple[tuple, object]]:
    """The editable leaves of a setting's value, each with its path (keys and indexes)."""
    if isinstance(waarde, dict):
        return [v for k, w in waarde.items() for v in velden(w, (*pad, k))]
    if isinstance(waarde, list):
        return [v for i, w in enumerate(waarde) for v in velden(w, (*pad, i))]
    return [(pad, waarde)]


def is_bedrag(waarde) -> bool:
    """Amounts are kept as strings like "1314.20" (never floats)."""
    if not isinstance(waarde, str):
        return False
    try:
        Decimal(waarde)
    except InvalidOperation:
        return False
    return True


def _zet(doel, pad: tuple, waarde):
    """`doel` with `waarde` at `pad` (the value itself for a setting that is one number)."""
    if not pad:
        return waarde
    wortel = doel
    for stap in pad[:-1]:
        doel = doel[stap]
    doel[pad[-1]] = waarde
    return wortel


def _lees_blad(voorbeeld, tekst: str):
    """One typed value, of the kind the current version has there; ValueError in Dutch."""
    tekst = (tekst or "").strip()
    if not tekst:
        raise ValueError("vul dit in")
    if is_bedrag(voorbeeld):
        return f"{parse_bedrag(tekst):.2f}"
    if isinstance(voorbeeld, int) and not isinstance(voorbeeld, bool):
        if not tekst.lstrip("-").isdigit() or len(tekst) > 6:
            raise ValueError("geef een geheel getal")
        return int(tekst)
    raise ValueError("dit veld is niet te wijzigen")


def opbouw(sjabloon, invoer: dict[str, str]) -> tuple[object, dict[str, str]]:
    """The new value shaped like `sjabloon` (the version in force) from what was typed per
    field (`invoer`: path joined with '.' -> text); errors per field, in Dutch. A leaf that
    is None in the template (not scored, R-4.7) stays None."""
    nieuw, fouten = copy.deepcopy(sjabloon), {}
    for pad, voorbeeld in velden(sjabloon):
        if voorbeeld is None:
            continue
        naam = ".".join(map(str, pad))
        try:
            nieuw = _zet(nieuw, pad, _lees_blad(voorbeeld, invoer.get(naam, "")))
        except ValueError as e:
            fouten[naam] = str(e)
    return nieuw, fouten
