"""Every monitoring table as CSV (semicolon, UTF-8 with BOM, as Excel in Belgium opens it) and
as XLSX (openpyxl)."""
from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

from caseflow import formaat
from caseflow.services.monitoring import Tabel


def _cel(waarde):
    if isinstance(waarde, Decimal):
        return float(waarde)
    if isinstance(waarde, str):
        return formaat.als_tekst(waarde)
    return "" if waarde is None else waarde


def csv_bytes(tabel: Tabel) -> bytes:
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow([formaat.als_tekst(k) for k in tabel.kolommen])
    for rij in tabel.rijen:
        schrijver.writerow([formaat.csv_cel(w) for w in rij])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(tabel: Tabel) -> bytes:
    boek = Workbook()
    blad = boek.active
    blad.title = tabel.naam[:31]
    blad.append([tabel.titel])
    blad["A1"].font = Font(bold=True)
    blad.append(tabel.kolommen)
    for cel in blad[2]:
        cel.font = Font(bold=True)
    for rij in tabel.rijen:
        blad.append([_cel(w) for w in rij])
    for i, kolom in enumerate(tabel.kolommen, start=1):
        breedte = max([len(str(kolom))] + [len(str(r[i - 1])) for r in tabel.rijen])
        blad.column_dimensions[blad.cell(row=2, column=i).column_letter].width = min(
            breedte + 2, 60)
    buffer = io.BytesIO()
    boek.save(buffer)
    return buffer.getvalue()
