"""Flask commands: one click group per subject, registered by `register` (flask --help)."""
from __future__ import annotations

from flask import Flask

from caseflow.cli.audit import audit_cli
from caseflow.cli.backup import backup_cli
from caseflow.cli.beheer import demo_code, demo_data, init, users
from caseflow.cli.bewaring import bewaring_cli
from caseflow.cli.processen import herinneringen, scheduler_cli
from caseflow.cli.rapport import rapport
from caseflow.cli.signalen import signalen_cli
from caseflow.cli.wegingskader import wegingskader_cli
from caseflow.cli.workflows import workflows


def register(app: Flask) -> None:
    for commando in (init, demo_data, demo_code, users, workflows, wegingskader_cli(), rapport,
                     signalen_cli, herinneringen, scheduler_cli, audit_cli,
                     backup_cli, bewaring_cli):
        app.cli.add_command(commando)
