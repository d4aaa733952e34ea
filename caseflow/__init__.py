"""Caseflow: case-management workflows for welzijn–wonen in the Kempen.

Imports stay inside create_app so that `caseflow.rules` and `workflows` load without Flask.
"""
from __future__ import annotations


def create_app(config: dict | None = None):
    import os

    from flask import Flask

    from caseflow import config as settings
    from caseflow.app import (
        register_blueprints,
        register_commands,
        register_errorhandlers,
        register_extensions,
        register_security,
    )

    app = Flask(__name__, instance_relative_config=True, template_folder="../templates")
    instance = (config or {}).get("INSTANCE_PATH") or os.environ.get("CASEFLOW_INSTANCE")
    if instance:
        app.instance_path = instance
    app.config.update(settings.load(app.instance_path))
    if config:
        app.config.update(config)
    register_extensions(app)
    register_security(app)
    register_blueprints(app)
    register_commands(app)
    register_errorhandlers(app)
    return app
