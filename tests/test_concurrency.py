"""Several commands at once, and a command killed part-way: the contacts stay intact.

Commands run in real, separate Python processes against one database file. To keep the suite
quick, each writer process runs its commands one after another through the command line's
entry point (each one opens its own connection and transaction, as a separate invocation does)
rather than paying interpreter start-up a hundred times.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import BACKEND, Cli, dump

sqlite_only = pytest.mark.skipif(BACKEND != "sqlite", reason="SQLite file behaviour")

#: Runs the commands given as JSON on argv[1] in this process; prints one JSON line per command:
#: exit code and stderr.
RUN_COMMANDS = textwrap.dedent("""
    import contextlib, io, json, sys
    from stakeholders.cli import app

    for args in json.loads(sys.argv[1]):
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            try:
                app(args, standalone_mode=True)
                code = 0
            except SystemExit as e:
                code = e.code or 0
        print(json.dumps({"code": code, "stderr": err.getvalue()}), flush=True)
""")


def test_four_writers_at_once_lose_nothing(db_url):
    procs = []
    for w in range(4):
        commands = [["--db", db_url, "person", "add", f"Writer{w} Person{n:02d}",
                     "--email", f"writer{w}.person{n}@example.org"] for n in range(25)]
        procs.append(subprocess.Popen([sys.executable, "-c", RUN_COMMANDS, json.dumps(commands)],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    results = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        results += [json.loads(line) for line in out.splitlines()]
    assert len(results) == 100
    assert [r for r in results if r["code"] != 0] == []
    assert not any("locked" in r["stderr"] for r in results)
    from stakeholders.models import Person

    full_name = list(Person.__table__.columns.keys()).index("full_name")
    names = {row[full_name] for row in dump(db_url)["people"]}
    assert names == {f"Writer{w} Person{n:02d}" for w in range(4) for n in range(25)}


#: Imports a contact list, stopping for good (to be killed) inside the command's one
#: transaction once the people are written and before their emails and organizations are.
KILLED_MID_IMPORT = textwrap.dedent("""
    import sys, time
    from stakeholders.cli import app
    from stakeholders.services import imports

    real_insert = imports._insert

    def insert_then_stop(session, model, *columns_and_rows):
        ids = real_insert(session, model, *columns_and_rows)
        if model.__name__ == "Person":
            print(f"HALFWAY {len(ids)}", flush=True)
            time.sleep(600)
        return ids

    imports._insert = insert_then_stop
    app(["--db", sys.argv[1], "import", "contacts", sys.argv[2]])
""")


def test_an_import_killed_half_way_leaves_all_or_nothing(seeded_url, tmp_path):
    big = tmp_path / "big.csv"
    big.write_text("Name,Email,Organization\n" + "".join(
        f"Imported Person{i:05d},imported{i}@example.org,Org {i % 50}\n" for i in range(5000)))
    before = dump(seeded_url)
    proc = subprocess.Popen([sys.executable, "-c", KILLED_MID_IMPORT, seeded_url, str(big)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == "HALFWAY 5000\n"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    if BACKEND == "sqlite":
        with sqlite3.connect(seeded_url.split(":///", 1)[1]) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert dump(seeded_url) == before
    Cli(seeded_url).ok("import", "contacts", str(big))  # and the next run takes the whole batch
    after = dump(seeded_url)
    assert len(after["people"]) == len(before["people"]) + 5000
    assert len(after["organizations"]) == len(before["organizations"]) + 50


#: Holds a write transaction open with half a batch in it (people recorded at event 1) until
#: told to finish.
OPEN_WRITER = textwrap.dedent("""
    import sys
    from stakeholders.db import session_scope
    from stakeholders.models import Event
    from stakeholders.services.attendance import add_attendance
    from stakeholders.services.people import add_person

    with session_scope(sys.argv[1]) as s:
        event = s.get(Event, 1)
        for i in range(50):
            add_attendance(s, event, add_person(s, f"Uncommitted Person{i:02d}"))
        print("OPEN", flush=True)
        sys.stdin.readline()
    print("COMMITTED", flush=True)
""")


def test_a_report_is_not_blocked_by_an_open_write_and_sees_no_half_batch(seeded_url):
    writer = subprocess.Popen([sys.executable, "-c", OPEN_WRITER, seeded_url],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline() == "OPEN\n"
        reader = subprocess.run(
            [sys.executable, "-m", "stakeholders", "--db", seeded_url, "report", "attendees",
             "1", "--format", "json"],
            capture_output=True, text=True, timeout=10,  # under the 15 s busy timeout
        )
        assert reader.returncode == 0, reader.stderr
        assert len(json.loads(reader.stdout)["attendees"]) == 8
        writer.stdin.write("\n")
        writer.stdin.flush()
        assert writer.stdout.readline() == "COMMITTED\n"
    finally:
        writer.kill()
        writer.wait()
    assert len(dump(seeded_url)["attendances"]) == 58


#: Imports a list, pausing between reading who is recorded and writing, as over a slow link to
#: a shared server. The first says READ once it has read, then waits (up to 5 s) for the
#: second to have read as well; the second, once it has read, waits for the first to be done.
PAUSED_IMPORT = textwrap.dedent("""
    import pathlib, sys, time
    from stakeholders.cli import app
    from stakeholders.services import imports

    url, sheet, role, folder = sys.argv[1], sys.argv[2], sys.argv[3], pathlib.Path(sys.argv[4])
    real_write = imports._write

    def wait_for(name, seconds):
        end = time.monotonic() + seconds
        while not (folder / name).exists() and time.monotonic() < end:
            time.sleep(0.02)

    def paused_write(*args, **kwargs):
        if role == "first":
            print("READ", flush=True)
            wait_for("second-read", 5)
        else:
            (folder / "second-read").touch()
            wait_for("first-done", 60)
        return real_write(*args, **kwargs)

    imports._write = paused_write
    try:
        app(["--db", url, "import", "contacts", sheet])
    finally:
        if role == "first":
            (folder / "first-done").touch()
""")


def test_the_same_list_imported_twice_at_once_adds_each_person_once(seeded_url, tmp_path):
    """Writers wait for each other on PostgreSQL as on SQLite: the second import reads who is
    recorded only once the first has written them, and skips them all."""
    sheet = tmp_path / "list.csv"
    sheet.write_text("Name,Email\n" + "".join(
        f"Listed Person{i:02d},listed{i}@example.org\n" for i in range(20)))

    def start(role: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-c", PAUSED_IMPORT, seeded_url, str(sheet), role, str(tmp_path)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    first = start("first")
    try:
        assert first.stdout.readline() == "READ\n"
        second = start("second")
        out = {}
        for role, proc in (("first", first), ("second", second)):
            stdout, stderr = proc.communicate(timeout=120)
            out[role] = (proc.returncode, stderr)
    finally:
        first.kill()
    assert out["first"] == (0, "Imported batch 1: 20 created, 0 updated, 0 skipped, 0 rejected\n")
    assert out["second"] == (0, "Imported batch 2: 0 created, 0 updated, 20 skipped, 0 rejected\n")
    from stakeholders.models import Person

    full_name = list(Person.__table__.columns.keys()).index("full_name")
    assert sorted(row[full_name] for row in dump(seeded_url)["people"]
                  if row[full_name].startswith("Listed")) == [
        f"Listed Person{i:02d}" for i in range(20)]


@pytest.mark.parametrize("args", [("person", "add", "Kept Waiting"), ("init",),
                                  ("db", "upgrade"), ("db", "downgrade", "-1", "--yes")])
def test_a_writer_kept_waiting_too_long_is_told_to_try_again(seeded_url, monkeypatch, args):
    """Every writer says so alike, the schema migrations (init, db upgrade) included."""
    from stakeholders import db

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 1000)  # instead of 15 s
    _kept_waiting(seeded_url, *args)


@sqlite_only
def test_a_restore_kept_waiting_too_long_is_told_to_try_again(seeded_url, monkeypatch,
                                                              tmp_path):
    """SQLite's backup API, which writes a restore, retries for as long as a writer holds the
    database: the restore gives up after the same wait as every writer, changing nothing."""
    from stakeholders import db
    from stakeholders.services import maintenance

    backup = tmp_path / "backup.db"
    Cli(seeded_url).ok("db", "backup", str(backup))
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 1000)  # instead of 15 s
    monkeypatch.setattr(maintenance, "BUSY_TIMEOUT_MS", 1000)
    _kept_waiting(seeded_url, "db", "restore", str(backup), "--yes")


def _kept_waiting(url: str, *args: str) -> None:
    """The command ``args``, run while another holds the writers' lock (for 20 s at most,
    should the command wait for ever), gives up after the wait (made 1 s), changing nothing."""
    import threading

    before = dump(url)
    writer = subprocess.Popen([sys.executable, "-c", OPEN_WRITER, url],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    give_up = threading.Timer(20, writer.kill)
    give_up.start()
    try:
        assert writer.stdout.readline() == "OPEN\n"
        result = Cli(url)(*args)
    finally:
        give_up.cancel()
        writer.kill()
        writer.wait()
    assert (result.exit_code, result.stdout, result.stderr) == (
        3, "", "Error: database error: another command kept the database busy for over 1 s; "
               "nothing was changed, try again\n")
    assert dump(url) == before


#: Exports the contacts to a reader that stops after the first rows: it says STREAMING, then
#: waits (up to 60 s) for the file ``go`` in the folder before it reads on.
SLOW_READER_EXPORT = textwrap.dedent("""
    import io, pathlib, sys, time
    from stakeholders.cli import app
    from stakeholders.io import profiles

    url, folder = sys.argv[1], pathlib.Path(sys.argv[2])
    real_profile = profiles.profile

    class Slow:
        def __init__(self, writer):
            self.writer = writer

        def __getattr__(self, name):
            return getattr(self.writer, name)

        def write(self, rows, out):
            def paused():
                for i, row in enumerate(rows):
                    if i == 1:
                        print("STREAMING", flush=True)
                        end = time.monotonic() + 60
                        while not (folder / "go").exists() and time.monotonic() < end:
                            time.sleep(0.02)
                    yield row
            self.writer.write(paused(), io.StringIO())

    profiles.profile = lambda name: Slow(real_profile(name))
    app(["--db", url, "export", "contacts", "--profile", "csv"])
""")


@pytest.mark.skipif(BACKEND == "sqlite", reason="PostgreSQL: an export takes no writers' lock")
def test_an_export_read_slowly_keeps_no_one_waiting_on_the_server(seeded_url, tmp_path,
                                                                  monkeypatch):
    """An officer reading an export through a pager must not lock the team out: on
    PostgreSQL the export reads one snapshot and only adds its audit entry, without the
    writers' lock. Both commands complete and both are logged."""
    from stakeholders import db

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 1000)  # instead of 15 s
    exporter = subprocess.Popen([sys.executable, "-c", SLOW_READER_EXPORT, seeded_url,
                                 str(tmp_path)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert exporter.stdout.readline() == "STREAMING\n"
        added = Cli(seeded_url)("person", "add", "Not Kept Waiting")
        (tmp_path / "go").touch()
        _, stderr = exporter.communicate(timeout=60)
    finally:
        exporter.kill()
        exporter.wait()
    assert (added.exit_code, added.stderr) == (0, "Added person #11 Not Kept Waiting\n")
    assert (exporter.returncode, stderr) == (0, "Exported 10; left out 0\n")
    log = json.loads(Cli(seeded_url).ok("log", "-f", "json").stdout)
    assert [e["command"] for e in log] == ["person add", "export contacts"]


@pytest.mark.parametrize("args", [("person", "forget", "Junaid Khan"),
                                  ("person", "remove", "Junaid Khan"),
                                  ("event", "remove", "GLO.ACT launch, Islamabad"),
                                  ("org", "remove", "IOM"),
                                  ("campaign", "remove", "GLO.ACT")])
def test_an_officer_thinking_over_a_question_keeps_no_one_waiting(seeded_url, monkeypatch,
                                                                   at_a_terminal, args):
    """A removal's question waits for a person, for as long as they take: meanwhile another
    officer's command writes at once (instead of giving up after the busy timeout), and the
    removal, confirmed, goes ahead."""
    import typer

    from stakeholders import db
    from stakeholders.services.people import add_person

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 1000)  # instead of 15 s
    asked = []

    def answer_after_a_colleague_wrote(question, **kwargs):
        asked.append(question)
        with db.session_scope(seeded_url) as s:
            add_person(s, f"Meanwhile Person{len(asked)}")
        return True

    monkeypatch.setattr(typer, "confirm", answer_after_a_colleague_wrote)
    Cli(seeded_url).ok(*args)
    assert len(asked) == 1
    from stakeholders.models import Person

    full_name = list(Person.__table__.columns.keys()).index("full_name")
    assert "Meanwhile Person1" in {row[full_name] for row in dump(seeded_url)["people"]}


def test_a_question_whose_answer_changed_meanwhile_is_asked_again(seeded_url, monkeypatch,
                                                                  at_a_terminal):
    """An attendance recorded at the event while the officer thinks it over changes what the
    removal takes with it: the new question is asked before anything goes."""
    import typer

    from stakeholders import db
    from stakeholders.models import Event
    from stakeholders.services.attendance import add_attendance
    from stakeholders.services.people import add_person

    asked = []

    def answer(question, **kwargs):
        asked.append(question)
        if len(asked) == 1:
            with db.session_scope(seeded_url) as s:
                add_attendance(s, s.get(Event, 1), add_person(s, "Late Arrival"))
        return True

    monkeypatch.setattr(typer, "confirm", answer)
    result = Cli(seeded_url).ok("event", "remove", "1")
    assert len(asked) == 2 and "8 attendances" in asked[0] and "9 attendances" in asked[1]
    assert "9 attendances" in result.stderr
    assert dump(seeded_url)["attendances"] == []
