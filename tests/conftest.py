"""Shared fixtures: a real, migrated database per test.

SQLite always: a file in the test's tmp folder, copied from a template migrated once per run.
PostgreSQL when STAKEHOLDERS_TEST_DATABASE_URL is set: every test gets a database of its own,
created from a migrated template database (CREATE DATABASE … TEMPLATE). Creating and dropping a
database costs the server a checkpoint, so a finished test's database is put back as the template
had it (its rows and sequences reloaded) and lent to the next test; one whose schema the test
changed (a migration test, a restore) is dropped instead.
"""

from __future__ import annotations

import functools
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import typer.testing
from typer.testing import CliRunner

from stakeholders.cli import app

PG_URL = os.environ.get("STAKEHOLDERS_TEST_DATABASE_URL")
BACKEND = "postgresql" if PG_URL else "sqlite"


def pytest_report_header(config) -> str:
    return f"stakeholders test database: {BACKEND}"


# -- database templates ---------------------------------------------------------------------


class Templates:
    """Migrated (and seeded) template databases, made once per test run on demand."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.made: dict[str, str] = {}
        self.pg_databases: list[str] = []
        self.snapshots: dict[str, PgSnapshot] = {}  # template kind -> its rows, as COPY text
        self.kind_of: dict[str, str] = {}  # lent database -> the template kind it was made from
        self.idle: dict[str, list[str]] = {"empty": [], "seeded": []}
        self.counts = {"made": 0, "lent again": 0, "dropped": 0}

    def template(self, seeded: bool) -> str:
        name = "seeded" if seeded else "empty"
        if name not in self.made:
            url = self._new_database(f"tmpl_{name}")
            from stakeholders.migrations import upgrade

            upgrade(url, "head", create=True)
            if seeded:
                load_seed(url)
            self.made[name] = url
        return self.made[name]

    def _new_database(self, stem: str, template: str | None = None) -> str:
        if PG_URL is None:
            path = self.workdir / f"{stem}.db"
            if template:
                shutil.copyfile(_sqlite_file(template), path)
                os.chmod(path, 0o600)
            return f"sqlite:///{path}"
        name = f"sh_{stem}_{uuid.uuid4().hex[:10]}"
        clause = f' TEMPLATE "{_pg_name(template)}"' if template else ""
        pg_admin(f'CREATE DATABASE "{name}"{clause}')
        self.pg_databases.append(name)
        return _pg_with_db(name)

    def fresh(self, tmp_path: Path, seeded: bool = False, empty: bool = False) -> str:
        """A database for one test: migrated (and seeded) unless ``empty``."""
        if empty:
            if PG_URL is None:
                return f"sqlite:///{tmp_path / 'blank.db'}"
            return self._new_database("empty")
        template = self.template(seeded)
        if PG_URL is None:
            path = tmp_path / ("seeded.db" if seeded else "test.db")
            shutil.copyfile(_sqlite_file(template), path)
            os.chmod(path, 0o600)
            return f"sqlite:///{path}"
        kind = "seeded" if seeded else "empty"
        if self.idle[kind]:
            self.counts["lent again"] += 1
            return _pg_with_db(self.idle[kind].pop())
        if kind not in self.snapshots:
            self.snapshots[kind] = PgSnapshot.take(template)
        url = self._new_database("t", template)
        self.counts["made"] += 1
        self.kind_of[_pg_name(url)] = kind
        return url

    def drop(self, url: str) -> None:
        if PG_URL is not None and url != PG_URL:
            name = _pg_name(url)
            kind = self.kind_of.get(name)
            if kind is not None and self.snapshots[kind].restore(url):
                self.idle[kind].append(name)
                return
            pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self.counts["dropped"] += kind is not None
            self.kind_of.pop(name, None)
            if name in self.pg_databases:
                self.pg_databases.remove(name)

    def close(self) -> None:
        for name in list(self.pg_databases):
            pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class PgSnapshot:
    """A migrated template database's schema fingerprint, rows and sequence values: enough to
    put a database made from it back as it was, in a fraction of a CREATE DATABASE."""

    # Everything of a schema a test can change and a later test could see.
    FINGERPRINT = """
        SELECT md5(coalesce(string_agg(x, E'\\n' ORDER BY x), '')) FROM (
          SELECT 'rel ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' '
                 || coalesce(c.relacl::text, '') AS x
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
             AND n.nspname NOT LIKE 'pg\\_%'
          UNION ALL
          SELECT 'col ' || a.attrelid::regclass::text || ' ' || a.attname || ' '
                 || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull || ' '
                 || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
           WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
             AND n.nspname NOT LIKE 'pg\\_%' AND a.attnum > 0 AND NOT a.attisdropped
          UNION ALL
          SELECT 'con ' || conrelid::regclass::text || ' ' || conname || ' '
                 || pg_get_constraintdef(oid) FROM pg_constraint
           WHERE connamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
          UNION ALL
          SELECT 'idx ' || schemaname || ' ' || indexdef FROM pg_indexes
           WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
          UNION ALL
          SELECT 'nsp ' || nspname || ' ' || coalesce(nspacl::text, '') FROM pg_namespace
           WHERE nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
          UNION ALL
          SELECT 'fn ' || oid::regprocedure::text FROM pg_proc
           WHERE pronamespace NOT IN ('pg_catalog'::regnamespace,
                                      'information_schema'::regnamespace)
          UNION ALL
          SELECT 'trg ' || tgrelid::regclass::text || ' ' || tgname FROM pg_trigger
           WHERE NOT tgisinternal
          UNION ALL
          SELECT 'typ ' || typnamespace::regnamespace::text || ' ' || typname FROM pg_type
           WHERE typnamespace NOT IN ('pg_catalog'::regnamespace,
                                      'information_schema'::regnamespace)
             AND typrelid = 0
          UNION ALL
          SELECT 'ext ' || extname || ' ' || extversion FROM pg_extension
          UNION ALL
          SELECT 'set ' || array_to_string(setconfig, ',') FROM pg_db_role_setting
           WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
          UNION ALL
          SELECT 'db ' || coalesce(datacl::text, '') || ' ' || datconnlimit || ' '
                 || datallowconn FROM pg_database WHERE datname = current_database()
        ) AS everything
    """

    def __init__(self, fingerprint: str, tables: list[tuple[str, bytes]],
                 sequences: list[tuple[str, int, bool]]) -> None:
        self.fingerprint = fingerprint
        self.tables = tables
        self.sequences = sequences

    @classmethod
    def take(cls, url: str) -> PgSnapshot:
        from stakeholders.models import Base

        order = [t.name for t in Base.metadata.sorted_tables]
        with _pg_connect(url) as conn:
            fingerprint = conn.execute(cls.FINGERPRINT).fetchone()[0]
            names = {r[0] for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
            extra = sorted(names - set(order))  # alembic_version
            tables = []
            for name in [n for n in order if n in names] + extra:
                with conn.cursor().copy(f'COPY "{name}" TO STDOUT') as copy:
                    tables.append((name, b"".join(bytes(block) for block in copy)))
            sequences = []
            for (seq,) in conn.execute(
                    "SELECT quote_ident(sequencename) FROM pg_sequences "
                    "WHERE schemaname = 'public'").fetchall():
                last, called = conn.execute(f"SELECT last_value, is_called FROM {seq}").fetchone()
                sequences.append((seq, last, called))
        return cls(fingerprint, tables, sequences)

    def restore(self, url: str) -> bool:
        """Put the database at ``url`` back as the template was; False if it cannot be (its
        schema changed, or something held it), and it should be dropped instead."""
        try:
            with _pg_connect(url) as conn:
                conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             "WHERE datname = current_database() AND pid <> pg_backend_pid()")
                conn.execute("SET lock_timeout = '10s'")
                if conn.execute(self.FINGERPRINT).fetchone()[0] != self.fingerprint:
                    return False
                # DELETE, children first: TRUNCATE would make new files for every table.
                conn.execute("; ".join(f'DELETE FROM "{t}"' for t, _ in reversed(self.tables)))
                for table, rows in self.tables:
                    if rows:
                        with conn.cursor().copy(f'COPY "{table}" FROM STDIN') as copy:
                            copy.write(rows)
                if self.sequences:
                    conn.execute("SELECT " + ", ".join(
                        f"setval('{seq}'::regclass, {last}, {called})"
                        for seq, last, called in self.sequences))
                conn.commit()
            return True
        except Exception:  # noqa: BLE001 - whatever went wrong, a fresh database is the cure
            return False


def _pg_connect(url: str):
    import psycopg
    from sqlalchemy.engine import make_url

    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    return psycopg.connect(plain)


def _sqlite_file(url: str) -> Path:
    return Path(url.split(":///", 1)[1])


def _pg_name(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).database


def _pg_with_db(name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def pg_admin(sql: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(sql)
    finally:
        engine.dispose()


def load_seed(url: str) -> None:
    from stakeholders.db import session_scope
    from stakeholders.migrations import seeds_location
    from stakeholders.services import seed

    with session_scope(url) as s:
        for path in sorted(seeds_location().glob("*.toml")):
            seed.load(s, seed.read(path))


TEMPLATES = pytest.StashKey[Templates]()


@pytest.fixture(scope="session")
def templates(tmp_path_factory, pytestconfig) -> Iterator[Templates]:
    t = Templates(tmp_path_factory.mktemp("templates"))
    pytestconfig.stash[TEMPLATES] = t
    yield t
    t.close()


def pytest_terminal_summary(terminalreporter, config) -> None:
    t = config.stash.get(TEMPLATES, None)
    if PG_URL is not None and t is not None:
        counts = ", ".join(f"{n} {what}" for what, n in t.counts.items())
        terminalreporter.write_line(f"PostgreSQL test databases from templates: {counts}")


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path_factory, monkeypatch) -> None:
    """The user data folder (the default database, the error logs) is one of the run's own,
    never the real one of whoever runs the tests."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.getbasetemp() / "data-home"))


@pytest.fixture
def db_url(templates: Templates, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database."""
    url = templates.fresh(tmp_path)
    yield url
    templates.drop(url)


@pytest.fixture
def seeded_url(templates: Templates, tmp_path: Path) -> Iterator[str]:
    """A migrated database holding the bundled seed launch."""
    url = templates.fresh(tmp_path, seeded=True)
    yield url
    templates.drop(url)


@pytest.fixture
def blank_url(templates: Templates, tmp_path: Path) -> Iterator[str]:
    """A database that does not exist yet (SQLite) or is empty (PostgreSQL)."""
    url = templates.fresh(tmp_path, empty=True)
    yield url
    templates.drop(url)


@pytest.fixture
def spare_url(templates: Templates, tmp_path: Path) -> Iterator[str]:
    """A second database, not created yet (SQLite) or empty (PostgreSQL), beside the test's
    own one: the other end of a copy or a restore."""
    folder = tmp_path / "spare"
    folder.mkdir(mode=0o700)
    url = templates.fresh(folder, empty=True)
    yield url
    templates.drop(url)


@pytest.fixture
def session_factory():
    """``with session_factory(url) as s:`` — one committed transaction, as a command has."""
    from stakeholders.db import session_scope

    return session_scope


# -- the command line -----------------------------------------------------------------------

# Typer's test runner builds the Click command tree anew for every invocation (a command-line
# process builds it once); built once here, each command module's commands are built the first
# time one of them runs, as in a process, not again for every one of thousands of invocations.
if hasattr(typer.testing, "_get_command"):  # a private name: a Typer without it builds anew
    typer.testing._get_command = functools.cache(typer.testing._get_command)


class Cli:
    """Runs the real Typer app in-process against one database."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, env: dict | None = None):
        return self.runner.invoke(app, ["--db", self.url, *args], input=input, env=env,
                                  catch_exceptions=False, prog_name="stakeholders")

    def ok(self, *args: str, input: str | None = None):
        result = self(*args, input=input)
        assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr)
        return result


@pytest.fixture
def cli(db_url: str) -> Cli:
    return Cli(db_url)


@pytest.fixture
def at_a_terminal(monkeypatch):
    """Standard input is a terminal: commands that confirm ask instead of refusing."""
    import types

    from stakeholders.cli import common

    fake_stdin = types.SimpleNamespace(isatty=lambda: True)
    monkeypatch.setattr(common, "sys", types.SimpleNamespace(stdin=fake_stdin))


@pytest.fixture
def seeded_cli(seeded_url: str) -> Cli:
    return Cli(seeded_url)


# -- comparing database contents ------------------------------------------------------------


def dump(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order: equal dumps mean equal databases.
    A database at an earlier revision is dumped with the tables and columns it has (in the
    models' order)."""
    from sqlalchemy import create_engine, inspect, select

    from stakeholders import db
    from stakeholders.models import Base

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            columns = {t.name: list(t.columns) for t in Base.metadata.sorted_tables}
            if db.current_revision(engine) != db.HEAD_REVISION:
                found = inspect(conn)
                present = set(found.get_table_names())
                columns = {name: [c for c in cols if c.name in {
                    f["name"] for f in found.get_columns(name)}]
                    for name, cols in columns.items() if name in present}
            out = {}
            for name, cols in columns.items():
                table = Base.metadata.tables[name]
                rows = conn.execute(select(*cols).order_by(*table.primary_key.columns)).all()
                out[name] = [tuple(r) for r in rows]
            return out
    finally:
        engine.dispose()


@pytest.fixture
def db_dump() -> Callable[[str], dict[str, list[tuple]]]:
    return dump


@pytest.fixture
def a_day_off_utc(monkeypatch):
    """The local time zone is one where today is not UTC's day (UTC-12 in UTC's morning,
    UTC+14 after it)."""
    import datetime as dt
    import time

    zone = "Etc/GMT+12" if dt.datetime.now(dt.timezone.utc).hour < 12 else "Etc/GMT-14"
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    yield dt.datetime.now().astimezone().date()
    monkeypatch.undo()
    time.tzset()
