"""The finite-state workflows as data: no Flask, no database."""
