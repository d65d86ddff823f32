"""Copying a whole database to another one, SQLite or PostgreSQL, in either direction.

This is how a team moves from one officer's file to a shared server (and back, or into a
backup file): every table is streamed from the source in primary-key order and inserted into
an empty, migrated target in batches (SQLAlchemy Core), parents before children, in one target
transaction. Explicit ids are kept, and the target's id counters (PostgreSQL's sequences,
SQLite's AUTOINCREMENT counters) are moved past the ids the source has handed out, not only
past the largest id it still holds: an id deleted at the top is never given out again in the
copy. The copy is then verified table by table, before it is committed: row count and a
checksum of the contents, computed the same way on both dialects.

``db copy`` logs itself in the audit log of the database the data left (the source), as
``db backup`` does (see :func:`_logged_commit`); the copies a backup or a restore make are
logged by those commands instead.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, RootTransaction, Table, bindparam, func, select, text

from stakeholders.config import display_url, is_sqlite, sqlite_path
from stakeholders.db import (
    ensure_current,
    make_engine,
    refuse_folder,
    revision_of,
    table_names,
    translate_errors,
)
from stakeholders.errors import Conflict, DatabaseError
from stakeholders.models import AuditEntry, AuditRecord, Base
from stakeholders.text import counted

BATCH_SIZE = 1000


def tables() -> list[Table]:
    """Every table of the model, parents before the children that refer to them."""
    return list(Base.metadata.sorted_tables)


# -- reading -----------------------------------------------------------------------------------


@contextmanager
def snapshot(url: str) -> Iterator[Connection]:
    """A read-only connection that sees one consistent state of the database for as long as it
    is open (SQLite: one read transaction under WAL; PostgreSQL: REPEATABLE READ), in UTC."""
    engine = make_engine(url, write=False)
    try:
        with engine.connect() as conn:
            if not is_sqlite(url):
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                in_utc(conn, url)
                yield conn
    finally:
        engine.dispose()


def in_utc(conn: Connection, url: str) -> None:
    """PostgreSQL hands timestamps over in the session's zone; SQLite stores them naive (UTC)."""
    if not is_sqlite(url):
        conn.exec_driver_sql("SET TIME ZONE 'UTC'")


def rows(conn: Connection, table: Table, batch_size: int = BATCH_SIZE) -> Iterator[list[dict]]:
    """The rows of ``table`` in primary-key order, a batch at a time (streamed, not loaded)."""
    result = conn.execution_options(yield_per=batch_size).execute(
        select(table).order_by(*table.primary_key.columns)
    )
    for part in result.partitions():
        yield [dict(r._mapping) for r in part]


def _canonical(value: Any) -> str:
    """JSON's fallback for dates and times, written as both dialects give them back: aware
    datetimes in UTC without the zone (SQLite keeps them naive), dates in ISO form."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot compare values of type {type(value).__name__}")


def summary(conn: Connection) -> dict[str, dict[str, Any]]:
    """Per table: the number of rows and a SHA-256 of their contents in primary-key order."""
    out = {}
    for table in tables():
        digest, count = hashlib.sha256(), 0
        for batch in rows(conn, table):
            digest.update("".join(
                json.dumps(list(row.values()), ensure_ascii=False, default=_canonical) + "\n"
                for row in batch
            ).encode())
            count += len(batch)
        out[table.name] = {"rows": count, "checksum": digest.hexdigest()}
    return out


def row_counts(conn: Connection) -> dict[str, int]:
    """Rows per table, one COUNT each."""
    return {t.name: conn.scalar(select(func.count()).select_from(t)) for t in tables()}


# -- the target ---------------------------------------------------------------------------------


def prepare_target(url: str, refusal: str = "copy only into an empty database") -> None:
    """Make sure ``url`` is a migrated database holding no records.

    A database without a schema (a new file, a freshly created PostgreSQL database) is migrated
    to the current revision first; one at another revision or holding data is refused, the
    message ending with ``refusal`` (what to do instead).
    """
    from stakeholders.migrations import upgrade

    path = sqlite_path(url)
    if path is not None:
        refuse_folder(path)
    engine = make_engine(url, write=False)
    try:
        fresh = (path is not None and not path.exists()) or (
            revision_of(engine, path) is None and not table_names(engine)
        )
    finally:
        engine.dispose()
    if fresh:
        upgrade(url, "head", create=True)
    engine = make_engine(url, write=False)
    try:
        ensure_current(engine, url, role="target")
        with engine.connect() as conn:
            counts = translate_errors(row_counts, conn)
    finally:
        engine.dispose()
    full = {name: n for name, n in counts.items() if n}
    if full:
        name, n = next(iter(full.items()))
        raise Conflict(
            f"the target database {display_url(url)} is not empty ({counted(n, 'row')} in "
            f"{name}); {refusal}"
        )


# -- copying ------------------------------------------------------------------------------------


def copy_database(source_url: str, target_url: str, *, batch_size: int = BATCH_SIZE,
                  refusal: str = "copy only into an empty database",
                  logged: bool = False) -> list[dict[str, Any]]:
    """Copy every record from ``source_url`` into the empty ``target_url`` and verify it.

    Returns one row per table: ``table``, ``rows``, ``checksum``. Raises Conflict when the target
    holds data, DatabaseError when either side is unusable or the verification fails (the
    target transaction is then rolled back; the message says which table differs). ``logged``:
    record the copy in the source's audit log (``db copy``), or leave no copy behind.
    """
    if _same_database(source_url, target_url):
        raise Conflict("the source and the target are the same database")
    _ensure_source(source_url)
    prepare_target(target_url, refusal)
    commit = _logged_commit(source_url, target_url) if logged else _commit
    try:
        return translate_errors(_copy_all, source_url, target_url, batch_size, commit)
    except Conflict:
        # A row the copy wrote broke a rule: another copy (or command) filled the target
        # since it was found empty. Say that, as a copy started after it would.
        prepare_target(target_url, refusal)
        raise


#: The command under which a copy is logged in the database it copies.
COPY_COMMAND = "db copy"


def data_rows(counts: dict[str, int]) -> int:
    """The rows of a database's tables but its audit log's own (the rows a backup, restore or
    copy is logged with)."""
    log = {AuditEntry.__tablename__, AuditRecord.__tablename__}
    return sum(n for name, n in counts.items() if name not in log)


def _commit(transaction: RootTransaction, copied: list[dict[str, Any]]) -> None:
    transaction.commit()


def _logged_commit(source_url: str, target_url: str
                   ) -> Callable[[RootTransaction, list[dict[str, Any]]], None]:
    """Commit the verified copy and record in the source's audit log that everyone's data left
    it: to which database (its URL without the password) and how many rows, the copy's own
    verified counts, as :func:`stakeholders.services.maintenance.backup` logs a backup.

    The entry is written after the copy is made and verified, not before (it would be copied
    too, and what others wrote between the entry and the copy would be in the copy but not in
    its count). The source's writers' lock is taken and the entry added before the target's
    transaction commits, and the entry committed after: a copy the source's log cannot record
    (the source kept busy past the wait, a login that may only read it) is rolled back, never
    committed. Should the entry's own commit then fail, the copy is deleted from the target,
    which is left empty as it was found (its schema given, if it had none)."""

    def commit(transaction: RootTransaction, copied: list[dict[str, Any]]) -> None:
        from stakeholders.db import session_scope
        from stakeholders.services import audit

        committed = False
        try:
            with session_scope(source_url, command=COPY_COMMAND) as session:
                session.connection()  # the writers' lock: a busy source refuses here
                audit.note(session, copy=display_url(target_url),
                           rows=data_rows({r["table"]: r["rows"] for r in copied}))
                transaction.commit()
                committed = True
        except BaseException:
            if committed:  # copied but not logged: not left behind
                _empty(target_url)
            raise

    return commit


def _empty(url: str) -> None:
    """Delete every row of the database at ``url`` (children first), in one transaction."""
    engine = make_engine(url, write=True)
    try:
        with engine.begin() as conn:
            for table in reversed(tables()):
                conn.execute(table.delete())
    finally:
        engine.dispose()


def _same_database(a: str, b: str) -> bool:
    pa, pb = sqlite_path(a), sqlite_path(b)
    if pa is not None and pb is not None:
        return pa.resolve() == pb.resolve()
    return a == b


def _ensure_source(url: str) -> None:
    engine = make_engine(url, write=False)
    try:
        ensure_current(engine, url, role="source")
    finally:
        engine.dispose()


def _copy_all(source_url: str, target_url: str, batch_size: int,
              commit: Callable[[RootTransaction, list[dict[str, Any]]], None]
              ) -> list[dict[str, Any]]:
    """Copy in one target transaction and verify it against the summary of the source state
    copied (taken in the same snapshot, so writes made to the source meanwhile do not fail the
    verification) before ``commit`` commits it; a failed verification commits nothing."""
    engine = make_engine(target_url, write=True)
    try:
        with engine.connect() as dst:
            transaction = dst.begin()
            in_utc(dst, target_url)
            with snapshot(source_url) as src:
                for table in tables():
                    copy_table(src, dst, table, batch_size)
                continue_ids(dst, target_url, id_counters(src, source_url))
                expected = summary(src)
            copied = verify(expected, dst)
            commit(transaction, copied)
            return copied
    finally:
        engine.dispose()


def copy_table(src: Connection, dst: Connection, table: Table, batch_size: int) -> int:
    """Insert every row of ``table``; references to the same table (an organization's parent)
    are set afterwards, since a parent may come later in id order (the update also restores
    columns the model stamps on update, such as ``updated_at``)."""
    self_refs = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    restored = self_refs + [c.name for c in table.columns if c.onupdate is not None]
    later: list[dict] = []
    count = 0
    for batch in rows(src, table, batch_size):
        for row in batch:
            if any(row[c] is not None for c in self_refs):
                later.append({"_pk": row["id"], **{f"_{c}": row[c] for c in restored}})
                row.update(dict.fromkeys(self_refs, None))
        dst.execute(table.insert(), batch)
        count += len(batch)
    if later:
        dst.execute(
            table.update().where(table.c.id == bindparam("_pk"))
            .values({c: bindparam(f"_{c}") for c in restored}),
            later,
        )
    return count


def id_counters(conn: Connection, url: str) -> dict[str, int]:
    """The highest id each table has handed out, which is past its largest id when rows at the
    top were deleted: SQLite's AUTOINCREMENT counters, PostgreSQL's sequences (0 when unused)."""
    if is_sqlite(url):
        return dict(conn.exec_driver_sql("SELECT name, seq FROM sqlite_sequence").all())
    return {
        table.name: conn.scalar(text(
            "SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence(:t, :c)::regclass), 0)"
        ), {"t": table.name, "c": table.autoincrement_column.name})
        for table in tables() if table.autoincrement_column is not None
    }


def continue_ids(conn: Connection, url: str, counters: dict[str, int]) -> None:
    """Move each table's id counter past its largest id and past the source's ``counters``, so
    that new rows get ids neither database has handed out."""
    for table in tables():
        column = table.autoincrement_column
        if column is None:
            continue
        counter = counters.get(table.name, 0)
        if is_sqlite(url):  # inserting explicit ids has already raised it to the largest one
            for statement in _RAISE_SQLITE_COUNTER:
                conn.execute(text(statement), {"t": table.name, "n": counter})
            continue
        used = func.greatest(func.coalesce(func.max(column), 0), counter)
        conn.execute(
            select(func.setval(func.pg_get_serial_sequence(table.name, column.name),
                               func.greatest(used, 1), used > 0)).select_from(table)
        )


#: Raise the AUTOINCREMENT counter of table ``:t`` to ``:n`` (SQLite keeps a row per table in
#: ``sqlite_sequence`` once it has handed out an id).
_RAISE_SQLITE_COUNTER = (
    "INSERT INTO sqlite_sequence (name, seq) SELECT :t, 0 WHERE :n > 0 "
    "AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = :t)",
    "UPDATE sqlite_sequence SET seq = :n WHERE name = :t AND seq < :n",
)


def verify(before: dict[str, dict[str, Any]], dst: Connection) -> list[dict[str, Any]]:
    """Compare the target, as ``dst`` sees it, with the source's summary table by table;
    DatabaseError names the first difference."""
    after = summary(dst)
    for name, expected in before.items():
        got = after[name]
        if got != expected:
            raise DatabaseError(
                f"verification failed for {name}: {counted(expected['rows'], 'row')} in the "
                "source, "
                f"{got['rows']} in the copy" + ("" if got["rows"] != expected["rows"]
                                                else " with different contents")
            )
    return [{"table": name, **s} for name, s in after.items()]
