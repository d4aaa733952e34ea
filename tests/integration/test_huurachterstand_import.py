"""Import of rent arrears: raises or updates, twice is safe, unmatched rows
are reported without stopping the rest (I-7.1, I-7.3)."""
import io

import pytest
from sqlalchemy import select

from caseflow.extensions import db
from caseflow.models import Signaal
from tests.builders import advance, fresh, login, new_dossier


@pytest.fixture
def huurders(world):
    result = []
    for i, naam in enumerate(("Een", "Twee")):
        from datetime import date

        from caseflow.services.demo import rijksregisternummer

        d = new_dossier(world.hv, world.woonboog, achternaam=naam,
                        geboortedatum=date(1980, 1, 1 + i),
                        rijksregisternummer=rijksregisternummer(date(1980, 1, 1 + i), 11))
        advance(d, "attest_voorbereiden", "attest_uitreiken", "attest_bevestigen", "toewijzen",
                "zonder_begeleiding_opvolgen", hv=world.hv, hb=world.hb)
        result.append(fresh(d))
    return result


def csv_file(tmp_path, rows, sep=";"):
    path = tmp_path / "achterstand.csv"
    path.write_text("\n".join([sep.join(("dossier", "bedrag", "maanden", "datum"))] +
                              [sep.join(r) for r in rows]) + "\n", encoding="utf-8")
    return str(path)


def run(runner, path):
    return runner.invoke(args=["signalen", "importeer", path, "--woonmaatschappij", "Woonboog"])


def test_import_twice_creates_no_duplicates(runner, tmp_path, world, huurders):
    een, twee = huurders
    path = csv_file(tmp_path, [(een.nummer, "550,00", "1", "2026-11-01"),
                               (twee.rijksregisternummer, "1.300,00", "2", "01/11/2026"),
                               ("D1999-99999", "10", "1", "2026-11-01"),
                               (een.nummer, "x", "1", "2026-11-01")])
    first = run(runner, path)
    assert first.exit_code == 0, first.output
    assert "2 nieuw, 0 bijgewerkt, 0 ongewijzigd, 2 niet verwerkt" in first.stdout
    assert "regel 4: kolom dossier" in first.stderr and "regel 5:" in first.stderr
    signalen = {s.dossier_id: s for s in db.session.scalars(select(Signaal))}
    assert signalen[een.id].status == "gemeld"
    assert signalen[twee.id].status == "aanvraag"  # I-7.3: two months escalate
    assert signalen[twee.id].coordinator_verwittigd_op is not None
    second = run(runner, path)
    assert "0 nieuw, 0 bijgewerkt, 2 ongewijzigd" in second.stdout
    assert len(db.session.scalars(select(Signaal)).all()) == 2


def test_changed_arrears_update_the_open_signaal(runner, tmp_path, world, huurders):
    een, _ = huurders
    run(runner, csv_file(tmp_path, [(een.nummer, "550", "1", "2026-11-01")]))
    result = run(runner, csv_file(tmp_path, [(een.nummer, "1100", "2", "2026-12-01")], sep=","))
    assert "0 nieuw, 1 bijgewerkt" in result.stdout
    s = db.session.scalars(select(Signaal)).one()
    assert (s.maanden, s.status) == (2, "aanvraag")


def test_bad_file_and_unknown_woonmaatschappij_exit_2(runner, tmp_path, world):
    path = tmp_path / "kapot.csv"
    path.write_text("dossier;bedrag\nD1;1\n", encoding="utf-8")
    result = run(runner, str(path))
    assert result.exit_code == 2 and "kolom maanden: ontbreekt" in result.stderr
    other = runner.invoke(args=["signalen", "importeer", str(path), "--woonmaatschappij", "X"])
    assert other.exit_code == 2


def test_upload_page(client, world, huurders):
    een, _ = huurders
    login(client, world.hb)
    data = {"bestand": (io.BytesIO(f"dossier,bedrag,maanden,datum\n{een.nummer},300,1,"
                                   "2026-11-01\n".encode()), "a.csv")}
    response = client.post("/signalen/import", data=data, content_type="multipart/form-data")
    assert response.status_code == 200 and "1 nieuw" in response.get_data(as_text=True)
    client.post("/afmelden")
    login(client, world.hv)
    assert client.get("/signalen/import").status_code == 403
