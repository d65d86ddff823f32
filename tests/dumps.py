"""Comparing databases apart from their audit trail (which records every change, undo too)."""

from __future__ import annotations

from tests.conftest import dump

AUDIT_TABLES = ("audit_log", "audit_records")


def data(url: str) -> dict[str, list[tuple]]:
    """Every row of every table except the audit trail's."""
    return {t: rows for t, rows in dump(url).items() if t not in AUDIT_TABLES}


def stored(url: str) -> dict[str, list[tuple]]:
    """Like :func:`data`, every value as the database's own text: two times that read back
    as one value but are stored differently (SQLite keeps "18:36:19" and "18:36:19.000000")
    differ here."""
    from sqlalchemy import String, cast, create_engine, select

    from stakeholders.models import Base

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t.name: [tuple(r) for r in conn.execute(
                select(*(cast(c, String) for c in t.columns))
                .order_by(*t.primary_key.columns))]
                for t in Base.metadata.sorted_tables if t.name not in AUDIT_TABLES}
    finally:
        engine.dispose()
