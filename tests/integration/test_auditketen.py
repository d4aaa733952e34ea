"""ASVS 7.3.4, I-9.2: the audit trail is a hash chain. Sealed events carry the hash of their
content and of the event before; `flask audit verify` passes on what the app wrote and names
the first event edited, removed or slipped in directly in the database."""
from datetime import date, datetime, timedelta, timezone

import time_machine
from sqlalchemy import func, select, text

from caseflow.extensions import db
from caseflow.models import AuditAnker, AuditEvent
from caseflow.services import auditketen, dossiers
from tests.builders import login, new_dossier


def _alles_verzegeld() -> int:
    return auditketen.verzegelen(datetime.now(timezone.utc) + timedelta(seconds=1))


def _gebeurtenissen(client, world) -> list[int]:
    d = new_dossier(world.hv, world.woonboog)
    login(client, world.hv)
    for _ in range(3):
        assert client.get(f"/dossiers/{d.id}").status_code == 200
    return list(db.session.scalars(select(AuditEvent.id).order_by(AuditEvent.id)))


def test_ASVS_7_3_4_verify_passes_on_what_the_app_wrote_and_names_an_edited_row(
        client, world, runner):
    ids = _gebeurtenissen(client, world)
    assert _alles_verzegeld() == len(ids) >= 5
    assert _alles_verzegeld() == 0  # idempotent
    ok = runner.invoke(args=["audit", "verify"])
    assert ok.exit_code == 0 and f"{len(ids)} gebeurtenis(sen) gecontroleerd" in ok.output
    doelwit = ids[2]
    db.session.execute(text("UPDATE audit_event SET actie = 'niets_gezien' WHERE id = :id"),
                       {"id": doelwit})
    db.session.commit()
    gebroken = runner.invoke(args=["audit", "verify"])
    assert gebroken.exit_code == 1
    assert f"gebeurtenis id {doelwit} " in gebroken.output and "gewijzigd" in gebroken.output


def test_ASVS_7_3_4_a_removed_or_inserted_row_breaks_the_chain(client, world):
    ids = _gebeurtenissen(client, world)
    _alles_verzegeld()
    db.session.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": ids[1]})
    db.session.commit()
    assert "nummer 2 ontbreekt" in auditketen.verifieren().fout
    # Renumbering the rest to hide the hole breaks the links instead.
    db.session.execute(text("UPDATE audit_event SET volgnummer = volgnummer - 1 "
                            "WHERE volgnummer > 2"))
    db.session.commit()
    assert "klopt niet" in auditketen.verifieren().fout


def test_events_of_the_last_minute_wait_and_every_finished_day_is_anchored(world):
    """An event is sealed once its transaction has surely committed; a day's last sealed
    event is pinned, and rewriting the whole chain after it shows against the anchor."""
    with time_machine.travel(datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc), tick=False):
        new_dossier(world.hv, world.woonboog)
        assert auditketen.verzegelen() == 0  # recorded this very minute
    with time_machine.travel(datetime(2026, 3, 3, 9, 0, tzinfo=timezone.utc), tick=False):
        aantal = auditketen.verzegelen()
        assert aantal >= 1
        anker = db.session.get(AuditAnker, date(2026, 3, 2))
        assert anker is not None and anker.volgnummer == aantal
    assert auditketen.verifieren().in_orde
    db.session.execute(text("UPDATE audit_anker SET hash = :h"), {"h": "f" * 64})
    db.session.commit()
    assert "anker van 2026-03-02" in auditketen.verifieren().fout


def test_verify_reports_events_left_unsealed_too_long(world):
    with time_machine.travel(datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc), tick=False):
        dossiers.caseload(world.hv)
    uitslag = auditketen.verifieren()
    assert uitslag.in_orde and uitslag.onverzegeld == uitslag.te_lang_open == \
        db.session.scalar(select(func.count(AuditEvent.id)))


def test_ASVS_7_3_4_verify_passes_on_the_demo_data(runner, app):
    assert runner.invoke(args=["demo-data"]).exit_code == 0
    verzegeld = runner.invoke(args=["audit", "verzegel", "--alles"])
    assert verzegeld.exit_code == 0
    aantal = db.session.scalar(select(func.count(AuditEvent.id)))
    assert f"{aantal} gebeurtenis(sen) verzegeld" in verzegeld.output
    uitslag = runner.invoke(args=["audit", "verify"])
    assert uitslag.exit_code == 0 and "in orde" in uitslag.output


def test_I_9_2_a_coordinator_reads_who_looked_at_a_dossier_in_scope_and_nobody_else(
        app, client, world):
    d = new_dossier(world.hv, world.woonboog)
    login(client, world.hv)
    assert client.get(f"/dossiers/{d.id}").status_code == 200
    assert client.get(f"/dossiers/{d.id}/audit").status_code == 403  # not for a hulpverlener
    coord = app.test_client()
    login(coord, world.coord)
    assert "Wie bekeek of wijzigde dit dossier" in coord.get(f"/dossiers/{d.id}").get_data(
        as_text=True)
    pagina = coord.get(f"/dossiers/{d.id}/audit").get_data(as_text=True)
    assert "Dossier bekeken" in pagina and world.hv.naam in pagina
    assert coord.post(f"/dossiers/{d.id}/audit").status_code == 405  # nothing to change
    ander = app.test_client()
    login(ander, world.coord_ocmw)
    assert ander.get(f"/dossiers/{d.id}/audit").status_code == 404  # not in its scope
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(
        AuditEvent.actie == "audit_bekeken", AuditEvent.gebruiker_id == world.coord.id)) == 1
