"""The service layer: plain functions taking a Session and values, returning model objects or
plain rows, raising :mod:`stakeholders.errors`. Nothing here prints or knows about Typer."""
