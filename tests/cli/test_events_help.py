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
