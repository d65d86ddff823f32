"""When things go wrong underneath: an unexpected exception, a write error, a full disk, a
read-only file. Each ends in one line on stderr, a non-zero exit and an unchanged database."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import BACKEND, Cli, dump

sqlite_only = pytest.mark.skipif(BACKEND != "sqlite", reason="SQLite file behaviour")


def _one_line(stderr: str) -> None:
    assert stderr.count("\n") == 1 and stderr.startswith("Error: "), stderr
    assert "Traceback" not in stderr


def test_an_unexpected_error_prints_one_line_and_logs_privately(seeded_url, monkeypatch,
                                                                 tmp_path):
    from stakeholders.services import seed

    def broken(*_args, **_kwargs):
        raise RuntimeError("details for maintainers: Ms. Margaret Adamson")

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(seed, "load", broken)
    before = dump(seeded_url)
    result = Cli(seeded_url)("seed")
    assert result.exit_code == 4
    _one_line(result.stderr)
    prefix = "Error: unexpected RuntimeError; nothing was changed. Details: "
    assert result.stderr.startswith(prefix)
    assert "Adamson" not in result.stderr
    log = Path(result.stderr[len(prefix):].strip())
    assert log.parent == tmp_path / "data" / "stakeholders" / "logs"
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(log.parent.parent.stat().st_mode) == 0o700  # the data folder it made
    text = log.read_text()
    assert "Traceback" in text and "details for maintainers" in text
    assert dump(seeded_url) == before


def test_an_unexpected_error_is_one_line_when_no_log_can_be_written(seeded_url, monkeypatch,
                                                                     tmp_path):
    """A data folder that cannot be made (a read-only home, a file in its way) loses the
    details, not the one line: no traceback, whose frames may show personal data."""
    from stakeholders.services import seed

    def broken(*_args, **_kwargs):
        raise RuntimeError("details for maintainers: Ms. Margaret Adamson")

    in_the_way = tmp_path / "data"
    in_the_way.write_text("not a folder\n")
    monkeypatch.setenv("XDG_DATA_HOME", str(in_the_way))
    monkeypatch.setattr(seed, "load", broken)
    before = dump(seeded_url)
    result = Cli(seeded_url)("seed")
    assert result.exit_code == 4
    _one_line(result.stderr)
    assert result.stderr == ("Error: unexpected RuntimeError; nothing was changed. The details "
                             f"could not be logged ({in_the_way / 'stakeholders'}: Not a "
                             "directory)\n")
    assert in_the_way.read_text() == "not a folder\n"
    assert dump(seeded_url) == before


def test_a_write_error_at_commit_rolls_back(seeded_url, tmp_path, monkeypatch):
    import sqlite3

    from sqlalchemy import exc
    from sqlalchemy.orm import Session

    def failing_commit(self):
        raise exc.OperationalError("COMMIT", {}, sqlite3.OperationalError("disk I/O error"))

    monkeypatch.setattr(Session, "commit", failing_commit)
    new = tmp_path / "new.toml"
    new.write_text('[[people]]\nname = "Never Stored"\n')
    before = dump(seeded_url)
    result = Cli(seeded_url)("seed", str(new))
    assert (result.exit_code, result.stderr) == (3, "Error: database error: disk I/O error\n")
    assert dump(seeded_url) == before


# -- real file-system failures (need root for mount; skipped otherwise) -------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A tiny tmpfs of 2 MiB: a full disk without filling the real one."""
    mount = tmp_path / "small"
    mount.mkdir(mode=0o700)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs",
                           str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def _database_on(folder: Path, url: str) -> str:
    path = folder / "contacts.db"
    shutil.copyfile(url.split(":///", 1)[1], path)
    os.chmod(path, 0o600)
    return f"sqlite:///{path}"


def _leave_free(folder: Path, free: int) -> None:
    """Fill the file system of ``folder`` until only about ``free`` bytes are left, whatever
    size the database has grown to."""
    stats = os.statvfs(folder)
    (folder / "filler").write_bytes(b"\0" * max(stats.f_bavail * stats.f_frsize - free, 0))


@sqlite_only
def test_a_full_disk_during_a_write_changes_nothing(seeded_url, small_disk, tmp_path):
    url = _database_on(small_disk, seeded_url)
    _leave_free(small_disk, 96 * 1024)
    big = tmp_path / "big.toml"
    big.write_text("".join(f'[[people]]\nname = "Filler Person{i:04d}"\nnotes = "{"x" * 400}"\n\n'
                           for i in range(400)))
    before = dump(url)
    result = Cli(url)("seed", str(big))
    assert result.exit_code == 3
    assert result.stderr == "Error: database error: database or disk is full\n"
    assert dump(url) == before
    assert Cli(url).ok("db", "check").exit_code == 0


def test_a_full_disk_during_a_backup_leaves_no_file(seeded_url, small_disk):
    """The backup file is the command's output: one that cannot be written is exit code 1,
    as an export's is, not 3 (the database is sound)."""
    _leave_free(small_disk, 64 * 1024)
    result = Cli(seeded_url)("db", "backup", str(small_disk / "backup.db"))
    assert (result.exit_code, result.stderr) == (
        1, f"Error: cannot write {small_disk / 'backup.db'}: the disk is full\n")
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]


def test_a_backup_onto_a_read_only_disk_says_so(seeded_url, small_disk):
    existing = small_disk / "old.db"
    existing.write_bytes(b"an older backup")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        new = Cli(seeded_url)("db", "backup", str(small_disk / "backup.db"))
        over = Cli(seeded_url)("db", "backup", str(existing), "--yes")
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    for result, path in ((new, small_disk / "backup.db"), (over, existing)):
        assert (result.exit_code, result.stderr) == (
            1, f"Error: cannot write {path}: the disk it is on is read-only\n")
    assert sorted(p.name for p in small_disk.iterdir()) == ["old.db"]
    assert existing.read_bytes() == b"an older backup"


@sqlite_only
def test_a_read_only_database_file_is_reported(seeded_url, small_disk):
    url = _database_on(small_disk, seeded_url)
    before = dump(url)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    new = small_disk.parent / "new.toml"
    new.write_text('[[people]]\nname = "Never Stored"\n')
    result = Cli(url)("seed", str(new))
    assert result.exit_code == 3
    _one_line(result.stderr)
    assert result.stderr.startswith("Error: cannot open "), result.stderr
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert dump(url) == before


@sqlite_only
@pytest.mark.parametrize("args", [("person", "list"), ("db", "check"), ("db", "current"),
                                  ("db", "upgrade"), ("person", "add", "Never Stored")])
def test_a_database_on_a_read_only_disk_says_why_it_cannot_be_opened(seeded_url, small_disk,
                                                                      args, tmp_path):
    """A database in WAL mode cannot even be read where SQLite cannot write its -wal and -shm
    files: 'unable to open database file' does not tell the officer why, nor what to do."""
    url = _database_on(small_disk, seeded_url)
    path = Path(url.split(":///", 1)[1])
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)
    before = path.read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = Cli(url)(*args)
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (f"Error: cannot open {path}: its folder is read-only, and SQLite "
                             "writes beside the database while it reads it; copy the file to a "
                             "folder you can write to\n")
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert path.read_bytes() == before


def _rollback_journal(path: Path) -> None:
    """Take a database file out of WAL mode (as a copy made by another tool may be): then
    SQLite reads it on a read-only disk, and only writing fails."""
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA journal_mode = DELETE").fetchone() == ("delete",)


@sqlite_only
@pytest.mark.parametrize("args", [("person", "add", "Never Stored"), ("db", "upgrade"),
                                  ("init",), ("db", "downgrade", "-1", "--yes"),
                                  ("db", "restore", "BACKUP", "--yes")])
def test_a_database_on_a_read_only_disk_that_is_written_says_so(seeded_url, small_disk, args,
                                                                   tmp_path):
    """Not SQLite's "attempt to write a readonly database" nor "could not write" (exit 1,
    as for the output): which file cannot be written, and why, with exit code 3."""
    url = _database_on(small_disk, seeded_url)
    path = Path(url.split(":///", 1)[1])
    backup = tmp_path / "backup.db"
    assert Cli(url)("db", "backup", str(backup)).exit_code == 0
    _rollback_journal(path)
    before = path.read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        result = Cli(url)(*[str(backup) if a == "BACKUP" else a for a in args])
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == f"Error: cannot write {path}: the disk it is on is read-only\n"
    assert path.read_bytes() == before


@sqlite_only
def test_a_wal_database_on_a_read_only_disk_is_not_restored_over(seeded_url, small_disk,
                                                                  tmp_path):
    """Refused before anything is read from it, not "could not write" (exit 1) on the way."""
    url = _database_on(small_disk, seeded_url)
    path = Path(url.split(":///", 1)[1])
    backup = tmp_path / "backup.db"
    assert Cli(url)("db", "backup", str(backup)).exit_code == 0
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        result = Cli(url)("db", "restore", str(backup), "--yes")
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == f"Error: cannot write {path}: the disk it is on is read-only\n"


@sqlite_only
def test_a_database_on_a_read_only_disk_is_backed_up_unlogged(seeded_url, small_disk, tmp_path):
    """Backing up only reads the database: one that may not be written (here on a read-only
    disk) is copied all the same, to a place that may be, and the backup says it is not in
    its audit log, which cannot be written."""
    url = _database_on(small_disk, seeded_url)
    path = Path(url.split(":///", 1)[1])
    _rollback_journal(path)
    before = path.read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        result = Cli(url)("db", "backup", str(tmp_path / "backup.db"))
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (f"Backup written and verified: {tmp_path / 'backup.db'}\n"
                             "Note: the backup is not in the database's audit log (cannot "
                             f"write {path}: the disk it is on is read-only)\n")
    assert path.read_bytes() == before
    assert dump(f"sqlite:///{tmp_path / 'backup.db'}") == dump(url)


@sqlite_only
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="the superuser writes to read-only files")
def test_a_read_only_database_file_that_is_written_says_so(seeded_url, tmp_path):
    path = tmp_path / "contacts.db"
    shutil.copyfile(seeded_url.split(":///", 1)[1], path)
    _rollback_journal(path)
    os.chmod(path, 0o400)
    result = Cli(str(path))("person", "add", "Never Stored")
    assert (result.exit_code, result.stderr) == (
        3, f"Error: cannot write {path}: the file is read-only\n")
    # backing it up only reads it
    result = Cli(str(path))("db", "backup", str(tmp_path / "backup.db"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith("Note: the backup is not in the database's audit log (cannot "
                                  f"write {path}: the file is read-only)\n")


def test_a_full_disk_under_the_output_is_one_plain_line(seeded_url, tmp_path):
    import sys

    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "stakeholders", "--db", seeded_url, "report", "speakers"],
            stdout=full, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "XDG_DATA_HOME": str(tmp_path)})
    assert (result.returncode, result.stderr) == (
        1, "Error: could not write: no space left on device\n")
    assert not (tmp_path / "stakeholders" / "logs").exists()


@pytest.mark.parametrize("args", [("person", "list"), ("person", "show", "سید علی رضا", "-f", "json"),
                                  ("export", "contacts", "--profile", "excel")])
def test_data_goes_out_as_utf8_whatever_the_locale(seeded_url, tmp_path, args):
    """Output redirected on Windows is cp1252 (and a Latin-1 locale is Latin-1): the first
    Urdu name, or Excel's byte-order mark, failed as an internal error."""
    import sys

    Cli(seeded_url).ok("person", "add", "سید علی رضا", "--email", "ali.raza@example.pk")
    result = subprocess.run(
        [sys.executable, "-m", "stakeholders", "--db", seeded_url, *args],
        capture_output=True, env={**os.environ, "PYTHONIOENCODING": "cp1252",
                                  "XDG_DATA_HOME": str(tmp_path)})
    assert result.returncode == 0 and b"Error" not in result.stderr, result.stderr
    assert "سید علی رضا" in result.stdout.decode("utf-8-sig")
    assert not (tmp_path / "stakeholders" / "logs").exists()


def test_arguments_that_are_not_utf8_are_read_as_cp1252(seeded_url, tmp_path):
    """A name typed in a Latin-1 terminal, or in a script saved in Windows' cp1252, reaches
    Python as undecodable bytes: stored or compared as they were, they failed as an internal
    error."""
    import sys

    def run(*args: str | bytes) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "stakeholders", "--db", seeded_url, *args],
                              capture_output=True, env={**os.environ,
                                                        "XDG_DATA_HOME": str(tmp_path)})

    added = run("person", "add", b"Jos\xe9 M\xfcller", "--note", b"caf\xe9 \x80")
    assert (added.returncode, added.stderr) == (0, "Added person #11 José Müller\n".encode())
    shown = run("person", "show", b"JOS\xc9 M\xdcLLER", "-f", "json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["notes"] == "café €"
    missing = run("search", b"Gonz\xe1lez")
    assert (missing.returncode, missing.stdout, missing.stderr) == (0, b"(none)\n", b"")
    assert not (tmp_path / "stakeholders" / "logs").exists()


@pytest.mark.parametrize(("url", "shown"), [
    ("mysql://officer:s3cret@db.example.org/x", "mysql://officer:***@db.example.org/x"),
    ("postgresql+asyncpg://me:s3cret@db/contacts", "postgresql+asyncpg://me:***@db/contacts"),
    ("mysql://officer:pa/ss@db.example.org/x", "mysql://officer:***@db.example.org/x"),
    ("http://x", "http://x"),
])
@pytest.mark.parametrize("args", [("person", "list"), ("init",), ("db", "check")])
def test_an_unsupported_database_url_is_one_line_without_the_password(url, shown, args,
                                                                      tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # where a crash log would go
    result = Cli(url)(*args)
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (f"Error: unsupported database URL {shown!r} (use a SQLite file "
                             "path, sqlite:///PATH or postgresql://…)\n")
    assert not (tmp_path / "data").exists()


def test_an_unsupported_url_in_the_environment_or_as_a_copy_target(seeded_cli, monkeypatch):
    result = seeded_cli("db", "copy", "--to", "mysql://x@y/z")
    assert (result.exit_code, result.stderr) == (3, "Error: unsupported database URL "
                                                    "'mysql://x@y/z' (use a SQLite file path, "
                                                    "sqlite:///PATH or postgresql://…)\n")
    from typer.testing import CliRunner

    from stakeholders.cli import app

    monkeypatch.setenv("STAKEHOLDERS_DB", "mysql://x@y/z")
    result = CliRunner().invoke(app, ["person", "list"], catch_exceptions=False)
    assert result.exit_code == 3 and result.stderr.startswith("Error: unsupported database URL")


def _closed_port() -> int:
    """A port on this machine where no server listens (it was free a moment ago)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("args", [("person", "list"), ("init",), ("db", "check"),
                                  ("db", "current")])
def test_a_server_that_does_not_answer_is_one_line_without_the_password(args, tmp_path,
                                                                         monkeypatch):
    pytest.importorskip("psycopg")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # where a crash log would go
    result = Cli(f"postgresql+psycopg://officer:pa/ss@127.0.0.1:{_closed_port()}/contacts"
                 )(*args)
    assert (result.exit_code, result.stdout) == (3, "")
    _one_line(result.stderr)
    assert result.stderr.startswith("Error: database error: connection failed"), result.stderr
    assert "pa/ss" not in result.stderr
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("args", [("person", "list"), ("init",), ("db", "check")])
def test_a_database_url_that_cannot_be_read_is_one_line_without_the_password(args, tmp_path,
                                                                              monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    result = Cli("postgresql+psycopg://officer:pa/ss@db.example.org:5432x/contacts")(*args)
    assert (result.exit_code, result.stdout) == (3, "")
    _one_line(result.stderr)
    assert result.stderr == ("Error: the database URL 'postgresql+psycopg://officer:***"
                             "@db.example.org:5432x/contacts' cannot be read (its port '5432x' "
                             "is not a number)\n"), result.stderr
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize(("url", "why"), [
    ("sqlite://contacts.db", "a SQLite file is sqlite:///PATH, with three slashes, or just its "
                             "path"),
    ("sqlite:///contacts.db?mode=ro", "a SQLite file takes no options after '?': give "
                                      "sqlite:///PATH or just its path"),
])
@pytest.mark.parametrize("args", [("person", "list"), ("init",), ("db", "check"),
                                  ("db", "backup", "backup.db")])
def test_a_sqlite_url_that_cannot_be_read_is_one_line(args, url, why, tmp_path, monkeypatch):
    """sqlite://contacts.db puts the file where a host goes: SQLAlchemy refuses it with a
    list of forms over several lines. sqlite:///contacts.db?mode=ro: the driver ignored the
    option with a two-line warning quoting the source, and the command went on. Neither is
    an internal error (exit code 4) or a warning, but a URL that cannot be read (3), and
    nothing is created, neither the file nor a crash log."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    result = Cli(url)(*args)
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == f"Error: the database URL {url!r} cannot be read ({why})\n", \
        result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_copy_to_a_sqlite_url_with_two_slashes_is_refused(seeded_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = seeded_cli("db", "copy", "--to", "sqlite://copy.db")
    assert (result.exit_code, result.stdout) == (3, "")
    _one_line(result.stderr)
    assert "cannot be read" in result.stderr
    assert not (tmp_path / "copy.db").exists()


def test_postgresql_without_its_driver_is_one_line(monkeypatch):
    import sqlalchemy

    def missing(*_args, **_kwargs):
        raise ModuleNotFoundError("No module named 'psycopg'", name="psycopg")

    monkeypatch.setattr(sqlalchemy, "create_engine", missing)
    result = Cli("postgresql://officer@db.example.org/contacts")("person", "list")
    assert (result.exit_code, result.stderr) == (
        3, "Error: PostgreSQL support is not installed (no module 'psycopg'); "
        "pip install 'stakeholders[postgres]'\n")


@pytest.mark.parametrize(("url", "message"), [
    ("sqlite://contacts.db", "the database URL 'sqlite://contacts.db' cannot be read (a SQLite "
                             "file is sqlite:///PATH, with three slashes, or just its path)"),
    ("sqlite://", "the database at sqlite:// is in memory and would be gone with the command; "
                  "give a file path or a PostgreSQL URL"),
])
def test_a_restore_into_a_sqlite_url_naming_no_file_is_one_line(url, message, seeded_cli,
                                                                  tmp_path, monkeypatch):
    """db restore reads the URL as every command does: not an internal error (exit code 4)
    for a file after two slashes, nor for a database in memory."""
    here = tmp_path / "here"
    here.mkdir()
    seeded_cli.ok("db", "backup", str(here / "backup.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(here / "data"))
    monkeypatch.chdir(here)
    result = Cli(url)("db", "restore", "backup.db", "--yes")
    assert (result.exit_code, result.stdout, result.stderr) == (3, "", f"Error: {message}\n")
    assert sorted(p.name for p in here.iterdir()) == ["backup.db"]


@pytest.mark.parametrize("args", [("export", "contacts", "-o", "{long}.csv"),
                                  ("report", "attendees", "1", "-o", "{long}.txt"),
                                  ("db", "backup", "{long}.db")])
def test_an_output_file_name_too_long_is_one_line(seeded_cli, tmp_path, monkeypatch, args):
    """The system refuses a name of over 255 bytes: that was an internal error (exit 4)."""
    if "backup" in args and BACKEND != "sqlite":
        pytest.skip("a SQLite database's backup")
    monkeypatch.chdir(tmp_path)
    result = seeded_cli(*(a.replace("{long}", "c" * 300) for a in args))
    assert result.exit_code == 1, result.stderr
    assert result.stderr.startswith("Error: cannot write '")
    assert result.stderr.endswith("…': its name is too long\n")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("c")] == []



@pytest.mark.parametrize("url", [
    "postgresql+psycopg://officer@db.example.org/contacts?sslmode=require",
    "postgresql://officer@db.example.org/contacts?sslmode=require&connect_timeout=3"])
def test_a_postgresql_url_keeps_its_options_for_the_server(url):
    """?sslmode=require after a postgresql+psycopg:// URL, the form the README shows first,
    was refused as if it were a SQLite file's option: a team whose server needs TLS could not
    use it."""
    from stakeholders.config import resolve_url

    assert resolve_url(url).split("://", 1)[1] == url.split("://", 1)[1]
