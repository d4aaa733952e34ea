"""`flask wegingskader score` and `simuleer` as specified (R-4.x, R-8.3)."""
import csv
import io
import json

import pytest

HEADER = ("id", "woonnood", "huishouden", "inkomen", "begeleiding_gemeente",
          "begeleiding_bereik", "kinderen", "cir_datum", "attest_datum")
ROWS = [
    ("1", "opvang", "alleenstaande", "1379,13", "Geel", "werkingsgebied", "0", "2023-05-01",
     "2023-06-01"),
    ("2", "ggz", "gezin", "1900.00", "geel", "gemeente", "3", "01/02/2023", "2023-06-15"),
    ("3", "geen_opvang", "alleenstaande", "1544,14", "Turnhout", "arrondissement", "0",
     "2023-01-01", "2023-07-01"),
    ("4", "bijzondere_omstandigheden", "gezin", "1000", "Mol", "gemeente", "1", "2023-01-01",
     "2023-02-01"),
    ("5", "opvang", "alleenstaande", "1200", "GEEL", "arrondissement", "0", "2023-05-01",
     "2023-06-01"),
]


def write(tmp_path, rows=ROWS, header=HEADER, sep=",", bom=False, name="lijst.csv"):
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\n").writerows([header, *rows])
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8"))
    return str(path)


def run(runner, *args):
    return runner.invoke(args=["wegingskader", *args])


def parse(stdout: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(stdout)))


EXPECTED = {
    # id: (woonnood, inkomen, begeleiding, kinderlast, totaal, in_aanmerking, rang)
    "1": ("20", "20", "5", "0", "45", "ja", "2"),
    "2": ("20", "20", "5", "2", "47", "ja", "1"),
    "3": ("15", "0", "5", "0", "20", "nee", ""),
    "4": ("0", "20", "5", "1", "26", "nee", ""),
    "5": ("20", "20", "5", "0", "45", "ja", "3"),  # tie with 1: same CIR and attest, id 1 < 5
}


@pytest.mark.parametrize("sep,bom", [(",", False), (";", False), (";", True), (",", True)])
def test_score_comma_and_semicolon_with_or_without_bom(runner, tmp_path, sep, bom):
    result = run(runner, "score", write(tmp_path, sep=sep, bom=bom), "--peildatum", "2023-08-01")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == \
        "id,woonnood,inkomen,begeleiding,kinderlast,totaal,in_aanmerking,rang,reden"
    rows = parse(result.stdout)
    assert [r["id"] for r in rows] == ["1", "2", "3", "4", "5"]  # input order
    for r in rows:
        assert (r["woonnood"], r["inkomen"], r["begeleiding"], r["kinderlast"], r["totaal"],
                r["in_aanmerking"], r["rang"]) == EXPECTED[r["id"]]
        assert (r["reden"] == "") == (r["in_aanmerking"] == "ja")
    assert "R-4.2" in rows[2]["reden"] and "R-4.7" in rows[3]["reden"]


def test_score_columns_in_any_order_and_optional_attest(runner, tmp_path):
    order = (7, 0, 3, 2, 1, 6, 5, 4)  # no attest_datum column at all
    header = tuple(HEADER[i] for i in order)
    rows = [tuple(r[i] for i in order) for r in ROWS]
    result = run(runner, "score", write(tmp_path, rows, header), "--peildatum", "2023-08-01")
    assert result.exit_code == 0, result.stderr
    ranks = {r["id"]: r["rang"] for r in parse(result.stdout)}
    assert ranks == {"1": "2", "2": "1", "3": "", "4": "", "5": "3"}


def test_score_for_a_dwelling_I_4_4(runner, tmp_path):
    result = run(runner, "score", write(tmp_path), "--peildatum", "2023-08-01",
                 "--gemeente", "herentals")
    rows = {r["id"]: r for r in parse(result.stdout)}
    assert rows["1"]["begeleiding"] == "3" and rows["1"]["rang"] == "1"
    assert rows["5"]["begeleiding"] == "3" and rows["5"]["rang"] == "2"
    assert rows["2"]["begeleiding"] == "0" and rows["2"]["in_aanmerking"] == "nee"
    assert "I-4.4" in rows["2"]["reden"]


def test_score_peildatum_picks_the_leefloon_version_R_4_2b(runner, tmp_path):
    row = ("9", "opvang", "alleenstaande", "1453,46", "Geel", "gemeente", "0", "2023-01-01", "")
    path = write(tmp_path, [row])
    before = parse(run(runner, "score", path, "--peildatum", "2024-04-30").stdout)[0]
    after = parse(run(runner, "score", path, "--peildatum", "31/05/2024").stdout)[0]
    assert (before["inkomen"], after["inkomen"]) == ("15", "20")


def test_bad_rows_are_reported_per_line_nothing_on_stdout_exit_2(runner, tmp_path):
    rows = [
        ROWS[0],
        ("6", "dakloos", "alleenstaande", "1000", "Geel", "gemeente", "0", "2023-01-01", ""),
        ("7", "opvang", "koppel", "-3", "Gent", "provincie", "twee", "31/02/2023", "x"),
        ("1", "opvang", "gezin", "1000", "Geel", "gemeente", "0", "2023-01-01", ""),
    ]
    result = run(runner, "score", write(tmp_path, rows, sep=";"))
    assert result.exit_code == 2
    assert result.stdout == ""
    errors = result.stderr.splitlines()
    assert "regel 3: kolom woonnood: onbekende woonnood 'dakloos'" in errors[0]
    for kolom in ("huishouden", "inkomen", "begeleiding_gemeente", "begeleiding_bereik",
                  "kinderen", "cir_datum", "attest_datum"):
        assert any(e.startswith(f"regel 4: kolom {kolom}: ") for e in errors), kolom
    assert any(e.startswith("regel 5: kolom id: ") for e in errors)


def test_missing_column_and_wrong_field_count(runner, tmp_path):
    result = run(runner, "score", write(tmp_path, [r[:8] for r in ROWS], HEADER[:7]))
    assert result.exit_code == 2 and result.stdout == ""
    assert "regel 1: kolom cir_datum: ontbreekt" in result.stderr
    path = tmp_path / "kapot.csv"
    path.write_text(",".join(HEADER) + "\n1,opvang,gezin\n", encoding="utf-8")
    result = run(runner, "score", str(path))
    assert result.exit_code == 2 and result.stderr.startswith("regel 2: ")


@pytest.mark.parametrize("args,words", [
    (["--peildatum", "gisteren"], "--peildatum"),
    (["--gemeente", "Parijs"], "onbekende gemeente"),
])
def test_bad_options_exit_2(runner, tmp_path, args, words):
    result = run(runner, "score", write(tmp_path), *args)
    assert result.exit_code == 2 and result.stdout == "" and words in result.stderr


def test_missing_or_non_utf8_file_exits_2(runner, tmp_path):
    assert run(runner, "score", str(tmp_path / "nope.csv")).exit_code == 2
    path = tmp_path / "latin1.csv"
    path.write_bytes(",".join(HEADER).encode() + b"\n1,opvang,gezin,1000,M\xe9chelen\n")
    result = run(runner, "score", str(path))
    assert result.exit_code == 2 and "UTF-8" in result.stderr


def test_simuleer_json_R_8_3(runner, tmp_path):
    result = run(runner, "simuleer", write(tmp_path, sep=";"), "--start", "2023-05-01",
                 "--maanden", "3", "--woningen-per-maand", "1", "--json")
    assert result.exit_code == 0, result.stderr
    r = json.loads(result.stdout)
    # 01/06: pool 1, 4, 5 (attest <= date); 4 not eligible; 1 wins on id over 5.
    # 01/07: pool 5, 2, 3; 2 has the highest total. 01/08: pool 5, 3; 5 is eligible.
    assert r["kandidaten"] == 5
    assert r["per_maand"] == [1, 1, 1]
    assert r["toegewezen"] == 3
    assert r["niet_toegewezen_in_aanmerking"] == 0
    assert r["per_woonnood"] == {"opvang": 2, "ggz": 1, "geen_opvang": 0,
                                 "bijzondere_omstandigheden": 0}
    # waits: 1: 0 days, 2: 16 days (15/06 -> 01/07), 5: 61 days (01/06 -> 01/08)
    assert r["wachttijd_dagen"] == {"gemiddelde": 25.7, "mediaan": 16}


def test_simuleer_leaves_eligible_waiting(runner, tmp_path):
    result = run(runner, "simuleer", write(tmp_path), "--start", "01/05/2023", "--maanden", "1",
                 "--woningen-per-maand", "1", "--json")
    r = json.loads(result.stdout)
    assert (r["toegewezen"], r["niet_toegewezen_in_aanmerking"]) == (1, 1)  # 5 still waits


def test_simuleer_requires_attest_datum(runner, tmp_path):
    rows = [r[:8] + ("",) for r in ROWS]
    result = run(runner, "simuleer", write(tmp_path, rows), "--start", "2023-05-01",
                 "--maanden", "2", "--woningen-per-maand", "1", "--json")
    assert result.exit_code == 2 and result.stdout == ""
    assert "regel 2: kolom attest_datum: leeg" in result.stderr


def test_simuleer_readable_dutch_summary(runner, tmp_path):
    result = run(runner, "simuleer", write(tmp_path), "--start", "2023-05-01", "--maanden", "3",
                 "--woningen-per-maand", "1")
    assert result.exit_code == 0
    assert "toegewezen:" in result.stdout and "mediaan 16" in result.stdout
    assert "gemiddeld 25,7" in result.stdout


def test_score_works_before_flask_init_with_the_tables_of_rules_md(tmp_path):
    from tests.conftest import make_app

    app = make_app(f"sqlite:///{tmp_path / 'leeg.sqlite'}", str(tmp_path / "instance"))
    result = app.test_cli_runner().invoke(args=["wegingskader", "score", write(tmp_path),
                                                "--peildatum", "2023-08-01"])
    assert result.exit_code == 0, result.stderr
    assert {r["id"]: r["rang"] for r in parse(result.stdout)} == \
        {"1": "2", "2": "1", "3": "", "4": "", "5": "3"}
