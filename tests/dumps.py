"""Comparing databases apart from their audit trail (which records every change, undo too)."""

from __future__ import annotations

from tests.conftest import dump

AUDIT_TABLES = ("audit_log", "audit_records")


def data(url: str) -> dict[str, list[tuple]]:
    """Every row of every table except the audit trail's."""
    return {t: rows for t, rows in dump(url).items() if t not in AUDIT_TABLES}
