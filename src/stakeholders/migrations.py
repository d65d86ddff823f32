"""Alembic, driven from code: used by ``init`` and the ``db`` commands only (Alembic is slow to
import, so ordinary commands never load this module).

The scripts ship inside the package (``stakeholders/_alembic`` in the wheel); in a source checkout
they are the top-level ``alembic/`` folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from stakeholders.config import is_sqlite, sqlite_path
from stakeholders.db import (
    create_sqlite_file,
    holds_records,
    is_read_only_error,
    kept_busy,
    make_engine,
    not_writable,
    refuse_folder,
    refuse_foreign,
    refuse_unknown_revision,
    revision_of,
    waited_too_long,
)
from stakeholders.errors import DatabaseError, Invalid


def _resource(packaged: str, source: str) -> Path:
    pkg = Path(__file__).resolve().parent
    inside = pkg / packaged
    if inside.is_dir():
        return inside
    in_checkout = pkg.parent.parent / source
    if in_checkout.is_dir():
        return in_checkout
    raise DatabaseError(f"the {source} folder is missing from this installation")


def script_location() -> Path:
    return _resource("_alembic", "alembic")


def seeds_location() -> Path:
    return _resource("_seeds", "seeds")


def alembic_config(url: str, connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(script_location()))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def _refuse_unusable(url: str) -> None:
    """Before a migration writes anything, on a connection that writes nothing: refuse what is
    not a database, another application's database (tables but no schema revision table) and
    a database made by a newer version (Alembic could not find its revision)."""
    engine = make_engine(url, write=False)
    try:
        revision = revision_of(engine, sqlite_path(url))
        refuse_foreign(engine, url)
    finally:
        engine.dispose()
    refuse_unknown_revision(revision)


@contextmanager
def _migration_connection(url: str, create: bool) -> Iterator:
    path = sqlite_path(url)
    if path is not None:
        refuse_folder(path)
    if path is None or path.exists():
        _refuse_unusable(url)
    if path is not None:
        if create or (path.is_file() and not path.stat().st_size):  # an empty file, private too
            create_sqlite_file(path)
        elif not path.exists():
            raise DatabaseError(f"no database at {path}; run `stakeholders init` to create it")
    engine = make_engine(url, write=True, foreign_keys=False)
    try:
        with engine.begin() as conn:
            yield conn
    finally:
        engine.dispose()


def _run(url: str, create: bool, fn) -> None:
    from sqlalchemy import exc

    try:
        with _migration_connection(url, create) as conn:
            fn(alembic_config(url, conn))
            if is_sqlite(url):
                orphans = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if orphans:
                    raise DatabaseError(f"migration left {len(orphans)} broken references")
    except exc.DBAPIError as e:
        if waited_too_long(e.orig):  # said as every command says it
            raise kept_busy() from None
        if sqlite_path(url) is not None and is_read_only_error(e.orig):
            raise not_writable(sqlite_path(url)) from None
        first = str(e.orig).strip().splitlines()[0] if e.orig else "unknown error"
        raise DatabaseError(f"migration failed: {first}") from None


def upgrade(url: str, revision: str = "head", create: bool = False) -> tuple[str, str]:
    """Upgrade to ``revision``; returns the revisions the database was at before ("base" for
    none) and is at after."""
    from alembic import command
    from alembic.util import CommandError

    reached: list[str] = []

    def run(cfg) -> None:
        _refuse_older_target(cfg, revision)
        reached.append(_current(cfg))
        command.upgrade(cfg, revision)
        reached.append(_current(cfg))

    try:
        _run(url, create, run)
    except CommandError as e:
        raise Invalid(str(e).splitlines()[0]) from None
    return reached[0], reached[1]


def _current(cfg) -> str:
    """The revision the migration connection's database is at ("base" for none)."""
    from alembic.migration import MigrationContext

    return MigrationContext.configure(
        cfg.attributes["connection"]).get_current_revision() or "base"


def _refuse_older_target(cfg, revision: str) -> None:
    """Alembic's upgrade to a revision older than the database's does nothing and says
    nothing; refuse it, pointing at downgrade (which asks before dropping data)."""
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    script = ScriptDirectory.from_config(cfg)
    current = MigrationContext.configure(cfg.attributes["connection"]).get_current_revision()
    if current is None:
        return
    try:
        target = script.get_revision(revision)
    except CommandError:
        return  # a relative or unknown target: Alembic itself says what is wrong with it
    older = {s.revision for s in script.iterate_revisions(current, "base")} - {current}
    if target is None or target.revision in older:
        raise Invalid(
            f"the database is at revision {current}, later than {revision}; upgrade only "
            f"moves forward: use `stakeholders db downgrade {revision}` to go back"
        )


def downgrade(url: str, revision: str, confirm: Callable[[str], None] | None = None) -> str:
    """Downgrade to ``revision``; returns the revision the database is then at. When the
    database holds records, ``confirm`` (if given) is asked first: going back drops the
    tables and columns added since, with their data."""
    from alembic import command
    from alembic.util import CommandError

    reached: list[str] = []

    def run(cfg) -> None:
        if confirm is not None and holds_records(cfg.attributes["connection"]):
            confirm(f"The database holds records; downgrading to {revision} drops the tables "
                    "and columns added since, with their data.")
        command.downgrade(cfg, revision)
        reached.append(_current(cfg))

    try:
        _run(url, False, run)
    except CommandError as e:
        raise Invalid(str(e).splitlines()[0]) from None
    return reached[0]


def history() -> list[dict[str, str]]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return [
        {"revision": s.revision, "down_revision": str(s.down_revision or ""),
         "description": s.doc or ""}
        for s in script.walk_revisions()
    ]
