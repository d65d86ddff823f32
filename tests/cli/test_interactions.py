"""`interaction` and `followup` on the command line: ids on stdout, one-line errors, nothing
written on error, STAKEHOLDERS_TODAY pinning "overdue"."""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import meet_a_former_officer, refused, unchanged

ADD = ("interaction", "add", "--person", "Cesar Guedes", "--org", "FIA", "--kind", "meeting",
       "--date", "2017-08-02", "--summary", "Border training plan")


def test_add_prints_the_id_and_list_shows_it(seeded_cli):
    result = seeded_cli.ok(*ADD, "--follow-up", "Send MoU", "--due", "2017-08-16",
                           "--owner", "Amna")
    assert (result.stdout, result.stderr) == (
        "1\n", "Logged interaction #1 with 1 follow-up (#1)\n")
    # the follow-ups' ids, which followup done and edit take, were not said
    assert seeded_cli.ok(*ADD, "--follow-up", "Send photos", "--due", "2017-08-10",
                         "--follow-up", "Call back", "--due", "2017-08-12").stderr == (
        "Logged interaction #2 with 2 follow-ups (#2, #3)\n")
    seeded_cli.ok("interaction", "remove", "2", "--yes")
    rows = json.loads(seeded_cli.ok("interaction", "list", "--person", "Cesar Guedes",
                                    "-f", "json").stdout)
    assert rows == [{
        "id": 1, "date": "2017-08-02", "kind": "meeting", "people": ["Cesar Guedes"],
        "organizations": ["Federal Investigation Agency"], "summary": "Border training plan",
        "event": None, "campaign": None, "open_follow_ups": 1,
    }]


@pytest.mark.parametrize("args", [
    ["interaction", "add", "--person", "Cesar Guedes", "--kind", "call", "--date", "2017-08-02",
     "--summary", "Plan"],
    ["interaction", "list"],
    ["interaction", "edit", "1"],
    ["assess", "Cesar Guedes", "--influence", "3", "--interest", "4"],
])
def test_a_campaign_given_twice_is_a_usage_error(seeded_cli, args, db_dump):
    """One campaign is recorded or filtered on: given twice, the first was dropped unsaid."""
    seeded_cli.ok("interaction", "add", "--person", "Cesar Guedes", "--kind", "call",
                  "--date", "2017-08-01", "--summary", "First call")
    seeded_cli.ok("campaign", "add", "Blue Heart")
    before = db_dump(seeded_cli.url)
    result = seeded_cli(*args, "--campaign", "GLO.ACT", "--campaign", "Blue Heart")
    assert result.exit_code == 2
    assert "--campaign: given 2 times ('GLO.ACT', 'Blue Heart'); give it once" in result.stderr
    assert result.stdout == ""
    assert db_dump(seeded_cli.url) == before


@pytest.mark.parametrize(("option", "values"), [
    ("--follow-up", ("Send photos", "Send the report")),
    ("--due", ("2017-07-26", "2017-08-02")),
    ("--owner", ("Amna", "Bilal")),
    ("--event", ("GLO.ACT", "1")),
])
def test_followup_add_takes_one_follow_up(seeded_cli, db_dump, option, values):
    """`interaction add` takes several follow-ups; `followup add` records one: a second
    `--follow-up` (or due date, owner, event) was dropped unsaid, the first follow-up lost."""
    given = {"--event": "GLO.ACT", "--follow-up": "Send photos", "--due": "2017-07-26",
             "--owner": "Amna"}
    args = ["followup", "add"]
    for name, value in given.items():
        args += [name, value] if name != option else [name, values[0], name, values[1]]
    before = db_dump(seeded_cli.url)
    result = seeded_cli(*args)
    assert result.exit_code == 2
    assert f"{option}: given 2 times ({values[0]!r}, {values[1]!r}); give it once" in result.stderr
    assert result.stdout == ""
    assert db_dump(seeded_cli.url) == before


def test_followup_list_overdue_done_and_reopen(seeded_cli):
    seeded_cli.ok(*ADD, "--follow-up", "Send MoU", "--due", "2017-08-16",
                  "--follow-up", "Call back", "--due", "2017-08-20", "--owner", "Amna")
    env = {"STAKEHOLDERS_TODAY": "2017-08-17"}

    def ids(*args):
        out = seeded_cli("followup", "list", *args, "-f", "json", env=env)
        assert out.exit_code == 0, out.stderr
        return [(r["id"], r["state"]) for r in json.loads(out.stdout)]

    assert ids("--overdue") == [(1, "overdue")]
    done = seeded_cli("followup", "done", "1", "--note", "sent", env=env)
    assert (done.exit_code, done.stderr) == (0, "Follow-up #1 done on 2017-08-17\n")
    assert ids("--overdue") == []
    assert ids("--done") == [(1, "done")]
    assert ids("--open") == [(2, "open")]
    assert ids("--owner", "amna") == [(1, "done"), (2, "open")]
    assert seeded_cli.ok("followup", "reopen", "1").stderr == "Follow-up #1 is open again\n"
    assert ids("--overdue") == [(1, "overdue")]


def test_followup_list_owner_is_a_name_or_a_word_of_it(seeded_cli):
    """--owner finds "José Müller" by "muller" or "jose muller", not by a part of a word."""
    seeded_cli.ok(*ADD, "--follow-up", "Send MoU", "--due", "2017-08-16",
                  "--owner", "José Müller", "--follow-up", "Call back", "--due", "2017-08-20",
                  "--owner", "Amna", "--follow-up", "Book the hall", "--due", "2017-08-21",
                  "--owner", "Jean-Paul Mullerson")

    def owners(owner: str) -> list[str]:
        return [r["owner"] for r in json.loads(seeded_cli.ok(
            "followup", "list", "--owner", owner, "-f", "json").stdout)]

    assert owners("muller") == owners("JOSE MÜLLER") == owners("josé") == ["José Müller"]
    assert owners("amna") == ["Amna"]
    assert owners("jean paul") == ["Jean-Paul Mullerson"]
    assert owners("mull") == owners("send") == []


def test_followup_list_owner_words_are_parted_by_punctuation(seeded_cli):
    """An owner written "Baloch, Amna", "Bilal (EU)" or "J. Müller" is found by any whole word
    of the name, in any order; an apostrophe joins a word (O'Brien is "obrien")."""
    seeded_cli.ok(*ADD, "--follow-up", "Send MoU", "--due", "2017-08-16",
                  "--follow-up", "Call back", "--due", "2017-08-20",
                  "--follow-up", "Book the hall", "--due", "2017-08-21",
                  "--follow-up", "Print badges", "--due", "2017-08-22",
                  "--owner", "Baloch, Amna", "--owner", "Bilal (EU)", "--owner", "J. Müller",
                  "--owner", "Liam O’Brien")

    def owners(owner: str) -> list[str]:
        return [r["owner"] for r in json.loads(seeded_cli.ok(
            "followup", "list", "--owner", owner, "-f", "json").stdout)]

    assert owners("baloch") == owners("amna baloch") == owners("Baloch, Amna") == [
        "Baloch, Amna"]
    assert owners("eu") == owners("bilal") == ["Bilal (EU)"]
    assert owners("muller") == owners("j muller") == owners("J. Müller") == ["J. Müller"]
    assert owners("obrien") == owners("o'brien") == owners("liam o’brien") == ["Liam O’Brien"]
    assert owners("brien") == owners("bal") == owners("amna bilal") == owners(",") == []


@pytest.mark.parametrize("flags,other", [
    (("--open", "--done"), "--open and --done"),
    (("--done", "--open"), "--open and --done"),  # the last flag used to win, silently
    (("--overdue", "--done"), "--overdue and --done"),
    (("--done", "--overdue", "--owner", "amna"), "--overdue and --done"),
])
def test_followup_list_refuses_states_that_exclude_each_other(seeded_cli, flags, other):
    """No follow-up is both open and done: a usage error, as for any contradictory options."""
    seeded_cli.ok(*ADD, "--follow-up", "Send MoU", "--due", "2017-08-16")
    refused(seeded_cli, "followup", "list", *flags, code=2,
            message=f"{other} cannot be used together; give at most one of them "
                    "(see 'stakeholders followup list --help')")


def test_followup_add_for_an_event(seeded_cli):
    result = seeded_cli.ok("followup", "add", "--event", "GLO.ACT", "--follow-up",
                           "Send photos", "--due", "2017-07-26")
    assert result.stdout == "1\n"
    (row,) = json.loads(seeded_cli.ok("followup", "list", "-f", "json").stdout)
    assert row["about"].startswith("event: ") and row["follow_up"] == "Send photos"


def test_errors_are_one_line_and_change_nothing(seeded_cli, db_dump):
    before = db_dump(seeded_cli.url)
    cases = [
        ((*ADD, "--follow-up", "a", "--due", "soon"),
         "Error: invalid date 'soon'; use YYYY-MM-DD\n"),
        (("followup", "done", "7"), "Error: no follow-up matches '7'\n"),
        # a log of what took place: a year typed ahead would top the list for good
        ((*ADD[:-4], "--date", "2071-08-02", "--summary", "x"),
         "Error: the interaction date 2071-08-02 is after today (2017-08-02); give the day it "
         "took place\n"),
    ]
    for args, message in cases:
        result = seeded_cli(*args, env={"STAKEHOLDERS_TODAY": "2017-08-02"})
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)
    assert db_dump(seeded_cli.url) == before


def test_followup_done_twice_is_refused(seeded_cli):
    seeded_cli.ok(*ADD, "--follow-up", "Send MoU", "--due", "2017-08-16")
    seeded_cli.ok("followup", "done", "1")
    result = seeded_cli("followup", "done", "1")
    assert result.exit_code == 1 and result.stderr.startswith("Error: follow-up #1 is already done")


def test_followup_done_on_an_earlier_day(seeded_cli, db_dump):
    """A follow-up done last week is recorded now with --on; not after today, nor before the
    interaction that promised it."""
    seeded_cli.ok(*ADD, "--follow-up", "Send MoU", "--due", "2017-08-16")
    env = {"STAKEHOLDERS_TODAY": "2017-08-20"}
    before = db_dump(seeded_cli.url)
    for day, message in (
            ("2017-08-21", "Error: the day it was done, 2017-08-21, is after today (2017-08-20)\n"),
            ("2017-08-01", "Error: follow-up #1 was promised on 2017-08-02; it cannot have been "
                           "done on 2017-08-01, before that\n"),
            ("17/08/2017", "Error: invalid date '17/08/2017'; use YYYY-MM-DD\n")):
        result = seeded_cli("followup", "done", "1", "--on", day, env=env)
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)
    assert db_dump(seeded_cli.url) == before
    done = seeded_cli("followup", "done", "1", "--on", "2017-08-15", env=env)
    assert (done.exit_code, done.stderr) == (0, "Follow-up #1 done on 2017-08-15\n")
    listed = json.loads(seeded_cli.ok("followup", "list", "--done", "-f", "json").stdout)
    assert [(r["id"], r["done_on"]) for r in listed] == [(1, "2017-08-15")]


def test_an_id_may_be_written_with_a_hash_as_references_are(seeded_cli):
    """#12 always means an id elsewhere; commands that take only an id read it too."""
    seeded_cli.ok(*ADD, "--follow-up", "Send MoU", "--due", "2017-08-16")
    assert seeded_cli.ok("followup", "done", "#1").stderr.startswith("Follow-up #1")
    seeded_cli.ok("followup", "reopen", "#1")
    seeded_cli.ok("interaction", "remove", "#1", "--yes")
    result = seeded_cli("followup", "done", "one")
    assert result.exit_code == 2 and result.stdout == ""
    assert "'one' is not an id (a number such as 12, or #12)" in result.stderr


def test_org_filters_take_in_meetings_with_its_people_while_they_worked_there(seeded_cli):
    meet_a_former_officer(seeded_cli)

    def listed(*args):
        return json.loads(seeded_cli.ok(*args, "--org", "UNODC", "-f", "json").stdout)

    assert [(r["summary"], r["people"], r["organizations"])
            for r in listed("interaction", "list")] == [
        ("Meeting with all", ["Sarah Khan", "Cesar Guedes"],
         ["United Nations Office on Drugs and Crime"]),
        ("Meeting during", ["Sarah Khan"], []),
    ]
    assert [r["follow_up"] for r in listed("followup", "list")] == [
        "Write during", "Write with all"]
    assert [r["follow_up"] for r in listed("followup", "list", "--person", "Cesar Guedes")
            ] == ["Write with all"]
    assert "someone who held a post there on the day" in seeded_cli.ok(
        "followup", "list", "--help").stdout


# -- corrections: interaction edit|remove, followup edit|remove ------------------------------

LAUNCH = "GLO.ACT launch, Islamabad"
NOT_A_TERMINAL = "Refusing without --yes (standard input is not a terminal)"
TWO_FOLLOW_UPS = ("--follow-up", "Send MoU", "--due", "2017-08-16", "--owner", "Amna",
                  "--follow-up", "Call back", "--due", "2017-08-20")


def _interactions(cli) -> list[dict]:
    return json.loads(cli.ok("interaction", "list", "-f", "json").stdout)


def _follow_ups(cli) -> list[dict]:
    return json.loads(cli.ok("followup", "list", "-f", "json").stdout)


def _last_logged(cli) -> tuple[str, list[str]]:
    last = json.loads(cli.ok("log", "-f", "json").stdout)[-1]
    return last["command"], last["records"]


def test_interaction_edit_changes_what_is_given_and_leaves_the_rest(seeded_cli):
    seeded_cli.ok(*ADD, "--campaign", "GLO.ACT", *TWO_FOLLOW_UPS)
    result = seeded_cli.ok("interaction", "edit", "1", "--date", "2017-08-03", "--kind", "call",
                           "--remove-org", "FIA", "--org", "IOM", "--person", "Margaret Akullo",
                           "--event", LAUNCH)
    assert (result.stdout, result.stderr) == ("", "Updated interaction #1\n")
    (row,) = _interactions(seeded_cli)
    assert row == {
        "id": 1, "date": "2017-08-03", "kind": "call",
        "people": ["Cesar Guedes", "Margaret Akullo"],
        "organizations": ["International Organization for Migration"],
        "summary": "Border training plan", "event": LAUNCH,
        "campaign": "Global Action to Prevent and Address Trafficking in Persons and the "
                    "Smuggling of Migrants",
        "open_follow_ups": 2,
    }
    # the participants taken off and added are logged, and so is the interaction they change
    assert _last_logged(seeded_cli) == ("interaction edit", [
        "update interaction:1", "delete participant:2", "insert participant:3",
        "insert participant:4"])


def test_interaction_edit_refuses_a_date_after_a_follow_up_was_done(seeded_cli):
    """The edit moved the meeting after the day its follow-up was marked done, a record no
    command would make: 'followup done --on' refuses a day before the promise."""
    seeded_cli.ok(*ADD, *TWO_FOLLOW_UPS)
    done = seeded_cli("followup", "done", "1", "--on", "2017-08-10",
                      env={"STAKEHOLDERS_TODAY": "2017-12-15"})
    assert done.exit_code == 0, done.stderr
    refused(seeded_cli, "interaction", "edit", "1", "--date", "2017-09-10",
            message="follow-up #1 of interaction #1 was done on 2017-08-10, before 2017-09-10; "
                    "give an earlier date, or correct that first (followup reopen 1, then "
                    "followup done 1 --on DATE)")
    seeded_cli.ok("interaction", "edit", "1", "--date", "2017-08-09")


def test_event_edit_refuses_a_date_after_one_of_its_follow_ups_was_done(seeded_cli):
    """As for an interaction: a launch moved after the day a follow-up it promised was done."""
    seeded_cli.ok("followup", "add", "--event", LAUNCH, "--follow-up", "Send photos",
                  "--due", "2017-07-26")
    done = seeded_cli("followup", "done", "1", "--on", "2017-07-25",
                      env={"STAKEHOLDERS_TODAY": "2017-12-15"})
    assert done.exit_code == 0, done.stderr
    refused(seeded_cli, "event", "edit", LAUNCH, "--date", "2017-07-26",
            message=f"follow-up #1 of {LAUNCH} was done on 2017-07-25, before 2017-07-26; "
                    "give an earlier date, or correct that first (followup reopen 1, then "
                    "followup done 1 --on DATE)")
    seeded_cli.ok("event", "edit", LAUNCH, "--date", "2017-07-25")


def test_followup_done_today_before_the_promise_is_refused(seeded_cli, db_dump):
    """Without --on the day is today, checked as a day given is: an event still to come has
    promised nothing done yet."""
    seeded_cli.ok("event", "add", "Donor briefing", "--date", "2017-09-01")
    seeded_cli.ok("followup", "add", "--event", "Donor briefing", "--follow-up", "Send notes",
                  "--due", "2017-09-08")
    before = db_dump(seeded_cli.url)
    result = seeded_cli("followup", "done", "1", env={"STAKEHOLDERS_TODAY": "2017-08-20"})
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", "Error: follow-up #1 was promised on 2017-09-01; it cannot have been done "
               "today (2017-08-20), before that\n")
    assert db_dump(seeded_cli.url) == before
    assert seeded_cli("followup", "done", "1",
                      env={"STAKEHOLDERS_TODAY": "2017-09-02"}).exit_code == 0


def test_interaction_edit_empty_event_and_campaign_clear_them(seeded_cli):
    seeded_cli.ok(*ADD, "--event", LAUNCH, "--campaign", "GLO.ACT")
    seeded_cli.ok("interaction", "edit", "1", "--event", "", "--campaign", "",
                  "--summary", "Border training plan, revised")
    (row,) = _interactions(seeded_cli)
    assert (row["event"], row["campaign"], row["summary"]) == (
        None, None, "Border training plan, revised")
    assert row["people"] == ["Cesar Guedes"]


def test_interaction_edit_names_someone_already_there_once(seeded_cli):
    seeded_cli.ok(*ADD)
    seeded_cli.ok("interaction", "edit", "1", "--person", "Mr. Cesar Guedes", "--org",
                  "Federal Investigation Agency")
    (row,) = _interactions(seeded_cli)
    assert (row["people"], row["organizations"]) == (
        ["Cesar Guedes"], ["Federal Investigation Agency"])


def test_interaction_edit_takes_off_someone_named_twice_once(seeded_cli):
    """Named twice to take off, someone was said not to be part of the interaction at all."""
    seeded_cli.ok(*ADD, "--person", "Margaret Akullo", "--org", "UNODC")
    seeded_cli.ok("interaction", "edit", "1", "--remove-person", "Cesar Guedes",
                  "--remove-person", "Mr. Cesar Guedes", "--remove-org", "FIA",
                  "--remove-org", "Federal Investigation Agency")
    (row,) = _interactions(seeded_cli)
    assert (row["people"], row["organizations"]) == (
        ["Margaret Akullo"], ["United Nations Office on Drugs and Crime"])


def test_interaction_edit_may_swap_the_last_participant(seeded_cli):
    seeded_cli.ok(*ADD)
    seeded_cli.ok("interaction", "edit", "1", "--remove-person", "Cesar Guedes",
                  "--remove-org", "FIA", "--org", "EU")
    (row,) = _interactions(seeded_cli)
    assert (row["people"], row["organizations"]) == ([], ["European Union"])


@pytest.mark.parametrize("args, message", [
    (["--remove-person", "Cesar Guedes", "--remove-org", "FIA"],
     "that would leave interaction #1 with no one; an interaction needs at least one --person "
     "or --org"),
    (["--remove-org", "IOM"],
     "International Organization for Migration is not part of interaction #1"),
    (["--remove-person", "Margaret Akullo"], "Margaret Akullo is not part of interaction #1"),
    # as add refuses it: a year typed ahead would top the log for good
    (["--date", "2017-08-03"],
     "the interaction date 2017-08-03 is after today (2017-08-02); give the day it took place"),
    (["--date", "soon"], "invalid date 'soon'; use YYYY-MM-DD"),
    (["--summary", " "], "summary is empty"),
    (["--person", "Nobody Atall"], "no person matches 'Nobody Atall'"),
    (["--event", "Nothing like it"], "no event matches 'Nothing like it'"),
])
def test_interaction_edit_refusals_change_nothing(seeded_cli, monkeypatch, args, message):
    monkeypatch.setenv("STAKEHOLDERS_TODAY", "2017-08-02")
    seeded_cli.ok(*ADD)
    refused(seeded_cli, "interaction", "edit", "1", *args, message=message)


def test_interaction_edit_and_remove_of_a_missing_id(seeded_cli):
    refused(seeded_cli, "interaction", "edit", "7", "--summary", "x",
            message="no interaction matches '7'")
    refused(seeded_cli, "interaction", "remove", "7", "--yes",
            message="no interaction matches '7'")


def test_a_forgotten_person_is_not_added_by_edit_but_may_be_taken_off(seeded_cli):
    seeded_cli.ok(*ADD, "--person", "Junaid Khan")
    seeded_cli.ok("interaction", "add", "--org", "IOM", "--kind", "call", "--date",
                  "2017-08-01", "--summary", "Catch-up")
    pid = json.loads(seeded_cli.ok("person", "show", "Junaid Khan", "-f", "json").stdout)["id"]
    seeded_cli.ok("person", "forget", "Junaid Khan", "--yes")
    refused(seeded_cli, "interaction", "edit", "2", "--person", f"#{pid}",
            message=f"person #{pid} is forgotten; nothing more is recorded about them")
    seeded_cli.ok("interaction", "edit", "1", "--remove-person", f"#{pid}")
    assert _interactions(seeded_cli)[0]["people"] == ["Cesar Guedes"]


def test_interaction_remove_with_follow_ups_asks_and_says_what_went(seeded_cli):
    seeded_cli.ok(*ADD, *TWO_FOLLOW_UPS)
    refused(seeded_cli, "interaction", "remove", "1",
            message="Removing interaction #1 (meeting, 2017-08-02) also removes 2 follow-ups. "
                    f"{NOT_A_TERMINAL}")
    result = seeded_cli.ok("interaction", "remove", "1", "--yes")
    assert (result.stdout, result.stderr) == (
        "", "Removed interaction #1 (meeting, 2017-08-02), with 2 follow-ups\n")
    assert _interactions(seeded_cli) == [] and _follow_ups(seeded_cli) == []
    assert _last_logged(seeded_cli) == ("interaction remove", [
        "delete followup:1", "delete followup:2", "delete interaction:1",
        "delete participant:1", "delete participant:2"])
    # the people and organizations stay
    seeded_cli.ok("person", "show", "Cesar Guedes")
    seeded_cli.ok("org", "show", "FIA")


def test_interaction_remove_without_follow_ups_does_not_ask(seeded_cli):
    seeded_cli.ok(*ADD)
    seeded_cli.ok("followup", "add", "--event", LAUNCH, "--follow-up", "Send photos",
                  "--due", "2017-07-26")
    result = seeded_cli.ok("interaction", "remove", "1")
    assert result.stderr == "Removed interaction #1 (meeting, 2017-08-02)\n"
    assert [r["follow_up"] for r in _follow_ups(seeded_cli)] == ["Send photos"]


def test_at_a_terminal_interaction_remove_asks(seeded_cli, db_dump, at_a_terminal):
    seeded_cli.ok(*ADD, "--follow-up", "Send MoU", "--due", "2017-08-16")
    before = db_dump(seeded_cli.url)
    result = seeded_cli("interaction", "remove", "1", input="n\n")
    assert (result.exit_code, result.stderr) == (1, (
        "Removing interaction #1 (meeting, 2017-08-02) also removes 1 follow-up. [y/N]:"
        "Error: cancelled; nothing was changed\n"))
    assert db_dump(seeded_cli.url) == before
    result = seeded_cli("interaction", "remove", "1", input="y\n")
    assert (result.exit_code, result.stderr) == (0, (
        "Removing interaction #1 (meeting, 2017-08-02) also removes 1 follow-up. [y/N]:"
        "Removed interaction #1 (meeting, 2017-08-02), with 1 follow-up\n"))


def test_followup_edit_changes_what_is_given_and_keeps_it_done(seeded_cli):
    seeded_cli.ok(*ADD, *TWO_FOLLOW_UPS)
    seeded_cli.ok("followup", "done", "1", "--note", "sent")
    result = seeded_cli.ok("followup", "edit", "1", "--follow-up", "Send the draft MoU",
                           "--due", "2017-08-17", "--owner", "Bilal")
    assert (result.stdout, result.stderr) == ("", "Updated follow-up #1\n")
    first, second = _follow_ups(seeded_cli)
    assert (first["follow_up"], first["due"], first["owner"], first["state"],
            first["done_note"]) == ("Send the draft MoU", "2017-08-17", "Bilal", "done", "sent")
    assert (second["follow_up"], second["owner"]) == ("Call back", "Amna")
    assert _last_logged(seeded_cli) == ("followup edit", ["update followup:1"])
    listed = json.loads(seeded_cli.ok("followup", "list", "--owner", "bilal", "-f",
                                      "json").stdout)
    assert [r["id"] for r in listed] == [1]


def test_followup_edit_empty_owner_clears_it(seeded_cli):
    seeded_cli.ok(*ADD, *TWO_FOLLOW_UPS)
    seeded_cli.ok("followup", "edit", "2", "--owner", "")
    assert [r["owner"] for r in _follow_ups(seeded_cli)] == ["Amna", None]
    assert json.loads(seeded_cli.ok("followup", "list", "--owner", "Amna", "-f",
                                    "json").stdout)[0]["id"] == 1


@pytest.mark.parametrize("args, message", [
    (["2", "--follow-up", ""], "follow-up is empty"),
    (["2", "--due", "2017-02-30"], "invalid date '2017-02-30': there is no such day"),
    (["2", "--owner", "x" * 201], "owner is too long (201 characters; at most 200)"),
    (["9", "--due", "2017-09-01"], "no follow-up matches '9'"),
])
def test_followup_edit_refusals_change_nothing(seeded_cli, args, message):
    seeded_cli.ok(*ADD, *TWO_FOLLOW_UPS)
    refused(seeded_cli, "followup", "edit", *args, message=message)


def test_followup_remove_takes_one_follow_up_and_logs_it(seeded_cli):
    seeded_cli.ok(*ADD, *TWO_FOLLOW_UPS)
    result = seeded_cli.ok("followup", "remove", "1")
    assert (result.stdout, result.stderr) == ("", "Removed follow-up #1 (due 2017-08-16)\n")
    assert [r["follow_up"] for r in _follow_ups(seeded_cli)] == ["Call back"]
    assert _interactions(seeded_cli)[0]["open_follow_ups"] == 1
    assert _last_logged(seeded_cli) == ("followup remove", ["delete followup:1"])
    assert seeded_cli.ok("followup", "remove", "2", "--yes").stderr == (
        "Removed follow-up #2 (due 2017-08-20)\n")
    refused(seeded_cli, "followup", "remove", "2", message="no follow-up matches '2'")


def test_a_mistyped_stakeholders_today_is_named_in_the_error(seeded_cli):
    """No option gave the date, so the error says where it came from."""
    for args in (("followup", "list", "--overdue"), ADD):
        result = seeded_cli(*args, env={"STAKEHOLDERS_TODAY": "17-08-2017"})
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == ("Error: STAKEHOLDERS_TODAY: invalid date '17-08-2017'; "
                                 "use YYYY-MM-DD\n")
    assert seeded_cli.ok("interaction", "list", "-f", "json").stdout == "[]\n"
    # set to spaces only, it is unset, as STAKEHOLDERS_DB is
    assert seeded_cli("followup", "list", env={"STAKEHOLDERS_TODAY": "  "}).exit_code == 0


#: Every option that narrows a list, report or export, with a command that takes it.
FILTERS = [
    ("interaction", "list", "--person"), ("interaction", "list", "--org"),
    ("interaction", "list", "--campaign"), ("interaction", "list", "--since"),
    ("followup", "list", "--owner"), ("followup", "list", "--due-before"),
    ("followup", "list", "--person"), ("followup", "list", "--org"),
    ("person", "list", "--org"), ("person", "list", "--tag"), ("person", "list", "--sector"),
    ("person", "list", "--search"),
    ("org", "list", "--sector"), ("org", "list", "--country"), ("org", "list", "--tag"),
    ("org", "list", "--search"),
    ("event", "list", "--campaign"), ("event", "list", "--from"), ("event", "list", "--to"),
    ("log", "--since"), ("log", "--record"),
    ("report", "attendees", "GLO.ACT", "--status"), ("report", "attendees", "GLO.ACT", "--role"),
    ("report", "speakers", "--event"), ("report", "speakers", "--campaign"),
    ("report", "speakers", "--from"), ("report", "speakers", "--to"),
    ("report", "map", "--campaign"),
    ("export", "contacts", "--event"), ("export", "contacts", "--campaign"),
    ("export", "contacts", "--role"), ("export", "contacts", "--status"),
    ("export", "contacts", "--sector"), ("export", "contacts", "--org"),
    ("export", "contacts", "--tag"), ("export", "contacts", "--country"),
]


@pytest.mark.parametrize("empty", ["", "  "])
@pytest.mark.parametrize("args", FILTERS, ids=" ".join)
def test_an_empty_filter_is_refused_not_ignored(seeded_cli, args, empty):
    """`--owner "$WHO"` with WHO unset listed every follow-up, as if no filter were given:
    an empty filter is a usage error, whatever the command."""
    seeded_cli.ok(*ADD, "--follow-up", "Send MoU", "--due", "2017-08-16", "--owner", "Amna")
    result = seeded_cli(*args, empty)
    command = " ".join(a for a in args[:-1] if a != "GLO.ACT")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"Error: Invalid value for '{args[-1]}': it is empty; give a value, or leave the "
               f"option out (see 'stakeholders {command} --help')\n")


def test_every_list_report_and_export_filter_refuses_an_empty_value():
    """A filter option added later refuses "" as the others do (FILTERS above lists them)."""
    import typer

    from stakeholders.cli import COMMANDS, app

    root = typer.main.get_command(app)
    declared = set()
    for name in COMMANDS:
        command = root.get_command(None, name)
        subs = getattr(command, "commands", {"": command})
        for sub_name, sub in subs.items():
            if name in ("report", "export", "log") or sub_name == "list":
                declared |= {(name, sub_name, p.opts[0]) for p in sub.params
                             if p.param_type_name == "option" and p.type.name == "str"
                             and p.opts[0] != "--output" and not p.hidden}
    tested = {(a[0], a[1] if a[0] != "log" else "", a[-1]) for a in FILTERS}
    assert declared == tested


def test_follow_ups_with_someone_who_asked_not_to_be_contacted_say_so(seeded_cli):
    seeded_cli.ok("person", "edit", "Cesar Guedes", "--no-contact")
    result = seeded_cli.ok(*ADD, "--person", "Margaret Akullo", "--follow-up", "Send MoU",
                           "--due", "2017-08-16")
    assert result.stderr == (
        "Logged interaction #1 with 1 follow-up (#1)\n"
        "Warning: Cesar Guedes asked not to be contacted: check the follow-ups of "
        "interaction #1 before acting on them\n")
    (row,) = _follow_ups(seeded_cli)
    assert row["people"] == ["Cesar Guedes (do not contact)", "Margaret Akullo"]
    # the table forms of the person's and the organization's reports say it too (only their
    # JSON named the people of an open follow-up)
    for report in (("person", "Margaret Akullo"), ("org", "FIA")):
        table = seeded_cli.ok("report", *report).stdout
        assert "Cesar Guedes (do not" in table and "contact)" in table, table
    # the log of what took place names him as he is; only what is still to be done warns
    assert _interactions(seeded_cli)[0]["people"] == ["Cesar Guedes", "Margaret Akullo"]
    assert seeded_cli.ok(*ADD).stderr == "Logged interaction #2\n"
    seeded_cli.ok("followup", "done", "1")
    assert seeded_cli.ok("interaction", "edit", "1", "--person", "Cesar Guedes").stderr == (
        "No change: interaction #1\n")


def test_adding_someone_who_asked_not_to_be_contacted_to_open_follow_ups_warns(seeded_cli):
    seeded_cli.ok("interaction", "add", "--person", "Margaret Akullo", "--kind", "call",
                  "--date", "2017-08-02", "--summary", "Plan", *TWO_FOLLOW_UPS)
    seeded_cli.ok("person", "edit", "Cesar Guedes", "--no-contact")
    assert seeded_cli.ok("interaction", "edit", "1", "--person", "Cesar Guedes").stderr == (
        "Updated interaction #1\n"
        "Warning: Cesar Guedes asked not to be contacted: check the follow-ups of "
        "interaction #1 before acting on them\n")
    # adding someone else, or naming him again, does not repeat what was said of him
    for again in ("Junaid Khan", "Cesar Guedes"):
        assert seeded_cli.ok("interaction", "edit", "1", "--person", again,
                             "--summary", f"Plan with {again}").stderr == (
            "Updated interaction #1\n")
    # taken off and named again in one edit, he is not added: no warning either
    assert seeded_cli.ok("interaction", "edit", "1", "--remove-person", "Cesar Guedes",
                         "--person", "Cesar Guedes", "--summary", "Plan again").stderr == (
        "Updated interaction #1\n")


def test_an_interaction_or_follow_up_edit_giving_the_recorded_values_changes_nothing(
        seeded_cli):
    seeded_cli.ok("interaction", "add", "--person", "Cesar Guedes", "--kind", "meeting",
                  "--date", "2017-08-01", "--summary", "Talk", "--follow-up", "Write",
                  "--due", "2017-09-01")
    unchanged(seeded_cli, "interaction", "edit", "1", "--kind", "meeting", "--date",
              "2017-08-01", "--person", "Cesar Guedes", what="interaction #1")
    unchanged(seeded_cli, "followup", "edit", "1", "--follow-up", "Write", "--due", "2017-09-01",
              what="follow-up #1")
    assert seeded_cli.ok("followup", "edit", "1", "--due", "2017-09-02").stderr == \
        "Updated follow-up #1\n"


def test_an_interaction_edit_taking_someone_off_and_back_changes_nothing(seeded_cli):
    """Taken off and added back in one command, a person or organization stays as they were:
    their link was deleted and made anew, which stopped a later unmerge (a record it moved was
    deleted after the merge). Naming someone not taking part is still refused."""
    seeded_cli.ok(*ADD, "--org", "UNODC")
    unchanged(seeded_cli, "interaction", "edit", "1", "--remove-person", "Cesar Guedes",
              "--person", "Mr. Cesar Guedes", "--remove-org", "UNODC", "--org",
              "United Nations Office on Drugs and Crime", what="interaction #1")
    refused(seeded_cli, "interaction", "edit", "1", "--remove-person", "Margaret Akullo",
            "--person", "Margaret Akullo",
            message="Margaret Akullo is not part of interaction #1")
