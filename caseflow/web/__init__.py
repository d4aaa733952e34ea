"""Blueprints: thin views over the services."""
