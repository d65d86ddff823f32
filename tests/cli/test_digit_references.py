"""References made of digits: "#12" is always the id; "12" is the id unless another record is
called "12", then ambiguous while #12 exists and that record when it does not."""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import refused


def _id(cli, *args: str) -> int:
    return json.loads(cli.ok(*args, "-f", "json").stdout)["id"]


def test_a_plain_id_still_names_the_record(seeded_cli):
    assert _id(seeded_cli, "org", "show", "3") == 3
    assert _id(seeded_cli, "org", "show", "#3") == 3
    assert _id(seeded_cli, "person", "show", " 5 ") == 5


def test_a_name_of_digits_that_is_also_an_id_is_ambiguous(seeded_cli):
    seeded_cli.ok("org", "add", "3")
    refused(seeded_cli, "org", "show", "3",
            message="'3' matches 2 organizations: #3 International Organization for Migration "
                    "(IOM); #11 3 (write the id with #: #3, #11)")
    assert _id(seeded_cli, "org", "show", "#3") == 3
    assert _id(seeded_cli, "org", "show", "#11") == 11
    refused(seeded_cli, "org", "remove", "3", "--yes",
            message="'3' matches 2 organizations: #3 International Organization for Migration "
                    "(IOM); #11 3 (write the id with #: #3, #11)")


def test_an_acronym_of_digits_that_is_no_id_finds_its_organization(seeded_cli):
    seeded_cli.ok("org", "add", "Punjab Emergency Service", "--acronym", "1122")
    assert _id(seeded_cli, "org", "show", "1122") == 11
    refused(seeded_cli, "org", "show", "#1122", message="no organization matches '#1122'")


def test_an_event_named_with_digits_is_found_by_its_name(seeded_cli):
    seeded_cli.ok("event", "add", "2030", "--date", "2020-01-01")
    assert _id(seeded_cli, "event", "show", "2030") == 2
    seeded_cli.ok("event", "add", "1", "--date", "2021-01-01")
    refused(seeded_cli, "event", "show", "1",
            message="'1' matches 2 events: #1 GLO.ACT launch, Islamabad (2017-07-19); #3 1 "
                    "(2021-01-01) (write the id with #: #1, #3)")


@pytest.mark.parametrize("args, message", [
    (["org", "show", "99"], "no organization matches '99'"),
    (["campaign", "show", "#99"], "no campaign matches '#99'"),
])
def test_a_missing_id_is_not_found(seeded_cli, args, message):
    refused(seeded_cli, *args, message=message)


HUGE = "99999999999999999999"  # past any database integer (64 bits on SQLite, 32 on PostgreSQL)


@pytest.mark.parametrize("ref", [HUGE, f"#{HUGE}", "#2147483648"])
@pytest.mark.parametrize(("noun", "kind"), [("person", "person"), ("org", "organization"),
                                            ("event", "event"), ("campaign", "campaign")])
def test_a_number_too_large_for_an_id_names_no_record(seeded_cli, noun, kind, ref):
    refused(seeded_cli, noun, "show", ref, message=f"no {kind} matches {ref!r}")


@pytest.mark.parametrize(("args", "name"), [
    (("import", "undo"), "BATCH"), (("person", "unmerge"), "MERGE"),
    (("org", "unmerge"), "MERGE"), (("followup", "done"), "ID"),
    (("followup", "reopen"), "ID"), (("followup", "edit"), "ID"),
    (("followup", "remove"), "ID"), (("interaction", "edit"), "ID"),
    (("interaction", "remove"), "ID"),
])
def test_an_id_argument_too_large_for_an_id_is_a_usage_error(seeded_cli, args, name):
    for ref in (HUGE, f"#{HUGE}"):
        refused(seeded_cli, *args, ref, code=2, message=(
            f"Invalid value for '{name}': {ref} is past the largest id (2147483647) "
            f"(see 'stakeholders {' '.join(args)} --help')"))


def test_a_log_record_too_large_for_an_id_is_no_record(seeded_cli):
    result = seeded_cli("log", "--record", f"person:{HUGE}")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(f"Error: 'person:{HUGE}' is not a record; write TYPE:ID")


@pytest.mark.parametrize("order", [HUGE, "2147483648"])
def test_a_speaking_order_too_large_to_store_is_refused(seeded_cli, order):
    seeded_cli.ok("person", "add", "Amna Baloch")
    refused(seeded_cli, "attendance", "add", "1", "Amna Baloch", "--order", order,
            message=f"the speaking order {order} is too large")
    refused(seeded_cli, "attendance", "edit", "1", "Nicole Guihot", "--order", order,
            message=f"the speaking order {order} is too large")
