"""Backups, restores and health checks of the whole database.

These work on databases, not on records, so they take URLs rather than a Session.

A backup is always a SQLite file, readable by its owner only: from a SQLite database it is made
with SQLite's online backup API (safe while other commands use the file), from PostgreSQL with
the copy machinery of :mod:`stakeholders.services.copy`. It is written under a temporary name,
verified (integrity, references, schema revision, row counts) and only then renamed into place;
the database's audit log records it (a copy of everyone's data has left it).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stakeholders.config import display_url, is_sqlite, sqlite_path, sqlite_url
from stakeholders.db import (
    BUSY_TIMEOUT_MS,
    HEAD_REVISION,
    SQLITE_BUSY,
    SQLITE_CORRUPT,
    SQLITE_FULL,
    SQLITE_LOCKED,
    create_sqlite_file,
    is_known_revision,
    refuse_absent,
    refuse_unwritable,
    refuse_unknown_revision,
    result_code,
    schema_problem,
    uninterrupted,
    unknown_revision,
)
from stakeholders.errors import Conflict, DatabaseError, Invalid
from stakeholders.models import AuditEntry
from stakeholders.services import copy
from stakeholders.text import counted


# -- SQLite files -------------------------------------------------------------------------------


@contextmanager
def _open(path: Path, *, read_only: bool = False,
          shown: Path | str | None = None) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection (the backup API lives there), errors made one line and
    naming the file as ``shown`` (default: its path)."""
    from urllib.parse import quote

    target = f"file:{quote(str(path))}?mode=ro" if read_only else str(path)
    try:
        with closing(sqlite3.connect(target, uri=read_only, timeout=BUSY_TIMEOUT_MS / 1000,
                                     isolation_level=None)) as conn:
            yield conn
    except sqlite3.DatabaseError as e:
        raise DatabaseError(f"{shown or path}: {e}") from None


def inspect_file(path: Path, revision: str = HEAD_REVISION,
                 shown: Path | str | None = None) -> dict[str, int]:
    """Check a SQLite file as a backup must be: integrity ok, no broken reference, schema at
    ``revision`` (the current one unless told). Returns the rows per table it has; raises
    DatabaseError otherwise, naming it as ``shown`` (a backup still under its temporary name
    is named by the file it becomes)."""
    shown = shown or path
    found = _sound_revision(path, shown)
    if found != revision:
        raise DatabaseError(
            f"{shown} is at schema revision {found or 'none'}, this version needs {revision}"
        )
    with _open(path, read_only=True) as conn:
        present = {n for (n,) in conn.execute("SELECT name FROM sqlite_master "
                                              "WHERE type = 'table'")}
        return {t.name: conn.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0]
                for t in copy.tables() if t.name in present}


def _sound_revision(path: Path, shown: Path | str | None = None) -> str | None:
    """The schema revision of a SQLite file whose integrity and references are sound."""
    shown = shown or path
    if not path.is_file():
        raise Invalid(f"no file at {shown}")
    with _open(path, read_only=True, shown=shown) as conn:
        try:
            integrity = conn.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.DatabaseError as e:  # too damaged to be checked at all
            if getattr(e, "sqlite_errorcode", None) != SQLITE_CORRUPT:
                raise
            integrity = [(str(e),)]
        if integrity != [("ok",)]:
            raise DatabaseError(f"{shown} is damaged: {integrity[0][0]}")
        if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise DatabaseError(f"{shown} holds broken references")
        return _revision(conn)


def _revision(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


def _private_temp(dest: Path) -> Path:
    """An empty file beside ``dest``, mode 0600, for writing before the atomic rename."""
    import tempfile

    fd, name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".tmp")
    os.close(fd)
    return Path(name)


def _single_file(path: Path, shown: Path | str | None = None) -> None:
    """Leave WAL mode so the backup is one self-contained file (no -wal/-shm beside it)."""
    with _open(path, shown=shown) as conn:
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.DatabaseError as e:
            raise _disk_full(e) from None


# -- backup -------------------------------------------------------------------------------------

#: How a backup being verified, not yet under its name, is named in errors.
COPY = "the copy of the database"


@dataclass
class BackedUp:
    """What a backup wrote: the rows per table; and, when the database is a SQLite file that
    may not be written (read-only, or on a read-only folder or disk), why the backup is not in
    its audit log (anyone who can read the file can copy it as it is)."""

    tables: list[dict[str, Any]]
    not_logged: str | None = None


def backup(url: str, dest: Path, *, overwrite: bool = False) -> BackedUp:
    """Write a verified SQLite copy of the database at ``url`` to ``dest``."""
    dest = dest.expanduser().absolute()
    if dest.exists() and not dest.is_file():  # /dev/null, a folder: renaming would replace it
        raise Invalid(f"cannot write {dest}: it is not a file")
    if dest.exists() and not overwrite:
        raise Conflict(f"{dest} exists; give --yes to replace it")
    if not dest.parent.is_dir():
        from stakeholders.io.files import no_folder

        raise Invalid(f"cannot write {dest}: {no_folder(dest.parent)}")
    if _is_its_file(url, dest):
        raise Conflict("the backup file cannot be the database itself")
    # A SQLite database is backed up at its own revision, an earlier one too (the backup made
    # before `db upgrade`; restore upgrades it); a copy from PostgreSQL needs the current one.
    revision = _backup_revision(url) if is_sqlite(url) else HEAD_REVISION
    try:
        tmp = _private_temp(dest)
        try:
            if is_sqlite(url):
                _sqlite_backup(url, tmp)
            else:
                _copy_into_file(url, tmp)
            try:
                _single_file(tmp, shown=COPY)
                counts = inspect_file(tmp, revision, shown=COPY)
            except DatabaseError as e:  # the copy is as the database is: damaged
                raise DatabaseError(f"backup not written: {e}; run `stakeholders db check`"
                                    ) from None
            not_logged = _unwritable(url)
            if not_logged is None:
                _logged_rename(url, tmp, dest, counts)
            else:
                os.replace(tmp, dest)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as e:  # the backup's own file, as any output: exit code 1, not 3
        raise Invalid(f"cannot write {dest}: {_not_written(dest, e)}") from None
    return BackedUp([{"table": name, "rows": n} for name, n in counts.items()], not_logged)


def _unwritable(url: str) -> str | None:
    """Why the SQLite file at ``url`` may not be written ("cannot write PATH: the file is
    read-only"), or None: it may be, or it is no file (PostgreSQL)."""
    path = sqlite_path(url)
    if path is None:
        return None
    try:
        refuse_unwritable(path)
    except DatabaseError as e:
        return e.message
    return None


def _not_written(dest: Path, error: OSError) -> str:
    """Why a backup file could not be written, in the words the database's own file gets."""
    import errno

    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if error.errno == errno.EROFS:
        return "the disk it is on is read-only"
    if error.errno in (errno.EACCES, errno.EPERM) and not os.access(dest.parent, os.W_OK):
        return "its folder is read-only"
    return (error.strerror or str(error)).lower()


#: SQLite's own words for SQLITE_FULL (``sqlite3_errstr``), as a copy's error passes them on.
_SQLITE_FULL_TEXT = "database or disk is full"


def _copy_into_file(url: str, tmp: Path) -> None:
    """Copy the server's database into the SQLite file ``tmp``; its disk filling up, while the
    schema is made or the rows written, is the OSError it is (the backup file's, not the
    database's: exit code 1)."""
    import errno

    try:
        copy.copy_database(url, sqlite_url(tmp))
    except DatabaseError as e:
        if e.message.endswith(_SQLITE_FULL_TEXT):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)) from None
        raise


def _disk_full(error: sqlite3.DatabaseError) -> OSError | sqlite3.DatabaseError:
    """SQLite's "database or disk is full" writing a backup, as the OSError it is."""
    import errno

    if result_code(error) == SQLITE_FULL:
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    return error


#: The command under which a backup is logged in the database it copies.
BACKUP_COMMAND = "db backup"


def _logged_rename(url: str, tmp: Path, dest: Path, counts: dict[str, int]) -> None:
    """Put the verified copy ``tmp`` in place as ``dest`` and record in the database's audit
    log that everyone's data left it: the backup's file name (not its folder) and the rows it
    holds, counted as a restore of it counts them (:func:`stakeholders.services.copy.data_rows`).

    The entry is written after the copy is made and verified, not before: its rows are the
    verified file's own counts, whatever others wrote meanwhile, and the file is never
    changed once verified (an entry written first would be copied into the backup, and
    records written between it and the copy would be in the file but not in the entry). The
    writers' lock is taken before the rename and the entry committed after it, so that a
    backup the log cannot record is not left in place, and a backup not written is not
    logged. A SQLite database at an earlier revision is logged too, its audit log being as
    the current one's since it was first made (revision 0003); one older still has no log."""
    from stakeholders.db import session_scope
    from stakeholders.services import audit

    if AuditEntry.__tablename__ not in counts:
        os.replace(tmp, dest)
        return
    placed = False
    try:
        with session_scope(url, check=False, command=BACKUP_COMMAND) as session:
            session.connection()  # the writers' lock: a busy database refuses here, not after
            audit.note(session, backup=dest.name, rows=copy.data_rows(counts))
            os.replace(tmp, dest)
            placed = True
    except BaseException:
        if placed:  # written but not logged: not left behind (a file it replaced is gone)
            dest.unlink(missing_ok=True)
        raise


def _backup_revision(url: str) -> str:
    """The schema revision of the SQLite database to back up, refused as every command refuses
    it when it is missing, not a stakeholders database, or made by a newer version."""
    from stakeholders.db import initialised_revision, make_engine

    engine = make_engine(url, write=False)
    try:
        revision = initialised_revision(engine, url)
    finally:
        engine.dispose()
    refuse_unknown_revision(revision)
    return revision


def _sqlite_backup(url: str, tmp: Path) -> None:
    path = sqlite_path(url)
    if path is None or not path.exists():
        raise DatabaseError(f"no database at {path}; run `stakeholders init` to create it")
    with _open(path, read_only=True) as src, _open(tmp) as dst:
        try:
            src.backup(dst)
        except sqlite3.DatabaseError as e:
            if isinstance(_disk_full(e), OSError):
                raise _disk_full(e) from None
            raise DatabaseError(f"backup failed: {e}") from None


# -- restore ------------------------------------------------------------------------------------


#: Why a PostgreSQL database holding data is not restored into, and what to do instead: --yes
#: does not change it (the backup is copied in, and a copy is made only into an empty database).
PG_RESTORE_REFUSAL = ("a PostgreSQL database is restored only when empty, even with --yes: "
                      "create a new database and restore into it")


@dataclass
class Restored:
    """What a restore wrote: the rows per table; how many addresses of the replaced database's
    suppression list it kept, which the backup did not hold (opt-outs and erasures made since
    the backup); and the people forgotten in the replaced database whom the backup holds in
    full (forgotten since the backup, to be forgotten again)."""

    tables: list[dict[str, Any]]
    suppressions_kept: int = 0
    forgotten_back: list[int] = field(default_factory=list)
    #: What of the replaced database could not be read whole, as it was damaged (what could
    #: be was kept): "suppression list", "people" (to tell who was forgotten since).
    unreadable: list[str] = field(default_factory=list)


def _is_its_file(url: str, path: Path) -> bool:
    """Whether ``path`` is the SQLite file of the database at ``url`` (through a link too)."""
    return sqlite_path(url) is not None and sqlite_path(url).resolve() == path.resolve()


def restore(url: str, source: Path,
            confirm: Callable[[str], None] | None = None) -> Restored:
    """Replace the database at ``url`` with the backup ``source`` after checking it. When that
    loses something (records, or a file that is not a stakeholders database), ``confirm`` is
    asked and raises to refuse; without it the restore is refused.

    An opt-out outlives the restore: the suppression list of the database replaced is kept
    (the addresses the backup lacks are added to it, as one-way hashes, as ever), so that
    someone who opted out and was removed, or was forgotten, after the backup was made is not
    mailed again; the people forgotten since, whom the backup holds in full, are named by id.

    What is written in is a private copy of the backup (upgraded first when made by an
    earlier version, at an older schema revision) whose audit log records this restore: the
    backup's file name, the rows it holds and when; the file itself is never changed.
    SQLite: the backup API writes it into the database in one transaction, so other commands
    see either the old or the new contents, never a mixture, and the restore is logged with
    it. PostgreSQL: the backup is copied into the database, which must be empty (create a new
    one for it).
    """
    _refuse_fileless(url)
    if sqlite_path(url) is not None:  # not "nothing to keep" from a file it cannot replace
        refuse_unwritable(sqlite_path(url))
    source = source.expanduser().absolute()
    if _is_its_file(url, source):
        raise Conflict("the backup file is the database itself: there is nothing to restore")
    revision = _sound_revision(source)
    _refuse_newer(url)
    listed, forgotten, unreadable = _outliving(url)
    caveat = (f" It is damaged, and its suppression list cannot be read whole: the "
              f"{counted(len(listed), 'address')} read on it will be kept, any other put on "
              "it since the backup was made will not." if "suppression list" in unreadable
              else "")
    with _restorable_copy(source, revision, listed) as (restorable, kept):
        tables = _restore_checked(url, restorable, source, confirm, caveat)
        return Restored(tables, kept, _forgotten_back(restorable, forgotten), unreadable)


def _refuse_fileless(url: str) -> None:
    """A SQLite URL that names no file: one that cannot be read (``sqlite://contacts.db``) is
    refused as every command refuses it; one in memory would be gone with the command."""
    if not is_sqlite(url) or sqlite_path(url) is not None:
        return
    from stakeholders.db import make_engine

    make_engine(url, write=False).dispose()
    raise DatabaseError(f"the database at {display_url(url)} is in memory and would be gone "
                        "with the command; restore into a file or a PostgreSQL database")


def _refuse_newer(url: str) -> None:
    """Refuse a SQLite database made by a newer version, as every command does: what it keeps
    that this version does not know (its suppression list included) would not outlive the
    restore. A file that is no database at all is replaced when agreed, as ever."""
    path = sqlite_path(url)
    if not is_sqlite(url) or not path.is_file() or not path.stat().st_size:
        return
    try:
        with _open(path, read_only=True) as conn:
            revision = _revision(conn)
    except DatabaseError:
        return
    refuse_unknown_revision(revision)


def _outliving(url: str) -> tuple[list[tuple], list[int], list[str]]:
    """The suppression list (``digest, reason, created_at, updated_at``) of the SQLite database
    about to be replaced, and the ids of the people forgotten in it: what a restore must not
    undo; and which of the two a damaged database does not let be read whole (what could be
    read is returned, and each is read on its own, so that damage to the people does not
    lose the list). Nothing when there is no such database (a new file, another kind of
    file, an earlier schema without the list); PostgreSQL restores only into an empty
    database."""
    from stakeholders.services.erasure import is_placeholder

    if not is_sqlite(url):
        return [], [], []
    path = sqlite_path(url)
    if not path.is_file() or not path.stat().st_size:
        return [], [], []
    try:
        with _open(path, read_only=True) as conn:
            listed, whole_list = _salvaged(conn, "SELECT digest, reason, created_at, "
                                                 "updated_at FROM suppressed_addresses")
            forgotten, whole_people = _salvaged(conn, _people_sql(is_placeholder()))
    except (DatabaseError, sqlite3.Error):
        return [], [], []
    unreadable = [what for what, whole in (("suppression list", whole_list),
                                           ("people", whole_people)) if not whole]
    return listed, [pid for (pid,) in forgotten], unreadable


def _salvaged(conn: sqlite3.Connection, sql: str) -> tuple[list[tuple], bool]:
    """The rows ``sql`` reads, as many as can be read, and whether they all could: none and
    True when its table is not there (another kind of database, an earlier schema)."""
    rows: list[tuple] = []
    try:
        cursor = conn.execute(sql)
        while (row := cursor.fetchone()) is not None:
            rows.append(row)
    except sqlite3.DatabaseError as e:
        if result_code(e) != SQLITE_CORRUPT:
            return [], True
        return rows, False
    return rows, True


def _keep_listed(path: Path, listed: list[tuple]) -> int:
    """Add to the restored copy the listed addresses it lacks (each with its reason and
    time); return how many."""
    if not listed:
        return 0
    with _open(path) as conn:
        before = conn.total_changes
        conn.execute("BEGIN")
        conn.executemany("INSERT OR IGNORE INTO suppressed_addresses "
                         "(digest, reason, created_at, updated_at) VALUES (?, ?, ?, ?)", listed)
        conn.execute("COMMIT")
        return conn.total_changes - before


def _forgotten_back(path: Path, forgotten: list[int]) -> list[int]:
    """Of the people forgotten in the database replaced, those the restored copy holds as
    they were before (not the placeholder a forget leaves)."""
    from stakeholders.models import Person
    from stakeholders.services.erasure import is_placeholder

    if not forgotten:
        return []
    with _open(path, read_only=True) as conn:
        return _people(conn, Person.id.in_(forgotten), ~is_placeholder())


def _people(conn: sqlite3.Connection, *where) -> list[int]:
    """The ids, in order, of the people ``where`` picks (SQLAlchemy conditions, such as
    :func:`stakeholders.services.erasure.is_placeholder`, the one rule for a forgotten person),
    read through a plain connection to a database file."""
    return [pid for (pid,) in conn.execute(_people_sql(*where))]


def _people_sql(*where) -> str:
    """The SELECT of :func:`_people`, in SQLite's terms."""
    from sqlalchemy import select
    from sqlalchemy.dialects import sqlite

    from stakeholders.models import Person

    return str(select(Person.id).where(*where).order_by(Person.id).compile(
        dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))


@contextmanager
def _restorable_copy(source: Path, revision: str | None,
                     listed: list[tuple]) -> Iterator[tuple[Path, int]]:
    """A private copy of a backup, migrated to the current schema, holding the ``listed``
    addresses of the suppression list it lacked, with the restore logged; and how many of
    those it added."""
    import tempfile

    from stakeholders.migrations import upgrade

    if revision is None:
        raise DatabaseError(f"{source} is not a stakeholders backup (it has no schema revision)")
    if not is_known_revision(revision):
        raise DatabaseError(
            f"{source} is at schema {unknown_revision(revision)}; "
            "restore it with the version that made it"
        )
    with tempfile.TemporaryDirectory(prefix="stakeholders-restore-") as folder:
        copy_path = Path(folder) / "restored.db"
        with _open(source, read_only=True) as src, _open(copy_path) as dst:
            src.backup(dst)
        if revision != HEAD_REVISION:
            upgrade(sqlite_url(copy_path), "head")
        kept = _keep_listed(copy_path, listed)
        _log_restore(copy_path, source, kept)
        yield copy_path, kept


#: The command under which a restore is logged in the restored database.
RESTORE_COMMAND = "db restore"


def _log_restore(path: Path, source: Path, kept: int = 0) -> None:
    """Record, in the database about to be restored, that it was: from which backup file
    (its name, not its folder), how many rows it brings back (the audit log's aside), and how
    many addresses of the replaced database's suppression list it kept (``suppressions_kept``,
    when any)."""
    from stakeholders.db import session_scope
    from stakeholders.services import audit

    rows = copy.data_rows(inspect_file(path, shown=source))
    details: dict[str, Any] = {"backup": source.name, "rows": rows}
    if kept:
        details["suppressions_kept"] = kept
    with session_scope(sqlite_url(path), command=RESTORE_COMMAND) as session:
        audit.note(session, **details)


def _restore_checked(url: str, source: Path, shown: Path,
                     confirm: Callable[[str], None] | None,
                     caveat: str = "") -> list[dict[str, Any]]:
    """Write ``source`` (the checked copy of the backup ``shown``) into the database; the
    ``caveat`` (what replacing it loses besides its data) is said in the question."""
    counts = inspect_file(source, shown=shown)
    if not is_sqlite(url):
        copy.copy_database(sqlite_url(source), url, refusal=PG_RESTORE_REFUSAL)
        return [{"table": name, "rows": n} for name, n in counts.items()]
    path = sqlite_path(url)
    if path.exists() and path.stat().st_size and (caveat or _holds_something(url)):
        question = f"{path} holds data; restoring replaces all of it.{caveat}"
        if confirm is None:
            raise Conflict(f"{question} Give --yes to go ahead")
        confirm(question)
    with uninterrupted():  # from here the database is replaced: no "rolled back" on Ctrl-C
        if path.is_file() and not _is_database_file(path):
            _replace_whole(source, path)  # a file agreed to be replaced that is no database
        else:
            create_sqlite_file(path)
            _write_into(source, path)
        if inspect_file(path) != counts:
            raise DatabaseError(f"restore failed: {path} differs from {shown}")
    return [{"table": name, "rows": n} for name, n in counts.items()]


def _write_into(source: Path, path: Path) -> None:
    """Replace the contents of the database file ``path`` with ``source``'s, in one
    transaction (SQLite's backup API), and leave it in WAL mode as every database is."""
    with _open(source, read_only=True) as src, _open(path) as dst:
        try:
            src.backup(dst, progress=_waiting_up_to_the_timeout())
            dst.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as e:
            raise DatabaseError(f"restore failed: {e}") from None


def _waiting_up_to_the_timeout() -> Callable[[int, int, int], None]:
    """A progress callback for SQLite's backup API, which retries for as long as another
    command keeps the database it writes busy: it gives up, changing nothing, once the wait
    has lasted as long as any writer waits for another."""
    import time

    from stakeholders.db import kept_busy

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000

    def progress(status: int, _remaining: int, _pages: int) -> None:
        if status in (SQLITE_BUSY, SQLITE_LOCKED) and time.monotonic() > deadline:
            raise kept_busy()

    return progress


def _is_database_file(path: Path) -> bool:
    """Whether SQLite reads ``path`` as a database (an empty file counts: it becomes one)."""
    try:
        with _open(path, read_only=True) as conn:
            conn.execute("PRAGMA schema_version").fetchone()
    except DatabaseError:
        return False
    return True


def _replace_whole(source: Path, path: Path) -> None:
    """Put a copy of ``source`` in place of a file that is no database (so nothing else can
    be using it as one), which SQLite's backup API cannot write into: the copy is made beside
    it under a temporary name, mode 0600, and renamed over it once complete."""
    tmp = _private_temp(path)
    try:
        _write_into(source, tmp)
        os.replace(tmp, path)
    except OSError as e:
        raise DatabaseError(f"cannot write {path}: {e.strerror}") from None
    finally:
        tmp.unlink(missing_ok=True)


def _holds_something(url: str) -> bool:
    """Whether replacing the database loses anything: records, or a file that is not a
    stakeholders database at all (a freshly initialised database holds nothing)."""
    from stakeholders.db import holds_records, make_engine, refuse_foreign, translate_errors

    engine = make_engine(url, write=False)
    try:
        refuse_foreign(engine, url)
        with engine.connect() as conn:
            return translate_errors(holds_records, conn)
    except DatabaseError:
        return True
    finally:
        engine.dispose()


# -- health -------------------------------------------------------------------------------------


def check(url: str) -> list[dict[str, str]]:
    """Health checks: ``check``, ``status`` (ok or problem) and ``detail`` for each."""
    from stakeholders.db import make_engine, revision_of, table_names, translate_errors

    path = sqlite_path(url)
    refuse_absent(path)  # not "run chmod 600" on /dev/null
    engine = make_engine(url, write=False)
    try:
        revision = revision_of(engine, path)
        results = translate_errors(_integrity, engine, url)
        # tables but no schema revision: another application's, which `db upgrade` refuses
        tables = translate_errors(table_names, engine) if revision is None else []
        foreign = bool(tables) and "alembic_version" not in tables
    finally:
        engine.dispose()
    at_head = revision == HEAD_REVISION
    detail = (f"revision {revision} (latest)" if at_head else
              "none: another application's tables, which stakeholders leaves alone (use a new "
              "or empty database)" if foreign else
              "none: not initialised; run `stakeholders init`" if revision is None
              else schema_problem(revision))
    results.append(_result("schema", at_head, detail))
    if path is not None:
        results.extend(_permissions(path))
    else:
        results.append(_result("server", True, display_url(url)))
    return results


def _result(name: str, ok: bool, detail: str) -> dict[str, str]:
    return {"check": name, "status": "ok" if ok else "problem", "detail": detail}


def _integrity(engine, url: str) -> list[dict[str, str]]:
    with engine.connect() as conn:  # connecting is checked too: a server may not answer
        return _integrity_of(conn, url)


def _integrity_of(conn, url: str) -> list[dict[str, str]]:
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    if not is_sqlite(url):
        orphans = _orphans(conn)
        return [_result("integrity", True, "kept by the server"),
                _result("foreign keys", not orphans, "; ".join(orphans) or "no broken reference")]
    try:
        integrity = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
    except DBAPIError as e:  # a file too damaged to be checked ("disk image is malformed")
        if getattr(e.orig, "sqlite_errorcode", None) != SQLITE_CORRUPT:
            raise
        conn.rollback()
        integrity = [f"damaged: {e.orig}"]
        reason = str(e.orig)
    else:
        reason = None
    if integrity != ["ok"]:
        unreadable, error = _unreadable_tables(conn)
        if unreadable:  # its references run into what cannot be read: none is checked
            which = (f"damaged: {'table' if len(unreadable) == 1 else 'tables'} "
                     f"{', '.join(unreadable)} cannot be read")
            return [_result("integrity", False, f"{which} ({reason or error})"),
                    _result("foreign keys", False, "not checked: the database is damaged")]
        # SQLite's own lines, without its headings ('*** in database main ***')
        integrity = [line for row in integrity for line in row.splitlines()
                     if line.strip() and not line.startswith("***")]
    try:
        broken = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
    except DBAPIError as e:  # the references run through the damaged tables
        if getattr(e.orig, "sqlite_errorcode", None) != SQLITE_CORRUPT:
            raise
        conn.rollback()
        return [_result("integrity", False, "; ".join(integrity[:3])),
                _result("foreign keys", False, "not checked: the database is damaged")]
    tables = sorted({r[0] for r in broken})
    return [
        _result("integrity", integrity == ["ok"], "; ".join(integrity[:3])),
        _result("foreign keys", not broken,
                f"{counted(len(broken), 'broken reference')} in {', '.join(tables)}" if broken
                else "no broken reference"),
    ]


def _unreadable_tables(conn) -> tuple[list[str], str | None]:
    """The tables of a damaged SQLite database that cannot be read through, row by row
    (only looked for once the integrity check has failed: it reads every table whole), and
    what SQLite said of the first."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    names = [n for (n,) in conn.execute(text(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))]
    unreadable, error = [], None
    for name in names:
        quoted = name.replace('"', '""')
        try:
            for _ in conn.execute(text(f'SELECT * FROM "{quoted}" NOT INDEXED')):
                pass
        except DBAPIError as e:
            if getattr(e.orig, "sqlite_errorcode", None) != SQLITE_CORRUPT:
                raise
            conn.rollback()
            unreadable.append(name)
            error = error or str(e.orig)
    return unreadable, error


def _orphans(conn) -> list[str]:
    """References to rows that do not exist, found by an anti-join per foreign key of the
    model whose columns the database has (one at an older revision lacks some)."""
    from sqlalchemy import and_, func, inspect, select

    present = {(table, c["name"]) for (_, table), columns in
               inspect(conn).get_multi_columns().items() for c in columns}
    found = []
    for table in copy.tables():
        for fk in table.foreign_keys:
            if not {(table.name, fk.parent.name),
                    (fk.column.table.name, fk.column.name)} <= present:
                continue
            parent = fk.column.table.alias()
            n = conn.scalar(
                select(func.count()).select_from(
                    table.outerjoin(parent, parent.c[fk.column.name] == fk.parent)
                ).where(and_(fk.parent.isnot(None), parent.c[fk.column.name].is_(None)))
            )
            if n:
                found.append(f"{n} in {table.name}.{fk.parent.name}")
    return found


def _permissions(path: Path) -> list[dict[str, str]]:
    """Personal data: the file (and its WAL companions) for the owner only, the folder too."""
    files = [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]
    open_files = [f"{p.name} is {_mode(p):o}" for p in files if _mode(p) & 0o077]
    folder = _mode(path.parent)
    return [
        _result("file permissions", not open_files,
                "; ".join(open_files) + "; run chmod 600" if open_files
                else "readable by the owner only"),
        _folder_result(path.parent, folder),
    ]


def _folder_result(folder: Path, mode: int) -> dict[str, str]:
    """A folder others may write to lets them replace or delete the database: a problem. One
    they may only list shows them the file's name, not what it holds (the file and the
    journals SQLite makes beside it are the owner's alone): a note, as an ordinary working
    folder is."""
    if mode & 0o022:
        return _result("folder permissions", False,
                       f"{folder} is {mode:o}: others can replace or delete the database; "
                       "run chmod 700")
    if mode & 0o055:
        return {"check": "folder permissions", "status": "note",
                "detail": f"{folder} is {mode:o}: others see the file's name, not what it "
                          "holds (chmod 700 hides it too)"}
    return _result("folder permissions", True, "readable by the owner only")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)
