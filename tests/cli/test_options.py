"""How every command reads its arguments and options: the same rules, declared once in
``stakeholders.cli.options`` and ``stakeholders.cli.common``."""

from __future__ import annotations

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


#: Options declared repeatable only so that giving them twice is refused (``opt.once``): Click
#: would keep the last value alone.
ONCE = {"ingest --campaign", "assess --campaign", "interaction add --campaign",
        "interaction list --campaign", "interaction edit --campaign",
        "report speakers --campaign", "report map --campaign"}


def test_every_repeatable_option_says_so():
    """An option given several times keeps them all: its help says it can be repeated. (Those
    taken once refuse a second value: their commands' tests show it.)"""
    silent = [f"{path} {max(p.opts, key=len)}" for path, command in _commands()
              for p in command.params
              if p.param_type_name == "option" and p.multiple and "repeatable" not in (p.help or "")]
    assert sorted(silent) == sorted(ONCE)
