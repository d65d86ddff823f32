"""Alembic, driven from code: used by ``init`` and the ``db`` commands only (Alembic is slow to
import, so ordinary commands never load this module).

The scripts ship inside the package (``stakeholders/_alembic`` in the wheel); in a source checkout
they are the top-level ``alembic/`` folder.
"""

from __future__ import annotations

import re
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
from stakeholders.text import counted


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
                    raise DatabaseError(
                        f"migration left {counted(len(orphans), 'broken reference')}")
    except exc.DBAPIError as e:
        if waited_too_long(e.orig):  # said as every command says it
            raise kept_busy() from None
        if sqlite_path(url) is not None and is_read_only_error(e.orig):
            raise not_writable(sqlite_path(url)) from None
        first = str(e.orig).strip().splitlines()[0] if e.orig else "unknown error"
        raise DatabaseError(f"migration failed: {first}") from None


def upgrade(url: str, revision: str = "head", create: bool = False) -> tuple[str, str]:
    """Upgrade to ``revision``; returns the revisions the database was at before ("base" for
    none) and is at after. A revision earlier than the database's is refused (that is a
    downgrade), as is one this version does not know."""
    from alembic import command
    from alembic.util import CommandError

    reached: list[str] = []

    def run(cfg) -> None:
        before = _current(cfg)
        target = _target(cfg, revision, before)
        if _position(cfg, target) < _position(cfg, before):
            raise Invalid(
                f"the database is at revision {before}, later than {_named(revision, target)}; "
                f"upgrade only moves forward: use `stakeholders db downgrade {revision}` to go "
                "back")
        if target != before:
            command.upgrade(cfg, target)
        reached.extend([before, _current(cfg)])

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


def _order(cfg) -> list[str]:
    """The schema revisions, "base" (none) first and the head last."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(cfg)
    return ["base"] + [s.revision for s in reversed(list(script.walk_revisions()))]


def _position(cfg, revision: str) -> int:
    return _order(cfg).index(revision)


def _named(asked: str, target: str) -> str:
    """The target as the officer asked for it, and which revision that is when relative."""
    return asked if asked == target else f"{asked} (revision {target})"


def _target(cfg, revision: str, current: str) -> str:
    """The revision ``revision`` names ("base" for none): an id (or the start of one), head,
    base, or a number of steps from the database's revision (``-1``, ``+2``) or from one of
    those (``0003+1``). Invalid when it names none this version knows."""
    import re

    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    order = _order(cfg)
    relative = re.fullmatch(r"(.*?)([+-]\d+)", revision.strip())
    anchor, steps = (relative.group(1), int(relative.group(2))) if relative else (revision, 0)
    history = "`stakeholders db history` lists them"
    if anchor == "":
        start = order.index(current)
    elif anchor in ("head", "heads"):
        start = len(order) - 1
    elif anchor == "base":
        start = 0
    else:
        try:
            found = ScriptDirectory.from_config(cfg).get_revision(anchor)
        except CommandError:
            found = None
        if found is None:
            raise Invalid(f"no schema revision {anchor!r} in this version of stakeholders "
                          f"({history})")
        start = order.index(found.revision)
    index = start + steps
    if not 0 <= index < len(order):
        there = order[start]
        count = start if steps < 0 else len(order) - 1 - start
        if anchor == "" and not count:
            raise Invalid(f"nothing to {'downgrade' if steps < 0 else 'upgrade'}: the database "
                          f"is at {there}, the {'earliest' if steps < 0 else 'latest'} revision")
        end = "base" if steps < 0 else "the latest revision"
        where = (f"{there} is {end}" if not count else
                 f"{there} is {count} step{'' if count == 1 else 's'} from {end}"
                 + ("" if steps < 0 else f", {order[-1]}"))
        raise Invalid(f"no schema revision {revision}: {where} ({history})")
    return order[index]


def downgrade(url: str, revision: str,
              confirm: Callable[[str], None] | None = None) -> tuple[str, str]:
    """Downgrade to ``revision``; returns the revisions the database was at before and is at
    after (the same when there was nothing to downgrade). When the database holds records,
    ``confirm`` (if given) is asked first: going back drops the tables and columns added
    since, with their data. A revision later than the database's is refused (that is an
    upgrade), as is one this version does not know."""
    from alembic import command
    from alembic.util import CommandError

    reached: list[str] = []

    def run(cfg) -> None:
        before = _current(cfg)
        if re.fullmatch(r"\+0*[1-9]\d*", revision.strip()) and before == _order(cfg)[-1]:
            raise Invalid(f"{revision} moves forward and the database is at {before}, the "
                          "latest revision; downgrade only moves back (-1 is one step back)")
        target = _target(cfg, revision, before)
        if _position(cfg, target) > _position(cfg, before):
            raise Invalid(
                f"the database is at revision {before}, earlier than "
                f"{_named(revision, target)}; downgrade only moves back: use "
                f"`stakeholders db upgrade {revision}` to go forward")
        if target != before:
            if confirm is not None and holds_records(cfg.attributes["connection"]):
                confirm(f"The database holds records; downgrading to "
                        f"{_named(revision, target)} drops the tables and columns added "
                        "since, with their data.")
            command.downgrade(cfg, target)
        reached.extend([before, _current(cfg)])

    try:
        _run(url, False, run)
    except CommandError as e:
        raise Invalid(str(e).splitlines()[0]) from None
    return reached[0], reached[1]


def history() -> list[dict[str, str]]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return [
        {"revision": s.revision, "down_revision": str(s.down_revision or ""),
         "description": s.doc or ""}
        for s in script.walk_revisions()
    ]
