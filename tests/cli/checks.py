"""Assertions shared by the command-line tests."""

from __future__ import annotations

from tests.conftest import Cli


def assert_refused(cli: Cli, db_dump, args: list[str], message: str) -> None:
    """The command fails with exit 1, exactly ``Error: message`` on stderr and nothing on
    stdout, no traceback, and the database unchanged."""
    before = db_dump(cli.url)
    result = cli(*args)
    got = (result.exit_code, result.stdout, result.stderr)
    assert got == (1, "", f"Error: {message}\n"), got
    assert "Traceback" not in result.output
    assert db_dump(cli.url) == before
