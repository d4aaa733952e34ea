"""The operations users perform: load, check access, fire the workflow, audit, commit."""
