"""Engines and the one-transaction-per-command session scope.

SQLite: foreign keys on for every connection, WAL, a busy timeout, and write transactions that
take the write lock when they begin (``BEGIN IMMEDIATE``), so two commands writing at once wait
for each other instead of failing with "database is locked". New database files are created
with mode 0600 in a 0700 directory.

PostgreSQL: write transactions take one lock too (a transaction-level advisory lock on the
database), so that writers wait for each other there as well, up to the same timeout: what a
command checks before it writes (an import's look-up of the people already recorded, say) still
holds when it writes, as on SQLite. Readers never wait for it, and each reads one snapshot
(REPEATABLE READ), as a read transaction does on SQLite: a report's counts agree with its rows
however many queries build it, while others write.

Every ordinary command first checks, with one cheap query and without Alembic, that the schema
is at :data:`HEAD_REVISION` (a test keeps it equal to the Alembic scripts' head).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from stakeholders.config import display_url, is_sqlite, sqlite_path
from stakeholders.errors import Conflict, DatabaseError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine
    from sqlalchemy.orm import Session

HEAD_REVISION = "0017"
BUSY_TIMEOUT_MS = 15_000
#: SQLite's result codes, which the sqlite3 module names only from Python 3.11 on.
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_CORRUPT, SQLITE_CANTOPEN = 5, 6, 8, 11, 14
SQLITE_FULL, SQLITE_NOTADB = 13, 26
#: The advisory lock key PostgreSQL writers take (advisory locks are per database).
WRITER_LOCK = 0x5354414B  # "STAK"


def _cannot_read(url: str, error: Exception) -> DatabaseError:
    return DatabaseError(f"the database URL {display_url(url)!r} cannot be read "
                         f"({_unreadable(error)})")


def _unreadable(error: Exception) -> str:
    """Why a URL cannot be read, in its own terms rather than Python's ("invalid literal for
    int() with base 10: '5432x'" is a port that is not a number; SQLAlchemy's "Invalid SQLite
    URL", with its list of forms over several lines, is a file named where a host goes)."""
    port = re.fullmatch(r"invalid literal for int\(\) with base 10: (.*)", str(error))
    if port:
        return f"its port {port.group(1)} is not a number"
    if str(error).startswith("Invalid SQLite URL"):
        return "a SQLite file is sqlite:///PATH, with three slashes, or just its path"
    return first_line(error)


def make_engine(url: str, *, write: bool = True, foreign_keys: bool = True,
                only_appends: bool = False) -> Engine:
    """An engine for one command. ``write`` makes its transactions take the writers' lock
    (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL); ``foreign_keys=False`` is for
    migrations, which may rebuild tables (batch mode). ``only_appends`` is for a command that
    reads and then only adds rows no other command checks (an export and its audit entry): on
    PostgreSQL it reads one snapshot and takes no lock, so it keeps no other writer waiting
    however slowly its output is read (SQLite cannot turn a reader into a writer once another
    writer has committed, so there it takes the lock as every writer does). A reader reads one
    snapshot on PostgreSQL, as on SQLite, so what it shows is of one moment."""
    from sqlalchemy import create_engine, event, exc

    if not is_sqlite(url):
        try:
            snapshot = not write or only_appends
            options = {"isolation_level": "REPEATABLE READ"} if snapshot else {}
            engine = create_engine(url, pool_pre_ping=False, **options)
        except ModuleNotFoundError as e:
            raise DatabaseError(f"PostgreSQL support is not installed (no module {e.name!r}); "
                                "pip install 'stakeholders[postgres]'") from None
        except (ValueError, exc.ArgumentError) as e:  # a port that is not a number, say
            raise _cannot_read(url, e) from None
        if write and not only_appends:
            @event.listens_for(engine, "begin")
            def _one_writer(conn) -> None:
                conn.exec_driver_sql(f"SET LOCAL lock_timeout = {BUSY_TIMEOUT_MS}")
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")
        return engine

    try:
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    except exc.ArgumentError as e:  # sqlite://contacts.db: a host where the path should be
        raise _cannot_read(url, e) from None

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # pragma: no branch - tiny
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see below)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        if write:
            cur.execute("PRAGMA journal_mode = WAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def create_sqlite_file(path: Path) -> None:
    """Create an empty database file readable by its owner only (and the folders it makes on
    the way, 0700, as the XDG base directory specification asks of a data folder). An
    existing file is made readable by its owner only: call this only once it is known to be
    a database of ours, or empty."""
    refuse_folder(path)
    import errno

    try:
        for folder in reversed([p for p in path.parents if not p.exists()]):
            folder.mkdir(mode=0o700)  # each one made, not only the last (mkdir -p's way)
        if not path.exists():
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
        os.chmod(path, 0o600)
    except OSError as e:
        if e.errno == errno.EROFS or (e.errno == errno.EACCES and path.parent.exists()):
            raise not_writable(path) from None
        raise DatabaseError(f"cannot create {path}: {e.strerror}") from None


def refuse_folder(path: Path) -> None:
    """Refuse a folder, and a device or a pipe (/dev/null): SQLite keeps no database there,
    and making it "readable by you only" would chmod it for everyone on the machine."""
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file")
    if path.exists() and not path.is_file():
        raise DatabaseError(f"{path} is a device or a pipe, not a database file")


def not_writable(path: Path) -> DatabaseError:
    """The error for a database file SQLite may not write: on a read-only disk, read-only
    itself, or in a folder it may not write its journal to."""
    import errno

    folder = next((p for p in path.parents if p.exists()), path.parent)  # the nearest there
    if _on_read_only_disk(folder):
        why = "the disk it is on is read-only"
    elif path.exists() and not os.access(path, os.W_OK):
        why = "the file is read-only"
    elif not os.access(folder, os.W_OK):
        why = "its folder is read-only" if folder == path.parent else f"{folder} is read-only"
    else:
        why = os.strerror(errno.EACCES).lower()
    return DatabaseError(f"cannot write {path}: {why}")


def refuse_unwritable(path: Path) -> None:
    """Refuse, before anything is done, a database file that is there but may not be written
    (:func:`not_writable`): read-only, or in a read-only folder or disk."""
    if not path.exists():
        return
    if (_on_read_only_disk(path.parent) or not os.access(path, os.W_OK)
            or not os.access(path.parent, os.W_OK)):
        raise not_writable(path)


def _on_read_only_disk(folder: Path) -> bool:
    """Whether ``folder`` is on a disk mounted read-only (False when that cannot be told)."""
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def result_code(error: BaseException | None) -> int:
    """The primary SQLite result code of a driver error (its extended code's low byte: a
    SQLITE_READONLY_DIRECTORY is a SQLITE_READONLY), 0 for an error that carries none."""
    return (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF


def is_read_only_error(orig: BaseException | None) -> bool:
    """SQLite's "attempt to write a readonly database" (and its extended codes)."""
    return result_code(orig) == SQLITE_READONLY


def refuse_absent(path: Path | None) -> None:
    """Refuse a SQLite database file (``path``; None for PostgreSQL or memory) that is not
    there, and a folder, a device or a pipe where it should be (:func:`refuse_folder`)."""
    if path is None:
        return
    if not path.exists():
        raise DatabaseError(f"no database at {path}; run `stakeholders init` to create it")
    refuse_folder(path)


def current_revision(engine: Engine) -> str | None:
    """The revision in ``alembic_version``, or None when the table is absent."""
    from sqlalchemy import inspect

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def table_names(engine: Engine) -> list[str]:
    from sqlalchemy import inspect

    with engine.connect() as conn:
        return inspect(conn).get_table_names()


def holds_records(conn: Connection) -> bool:
    """Whether any table, at whatever schema revision, holds a row (the revision table aside):
    a freshly initialised database holds none."""
    from sqlalchemy import inspect, literal, select, table

    return any(
        conn.execute(select(literal(1)).select_from(table(name)).limit(1)).first() is not None
        for name in inspect(conn).get_table_names() if name != "alembic_version"
    )


def refuse_foreign(engine: Engine, url: str) -> None:
    """Raise DatabaseError when the database holds tables but no schema revision table: it
    belongs to another application, and stakeholders must not add its tables to it."""
    tables = translate_errors(table_names, engine)
    if tables and "alembic_version" not in tables:
        raise DatabaseError(
            f"the database at {display_url(url)} holds another application's tables; "
            "stakeholders leaves it alone (use a new or empty database)"
        )


def ensure_current(engine: Engine, url: str, role: str | None = None) -> None:
    """Raise DatabaseError unless the database exists and is at HEAD_REVISION. ``role``
    names the database in that error ("the target database URL") where two are at hand (a
    copy): "the database" would leave the officer to guess which one `db upgrade` is for."""
    rev = initialised_revision(engine, url)
    if rev != HEAD_REVISION:
        which = f"the {role} database {display_url(url)}" if role else "the database"
        raise DatabaseError(f"{which} is at schema {schema_problem(rev)}")


def initialised_revision(engine: Engine, url: str) -> str:
    """The schema revision of a stakeholders database, whichever it is; DatabaseError when
    there is no database there, a folder, another application's tables, or no schema yet."""
    path = sqlite_path(url)
    refuse_absent(path)
    rev = revision_of(engine, path)
    if rev is None:
        refuse_foreign(engine, url)
        raise DatabaseError(
            f"the database at {display_url(url)} is not initialised; run `stakeholders init`"
        )
    return rev


def revision_of(engine: Engine, path: Path | None) -> str | None:
    """:func:`current_revision`, errors made one line. A database in WAL mode (as every
    stakeholders file is once written to) cannot be opened, even to be read, where SQLite
    cannot write its -wal and -shm files beside it: a read-only folder or disk says so."""
    from sqlalchemy import exc

    try:
        return current_revision(engine)
    except exc.DatabaseError as e:
        if (path is not None and path.is_file() and not os.access(path.parent, os.W_OK)
                and getattr(e.orig, "sqlite_errorcode", None) == SQLITE_CANTOPEN):
            raise DatabaseError(
                f"cannot open {path}: its folder is read-only, and SQLite writes beside the "
                "database while it reads it; copy the file to a folder you can write to"
            ) from None
        if path is not None and getattr(e.orig, "sqlite_errorcode", None) == SQLITE_NOTADB:
            raise not_a_database(path) from None
        raise domain_error(e) from None
    except UnicodeDecodeError:  # a schema record whose bytes were damaged past reading
        raise damaged_schema() from None


def damaged_schema() -> DatabaseError:
    """What a database whose schema holds bytes that are no text says: SQLite's own
    "malformed database schema", for damage it cannot tell as such."""
    return DatabaseError("database error: malformed database schema (it holds bytes that are "
                         "no text); restore a backup (`stakeholders db restore`)")


def not_a_database(path: Path | str) -> DatabaseError:
    """SQLite's "file is not a database", naming the file (left as it is)."""
    return DatabaseError(f"{path} is not a SQLite database (nor an empty file); "
                         "stakeholders leaves it as it is")


def schema_problem(revision: str | None) -> str:
    """What is wrong with a database at ``revision`` (not :data:`HEAD_REVISION`) and what to do,
    as every command words it: an older revision is upgraded, an unknown one was made by a
    newer version. Only called on the way to an error: it loads the Alembic scripts."""
    if revision is not None and not is_known_revision(revision):
        return f"{unknown_revision(revision)}; {NEWER_VERSION}"
    return (f"revision {revision or 'none'}, this version needs {HEAD_REVISION}; "
            "run `stakeholders db upgrade`")


NEWER_VERSION = "it was made by a newer version of stakeholders: upgrade stakeholders to use it"


def unknown_revision(revision: str) -> str:
    return f"revision {revision}, which this version does not know (it needs {HEAD_REVISION})"


def is_known_revision(revision: str) -> bool:
    from stakeholders.migrations import history

    return revision in {h["revision"] for h in history()}


def refuse_unknown_revision(revision: str | None) -> None:
    """Refuse, as every command does, a database at a revision this version does not know
    (made by a newer version). The Alembic scripts are loaded only for a revision not at head."""
    if revision not in (None, HEAD_REVISION) and not is_known_revision(revision):
        raise DatabaseError(f"the database is at schema {schema_problem(revision)}")


def _ensure_current_read_only(url: str) -> None:
    """The schema check of a SQLite file, on a connection that writes nothing (a write
    connection switches the file to WAL first, which would turn an empty or foreign file into
    a database)."""
    engine = make_engine(url, write=False)
    try:
        ensure_current(engine, url)
    finally:
        engine.dispose()


def translate_errors(fn, *args, **kwargs):
    """Call ``fn`` and turn driver errors into one-line domain errors (no SQL, no row data)."""
    from sqlalchemy import exc

    try:
        return fn(*args, **kwargs)
    except exc.DatabaseError as e:
        raise domain_error(e) from None


def domain_error(error, url: str | None = None) -> Conflict | DatabaseError:
    """The one-line domain error for a driver error (IntegrityError or another DatabaseError)
    from the database at ``url``, when known (a file it may not write is named)."""
    from sqlalchemy import exc

    if isinstance(error, exc.IntegrityError):
        return Conflict(f"the change breaks a database rule ({first_line(error.orig)})")
    path = sqlite_path(url) if url else None
    if path is not None and is_read_only_error(error.orig):
        return not_writable(path)
    if waited_too_long(error.orig):
        return kept_busy()
    missing = _MISSING_DATABASE.search(first_line(error.orig))
    if missing:  # stakeholders makes its tables, not a server's databases
        return DatabaseError(f"database error: PostgreSQL has no database "
                             f"{missing.group(1)!r}; ask for it to be made (createdb "
                             f"{missing.group(1)}), then run `stakeholders init`")
    return DatabaseError(f"database error: {first_line(error.orig)}")


#: What PostgreSQL says of a URL naming a database it does not have.
_MISSING_DATABASE = re.compile(r'FATAL:\s+database "([^"]+)" does not exist')


def kept_busy() -> DatabaseError:
    """What a writer that waited out :data:`BUSY_TIMEOUT_MS` for another one says."""
    return DatabaseError(f"database error: another command kept the database busy for over "
                         f"{BUSY_TIMEOUT_MS // 1000} s; nothing was changed, try again")


def waited_too_long(orig: BaseException | None) -> bool:
    """A writer that waited out the busy timeout for another: SQLite's "database is locked",
    PostgreSQL's lock_timeout (SQLSTATE 55P03)."""
    return (getattr(orig, "sqlstate", None) == "55P03"
            or str(orig).startswith("database is locked"))


def first_line(orig: BaseException | None) -> str:
    """A driver error in one line: the constraint's name (PostgreSQL) or the first line."""
    diag = getattr(orig, "diag", None)
    if diag is not None and getattr(diag, "constraint_name", None):
        return f"constraint {diag.constraint_name}"
    text = str(orig or "unknown error").strip().splitlines()
    return text[0] if text else "unknown error"


@contextmanager
def session_scope(
    url: str, *, write: bool = True, check: bool = True, command: str | None = None,
    only_appends: bool = False,
) -> Iterator[Session]:
    """One command, one transaction: commit on success, roll back on any error.

    A write session given its ``command`` name is audited (see :mod:`stakeholders.services.audit`):
    the commit also records who ran it and which records it touched.
    Driver errors leave as :class:`Conflict` or :class:`DatabaseError` with one line of text.
    """
    from sqlalchemy import exc
    from sqlalchemy.orm import Session

    if check and is_sqlite(url):
        _ensure_current_read_only(url)
    engine = make_engine(url, write=write, only_appends=only_appends)
    try:
        if check and not is_sqlite(url):
            # on the command's own engine: its pooled connection then serves the command
            # too, and a PostgreSQL server is connected to (and introduced to) once, not twice
            ensure_current(engine, url)
        session = Session(engine, expire_on_commit=False, autoflush=True)
        if write and command:
            from stakeholders.services import audit

            audit.install(session, command)
        try:
            yield session
            session.commit()
        except exc.DatabaseError as e:
            session.rollback()
            raise domain_error(e, url) from None
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
    finally:
        engine.dispose()


@contextmanager
def uninterrupted() -> Iterator[None]:
    """Ctrl-C ignored while a command does what cannot be rolled back any more (a restore
    writing over the database, the compaction after an erasure has committed): the command
    finishes and says what it did, instead of exiting 130, "the command's changes were rolled
    back", with the database replaced or the person forgotten. Only the main thread can."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def compact(url: str) -> None:
    """Rewrite a SQLite file so deleted data leaves no copy in free pages or the WAL (after
    erasure). PostgreSQL keeps no such file copy the user can read; nothing to do there.

    VACUUM writes the rewritten file into the write-ahead log; only the checkpoint copies it
    over the old pages. A reader that keeps its snapshot open (a long report, a database
    browser) holds the checkpoint back past the busy timeout: that is an error, not a
    success, since the old pages (erased names included) are then still in the file."""
    if not is_sqlite(url):
        return
    import sqlite3

    engine = make_engine(url, write=False)
    try:
        raw = translate_errors(engine.raw_connection)
        try:  # the driver connection runs in autocommit mode (see make_engine): no BEGIN here
            cursor = raw.cursor()
            cursor.execute("VACUUM")
            busy, *_ = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            cursor.close()
        except sqlite3.Error as e:
            raise DatabaseError(f"could not compact the database: {e}") from None
        finally:
            raw.close()
    finally:
        engine.dispose()
    if busy:
        raise DatabaseError(
            "could not compact the database: another program kept the database open (reading "
            f"it) for over {BUSY_TIMEOUT_MS // 1000} s, so old copies of what was erased stay "
            "in the file until every program using it has closed it")
