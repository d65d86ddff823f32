"""The example in every command's help runs as written on the seeded launch: an option renamed
or made required would leave a help that teaches a command that fails."""

from __future__ import annotations

import re
import shlex

import pytest
import typer

from stakeholders.cli import app


def _commands() -> list[tuple[str, ...]]:
    root = typer.main.get_command(app)
    found: list[tuple[str, ...]] = []

    def walk(command, path: tuple[str, ...]) -> None:
        if hasattr(command, "list_commands"):  # a group (its commands load when named)
            ctx = typer.Context(command, info_name=path[-1] if path else "stakeholders")
            for name in command.list_commands(ctx):
                walk(command.get_command(ctx, name), (*path, name))
        elif not command.hidden:  # an alias shows its command's help, example and all
            found.append(path)

    walk(root, ())
    return sorted(found)


COMMANDS = _commands()


def _example(cli, path: tuple[str, ...]) -> list[str]:
    text = cli.ok(*path, "--help").stdout
    assert "Example:" in text, f"stakeholders {' '.join(path)} --help gives no example"
    paragraph = text[text.index("Example:") + len("Example:"):].split("\n\n")[0]
    # one line, as written: rewrapped, it broke inside option names ('--on-' / 'behalf-of')
    # and could not be pasted
    assert len(paragraph.strip().splitlines()) == 1, paragraph
    line = " ".join(paragraph.split())
    line = re.sub(r"^ev=\$\((.*)\)$", r"\1", line)
    line = re.sub(r" \(.*\)$", "", line)  # a remark after the command
    words = shlex.split(line)
    assert words[:1 + len(path)] == ["stakeholders", *path], line
    return words[1:]


#: What an example may meet on the seed that is no fault of its own: a record it names that
#: the seed lacks or already has, a file the reader would have, a server the URL only stands for.
_THE_READERS_DATA = re.compile(
    r"no \S+(?: \S+)? matches|already|does not exist|No such file|failed to resolve host|"
    r"folder permissions|no file at")


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_the_help_example_runs(seeded_cli, path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # where its -o files go
    args = _example(seeded_cli, path)
    result = seeded_cli(*args, input="")
    if result.exit_code:
        assert _THE_READERS_DATA.search(result.stderr), (args, result.stderr)
        assert "Missing option" not in result.stderr and "No such option" not in result.stderr


def test_every_command_is_covered():
    assert len(COMMANDS) > 50
    assert ("person", "add") in COMMANDS and ("report", "attendees") in COMMANDS


@pytest.mark.parametrize("path", [(), *COMMANDS], ids=lambda p: " ".join(p) or "stakeholders")
def test_every_value_has_a_placeholder_in_capitals(cli, path):
    """`--org ORG` and `person show {PERSON}`, as the commands name their own: never the
    type Typer falls back to (`<str>`) nor a parameter's lowercase name (`{merge_id}`)."""
    text = cli.ok(*path, "--help").stdout
    assert not re.search(r"<(?:str|int|integer|file|path|int range|float)>", text), text
    usage = " ".join(text.split("\n\n")[0].split())
    assert not re.search(r"[{\[][a-z_]+[}\]]", usage), usage
