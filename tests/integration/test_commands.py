"""flask init, demo-data, users create, workflows diagram."""
from sqlalchemy import func, select

from caseflow.extensions import db
from caseflow.models import Dossier, Gebruiker, Gemeente, Instelling, Quotum, Zone
from workflows.dossier import STATES


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_init_is_idempotent_and_loads_reference_data_R_1_2_R_1_4_R_5_3(app, runner):
    # The app fixture already loaded the reference data once; init runs the migrations too
    # on SQLite (PostgreSQL's schema is built by create_all, so only laad is repeated there).
    from caseflow.services import referentie

    assert referentie.laad() == {"organisaties": 0, "zones": 0, "gemeenten": 0, "quota": 0,
                                 "instellingen": 0}
    assert count(Gemeente) == 27
    assert count(Zone) == 5
    assert db.session.scalar(select(func.sum(Zone.patrimonium))) == 11275
    assert db.session.scalar(select(func.sum(Quotum.aantal))) == 150
    leefloon = db.session.scalars(select(Instelling).where(Instelling.sleutel == "leefloon")
                                  .order_by(Instelling.ingangsdatum)).all()
    assert [v.waarde["alleenstaande"] for v in leefloon] == ["1214.13", "1288.46", "1314.20"]


def test_demo_data_fills_every_stage_and_prints_logins(app, runner, backend):
    result = runner.invoke(args=["demo-data", "--wachtwoord", "demo-wachtwoord-123"])
    assert result.exit_code == 0, result.output
    assert "demo-wachtwoord-123" in result.output
    assert "hulpverlener@caw.demo" in result.output
    stages = dict(db.session.execute(select(Dossier.status, func.count())
                                     .group_by(Dossier.status)).all())
    assert set(stages) == set(STATES)
    assert sum(stages.values()) == 60
    rollen = set(db.session.scalars(select(Gebruiker.rol)))
    assert rollen == {"hulpverlener", "huurbegeleider", "coordinator", "beheerder"}
    again = runner.invoke(args=["demo-data", "--if-empty"])
    assert "geen demodata" in again.output
    assert count(Dossier) == 60


def test_reminders_on_the_demo_data_twice_new_then_none(app, runner):
    """Issue 6 acceptance: `herinneringen verwerk --json` twice on the demo data."""
    import json

    runner.invoke(args=["demo-data", "--wachtwoord", "demo-wachtwoord-123"])
    eerste = json.loads(runner.invoke(args=["herinneringen", "verwerk", "--json"]).stdout)
    tweede = json.loads(runner.invoke(args=["herinneringen", "verwerk", "--json"]).stdout)
    assert eerste["nieuw"] > 0 and eerste["nieuw"] == sum(eerste["per_soort"].values())
    assert tweede["nieuw"] == 0 and tweede["per_soort"] == {}


def test_users_create(app, runner, world):
    result = runner.invoke(args=["users", "create", "--email", "Nieuw@CAW.test", "--naam",
                                 "Nieuwe Collega", "--rol", "hulpverlener", "--organisatie",
                                 "CAW De Kempen", "--wachtwoord", "een-lang-wachtwoord"])
    assert result.exit_code == 0, result.output
    g = db.session.scalars(select(Gebruiker).where(Gebruiker.email == "nieuw@caw.test")).one()
    assert g.controleer_wachtwoord("een-lang-wachtwoord")
    assert "een-lang-wachtwoord" not in g.wachtwoord_hash


def test_users_create_refuses_bad_input_without_a_traceback(app, runner, world):
    short = runner.invoke(args=["users", "create", "--email", "x@caw.test", "--naam", "X",
                                "--rol", "hulpverlener", "--organisatie", "CAW De Kempen",
                                "--wachtwoord", "kort"])
    assert short.exit_code != 0 and "12 tekens" in short.output
    gangbaar = runner.invoke(args=["users", "create", "--email", "x@caw.test", "--naam", "X",
                                   "--rol", "hulpverlener", "--organisatie", "CAW De Kempen",
                                   "--wachtwoord", "qwertyuiop123"])
    assert gangbaar.exit_code != 0 and "te gangbaar" in gangbaar.output  # ASVS 2.1.7
    wrong_org = runner.invoke(args=["users", "create", "--email", "x@caw.test", "--naam", "X",
                                    "--rol", "huurbegeleider", "--organisatie", "CAW De Kempen",
                                    "--wachtwoord", "een-lang-wachtwoord"])
    assert wrong_org.exit_code != 0 and "woonmaatschappij" in wrong_org.output
    dup = runner.invoke(args=["users", "create", "--email", world.hv.email, "--naam", "X",
                              "--rol", "hulpverlener", "--organisatie", "CAW De Kempen",
                              "--wachtwoord", "een-lang-wachtwoord"])
    assert dup.exit_code != 0 and "al in gebruik" in dup.output


def test_workflows_diagram_prints_mermaid(app, runner):
    result = runner.invoke(args=["workflows", "diagram", "dossier"])
    assert result.exit_code == 0
    assert "stateDiagram-v2" in result.output and "kandidaat --> toegewezen" in result.output
    assert runner.invoke(args=["workflows", "diagram", "bestaatniet"]).exit_code != 0
