"""init, seed and db commands, and the schema check every other command makes first."""

from __future__ import annotations

import json
import os
import stat

from typer.testing import CliRunner

from stakeholders.cli import app
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
    assert "1 event, 6 sectors present" in result.stderr
    again = cli.ok("seed")
    assert again.stderr.startswith("Skipped glo-act-launch-2017.toml: loaded before, on ")
    assert "nothing new" in cli.ok("seed", "--again").stderr


def test_what_was_forgotten_after_the_seed_stays_forgotten(blank_url, tmp_path):
    """Running the first command again (init --seed) must not bring back a seed person the
    officer forgot; --again adds them back on purpose."""
    import shutil

    from stakeholders.migrations import seeds_location

    cli = Cli(blank_url)
    cli.ok("init", "--seed")
    cli.ok("person", "forget", "Nicole Guihot", "--yes")
    for args in (["init", "--seed"], ["seed"]):
        assert "Skipped" in cli.ok(*args).stderr
    copy = tmp_path / "renamed.toml"  # the same bytes under another name
    shutil.copy(next(seeds_location().glob("*.toml")), copy)
    assert cli.ok("seed", str(copy)).stderr.startswith("Skipped renamed.toml: loaded before")
    assert "Nicole Guihot" not in cli.ok("person", "list").stdout
    assert "added 1 person" in cli.ok("seed", "--again").stderr
    assert "Nicole Guihot" in cli.ok("person", "list").stdout


def test_seed_again_links_the_event_back_to_its_campaigns(blank_url):
    """--again adds back what is missing: an event's link to a campaign of the file too, and
    the campaign taken away with its links."""
    cli = Cli(blank_url)
    cli.ok("init", "--seed")
    event = "GLO.ACT launch, Islamabad"
    before = json.loads(cli.ok("event", "show", event, "-f", "json").stdout)["campaigns"]
    cli.ok("event", "edit", event, "--remove-campaign", "GLO.ACT")
    cli.ok("campaign", "remove", "Public Awareness Campaign against human trafficking and "
           "migrant smuggling", "--yes")
    assert "added 1 campaign, 2 campaign partners, 2 event-campaign links" in cli.ok(
        "seed", "--again").stderr
    after = json.loads(cli.ok("event", "show", "launch", "-f", "json").stdout)["campaigns"]
    assert [c["name"] for c in after] == [c["name"] for c in before]
    assert "nothing new" in cli.ok("seed", "--again").stderr


def test_a_seed_file_that_fails_is_not_remembered(blank_url, tmp_path):
    cli = Cli(blank_url)
    cli.ok("init")
    bad = tmp_path / "launch.toml"
    bad.write_text('[[people]]\nname = "Amina Yusuf"\nemails = ["not-an-email"]\n')
    failed = cli("seed", str(bad))
    assert failed.exit_code != 0 and failed.stderr.startswith("Error: ")
    bad.write_text('[[people]]\nname = "Amina Yusuf"\n')
    assert "added 1 person" in cli.ok("seed", str(bad)).stderr
    assert "Skipped launch.toml" in cli.ok("seed", str(bad)).stderr
    bad.write_text('[[people]]\nname = "Amina Yusuf"\n\n[[people]]\nname = "Bilal Raza"\n')
    assert "added 1 person" in cli.ok("seed", str(bad)).stderr  # changed: loaded again


def test_a_seed_file_giving_a_speaking_order_twice_is_loaded_with_a_warning(seeded_url,
                                                                              tmp_path):
    """A seed file's speakers at the seed launch: one takes a slot already held (warned), one
    takes a free slot (not), and the order of one already recorded is left alone."""
    more = tmp_path / "more.toml"
    more.write_text(
        '[[people]]\nname = "Amina Yusuf"\n\n[[people]]\nname = "Bilal Raza"\n\n'
        '[[events]]\nname = "GLO.ACT launch, Islamabad"\ndate = 2017-07-19\n\n'
        '[[events.attendances]]\nperson = "Amina Yusuf"\nrole = "speaker"\norder = 2\n\n'
        '[[events.attendances]]\nperson = "Bilal Raza"\nrole = "speaker"\norder = 9\n\n'
        '[[events.attendances]]\nperson = "Cesar Guedes"\norder = 2\n')
    result = Cli(seeded_url).ok("seed", str(more))
    assert result.stderr == (
        "Loaded more.toml: added 2 people, 2 attendances\n"
        "Warning: Muhammad Shifaque and Amina Yusuf share speaking order 2 at GLO.ACT launch, "
        "Islamabad\n")


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
    assert "nothing new" in cli.ok("seed", "--again").stderr


def test_seed_leaves_the_primary_post_an_officer_recorded_primary(db_url):
    """The seed adds its post to someone already recorded, but does not make it primary over
    theirs."""
    cli = Cli(db_url)
    cli.ok("org", "add", "Save the Children")
    cli.ok("person", "add", "Sarah Coleman")
    cli.ok("person", "affiliate", "Sarah Coleman", "Save the Children", "--position", "Adviser")
    assert "added 10 organizations, 9 people, 10 affiliations" in cli.ok("seed").stderr
    posts = json.loads(cli.ok("person", "show", "Sarah Coleman", "-f", "json").stdout)
    assert sorted((a["organization"], a["primary"]) for a in posts["affiliations"]) == [
        ("Save the Children", True), ("United Nations Children's Fund", False)]


TWO_ALI_RAZAS = """
[[organizations]]
name = "Alpha Org"
[[organizations]]
name = "Beta Org"
[[people]]
name = "Ali Raza"
emails = ["ali.alpha@example.org"]
[[people.affiliations]]
organization = "Alpha Org"
position = "Director"
[[people]]
name = "Ali Raza"
emails = ["ali.beta@example.org"]
[[people.affiliations]]
organization = "Beta Org"
position = "Officer"
"""


def _posts(cli: Cli) -> list[tuple]:
    return [(p["organization"], p["position"], p["email"])
            for p in json.loads(cli.ok("person", "list", "-f", "json").stdout)]


def test_seed_tells_two_people_of_one_name_apart(db_url, tmp_path):
    """Two people of one name, at different organizations with different addresses, were
    loaded as one person holding both posts and both addresses."""
    cli = Cli(db_url)
    path = tmp_path / "two.toml"
    path.write_text(TWO_ALI_RAZAS)
    assert "added 2 organizations, 2 people" in cli.ok("seed", str(path)).stderr
    assert _posts(cli) == [("Alpha Org", "Director", "ali.alpha@example.org"),
                           ("Beta Org", "Officer", "ali.beta@example.org")]
    without_addresses = tmp_path / "again.toml"
    without_addresses.write_text(TWO_ALI_RAZAS.replace("emails", "# emails"))
    assert "nothing new" in cli.ok("seed", str(without_addresses)).stderr  # by organization


def test_seed_completes_each_of_two_people_of_one_name_by_organization(db_url, tmp_path):
    cli = Cli(db_url)
    cli.ok("org", "add", "Alpha Org")
    cli.ok("org", "add", "Beta Org")
    cli.ok("person", "add", "Ali Raza", "--org", "Alpha Org")
    cli.ok("person", "add", "Ali Raza", "--org", "Beta Org")
    path = tmp_path / "two.toml"
    path.write_text(TWO_ALI_RAZAS)
    assert "added 2 contact points, 2 affiliations" in cli.ok("seed", str(path)).stderr
    shown = [json.loads(cli.ok("person", "show", f"#{i}", "-f", "json").stdout)
             for i in (1, 2)]
    assert [[c["value"] for c in p["contact_points"]] for p in shown] == [
        ["ali.alpha@example.org"], ["ali.beta@example.org"]]
    unnamed = tmp_path / "who.toml"
    unnamed.write_text('[[people]]\nname = "Ali Raza"\n')
    refused(cli, "seed", str(unnamed),
            message=f"seed file {unnamed}: people entry 1: 'Ali Raza' matches 2 people: "
                    "#1 Ali Raza; #2 Ali Raza (give the seed's person an email address or an "
                    "organization that tells them apart)")


def test_a_seed_field_that_should_be_a_list_is_refused(cli: Cli, tmp_path):
    """A string where a list belongs was read a character at a time (invalid email 'x')."""
    path = tmp_path / "one.toml"
    path.write_text('[[people]]\nname = "Ali Raza"\nemails = "ali@example.org"\n')
    refused(cli, "seed", str(path), message=f"seed file {path}: people entry 1: emails is not "
                                           "a list; write it as emails = [...]")


@sqlite_only
def test_a_new_database_file_is_private(tmp_path):
    """Every folder made on the way is the owner's only, not only the last one."""
    path = tmp_path / "sub" / "2026" / "contacts.db"
    Cli(str(path)).ok("init")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(path.parent.parent).st_mode) == 0o700


@sqlite_only
@pytest.mark.parametrize("name", ["a?b.db", "50%.db", "a%20b.db", "no#1.db"])
def test_a_file_name_a_url_would_read_otherwise_names_that_file(tmp_path, name, monkeypatch):
    """``?``, ``%`` and ``#`` are a file name's own characters, not a URL's options, escapes or
    fragment: the database is that file (and no other is made), by --db and STAKEHOLDERS_DB."""
    path = tmp_path / "sub" / name
    cli = Cli(str(path))
    ready = cli.ok("init")
    assert ready.stderr == f"Database ready: sqlite:///{path}\n"
    cli.ok("person", "add", "Ms. Ayesha Malik")
    assert [p.name for p in path.parent.iterdir()] == [name]
    assert _mode(path) == 0o600
    backup = tmp_path / f"backup-{name}"
    cli.ok("db", "backup", str(backup))
    cli.ok("db", "restore", str(backup), "--yes")
    assert cli.ok("db", "current").stdout == f"{HEAD_REVISION} (head)\n"
    monkeypatch.setenv("STAKEHOLDERS_DB", str(path))
    listed = CliRunner().invoke(app, ["person", "list", "--format", "json"],
                                catch_exceptions=False)
    assert json.loads(listed.stdout)[0]["name"] == "Ms. Ayesha Malik"


@sqlite_only
@pytest.mark.parametrize("given", ["sqlite:///~/contacts.db", "sqlite+pysqlite:///~/contacts.db",
                                   "~/contacts.db", "env:~/contacts.db"])
def test_a_path_from_the_home_folder_is_in_the_home_folder(tmp_path, given, monkeypatch):
    """``~`` starts the path in the home folder, in a SQLite URL as in a plain path (--db or
    STAKEHOLDERS_DB): no folder named ``~`` is made in the current one."""
    home, here = tmp_path / "home", tmp_path / "here"
    home.mkdir()
    here.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(here)
    if given.startswith("env:"):
        monkeypatch.setenv("STAKEHOLDERS_DB", given[4:])
        result = CliRunner().invoke(app, ["init"], catch_exceptions=False)
    else:
        result = Cli(given)("init")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith(f":///{home}/contacts.db\n")
    assert [p.name for p in home.iterdir()] == ["contacts.db"]
    assert list(here.iterdir()) == []


@sqlite_only
def test_a_path_from_a_users_home_folder_is_in_it(tmp_path):
    """``~user`` is that user's home folder; a user there is not is refused, not made a
    folder named ``~no-such-user-x`` in the current one (it was an internal error given as a
    plain path)."""
    import getpass
    import pwd

    user = getpass.getuser()
    home = pwd.getpwnam(user).pw_dir
    result = Cli(f"sqlite:///~{user}/no-such-file-here.db")("db", "current")
    assert result.stderr == (f"Error: no database at {home}/no-such-file-here.db; "
                             "run `stakeholders init` to create it\n")
    for given in ("sqlite:///~no-such-user-x/a.db", "~no-such-user-x/a.db"):
        result = Cli(given)("init")
        assert (result.exit_code, result.stderr) == (3, "Error: cannot find the database "
                                                     "'~no-such-user-x/a.db': there is no user "
                                                     "'no-such-user-x'\n")


@sqlite_only
@pytest.mark.parametrize("given", ["sqlite://", "sqlite:///", "sqlite:///:memory:"])
def test_a_sqlite_url_naming_no_file_is_refused(given):
    """A database in memory: init said it was ready, and every later command that it was not
    initialised."""
    result = Cli(given)("init")
    assert (result.exit_code, result.stderr) == (3, f"Error: the database at {given} is in "
                                                 "memory and would be gone with the command; "
                                                 "give a file path or a PostgreSQL URL\n")


@sqlite_only
def test_a_database_path_too_long_for_the_system_is_refused(tmp_path):
    """It was an internal error (exit code 4) wherever the name was first used."""
    name = "c" * 300 + ".db"
    for given in (str(tmp_path / name), f"sqlite:///{tmp_path / name}"):
        result = Cli(given)("init")
        assert result.exit_code == 3
        assert result.stderr.endswith("…' is too long: a name of at most 255 bytes, a path of "
                                      "at most 4,096\n")
    assert list(tmp_path.iterdir()) == []


@sqlite_only
@pytest.mark.parametrize("args", [("db", "current"), ("db", "upgrade"), ("db", "upgrade", "0003"),
                                  ("db", "downgrade", "base"), ("person", "list")])
def test_a_missing_database_is_reported_not_created(tmp_path, args):
    """Only `init` creates a database: `db upgrade` on a path with no file makes neither the
    file nor its folder."""
    path = tmp_path / "new" / "nothing.db"
    result = Cli(str(path))(*args)
    assert result.exit_code == 3
    assert result.stderr == f"Error: no database at {path}; run `stakeholders init` to create it\n"
    assert list(tmp_path.iterdir()) == []


@sqlite_only
@pytest.mark.parametrize("args", [("seed",), ("person", "list"), ("db", "check"),
                                  ("db", "current"), ("db", "backup", "backup.db"),
                                  ("db", "copy", "--to", "copy.db")])
def test_a_file_that_is_not_a_database(tmp_path, args, monkeypatch):
    """SQLite's "file is not a database" says which file: the one --db names."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "notes.db"
    path.write_text("these are not the droids\n" * 100)
    result = Cli(str(path))(*args)
    assert result.exit_code == 3
    assert result.stderr == (f"Error: {path} is not a SQLite database (nor an empty file); "
                             "stakeholders leaves it as it is\n")
    assert path.read_text().startswith("these are not")


def set_revision(url: str, revision: str) -> None:
    """Mark the database as being at ``revision`` (its tables stay as they are)."""
    from stakeholders.db import make_engine

    engine = make_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE alembic_version SET version_num = '{revision}'")
    engine.dispose()


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@sqlite_only
@pytest.mark.parametrize("args", [("init",), ("db", "upgrade"), ("person", "list")])
def test_a_folder_is_not_a_database_and_is_left_alone(tmp_path, args):
    folder = tmp_path / "contacts"
    folder.mkdir(mode=0o755)
    result = Cli(str(folder))(*args)
    assert (result.exit_code, result.stderr) == (3, f"Error: {folder} is a folder, not a "
                                                    "database file\n")
    assert _mode(folder) == 0o755 and list(folder.iterdir()) == []


@sqlite_only
@pytest.mark.parametrize("args", [("init",), ("db", "upgrade"), ("person", "list")])
def test_a_database_named_as_a_folder_not_there_yet_is_refused(tmp_path, args):
    """`--db newdir/ init` made a file called newdir (the path dropped the slash)."""
    result = Cli(f"{tmp_path}/newdir/")(*args)
    assert (result.exit_code, result.stderr) == (3, f"Error: {tmp_path}/newdir/ is a folder, "
                                                    "not a database file\n")
    assert list(tmp_path.iterdir()) == []


@sqlite_only
@pytest.mark.parametrize("args", [("init",), ("db", "upgrade")])
def test_init_leaves_a_file_that_is_not_a_database_alone(tmp_path, args):
    path = tmp_path / "notes.txt"
    path.write_text("hi\n")
    os.chmod(path, 0o644)
    result = Cli(str(path))(*args)
    assert (result.exit_code, result.stderr) == (
        3, f"Error: {path} is not a SQLite database (nor an empty file); stakeholders leaves "
        "it as it is\n")
    assert path.read_text() == "hi\n" and _mode(path) == 0o644


@sqlite_only
@pytest.mark.parametrize("args", [("init",), ("db", "upgrade"), ("person", "list")])
def test_another_applications_database_is_left_alone(tmp_path, args):
    import sqlite3

    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER)")
    conn.close()
    os.chmod(path, 0o644)
    before = path.read_bytes()
    result = Cli(str(path))(*args)
    assert (result.exit_code, result.stderr) == (
        3, f"Error: the database at sqlite:///{path} holds another application's tables; "
        "stakeholders leaves it alone (use a new or empty database)\n")
    assert path.read_bytes() == before and _mode(path) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]  # no -wal, no -shm


def test_another_applications_database_is_left_alone_by_init_on_any_backend(blank_url):
    from stakeholders.db import make_engine, table_names

    engine = make_engine(blank_url, write=False)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE recipes (id INTEGER)")
        result = Cli(blank_url)("init")
        assert result.exit_code == 3
        assert result.stderr.endswith(" holds another application's tables; stakeholders "
                                      "leaves it alone (use a new or empty database)\n")
        assert table_names(engine) == ["recipes"]
    finally:
        engine.dispose()


@pytest.fixture
def device(tmp_path):
    """A character device like /dev/null (reads nothing, takes any write), made in tmp_path so
    that a command which changed its mode changes no one else's; skipped without root."""
    path = tmp_path / "null.db"
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("cannot make a device here (needs root)")
    os.chmod(path, 0o666)  # whatever the umask
    return path


@sqlite_only
@pytest.mark.parametrize("args", [("init",), ("db", "upgrade"), ("db", "check"), ("seed",),
                                  ("db", "copy", "--from", "SEEDED"),
                                  ("db", "restore", "BACKUP", "--yes")])
def test_a_device_is_not_a_database_and_is_left_alone(device, seeded_url, tmp_path, args):
    """--db /dev/null: no database can be kept there, and "made readable by you only" would
    take it from everyone else on the machine."""
    backup = tmp_path / "backup.db"
    Cli(seeded_url).ok("db", "backup", str(backup))
    args = [{"SEEDED": seeded_url, "BACKUP": str(backup)}.get(a, a) for a in args]
    result = Cli(str(device))(*args)
    assert stat.S_ISCHR(os.stat(device).st_mode) and _mode(device) == 0o666
    assert (result.exit_code, result.stdout, result.stderr) == (
        3, "", f"Error: {device} is a device or a pipe, not a database file\n")


@sqlite_only
@pytest.mark.parametrize("args", [("init",), ("db", "upgrade")])
def test_init_and_upgrade_make_an_empty_file_a_private_database(tmp_path, args):
    path = tmp_path / "new.db"
    path.touch(mode=0o644)
    Cli(str(path)).ok(*args)
    assert _mode(path) == 0o600
    assert Cli(str(path)).ok("db", "current").stdout == f"{HEAD_REVISION} (head)\n"


def test_a_database_behind_the_code_asks_for_an_upgrade(db_url):
    set_revision(db_url, "0001")
    result = Cli(db_url)("seed")
    assert result.exit_code == 3
    assert result.stderr == (f"Error: the database is at schema revision 0001, this version "
                             f"needs {HEAD_REVISION}; run `stakeholders db upgrade`\n")


NEWER = (f"the database is at schema revision 9999, which this version does not know (it needs "
         f"{HEAD_REVISION}); it was made by a newer version of stakeholders: upgrade "
         "stakeholders to use it")


@pytest.mark.parametrize("args", [("person", "list"), ("seed",), ("init",), ("db", "upgrade"),
                                  ("db", "upgrade", "0001"), ("db", "downgrade", "base", "--yes")])
def test_a_database_from_a_newer_version_is_refused_by_every_command(seeded_url, args):
    set_revision(seeded_url, "9999")
    refused(Cli(seeded_url), *args, message=NEWER, code=3)


@sqlite_only
def test_a_database_from_a_newer_version_is_not_restored_over(seeded_url, tmp_path):
    """Not even with --yes: its suppression list, which a restore keeps, is of a schema this
    version does not know."""
    backup = tmp_path / "backup.db"
    Cli(seeded_url).ok("db", "backup", str(backup))
    set_revision(seeded_url, "9999")
    refused(Cli(seeded_url), "db", "restore", str(backup), "--yes", message=NEWER, code=3)


def test_db_check_and_current_say_a_newer_version_made_the_database(db_url):
    set_revision(db_url, "9999")
    check = Cli(db_url)("db", "check", "--format", "json")
    assert check.exit_code == 3
    schema = next(r for r in json.loads(check.stdout) if r["check"] == "schema")
    assert schema["detail"] == NEWER.removeprefix("the database is at schema ")
    assert Cli(db_url).ok("db", "current").stdout == (
        f"9999 (unknown to this version, whose latest is {HEAD_REVISION}; it was made by a "
        "newer version of stakeholders: upgrade stakeholders to use it)\n")


def test_db_current_and_history(db_url):
    cli = Cli(db_url)
    assert cli.ok("db", "current").stdout == f"{HEAD_REVISION} (head)\n"
    history = cli.ok("db", "history", "--format", "json").stdout
    assert '"revision": "0001"' in history
    assert f'"revision": "{HEAD_REVISION}"' in history


def test_db_downgrade_then_upgrade(db_url):
    """Each says the revision it left the database at, not the one asked for ("-1", "head")."""
    cli = Cli(db_url)
    assert cli.ok("db", "downgrade", "base").stderr == "Schema downgraded to base\n"
    assert cli.ok("db", "current").stdout.startswith("none")
    assert cli("seed").exit_code == 3
    assert cli.ok("db", "upgrade", "0002").stderr == "Schema upgraded to 0002\n"
    assert cli.ok("db", "upgrade").stderr == f"Schema upgraded to {HEAD_REVISION}\n"
    assert cli.ok("db", "current").stdout == f"{HEAD_REVISION} (head)\n"
    assert cli.ok("db", "upgrade").stderr == (
        f"Schema already at {HEAD_REVISION}; nothing to upgrade\n")


@pytest.mark.parametrize("target", ["0003", "base"])
def test_upgrade_to_an_earlier_revision_is_refused(seeded_cli, target):
    refused(seeded_cli, "db", "upgrade", target, code=1, message=(
        f"the database is at revision {HEAD_REVISION}, later than {target}; upgrade only "
        f"moves forward: use `stakeholders db downgrade {target}` to go back"))
    assert seeded_cli.ok("db", "current").stdout == f"{HEAD_REVISION} (head)\n"


def test_nothing_to_downgrade_is_said_plainly(seeded_cli, db_url):
    """Not "Schema downgraded to …" for a database left as it was, nor Alembic's "Relative
    revision -1 didn't produce 1 migrations"; and nothing is asked when nothing is dropped."""
    result = seeded_cli.ok("db", "downgrade", HEAD_REVISION)
    assert result.stderr == f"Schema already at {HEAD_REVISION}; nothing to downgrade\n"
    cli = Cli(db_url)
    cli.ok("db", "downgrade", "base")
    assert cli.ok("db", "downgrade", "base").stderr == (
        "Schema already at base; nothing to downgrade\n")
    refused(cli, "db", "downgrade", "-1", code=1,
            message="nothing to downgrade: the database is at base, the earliest revision")


@pytest.mark.parametrize("command", ["upgrade", "downgrade"])
@pytest.mark.parametrize("target", ["9999", "zzz"])
def test_an_unknown_target_revision_is_refused(seeded_cli, command, target):
    refused(seeded_cli, "db", command, target, code=1, message=(
        f"no schema revision {target!r} in this version of stakeholders (`stakeholders db "
        "history` lists them)"))


def test_downgrade_to_a_later_revision_is_refused(db_url):
    cli = Cli(db_url)
    cli.ok("db", "downgrade", "0003")
    refused(cli, "db", "downgrade", "0005", code=1, message=(
        "the database is at revision 0003, earlier than 0005; downgrade only moves back: use "
        "`stakeholders db upgrade 0005` to go forward"))
    refused(cli, "db", "downgrade", "+1", code=1, message=(
        "the database is at revision 0003, earlier than +1 (revision 0004); downgrade only "
        "moves back: use `stakeholders db upgrade +1` to go forward"))
    refused(cli, "db", "downgrade", "-9", code=1, message=(
        "no schema revision -9: 0003 is 3 steps from base (`stakeholders db history` lists "
        "them)"))
    assert cli.ok("db", "upgrade", "+1").stderr == "Schema upgraded to 0004\n"
    cli.ok("db", "upgrade")
    refused(cli, "db", "downgrade", "+1", code=1, message=(  # it said "nothing to upgrade"
        f"+1 moves forward and the database is at {HEAD_REVISION}, the latest revision; "
        "downgrade only moves back (-1 is one step back)"))
    assert cli.ok("db", "downgrade", "+0").stderr == (
        f"Schema already at {HEAD_REVISION}; nothing to downgrade\n")


def test_upgrade_by_a_negative_step_points_to_downgrade(seeded_cli):
    """`db upgrade -1` is not "No such option: -1": it is refused as an earlier target is."""
    refused(seeded_cli, "db", "upgrade", "-1", code=1, message=(
        f"the database is at revision {HEAD_REVISION}, later than -1 (revision "
        f"{int(HEAD_REVISION) - 1:04d}); upgrade only moves forward: use `stakeholders db "
        "downgrade -1` to go back"))
    refused(seeded_cli, "db", "upgrade", "+1", code=1, message=(
        f"nothing to upgrade: the database is at {HEAD_REVISION}, the latest revision"))


DOWNGRADE = (f"The database holds records; downgrading to -1 (revision "
             f"{int(HEAD_REVISION) - 1:04d}) drops the tables and columns added since, with "
             "their data.")


def test_downgrading_a_database_holding_records_needs_yes(seeded_cli):
    refused(seeded_cli, "db", "downgrade", "-1", code=1, message=(
        f"{DOWNGRADE} Refusing without --yes (standard input is not a terminal)"))
    assert seeded_cli.ok("db", "current").stdout == f"{HEAD_REVISION} (head)\n"
    result = seeded_cli.ok("db", "downgrade", "-1", "--yes")
    previous = seeded_cli.ok("db", "current").stdout.split()[0]
    assert previous != HEAD_REVISION
    assert result.stderr == f"Schema downgraded to {previous}\n"


def test_at_a_terminal_downgrade_asks(seeded_cli, at_a_terminal):
    result = seeded_cli("db", "downgrade", "-1", input="n\n")
    assert (result.exit_code, result.stderr) == (
        1, f"{DOWNGRADE} [y/N]:Error: cancelled; nothing was changed\n")
    assert seeded_cli.ok("db", "current").stdout == f"{HEAD_REVISION} (head)\n"
    result = seeded_cli.ok("db", "downgrade", "-1", input="y\n")
    previous = seeded_cli.ok("db", "current").stdout.split()[0]
    assert result.stderr == f"{DOWNGRADE} [y/N]:Schema downgraded to {previous}\n"


@pytest.mark.parametrize(("url", "shown"), [
    ("postgresql+psycopg://officer:s3cret@db.example.org/contacts",
     "postgresql+psycopg://officer:***@db.example.org/contacts"),
    ("postgresql+psycopg://officer:a+b/c==@db.example.org:5432/contacts",  # generated, base64
     "postgresql+psycopg://officer:***@db.example.org:5432/contacts"),
    ("postgresql+psycopg://officer:p:w@db/contacts",
     "postgresql+psycopg://officer:***@db/contacts"),
    ("postgresql+psycopg://db/contacts?user=officer&password=s3cret",
     "postgresql+psycopg://db/contacts?user=officer&password=***"),
    ("postgresql+psycopg://officer@db/contacts", "postgresql+psycopg://officer@db/contacts"),
    ("sqlite:////home/me/a:b@c.db", "sqlite:////home/me/a:b@c.db"),
])
def test_the_password_of_a_url_is_never_shown(url, shown):
    from sqlalchemy.engine import make_url

    from stakeholders.config import display_url

    assert display_url(url) == shown
    password = make_url(url).password or make_url(url).query.get("password")
    assert password is None or password not in shown


@pytest.mark.parametrize("password", ["p@ss", "pa/ss", "p:a@s/s@"])
def test_a_password_typed_without_escapes_is_hidden_whole(password):
    from stakeholders.config import display_url

    shown = display_url(f"postgresql://officer:{password}@db.example.org/contacts")
    assert shown == "postgresql://officer:***@db.example.org/contacts"


def test_unknown_command_is_a_usage_error(cli):
    result = cli("frobnicate")
    assert result.exit_code == 2
    assert result.stderr == "Error: No such command 'frobnicate'. (see 'stakeholders --help')\n"


@pytest.mark.parametrize(("args", "message"), [
    (("person", "add", "--org", "UNODC"),
     "Missing argument 'NAME'. (see 'stakeholders person add --help')"),
    (("--bogus",), "No such option: --bogus (see 'stakeholders --help')"),
    (("report", "attendees", "x", "--format", "xml"),
     "Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'csv', 'json', 'html', "
     "'xlsx'. (see 'stakeholders report attendees --help')"),
])
def test_usage_errors_are_one_line_and_change_nothing(cli, args, message):
    refused(cli, *args, message=message, code=2)


@pytest.mark.parametrize("value", ["", "  "])
@pytest.mark.parametrize("args", [("person", "list"), ("init",)])
def test_an_empty_db_option_is_a_usage_error_not_the_default(value, args, tmp_path,
                                                             monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # where the default would be
    monkeypatch.delenv("STAKEHOLDERS_DB", raising=False)
    result = Cli(value)(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("Error: Invalid value for '--db': it is empty; give a file path or "
                             "a database URL (see 'stakeholders --help')\n")
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_db_variable_counts_as_unset(tmp_path, monkeypatch, value):
    """`STAKEHOLDERS_DB=` is how a shell clears a variable: the default database, as unset;
    so it is when it holds only spaces (`STAKEHOLDERS_DB=" $DB"` with DB unset), not a file
    named with spaces in whatever folder the command ran in."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("STAKEHOLDERS_DB", value)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["init"], catch_exceptions=False, prog_name="stakeholders")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
    assert (tmp_path / "data" / "stakeholders" / "stakeholders.db").is_file()


@pytest.mark.parametrize("args", [(), ("person",), ("person", "add"), ("db", "upgrade")])
def test_dash_h_is_help(cli, args):
    """Most tools take -h for help; no command uses it for anything else."""
    short, long = cli.ok(*args, "-h"), cli.ok(*args, "--help")
    assert short.stdout == long.stdout and "-h, --help" in short.stdout


def test_a_group_without_arguments_still_shows_its_help(cli):
    result = cli("person")
    assert result.exit_code == 2
    assert "Commands:" in result.stdout + result.stderr


@pytest.mark.parametrize("args", [("person", "add"), ("report", "attendees"),
                                  ("report", "map"), ("attendance", "add"), ("ingest",),
                                  ("assess",), ("db", "restore")])
def test_a_command_that_needs_arguments_given_none_shows_its_help(cli, args):
    # as the README says: the help, not "Missing argument 'name'", for a bare command
    result = cli(*args)
    assert result.exit_code == 2
    shown = result.stdout + result.stderr
    assert shown.startswith(f"Usage: stakeholders {' '.join(args)} ") and "Options:" in shown
    assert "Error" not in shown


@pytest.mark.parametrize("args", [("person", "list"), ("followup", "list"), ("db", "check")])
def test_a_command_that_needs_nothing_runs_bare(seeded_cli, args):
    assert "Usage:" not in seeded_cli.ok(*args).stdout


def test_a_seed_loaded_before_is_named_by_its_local_day(cli, a_day_off_utc):
    """The day named is the officer's, not UTC's, which may be tomorrow or yesterday."""
    cli.ok("seed")
    assert cli.ok("seed").stderr.startswith(
        f"Skipped glo-act-launch-2017.toml: loaded before, on {a_day_off_utc}; ")


@pytest.mark.skipif(BACKEND != "postgresql", reason="a PostgreSQL server's databases")
def test_a_postgresql_database_the_server_lacks_says_to_have_it_made():
    from tests.conftest import _pg_with_db

    url = _pg_with_db("stakeholders_no_such_database")
    result = CliRunner().invoke(app, ["--db", url, "init"])
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (
        "Error: database error: PostgreSQL has no database 'stakeholders_no_such_database'; "
        "ask for it to be made (createdb stakeholders_no_such_database), then run "
        "`stakeholders init`\n")
