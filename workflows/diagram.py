"""A workflow drawn as SVG from its transition table: states from left to
right, forward transitions as arcs above, backward ones below, a loop for a state to itself.
Each arc carries the number of its row in the table beside it, so the labels stay readable."""
from __future__ import annotations

import textwrap
from html import escape

from workflows.attest import WORKFLOW as attest
from workflows.base import Workflow
from workflows.begeleidingsovereenkomst import WORKFLOW as bo
from workflows.dossier import WORKFLOW as dossier
from workflows.signaal import WORKFLOW as signaal

BREEDTE, HOOGTE, STAP = 134, 58, 150


def _regels(naam: str, lengte: int = 17) -> list[str]:
    """A state's name in full, wrapped inside its box (at most three lines)."""
    return textwrap.wrap(naam, lengte, break_long_words=False)[:3] or [""]


def _naam(x: float, boven: float, naam: str) -> str:
    regels = _regels(naam)
    y = boven + HOOGTE / 2 + 4 - (len(regels) - 1) * 7
    tspans = "".join(f'<tspan x="{x:.0f}" y="{y + i * 14:.0f}">{escape(r)}</tspan>'
                     for i, r in enumerate(regels))
    return f'<text font-size="12" text-anchor="middle">{tspans}</text>'


def rijen(wf: Workflow) -> list[dict]:
    """The transitions numbered as on the drawing: from, to, action and its conditions."""
    result = []
    for t in wf.transities:
        for bron in t.bronnen:
            result.append({"nr": len(result) + 1, "van": wf.states[bron],
                           "naar": wf.states[t.doel], "actie": t.label,
                           "voorwaarden": [wf.uitleg(g.__name__) for g in t.guards]})
    return result


def svg(wf: Workflow) -> str:
    volgorde = list(wf.states)
    x = {s: 20 + i * STAP for i, s in enumerate(volgorde)}
    boven = max(1, len(volgorde)) * 22 + 40
    breedte = 40 + len(volgorde) * STAP
    hoogte = boven + HOOGTE + len(volgorde) * 22 + 40
    delen = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="workflow" '
             f'viewBox="0 0 {breedte} {hoogte}" width="100%" '
             f'aria-labelledby="wf-{wf.naam}-titel">',
             f'<title id="wf-{wf.naam}-titel">Workflow {escape(wf.naam)}</title>',
             '<defs><marker id="pijl" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
             'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
             'fill="#52606d"/></marker></defs>']
    nr = 0
    for t in wf.transities:
        for bron in t.bronnen:
            nr += 1
            a, b = x[bron] + BREEDTE / 2, x[t.doel] + BREEDTE / 2
            if bron == t.doel:
                y = boven
                pad = (f"M{a - 15},{y} C{a - 40},{y - 45} {a + 40},{y - 45} {a + 15},{y}")
                lx, ly = a, y - 38
            else:
                vooruit = volgorde.index(t.doel) > volgorde.index(bron)
                afstand = abs(volgorde.index(t.doel) - volgorde.index(bron))
                h = 18 + afstand * 20
                y = boven if vooruit else boven + HOOGTE
                top = y - h if vooruit else y + h
                pad = f"M{a},{y} C{a},{top} {b},{top} {b},{y}"
                lx, ly = (a + b) / 2, (y - h * 0.75 - 3) if vooruit else (y + h * 0.75 + 11)
            delen.append(f'<path d="{pad}" fill="none" stroke="#52606d" stroke-width="1.2" '
                         f'marker-end="url(#pijl)"><title>{nr}. {escape(t.label)}</title></path>')
            delen.append(f'<text x="{lx:.0f}" y="{ly:.0f}" font-size="12" text-anchor="middle" '
                         f'fill="#1d4f73">{nr}</text>')
    for s in volgorde:
        rand = ' stroke-width="2.5"' if s == wf.initial else ""
        delen.append(f'<rect x="{x[s]}" y="{boven}" width="{BREEDTE}" height="{HOOGTE}" rx="6" '
                     f'fill="#eef3f7" stroke="#1d4f73"{rand}/>')
        delen.append(_naam(x[s] + BREEDTE / 2, boven, wf.states[s]))
    delen.append("</svg>")
    return "".join(delen)


def alle() -> dict[str, Workflow]:
    """Every workflow of Caseflow by name (the CLI's diagram command and the rules page)."""
    return {"dossier": dossier, "attest": attest, "begeleidingsovereenkomst": bo,
            "signaal": signaal}
