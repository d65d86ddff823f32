"""Helpers shared by the service tests."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event


#: What opens a transaction rather than doing the block's work: SQLite's BEGIN (IMMEDIATE), and
#: the lock a PostgreSQL write transaction waits for first (see stakeholders.db.make_engine).
_OPENING = ("BEGIN", "SET LOCAL lock_timeout", "SELECT pg_advisory_xact_lock")


@contextmanager
def counting(session):
    """Count the SQL statements run inside the block."""
    statements: list[str] = []
    engine = session.get_bind()

    def note(conn, cursor, statement, *args):
        if not statement.startswith(_OPENING):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", note)
