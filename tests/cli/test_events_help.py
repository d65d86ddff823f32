"""Every campaign, event and attendance command explains itself with an example, and its help
starts without the heavy libraries."""

from __future__ import annotations

import pytest

from tests.test_startup import HEAVY, _modules_after

COMMANDS = [
    ("campaign", "add"), ("campaign", "partner"), ("campaign", "list"), ("campaign", "show"),
    ("campaign", "edit"), ("campaign", "remove"),
    ("event", "add"), ("event", "list"), ("event", "show"), ("event", "edit"),
    ("event", "remove"),
    ("attendance", "add"), ("attendance", "edit"), ("attendance", "remove"),
    ("attendance", "list"),
]


@pytest.mark.parametrize(("noun", "verb"), COMMANDS)
def test_help_has_a_summary_and_an_example(cli, noun, verb):
    result = cli.ok(noun, verb, "--help")
    example = result.stdout[result.stdout.index("Example:"):].split("\n\n")[0]
    assert f"stakeholders {noun} {verb} " in example


def test_every_command_is_listed(cli):
    for noun in ("campaign", "event", "attendance"):
        listed = cli.ok(noun, "--help").stdout
        verbs = [v for n, v in COMMANDS if n == noun]
        assert all(f"  {v} " in listed for v in verbs), (noun, listed)


@pytest.mark.parametrize("args", [["campaign", "--help"], ["event", "add", "--help"],
                                  ["attendance", "list", "--help"]])
def test_noun_help_loads_no_heavy_library(args):
    assert not _modules_after(args) & set(HEAVY)


@pytest.mark.parametrize(("noun", "option"), [("attendance", "--role"),
                                              ("attendance", "--status"), ("event", "--kind")])
def test_edit_help_claims_no_default_for_what_it_leaves_alone(seeded_cli, noun, option):
    # `edit` changes only what is given: an option left out keeps the recorded value, so its
    # help names no default (which `add` has).
    def option_help(verb: str) -> str:
        text = seeded_cli.ok(noun, verb, "--help").stdout
        start = text.index(f"  {option} ")
        return " ".join(text[start:].split("\n  --")[0].split())

    assert "default" in option_help("add")
    assert "default" not in option_help("edit")
    if noun == "attendance":
        seeded_cli.ok("attendance", "edit", "1", "Nicole Guihot", "--note", "Read a message")
        listed = seeded_cli.ok("attendance", "list", "1", "-f", "csv").stdout
        assert ",speaker,attended,H.E. Ms. Margaret Adamson,3,Read a message" in listed
    else:
        seeded_cli.ok("event", "edit", "1", "--venue", "Serena Hotel")
        assert '"kind": "launch"' in seeded_cli.ok("event", "show", "1", "-f", "json").stdout
