"""db copy, db backup, db restore and db check: whole-database operations that must never lose
or half-write a record."""

from __future__ import annotations

import gc
import json
import os
import re
import sqlite3
import stat
from pathlib import Path

import pytest

from stakeholders.config import display_url
from stakeholders.db import HEAD_REVISION
from tests.cli.helpers import ctrl_c_during, refused
from tests.conftest import BACKEND, Cli, dump

sqlite_only = pytest.mark.skipif(BACKEND != "sqlite", reason="SQLite file behaviour")


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


# -- copy ---------------------------------------------------------------------------------------


def test_copy_to_a_new_file_and_back_keeps_every_row(seeded_url, spare_url, tmp_path):
    middle = tmp_path / "middle.db"
    out = Cli(seeded_url).ok("db", "copy", "--to", str(middle), "--format", "json")
    tables = {r["table"]: r for r in json.loads(out.stdout)}
    assert tables["people"]["rows"] == 10 and tables["attendances"]["rows"] == 8
    assert "Copied and verified" in out.stderr
    assert _mode(middle) == 0o600
    Cli(spare_url).ok("db", "copy", "--from", str(middle))
    assert dump(spare_url) == _as_copied(seeded_url)


def _as_copied(url: str) -> dict:
    """The database at ``url`` as its last copy holds it: without that copy's own audit
    entry, written in it once the copy was verified."""
    dumped = dump(url)
    assert dumped["audit_log"].pop()[3] == "db copy"
    return dumped


def _with_password(url: str) -> str:
    """A PostgreSQL URL with a password in it (the test server trusts its logins and does not
    ask for it); a SQLite one as it is."""
    from sqlalchemy.engine import make_url

    if BACKEND == "sqlite":
        return url
    return make_url(url).set(password="s3cret-pw").render_as_string(hide_password=False)


#: What a write refused because the database stayed busy past the (shortened) wait says.
BUSY = ("Error: database error: another command kept the database busy for over 1 s; "
        "nothing was changed, try again\n")


def _while_busy(monkeypatch, url: str, *args: str):
    """Run the command ``args`` on ``url`` while another writer keeps it busy (a wait of 1 s
    instead of 15 s)."""
    from stakeholders import db

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 1000)
    engine = db.make_engine(url, write=True)
    try:
        with engine.connect() as writer:
            writer.begin()
            writer.exec_driver_sql("DELETE FROM statements")
            result = Cli(url)(*args)
            writer.rollback()
    finally:
        engine.dispose()
    return result


@pytest.mark.parametrize("direction", ["--to", "--from"])
def test_a_copy_is_logged_in_the_database_it_left(seeded_url, spare_url, direction):
    """Everyone's data left the source: its log says when, by whom, to which database (the
    URL without its password) and how many rows, counted as the copy counts them; the copy
    itself does not hold the entry, whichever end the command was run from."""
    from stakeholders.config import display_url

    target = _with_password(spare_url)
    if direction == "--to":
        out = Cli(seeded_url).ok("db", "copy", "--to", target, "--format", "json")
    else:
        out = Cli(target).ok("db", "copy", "--from", seeded_url, "--format", "json")
    printed = {r["table"]: r["rows"] for r in json.loads(out.stdout)}
    rows = sum(n for name, n in printed.items() if name not in ("audit_log", "audit_records"))
    assert rows == _data_rows(dump(seeded_url)) == _data_rows(dump(spare_url))
    log = Cli(seeded_url).ok("log", "-f", "json").stdout
    entry = json.loads(log)[-1]
    assert (entry["command"], entry["details"], entry["records"]) == (
        "db copy", {"copy": display_url(target), "rows": rows}, [])
    assert "s3cret-pw" not in log
    assert dump(spare_url) == _as_copied(seeded_url)


def test_a_copy_the_source_log_cannot_record_is_not_left_behind(seeded_url, spare_url,
                                                                  monkeypatch):
    """When the source stays busy past the wait, its log cannot record the copy: the copy is
    refused as any write is, and the target is left empty (it is not committed)."""
    before = dump(seeded_url)
    result = _while_busy(monkeypatch, seeded_url, "db", "copy", "--to", spare_url)
    assert (result.exit_code, result.stdout, result.stderr) == (3, "", BUSY)
    assert dump(seeded_url) == before
    assert _data_rows(dump(spare_url)) == 0 and dump(spare_url)["audit_log"] == []


def test_a_copy_whose_log_entry_fails_to_commit_is_taken_back(seeded_url, spare_url,
                                                               monkeypatch):
    """The target is committed just before the source's entry: should that entry's commit
    fail, the copy is deleted from the target, which is left empty as it was found."""
    from stakeholders.errors import DatabaseError
    from stakeholders.services import audit

    real_write = audit._write

    def failing_write(session):
        if session.info["audit"].command == "db copy":
            raise DatabaseError("database error: the disk is full")
        real_write(session)

    monkeypatch.setattr(audit, "_write", failing_write)
    before = dump(seeded_url)
    result = Cli(spare_url)("db", "copy", "--from", seeded_url)
    assert (result.exit_code, result.stderr) == (3, "Error: database error: the disk is full\n")
    assert dump(seeded_url) == before
    assert all(rows == [] for rows in dump(spare_url).values())
    monkeypatch.undo()
    Cli(spare_url).ok("db", "copy", "--from", seeded_url)  # and it can be copied again
    assert dump(spare_url) == _as_copied(seeded_url)


def test_ids_continue_after_a_copy(seeded_url, spare_url, session_factory):
    from stakeholders.services.orgs import add_organization

    Cli(seeded_url).ok("db", "copy", "--to", spare_url)
    with session_factory(spare_url) as s:
        assert add_organization(s, "Ministry of Human Rights").id == 11


def test_an_id_deleted_at_the_top_is_not_given_out_again_in_a_copy(seeded_url, spare_url,
                                                                    tmp_path):
    """The copy continues ids past the source's counter (PostgreSQL's sequence, SQLite's
    AUTOINCREMENT counter), not only past its largest id: on PostgreSQL this copies to a file
    and back, on SQLite from file to file."""
    source = Cli(seeded_url)
    removed = source.ok("org", "add", "Ministry of Human Rights").stdout.strip()
    source.ok("org", "remove", f"#{removed}", "--yes")
    middle = tmp_path / "middle.db"
    source.ok("db", "copy", "--to", str(middle))
    Cli(spare_url).ok("db", "copy", "--from", str(middle))
    for copy in (_sqlite_url(middle), spare_url):
        assert Cli(copy).ok("org", "add", "Ministry of Interior").stdout == f"{int(removed) + 1}\n"


def test_a_parent_with_a_later_id_than_its_child_is_copied(db_url, spare_url, session_factory):
    from stakeholders.services.orgs import add_organization

    with session_factory(db_url) as s:
        child = add_organization(s, "Federal Investigation Agency")
        child.parent = add_organization(s, "Ministry of Interior")
    Cli(db_url).ok("db", "copy", "--to", spare_url)
    assert dump(spare_url)["organizations"] == dump(db_url)["organizations"]


def test_a_target_holding_one_row_is_refused_in_the_singular(seeded_url, templates, tmp_path):
    (tmp_path / "other").mkdir()
    other = templates.fresh(tmp_path / "other")
    Cli(other).ok("org", "add", "Acme")  # one organization, one audit entry
    result = Cli(seeded_url)("db", "copy", "--to", other)
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "is not empty (1 row in audit_log); copy only into an empty database\n")
    templates.drop(other)


def test_copy_refuses_a_target_holding_data(seeded_url, templates, tmp_path):
    (tmp_path / "other").mkdir()
    other = templates.fresh(tmp_path / "other", seeded=True)
    before = dump(other)
    result = Cli(seeded_url)("db", "copy", "--to", other)
    assert result.exit_code == 1
    assert "is not empty (2 rows in campaigns); copy only into an empty database" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert dump(other) == before
    templates.drop(other)


@pytest.mark.parametrize("direction", ["--to", "--from"])
def test_copy_names_the_database_whose_schema_is_behind(seeded_url, db_url, direction):
    """Told only "the database is at schema revision 0005; run `stakeholders db upgrade`",
    the officer would upgrade their own database, which is up to date: the message says
    which of the two it means."""
    from stakeholders.config import display_url

    Cli(db_url).ok("db", "downgrade", "0005", "--yes")
    role = "target" if direction == "--to" else "source"
    before = dump(seeded_url)
    result = Cli(seeded_url)("db", "copy", direction, db_url)
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (
        f"Error: the {role} database {display_url(db_url)} is at schema revision 0005, this "
        f"version needs {HEAD_REVISION}; run `stakeholders db upgrade`\n")
    assert dump(seeded_url) == before


@sqlite_only
@pytest.mark.parametrize("direction", ["--to", "--from"])
def test_copy_to_or_from_a_folder_is_refused_as_a_folder(seeded_cli, tmp_path, direction):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    result = seeded_cli("db", "copy", direction, str(folder))
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == f"Error: {folder} is a folder, not a database file\n"
    assert list(folder.iterdir()) == []


def test_copy_needs_exactly_one_direction(cli, tmp_path):
    """Neither direction, or both: a usage error (exit code 2), as a missing option is."""
    result = cli("db", "copy")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("Error: missing --to or --from; give one of them "
                             "(see 'stakeholders db copy --help')\n")
    ends = tmp_path / "ends"
    ends.mkdir()
    result = cli("db", "copy", "--to", str(ends / "a.db"), "--from", str(ends / "b.db"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("Error: --to and --from cannot be used together; give one of "
                             "them (see 'stakeholders db copy --help')\n")
    assert list(ends.iterdir()) == []


def test_a_copy_beaten_to_the_target_says_it_is_not_empty(seeded_url, spare_url,
                                                          monkeypatch):
    """Two copies into one empty database at once: the one that wrote second broke the
    audit log's key and said so ('the change breaks a database rule'), not why."""
    from stakeholders.services import copy

    checked = copy.prepare_target
    raced = []

    def and_another_copy_first(url, refusal="copy only into an empty database"):
        checked(url, refusal)
        if not raced:  # found empty: the other copy lands now
            raced.append(url)
            copy.copy_database(seeded_url, url)

    monkeypatch.setattr(copy, "prepare_target", and_another_copy_first)
    result = Cli(seeded_url)("db", "copy", "--to", spare_url)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: the target database {display_url(spare_url)} "
                                    "is not empty (")
    assert result.stderr.endswith("); copy only into an empty database\n")


@sqlite_only
def test_copy_onto_itself_is_refused(cli, db_url):
    result = cli("db", "copy", "--to", db_url)
    assert result.stderr == "Error: the source and the target are the same database\n"


@sqlite_only
def test_restore_from_the_database_itself_is_refused(seeded_cli, tmp_path):
    """Through a link too: it restored the database from itself, and logged it."""
    path = Path(seeded_cli.url.split(":///", 1)[1])
    link = tmp_path / "link.db"
    link.symlink_to(path)
    for cli in (seeded_cli, Cli(f"sqlite:///{link}")):
        refused(cli, "db", "restore", str(path), "--yes",
                message="the backup file is the database itself: there is nothing to restore")


# -- backup -------------------------------------------------------------------------------------


def test_backup_is_private_verified_and_complete(seeded_url, tmp_path):
    file = tmp_path / "backup.db"
    out = Cli(seeded_url).ok("db", "backup", str(file), "--format", "json")
    assert {r["table"]: r["rows"] for r in json.loads(out.stdout)}["statements"] == 12
    assert out.stderr == f"Backup written and verified: {file}\n"
    assert _mode(file) == 0o600
    assert not Path(f"{file}-wal").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".backup")] == []
    with sqlite3.connect(file) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    if BACKEND == "sqlite":  # PostgreSQL hands timestamps back with their zone
        assert dump(_sqlite_url(file)) == _as_backed_up(seeded_url)


def _as_backed_up(url: str) -> dict:
    """The database at ``url`` as its last backup holds it: without that backup's own audit
    entry, written once the copy was verified."""
    dumped = dump(url)
    assert dumped["audit_log"].pop()[3] == "db backup"
    return dumped


def _data_rows(dumped: dict) -> int:
    return sum(len(rows) for name, rows in dumped.items()
               if name not in ("audit_log", "audit_records"))


def test_a_backup_is_logged_with_its_file_name_and_rows(seeded_url, tmp_path):
    """Everyone's data left the database: the log says when, by whom, to which file (its
    name, not its folder) and how many rows, counted as a restore of it counts them."""
    cli = Cli(seeded_url)
    file = tmp_path / "contacts-2026-11-29.db"
    out = cli.ok("db", "backup", str(file), "--format", "json")
    printed = {r["table"]: r["rows"] for r in json.loads(out.stdout)}
    rows = sum(n for name, n in printed.items() if name not in ("audit_log", "audit_records"))
    log = cli.ok("log", "-f", "json").stdout
    entry = json.loads(log)[-1]
    assert (entry["command"], entry["details"], entry["records"]) == (
        "db backup", {"backup": "contacts-2026-11-29.db", "rows": rows}, [])
    assert str(tmp_path) not in log
    if BACKEND == "sqlite":
        assert rows == _data_rows(dump(_sqlite_url(file)))
    else:  # the backup's rows are the database's
        assert rows == _data_rows(dump(seeded_url))


def test_backup_refuses_to_overwrite_without_yes(seeded_cli, tmp_path):
    file = tmp_path / "backup.db"
    file.write_text("keep me")
    result = seeded_cli("db", "backup", str(file))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {file} exists; give --yes to replace it\n"
    assert file.read_text() == "keep me"
    seeded_cli.ok("db", "backup", str(file), "--yes")
    assert _mode(file) == 0o600


def _as_before_0013(dumped: dict) -> dict:
    """A dump as a database taken back before revision 0013 and up again holds it: without
    whether attendances' organizations were given (the downgrade drops that column)."""
    from stakeholders.models import Attendance

    at = [c.name for c in Attendance.__table__.columns].index("organization_defaulted")
    dumped["attendances"] = [(*r[:at], None, *r[at + 1:]) for r in dumped["attendances"]]
    return dumped


@sqlite_only
def test_a_database_at_an_earlier_revision_is_backed_up_before_it_is_upgraded(
        seeded_url, spare_url, tmp_path):
    """The backup an officer makes before `db upgrade`: taken at the database's own revision,
    verified, and restored (upgraded on a private copy) with every record."""
    seeded = _as_before_0013(dump(seeded_url))
    cli = Cli(seeded_url)
    cli.ok("db", "downgrade", "0005", "--yes")
    file = tmp_path / "before-upgrade.db"
    out = cli.ok("db", "backup", str(file), "--format", "json")
    assert {r["table"]: r["rows"] for r in json.loads(out.stdout)}["statements"] == 12
    assert out.stderr == f"Backup written and verified: {file}\n"
    assert _mode(file) == 0o600
    with sqlite3.connect(file) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0005",)
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone() == (0,)
    cli.ok("db", "upgrade")
    logged = json.loads(cli.ok("log", "-f", "json").stdout)
    assert [(e["command"], e["details"]["backup"]) for e in logged] == [
        ("db backup", "before-upgrade.db")]
    Cli(spare_url).ok("db", "restore", str(file))
    assert Cli(spare_url).ok("db", "current").stdout == f"{HEAD_REVISION} (head)\n"
    restored = dump(spare_url)
    for name in ("people", "organizations", "attendances", "statements"):
        assert restored[name] == seeded[name], name
    assert [e[3] for e in restored["audit_log"]] == ["db restore"]


@sqlite_only
@pytest.mark.parametrize(("make", "message"), [
    ("newer", "the database is at schema revision 0999, which this version does not know "
              f"(it needs {HEAD_REVISION}); it was made by a newer version of stakeholders: "
              "upgrade stakeholders to use it"),
    ("empty", "the database at sqlite:///{path} is not initialised; run `stakeholders init`"),
    ("foreign", "the database at sqlite:///{path} holds another application's tables; "
                "stakeholders leaves it alone (use a new or empty database)"),
])
def test_backup_refuses_what_every_command_refuses_naming_the_database(
        seeded_url, tmp_path, make, message):
    """Not the backup's temporary file, which is gone by the time the message is read."""
    path = tmp_path / "source.db"
    if make == "newer":
        Cli(seeded_url).ok("db", "backup", str(path))
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '0999'")
    elif make == "empty":
        path.touch()
    else:
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE other_app (x)")
    file = tmp_path / "backup.db"
    result = Cli(str(path))("db", "backup", str(file))
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == f"Error: {message.format(path=path)}\n"
    assert not file.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@sqlite_only
def test_backup_while_another_command_writes(seeded_url, tmp_path, monkeypatch):
    """The online backup copies the last committed state; an open write is not in it. Its log
    entry waits for the writer, and then gives the rows of the copy, not of the database the
    writer changed meanwhile."""
    import threading

    from stakeholders.db import make_engine
    from stakeholders.services import maintenance

    verified = threading.Event()
    real_inspect = maintenance.inspect_file

    def inspect_then_signal(*args, **kwargs):
        counts = real_inspect(*args, **kwargs)
        verified.set()
        return counts

    monkeypatch.setattr(maintenance, "inspect_file", inspect_then_signal)
    file = tmp_path / "b.db"
    results = []
    engine = make_engine(seeded_url, write=True)
    with engine.connect() as writer:
        writer.begin()
        writer.exec_driver_sql("DELETE FROM statements")
        backup = threading.Thread(target=lambda: results.append(
            Cli(seeded_url)("db", "backup", str(file))))
        backup.start()
        assert verified.wait(60)
        writer.commit()
    engine.dispose()
    backup.join(60)
    assert results[0].exit_code == 0, results[0].stderr
    backed_up = dump(_sqlite_url(file))
    assert len(backed_up["statements"]) == 12
    assert dump(seeded_url)["statements"] == []
    entry = json.loads(Cli(seeded_url).ok("log", "-f", "json").stdout)[-1]
    assert entry["details"] == {"backup": "b.db", "rows": _data_rows(backed_up)}


@sqlite_only
def test_a_backup_the_log_cannot_record_is_not_written(seeded_url, tmp_path, monkeypatch):
    """A copy of everyone's data is not left behind unlogged: when the database stays busy
    past the wait, the backup is refused as any write is, and no file is left."""
    before = dump(seeded_url)
    file = tmp_path / "b.db"
    result = _while_busy(monkeypatch, seeded_url, "db", "backup", str(file))
    assert (result.exit_code, result.stdout, result.stderr) == (3, "", BUSY)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("b.db", ".b.db"))
                  ) == []
    assert dump(seeded_url) == before


# -- restore ------------------------------------------------------------------------------------


def _restored(url: str, before: dict, file: Path) -> None:
    """The database at ``url`` holds what ``before`` held, and its audit log says, last, that
    it was restored from ``file`` (by its name) with the rows the backup held."""
    after = dump(url)
    entry = after["audit_log"].pop()
    records = sum(len(rows) for name, rows in before.items()
                  if name not in ("audit_log", "audit_records"))
    assert after == before
    assert entry[3:] == ("db restore", json.dumps({"backup": file.name, "rows": records}))


def _backed_up_then_changed(seeded_url, tmp_path, session_factory):
    """A backup of the seeded database, which then gains an organization: (cli, backup file,
    the database as backed up)."""
    from stakeholders.services.orgs import add_organization

    file = tmp_path / "backup.db"
    cli = Cli(seeded_url)
    cli.ok("db", "backup", str(file))
    before = _as_backed_up(seeded_url)
    with session_factory(seeded_url) as s:
        add_organization(s, "Ministry of Human Rights")
    return cli, file, before


@sqlite_only
def test_restore_brings_back_the_backup(seeded_url, tmp_path, session_factory):
    cli, file, before = _backed_up_then_changed(seeded_url, tmp_path, session_factory)
    refused = cli("db", "restore", str(file))
    assert refused.exit_code == 1
    assert refused.stderr == (f"Error: {Path(seeded_url.split(':///', 1)[1])} holds data; "
                              "restoring replaces all of it. Refusing without --yes (standard "
                              "input is not a terminal)\n")
    assert len(dump(seeded_url)["organizations"]) == 11
    cli.ok("db", "restore", str(file), "--yes")
    _restored(seeded_url, before, file)
    assert cli.ok("db", "check").stdout.count(" ok ") == 5


@sqlite_only
def test_ctrl_c_while_a_restore_writes_the_database_does_not_say_rolled_back(
        seeded_url, tmp_path, session_factory, monkeypatch):
    """Once the backup is being written over the database, nothing can be rolled back: the
    restore finishes and says so, rather than exit 130 saying its changes were rolled back
    with the database replaced."""
    from stakeholders.services import maintenance

    cli, file, before = _backed_up_then_changed(seeded_url, tmp_path, session_factory)
    ctrl_c_during(monkeypatch, maintenance, "_write_into")
    result = cli("db", "restore", str(file), "--yes")
    assert (result.exit_code, result.stderr) == (0, f"Restored from {file}\n")
    _restored(seeded_url, before, file)


@sqlite_only
def test_a_restore_keeps_the_opt_outs_and_erasures_made_since_the_backup(seeded_url, tmp_path):
    """After the backup, Bob opts out and is removed, and Shahida Gilani is forgotten:
    restoring the backup brings their records back, but not their addresses into a mailing.
    The suppression list outlives the restore (and its log entry says how many it kept), and
    the person forgotten since is named, by id, to be forgotten again."""
    cli = Cli(seeded_url)
    cli.ok("person", "add", "Bob Smith", "--email", "bob@example.org")
    file = tmp_path / "backup.db"
    cli.ok("db", "backup", str(file))
    cli.ok("person", "consent", "Bob Smith", "--email", "opt-out", "--source", "call")
    cli.ok("person", "remove", "Bob Smith", "--yes")
    cli.ok("person", "forget", "Shahida Gilani", "--yes")
    result = cli.ok("db", "restore", str(file), "--yes")
    assert result.stderr == (
        f"Restored from {file}\n"
        "Kept 2 addresses on the suppression list that the backup did not hold (listed since "
        "it was made): exports still leave them out\n"
        "Note: person #10 was forgotten since the backup was made, which holds them in full; "
        "forget them again: stakeholders person forget 10 --yes\n")
    assert "Bob Smith" in cli.ok("person", "list").stdout  # the backup as it was
    mailing = cli.ok("export", "contacts", "--profile", "mailchimp")
    assert "bob@" not in mailing.stdout and "gillani@" not in mailing.stdout.lower()
    assert mailing.stderr == "Exported 0; left out 11 (2 addresses opted out, 9 no email)\n"
    restore_entry = json.loads(cli.ok("log", "-f", "json").stdout)[-2]
    assert restore_entry["command"] == "db restore"
    assert restore_entry["details"]["suppressions_kept"] == 2
    cli.ok("person", "forget", "10", "--yes")
    assert cli.ok("db", "check").stdout.count(" ok ") == 5
    # restored once more, the backup still lacks them: kept and named again
    assert cli.ok("db", "restore", str(file), "--yes").stderr == result.stderr


def _damage(url: str, table: str, at: int = 0, length: int | None = None) -> None:
    """Overwrite the first page of ``table`` in the database file (or ``length`` bytes of it
    from ``at``), as a disk fault would."""
    path = Path(url.split(":///", 1)[1])
    gc.collect()  # a connection the commands run in this process left open, closed first
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                            (table,)).fetchone()[0]
    conn.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * size + at)
        f.write(b"\xff" * (length or size))


@sqlite_only
def test_a_restore_over_damaged_people_keeps_the_suppression_list(seeded_url, tmp_path):
    """The people cannot be read (to tell who was forgotten since), the suppression list can:
    it is kept, and the restore says what it could not tell."""
    cli = Cli(seeded_url)
    file = tmp_path / "backup.db"
    cli.ok("db", "backup", str(file))
    cli.ok("suppression", "add", "asked-since@example.org")
    _damage(seeded_url, "people")
    result = cli.ok("db", "restore", str(file), "--yes")
    assert result.stderr == (
        f"Restored from {file}\n"
        "Kept 1 address on the suppression list that the backup did not hold (listed since "
        "it was made): exports still leave them out\n"
        "Warning: the people of the database replaced were damaged: someone forgotten since "
        "the backup was made may be back in full; `stakeholders person forget` them again\n")
    assert cli.ok("suppression", "check", "asked-since@example.org").stdout.startswith(
        "on the suppression list since ")


@sqlite_only
def test_a_restore_over_a_damaged_suppression_list_says_what_it_loses(seeded_url, tmp_path):
    cli = Cli(seeded_url)
    file = tmp_path / "backup.db"
    cli.ok("db", "backup", str(file))
    cli.ok("suppression", "add", "asked-since@example.org")
    _damage(seeded_url, "suppressed_addresses")
    path = Path(seeded_url.split(":///", 1)[1])
    question = (f"{path} holds data; restoring replaces all of it. It is damaged, and its "
                "suppression list cannot be read whole: the 0 addresses read on it will be "
                "kept, any other put on it since the backup was made will not.")
    result = cli("db", "restore", str(file))
    assert (result.exit_code, result.stderr) == (
        1, f"Error: {question} Refusing without --yes (standard input is not a terminal)\n")
    result = cli.ok("db", "restore", str(file), "--yes")
    assert result.stderr == (
        f"Restored from {file}\n"
        "Warning: the suppression list of the database replaced was damaged: what could be "
        "read of it was kept, but an address put on it since the backup was made may be "
        "missing; add it again with `stakeholders suppression add`\n")


@sqlite_only
def test_restore_over_a_freshly_initialised_database_needs_no_yes(seeded_url, db_url, tmp_path):
    file = tmp_path / "backup.db"
    Cli(seeded_url).ok("db", "backup", str(file))
    Cli(db_url).ok("db", "restore", str(file))
    _restored(db_url, _as_backed_up(seeded_url), file)


@sqlite_only
def test_restore_over_a_file_that_is_not_a_database_needs_yes(seeded_url, tmp_path):
    file, target = tmp_path / "backup.db", tmp_path / "notes.txt"
    Cli(seeded_url).ok("db", "backup", str(file))
    target.write_text("keep me")
    result = Cli(str(target))("db", "restore", str(file))
    assert (result.exit_code, result.stderr) == (
        1, f"Error: {target} holds data; restoring replaces all of it. Refusing without --yes "
           "(standard input is not a terminal)\n")
    assert target.read_text() == "keep me"


@sqlite_only
def test_restore_over_a_file_that_is_not_a_database_with_yes_replaces_it(seeded_url, tmp_path):
    """What the question above offers: with --yes the file is replaced by the backup (SQLite
    cannot write a backup into a file that is no database, so a complete copy takes its
    name), readable by its owner only."""
    file, target = tmp_path / "backup.db", tmp_path / "notes.txt"
    Cli(seeded_url).ok("db", "backup", str(file))
    target.write_text("keep me")
    os.chmod(target, 0o644)
    result = Cli(str(target))("db", "restore", str(file), "--yes")
    assert (result.exit_code, result.stderr) == (0, f"Restored from {file}\n")
    _restored(_sqlite_url(target), _as_backed_up(seeded_url), file)
    assert _mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


@sqlite_only
def test_at_a_terminal_restore_asks(seeded_url, tmp_path, session_factory, at_a_terminal):
    cli, file, before = _backed_up_then_changed(seeded_url, tmp_path, session_factory)
    question = (f"{Path(seeded_url.split(':///', 1)[1])} holds data; restoring replaces all of "
                "it. [y/N]:")
    result = cli("db", "restore", str(file), input="n\n")
    assert (result.exit_code, result.stderr) == (
        1, f"{question}Error: cancelled; nothing was changed\n")
    assert len(dump(seeded_url)["organizations"]) == 11
    result = cli.ok("db", "restore", str(file), input="y\n")
    assert result.stderr == f"{question}Restored from {file}\n"
    _restored(seeded_url, before, file)


def test_restore_into_postgresql_or_a_new_file(seeded_url, spare_url, tmp_path):
    file = tmp_path / "backup.db"
    Cli(seeded_url).ok("db", "backup", str(file))
    Cli(spare_url).ok("db", "restore", str(file))
    _restored(spare_url, _as_backed_up(seeded_url), file)


@pytest.mark.parametrize("damage", ["not a database", "unknown schema", "no schema"])
def test_restore_checks_the_backup_first(seeded_url, tmp_path, damage):
    file = tmp_path / "backup.db"
    Cli(seeded_url).ok("db", "backup", str(file))
    if damage == "not a database":
        file.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
        expected = f"Error: {file}: file is not a database\n"
    elif damage == "no schema":
        file.unlink()
        with sqlite3.connect(file) as conn:
            conn.execute("CREATE TABLE notes (text TEXT)")
        expected = f"Error: {file} is not a stakeholders backup (it has no schema revision)\n"
    else:
        with sqlite3.connect(file) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '0000'")
        expected = (f"Error: {file} is at schema revision 0000, which this version does not "
                    f"know (it needs {HEAD_REVISION}); restore it with the version that made it\n")
    before = dump(seeded_url)
    result = Cli(seeded_url)("db", "restore", str(file), "--yes")
    assert (result.exit_code, result.stderr) == (3, expected)
    assert dump(seeded_url) == before


def test_a_backup_from_an_earlier_revision_is_upgraded_on_restore(seeded_url, spare_url,
                                                                  tmp_path):
    from stakeholders import migrations

    revisions = [h["revision"] for h in migrations.history()]  # newest first
    if len(revisions) < 2:
        pytest.skip("only one schema revision so far")
    earlier = revisions[1]
    file = tmp_path / "backup.db"
    Cli(seeded_url).ok("db", "backup", str(file))
    migrations.downgrade(_sqlite_url(file), earlier)
    downgraded = file.read_bytes()
    kept = set(table_names(file))
    Cli(spare_url).ok("db", "restore", str(file))
    after, seeded = dump(spare_url), dump(seeded_url)
    if earlier < "0013":
        seeded = _as_before_0013(seeded)
    assert Cli(spare_url).ok("db", "current").stdout == f"{HEAD_REVISION} (head)\n"
    for name in kept & set(after) - {"audit_log", "audit_records"}:
        assert after[name] == seeded[name], name
    assert [e[3] for e in after["audit_log"]] == ["db restore"]
    assert file.read_bytes() == downgraded


def table_names(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]


def test_restoring_a_file_that_does_not_exist_is_a_usage_error(seeded_cli, tmp_path):
    """As for every file named on the command line (exit code 2), and nothing changes."""
    before = dump(seeded_cli.url)
    result = seeded_cli("db", "restore", str(tmp_path / "no-such-backup.db"), "--yes")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: Invalid value for 'FILE':")
    assert "does not exist" in result.stderr
    assert dump(seeded_cli.url) == before


def test_restore_into_a_postgresql_database_holding_data_is_refused(seeded_url, tmp_path):
    if BACKEND == "sqlite":
        pytest.skip("PostgreSQL restores copy into an empty database")
    file = tmp_path / "backup.db"
    Cli(seeded_url).ok("db", "backup", str(file))
    before = dump(seeded_url)
    result = Cli(seeded_url)("db", "restore", str(file), "--yes")
    assert result.exit_code == 1
    # A restore, not a copy, was asked for, and --yes was given: the message says that --yes
    # cannot help and what does.
    assert result.stderr.endswith(  # the first table holding rows: the backup's log entry
        "is not empty (1 row in audit_log); a PostgreSQL database is restored only when "
        "empty, even with --yes: create a new database and restore into it\n")
    assert "copy only" not in result.stderr
    assert dump(seeded_url) == before


# -- check --------------------------------------------------------------------------------------


def test_check_passes_on_a_healthy_database(seeded_cli):
    out = seeded_cli.ok("db", "check", "--format", "json")
    assert {r["check"]: r["status"] for r in json.loads(out.stdout)} == {
        "integrity": "ok", "foreign keys": "ok", "schema": "ok",
        **({"file permissions": "ok", "folder permissions": "ok"} if BACKEND == "sqlite"
           else {"server": "ok"}),
    }


def _damaged_copy(seeded_url: str, path: Path) -> Path:
    """A copy of the seeded database with one page in the middle overwritten, as a failing
    disk leaves a file: still a SQLite database, too damaged for integrity_check to finish."""
    Cli(seeded_url).ok("db", "backup", str(path))
    with open(path, "r+b") as f:
        f.seek(4096 * 20)
        f.write(b"\xff" * 3000)
    return path


@sqlite_only
def test_check_reports_a_damaged_file_as_an_integrity_problem(seeded_url, tmp_path):
    """The health check exists for this case: it reports, row by row, rather than stopping at
    the driver's error."""
    damaged = _damaged_copy(seeded_url, tmp_path / "damaged.db")
    result = Cli(str(damaged))("db", "check", "--format", "json")
    assert result.exit_code == 3
    rows = {r["check"]: (r["status"], r["detail"]) for r in json.loads(result.stdout)}
    assert rows["integrity"][0] == "problem"
    assert rows["integrity"][1].startswith("damaged: table ")
    assert rows["integrity"][1].endswith(" cannot be read (database disk image is malformed)")
    assert rows["schema"][0] == "ok"
    assert result.stderr.startswith("Error: ") and "integrity" in result.stderr


@sqlite_only
@pytest.mark.parametrize("table", ["people", "suppressed_addresses"])
def test_check_names_the_table_that_cannot_be_read(seeded_url, table):
    """Not only "database disk image is malformed": which table, to know what is lost; and
    the references through it are not checked rather than the check failing whole."""
    _damage(seeded_url, table)
    result = Cli(seeded_url)("db", "check", "--format", "json")
    assert result.exit_code == 3
    rows = {r["check"]: (r["status"], r["detail"]) for r in json.loads(result.stdout)}
    assert rows["integrity"] == (
        "problem", f"damaged: table {table} cannot be read (database disk image is malformed)")
    assert rows["foreign keys"] == ("problem", "not checked: the database is damaged")
    assert rows["schema"] == ("ok", f"revision {HEAD_REVISION} (latest)")


@sqlite_only
def test_a_page_damaged_past_its_header_is_no_list_of_broken_references(tmp_path):
    """Damage the integrity check reads through: the references into the table that cannot be
    read were counted as 32 broken ones, and the detail was SQLite's whole listing. (A file
    seeded here, not the shared template: where the damage falls depends on its pages.)"""
    url = f"sqlite:///{tmp_path / 'damaged.db'}"
    Cli(url).ok("init", "--seed")
    _damage(url, "people", at=8, length=300)
    result = Cli(url)("db", "check", "--format", "json")
    assert result.exit_code == 3
    rows = {r["check"]: (r["status"], r["detail"]) for r in json.loads(result.stdout)}
    assert rows["integrity"][0] == "problem"
    assert rows["integrity"][1].startswith("damaged: table people cannot be read (")
    assert "\n" not in rows["integrity"][1]
    assert rows["foreign keys"] == ("problem", "not checked: the database is damaged")


@sqlite_only
def test_a_damaged_database_is_not_backed_up(seeded_url, tmp_path):
    folder = tmp_path / "here"
    folder.mkdir()
    damaged = _damaged_copy(seeded_url, folder / "damaged.db")
    file = folder / "backup.db"
    result = Cli(str(damaged))("db", "backup", str(file))
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == ("Error: backup not written: the copy of the database is damaged: "
                             "database disk image is malformed; run `stakeholders db check`\n")
    assert sorted(p.name for p in folder.iterdir()) == ["damaged.db"]


@sqlite_only
def test_check_reports_open_permissions(seeded_url):
    path = Path(seeded_url.split(":///", 1)[1])
    os.chmod(path, 0o644)
    result = Cli(seeded_url)("db", "check")
    assert result.exit_code == 3
    assert f"{path.name} is 644; run chmod 600" in result.stdout
    assert result.stderr == "Error: 1 problem: file permissions\n"


@sqlite_only
def test_a_folder_others_may_only_list_is_a_note_and_one_they_may_write_to_a_problem(
        seeded_url):
    """A database in an ordinary working folder (755) holds nothing others can read: the
    check passes, with a note; a folder others may write to lets them replace the file."""
    folder = Path(seeded_url.split(":///", 1)[1]).parent
    try:
        os.chmod(folder, 0o755)
        result = Cli(seeded_url)("db", "check", "--format", "json")
        assert result.exit_code == 0, result.stderr
        rows = {r["check"]: (r["status"], r["detail"]) for r in json.loads(result.stdout)}
        assert rows["folder permissions"] == (
            "note", f"{folder} is 755: others see the file's name, not what it holds "
                    "(chmod 700 hides it too)")
        os.chmod(folder, 0o777)
        result = Cli(seeded_url)("db", "check", "--format", "json")
        assert result.exit_code == 3
        rows = {r["check"]: (r["status"], r["detail"]) for r in json.loads(result.stdout)}
        assert rows["folder permissions"] == (
            "problem", f"{folder} is 777: others can replace or delete the database; "
                       "run chmod 700")
        assert result.stderr == "Error: 1 problem: folder permissions\n"
    finally:
        os.chmod(folder, 0o700)


@pytest.mark.parametrize(("revision", "detail"), [
    ("0003", f"revision 0003, this version needs {HEAD_REVISION}; run `stakeholders db upgrade`"),
    # as every other command says of it (check said to upgrade it)
    ("base", "none: not initialised; run `stakeholders init`"),
])
def test_check_on_an_older_schema_says_to_upgrade_on_every_database(seeded_url, revision,
                                                                    detail):
    """Tables an older revision lacks are not checked for references, on PostgreSQL too."""
    Cli(seeded_url).ok("db", "downgrade", revision, "--yes")
    result = Cli(seeded_url)("db", "check", "--format", "json")
    assert (result.exit_code, result.stderr) == (3, "Error: 1 problem: schema\n")
    assert {r["check"]: r["detail"] for r in json.loads(result.stdout)}["schema"] == detail


def test_check_on_another_applications_database_does_not_say_to_upgrade_it(blank_url):
    """`db upgrade` refuses another application's database: check says what it is instead."""
    from stakeholders.db import make_engine

    engine = make_engine(blank_url, write=False)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE recipes (id INTEGER)")
    engine.dispose()
    result = Cli(blank_url)("db", "check", "--format", "json")
    assert result.exit_code == 3
    assert {r["check"]: r["detail"] for r in json.loads(result.stdout)}["schema"] == (
        "none: another application's tables, which stakeholders leaves alone (use a new or "
        "empty database)")


def test_current_on_another_applications_database_refuses_it(blank_url):
    """It printed 'none (latest is 0016)', as of a database to initialise, where every other
    command refuses the database."""
    from stakeholders.db import make_engine

    engine = make_engine(blank_url, write=False)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE recipes (id INTEGER)")
    engine.dispose()
    result = Cli(blank_url)("db", "current")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr.endswith("holds another application's tables; stakeholders leaves it "
                                  "alone (use a new or empty database)\n")


def test_check_reports_broken_references_and_an_old_schema(seeded_url):
    from stakeholders.db import make_engine

    engine = make_engine(seeded_url, foreign_keys=False)
    with engine.begin() as conn:
        if BACKEND != "sqlite":
            conn.exec_driver_sql("ALTER TABLE statements DROP CONSTRAINT "
                                 "fk_statements_event_id_events")
        conn.exec_driver_sql("UPDATE statements SET event_id = 999 WHERE id = 1")
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0001'")
    engine.dispose()
    result = Cli(seeded_url)("db", "check", "--format", "json")
    assert result.exit_code == 3
    assert result.stderr == "Error: 2 problems: foreign keys, schema\n"
    problems = {r["check"]: r["detail"] for r in json.loads(result.stdout)
                if r["status"] != "ok"}
    assert "statements" in problems["foreign keys"]
    if BACKEND == "sqlite":
        assert problems["foreign keys"] == "1 broken reference in statements"
    assert problems["schema"] == (f"revision 0001, this version needs {HEAD_REVISION}; "
                                  "run `stakeholders db upgrade`")


def test_backup_never_replaces_what_is_not_a_file(seeded_cli, tmp_path):
    """`db backup /dev/null --yes` must not rename a file over the device (as root it could)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = seeded_cli("db", "backup", str(fifo), "--yes")
    assert (result.exit_code, result.stderr) == (1, f"Error: cannot write {fifo}: it is not a "
                                                    "file\n")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p for p in os.listdir(tmp_path) if p.startswith(".pipe")] == []  # no temporary


@pytest.mark.parametrize("option", ["--to", "--from"])
def test_copy_to_or_from_an_empty_url_is_a_usage_error(seeded_cli, option):
    """`--to "$URL"` with URL unset read as no --to at all: the copy ran the other way, from
    the default database into this one."""
    refused(seeded_cli, "db", "copy", option, "", code=2, message=(
        f"Invalid value for '{option}': it is empty; give a file path or a database URL "
        "(see 'stakeholders db copy --help')"))


@sqlite_only
@pytest.mark.parametrize("command", [["person", "list"], ["person", "add", "Ali Raza"],
                                     ["db", "check"], ["db", "current"]])
def test_a_schema_record_damaged_past_text_is_a_damaged_database_not_a_crash(seeded_url,
                                                                             command):
    """The driver could not decode a table's definition: every command ended with an
    unexpected UnicodeDecodeError (exit code 4) rather than saying the file is damaged."""
    path = Path(seeded_url.split(":///", 1)[1])
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = path.read_bytes()
    at = re.search(rb'CREATE TABLE "?interactions"? \(', data).start() + 60
    path.write_bytes(data[:at] + b"\xff" * 200 + data[at + 200:])
    result = Cli(seeded_url)(*command)
    assert (result.exit_code, result.stderr) == (
        3, "Error: database error: malformed database schema (it holds bytes that are no "
           "text); restore a backup (`stakeholders db restore`)\n")
