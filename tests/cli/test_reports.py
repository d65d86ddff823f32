"""``stakeholders report …`` through the real command line, on the seed launch."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest

from tests.cli.helpers import meet_a_former_officer, refused, two_without_organization

EVENT = "GLO.ACT launch, Islamabad"
EXPECTED = Path(__file__).parent / "expected"

ATTENDEE_KEYS = ["person_id", "person", "honorific", "title", "organization", "position",
                 "sector", "role", "status", "on_behalf_of", "speaking_order"]


def test_attendees_table_of_the_seed_launch(seeded_cli):
    result = seeded_cli.ok("report", "attendees", EVENT)
    assert result.stdout == (EXPECTED / "attendees-glo-act-launch.txt").read_text()
    assert result.stderr == ""
    assert result.stdout.endswith(
        "total               8\n"
        "attended_by_sector  diplomatic-mission 2, donor 1, police 1, un-agency 4\n")


def test_speakers_table_of_the_seed_launch(seeded_cli):
    result = seeded_cli.ok("report", "speakers", "--event", EVENT)
    assert result.stdout == (EXPECTED / "speakers-glo-act-launch.txt").read_text()
    assert "speaker    Ms. Nicole Guihot,   “Australia is a regional leader in\n" in result.stdout
    assert "Commissioner, for    human trafficking and slavery and\n" in result.stdout


def test_speakers_table_cuts_each_long_statement_not_the_cell(seeded_cli):
    # Cesar Guedes's two statements (126 and 283 characters) are each under the limit and
    # show whole; Margaret Akullo's second (394 characters) is cut.
    lines = seeded_cli.ok("report", "speakers", "--event", EVENT).stdout.splitlines()
    start = lines[1].index("statements")
    flat = " ".join(" ".join(line[start:] for line in lines[4:]).split())
    assert "so that no one is left behind.”" in flat
    assert "investigation and prosecution.”; The dual approach of GLO.ACT" in flat
    assert flat.count("…") == 1


def test_speakers_csv_carries_the_full_statements_in_press_release_order(seeded_cli):
    out = seeded_cli.ok("report", "speakers", "--campaign", "GLO.ACT", "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["person"] for r in rows] == [
        "Mr. Cesar Guedes", "Mr. Muhammad Shifaque", "Ms. Nicole Guihot", "H.E. Mr. David Hale",
        "H.E. Mr. Jean-François Cautain", "Ms. Margaret Akullo", "Mr. Junaid Khan",
        "Ms. Sarah Coleman"]
    assert rows[2]["speaker"] == ("Ms. Nicole Guihot, Acting Deputy High Commissioner, for "
                                  "H.E. Ms. Margaret Adamson")
    assert rows[0]["statements"].endswith("so that no one is left behind.”")
    assert "…" not in out


def test_attendees_json_keys(seeded_cli):
    report = json.loads(seeded_cli.ok("report", "attendees", EVENT, "--format", "json").stdout)
    assert list(report) == ["event_id", "event", "date", "city", "attendees", "also_present",
                            "total", "attended_by_sector"]
    assert report["date"] == "2017-07-19"
    assert all(list(r) == ATTENDEE_KEYS for r in report["attendees"])
    assert report["attendees"][2]["on_behalf_of"] == "H.E. Ms. Margaret Adamson"


#: The groups of `report attendees --by sector` on the seed launch.
SEED_SECTOR_GROUPS = ("groups:\n"
                      "sector              count\n"
                      "------------------  -----\n"
                      "diplomatic-mission  2\n"
                      "donor               1\n"
                      "police              1\n"
                      "un-agency           4\n")


def test_attendees_grouped_csv_and_filters(seeded_cli):
    result = seeded_cli.ok("report", "attendees", "1", "--by", "role", "--role", "presenter",
                           "--format", "csv")
    assert result.stdout == (
        ",".join(ATTENDEE_KEYS) + "\n"
        "8,Mr. Junaid Khan,,Mr.,International Organization for Migration,"
        "IOM Senior Programme Coordinator,un-agency,presenter,attended,,7\n"
        "9,Ms. Sarah Coleman,,Ms.,United Nations Children's Fund,"
        "UNICEF Chief of Child Protection,un-agency,presenter,attended,,8\n")
    table = seeded_cli.ok("report", "attendees", "1", "--by", "sector").stdout
    assert SEED_SECTOR_GROUPS + "\n" in table


def test_attendees_by_role_in_programme_order(seeded_cli):
    """Speakers first and the audience last, as a programme runs (and as --role lists the
    roles), not in the alphabet's order, which put the attendees before the speakers."""
    seeded_cli.ok("attendance", "add", EVENT, "Shahida Gilani", "--role", "organizer")
    report = json.loads(seeded_cli.ok("report", "attendees", EVENT, "--by", "role",
                                      "-f", "json").stdout)
    assert [g["role"] for g in report["groups"]] == ["speaker", "presenter", "organizer"]
    assert [r["role"] for r in report["attendees"]] == ["speaker"] * 6 + ["presenter"] * 2 + [
        "organizer"]
    assert [r["speaking_order"] for r in report["attendees"][:6]] == [1, 2, 3, 4, 5, 6]
    table = seeded_cli.ok("report", "attendees", EVENT, "--by", "role").stdout
    assert ("groups:\n"
            "role       count\n"
            "---------  -----\n"
            "speaker    6\n"
            "presenter  2\n"
            "organizer  1\n") in table


def test_one_who_did_not_come_holds_no_speaking_order_in_the_attendees_report(seeded_cli):
    """A no-show's order is kept on the attendance (back on the programme, it is theirs
    again), but it is no slot they took: the report showed two people at slot 2, the one
    who did not come first."""
    cli = seeded_cli
    cli.ok("event", "add", "Conf", "--date", "2019-02-20")
    cli.ok("attendance", "add", "Conf", "Margaret Adamson", "--role", "speaker", "--status",
           "no-show", "--order", "2")
    cli.ok("attendance", "add", "Conf", "Nicole Guihot", "--role", "speaker", "--order", "2",
           "--on-behalf-of", "Margaret Adamson")
    report = json.loads(cli.ok("report", "attendees", "Conf", "-f", "json").stdout)
    assert [(r["person"], r["status"], r["speaking_order"]) for r in report["attendees"]] == [
        ("Ms. Nicole Guihot", "attended", 2), ("H.E. Ms. Margaret Adamson", "no-show", None)]
    assert [r["speaking_order"] for r in json.loads(
        cli.ok("attendance", "list", "Conf", "-f", "json").stdout)] == [2, 2]


def test_the_counts_by_sector_wrap_between_sectors_not_inside_one(seeded_cli):
    """A line of counts too long for the table's width wraps between words: "un-agency 4"
    was split at its hyphen, "un-" ending one line and "agency 4" starting the next."""
    for org, sector, person in (("Aurat Foundation", "civil-society", "Ms. Nighat Dad"),
                                ("Punjab Home Department", "government", "Mr. Ali Raza")):
        seeded_cli.ok("org", "add", org, "--sector", sector)
        seeded_cli.ok("person", "add", person, "--org", org, "--position", "Director")
        seeded_cli.ok("attendance", "add", EVENT, person)
    out = seeded_cli.ok("report", "attendees", EVENT).stdout
    assert out.endswith(
        "total               10\n"
        "attended_by_sector  civil-society 1, diplomatic-mission 2, donor 1, government 1, "
        "police 1,\n"
        "                    un-agency 4\n")


def test_people_of_no_organization_or_sector_are_counted_under_a_label(seeded_cli):
    """A blank group name reads as a missing line: tables say "(none)", last; JSON keeps null
    for the group and its documented "none" for the sector counts."""
    two_without_organization(seeded_cli)
    by_sector = seeded_cli.ok("report", "attendees", EVENT, "--by", "sector").stdout
    assert SEED_SECTOR_GROUPS + "(none)              2\n\n" in by_sector
    assert by_sector.endswith(
        "total               10\n"
        "attended_by_sector  diplomatic-mission 2, donor 1, police 1, un-agency 4, (none) 1\n")
    by_org = seeded_cli.ok("report", "attendees", EVENT, "--by", "organization").stdout
    assert ("United Nations Office on Drugs and Crime  2\n"
            "(none)                                    2\n\n") in by_org
    report = json.loads(seeded_cli.ok("report", "attendees", EVENT, "--by", "organization",
                                      "-f", "json").stdout)
    assert report["groups"][-1] == {"organization": None, "count": 2}
    assert list(report["attended_by_sector"].items())[-1] == ("none", 1)
    campaign = seeded_cli.ok("report", "campaign", "GLO.ACT").stdout
    assert ("un-agency           4            4\n"
            "(none)              1            1\n") in campaign
    sectors = json.loads(seeded_cli.ok("report", "campaign", "GLO.ACT", "-f", "json").stdout)
    assert sectors["attendance_by_sector"][-1] == {"sector": "none", "attendances": 1,
                                                   "people": 1}


def test_sign_in_sheet_csv(seeded_cli):
    out = seeded_cli.ok("report", "sheet", EVENT, "-f", "csv").stdout
    lines = out.splitlines()
    assert lines[0] == "no,name,organization,position,signature,email"
    assert lines[1] == ("1,Ms. Margaret Akullo,United Nations Office on Drugs and Crime,"
                        "GLO.ACT Project Coordinator,,")
    assert len(lines) == 9


@pytest.mark.parametrize("args", [
    ("attendees", EVENT), ("attendees", EVENT, "--by", "organization"), ("speakers",),
    ("person", "Nicole Guihot"), ("organization", "UNODC"), ("campaign", "GLO.ACT"),
    ("sheet", EVENT),
])
def test_tables_fit_a_100_column_terminal(seeded_cli, args):
    out = seeded_cli.ok("report", *args).stdout
    assert max(len(line) for line in out.splitlines()) <= 100
    assert "Traceback" not in out


def test_sign_in_sheet_leaves_out_forgotten_people(seeded_cli):
    """A forgotten person's placeholder keeps the attendee counts true, but no one signs
    for it at the door: the printed sheet has no line for it, and the numbering has no gap."""
    seeded_cli.ok("person", "forget", "Junaid Khan", "--yes")
    rows = list(csv.DictReader(io.StringIO(
        seeded_cli.ok("report", "sheet", EVENT, "-f", "csv").stdout)))
    assert len(rows) == 7
    assert not any(r["name"].startswith("Forgotten person") for r in rows)
    assert [r["no"] for r in rows] == [str(i) for i in range(1, 8)]
    attendees = json.loads(seeded_cli.ok("report", "attendees", EVENT, "-f", "json").stdout)
    assert attendees["total"] == 8

def test_organization_report_takes_in_meetings_with_its_people_while_there(seeded_cli):
    meet_a_former_officer(seeded_cli)
    result = seeded_cli("report", "organization", "UNODC", "-f", "json",
                        env={"STAKEHOLDERS_TODAY": "2019-01-15"})
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert [r["summary"] for r in report["interactions"]] == [
        "Meeting with all", "Meeting during"]
    assert [(r["follow_up"], r["state"]) for r in report["open_follow_ups"]] == [
        ("Write during", "open"), ("Write with all", "open")]


def test_organization_report_counts_no_role_for_those_who_did_not_come(seeded_cli):
    # The FIA's Additional Director General, a speaker at the launch, cancels his talk at a
    # workshop: his attendance is listed, with its status, but he held no role there.
    seeded_cli.ok("event", "add", "Civil society workshop, Karachi", "--date", "2018-01-10",
                  "--kind", "workshop", "--campaign", "GLO.ACT")
    seeded_cli.ok("attendance", "add", "karachi", "Muhammad Shifaque", "--role", "speaker",
                  "--status", "cancelled")
    seeded_cli.ok("attendance", "add", "karachi", "Cesar Guedes", "--role", "moderator",
                  "--status", "no-show")
    fia = json.loads(seeded_cli.ok("report", "organization", "FIA", "-f", "json").stdout)
    assert [(e["role"], e["status"]) for e in fia["events"]] == [
        ("speaker", "attended"), ("speaker", "cancelled")]
    assert fia["roles"] == {"speaker": 1}
    unodc = json.loads(seeded_cli.ok("report", "organization", "UNODC", "-f", "json").stdout)
    assert unodc["roles"] == {"speaker": 2}
    table = seeded_cli.ok("report", "organization", "FIA").stdout
    assert "\nroles  speaker 1\n" in table


def test_sheet_table_has_ruled_blank_columns(seeded_cli):
    out = seeded_cli.ok("report", "sheet", EVENT).stdout
    header = next(line for line in out.splitlines() if line.startswith("no  "))
    assert header.split() == ["no", "name", "organization", "position", "signature", "email"]
    assert "____________________  ____________________" in out


def test_person_organization_campaign_reports(seeded_cli):
    person = json.loads(seeded_cli.ok("report", "person", "Nicole Guihot", "-f", "json").stdout)
    assert list(person) == ["person_id", "person", "honorific", "title", "given_name",
                            "family_name", "do_not_email", "do_not_contact", "contact_points",
                            "affiliations", "events", "statements", "interactions",
                            "open_follow_ups", "assessments"]
    assert person["events"][0]["on_behalf_of"] == "H.E. Ms. Margaret Adamson"
    org_csv = seeded_cli.ok("report", "organization", "UNODC", "-f", "csv").stdout
    assert org_csv.splitlines() == [
        "event_id,event,date,person_id,person,position,role,status,on_behalf_of",
        '1,"GLO.ACT launch, Islamabad",2017-07-19,1,Mr. Cesar Guedes,'
        "UNODC Representative for Pakistan,speaker,attended,",
        '1,"GLO.ACT launch, Islamabad",2017-07-19,7,Ms. Margaret Akullo,'
        "GLO.ACT Project Coordinator,speaker,attended,",
    ]
    # Who came for the High Commission, and for whom: the High Commissioner is not left out.
    ahc = json.loads(seeded_cli.ok("report", "organization", "Australian High Commission",
                                   "-f", "json").stdout)
    assert [(e["person"], e["on_behalf_of"]) for e in ahc["events"]] == [
        ("Ms. Nicole Guihot", "H.E. Ms. Margaret Adamson")]
    table = seeded_cli.ok("report", "organization", "Australian High Commission").stdout
    assert "Adamson" in table.split("events:")[1].split("campaigns:")[0]
    table = seeded_cli.ok("report", "campaign", "GLO.ACT").stdout
    assert table.endswith(
        "attendance_by_sector:\n"
        "sector              attendances  people\n"
        "------------------  -----------  ------\n"
        "diplomatic-mission  2            2\n"
        "donor               1            1\n"
        "police              1            1\n"
        "un-agency           4            4\n"
        "\n"
        "people_reached  8\n")


def test_output_file_is_private_and_complete(seeded_cli, tmp_path):
    target = tmp_path / "reports" / "attendees.csv"
    target.parent.mkdir()
    result = seeded_cli.ok("report", "attendees", EVENT, "-f", "csv", "-o", str(target))
    assert result.stdout == ""
    assert result.stderr == f"Wrote {target}\n"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert target.read_text().splitlines()[0] == ",".join(ATTENDEE_KEYS)
    assert len(target.read_text().splitlines()) == 9
    assert os.listdir(target.parent) == ["attendees.csv"]  # no temporary file left behind


@pytest.mark.parametrize("args, name, fmt", [
    (["speakers"], "speakers.csv", "csv"),
    (["campaign", "GLO.ACT"], "glo-act.JSON", "json"),
    (["campaign", "GLO.ACT"], "glo-act.html", "html"),
    (["attendees", EVENT], "launch.htm", "html"),
    (["person", "Nicole Guihot"], "guihot.json", "json"),
    (["organization", "UNODC"], "unodc.csv", "csv"),
    (["sheet", EVENT], "sign-in.csv", "csv"),
    (["map", "--campaign", "GLO.ACT"], "map.svg", "svg"),
    (["sheet", EVENT], "sign-in.txt", "table"),
    (["attendees", EVENT], "launch.md", "table"),  # no format of its own: the default
])
def test_the_output_files_extension_sets_the_format(seeded_cli, tmp_path, args, name, fmt):
    target = tmp_path / name
    assert seeded_cli.ok("report", *args, "-o", str(target)).stderr == f"Wrote {target}\n"
    assert target.read_text() == seeded_cli.ok("report", *args, "-f", fmt).stdout


def test_an_xlsx_file_gets_a_workbook(seeded_cli, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "glo-act.xlsx"
    seeded_cli.ok("report", "campaign", "GLO.ACT", "-o", str(target))
    assert "Summary" in load_workbook(target).sheetnames


def test_a_format_given_wins_over_the_extension_with_a_warning(seeded_cli, tmp_path):
    target = tmp_path / "speakers.json"
    result = seeded_cli.ok("report", "speakers", "-f", "csv", "-o", str(target))
    assert result.stderr == ("Warning: writing csv to speakers.json, as --format says, not json "
                             f"as its extension would\nWrote {target}\n")
    assert target.read_text() == seeded_cli.ok("report", "speakers", "-f", "csv").stdout


@pytest.mark.parametrize("args", [["person", "Nicole Guihot"], ["organization", "UNODC"],
                                  ["sheet", EVENT]])
def test_an_extension_asking_for_a_format_the_report_lacks_is_a_usage_error(
        seeded_cli, tmp_path, args):
    """Not text in a file named .xlsx, which a spreadsheet program then fails to open."""
    target = tmp_path / "report.xlsx"
    result = seeded_cli("report", *args, "-o", str(target))
    assert result.exit_code == 2
    assert (f"report.xlsx asks for xlsx, which report {args[0]} does not write; give --format "
            "table|csv|json to write one of those to it anyway") in result.stderr
    assert not target.exists()


@pytest.mark.parametrize("command", [["speakers"], ["map"]])
def test_a_campaign_given_twice_is_a_usage_error(seeded_cli, command):
    """Not the last one alone, the first dropped without a word."""
    seeded_cli.ok("campaign", "add", "Blue Heart")
    result = seeded_cli("report", *command, "--campaign", "GLO.ACT", "--campaign", "Blue Heart")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--campaign: given 2 times ('GLO.ACT', 'Blue Heart'); give it once" in result.stderr


def test_a_failed_report_leaves_no_file(seeded_cli, tmp_path):
    target = tmp_path / "out" / "speakers.csv"
    target.parent.mkdir()
    target.write_text("earlier report\n")
    result = seeded_cli("report", "attendees", "Launch of nothing", "-o", str(target))
    assert result.exit_code == 1
    assert target.read_text() == "earlier report\n"
    assert os.listdir(target.parent) == ["speakers.csv"]


def test_output_into_a_missing_folder(seeded_cli, tmp_path):
    target = tmp_path / "nowhere" / "x.csv"
    result = seeded_cli("report", "speakers", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == (f"Error: cannot write {target}: the folder {target.parent} "
                             "does not exist\n")


def test_unknown_event_and_campaign_name_the_closest(seeded_cli, db_dump):
    before = db_dump(seeded_cli.url)
    result = seeded_cli("report", "attendees", "GLO.ACT lunch Islamabad")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == ("Error: no event matches 'GLO.ACT lunch Islamabad'; closest: "
                             "GLO.ACT launch, Islamabad\n")
    result = seeded_cli("report", "campaign", "Public Awareness Campaign against trafficing")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no campaign matches 'Public Awareness Campaign against trafficing'; closest: "
        "Public Awareness Campaign against human trafficking and migrant smuggling\n")
    result = seeded_cli("report", "speakers", "--event", "GLO.ACT lunch Islamabad")
    assert result.exit_code == 1
    assert "closest: GLO.ACT launch, Islamabad" in result.stderr
    assert db_dump(seeded_cli.url) == before


def test_the_closest_names_ignore_case_and_accents(seeded_cli):
    # References ignore case and accents; so does the suggestion after a miss.
    for args, closest in [
        (("report", "attendees", "GLO.ACT LAUNCH, ISLAMBAD"), "GLO.ACT launch, Islamabad"),
        (("report", "person", "MARGRET ADAMSON"), "Margaret Adamson"),
        (("report", "organization", "AUSTRALIAN HIGH COMISSION"), "Australian High Commission"),
        (("report", "campaign", "PUBLIC AWARENESS CAMPAIGN AGAINST HUMAN TRAFICKING"),
         "Public Awareness Campaign"),
    ]:
        result = seeded_cli(*args)
        assert result.exit_code == 1
        assert f"; closest: {closest}" in result.stderr, result.stderr


def test_bad_values(seeded_cli):
    result = seeded_cli("report", "attendees", EVENT, "--by", "city")
    assert result.exit_code == 2
    assert "Invalid value for '--by'" in result.stderr
    result = seeded_cli("report", "attendees", EVENT, "--status", "came")
    assert result.exit_code == 1
    assert result.stderr == ("Error: 'came' is not a valid status; choose one of: invited, "
                             "registered, attended, no-show, declined, cancelled\n")
    result = seeded_cli("report", "speakers", "--from", "2018-01-01", "--to", "2017-01-01")
    assert result.exit_code == 1
    assert result.stderr == "Error: the end date 2017-01-01 is before the start date 2018-01-01\n"


def test_speakers_from_a_date_count_an_event_still_running_then(seeded_cli):
    """--from and --to select events as `event list` does: by the days they run."""
    ev = seeded_cli.ok("event", "add", "Regional conference", "--date", "2017-12-30",
                       "--end-date", "2018-01-02").stdout.strip()
    seeded_cli.ok("attendance", "add", ev, "Cesar Guedes", "--role", "speaker")

    def events(*args: str) -> list[str]:
        out = seeded_cli.ok("report", "speakers", *args, "-f", "json").stdout
        return sorted({r["event"] for r in json.loads(out)["speakers"]})
    listed = json.loads(seeded_cli.ok("event", "list", "--from", "2018-01-01", "-f",
                                      "json").stdout)
    assert [e["name"] for e in listed] == ["Regional conference"]
    assert events("--from", "2018-01-01") == ["Regional conference"]
    assert events("--from", "2018-01-03") == []
    assert events("--to", "2017-12-29") == ["GLO.ACT launch, Islamabad"]


def test_reports_on_an_empty_database(cli):
    assert cli.ok("report", "speakers").stdout == "speakers:\n(none)\n"
    assert cli.ok("report", "speakers", "-f", "csv").stdout == (
        "event_id,event,date,speaking_order,person_id,person,position,organization,role,"
        "on_behalf_of,speaker,statements\n")
    assert cli.ok("report", "speakers", "-f", "json").stdout == '{\n  "speakers": []\n}\n'


def test_dash_as_output_is_standard_output(seeded_cli, tmp_path, monkeypatch):
    """`-o -` prints, for reports and exports alike, and leaves no file named '-'."""
    monkeypatch.chdir(tmp_path)
    event = "GLO.ACT launch, Islamabad"
    assert (seeded_cli.ok("report", "attendees", event, "-o", "-").stdout
            == seeded_cli.ok("report", "attendees", event).stdout)
    exported = seeded_cli.ok("export", "contacts", "--profile", "json", "-o", "-")
    assert exported.stdout.startswith("[")
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("output", ["", "  "])
@pytest.mark.parametrize("args", [("report", "attendees", "1"), ("export", "contacts")])
def test_an_empty_output_is_a_usage_error(seeded_cli, args, output, tmp_path, monkeypatch):
    """`-o "$FILE"` with FILE unset: not a puzzling 'cannot write .: Device or resource
    busy', nor a file named by spaces."""
    monkeypatch.chdir(tmp_path)
    refused(seeded_cli, *args, "-o", output, code=2, message=(
        "Invalid value for '--output' / '-o': it is empty; give a file name, or - for "
        f"standard output (see 'stakeholders {' '.join(args[:2])} --help')"))
    assert not (tmp_path / output).is_file()


def test_the_current_affiliation_is_judged_as_of_stakeholders_today(seeded_cli, monkeypatch):
    """Follow-ups and affiliations in one report agree on what day it is."""
    seeded_cli.ok("person", "add", "Noor Jahan")
    seeded_cli.ok("person", "affiliate", "Noor Jahan", "UNODC", "--position", "Adviser",
                  "--end", "2020-01-01")

    def current() -> list[bool]:
        shown = json.loads(seeded_cli.ok("report", "person", "Noor Jahan", "-f", "json").stdout)
        return [a["current"] for a in shown["affiliations"]]

    monkeypatch.setenv("STAKEHOLDERS_TODAY", "2019-06-01")
    assert current() == [True]
    monkeypatch.setenv("STAKEHOLDERS_TODAY", "2021-06-01")
    assert current() == [False]


def test_a_post_not_yet_taken_up_is_not_current(seeded_cli, monkeypatch):
    """A move recorded ahead of time: the post begins later, and is listed after the one
    the person holds now."""
    seeded_cli.ok("person", "add", "Noor Jahan", "--org", "IOM")
    seeded_cli.ok("person", "affiliate", "Noor Jahan", "UNODC", "--position", "Adviser",
                  "--start", "2021-03-01")
    monkeypatch.setenv("STAKEHOLDERS_TODAY", "2021-01-20")
    shown = json.loads(seeded_cli.ok("report", "person", "Noor Jahan", "-f", "json").stdout)
    assert [(a["organization"], a["current"]) for a in shown["affiliations"]] == [
        ("International Organization for Migration", True),
        ("United Nations Office on Drugs and Crime", False)]
    monkeypatch.setenv("STAKEHOLDERS_TODAY", "2021-03-01")
    shown = json.loads(seeded_cli.ok("report", "person", "Noor Jahan", "-f", "json").stdout)
    assert [a["current"] for a in shown["affiliations"]] == [True, True]


def test_speakers_takes_the_event_as_attendees_does(seeded_cli):
    """`report speakers EVENT…` as `report attendees EVENT`: the same as --event."""
    seeded_cli.ok("event", "add", "Press briefing, Karachi", "--date", "2017-08-01")
    seeded_cli.ok("attendance", "add", "briefing", "Junaid Khan", "--role", "speaker")
    both = seeded_cli.ok("report", "speakers", "-f", "csv").stdout
    assert "Press briefing" in both and "GLO.ACT launch" in both
    by_argument = seeded_cli.ok("report", "speakers", "launch islamabad", "-f", "csv").stdout
    assert by_argument == seeded_cli.ok("report", "speakers", "--event", EVENT, "-f",
                                        "csv").stdout
    assert "Press briefing" not in by_argument and "GLO.ACT launch" in by_argument
    assert seeded_cli.ok("report", "speakers", "briefing", "--event", "1", "-f",
                         "csv").stdout == both


def test_speakers_include_everyone_recorded_as_saying_something(seeded_cli):
    """Who spoke and what they said: a moderator's or an attendee's recorded words are
    reported with their role, after the ordered speakers; someone who said nothing recorded in
    such a role is not, nor is anyone who did not come, whatever is recorded for them."""
    seeded_cli.ok("person", "add", "Ms. Ayesha Raza", "--org", "UNODC", "--position",
                  "Communications Officer")
    seeded_cli.ok("attendance", "add", EVENT, "Ayesha Raza", "--role", "moderator",
                  "--quote", "Welcome to the launch of GLO.ACT in Pakistan")
    seeded_cli.ok("person", "add", "Mr. Ali Shah")
    seeded_cli.ok("attendance", "add", EVENT, "Ali Shah", "--quote",
                  "When does training start?")
    seeded_cli.ok("person", "add", "Mr. Omar Baig")
    seeded_cli.ok("attendance", "add", EVENT, "Omar Baig", "--role", "moderator")
    seeded_cli.ok("person", "add", "Ms. Sana Mirza")
    seeded_cli.ok("attendance", "add", EVENT, "Sana Mirza", "--role", "moderator", "--status",
                  "no-show", "--quote", "Words she was to say")

    rows = json.loads(seeded_cli.ok("report", "speakers", EVENT, "-f", "json").stdout)
    rows = rows["speakers"]
    assert [(r["person"], r["role"], r["speaking_order"]) for r in rows[-3:]] == [
        ("Ms. Sarah Coleman", "presenter", 8), ("Ms. Ayesha Raza", "moderator", None),
        ("Mr. Ali Shah", "attendee", None)]  # the unordered last, by family name
    assert rows[-2]["speaker"] == "Ms. Ayesha Raza, Communications Officer"
    assert rows[-2]["statements"] == ["“Welcome to the launch of GLO.ACT in Pakistan”"]
    assert rows[-1]["statements"] == ["“When does training start?”"]
    assert len(rows) == 10

    table = seeded_cli.ok("report", "speakers", EVENT).stdout
    assert "moderator  Ms. Ayesha Raza," in table and "Omar Baig" not in table
    campaign = json.loads(seeded_cli.ok("report", "campaign", "GLO.ACT", "-f", "json").stdout)
    assert [r["role"] for r in campaign["speakers"][-2:]] == ["moderator", "attendee"]


def test_a_position_held_elsewhere_is_not_shown_beside_the_organization_attended_for(
        seeded_cli):
    """Margaret Akullo came for UNODC; her post there ended before the launch and she was an
    Adviser at IOM then, a post that is not her primary one: no position is shown rather than
    IOM's beside UNODC. Her primary post, current then, would be."""
    seeded_cli.ok("person", "affiliate", "Margaret Akullo", "UNODC", "--position",
                  "GLO.ACT Project Coordinator", "--end", "2016-12-31")
    seeded_cli.ok("person", "affiliate", "Margaret Akullo", "International Organization for Migration",
                  "--position", "Adviser", "--start", "2017-01-01")

    def shown() -> list[tuple]:
        speakers = json.loads(seeded_cli.ok("report", "speakers", EVENT, "-f", "json").stdout)
        attendees = json.loads(seeded_cli.ok("report", "attendees", EVENT, "-f",
                                             "json").stdout)
        return ([(r["speaker"], r["organization"]) for r in speakers["speakers"]
                 if r["person"] == "Ms. Margaret Akullo"]
                + [(r["position"], r["organization"]) for r in attendees["attendees"]
                   if r["person"] == "Ms. Margaret Akullo"])

    unodc = "United Nations Office on Drugs and Crime"
    assert shown() == [("Ms. Margaret Akullo", unodc), (None, unodc)]
    seeded_cli.ok("person", "affiliate", "Margaret Akullo",
                  "International Organization for Migration", "--position", "Adviser",
                  "--primary")
    assert shown() == [("Ms. Margaret Akullo, Adviser", unodc), ("Adviser", unodc)]


def test_a_report_is_of_one_moment_while_another_command_writes(seeded_cli):
    """On a shared database another officer may record an attendance while a report runs its
    queries: the report reads one snapshot, so its counts agree with each other."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from stakeholders.db import session_scope
    from stakeholders.services import attendance, people, refs

    written = []

    def another_officer(conn, cursor, statement, *_):
        if written or "attendances" not in statement:
            return
        written.append(statement)
        with session_scope(seeded_cli.url, check=False) as s:
            person = people.add_person(s, "Ms. Late Comer", org="UNODC")
            attendance.add_attendance(s, refs.event(s, EVENT), person)

    event.listen(Engine, "after_cursor_execute", another_officer)
    try:
        report = json.loads(seeded_cli.ok("report", "campaign", "GLO.ACT", "-f", "json").stdout)
    finally:
        event.remove(Engine, "after_cursor_execute", another_officer)
    assert written
    attended = sum(e["attended"] for e in report["events"])
    assert attended == sum(s["attendances"] for s in report["attendance_by_sector"])
    assert attended == report["people_reached"]


def test_a_representative_from_another_organization_leaves_the_person_s_own_post(seeded_cli):
    """Margaret Akullo (UNODC) was represented at a workshop by someone from IOM: her history
    shows her own post then, at UNODC, not her position beside IOM's name."""
    event = seeded_cli.ok("event", "add", "Civil society workshop, Karachi", "--date",
                          "2018-01-10").stdout.strip()
    seeded_cli.ok("attendance", "add", event, "Junaid Khan", "--on-behalf-of",
                  "Margaret Akullo")
    shown = json.loads(seeded_cli.ok("report", "person", "Margaret Akullo", "-f", "json").stdout)
    [row] = [e for e in shown["events"] if e["represented_by"] == "Mr. Junaid Khan"]
    assert (row["organization"], row["position"]) == (
        "United Nations Office on Drugs and Crime", "GLO.ACT Project Coordinator")
    junaid = json.loads(seeded_cli.ok("report", "person", "Junaid Khan", "-f", "json").stdout)
    assert (junaid["events"][-1]["organization"], junaid["events"][-1]["on_behalf_of"]) == (
        "International Organization for Migration", "Ms. Margaret Akullo")


def test_a_printed_sheet_signed_and_imported_back_records_only_who_signed(seeded_cli, tmp_path):
    """The sheet lists everyone invited; its Signature column is what says who came. An
    unsigned line is someone who did not: left as invited, not recorded as attended."""
    cli = seeded_cli
    cli.ok("event", "add", "Workshop", "--date", "2017-08-01")
    for person in ("Cesar Guedes", "Margaret Akullo"):
        cli.ok("attendance", "add", "Workshop", person, "--status", "invited")
    rows = list(csv.reader(io.StringIO(cli.ok("report", "sheet", "Workshop", "-f", "csv").stdout)))
    signature = rows[0].index("signature")
    rows[1 + [r[1] for r in rows[1:]].index("Mr. Cesar Guedes")][signature] = "C. Guedes"
    path = tmp_path / "signed.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    result = cli.ok("import", "contacts", str(path), "--event", "Workshop", "--dry-run")
    assert "Ms. Margaret Akullo  not signed: not recorded as come" in result.stdout
    cli.ok("import", "contacts", str(path), "--event", "Workshop")
    statuses = {r["person"]: r["status"] for r in json.loads(
        cli.ok("report", "attendees", "Workshop", "-f", "json").stdout)["attendees"]}
    assert statuses == {"Mr. Cesar Guedes": "attended", "Ms. Margaret Akullo": "invited"}
