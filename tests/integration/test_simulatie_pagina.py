"""The simulation page for coördinatoren (R-8.3): upload a CSV, see the table and the chart."""
import io

from tests.builders import login
from tests.integration.test_wegingskader_cli import HEADER, ROWS


def csv_bytes(rows=ROWS, sep=";") -> bytes:
    lines = [sep.join(HEADER)] + [sep.join(r) for r in rows]
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


def post(client, content: bytes, **extra):
    data = {"start": "2023-05-01", "maanden": "3", "woningen_per_maand": "1",
            "bestand": (io.BytesIO(content), "lijst.csv")} | extra
    return client.post("/simulatie/", data=data, content_type="multipart/form-data")


def test_coordinator_runs_the_simulation(client, world):
    login(client, world.coord)
    assert client.get("/simulatie/").status_code == 200
    response = post(client, csv_bytes())
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="toegewezen">3<' in page
    assert "mediaan 16 dagen" in page and "gemiddeld 25,7 dagen" in page
    assert "<svg" in page and "<rect" in page


def test_bad_file_reports_lines_at_the_field(client, world):
    login(client, world.coord)
    bad = list(ROWS) + [("9", "dakloos", "gezin", "1", "Geel", "gemeente", "0", "2023-01-01",
                         "")]
    response = post(client, csv_bytes(bad))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "regel 7: kolom woonnood" in page and "regel 7: kolom attest_datum: leeg" in page
    assert post(client, b"\xff\xfe\x00").status_code == 422
    assert post(client, csv_bytes(), maanden="0").status_code == 422


def test_only_coordinators(client, world):
    login(client, world.hb)
    assert client.get("/simulatie/").status_code == 403
