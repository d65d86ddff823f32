"""The data-quality commands end to end: duplicates, merge/unmerge, not-duplicate, consent,
forget and the audit log, with their error paths (one line, no traceback, nothing changed)."""

from __future__ import annotations

import json

import pytest

from stakeholders.services import people
from tests.cli.helpers import refused
from tests.conftest import Cli
from tests.dumps import data, stored


@pytest.fixture
def twin_cli(seeded_url, session_factory) -> Cli:
    """The seed launch plus a second record of Shahida Gilani (#11) at the same agency."""
    with session_factory(seeded_url) as s:
        people.add_person(s, "Dr. Shahida Gillani", org="UNODC", emails=["sg@unodc.org"])
    return Cli(seeded_url)


def _fails(cli: Cli, db_dump, *args: str, message: str, code: int = 1) -> None:
    before = db_dump(cli.url)
    result = cli(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (code, "", f"Error: {message}\n")
    assert db_dump(cli.url) == before


TABLE = """\
id_a    name_a          id_b    name_b           score    signals
------  --------------  ------  ---------------  -------  ---------------
10      Shahida Gilani  11      Shahida Gillani  97       similar name 97
"""


def test_person_duplicates_table(twin_cli):
    result = twin_cli.ok("person", "duplicates")
    assert result.stdout == TABLE
    rows = json.loads(twin_cli.ok("person", "duplicates", "-f", "json").stdout)
    assert rows == [{"id_a": 10, "name_a": "Shahida Gilani", "id_b": 11,
                     "name_b": "Shahida Gillani", "score": 97, "signals": ["similar name 97"]}]
    assert twin_cli.ok("person", "duplicates", "--threshold", "98").stdout == "(none)\n"
    assert twin_cli("person", "duplicates", "--threshold", "101").exit_code == 2


def test_a_pair_marked_different_stays_so_once_one_of_them_is_merged(twin_cli):
    """The twin (#11) and Sh. Gilani (#12) share an address and were marked different: once
    the twin is merged into Shahida Gilani (#10), she and #12 are not proposed over that
    address either; undone, the mark holds for the twin again."""
    twin_cli.ok("person", "add", "Sh. Gilani", "--org", "FIA", "--email", "sg@unodc.org")
    twin_cli.ok("person", "not-duplicate", "11", "12")
    twin_cli.ok("person", "merge", "10", "11")
    assert twin_cli.ok("person", "duplicates").stdout == "(none)\n"
    twin_cli.ok("person", "unmerge", "1")
    assert twin_cli.ok("person", "duplicates").stdout == TABLE


def test_a_label_only_the_merged_record_wrote_goes_with_a_shared_number(twin_cli):
    """Both hold one number; only OTHER said it is a WhatsApp: KEEP's copy takes the label
    rather than it being dropped with OTHER's copy, and an unmerge puts it back as it was."""
    twin_cli.ok("person", "edit", "10", "--phone", "+923001234567")
    twin_cli.ok("person", "edit", "11", "--phone", "+923001234567 (WhatsApp)")
    before = data(twin_cli.url)

    def phones(ref):
        shown = json.loads(twin_cli.ok("person", "show", ref, "-f", "json").stdout)
        return [(c["value"], c["label"]) for c in shown["contact_points"] if c["kind"] == "phone"]

    twin_cli.ok("person", "merge", "10", "11")
    assert phones("10") == [("+923001234567", "WhatsApp")]
    twin_cli.ok("person", "unmerge", "1")
    assert data(twin_cli.url) == before


def test_merge_then_unmerge_restores_the_database(twin_cli):
    before = data(twin_cli.url)
    result = twin_cli.ok("person", "merge", "Shahida Gilani", "11", "--prefer", "other",
                         "-f", "json")
    summary = json.loads(result.stdout)
    assert summary["merge"] == 1
    assert summary["fields"]["title"] == "Dr."
    assert result.stderr == ("Merged #11 Shahida Gillani into #10 Shahida Gillani; undo with "
                             "`stakeholders person unmerge 1`\n")
    result = twin_cli.ok("person", "unmerge", "1")
    assert result.stdout == ""
    assert result.stderr == ("Undid merge 1: #11 Shahida Gillani is back, #10 Shahida Gilani "
                             "as before\n")
    assert data(twin_cli.url) == before


def _as_an_earlier_version_recorded_it(payload: dict) -> dict:
    """A merge's images as versions that kept an update of a row the merge then deleted
    recorded them: the update beside the deleted row's image as the update left it."""
    deleted = payload["deleted"]
    for item in deleted:
        row = item["row"]
        if item["table"] == "attendances" and row["on_behalf_of_id"] is not None:
            payload["updated"].insert(0, {
                "table": "attendances", "key": {"id": row["id"]},
                "before": {"on_behalf_of_id": row["on_behalf_of_id"],
                           "updated_at": row["updated_at"]}})
            row["on_behalf_of_id"] = None
    return payload


@pytest.mark.parametrize("earlier", [False, True], ids=["recorded now", "recorded before"])
def test_unmerge_puts_back_an_attendance_on_behalf_of_the_one_kept(twin_cli, session_factory,
                                                                     earlier):
    """The other record came on behalf of the kept one, at an event both attended: the merge
    unlinks that "on behalf of" (the kept one would stand for themselves) before it drops the
    attendance as a repeat; that attendance was dropped, not moved, and comes back as it was,
    its "on behalf of" with it (also from a merge an earlier version recorded)."""
    from stakeholders.models import Merge

    launch = "GLO.ACT launch, Islamabad"
    twin_cli.ok("person", "add", "Mr. Omar Baig", "--org", "FIA")
    twin_cli.ok("person", "add", "Omar Baig", "--org", "FIA")
    twin_cli.ok("attendance", "add", launch, "#13", "--on-behalf-of", "#12")
    twin_cli.ok("attendance", "add", launch, "#12")
    before = stored(twin_cli.url)
    summary = json.loads(twin_cli.ok("person", "merge", "12", "13", "-f", "json").stdout)
    assert (summary["moved"], summary["dropped"]) == (
        {}, {"affiliations": 1, "attendances": 1})
    if earlier:
        with session_factory(twin_cli.url) as s:
            merge = s.get(Merge, 1)
            merge.payload = json.dumps(_as_an_earlier_version_recorded_it(
                json.loads(merge.payload)))
    twin_cli.ok("person", "unmerge", "1")
    assert stored(twin_cli.url) == before


def test_unmerge_puts_back_times_as_they_were_stored(twin_cli):
    """The records' times (written by the database, without a fraction of a second on
    SQLite) come back as the same text, not as the same time written another way."""
    twin_cli.ok("person", "affiliate", "11", "UNODC", "--position", "Researcher")
    before = stored(twin_cli.url)
    twin_cli.ok("person", "merge", "10", "11")
    twin_cli.ok("person", "unmerge", "1")
    assert stored(twin_cli.url) == before


def _as_the_other_database_wrote_it(value):
    """A merge's images with each time as the other database writes it: SQLite's naive UTC
    text as PostgreSQL's aware ISO 8601 in a session zone of +05:00, and the other way."""
    import datetime as dt
    import re

    if isinstance(value, dict):
        return {k: _as_the_other_database_wrote_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_the_other_database_wrote_it(v) for v in value]
    time_text = r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d.*"
    if not (isinstance(value, str) and re.fullmatch(time_text, value)):
        return value
    time = dt.datetime.fromisoformat(value)
    if time.tzinfo is None:
        return time.replace(tzinfo=dt.timezone.utc).astimezone(
            dt.timezone(dt.timedelta(hours=5))).isoformat()
    return time.astimezone(dt.timezone.utc).replace(tzinfo=None).isoformat(sep=" ")


def test_a_merge_is_undone_in_the_database_it_was_copied_to(twin_cli, session_factory):
    """After `db copy` between SQLite and PostgreSQL a merge's images hold times as the other
    database wrote them (naive UTC text, or aware in the session's zone): the same instants,
    so the records are not "changed after the merge", and they come back as those instants."""
    from stakeholders.models import Merge

    twin_cli.ok("person", "affiliate", "11", "UNODC", "--position", "Researcher")
    before = data(twin_cli.url)
    twin_cli.ok("person", "merge", "10", "11")
    with session_factory(twin_cli.url) as s:
        merge = s.get(Merge, 1)
        merge.payload = json.dumps(_as_the_other_database_wrote_it(json.loads(merge.payload)))
    twin_cli.ok("person", "unmerge", "1")
    assert data(twin_cli.url) == before


def test_merge_dry_run_and_errors_change_nothing(twin_cli, db_dump):
    before = db_dump(twin_cli.url)
    assert twin_cli.ok("person", "merge", "10", "11", "--dry-run").stdout == (
        "merge\n"
        "kept     #10 Shahida Gilani\n"
        "removed  #11 Shahida Gillani\n"
        "fields   none\n"
        "moved    contact_points 1\n"
        "dropped  affiliations 1\n")  # the twin's empty post at UNODC is Gilani's post
    result = twin_cli.ok("person", "merge", "10", "11", "--dry-run", "-f", "json")
    assert json.loads(result.stdout)["merge"] is None
    assert result.stderr == "Dry run: nothing was changed.\n"
    assert db_dump(twin_cli.url) == before
    _fails(twin_cli, db_dump, "person", "merge", "10", "10",
           message="'10' and '10' are the same record (#10)")
    _fails(twin_cli, db_dump, "person", "merge", "10", "Nobody",
           message="no person matches 'Nobody'")
    _fails(twin_cli, db_dump, "person", "unmerge", "7", message="no merge matches '7'")
    _fails(twin_cli, db_dump, "org", "unmerge", "7", message="no merge matches '7'")
    assert twin_cli("person", "merge", "10", "11", "--prefer", "both").exit_code == 2


def test_unmerge_is_refused_once_keep_has_changed(twin_cli):
    """Undoing the merge would undo the opt-out recorded since, or the later merge."""
    twin_cli.ok("person", "merge", "10", "11")
    twin_cli.ok("person", "edit", "10", "--note", "new mobile", "--no-email")
    refused(twin_cli, "person", "unmerge", "1",
            message="person #10 was changed after the merge (notes, do_not_email, "
                    "do_not_email_at); undoing merge 1 would lose those changes")
    twin_cli.ok("person", "add", "Shahida G.", "--org", "UNODC")
    twin_cli.ok("person", "merge", "10", "Shahida G.")
    refused(twin_cli, "person", "unmerge", "1",
            message="person #10 was merged again after this merge (merge 2); undo merge 2 first")


def test_unmerge_of_a_merge_undone_or_forgotten_says_so(twin_cli):
    """A merge undone, or gone with the person it made when they were forgotten, is named as
    such, not as a merge that never was."""
    twin_cli.ok("person", "merge", "10", "11")
    twin_cli.ok("person", "unmerge", "1")
    refused(twin_cli, "person", "unmerge", "1", message="merge 1 was already undone")
    refused(twin_cli, "org", "unmerge", "1", message="merge 1 was already undone")
    twin_cli.ok("person", "merge", "10", "11")
    twin_cli.ok("person", "forget", "10", "--yes")
    refused(twin_cli, "person", "unmerge", "2",
            message="merge 2 cannot be undone: the person it merged has been forgotten")
    refused(twin_cli, "person", "unmerge", "3", message="no merge matches '3'")


def test_import_undo_waits_for_the_merges_of_the_people_it_created(seeded_cli, tmp_path):
    """A person the import created and merged since into another (or who took another in):
    the undo would leave what was theirs with the other, or delete the other with them, and
    the merge could then bring back a person the undo said it deleted."""
    sheet = tmp_path / "contacts.csv"
    sheet.write_text("Name,Email,Organization\nShahida Gillani,sg@unodc.org,UNODC\n"
                     "Amina Yusuf,amina@unodc.org,UNODC\n", encoding="utf-8")
    seeded_cli.ok("person", "add", "Amina Yusof")
    seeded_cli.ok("import", "contacts", str(sheet))
    seeded_cli.ok("person", "merge", "10", "12")
    refused(seeded_cli, "import", "undo", "1",
            message="import batch 1: person #12 it created was merged since (merge 1); undo "
                    "that merge first")
    seeded_cli.ok("person", "unmerge", "1")
    seeded_cli.ok("person", "merge", "13", "11")
    refused(seeded_cli, "import", "undo", "1",
            message="import batch 1: person #13 it created was merged since (merge 2); undo "
                    "that merge first")
    seeded_cli.ok("person", "unmerge", "2")
    seeded_cli.ok("import", "undo", "1")
    assert seeded_cli.ok("person", "show", "11").stdout.startswith("id ")


def test_unmerge_names_a_record_deleted_since_that_what_it_puts_back_refers_to(twin_cli):
    """Both took part in one meeting, removed since: the twin's part in it cannot come back.
    The undo names the meeting, not a foreign key that "clashes with what was added"."""
    twin_cli.ok("interaction", "add", "--person", "10", "--person", "11", "--kind", "meeting",
                "--date", "2017-08-02", "--summary", "Border training plan")
    twin_cli.ok("person", "merge", "10", "11")
    twin_cli.ok("interaction", "remove", "1", "--yes")
    refused(twin_cli, "person", "unmerge", "1",
            message="merge 1 cannot be undone: what it would put back refers to interaction "
                    "#1, deleted since")
    twin_cli.ok("org", "add", "Anti-Trafficking Unit")
    twin_cli.ok("org", "add", "Federal Investigation Agency Pakistan", "--parent", "11")
    twin_cli.ok("org", "merge", "FIA", "12")
    twin_cli.ok("org", "remove", "11", "--yes")
    refused(twin_cli, "org", "unmerge", "2",
            message="merge 2 cannot be undone: what it would put back refers to organization "
                    "#11, deleted since")


def test_removing_the_record_a_merge_kept_removes_the_merge_and_what_it_held(twin_cli):
    """The merge could never be undone once the record it kept is gone, and it still held the
    twin's address: both go with the record, and an unmerge says why there is nothing to undo."""
    twin_cli.ok("person", "merge", "10", "11")
    twin_cli.ok("person", "remove", "10", "--yes")
    assert "sg@unodc.org" not in json.dumps(data(twin_cli.url), default=str)
    refused(twin_cli, "person", "unmerge", "1",
            message="merge 1 cannot be undone: the person it merged has been removed")
    twin_cli.ok("org", "add", "Federal Investigation Agency Pakistan")
    twin_cli.ok("org", "merge", "FIA", "11")
    twin_cli.ok("org", "remove", "FIA", "--yes")
    refused(twin_cli, "org", "unmerge", "2",
            message="merge 2 cannot be undone: the organization it merged has been removed")


def test_unmerge_refused_for_a_tag_names_it_as_a_tag(twin_cli):
    """The tag the twin brought and KEEP lost since is named in words, not by its table."""
    twin_cli.ok("person", "edit", "11", "--tag", "narcotics")
    twin_cli.ok("person", "merge", "10", "11")
    twin_cli.ok("person", "edit", "10", "--untag", "narcotics")
    refused(twin_cli, "person", "unmerge", "1",
            message="1 tag record it moved was deleted after the merge; undoing merge 1 "
                    "would lose those changes")


def _briefing(cli: Cli) -> None:
    """A briefing where Shahida Gilani (#10) is recorded as registered, and her twin (#11) as
    having come."""
    cli.ok("event", "add", "Media briefing", "--date", "2017-08-01")
    cli.ok("attendance", "add", "Media briefing", "10", "--status", "registered",
           "--note", "Sent the invitation")


def _at_briefing(cli: Cli) -> list[dict]:
    report = json.loads(cli.ok("report", "attendees", "Media briefing", "-f", "json").stdout)
    return [{k: row[k] for k in ("person_id", "role", "status", "on_behalf_of",
                                 "speaking_order")} for row in report["attendees"]]


def test_merge_at_one_event_keeps_that_they_came(twin_cli):
    """KEEP only registered, OTHER came: the merged person came (the report counts them),
    and the notes of both attendances stay."""
    _briefing(twin_cli)
    twin_cli.ok("attendance", "add", "Media briefing", "11", "--note", "Signed the sheet")
    before = data(twin_cli.url)
    twin_cli.ok("person", "merge", "10", "11")
    assert _at_briefing(twin_cli) == [{"person_id": 10, "role": "attendee",
                                       "status": "attended", "on_behalf_of": None,
                                       "speaking_order": None}]
    listed = json.loads(twin_cli.ok("attendance", "list", "Media briefing", "-f",
                                    "json").stdout)
    assert listed[0]["notes"] == "Sent the invitation\nSigned the sheet"
    report = json.loads(twin_cli.ok("report", "attendees", "Media briefing", "-f",
                                    "json").stdout)
    assert report["attended_by_sector"] == {"un-agency": 1}
    twin_cli.ok("person", "unmerge", "1")
    assert data(twin_cli.url) == before


def test_merge_at_one_event_takes_the_speaker_s_order_with_the_role(twin_cli):
    """OTHER spoke second for the UNODC Representative; with --role-from other the merged
    person is that speaker, in that place, for him, and said what OTHER said."""
    _briefing(twin_cli)
    twin_cli.ok("attendance", "add", "Media briefing", "11", "--role", "speaker", "--order",
                "2", "--on-behalf-of", "Cesar Guedes", "--quote", "Thank you for coming.")
    refused(twin_cli, "person", "merge", "10", "11",
            message="both attended event #2 in different roles (attendee and speaker); say "
                    "which wins with --role-from keep|other")
    twin_cli.ok("person", "merge", "10", "11", "--role-from", "other")
    assert _at_briefing(twin_cli) == [{"person_id": 10, "role": "speaker",
                                       "status": "attended",
                                       "on_behalf_of": "Mr. Cesar Guedes",
                                       "speaking_order": 2}]
    speakers = json.loads(twin_cli.ok("report", "speakers", "Media briefing", "-f",
                                      "json").stdout)["speakers"]
    assert [(r["speaking_order"], r["person_id"], r["statements"]) for r in speakers] == [
        (2, 10, ["“Thank you for coming.”"])]



def test_merge_at_one_event_keeps_keep_s_role_without_the_other_s_order(twin_cli):
    """With --role-from keep the merged person stays an attendee: OTHER's place among the
    speakers does not come with it."""
    _briefing(twin_cli)
    twin_cli.ok("attendance", "add", "Media briefing", "11", "--role", "speaker", "--order",
                "2")
    twin_cli.ok("person", "merge", "10", "11", "--role-from", "keep")
    assert _at_briefing(twin_cli) == [{"person_id": 10, "role": "attendee",
                                       "status": "attended", "on_behalf_of": None,
                                       "speaking_order": None}]


def test_merge_quotes_words_both_records_said_at_one_event_once(twin_cli):
    """Both records were quoted saying the same words at the briefing (recorded from two
    sign-in sheets, one with other punctuation): the merged speaker is quoted once, as
    attendance add would allow; undo brings both back."""
    _briefing(twin_cli)
    twin_cli.ok("attendance", "edit", "Media briefing", "10", "--role", "speaker", "--quote",
                "Thank you for coming.", "--quote", "Trafficking is a crime.")
    twin_cli.ok("attendance", "add", "Media briefing", "11", "--role", "speaker", "--quote",
                "THANK YOU, FOR COMING!")
    before = data(twin_cli.url)
    twin_cli.ok("person", "merge", "10", "11")
    speakers = json.loads(twin_cli.ok("report", "speakers", "Media briefing", "-f",
                                      "json").stdout)["speakers"]
    assert [r["statements"] for r in speakers] == [
        ["“Thank you for coming.”", "“Trafficking is a crime.”"]]
    shown = json.loads(twin_cli.ok("event", "show", "Media briefing", "-f", "json").stdout)
    assert shown["statements"] == 2
    twin_cli.ok("person", "unmerge", "1")
    assert data(twin_cli.url) == before


def test_merge_folds_the_twin_s_empty_post_and_keeps_a_different_one(twin_cli):
    """The twin's post at UNODC has no position: it is Gilani's post there, not a second one.
    The twin's later post there as Country Representative is another post, and stays."""
    twin_cli.ok("person", "affiliate", "11", "UNODC", "--position", "Country Representative",
                "--start", "2021-07-01")
    before = data(twin_cli.url)
    summary = json.loads(twin_cli.ok("person", "merge", "10", "11", "-f", "json").stdout)
    assert (summary["moved"], summary["dropped"]) == (
        {"affiliations": 1, "contact_points": 1}, {"affiliations": 1})
    report = json.loads(twin_cli.ok("report", "person", "10", "-f", "json").stdout)
    assert [(a["organization"], a["position"], a["start_date"], a["primary"])
            for a in report["affiliations"]] == [
        ("United Nations Office on Drugs and Crime", "Country Representative", "2021-07-01",
         False),
        ("United Nations Office on Drugs and Crime",
         "Programme Officer Human Trafficking and Migrant Smuggling", None, True)]
    (entry,) = json.loads(twin_cli.ok("log", "--record", "affiliation:11", "-f", "json").stdout)
    assert entry["command"] == "person merge" and "delete affiliation:11" in entry["records"]
    twin_cli.ok("person", "unmerge", "1")
    assert data(twin_cli.url) == before


def test_conflicting_roles_refused_on_the_command_line(twin_cli, db_dump, session_factory):
    from stakeholders.services import attendance, refs

    with session_factory(twin_cli.url) as s:
        event = refs.event(s, "1")
        attendance.add_attendance(s, event, refs.person(s, "10"), role="attendee")
        attendance.add_attendance(s, event, refs.person(s, "11"), role="speaker")
    _fails(twin_cli, db_dump, "person", "merge", "10", "11",
           message="both attended event #1 in different roles (attendee and speaker); say "
                   "which wins with --role-from keep|other")
    twin_cli.ok("person", "merge", "10", "11", "--role-from", "keep")


def test_merge_when_keep_attended_on_behalf_of_other(twin_cli):
    twin_cli.ok("attendance", "add", "1", "10", "--on-behalf-of", "11")
    before = data(twin_cli.url)
    twin_cli.ok("person", "merge", "10", "11", "--dry-run")
    result = twin_cli.ok("person", "merge", "10", "11", "-f", "json")
    assert json.loads(result.stdout)["moved"] == {"attendances": 1, "contact_points": 1}
    shown = json.loads(twin_cli.ok("attendance", "list", "1", "-f", "json").stdout)
    assert [a["on_behalf_of"] for a in shown if a["person"].endswith("Gilani")] == [None]
    twin_cli.ok("person", "unmerge", "1")
    assert data(twin_cli.url) == before


def test_not_duplicate(twin_cli, db_dump):
    result = twin_cli.ok("person", "not-duplicate", "Shahida Gilani", "11")
    assert result.stdout == "1\n"
    assert result.stderr == "#10 and #11 will not be proposed as duplicates\n"
    assert twin_cli.ok("person", "duplicates").stdout == "(none)\n"
    _fails(twin_cli, db_dump, "person", "not-duplicate", "11", "10",
           message="#10 and #11 are already marked as not duplicates")


def test_forgotten_people_are_not_proposed_as_duplicates(twin_cli):
    twin_cli.ok("person", "forget", "1", "--yes")
    twin_cli.ok("person", "forget", "7", "--yes")
    assert twin_cli.ok("person", "duplicates", "--threshold", "0").stdout == TABLE


def test_consent_records_and_shows_history(twin_cli, db_dump):
    result = twin_cli.ok("person", "consent", "11", "--email", "opt-out", "--post", "opt-in",
                         "--source", "phone call", "--date", "2026-11-20")
    assert result.stdout == "1\n2\n"
    assert result.stderr == "Recorded email opt-out, post opt-in\n"
    rows = json.loads(twin_cli.ok("person", "consent", "11", "-f", "json").stdout)
    assert [(r["channel"], r["status"], r["date"], r["in_force"]) for r in rows] == [
        ("email", "opt-out", "2026-11-20", True), ("post", "opt-in", "2026-11-20", True)]
    _fails(twin_cli, db_dump, "person", "consent", "11", "--email", "maybe", "--source", "x",
           message="'maybe' is not a valid consent status; choose one of: opt-in, opt-out, "
                   "unknown")
    # without --source: a usage error (tests/cli/test_options.py)
    # (the help says so before the error does)
    helped = " ".join(twin_cli.ok("person", "consent", "--help").stdout.split())
    assert "--source TEXT Where it comes from (needed to record consent)" in helped


def test_forget_asks_then_erases(twin_cli, db_dump):
    _fails(twin_cli, db_dump, "person", "forget", "11",
           message="Forget Shahida Gillani (#11) for good? This cannot be undone. Refusing "
                   "without --yes "
                   "(standard input is not a terminal)")
    result = twin_cli.ok("person", "forget", "11", "--yes")
    assert result.stdout == ""
    assert result.stderr == ("Forgot person #11 (now 'Forgotten person #11'): removed 1 contact "
                             "point, 0 consents, 0 assessments, 0 mentions; 1 email address "
                             "stays on the suppression list, as a one-way hash; this cannot be "
                             "undone.\n")
    assert "Gillani" not in repr(db_dump(twin_cli.url))


def test_write_commands_are_logged_and_reads_are_not(twin_cli):
    assert json.loads(twin_cli.ok("log", "-f", "json").stdout) == []
    twin_cli.ok("person", "duplicates")
    twin_cli.ok("person", "merge", "10", "11", "--dry-run")
    assert json.loads(twin_cli.ok("log", "-f", "json").stdout) == []
    twin_cli.ok("person", "consent", "11", "--email", "opt-out", "--source", "call")
    twin_cli("person", "consent", "11", "--email", "bad", "--source", "call")
    entries = json.loads(twin_cli.ok("log", "-f", "json").stdout)
    assert len(entries) == 1
    entry = entries[0]
    assert entry["command"] == "person consent"
    assert entry["records"] == ["insert consent:1", "update person:11"]
    assert entry["user"]
    assert entry["at"].endswith("+00:00")
    assert "call" not in json.dumps(entry)
    twin_cli.ok("person", "merge", "10", "11")
    only = json.loads(twin_cli.ok("log", "--record", "person:11", "-f", "json").stdout)
    assert [e["command"] for e in only] == ["person consent", "person merge"]
    for written in ("Person:#11", "person: 11"):  # as a reference writes an id, any case
        assert json.loads(twin_cli.ok("log", "--record", written, "-f", "json").stdout) == only
    assert twin_cli.ok("log", "--since", "2999-01-01").stdout == "(none)\n"
    result = twin_cli("log", "--record", "people-11")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: 'people-11' is not a record; write TYPE:ID")


def test_forget_erases_the_person_s_rows_in_others_merges_and_imports_too(seeded_cli,
                                                                           tmp_path):
    """An organization merge keeps the images of the posts it folded or moved, an import those
    of the posts it changed: forgetting the person erases their positions there as in the
    posts themselves, so no undo puts one back, and the merge can still be undone."""
    position = "Programme Officer Human Trafficking and Migrant Smuggling"
    sheet = tmp_path / "contacts.csv"
    sheet.write_text("Name,Email,Organization,Position\n"
                     "Shahida Gilani,Shahida.gillani@unodc.org,UNODC,Senior Programme Officer\n",
                     encoding="utf-8")
    seeded_cli.ok("import", "contacts", str(sheet), "--on-duplicate", "update")
    seeded_cli.ok("org", "add", "UN Office on Drugs and Crime")
    seeded_cli.ok("person", "affiliate", "10", "11", "--position", "Senior Programme Officer")
    seeded_cli.ok("person", "affiliate", "Junaid Khan", "11", "--position", "Liaison")
    seeded_cli.ok("org", "merge", "UNODC", "11")
    seeded_cli.ok("person", "forget", "10", "--yes")
    kept = json.dumps(data(seeded_cli.url), default=str)
    assert position not in kept and "Senior Programme Officer" not in kept
    assert "Liaison" in kept  # another's post, as it was
    seeded_cli.ok("org", "unmerge", "1")
    report = json.loads(seeded_cli.ok("report", "person", "10", "-f", "json").stdout)
    assert [a["position"] for a in report["affiliations"]] == [None, None]


def test_forgetting_a_tagged_person_is_logged_as_an_update_not_a_delete(twin_cli):
    """Forget keeps the person as a placeholder; taking off their tags (rows linking the
    person to a tag) updates the person, as `person edit --remove-tag` would, so the log
    must not say the person was deleted."""
    twin_cli.ok("person", "edit", "11", "--tag", "trafficking")
    twin_cli.ok("person", "forget", "11", "--yes")
    entries = json.loads(twin_cli.ok("log", "--record", "person:11", "-f", "json").stdout)
    assert [e["command"] for e in entries] == ["person edit", "person forget"]
    records = entries[-1]["records"]
    assert "update person:11" in records
    assert "delete person:11" not in records
    assert twin_cli.ok("person", "show", "11", "-f", "json").stdout


def test_unmerge_logs_the_person_it_puts_back_as_inserted(twin_cli):
    twin_cli.ok("person", "edit", "11", "--tag", "trafficking")
    twin_cli.ok("person", "merge", "10", "11")
    twin_cli.ok("person", "unmerge", "1")
    entries = json.loads(twin_cli.ok("log", "--record", "person:11", "-f", "json").stdout)
    assert [e["command"] for e in entries] == ["person edit", "person merge", "person unmerge"]
    assert "delete person:11" in entries[1]["records"]
    assert "insert person:11" in entries[2]["records"]


def test_forgetting_someone_whose_name_is_a_column_name_leaves_other_merges_undoable(twin_cli):
    """A merge keeps its before-images as JSON, keyed by column names ("person_id"). Forgetting
    a Ms. Person must redact her name where it is written, never those keys: the merge of two
    other people stays undoable."""
    twin_cli.ok("person", "merge", "10", "11")
    twin_cli.ok("person", "add", "Temp Person", "--org", "UNODC", "--email", "tp@example.org")
    twin_cli.ok("person", "forget", "Temp Person", "--yes")
    result = twin_cli.ok("person", "unmerge", "1")
    assert result.stderr.startswith("Undid merge 1: #11 Shahida Gillani is back")
    shown = json.loads(twin_cli.ok("person", "show", "11", "-f", "json").stdout)
    assert shown["email"] == "sg@unodc.org"


def test_forgetting_someone_leaves_the_names_of_others_in_a_merge_as_they_are(twin_cli):
    """Forgetting Mr. Gilani (the family name the merged Shahida Gilani shares) redacts what
    mentions him, but not the names in the images a merge of two other people keeps, as it
    leaves their names on record: the merge is undone, both back under their own names."""
    before = data(twin_cli.url)
    twin_cli.ok("person", "merge", "10", "11")
    twin_cli.ok("person", "add", "Mr. Imran Gilani", "--org", "FIA")
    twin_cli.ok("person", "forget", "Imran Gilani", "--yes")
    result = twin_cli.ok("person", "unmerge", "1")
    assert result.stderr == ("Undid merge 1: #11 Shahida Gillani is back, #10 Shahida Gilani "
                             "as before\n")
    after = data(twin_cli.url)
    assert after["people"][:11] == before["people"]


def test_forgetting_mr_gilani_leaves_shahida_gilani_where_others_wrote_her_name(twin_cli):
    """Gilani is Shahida Gilani's name too: forgetting Mr. Imran Gilani takes his name and
    "Mr. Gilani", not hers, nor the Gilani in a follow-up she owns."""
    twin_cli.ok("person", "add", "Mr. Imran Gilani", "--org", "FIA")
    twin_cli.ok("person", "edit", "Cesar Guedes", "--note",
                "Mr. Gilani and Shahida Gilani met; Imran Gilani agreed, Gilani said")
    twin_cli.ok("interaction", "add", "--person", "Shahida Gilani", "--kind", "meeting",
                "--date", "2017-08-02", "--summary", "Met Shahida Gilani, then Mr. Gilani",
                "--follow-up", "Brief Mr Gilani", "--due", "2017-08-16", "--owner", "S. Gilani")
    twin_cli.ok("person", "forget", "Imran Gilani", "--yes")
    shown = json.loads(twin_cli.ok("person", "show", "Cesar Guedes", "-f", "json").stdout)
    assert shown["notes"] == ("[removed] and Shahida Gilani met; [removed] agreed, Gilani "
                              "said")
    follow_up = json.loads(twin_cli.ok("followup", "list", "-f", "json").stdout)[0]
    assert (follow_up["owner"], follow_up["follow_up"]) == ("S. Gilani", "Brief [removed]")
    assert json.loads(twin_cli.ok("interaction", "list", "-f", "json").stdout)[0][
        "summary"] == "Met Shahida Gilani, then [removed]"

def test_org_duplicates_merge_unmerge(seeded_cli, session_factory):
    from stakeholders.services import orgs

    with session_factory(seeded_cli.url) as s:
        # a shared acronym is refused now; an older database may still hold one
        orgs.add_organization(s, "Federal Investigation Agency (FIA)").acronym = "FIA"
    rows = json.loads(seeded_cli.ok("org", "duplicates", "-f", "json").stdout)
    assert [(r["name_a"], r["name_b"], r["signals"]) for r in rows] == [
        ("Federal Investigation Agency", "Federal Investigation Agency (FIA)",
         ["similar name 93", "acronym 85"])]
    before = data(seeded_cli.url)
    seeded_cli.ok("org", "merge", "Federal Investigation Agency", "11")
    seeded_cli.ok("org", "unmerge", "1")
    assert data(seeded_cli.url) == before


@pytest.mark.parametrize("added, message", [
    (("Anti-Trafficking Network", "--acronym", "FIAP"),
     "'FIAP', the acronym of #11 Federal Investigation Agency Pakistan it would put back, is "
     "now the acronym of #12 Anti-Trafficking Network; change #12's acronym first"),
    (("FIAP",),
     "'FIAP', the acronym of #11 Federal Investigation Agency Pakistan it would put back, is "
     "now the name of #12 FIAP; change #12's name first"),
    (("FEDERAL INVESTIGATION AGENCY PAKISTAN",),
     "'Federal Investigation Agency Pakistan', the name of #11 Federal Investigation Agency "
     "Pakistan it would put back, is now the name of #12 FEDERAL INVESTIGATION AGENCY "
     "PAKISTAN; change #12's name first"),
    (("Border Desk", "--acronym", "Federal Investigation Agency Pakistan"),
     "'Federal Investigation Agency Pakistan', the name of #11 Federal Investigation Agency "
     "Pakistan it would put back, is now the acronym of #12 Border Desk; change #12's acronym "
     "first"),
])
def test_org_unmerge_is_refused_when_the_name_or_acronym_was_taken_since(seeded_cli, added,
                                                                          message):
    """The organization merged away had a name and an acronym another has taken since: put
    back, it would clash with it, or make every reference to either ambiguous."""
    seeded_cli.ok("org", "add", "Federal Investigation Agency Pakistan", "--acronym", "FIAP")
    seeded_cli.ok("org", "merge", "FIA", "11")
    seeded_cli.ok("org", "add", *added)
    refused(seeded_cli, "org", "unmerge", "1", message=f"merge 1 cannot be undone: {message}")


def test_org_unmerge_puts_back_the_parent_that_was_merged_away(seeded_cli):
    """The organization kept had the other one as its parent (a link the merge drops, as it
    would make it its own parent): the undo puts both back, the link too, exactly."""
    seeded_cli.ok("org", "add", "Ministry of Interior Pakistan")
    seeded_cli.ok("org", "add", "Ministry of Interior", "--parent", "11")
    before = stored(seeded_cli.url)
    seeded_cli.ok("org", "merge", "Ministry of Interior", "Ministry of Interior Pakistan")
    result = seeded_cli.ok("org", "unmerge", "1")
    assert result.stderr == ("Undid merge 1: #11 Ministry of Interior Pakistan is back, "
                             "#12 Ministry of Interior as before\n")
    assert stored(seeded_cli.url) == before


def test_org_merge_into_a_sub_sub_organization_makes_no_loop_of_parents(seeded_cli):
    """KEEP is a grandchild of OTHER: OTHER's child, which is KEEP's parent, becomes KEEP's
    child, so KEEP cannot keep it as its parent (each would be the other's parent); it takes
    OTHER's place under OTHER's parent instead, and the undo puts all back."""
    seeded_cli.ok("org", "add", "Interior Division", "--parent", "Government of Pakistan")
    seeded_cli.ok("org", "add", "Directorate of Immigration", "--parent", "Interior Division")
    seeded_cli.ok("org", "add", "Federal Government")
    seeded_cli.ok("org", "edit", "Government of Pakistan", "--parent", "Federal Government")
    before = stored(seeded_cli.url)
    seeded_cli.ok("org", "merge", "Directorate of Immigration", "Government of Pakistan")

    def parent(org: str) -> str | None:
        return json.loads(seeded_cli.ok("org", "show", org, "-f", "json").stdout)["parent"]

    assert parent("Interior Division") == "Directorate of Immigration"
    assert parent("Directorate of Immigration") == "Federal Government"
    assert parent("FIA") == "Directorate of Immigration"
    seeded_cli.ok("org", "unmerge", "1")
    assert stored(seeded_cli.url) == before


def test_person_add_is_logged_without_its_arguments(seeded_cli):
    new = seeded_cli.ok("person", "add", "Ms. Amina Yusuf", "--org", "UNODC",
                        "--email", "amina.yusuf@unodc.org").stdout.strip()
    seeded_cli.ok("person", "list")
    seeded_cli.ok("person", "show", new)
    entries = json.loads(seeded_cli.ok("log", "-f", "json").stdout)
    assert [e["command"] for e in entries] == ["person add"]
    assert f"insert person:{new}" in entries[0]["records"]
    assert any(r.startswith("insert contact:") for r in entries[0]["records"])
    assert "Amina" not in json.dumps(entries) and "unodc" not in json.dumps(entries)


def test_engagement_log_records_can_be_looked_up_in_the_log(seeded_cli):
    """Every record type the log lists is one `log --record TYPE:ID` accepts."""
    seeded_cli.ok("interaction", "add", "--person", "Cesar Guedes", "--kind", "call",
                  "--date", "2017-08-02", "--summary", "Border training plan",
                  "--follow-up", "Send draft MoU", "--due", "2017-08-16")
    seeded_cli.ok("assess", "Cesar Guedes", "--campaign", "GLO.ACT", "--influence", "5",
                  "--interest", "4")
    entries = json.loads(seeded_cli.ok("log", "-f", "json").stdout)
    listed = {r.split(" ", 1)[1] for e in entries for r in e["records"]}
    assert {"interaction:1", "followup:1", "assessment:1"} <= listed
    for record in sorted(listed):
        found = json.loads(seeded_cli.ok("log", "--record", record, "-f", "json").stdout)
        assert found, record


def test_a_merge_shows_in_the_kept_records_history_too(seeded_cli):
    """Looking up the person kept finds the merge, though none of their own fields changed."""
    seeded_cli.ok("person", "add", "Nicole Guihot", "--email", "nicole@example.org")
    seeded_cli.ok("person", "merge", "4", "11", input="")
    for record in ("person:4", "person:11"):
        found = json.loads(seeded_cli.ok("log", "--record", record, "-f", "json").stdout)
        assert found[-1]["command"] == "person merge", record
    assert "update person:4" in found[-1]["records"]


def test_the_log_names_the_command_however_the_program_was_started(seeded_cli):
    """`python -m stakeholders person add …` is logged as `person add`, not with the words
    that started the program."""
    from stakeholders.cli import app

    result = seeded_cli.runner.invoke(
        app, ["--db", seeded_cli.url, "person", "add", "Ms. Amina Yusuf"],
        prog_name="python -m stakeholders", catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    entries = json.loads(seeded_cli.ok("log", "-f", "json").stdout)
    assert [e["command"] for e in entries] == ["person add"]


def test_who_received_a_person_s_address_follows_the_merges_behind_them(twin_cli):
    """The twin (#11) was exported before being merged into Shahida Gilani (#10): that export
    reached her, so her log names it, and the twin's own records; undone, the merge takes
    them back to the twin alone."""
    twin_cli.ok("person", "edit", "11", "--tag", "press")
    twin_cli.ok("export", "contacts", "--tag", "press", "-o", "-")  # the twin alone

    def logged(ref: str) -> list[str]:
        return [e["command"] for e in json.loads(
            twin_cli.ok("log", "--record", ref, "-f", "json").stdout)]

    assert logged("person:10") == []
    twin_cli.ok("person", "merge", "10", "11")
    assert logged("person:10") == ["person edit", "export contacts", "person merge"]
    twin_cli.ok("person", "unmerge", "1")
    assert logged("person:10") == ["person merge", "person unmerge"]
    assert logged("person:11") == ["person edit", "export contacts", "person merge",
                                   "person unmerge"]
