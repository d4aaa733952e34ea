"""Printable reports: HTML rendered by the app's own templates, made into PDF by WeasyPrint.
Nothing is fetched while rendering (the stylesheet is in the page, the charts are inline SVG),
so a report cannot be made to reach another address."""
from __future__ import annotations

from weasyprint import HTML


def _niets_ophalen(url: str, *_args, **_kwargs):
    raise ValueError(f"Een rapport haalt niets op ({url}).")


def als_pdf(html: str) -> bytes:
    """The PDF of one HTML page (its @page rules set the paper: A4 in our reports)."""
    return HTML(string=html, url_fetcher=_niets_ophalen).write_pdf()
