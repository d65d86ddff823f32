"""init, seed and db commands, and the schema check every other command makes first."""

from __future__ import annotations

import os
import stat

from stakeholders.db import HEAD_REVISION
from tests.conftest import BACKEND, Cli
from tests.cli.helpers import refused

import pytest

sqlite_only = pytest.mark.skipif(BACKEND != "sqlite", reason="SQLite file behaviour")


def test_init_seed_creates_and_fills_the_database(blank_url):
    cli = Cli(blank_url)
    result = cli.ok("init", "--seed")
    assert result.stdout == ""
    assert "Database ready" in result.stderr
    assert "added 10 organizations, 10 people" in result.stderr
    again = cli.ok("seed")
    assert "nothing new" in again.stderr


def test_seed_adds_an_organization_without_an_acronym_another_has(db_url):
    """References by that acronym keep meaning the organization already recorded; the seed's
    own references to the new one by full name still find it."""
    import json

    cli = Cli(db_url)
    cli.ok("org", "add", "Fédération Internationale de l'Automobile", "--acronym", "FIA")
    cli.ok("campaign", "add", "Global Action Lite", "--acronym", "GLO.ACT")
    result = cli.ok("seed")
    assert "added 10 organizations" in result.stderr and "2 campaigns" in result.stderr
    fia = json.loads(cli.ok("org", "show", "Federal Investigation Agency", "-f", "json").stdout)
    assert (fia["acronym"], [p["person"] for p in fia["people"]]) == (
        None, ["Muhammad Shifaque"])
    assert json.loads(cli.ok("org", "show", "FIA", "-f", "json").stdout)["id"] == 1
    assert json.loads(cli.ok("campaign", "show", "GLO.ACT", "-f", "json").stdout)["id"] == 1
    assert "nothing new" in cli.ok("seed").stderr


@sqlite_only
def test_a_new_database_file_is_private(tmp_path):
    path = tmp_path / "sub" / "contacts.db"
    Cli(str(path)).ok("init")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700


@sqlite_only
def test_a_missing_database_is_reported_not_created(tmp_path):
    path = tmp_path / "nothing.db"
    result = Cli(str(path))("db", "current")
    assert result.exit_code == 3
    assert result.stderr == f"Error: no database at {path}; run `stakeholders init` to create it\n"
    assert not path.exists()


@sqlite_only
def test_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are not the droids\n" * 100)
    result = Cli(str(path))("seed")
    assert result.exit_code == 3
    assert result.stderr.startswith("Error: database error: file is not a database")
    assert path.read_text().startswith("these are not")


def test_a_database_behind_the_code_asks_for_an_upgrade(db_url):
    from stakeholders.db import make_engine

    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0000'")
    engine.dispose()
    result = Cli(db_url)("seed")
    assert result.exit_code == 3
    assert "run `stakeholders db upgrade`" in result.stderr


def test_db_current_and_history(db_url):
    cli = Cli(db_url)
    assert cli.ok("db", "current").stdout == f"{HEAD_REVISION} (head)\n"
    history = cli.ok("db", "history", "--format", "json").stdout
    assert '"revision": "0001"' in history
    assert f'"revision": "{HEAD_REVISION}"' in history


def test_db_downgrade_then_upgrade(db_url):
    cli = Cli(db_url)
    cli.ok("db", "downgrade", "base")
    assert cli.ok("db", "current").stdout.startswith("none")
    assert cli("seed").exit_code == 3
    cli.ok("db", "upgrade")
    assert cli.ok("db", "current").stdout == f"{HEAD_REVISION} (head)\n"


def test_the_password_of_a_url_is_never_shown(monkeypatch):
    from stakeholders.config import display_url

    assert display_url("postgresql+psycopg://officer:s3cret@db.example.org/contacts") == (
        "postgresql+psycopg://officer:***@db.example.org/contacts")


def test_unknown_command_is_a_usage_error(cli):
    result = cli("frobnicate")
    assert result.exit_code == 2
    assert result.stderr == "Error: No such command 'frobnicate'. (see 'stakeholders --help')\n"


@pytest.mark.parametrize(("args", "message"), [
    (("person", "add"), "Missing argument 'name'. (see 'stakeholders person add --help')"),
    (("--bogus",), "No such option: --bogus (see 'stakeholders --help')"),
    (("report", "attendees", "x", "--format", "xml"),
     "Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'csv', 'json', 'html', "
     "'xlsx'. (see 'stakeholders report attendees --help')"),
])
def test_usage_errors_are_one_line_and_change_nothing(cli, args, message):
    refused(cli, *args, message=message, code=2)


def test_a_group_without_arguments_still_shows_its_help(cli):
    result = cli("person")
    assert result.exit_code == 2
    assert "Commands:" in result.stdout + result.stderr
