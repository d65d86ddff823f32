"""How every command reads its arguments and options: the same rules, declared once in
``stakeholders.cli.options`` and ``stakeholders.cli.common``."""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import refused

#: A reference given "" (an unset variable, say), as an argument or as an option of a command
#: where "" cannot mean "none": the argument's or option's name, and what it wants instead.
EMPTY_REFERENCES = [
    (["person", "show", ""], "'PERSON'", "an id, an email or a name"),
    (["person", "edit", " ", "--note", "x"], "'PERSON'", "an id, an email or a name"),
    (["person", "remove", "", "--yes"], "'PERSON'", "an id, an email or a name"),
    (["person", "forget", "", "--yes"], "'PERSON'", "an id, an email or a name"),
    (["person", "consent", ""], "'PERSON'", "an id, an email or a name"),
    (["person", "affiliate", "Cesar Guedes", "", "--position", "Adviser"], "'ORG'",
     "an id or a name"),
    (["person", "add", "Ms. Sara Malik", "--org", ""], "'--org'", "an id or a name"),
    (["person", "merge", "", "1"], "'KEEP'", "an id or a name"),
    (["org", "show", ""], "'ORG'", "an id or a name"),
    (["org", "add", "National Police Academy", "--parent", ""], "'--parent'", "an id or a name"),
    (["org", "not-duplicate", "1", " "], "'B'", "an id or a name"),
    (["event", "show", ""], "'EVENT'", "an id or a name"),
    (["event", "add", "Briefing", "--date", "2017-09-12", "--campaign", ""], "'--campaign'",
     "an id or a name"),
    (["event", "edit", "1", "--remove-campaign", ""], "'--remove-campaign'", "an id or a name"),
    (["campaign", "show", ""], "'CAMPAIGN'", "an id or a name"),
    (["campaign", "partner", "GLO.ACT", "", "--role", "funder"], "'ORG'", "an id or a name"),
    (["attendance", "add", "1", "Cesar Guedes", "--org", ""], "'--org'", "an id or a name"),
    (["attendance", "add", "1", "Shahida Gilani", "--on-behalf-of", ""], "'--on-behalf-of'",
     "an id, an email or a name"),
    (["attendance", "list", ""], "'EVENT'", "an id or a name"),
    (["assess", "", "--campaign", "GLO.ACT", "--influence", "3", "--interest", "3"],
     "'PERSON'", "an id, an email or a name"),
    (["assess", "--org", "", "--campaign", "GLO.ACT", "--influence", "3", "--interest", "3"],
     "'--org'", "an id or a name"),
    (["assess", "--org", "FIA", "--campaign", "", "--influence", "3", "--interest", "3"],
     "'--campaign'", "an id or a name"),
    (["search", ""], "'TEXT'", "the text to look for"),
    (["db", "backup", ""], "'FILE'", "a file name"),
    (["db", "upgrade", ""], "'REVISION'", "a revision such as head or 0003"),
    (["report", "person", ""], "'PERSON'", "an id, an email or a name"),
    (["report", "speakers", "1", ""], "'[EVENT]...'", "an id or a name"),
    (["interaction", "add", "--kind", "call", "--date", "2017-08-02", "--summary", "Call",
      "--person", ""], "'--person'", "an id, an email or a name"),
    (["followup", "add", "--event", "", "--follow-up", "Write", "--due", "2017-08-02"],
     "'--event'", "an id or a name"),
    (["suppression", "check", ""], "'EMAIL'", "an email address"),
]


@pytest.mark.parametrize(("args", "name", "what"), EMPTY_REFERENCES,
                         ids=[" ".join(a[:2]) + f" {n}" for a, n, _ in EMPTY_REFERENCES])
def test_an_empty_reference_is_a_usage_error(seeded_cli, args, name, what):
    """Not a lookup of "": that names no one (`no person matches ''`), or, read as words of a
    name, anything; and an empty `--org` of an `add` was taken for none at all."""
    command = " ".join(args[:1] if args[0] in ("assess", "search") else args[:2])
    refused(seeded_cli, *args, code=2,
            message=f"Invalid value for {name}: it is empty; give {what} "
                    f"(see 'stakeholders {command} --help')")


def test_an_empty_import_event_is_a_usage_error(seeded_cli, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Name,Email\nSara Malik,sara@example.org\n", encoding="utf-8")
    refused(seeded_cli, "import", "contacts", str(sheet), "--event", "", code=2,
            message="Invalid value for '--event': it is empty; give an id or a name "
                    "(see 'stakeholders import contacts --help')")


def test_an_empty_value_still_clears_a_reference_in_an_edit(seeded_cli):
    """`org edit --parent ""` takes the parent off: an edit's "" clears."""
    seeded_cli.ok("org", "edit", "FIA", "--parent", "")
    seeded_cli.ok("attendance", "edit", "1", "Cesar Guedes", "--org", "")


def _commands():
    """Every command of the tool, by its path ("person remove")."""
    import typer.main

    from stakeholders.cli import COMMANDS, app

    root = typer.main.get_command(app)

    def walk(path, command):
        subs = getattr(command, "commands", None)
        if subs is None:
            yield path, command
            return
        for name in list(subs):
            yield from walk(f"{path} {name}".strip(), subs[name])

    for name in COMMANDS:
        yield from walk(name, root.get_command(None, name))


def test_every_yes_is_also_dash_y():
    """`--yes` and `-y` are the same everywhere: a script writing either works with every
    command that asks first (or refuses without it)."""
    spellings = {path: next(sorted(p.opts) for p in command.params if "--yes" in p.opts)
                 for path, command in _commands()
                 if any("--yes" in p.opts for p in command.params)}
    assert {"person forget", "db restore", "db downgrade", "person remove"} <= set(spellings)
    assert {path for path, opts in spellings.items() if opts != ["--yes", "-y"]} == set()


def test_every_remove_accepts_yes(seeded_cli):
    """The README says `--yes` is accepted by every `remove`, those that do not ask too."""
    removes = [path for path, _ in _commands() if path.endswith(" remove")]
    assert "suppression remove" in removes
    for path, command in _commands():
        if path.endswith(" remove"):
            assert any("--yes" in p.opts for p in command.params), path
    seeded_cli.ok("suppression", "add", "someone@example.org")
    seeded_cli.ok("suppression", "remove", "someone@example.org", "-y")


#: Options declared repeatable only so that giving them twice is refused: none since every
#: one-value option refuses a second value (stakeholders.cli._single_values_once).
ONCE: set[str] = set()


def test_every_repeatable_option_says_so():
    """An option given several times keeps them all: its help says it can be repeated. (Those
    taken once refuse a second value: their commands' tests show it.)"""
    silent = [f"{path} {max(p.opts, key=len)}" for path, command in _commands()
              for p in command.params
              if p.param_type_name == "option" and p.multiple and "repeatable" not in (p.help or "")]
    assert sorted(silent) == sorted(ONCE)


@pytest.mark.parametrize(("args", "message"), [
    (["person", "add", "Ms. Sara Malik", "--org", "Police\nAcademy"],
     "no organization matches 'Police\\nAcademy'; record a new one first with: "
     "stakeholders org add 'Police\\nAcademy'"),
    (["person", "show", "Zz\r\nQq"], "no person matches 'Zz\\r\\nQq'"),
    (["search", "x", "--format", "csv\u2028"],
     "Invalid value for '--format' / '-f': 'csv\\u2028' is not one of 'table', 'csv', "
     "'json'. (see 'stakeholders search --help')"),
], ids=["quoted command", "carriage return", "usage error"])
def test_an_error_is_one_line_whatever_its_message_holds(seeded_cli, args, message):
    """A line break in a value (a pasted cell) or a library's message shows as \\n: the error
    stays one line on stderr, all of it on the line that starts with `Error:`."""
    refused(seeded_cli, *args, message=message, code=2 if "--format" in args else 1)


def test_a_file_name_with_a_line_break_stays_on_the_error_line(seeded_cli, tmp_path):
    folder = tmp_path / "contacts\nbackups"
    shown = str(folder).replace("\n", "\\n")
    refused(seeded_cli, "db", "backup", str(folder / "contacts.db"),
            message=f"cannot write {shown}/contacts.db: the folder {shown} does not exist",
            code=1)


def test_an_output_in_a_folder_that_is_a_file_says_so(seeded_cli, tmp_path):
    """It said the folder did not exist: there is a file of that name."""
    (tmp_path / "notes.txt").write_text("x")
    refused(seeded_cli, "db", "backup", str(tmp_path / "notes.txt" / "x.db"),
            message=f"cannot write {tmp_path}/notes.txt/x.db: {tmp_path}/notes.txt is a file, "
                    "not a folder")
    refused(seeded_cli, "export", "contacts", "-o", str(tmp_path / "notes.txt" / "x.csv"),
            message=f"cannot write {tmp_path}/notes.txt/x.csv: {tmp_path}/notes.txt is a file, "
                    "not a folder")


ASSESSED = ("--campaign", "GLO.ACT", "--influence", "3", "--interest", "3")


@pytest.mark.parametrize(("args", "message"), [
    (["assess", *ASSESSED], "missing PERSON or --org; give one of them"),
    (["assess", "Cesar Guedes", "--org", "FIA", *ASSESSED],
     "PERSON and --org cannot be used together; give one of them"),
    (["ingest", "-", "--dry-run", "--yes"],
     "--dry-run and --yes cannot be used together; give at most one of them"),
    (["ingest", "-", "--event", "1", "--new-event"],
     "--event and --new-event cannot be used together; give at most one of them"),
], ids=["assess neither", "assess both", "ingest dry-run and yes", "ingest event and new"])
def test_options_that_exclude_each_other_are_a_usage_error(seeded_cli, args, message):
    """Not an invalid value (exit code 1) nor a database error: the command line asked for
    the impossible, as when an option is missing."""
    refused(seeded_cli, *args, code=2,
            message=f"{message} (see 'stakeholders {args[0]} --help')")


@pytest.mark.parametrize("command", [["ingest"], ["import", "contacts"]])
def test_a_missing_file_or_a_folder_is_refused_in_a_sentence(cli, tmp_path, command):
    """As every command taking a file says it, ingest too: not "'x': No such file or
    directory", the system's words after a quoted name."""
    missing = tmp_path / "release.txt"
    for path, what in ((missing, "does not exist"), (tmp_path, "is a directory")):
        refused(cli, *command, str(path), "--format" if command == ["ingest"] else "--dry-run",
                *(["csv"] if command == ["ingest"] else []), code=2,
                message=f"Invalid value for 'FILE': File '{path}' {what}. "
                        f"(see 'stakeholders {' '.join(command)} --help')")


MET = ("interaction", "add", "--person", "Cesar Guedes", "--kind", "meeting", "--date",
       "2017-08-02", "--summary", "Border training plan")


@pytest.mark.parametrize(("args", "message"), [
    ([*MET, "--follow-up", "Send the MoU"],
     "give one --due per --follow-up (1 follow-up, 0 due dates)"),
    ([*MET, "--owner", "Amna"],
     "--owner names who owns a follow-up; give the follow-up with --follow-up"),
    ([*MET, "--follow-up", "a", "--due", "2017-09-01", "--follow-up", "b", "--due",
      "2017-09-02", "--owner", "x", "--owner", "y", "--owner", "z"],
     "give one --owner for all follow-ups or one per follow-up (2 follow-ups, 3 owners)"),
    (["interaction", "add", "--kind", "call", "--date", "2017-08-02", "--summary", "x"],
     "an interaction needs at least one --person or --org"),
    (["person", "add", "Ms. Ana Lima", "--position", "Adviser"], "--position needs --org"),
    (["person", "consent", "Cesar Guedes", "--email", "opt-in"],
     "say where the consent comes from with --source"),
    (["person", "consent", "Cesar Guedes", "--source", "phone call"],
     "say which channel: --email, --phone or --post"),
    (["campaign", "partner", "GLO.ACT", "EU", "--role", "funder", "--instead-of", "funder",
      "--remove"], "give either --remove or --instead-of, not both"),
    (["person", "affiliate", "Margaret Akullo", "UNODC", "--position",
      "GLO.ACT Project Coordinator", "--remove", "--end", "2017-12-31"],
     "--remove takes no --end, --primary or --instead-of"),
    (["attendance", "edit", "1", "Cesar Guedes", "--instead-of", "1"],
     "--instead-of needs exactly one --quote, the corrected text"),
    (["attendance", "edit", "1", "Cesar Guedes", "--quote", "A.", "--quote", "B.",
      "--instead-of", "1"], "--instead-of needs exactly one --quote, the corrected text"),
], ids=["due missing", "owner alone", "owners miscounted", "no one", "position alone",
        "no source",
        "no channel", "partner remove and instead-of", "affiliate remove and end",
        "instead-of without quote", "instead-of with two quotes"])
def test_an_option_missing_or_out_of_place_is_a_usage_error(seeded_cli, args, message):
    """An option that needs another given without it, or given with one it excludes: the
    command line is at fault, not a value (exit code 2, as a missing option is)."""
    command = " ".join(args[:2])
    refused(seeded_cli, *args, code=2, message=f"{message} (see 'stakeholders {command} --help')")


@pytest.mark.parametrize("flag", ["--remove-tag", "--untag"])
@pytest.mark.parametrize("noun", ["person", "org"])
def test_a_tag_is_taken_off_with_remove_tag_as_every_other_value(seeded_cli, flag, noun):
    """--remove-email, --remove-phone, --remove-handle… and --remove-tag; --untag still works."""
    ref = "Cesar Guedes" if noun == "person" else "FIA"
    def tags():
        return json.loads(seeded_cli.ok(noun, "show", ref, "-f", "json").stdout)["tags"]

    seeded_cli.ok(noun, "edit", ref, "--tag", "border control")
    assert "border control" in tags()
    seeded_cli.ok(noun, "edit", ref, flag, "border control")
    assert "border control" not in tags()


def test_report_org_is_report_organization(seeded_cli):
    """`org` is the organization's noun everywhere else (`org show`, `--org`)."""
    assert (seeded_cli.ok("report", "org", "UNODC", "-f", "json").stdout
            == seeded_cli.ok("report", "organization", "UNODC", "-f", "json").stdout)


def test_an_event_ends_with_end_as_a_campaign_does(seeded_cli):
    """`campaign add --start --end` and `person affiliate --start --end`: `event add --end`
    too, beside its first name, --end-date."""
    seeded_cli.ok("event", "add", "Walk", "--date", "2017-09-01", "--end", "2017-09-02")
    seeded_cli.ok("event", "add", "Talk", "--date", "2017-09-01", "--end-date", "2017-09-03")
    seeded_cli.ok("event", "edit", "Walk", "--end", "2017-09-04")
    ends = {e["name"]: e["end_date"]
            for e in json.loads(seeded_cli.ok("event", "list", "-f", "json").stdout)}
    assert (ends["Walk"], ends["Talk"]) == ("2017-09-04", "2017-09-03")


def test_person_add_takes_no_contact_as_person_edit_does(seeded_cli):
    """`person edit --no-contact` had no `person add` twin, though `--no-email` has one."""
    seeded_cli.ok("person", "add", "Ms. Sara Malik", "--no-contact", "--no-email")
    shown = json.loads(seeded_cli.ok("person", "show", "Sara Malik", "-f", "json").stdout)
    assert (shown["do_not_contact"], shown["do_not_email"]) in ((True, True), ("yes", "yes"))


@pytest.mark.parametrize("args,option,values", [
    (["person", "add", "Ms. Sara Malik", "--org", "UNODC", "--org", "FIA"], "--org",
     "'UNODC', 'FIA'"),
    (["person", "edit", "Cesar Guedes", "--note=first", "--position", "x", "--note", "second"],
     "--note", "'first', 'second'"),
    (["event", "add", "Briefing", "--date", "2017-09-12", "--date", "2017-09-13"], "--date",
     "'2017-09-12', '2017-09-13'"),
    (["person", "list", "-f", "json", "--format", "csv"], "-f", "'json', 'csv'"),
    (["export", "contacts", "--profile", "csv", "--profile", "vcard"], "--profile",
     "'csv', 'vcard'"),
    (["report", "attendees", "1", "-o", "a.csv", "-o", "b.csv"], "-o", "'a.csv', 'b.csv'"),
])
def test_an_option_of_one_value_given_twice_is_a_usage_error(seeded_cli, args, option, values):
    """Click would keep the last value and drop the first without a word: the record would
    be made with a value the officer may not have meant."""
    refused(seeded_cli, *args, code=2,
            message=f"Invalid value for {option}: given 2 times ({values}); give it once "
                    f"(see 'stakeholders {' '.join(args[:2])} --help')")


def test_a_value_that_looks_like_an_option_is_a_value(seeded_cli):
    """``--note --org`` is a note reading "--org", not the option given a second time."""
    seeded_cli.ok("person", "add", "Ms. Sara Malik", "--note", "--org", "--org", "FIA")
    shown = json.loads(seeded_cli.ok("person", "show", "Sara Malik", "-f", "json").stdout)
    assert shown["notes"] == "--org"
    assert [a["organization"] for a in shown["affiliations"]] == [
        "Federal Investigation Agency"]


@pytest.mark.parametrize("command", [["report", "attendees", "1", "-o"],
                                     ["export", "contacts", "-o"], ["db", "backup"]])
@pytest.mark.parametrize("made", [False, True], ids=["new folder", "folder there"])
def test_a_file_to_write_named_as_a_folder_is_a_usage_error(seeded_cli, tmp_path, monkeypatch,
                                                            command, made):
    """`-o reports/` with no such folder yet wrote a file called reports (the slash was
    dropped), where the folder was meant."""
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path / "out")
    if made:
        (tmp_path / "out" / "reports").mkdir()
    what = "'FILE'" if command[0] == "db" else "'--output' / '-o'"
    refused(seeded_cli, *command, "reports/", code=2,
            message=f"Invalid value for {what}: 'reports/' is a folder; give a file name (see "
                    f"'stakeholders {' '.join(command[:2])} --help')")
    assert [p.name for p in (tmp_path / "out").iterdir()] == (["reports"] if made else [])
    refused(seeded_cli, *command, ".", code=2,  # it said "it is empty"
            message=f"Invalid value for {what}: '.' is a folder; give a file name (see "
                    f"'stakeholders {' '.join(command[:2])} --help')")
