"""`interaction` and `followup` on the command line: ids on stdout, one-line errors, nothing
written on error, STAKEHOLDERS_TODAY pinning "overdue"."""

from __future__ import annotations

import json

ADD = ("interaction", "add", "--person", "Cesar Guedes", "--org", "FIA", "--kind", "meeting",
       "--date", "2017-08-02", "--summary", "Border training plan")


def test_add_prints_the_id_and_list_shows_it(seeded_cli):
    result = seeded_cli.ok(*ADD, "--follow-up", "Send MoU", "--due", "2017-08-16",
                           "--owner", "Amna")
    assert (result.stdout, result.stderr) == ("1\n", "Logged interaction #1 with 1 follow-up\n")
    rows = json.loads(seeded_cli.ok("interaction", "list", "--person", "Cesar Guedes",
                                    "-f", "json").stdout)
    assert rows == [{
        "id": 1, "date": "2017-08-02", "kind": "meeting", "people": ["Cesar Guedes"],
        "organizations": ["Federal Investigation Agency"], "summary": "Border training plan",
        "event": None, "campaign": None, "open_follow_ups": 1,
    }]


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


def test_followup_add_for_an_event(seeded_cli):
    result = seeded_cli.ok("followup", "add", "--event", "GLO.ACT", "--follow-up",
                           "Send photos", "--due", "2017-07-26")
    assert result.stdout == "1\n"
    (row,) = json.loads(seeded_cli.ok("followup", "list", "-f", "json").stdout)
    assert row["about"].startswith("event: ") and row["follow_up"] == "Send photos"


def test_errors_are_one_line_and_change_nothing(seeded_cli, db_dump):
    before = db_dump(seeded_cli.url)
    cases = [
        ((*ADD[:-2], "--summary", "x", "--follow-up", "a"), "Error: give one --due per "
         "--follow-up (1 follow-up, 0 due dates)\n"),
        ((*ADD, "--follow-up", "a", "--due", "soon"),
         "Error: invalid date 'soon'; use YYYY-MM-DD\n"),
        (("interaction", "add", "--kind", "call", "--date", "2017-01-01", "--summary", "x"),
         "Error: an interaction needs at least one --person or --org\n"),
        ((*ADD, "--owner", "Amna"), "Error: --owner names who owns a follow-up; give the "
         "follow-up with --follow-up\n"),
        (("followup", "done", "7"), "Error: no follow-up matches '7'\n"),
        # a log of what took place: a year typed ahead would top the list for good
        ((*ADD[:-4], "--date", "2071-08-02", "--summary", "x"),
         "Error: the interaction date 2071-08-02 is after today (2017-08-02); give the day it "
         "took place\n"),
        (("followup", "list", "--overdue", "--done"), "Error: --overdue lists open "
         "follow-ups; it cannot be combined with --done\n"),
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
