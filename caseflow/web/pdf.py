"""Printable reports: HTML rendered by the app's own templates, made into PDF by WeasyPrint.
Nothing is fetched while rendering (stylesheets are in the page or read from the app's static
folder, the charts are inline SVG),
so a report cannot be made to reach another address."""
from __future__ import annotations

from pathlib import Path

from flask import current_app
from weasyprint import CSS, HTML


def _niets_ophalen(url: str, *_args, **_kwargs):
    raise ValueError(f"Een rapport haalt niets op ({url}).")


def als_pdf(html: str, *stijlen: str) -> bytes:
    """The PDF of one HTML page (its @page rules set the paper: A4 in our reports), with the
    app's own stylesheets named (read from its static folder, never fetched)."""
    map_ = Path(current_app.static_folder)
    return HTML(string=html, url_fetcher=_niets_ophalen).write_pdf(
        stylesheets=[CSS(filename=str(map_ / naam)) for naam in stijlen])
