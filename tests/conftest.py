"""Shared fixtures: a real, migrated database per test.

SQLite always: a file in the test's tmp folder, copied from a template migrated once per run.
PostgreSQL when STAKEHOLDERS_TEST_DATABASE_URL is set: every test gets its own database created
from a migrated template database (CREATE DATABASE … TEMPLATE), dropped afterwards.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
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
        return self._new_database("t", template)

    def drop(self, url: str) -> None:
        if PG_URL is not None and url != PG_URL:
            name = _pg_name(url)
            pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            if name in self.pg_databases:
                self.pg_databases.remove(name)

    def close(self) -> None:
        for name in list(self.pg_databases):
            pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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


@pytest.fixture(scope="session")
def templates(tmp_path_factory) -> Iterator[Templates]:
    t = Templates(tmp_path_factory.mktemp("templates"))
    yield t
    t.close()


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
