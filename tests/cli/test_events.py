"""``event add | list | show | edit | remove`` on a real database."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.cli.helpers import added_id, read_as_id, refused, unchanged
from tests.cli.press_release import (
    AWARENESS,
    GLO_ACT,
    LAUNCH,
    add_people_and_organizations,
    record_attendances,
    record_campaigns,
    record_event,
)
from tests.conftest import Cli


@pytest.fixture
def officer(cli: Cli) -> Cli:
    """The press release's organizations, people and campaigns; no event yet."""
    add_people_and_organizations(cli.url)
    record_campaigns(cli)
    return cli


def test_add_prints_the_id_alone(officer):
    result = officer.ok("event", "add", LAUNCH, "--date", "2017-07-19")
    assert result.stdout == "1\n"
    assert result.stderr == f"Added event #1 {LAUNCH} (2017-07-19)\n"


def test_the_launch_shown_in_three_formats(officer):
    event = record_event(officer)
    record_attendances(officer, event)
    officer.ok("attendance", "add", event, "Margaret Adamson", "--status", "declined")
    shown = json.loads(officer.ok("event", "show", LAUNCH.upper(), "--format", "json").stdout)
    assert shown == {
        "id": int(event), "name": LAUNCH, "kind": "launch", "start_date": "2017-07-19",
        "end_date": None, "venue": None, "city": "Islamabad", "country": "PK", "notes": None,
        "attendances": 9, "attendance_by_status": {"attended": 8, "declined": 1},
        "statements": 5,
        "campaigns": [{"id": 1, "name": GLO_ACT, "acronym": "GLO.ACT"},
                      {"id": 2, "name": AWARENESS, "acronym": None}],
        "sectors_present": [{"sector": "civil-society", "description": None},
                            {"sector": "diplomatic-mission", "description": None},
                            {"sector": "media", "description": None}],
    }
    lines = officer.ok("event", "show", event).stdout.splitlines()
    assert lines[:3] == [f"id                    {event}", f"name                  {LAUNCH}",
                         "kind                  launch"]
    assert "attendance_by_status  attended 8, declined 1" in lines
    assert lines[lines.index("sectors_present:") + 3].split() == ["civil-society"]
    rows = list(csv.DictReader(io.StringIO(officer.ok("event", "show", event, "-f",
                                                      "csv").stdout)))
    assert rows == [{"id": event, "name": LAUNCH, "kind": "launch", "start_date": "2017-07-19",
                     "end_date": "", "venue": "", "city": "Islamabad", "country": "PK",
                     "notes": "", "attendances": "9",
                     "attendance_by_status": "attended 8, declined 1", "statements": "5"}]


def test_list_in_three_formats_and_filters(officer):
    launch = record_event(officer)
    workshop = officer.ok("event", "add", "Training of trainers", "--date", "2018-03-05",
                          "--end-date", "2018-03-07", "--kind", "Training", "--venue",
                          "Serena Hotel", "--city", "Lahore", "--country", "pk",
                          "--campaign", AWARENESS).stdout.strip()
    listed = json.loads(officer.ok("event", "list", "--format", "json").stdout)
    assert listed == [
        {"id": int(launch), "name": LAUNCH, "kind": "launch", "start_date": "2017-07-19",
         "end_date": None, "city": "Islamabad", "country": "PK",
         "campaigns": ["GLO.ACT", AWARENESS], "attendances": 0},
        {"id": int(workshop), "name": "Training of trainers", "kind": "training",
         "start_date": "2018-03-05", "end_date": "2018-03-07", "city": "Lahore",
         "country": "PK", "campaigns": [AWARENESS], "attendances": 0},
    ]
    rows = list(csv.DictReader(io.StringIO(officer.ok("event", "list", "-f", "csv").stdout)))
    assert rows[1] == {"id": workshop, "name": "Training of trainers", "kind": "training",
                       "start_date": "2018-03-05", "end_date": "2018-03-07", "city": "Lahore",
                       "country": "PK", "campaigns": AWARENESS, "attendances": "0"}
    assert rows[0]["campaigns"] == f"GLO.ACT; {AWARENESS}"
    table = officer.ok("event", "list").stdout.splitlines()
    assert table[0].split() == ["id", "name", "kind", "start_date", "end_date", "city",
                                "country", "campaigns", "attendances"]
    assert table[2].split()[:5] == [launch, "GLO.ACT", "launch,", "Islamabad", "launch"]

    def ids(*args: str) -> list[int]:
        return [e["id"] for e in json.loads(officer.ok("event", "list", *args, "-f",
                                                       "json").stdout)]

    assert ids("--campaign", "glo.act") == [int(launch)]
    assert ids("--campaign", AWARENESS) == [int(launch), int(workshop)]
    assert ids("--from", "2018-03-06") == [int(workshop)]  # still running that day
    assert ids("--to", "2017-12-31") == [int(launch)]
    assert ids("--from", "2017-07-20", "--to", "2018-03-04") == []


def test_list_of_several_campaigns_holds_the_events_of_each(officer):
    """A repeated --campaign adds a campaign, rather than keeping the last one alone."""
    launch = record_event(officer)
    officer.ok("campaign", "add", "Blue Heart")
    walk = officer.ok("event", "add", "Blue Heart walk", "--date", "2016-05-01", "--campaign",
                      "Blue Heart").stdout.strip()
    listed = json.loads(officer.ok("event", "list", "--campaign", "glo.act", "--campaign",
                                   "Blue Heart", "--campaign", AWARENESS, "-f", "json").stdout)
    assert [e["id"] for e in listed] == [int(walk), int(launch)]


def test_an_event_outside_its_campaigns_dates_is_recorded_with_a_warning(officer):
    """GLO.ACT runs from 2016 to 2019: an event of it dated 2020 is a mistake somewhere (its
    date, its campaign, or the campaign's dates), said once, when the date or link is given."""
    added = officer.ok("event", "add", "GLO.ACT review", "--date", "2019-12-31", "--end-date",
                       "2020-01-02", "--campaign", "GLO.ACT", "--campaign", AWARENESS)
    assert added.stderr == (
        "Added event #1 GLO.ACT review (2019-12-31)\n"
        "Warning: GLO.ACT review (2019-12-31 to 2020-01-02) falls outside the dates of GLO.ACT "
        "(2016-01-01 to 2019-12-31)\n")
    assert officer.ok("event", "edit", "1", "--date", "2019-03-01").stderr == (
        "Updated event #1 GLO.ACT review\n")
    assert officer.ok("event", "edit", "1", "--date", "2015-12-31", "--end-date", "").stderr == (
        "Updated event #1 GLO.ACT review\n"
        "Warning: GLO.ACT review (2015-12-31) falls outside the dates of GLO.ACT (2016-01-01 to "
        "2019-12-31)\n")
    assert officer.ok("event", "edit", "1", "--venue", "Serena Hotel").stderr == (
        "Updated event #1 GLO.ACT review\n")  # said when the date was given, not again
    officer.ok("campaign", "add", "Blue Heart", "--end", "2015-06-30")
    assert officer.ok("event", "edit", "1", "--campaign", "Blue Heart").stderr == (
        "Updated event #1 GLO.ACT review\n"
        "Warning: GLO.ACT review (2015-12-31) falls outside the dates of Blue Heart (to "
        "2015-06-30)\n")


def test_an_event_moved_to_another_day_keeps_its_length(officer):
    """A conference of two days moved by its start date still lasts two days, earlier or
    later: moving only the start lengthened it, or was refused as ending before it began."""
    officer.ok("event", "add", "Safe Migration Conference", "--date", "2018-03-05",
               "--end-date", "2018-03-06")

    def dates() -> tuple[str, str]:
        e = json.loads(officer.ok("event", "show", "Safe Migration Conference", "-f",
                                  "json").stdout)
        return e["start_date"], e["end_date"]

    officer.ok("event", "edit", "Safe Migration Conference", "--date", "2018-02-20")
    assert dates() == ("2018-02-20", "2018-02-21")
    officer.ok("event", "edit", "Safe Migration Conference", "--date", "2018-04-30")
    assert dates() == ("2018-04-30", "2018-05-01")
    officer.ok("event", "edit", "Safe Migration Conference", "--date", "2018-05-02",
               "--end-date", "2018-05-04")  # both given: both as given
    assert dates() == ("2018-05-02", "2018-05-04")


@pytest.mark.parametrize(("args", "message"), [
    (["event", "add", "X", "--date", "2017-02-30"], "invalid date '2017-02-30': there is no such day"),
    (["event", "add", "X", "--date", "19/07/2017"], "invalid date '19/07/2017'; use YYYY-MM-DD"),
    # forms Python would read as a day, which a typo could make another day of
    (["event", "add", "X", "--date", "20170719"], "invalid date '20170719'; use YYYY-MM-DD"),
    (["event", "add", "X", "--date", "2017-W29-3"], "invalid date '2017-W29-3'; use YYYY-MM-DD"),
    (["event", "add", "X", "--date", "2017W293"], "invalid date '2017W293'; use YYYY-MM-DD"),
    # digits of another script (an Urdu keyboard's) are read as the digits they are
    (["event", "add", "X", "--date", "۲۰۱۷-۰۲-۳۰"], "invalid date '2017-02-30': there is no "
     "such day"),
    (["event", "add", "X", "--date", "۲۰۱۷۰۷۱۹"], "invalid date '20170719'; use YYYY-MM-DD"),
    (["event", "add", "X", "--date", "2017-07-19", "--end-date", "2017-07-18"],
     "the end date 2017-07-18 is before the start date 2017-07-19"),
    (["event", "add", "X", "--date", "2017-07-19", "--kind", "party"],
     "'party' is not a valid event kind; choose one of: launch, meeting, workshop, conference, "
     "training, other"),
    (["event", "add", "X", "--date", "2017-07-19", "--sector-present", "press"],
     "'press' is not a valid sector; choose one of: un-agency, government, diplomatic-mission, "
     "donor, police, judiciary, ngo, civil-society, academia, media, private-sector, other"),
    (["event", "add", "X", "--date", "2017-07-19", "--country", "Atlantis"],
     "unknown country 'Atlantis'; give an ISO 3166 code such as PK or GB"),
    (["event", "add", "X", "--date", "2017-07-19", "--campaign", "Blue Heart"],
     "no campaign matches 'Blue Heart'"),
    (["event", "add", "", "--date", "2017-07-19"], "event name is empty"),
    # "#5" always means record #5: an event so called could not be referred to by it
    (["event", "add", "#5", "--date", "2017-07-19"], read_as_id("event name", "#5")),
    (["event", "edit", "1", "--name", "#1"], read_as_id("event name", "#1")),
    (["event", "edit", "1", "--end-date", "2017-07-01"],
     "the end date 2017-07-01 is before the start date 2017-07-19"),
    (["event", "edit", "1", "--date", "2017-31-01"], "invalid date '2017-31-01': there is no such day"),
    (["event", "edit", "1", "--kind", "gala"],
     "'gala' is not a valid event kind; choose one of: launch, meeting, workshop, conference, "
     "training, other"),
    (["event", "edit", "1", "--remove-campaign", "GLO.ACT", "--remove-campaign", "GLO.ACT"],
     f"{LAUNCH} is not part of {GLO_ACT}"),
    (["event", "edit", "1", "--campaign", "glo.act", "--remove-campaign", "GLO.ACT"],
     f"--campaign and --remove-campaign both name {GLO_ACT}; give one of them"),
    (["event", "edit", "1", "--campaign", AWARENESS, "--remove-campaign",
      AWARENESS.replace(" ", "-")],
     f"--campaign and --remove-campaign both name {AWARENESS}; give one of them"),
    (["event", "edit", "1", "--remove-sector-present", "academia"],
     f"academia is not recorded as present at {LAUNCH}"),
    (["event", "edit", "1", "--remove-sector-present", "press"],
     "'press' is not a valid sector; choose one of: un-agency, government, diplomatic-mission, "
     "donor, police, judiciary, ngo, civil-society, academia, media, private-sector, other"),
    (["event", "edit", "Karachi launch", "--remove-sector-present", "media"],
     "no event matches 'Karachi launch'"),
    (["event", "show", "GLO.ACT launch, Karachi"],
     f"no event matches 'GLO.ACT launch, Karachi'; closest: {LAUNCH}"),
    (["event", "list", "--from", "yesterday"], "invalid date 'yesterday'; use YYYY-MM-DD"),
    (["event", "list", "--from", "2018-01-01", "--to", "2017-01-01"],
     "the end date 2017-01-01 is before the start date 2018-01-01"),
    (["event", "remove", "7"], "no event matches '7'"),
])
def test_errors_are_one_line_and_write_nothing(officer, args, message):
    record_event(officer)
    refused(officer, *args, message=message)


def test_two_events_of_one_name_are_ambiguous(officer):
    officer.ok("event", "add", "Coordination meeting", "--date", "2017-08-01")
    officer.ok("event", "add", "coordination MEETING", "--date", "2017-09-01")
    refused(officer, "event", "show", "Coordination meeting",
            message="'Coordination meeting' matches 2 events: #1 Coordination meeting "
                   "(2017-08-01); #2 coordination MEETING (2017-09-01) (use the id)")


def test_the_same_event_is_not_recorded_twice(officer):
    """Running `event add` again (a script re-run, a paste) would leave two launches of one
    name and day, and every command naming the launch would then stop at the ambiguity."""
    event = record_event(officer)
    # the event is named as recorded, not as typed
    refused(officer, "event", "add", "glo.act LAUNCH, islamabad", "--date", "2017-07-19",
            message=f"an event named '{LAUNCH}' on 2017-07-19 already exists (#{event})")
    other = officer.ok("event", "add", LAUNCH, "--date", "2018-07-19").stdout.strip()
    refused(officer, "event", "edit", other, "--date", "2017-07-19",
            message=f"an event named '{LAUNCH}' on 2017-07-19 already exists (#{event})")
    workshop = officer.ok("event", "add", "Workshop", "--date", "2017-07-19").stdout.strip()
    refused(officer, "event", "edit", workshop, "--name", LAUNCH.upper(),
            message=f"an event named '{LAUNCH}' on 2017-07-19 already exists (#{event})")
    officer.ok("event", "edit", event, "--name", LAUNCH, "--date", "2017-07-19")


def test_edit_changes_only_what_is_given(officer):
    event = record_event(officer)
    result = officer.ok("event", "edit", "glo.act launch, islamabad", "--venue", "Serena Hotel",
                        "--end-date", "2017-07-20", "--remove-campaign", "GLO.ACT",
                        "--sector-present", "academia", "--note", "Press release of 20 July")
    assert (result.stdout, result.stderr) == ("", f"Updated event #{event} {LAUNCH}\n")
    shown = json.loads(officer.ok("event", "show", event, "-f", "json").stdout)
    assert (shown["venue"], shown["end_date"], shown["notes"], shown["city"]) == (
        "Serena Hotel", "2017-07-20", "Press release of 20 July", "Islamabad")
    assert [c["name"] for c in shown["campaigns"]] == [AWARENESS]
    assert [s["sector"] for s in shown["sectors_present"]] == [
        "academia", "civil-society", "diplomatic-mission", "media"]
    officer.ok("event", "edit", event, "--name", "Launch of GLO.ACT", "--campaign", "GLO.ACT")
    shown = json.loads(officer.ok("event", "show", event, "-f", "json").stdout)
    assert (shown["name"], len(shown["campaigns"])) == ("Launch of GLO.ACT", 2)


def test_a_new_date_moves_the_organizations_taken_from_posts(cli):
    """An attendance's organization is given (--org) or taken from the person's post on the
    event's date: a new date moves those taken to the post on the new date, and leaves those
    given. One recorded by an earlier version, which did not keep which it was, stays and is
    counted for review when it was the post on the old date and is not on the new one."""
    from sqlalchemy import create_engine, update

    from stakeholders.models import Attendance

    for org in ("UNODC", "IOM", "UNICEF"):
        cli.ok("org", "add", org)
    for person, posts in (("Sarah Khan", [("UNODC", "2017-01-01", "2017-12-31"),
                                          ("IOM", "2018-01-01", "")]),
                          ("Junaid Khan", [("IOM", "2017-01-01", "2017-12-31")]),
                          ("Ali Raza", [("UNODC", "2016-01-01", "")]),
                          ("Omar Zaidi", [("UNICEF", "2017-01-01", "2017-12-31")])):
        cli.ok("person", "add", person)
        for org, start, end in posts:
            cli.ok("person", "affiliate", person, org, "--position", "Officer", "--start",
                   start, "--end", end)
    ev = str(added_id(cli, "event", "add", "Launch", "--date", "2017-07-19"))
    cli.ok("attendance", "add", ev, "Sarah Khan")  # UNODC, her post on the day
    cli.ok("attendance", "add", ev, "Junaid Khan", "--org", "UNICEF")
    cli.ok("attendance", "add", ev, "Ali Raza")  # UNODC on either date
    cli.ok("attendance", "add", ev, "Omar Zaidi")  # UNICEF, recorded as by an earlier version
    engine = create_engine(cli.url)
    with engine.begin() as conn:
        conn.execute(update(Attendance).where(Attendance.person_id == 4)
                     .values(organization_defaulted=None))
    engine.dispose()

    def organizations() -> dict[str, str | None]:
        rows = json.loads(cli.ok("attendance", "list", ev, "-f", "json").stdout)
        return {r["person"]: r["organization"] for r in rows}

    result = cli.ok("event", "edit", ev, "--date", "2018-02-01")
    assert result.stderr == (
        "Updated event #1 Launch; 1 attendance now records the organization of the person's "
        "post on the new date\n"
        "Note: 1 attendance recorded by an earlier version records the organization of the "
        "person's post on the old date, which differs on 2018-02-01; if it was not given, "
        "review it with `attendance list 1` and `attendance edit --org`\n")
    assert organizations() == {"Sarah Khan": "IOM", "Junaid Khan": "UNICEF",
                               "Ali Raza": "UNODC", "Omar Zaidi": "UNICEF"}
    result = cli.ok("event", "edit", ev, "--date", "2017-07-19")
    assert result.stderr == ("Updated event #1 Launch; 1 attendance now records the "
                             "organization of the person's post on the new date\n")
    assert organizations()["Sarah Khan"] == "UNODC"
    # an organization given by edit stays
    cli.ok("attendance", "edit", ev, "Sarah Khan", "--org", "UNODC")
    assert cli.ok("event", "edit", ev, "--date", "2018-02-01").stderr.startswith(
        "Updated event #1 Launch\nNote: 1 attendance")
    assert organizations()["Sarah Khan"] == "UNODC"
    assert cli.ok("event", "edit", ev, "--venue", "Serena Hotel").stderr == (
        "Updated event #1 Launch\n")


def test_a_sign_in_sheet_without_organizations_records_posts_that_follow_the_date(
        cli, tmp_path):
    """A sheet row without an organization takes the person's post on the event's date, as
    attendance add does (not none), and follows a new date; a row's own organization stays."""
    for org in ("UNODC", "IOM", "UNICEF"):
        cli.ok("org", "add", org)
    for person, email in (("Sarah Khan", "sarah@example.org"), ("Ali Raza", "ali@example.org")):
        cli.ok("person", "add", person, "--email", email)
        cli.ok("person", "affiliate", person, "UNODC", "--position", "Officer",
               "--end", "2017-12-31")
        cli.ok("person", "affiliate", person, "IOM", "--position", "Adviser",
               "--start", "2018-01-01")
    ev = str(added_id(cli, "event", "add", "Launch", "--date", "2017-07-19"))
    sheet = tmp_path / "sign-in.csv"
    sheet.write_text("Name,Official E-mail,Organization\nSarah Khan,sarah@example.org,\n"
                     "Ali Raza,ali@example.org,UNICEF\nNew Comer,new@example.org,\n")
    cli.ok("import", "contacts", str(sheet), "--event", ev)

    def organizations() -> dict[str, str | None]:
        rows = json.loads(cli.ok("attendance", "list", ev, "-f", "json").stdout)
        return {r["person"]: r["organization"] for r in rows}

    assert organizations() == {"Sarah Khan": "UNODC", "Ali Raza": "UNICEF", "New Comer": None}
    assert cli.ok("event", "edit", ev, "--date", "2018-02-01").stderr == (
        "Updated event #1 Launch; 1 attendance now records the organization of the person's "
        "post on the new date\n")
    assert organizations() == {"Sarah Khan": "IOM", "Ali Raza": "UNICEF", "New Comer": None}
    # an organization following the date is no edit that would stop the import's undo
    assert cli.ok("import", "undo", "1").stderr == (
        "Undid batch 1: deleted 1 person, 2 attendances; restored nothing\n")
    assert organizations() == {}


@pytest.mark.parametrize("both_there", [False, True])
def test_a_merge_is_undone_after_a_new_date_moved_the_organizations(cli, both_there):
    """Two records of one person, merged; the event's date is then corrected, which moves the
    organization their attendance took from the post on the day. Nothing an officer recorded
    has changed, so the merge is still undone, and each attendance put back takes its
    person's post on the event's date as it is now."""
    cli.ok("org", "add", "MoI")
    cli.ok("org", "add", "UNODC")
    for email in ("sara@example.org", "sara.malik@example.org"):
        cli.ok("person", "add", "Sara Malik", "--email", email)
    for person in ("1", "2"):
        cli.ok("person", "affiliate", person, "MoI", "--position", "Director",
               "--start", "2020-01-01", "--end", "2024-06-30")
        cli.ok("person", "affiliate", person, "UNODC", "--position", "Adviser",
               "--start", "2024-07-01")
    cli.ok("event", "add", "Launch", "--date", "2024-05-10")
    cli.ok("attendance", "add", "Launch", "2")
    if both_there:
        cli.ok("attendance", "add", "Launch", "1")
    cli.ok("person", "merge", "1", "2")
    cli.ok("event", "edit", "Launch", "--date", "2024-08-01")

    def organizations():
        rows = json.loads(cli.ok("attendance", "list", "Launch", "-f", "json").stdout)
        return {r["id"]: (r["person"], r["organization"]) for r in rows}

    assert set(organizations().values()) == {("Sara Malik", "UNODC")}
    assert cli.ok("person", "unmerge", "1").stderr == (
        "Undid merge 1: #2 Sara Malik is back, #1 Sara Malik as before\n")
    # #2's attendance (1) is back at the post #2 held on the new date, not the old one
    assert organizations() == {1: ("Sara Malik", "UNODC"),
                               **({2: ("Sara Malik", "UNODC")} if both_there else {})}


def _recorded_yesterday(url: str) -> None:
    """Every event as last written a day ago: the commands of a test run within a second,
    which a database's clock (SQLite's keeps seconds) cannot tell apart from what comes next."""
    import datetime as dt

    from sqlalchemy import update

    from stakeholders.db import session_scope
    from stakeholders.models import Event

    yesterday = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)
    with session_scope(url) as s:
        s.execute(update(Event).values(created_at=yesterday, updated_at=yesterday))


def test_a_merge_is_undone_after_new_post_dates_moved_the_organization(cli):
    """OTHER's attendance, moved to KEEP by the merge, takes its organization from KEEP's post
    on the event's date; KEEP's post is then given an earlier start, which moves it (as a new
    event date does). Nothing an officer recorded on the attendance has changed, so the merge
    is still undone, and the attendance put back takes the post its person (OTHER again) held
    on the event's date, while KEEP's post keeps its corrected start."""
    for org in ("FIA", "UNODC"):
        cli.ok("org", "add", org)
    cli.ok("person", "add", "Sara Malik", "--email", "sara@example.org")
    cli.ok("person", "add", "S. Malik", "--email", "sara.malik@example.org")
    cli.ok("person", "affiliate", "1", "UNODC", "--position", "Adviser", "--start", "2024-07-01")
    cli.ok("person", "affiliate", "2", "FIA", "--position", "Inspector",
           "--start", "2019-01-01", "--end", "2024-06-30")
    cli.ok("event", "add", "Launch", "--date", "2024-05-10")
    cli.ok("attendance", "add", "Launch", "2")

    def organizations():
        rows = json.loads(cli.ok("attendance", "list", "Launch", "-f", "json").stdout)
        return {r["id"]: (r["person"], r["organization"]) for r in rows}

    assert organizations() == {1: ("S. Malik", "FIA")}
    _recorded_yesterday(cli.url)  # the event was not edited since the merge, however quick
    cli.ok("person", "merge", "1", "2")
    assert organizations() == {1: ("Sara Malik", "FIA")}
    assert cli.ok("person", "affiliate", "1", "UNODC", "--position", "Adviser",
                  "--start", "2024-05-01").stderr.endswith(
        "1 attendance now records the organization of the person's post on the event's date\n")
    assert organizations() == {1: ("Sara Malik", "UNODC")}
    assert cli.ok("person", "unmerge", "1").stderr == (
        "Undid merge 1: #2 S. Malik is back, #1 Sara Malik as before\n")
    assert organizations() == {1: ("S. Malik", "FIA")}  # #2's post on the event's date
    posts = json.loads(cli.ok("person", "show", "1", "-f", "json").stdout)["affiliations"]
    assert [(p["organization"], p["start_date"]) for p in posts] == [("UNODC", "2024-05-01")]


def test_an_organization_an_officer_gave_after_a_merge_still_stops_its_undo(cli):
    """Only an organization that follows the person's posts is let through: one given with
    ``attendance edit --org`` since the merge would be lost by the undo."""
    for org in ("FIA", "UNODC"):
        cli.ok("org", "add", org)
    cli.ok("person", "add", "Sara Malik", "--email", "sara@example.org")
    cli.ok("person", "add", "S. Malik", "--email", "sara.malik@example.org")
    cli.ok("person", "affiliate", "2", "FIA", "--position", "Inspector", "--start", "2019-01-01")
    cli.ok("event", "add", "Launch", "--date", "2024-05-10")
    cli.ok("attendance", "add", "Launch", "2")
    cli.ok("person", "merge", "1", "2")
    cli.ok("attendance", "edit", "Launch", "1", "--org", "UNODC")
    refused(cli, "person", "unmerge", "1",
            message="1 attendance record it moved was changed after the merge (organization_id, "
            "organization_defaulted); undoing merge 1 would lose those changes")


def test_edit_removes_a_sector_present_and_the_log_says_so(officer):
    event = record_event(officer)
    result = officer.ok("event", "edit", event, "--remove-sector-present", "MEDIA",
                        "--remove-sector-present", "civil-society")
    assert (result.stdout, result.stderr) == ("", f"Updated event #{event} {LAUNCH}\n")
    shown = json.loads(officer.ok("event", "show", event, "-f", "json").stdout)
    assert shown["sectors_present"] == [{"sector": "diplomatic-mission", "description": None}]
    last = json.loads(officer.ok("log", "-f", "json").stdout)[-1]
    assert (last["command"], last["records"]) == ("event edit", [f"update event:{event}"])


def test_a_sector_present_says_who_they_were_as_the_press_release_does(officer):
    # "in the presence of ... senior government representatives from provincial line
    # departments, provincial police": the description a report shows beside the sector.
    event = officer.ok("event", "add", "Launch", "--date", "2017-07-19", "--sector-present",
                       "government=senior government representatives from provincial line "
                       "departments", "--sector-present", "media").stdout.strip()
    officer.ok("event", "edit", event, "--sector-present", "media=press and television",
               "--sector-present", "police=provincial police", "--sector-present", "government")
    shown = json.loads(officer.ok("event", "show", event, "-f", "json").stdout)
    assert shown["sectors_present"] == [
        {"sector": "government",
         "description": "senior government representatives from provincial line departments"},
        {"sector": "media", "description": "press and television"},
        {"sector": "police", "description": "provincial police"}]
    officer.ok("event", "edit", event, "--sector-present", "media=")
    report = json.loads(officer.ok("report", "attendees", event, "-f", "json").stdout)
    assert {s["sector"]: s["description"] for s in report["also_present"]} == {
        "government": "senior government representatives from provincial line departments",
        "media": None, "police": "provincial police"}


def test_edit_clears_the_end_date_and_country_given_empty(officer):
    event = record_event(officer)
    officer.ok("event", "edit", event, "--end-date", "2017-07-20", "--country", "PK")
    officer.ok("event", "edit", event, "--end-date", "", "--country", "", "--venue", "")
    shown = json.loads(officer.ok("event", "show", event, "-f", "json").stdout)
    assert (shown["end_date"], shown["country"], shown["venue"]) == (None, None, None)


def test_remove_refuses_without_yes_and_says_what_goes(officer):
    event = record_event(officer)
    record_attendances(officer, event)
    refused(officer, "event", "remove", event,
            message=f"Removing {LAUNCH} (#{event}) also removes 8 attendances and 5 "
                    "statements. Refusing without --yes (standard input is not a terminal)")
    result = officer.ok("event", "remove", event, "--yes")
    assert (result.stdout, result.stderr) == (
        "", f"Removed event #{event} {LAUNCH}, with 8 attendances and 5 statements\n")
    assert officer.ok("event", "list", "-f", "json").stdout == "[]\n"
    campaigns = json.loads(officer.ok("campaign", "list", "-f", "json").stdout)
    assert [c["events"] for c in campaigns] == [0, 0]


def test_an_event_without_attendance_goes_without_asking(officer):
    event = officer.ok("event", "add", "Planning call", "--date", "2017-06-01").stdout.strip()
    assert officer.ok("event", "remove", event).stderr == (
        f"Removed event #{event} Planning call\n")


def test_show_csv_has_the_same_header_without_campaigns_or_sectors(officer):
    bare = officer.ok("event", "add", "Planning call", "--date", "2017-06-01").stdout.strip()
    full = record_event(officer)
    headers = {officer.ok("event", "show", e, "-f", "csv").stdout.splitlines()[0]
               for e in (bare, full)}
    assert headers == {"id,name,kind,start_date,end_date,venue,city,country,notes,attendances,"
                       "attendance_by_status,statements"}
    table = officer.ok("event", "show", bare).stdout
    assert "campaigns:\n(none)\n" in table


def test_add_needs_a_date(officer):
    result = officer("event", "add", "No date")
    assert result.exit_code == 2
    assert "Missing option '--date'" in result.stderr


def test_words_of_one_events_name_name_it(officer):
    """An event's full name is long to type: words of it (in any order, case and accents
    aside) that no other event's name holds name it, in every command that takes EVENT. The
    exact name still wins over such a match, and digits stay an id."""
    officer.ok("event", "add", "Awareness walk, F-9 Park", "--date", "2026-11-20")
    officer.ok("event", "add", "Séminaire de presse, Karachi", "--date", "2026-11-22")
    officer.ok("event", "add", "Awareness walk", "--date", "2026-11-25")
    assert json.loads(officer.ok("event", "show", "F-9", "-f", "json").stdout)["id"] == 1
    assert json.loads(officer.ok("event", "show", "karachi SEMINAIRE", "-f", "json").stdout)[
        "id"] == 2
    assert json.loads(officer.ok("event", "show", "awareness walk", "-f", "json").stdout)[
        "id"] == 3
    officer.ok("attendance", "add", "walk f-9", "Margaret Akullo")
    assert "Margaret Akullo" in officer.ok("report", "attendees", "park", "-f", "csv").stdout
    refused(officer, "event", "show", "walk", message=(
        "'walk' matches 2 events: #1 Awareness walk, F-9 Park (2026-11-20); "
        "#3 Awareness walk (2026-11-25) (use the id)"))
    refused(officer, "event", "show", "lahore", message="no event matches 'lahore'")
    assert json.loads(officer.ok("event", "show", "2", "-f", "json").stdout)["id"] == 2


def test_a_part_held_by_many_events_lists_the_first_ten(officer):
    for day in range(1, 13):
        officer.ok("event", "add", f"District dialogue {day}", "--date", f"2026-10-{day:02}")
    result = officer(*("event", "show", "dialogue"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: 'dialogue' matches more than 10 events: "
                                    "#1 District dialogue 1 (2026-10-01); ")
    assert result.stderr.endswith("#10 District dialogue 10 (2026-10-10); … (use the id)\n")


@pytest.mark.parametrize("args", [
    ["person", "edit", "Sarah Coleman"], ["org", "edit", "UNODC"], ["event", "edit", "1"],
    ["attendance", "edit", "1", "Sarah Coleman"], ["campaign", "edit", "GLO.ACT"],
    ["interaction", "edit", "1"], ["followup", "edit", "1"],
    ["person", "edit", "Sarah Coleman", "--region", "PK"],  # says how to read, changes nothing
])
def test_an_edit_given_nothing_to_change_is_a_usage_error(seeded_cli, args):
    """Not "Updated …" for a command that changed nothing: exit code 2, one line naming the
    help to read, the database as it was."""
    refused(seeded_cli, *args, code=2, message=(
        f"nothing to change; give an option saying what (see 'stakeholders {args[0]} edit "
        "--help')"))


def test_an_event_edit_giving_the_recorded_values_changes_nothing(seeded_cli):
    launch = "event #1 GLO.ACT launch, Islamabad"
    unchanged(seeded_cli, "event", "edit", "1", "--date", "2017-07-19", "--city", "Islamabad",
              "--country", "PK", "--kind", "launch", "--campaign", "GLO.ACT", what=launch)
    assert seeded_cli.ok("event", "edit", "1", "--venue", "Serena Hotel").stderr == \
        f"Updated {launch}\n"


@pytest.mark.parametrize("command", [
    ["event", "add", "Walk", "--date", "2019-03-03"], ["event", "edit", "1"]])
def test_a_sector_present_given_twice_is_refused_not_one_description_dropped(seeded_cli,
                                                                              command):
    """add kept the first description and edit the last, without a word."""
    refused(seeded_cli, *command, "--sector-present", "media=journalists",
            "--sector-present", "Media=TV crews", code=2,
            message="--sector-present gives media twice ('media=journalists', "
                    f"'Media=TV crews'); give it once, its description naming all who came "
                    f"(see 'stakeholders {' '.join(command[:2])} --help')")


def test_a_date_in_another_scripts_digits_is_that_day(cli):
    """An Urdu keyboard types ۲۰۱۷-۰۷-۱۹: the same digits, the same day."""
    assert "(2017-07-19)" in cli.ok("event", "add", "Walk", "--date", "۲۰۱۷-۰۷-۱۹").stderr
