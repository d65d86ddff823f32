"""`report attendees|speakers|campaign --format html|xlsx` on the seed launch, with a hostile
attendee; and the person/organization reports carrying the engagement log."""

from __future__ import annotations

import json
import os

import pytest

from stakeholders.services import attendance, people, refs
from tests.cli.helpers import two_without_organization
from tests.io.test_report_documents import Collect

EVENT = "GLO.ACT launch, Islamabad"
HOSTILE = "<script>alert(1)</script>"
HOSTILE_ORG = '"><img src=x onerror=alert(2)>'


@pytest.fixture
def hostile_cli(seeded_cli, session_factory):
    """The seed launch plus an attendee and an organization with hostile names (which the
    commands refuse now: a page must still escape them)."""
    with session_factory(seeded_cli.url) as s:
        from stakeholders.models import Organization

        s.add(Organization(name=HOSTILE_ORG, sector="ngo"))
        s.flush()
        person = people.add_person(s, "Hostile Name", org=HOSTILE_ORG)
        # written as it is, as a database made before names were checked may hold it
        person.full_name = HOSTILE
        attendance.add_attendance(s, refs.event(s, EVENT), person)
    return seeded_cli


def _page(cli, *args) -> Collect:
    parser = Collect()
    parser.feed(cli.ok("report", *args, "-f", "html").stdout)
    return parser


def test_html_attendee_page_of_the_seed_launch(hostile_cli):
    attendees = json.loads(hostile_cli.ok("report", "attendees", EVENT, "-f", "json").stdout)
    page = _page(hostile_cli, "attendees", EVENT)
    assert "Attendees: GLO.ACT launch, Islamabad" in page.text
    assert "2017-07-19, Islamabad" in page.text
    assert page.text[3:7] == ["9", "Total recorded", "9", "Attended"]
    for row in attendees["attendees"]:
        assert row["person"] in page.text
    assert HOSTILE in page.text and HOSTILE_ORG in page.text
    assert "script" not in page.tags and "img" not in page.tags
    assert page.tags.count("rect") == len(attendees["attended_by_sector"]) == 5
    speakers = json.loads(hostile_cli.ok("report", "speakers", "--event", EVENT,
                                         "-f", "json").stdout)["speakers"]
    for s in speakers:
        assert s["speaker"] in page.text
        for statement in s["statements"]:
            assert statement in page.text


def test_html_speakers_and_campaign_pages(seeded_cli):
    speakers = _page(seeded_cli, "speakers", "--campaign", "GLO.ACT")
    assert "Speakers" in speakers.text and any(t.startswith("“") for t in speakers.text)
    campaign = _page(seeded_cli, "campaign", "GLO.ACT")
    assert campaign.text[0].startswith("Campaign: Global Action")
    reached = campaign.text.index("People reached")
    assert campaign.text[reached - 1] == "8"
    assert any(t.startswith("“Australia is a regional leader") for t in campaign.text)


def test_xlsx_workbook_to_a_private_file(hostile_cli, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "attendees.xlsx"
    result = hostile_cli.ok("report", "attendees", EVENT, "-f", "xlsx", "-o", str(out))
    assert (result.stdout, result.stderr) == ("", f"Wrote {out}\n")
    assert os.stat(out).st_mode & 0o777 == 0o600
    wb = load_workbook(out)
    assert wb.sheetnames == ["Summary", "People by sector", "Speakers", "Attendees",
                             "Also present"]
    names = [r[0] for r in wb["Attendees"].iter_rows(min_row=2, values_only=True)]
    assert HOSTILE in names and len(names) == 9
    campaign = tmp_path / "campaign.xlsx"
    hostile_cli.ok("report", "campaign", "GLO.ACT", "-f", "xlsx", "-o", str(campaign))
    assert load_workbook(campaign).sheetnames == [
        "Summary", "People by sector", "Speakers", "Partners", "Events",
        "Attendance by sector"]
    speakers = tmp_path / "speakers.xlsx"
    hostile_cli.ok("report", "speakers", "-f", "xlsx", "-o", str(speakers))
    rows = list(load_workbook(speakers)["Speakers"].iter_rows(min_row=2, values_only=True))
    assert rows[0][0] == "Mr. Cesar Guedes, UNODC Representative for Pakistan"
    assert sum(1 for r in rows if r[4]) == 12  # every statement of the seed, one per row


@pytest.mark.parametrize("command", [("campaign", "GLO.ACT"),
                                     ("attendees", "GLO.ACT launch, Islamabad"),
                                     ("speakers",)])
@pytest.mark.parametrize("output", [(), ("-o", "-")])
def test_xlsx_without_a_file_is_a_usage_error(seeded_cli, command, output):
    result = seeded_cli("report", *command, "-f", "xlsx", *output)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "Error: Invalid value for --format: xlsx writes a workbook; give -o FILE.xlsx "
        f"(see 'stakeholders report {command[0]} --help')\n")


def test_person_and_organization_reports_carry_the_engagement_log(seeded_cli):
    seeded_cli.ok("interaction", "add", "--person", "Cesar Guedes", "--org", "FIA",
                  "--kind", "call", "--date", "2017-08-02", "--summary", "Training dates",
                  "--follow-up", "Send dates", "--due", "2017-08-10",
                  "--follow-up", "Book room", "--due", "2017-09-10")
    seeded_cli.ok("followup", "done", "2")
    for args in (("Cesar Guedes", "--influence", "2", "--interest", "2", "--date",
                  "2017-07-01"),
                 ("Cesar Guedes", "--influence", "5", "--interest", "4", "--date",
                  "2017-08-01")):
        seeded_cli.ok("assess", *args, "--campaign", "GLO.ACT")
    env = {"STAKEHOLDERS_TODAY": "2017-08-20"}
    result = seeded_cli("report", "person", "Cesar Guedes", "-f", "json", env=env)
    person = json.loads(result.stdout)
    assert [i["summary"] for i in person["interactions"]] == ["Training dates"]
    assert [(f["follow_up"], f["state"]) for f in person["open_follow_ups"]] == [
        ("Send dates", "overdue")]
    assert [(a["assessed_on"], a["influence"], a["current"]) for a in person["assessments"]] \
        == [("2017-08-01", 5, True), ("2017-07-01", 2, False)]
    org = json.loads(seeded_cli.ok("report", "organization", "FIA", "-f", "json").stdout)
    assert [i["summary"] for i in org["interactions"]] == ["Training dates"]
    assert org["assessments"] == []
    table = seeded_cli.ok("report", "person", "Cesar Guedes").stdout
    assert "open_follow_ups:" in table and "assessments:" in table


def test_xlsx_dates_are_dates_and_columns_fit_their_text(seeded_cli, tmp_path):
    """A reader sorts and filters the events by date, and reads names without widening columns."""
    import datetime as dt

    from openpyxl import load_workbook

    out = tmp_path / "campaign.xlsx"
    seeded_cli.ok("report", "campaign", "GLO.ACT", "-f", "xlsx", "-o", str(out))
    events = load_workbook(out)["Events"]
    date = events["A2"]
    assert date.value == dt.datetime(2017, 7, 19) and date.is_date
    assert date.number_format == "yyyy-mm-dd"
    assert events["D2"].value == 8
    widths = {k: d.width for k, d in events.column_dimensions.items()}
    assert widths["B"] >= len("GLO.ACT launch, Islamabad")
    assert widths["A"] >= len("2017-07-19")
    speakers = tmp_path / "speakers.xlsx"
    seeded_cli.ok("report", "speakers", "-f", "xlsx", "-o", str(speakers))
    sheet = load_workbook(speakers)["Speakers"]
    assert 40 <= sheet.column_dimensions["E"].width <= 80  # long statements wrap instead
    assert sheet["E2"].alignment.wrap_text


def test_pages_carry_the_groups_asked_for_with_by(seeded_cli, tmp_path):
    """`--by organization` counts the rows per organization on the page and in the workbook
    too, with the numbers of `-f json`, instead of being dropped silently."""
    from openpyxl import load_workbook

    groups = json.loads(seeded_cli.ok("report", "attendees", EVENT, "--by", "organization",
                                      "-f", "json").stdout)["groups"]
    page = _page(seeded_cli, "attendees", EVENT, "--by", "organization")
    heading = page.text.index("Attendees by organization")
    cells = page.text[heading + 3:heading + 3 + 2 * len(groups)]
    assert cells == [str(v) for g in groups for v in (g["organization"], g["count"])]
    out = tmp_path / "by.xlsx"
    seeded_cli.ok("report", "attendees", EVENT, "--by", "organization", "-f", "xlsx",
                  "-o", str(out))
    sheet = load_workbook(out)["Attendees by organization"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows == [("Organization", "Count"),
                    *((g["organization"], g["count"]) for g in groups)]


def test_pages_count_people_of_no_organization_under_a_label(seeded_cli, tmp_path):
    """The group and the sector bar of people who came for no organization read "(none)" on
    the page and in the workbook, not a blank cell or an unlabelled bar."""
    from openpyxl import load_workbook

    two_without_organization(seeded_cli)
    page = _page(seeded_cli, "attendees", EVENT, "--by", "organization")
    heading = page.text.index("Attendees by organization")
    assert page.text[heading + 3 + 2 * 7:heading + 3 + 2 * 8] == ["(none)", "2"]
    assert "(none)" in page.text[page.text.index("People who attended, by sector"):heading]
    out = tmp_path / "by.xlsx"
    seeded_cli.ok("report", "attendees", EVENT, "--by", "sector", "-f", "xlsx", "-o", str(out))
    workbook = load_workbook(out)
    assert list(workbook["Attendees by sector"].values)[-1] == ("(none)", 2)
    assert ("(none)", 1) in list(workbook["People by sector"].values)
    campaign = _page(seeded_cli, "campaign", "GLO.ACT")
    table = campaign.text[campaign.text.index("Attendance by sector"):]
    assert table[-3:] == ["(none)", "1", "1"]


def test_a_filtered_attendee_page_shows_the_speakers_among_those_listed(seeded_cli, tmp_path):
    """`--status invited` lists the invited: its page quotes the invited speakers, not
    everyone who spoke, and says under its title what it keeps; the workbook too."""
    from openpyxl import load_workbook

    seeded_cli.ok("person", "add", "Mr. Omar Baig")
    seeded_cli.ok("attendance", "add", EVENT, "Omar Baig", "--role", "speaker", "--status",
                  "invited", "--order", "9")
    page = _page(seeded_cli, "attendees", EVENT, "--status", "invited")
    assert page.text[2] == "2017-07-19, Islamabad — only status invited"
    speakers = page.text[page.text.index("Speakers"):page.text.index("Attendees", 3)]
    assert speakers == ["Speakers", "Mr. Omar Baig", "(GLO.ACT launch, Islamabad)"]
    out = tmp_path / "invited.xlsx"
    seeded_cli.ok("report", "attendees", EVENT, "--status", "Invited", "--role", "speaker",
                  "--status", "registered", "-f", "xlsx", "-o", str(out))
    workbook = load_workbook(out)
    assert workbook["Summary"]["A2"].value == ("2017-07-19, Islamabad — only status invited, "
                                               "registered; role speaker")
    assert [r[0] for r in workbook["Speakers"].iter_rows(min_row=2, values_only=True)] == [
        "Mr. Omar Baig"]
    assert "Speakers" not in _page(seeded_cli, "attendees", EVENT, "--role", "attendee").text
    everyone = _page(seeded_cli, "attendees", EVENT)
    assert everyone.text[2] == "2017-07-19, Islamabad"
    assert "Mr. Omar Baig" in everyone.text and "Mr. Cesar Guedes, UNODC Representative for " \
        "Pakistan" in everyone.text


def test_speakers_page_names_what_was_chosen(seeded_cli, tmp_path):
    """A speakers page handed on says whose speakers they are: the campaign, the event or
    the days chosen, in its title, heading and workbook summary (JSON keeps its keys)."""
    from openpyxl import load_workbook

    campaign = _page(seeded_cli, "speakers", "--campaign", "glo.act", "--from", "2017-01-01")
    title = ("Speakers: Global Action to Prevent and Address Trafficking in Persons and the "
             "Smuggling of Migrants (GLO.ACT)")
    assert campaign.text[:3] == [title, title, "from 2017-01-01"]  # <title>, <h1>, subtitle
    event = _page(seeded_cli, "speakers", "launch islamabad", "--to", "2017-12-31")
    assert event.text[:3] == ["Speakers: GLO.ACT launch, Islamabad"] * 2 + ["to 2017-12-31"]
    assert _page(seeded_cli, "speakers").text[:2] == ["Speakers", "Speakers"]
    out = tmp_path / "speakers.xlsx"
    seeded_cli.ok("report", "speakers", "--campaign", "GLO.ACT", "--from", "2017-01-01",
                  "--to", "2017-12-31", "-f", "xlsx", "-o", str(out))
    summary = load_workbook(out)["Summary"]
    assert (summary["A1"].value, summary["A2"].value) == (title, "2017-01-01 to 2017-12-31")
    keys = json.loads(seeded_cli.ok("report", "speakers", "--campaign", "GLO.ACT",
                                    "-f", "json").stdout)
    assert list(keys) == ["speakers"]


def test_speakers_page_of_a_campaign_narrowed_to_an_event_names_the_event(seeded_cli,
                                                                         tmp_path):
    """Chosen by campaign and event both, the page holds that event's speakers only: its
    title names the event beside the campaign, not the campaign alone (whose title would
    pass the page off as every speaker of the campaign)."""
    from openpyxl import load_workbook

    seeded_cli.ok("event", "add", "GLO.ACT review, Lahore", "--date", "2018-03-05",
                  "--campaign", "GLO.ACT")
    seeded_cli.ok("attendance", "add", "GLO.ACT review", "Cesar Guedes", "--role", "speaker")
    title = ("Speakers: Global Action to Prevent and Address Trafficking in Persons and the "
             "Smuggling of Migrants (GLO.ACT) — GLO.ACT review, Lahore")
    page = _page(seeded_cli, "speakers", "--campaign", "GLO.ACT", "--event", "review")
    assert page.text[:2] == [title, title]
    out = tmp_path / "speakers.xlsx"
    seeded_cli.ok("report", "speakers", "--campaign", "GLO.ACT", "review", "-f", "xlsx",
                  "-o", str(out))
    assert load_workbook(out)["Summary"]["A1"].value == title


def test_pages_date_a_one_day_campaign_or_choice_by_its_day(seeded_cli, tmp_path):
    """A campaign that starts and ends the same day, or speakers chosen from and to one day,
    are dated by that day, not "from it to it" (JSON keeps both keys)."""
    from openpyxl import load_workbook

    seeded_cli.ok("campaign", "add", "Day of Action", "--start", "2018-07-30",
                  "--end", "2018-07-30")
    assert _page(seeded_cli, "campaign", "Day of Action").text[2] == "2018-07-30"
    out = tmp_path / "day.xlsx"
    seeded_cli.ok("report", "campaign", "Day of Action", "-f", "xlsx", "-o", str(out))
    assert load_workbook(out)["Summary"]["A2"].value == "2018-07-30"
    speakers = _page(seeded_cli, "speakers", "--from", "2017-07-19", "--to", "2017-07-19")
    assert speakers.text[2] == "2017-07-19"
    keys = json.loads(seeded_cli.ok("report", "campaign", "Day of Action", "-f",
                                    "json").stdout)
    assert (keys["start_date"], keys["end_date"]) == ("2018-07-30", "2018-07-30")


def test_attendee_page_of_a_two_day_event_gives_both_days(seeded_cli, tmp_path):
    """A conference of two days is not dated by its first day alone on the page and in the
    workbook handed on (JSON keeps its keys)."""
    from openpyxl import load_workbook

    seeded_cli.ok("event", "add", "Safe Migration Conference", "--date", "2018-03-05",
                  "--end-date", "2018-03-06", "--city", "Lahore")
    seeded_cli.ok("attendance", "add", "Safe Migration Conference", "Cesar Guedes")
    page = _page(seeded_cli, "attendees", "Safe Migration Conference")
    assert page.text[2] == "2018-03-05 to 2018-03-06, Lahore"
    out = tmp_path / "conference.xlsx"
    seeded_cli.ok("report", "attendees", "Safe Migration Conference", "-f", "xlsx",
                  "-o", str(out))
    assert load_workbook(out)["Summary"]["A2"].value == "2018-03-05 to 2018-03-06, Lahore"
    keys = json.loads(seeded_cli.ok("report", "attendees", "Safe Migration Conference",
                                    "-f", "json").stdout)
    assert "end_date" not in keys
    assert _page(seeded_cli, "attendees", EVENT).text[2] == "2017-07-19, Islamabad"


def test_html_cells_in_urdu_run_right_to_left_and_long_words_wrap(seeded_cli):
    """Each cell and quote takes its direction from its own text (an Urdu name reads right to
    left inside a left-to-right page) and a long unbroken word (an address, a URL) wraps
    inside the A4 width instead of running past it."""
    seeded_cli.ok("person", "add", "بینظیر بھٹو")
    seeded_cli.ok("attendance", "add", EVENT, "بینظیر بھٹو")
    html = seeded_cli.ok("report", "attendees", EVENT, "-f", "html").stdout
    assert "<td>بینظیر بھٹو</td>" in html
    style = html[html.index("<style>"):html.index("</style>")]
    for selector in ("th, td {", ".speaker blockquote {"):
        rule = style[style.index(selector):]
        rule = rule[:rule.index("}")]
        assert "unicode-bidi: plaintext" in rule and "overflow-wrap: anywhere" in rule


def test_pages_name_the_role_of_someone_quoted_who_is_not_a_speaker(seeded_cli, tmp_path):
    """A moderator's welcome and a question from the floor are on the speakers page and the
    campaign page: with their role beside the name, so the director reading it does not take
    them for speakers; the workbook has a Role column."""
    from openpyxl import load_workbook

    seeded_cli.ok("person", "add", "Ms. Sana Mir", "--org", "UNODC", "--position",
                  "Communications Officer")
    seeded_cli.ok("attendance", "add", EVENT, "Sana Mir", "--role", "moderator",
                  "--quote", "Welcome, excellencies")
    for page in (_page(seeded_cli, "speakers", "--event", EVENT),
                 _page(seeded_cli, "campaign", "GLO.ACT")):
        at = page.text.index("Ms. Sana Mir, Communications Officer")
        assert page.text[at + 1:at + 3] == [
            ", moderator", "(United Nations Office on Drugs and Crime, GLO.ACT launch, Islamabad)"]
        guedes = page.text.index("Mr. Cesar Guedes, UNODC Representative for Pakistan")
        assert page.text[guedes + 1].startswith("(United Nations Office")  # a speaker as before
    out = tmp_path / "speakers.xlsx"
    seeded_cli.ok("report", "speakers", "-f", "xlsx", "-o", str(out))
    rows = list(load_workbook(out)["Speakers"].iter_rows(values_only=True))
    assert rows[0] == ("Speaker", "Role", "Organization", "Event", "Statement")
    assert rows[1][:2] == ("Mr. Cesar Guedes, UNODC Representative for Pakistan", "speaker")
    assert rows[-1] == ("Ms. Sana Mir, Communications Officer", "moderator",
                        "United Nations Office on Drugs and Crime", EVENT,
                        "“Welcome, excellencies”")


def test_a_workbook_opens_whatever_a_name_holds(seeded_cli, tmp_path):
    """U+FFFF, which XML cannot hold, is dropped from a name typed or imported (one recorded
    before may still hold it); the workbook would
    not open with it in."""
    from openpyxl import load_workbook

    seeded_cli.ok("person", "add", "Ms. Odd\uffffName Pasted", "--org", "UNODC")
    seeded_cli.ok("attendance", "add", EVENT, "Odd\uffffName Pasted", "--role", "speaker",
                  "--quote", "Read out\ufffe")
    for report in (("attendees", EVENT), ("speakers",), ("campaign", "GLO.ACT")):
        out = tmp_path / f"{report[0]}.xlsx"
        seeded_cli.ok("report", *report, "-f", "xlsx", "-o", str(out))
        cells = [c for ws in load_workbook(out) for row in ws.iter_rows(values_only=True)
                 for c in row if isinstance(c, str)]
        assert "Ms. OddName Pasted" in cells and "“Read out”" in cells


def test_the_engagement_tables_show_the_ids_to_act_on(seeded_cli):
    """`followup done ID` needs the follow-up's id: the person and organization reports show
    it, and the interaction each follow-up came from, as `followup list` does."""
    seeded_cli.ok("interaction", "add", "--person", "Cesar Guedes", "--org", "FIA",
                  "--kind", "call", "--date", "2017-08-02", "--summary", "Training dates",
                  "--follow-up", "Send dates", "--due", "2017-08-10", "--owner", "Amna")
    env = {"STAKEHOLDERS_TODAY": "2017-08-20"}
    for args in (("person", "Cesar Guedes"), ("organization", "FIA")):
        table = seeded_cli("report", *args, env=env).stdout
        interactions = table[table.index("interactions:"):].splitlines()
        assert interactions[1].split()[:3] == ["id", "date", "kind"]
        assert interactions[3].split()[:3] == ["1", "2017-08-02", "call"]
        follow_ups = table[table.index("open_follow_ups:"):].splitlines()
        assert follow_ups[1].split()[:2] == ["id", "due"] and "about" in follow_ups[1]
        assert follow_ups[3].split()[:4] == ["1", "2017-08-10", "overdue", "Amna"]
        assert "interaction #1: Training dates" in " ".join(
            " ".join(follow_ups[3:]).split())
        assert max(map(len, table.splitlines())) <= 100


@pytest.mark.parametrize("by", [(), ("--by", "role")])
def test_attendee_page_and_workbook_carry_the_speaking_order_the_text_report_shows(
        seeded_cli, tmp_path, by):
    """The text report lists each speaker's speaking order; the page and the workbook of the
    same report left the column out, so a programme could not be read from them."""
    text = seeded_cli.ok("report", "attendees", EVENT, *by).stdout
    assert "speaking" in text and "order" in text
    rows = json.loads(seeded_cli.ok("report", "attendees", EVENT, *by, "-f", "json")
                      .stdout)["attendees"]
    orders = [(r["person"], r["speaking_order"]) for r in rows]
    assert [n for _, n in orders if n is not None] == [1, 2, 3, 4, 5, 6, 7, 8]
    page = seeded_cli.ok("report", "attendees", EVENT, *by, "-f", "html").stdout
    table = page[page.index("<h2>Attendees</h2>"):]
    table = table[:table.index("</table>")]
    parsed = Collect()
    parsed.feed(table)
    assert "Speaking order" in parsed.text
    starts = [parsed.text.index(person) for person, _ in orders] + [len(parsed.text)]
    for (person, n), at, end in zip(orders, starts, starts[1:]):  # the row's last cell
        assert (parsed.text[end - 1] == str(n)) if n else str(n) not in parsed.text[at:end]
    out = tmp_path / "attendees.xlsx"
    seeded_cli.ok("report", "attendees", EVENT, *by, "-o", str(out))
    from openpyxl import load_workbook

    sheet = load_workbook(out)["Attendees"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header[-1] == "Speaking order"
    assert [(r[0], r[-1]) for r in sheet.iter_rows(min_row=2, values_only=True)] == orders
