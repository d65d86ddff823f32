"""Removing an organization, person, campaign or event says what of the engagement log goes
with it (assessments, event follow-ups) and what is cleared of it (interactions), and refuses
without --yes; merging and forgetting keep the log sensible."""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import refused

GLO_ACT = ("Global Action to Prevent and Address Trafficking in Persons and the Smuggling of "
           "Migrants")
LAUNCH = "GLO.ACT launch, Islamabad"
NOT_A_TERMINAL = "Refusing without --yes (standard input is not a terminal)"


@pytest.fixture
def logged(seeded_cli):
    """A ministry and an official met about visas, both assessed for GLO.ACT."""
    cli = seeded_cli
    cli.ok("org", "add", "Ministry of Interior")
    cli.ok("person", "add", "Ali Raza")
    cli.ok("interaction", "add", "--org", "Ministry of Interior", "--person", "Ali Raza",
           "--kind", "meeting", "--date", "2017-08-02", "--summary", "Visa policy",
           "--follow-up", "Send note", "--due", "2017-08-10", "--campaign", "GLO.ACT",
           "--event", LAUNCH)
    cli.ok("assess", "--org", "Ministry of Interior", "--campaign", "GLO.ACT",
           "--influence", "5", "--interest", "2")
    cli.ok("assess", "Ali Raza", "--campaign", "GLO.ACT", "--influence", "4", "--interest", "2")
    return cli


def _interaction(cli) -> dict:
    (row,) = json.loads(cli.ok("interaction", "list", "-f", "json").stdout)
    return row


def _map(cli) -> list[str]:
    rows = json.loads(cli.ok("report", "map", "--campaign", "GLO.ACT", "-f", "json").stdout)
    return [r["name"] for r in rows]


@pytest.mark.parametrize("args, message", [
    (["org", "remove", "Ministry of Interior"],
     "Removing Ministry of Interior (#11) also removes 1 assessment and clears it from "
     f"1 interaction. {NOT_A_TERMINAL}"),
    (["person", "remove", "Ali Raza"],
     "Removing Ali Raza (#11) also removes 1 assessment and clears them from 1 interaction. "
     f"{NOT_A_TERMINAL}"),
    (["campaign", "remove", "GLO.ACT"],
     f"Removing {GLO_ACT} (#1) also removes 4 partner links, 1 event link, 1 handle and "
     f"2 assessments and clears it from 1 interaction. {NOT_A_TERMINAL}"),
])
def test_removal_names_assessments_and_interactions_and_needs_yes(logged, args, message):
    refused(logged, *args, message=message)


def test_org_remove_says_what_went_and_keeps_the_interaction(logged):
    result = logged.ok("org", "remove", "Ministry of Interior", "--yes")
    assert result.stderr == ("Removed organization #11 Ministry of Interior, with 1 assessment; "
                             "cleared it from 1 interaction\n")
    row = _interaction(logged)
    assert (row["people"], row["organizations"], row["open_follow_ups"]) == (["Ali Raza"], [], 1)
    assert _map(logged) == ["Ali Raza"]


def test_person_remove_says_what_went_and_keeps_the_interaction(logged):
    result = logged.ok("person", "remove", "Ali Raza", "--yes")
    assert result.stderr == ("Removed person #11 Ali Raza, with 1 assessment; cleared them "
                             "from 1 interaction\n")
    row = _interaction(logged)
    assert (row["people"], row["organizations"]) == ([], ["Ministry of Interior"])
    assert _map(logged) == ["Ministry of Interior"]


def test_campaign_remove_takes_assessments_and_clears_interactions(logged):
    result = logged.ok("campaign", "remove", "GLO.ACT", "--yes")
    assert result.stderr == (f"Removed campaign #1 {GLO_ACT}, with 4 partner links, 1 event "
                             "link, 1 handle and 2 assessments; cleared it from 1 "
                             "interaction\n")
    assert _interaction(logged)["campaign"] is None


def test_event_remove_names_its_follow_ups_and_interactions(logged):
    logged.ok("followup", "add", "--event", LAUNCH, "--follow-up", "Send photos",
              "--due", "2017-07-26")
    refused(logged, "event", "remove", LAUNCH,
            message=f"Removing {LAUNCH} (#1) also removes 8 attendances, 12 statements and "
                    f"1 follow-up and clears it from 1 interaction. {NOT_A_TERMINAL}")
    result = logged.ok("event", "remove", LAUNCH, "--yes")
    assert result.stderr == (f"Removed event #1 {LAUNCH}, with 8 attendances, 12 statements "
                             "and 1 follow-up; cleared it from 1 interaction\n")
    row = _interaction(logged)
    assert (row["event"], row["open_follow_ups"]) == (None, 1)


def test_merge_moves_assessments_and_interactions_without_repeats(logged):
    logged.ok("person", "add", "Ali Raza Khan")
    logged.ok("interaction", "add", "--person", "Ali Raza", "--person", "Ali Raza Khan",
              "--kind", "call", "--date", "2017-08-03", "--summary", "Follow-up call")
    # made after Ali Raza's on the same day, it is the one that counts once they are merged
    logged.ok("assess", "Ali Raza Khan", "--campaign", "GLO.ACT", "--influence", "2",
              "--interest", "5")
    logged.ok("person", "merge", "Ali Raza", "Ali Raza Khan")
    people = {r["summary"]: r["people"] for r in json.loads(
        logged.ok("interaction", "list", "-f", "json").stdout)}
    assert people == {"Visa policy": ["Ali Raza"], "Follow-up call": ["Ali Raza"]}
    rows = json.loads(logged.ok("report", "map", "--campaign", "GLO.ACT", "-f", "json").stdout)
    assert [(r["name"], r["influence"]) for r in rows
            if r["kind"] == "person"] == [("Ali Raza", 2)]
    logged.ok("person", "unmerge", "1")
    people = {r["summary"]: r["people"] for r in json.loads(
        logged.ok("interaction", "list", "-f", "json").stdout)}
    assert sorted(people["Follow-up call"]) == ["Ali Raza", "Ali Raza Khan"]


def test_forget_removes_assessments_and_keeps_interactions_anonymous(logged):
    result = logged.ok("person", "forget", "Ali Raza", "--yes")
    assert result.stderr == ("Forgot person #11 (now 'Forgotten person #11'): removed "
                             "0 contact points, 0 consents, 1 assessment, 0 mentions; this "
                             "cannot be undone.\n")
    assert _map(logged) == ["Ministry of Interior"]
    assert _interaction(logged)["people"] == ["Forgotten person #11"]
