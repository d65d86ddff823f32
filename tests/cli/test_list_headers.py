"""Every list prints its CSV header even when nothing matches, and the header is the one a
full list has: a mailing tool or spreadsheet reading the file finds its columns either way."""

from __future__ import annotations

import csv
import io
import json

import pytest

#: (the list command, a filter that matches nothing), each on the seeded launch.
LISTS = [
    (("person", "list"), ("--tag", "nosuch")),
    (("org", "list"), ("--tag", "nosuch")),
    (("interaction", "list"), ("--since", "2099-01-01")),
    (("followup", "list"), ("--owner", "nobody")),
    (("log",), ("--since", "2099-01-01")),
]


@pytest.mark.parametrize(("command", "nothing"), LISTS, ids=[" ".join(c) for c, _ in LISTS])
def test_an_empty_csv_list_has_the_header_of_a_full_one(seeded_cli, command, nothing):
    seeded_cli.ok("interaction", "add", "--person", "Cesar Guedes", "--kind", "meeting",
                  "--date", "2017-08-02", "--summary", "Border training plan",
                  "--follow-up", "Send draft MoU", "--due", "2017-08-16")
    full = seeded_cli.ok(*command, "--format", "csv").stdout
    header = next(csv.reader(io.StringIO(full)))
    assert len(full.splitlines()) > 1
    assert seeded_cli.ok(*command, *nothing, "--format", "csv").stdout == ",".join(header) + "\n"
    rows = json.loads(seeded_cli.ok(*command, "--format", "json").stdout)
    assert list(rows[0]) == header
