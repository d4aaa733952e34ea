"""The one nl-BE formatter, and exports that a spreadsheet never runs as formulas (I-9.2:
a name typed by a person reaches the coördinator's spreadsheet as text)."""
import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from caseflow import formaat
from caseflow.services.export import csv_bytes, xlsx_bytes
from caseflow.services.monitoring import Tabel


def test_dates_amounts_and_numbers_read_as_in_belgium():
    assert formaat.datum(date(2026, 11, 27)) == "27/11/2026"
    assert formaat.euro(Decimal("1314.2")) == "€\xa01.314,20"
    assert formaat.csv_cel(Decimal("12.5")) == "12,5"
    assert formaat.parse_datum("31/01/2023") == formaat.parse_datum("2023-01-31")


@pytest.mark.parametrize("naam", ["=HYPERLINK(\"http://x\",\"klik\")", "+32 14 00 00 00",
                                  "-1", "@SUM(A1)"])
def test_a_cell_that_looks_like_a_formula_is_exported_as_text(naam):
    tabel = Tabel("t", "Test", ["Organisatie", "Aantal"], [[naam, 3]])
    rijen = list(csv.reader(io.StringIO(csv_bytes(tabel).decode("utf-8-sig")), delimiter=";"))
    assert rijen[1] == ["'" + naam, "3"]
    blad = load_workbook(io.BytesIO(xlsx_bytes(tabel))).active
    assert blad["A3"].data_type == "s" and blad["A3"].value == "'" + naam
    assert blad["B3"].value == 3  # numbers stay numbers


def test_ordinary_text_is_left_alone():
    assert formaat.als_tekst("CAW De Kempen") == "CAW De Kempen"
