"""HTML and XLSX reports from the report mappings: header, counts, every attendee, speakers
with statements, hostile names shown as text, formulas kept as text."""

from __future__ import annotations

import datetime as dt
import io
from html.parser import HTMLParser

import pytest

from stakeholders.io import html_report, xlsx_report
from stakeholders.io.report_document import document

HOSTILE = '<script>alert(1)</script>'
HOSTILE_ATTR = '"><img src=x onerror=alert(2)>'
FORMULA = "=HYPERLINK(\"http://x\",\"y\")"


def _attendee(person, org, sector, role="attendee"):
    return {"person_id": 1, "person": person, "honorific": None, "title": None,
            "organization": org, "position": None, "sector": sector, "role": role,
            "status": "attended", "on_behalf_of": None, "speaking_order": None}


ATTENDEES = {
    "event_id": 1, "event": "Launch <Islamabad>", "date": dt.date(2017, 7, 19),
    "city": "Islamabad",
    "attendees": [_attendee("Mr. Cesar Guedes", "UNODC", "un-agency", "speaker"),
                  _attendee(HOSTILE, HOSTILE_ATTR, "ngo"),
                  _attendee(FORMULA, None, None)],
    "total": 3,
    "attended_by_sector": {"none": 1, "ngo": 1, "un-agency": 1},
    "speakers": [{"event_id": 1, "event": "Launch <Islamabad>", "speaker": "Mr. Cesar Guedes",
                  "organization": "UNODC", "statements": ["“We <will> act.”", "Summary two"]}],
}


class Collect(HTMLParser):
    """Every element name and every piece of text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        self.in_style = False

    def handle_data(self, data):
        if not self.in_style and data.strip():
            self.text.append(data.strip())


def _parse(page: str) -> Collect:
    parser = Collect()
    parser.feed(page)
    return parser


def test_html_has_header_counts_chart_speakers_and_every_attendee():
    page = html_report.render(document("attendees", ATTENDEES))
    parsed = _parse(page)
    assert parsed.text[0] == "Attendees: Launch <Islamabad>"  # <title>
    assert "Attendees: Launch <Islamabad>" in parsed.text[1:]  # <h1>
    assert "2017-07-19, Islamabad" in parsed.text
    assert ["3", "Total recorded", "3", "Attended"] == parsed.text[3:7]
    for a in ATTENDEES["attendees"]:
        assert a["person"] in parsed.text
    assert "“We <will> act.”" in parsed.text and "Summary two" in parsed.text
    assert parsed.tags.count("rect") == 3 and "svg" in parsed.tags
    assert "@page { size: A4" in page and "@media print" in page


def test_html_shows_hostile_values_as_text():
    page = html_report.render(document("attendees", ATTENDEES))
    parsed = _parse(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert HOSTILE in parsed.text and HOSTILE_ATTR in parsed.text
    assert "&lt;script&gt;" in page


def test_html_is_self_contained():
    page = html_report.render(document("attendees", ATTENDEES))
    parsed = _parse(page)
    assert not {"link", "script", "img", "iframe", "object"} & set(parsed.tags)
    assert not {name for name, _ in parsed.attrs} & {"src", "href"}
    assert "@import" not in page and "url(" not in page


def test_campaign_and_speakers_documents():
    campaign = {
        "campaign_id": 1, "campaign": "Global <Action>", "acronym": "GLO.ACT",
        "start_date": dt.date(2017, 7, 1), "end_date": None,
        "partners": [{"role": "funder", "organization": "EU", "sector": "donor"}],
        "events": [{"event_id": 1, "date": dt.date(2017, 7, 19), "event": "Launch",
                    "city": "Islamabad", "attended": 8}],
        "speakers": [], "attendance_by_sector": [
            {"sector": "un-agency", "attendances": 4, "people": 4}],
        "people_reached": 8,
    }
    parsed = _parse(html_report.render(document("campaign", campaign)))
    assert "Campaign: Global <Action> (GLO.ACT)" in parsed.text
    assert ["8", "People reached", "1", "Event"] == parsed.text[3:7]
    speakers = _parse(html_report.render(document("speakers", ATTENDEES)))
    assert "Mr. Cesar Guedes" in speakers.text and "“We <will> act.”" in speakers.text


def test_headline_counts_agree_with_their_labels_and_count_people_once():
    # One person who spoke at two events is one speaker; one person reached is a person.
    said = {"person_id": 1, "person": "Mr. Cesar Guedes", "speaker": "Mr. Cesar Guedes",
            "organization": "UNODC", "statements": []}
    speakers = {"speakers": [{**said, "event_id": 1, "event": "Launch"},
                             {**said, "event_id": 2, "event": "Review"}]}
    # the events counted are those at which someone spoke, which the title may not all be
    assert document("speakers", speakers).facts == [("Speaker", 1),
                                                    ("Events with speakers", 2)]
    parsed = _parse(html_report.render(document("speakers", speakers)))
    assert ["1", "Speaker", "2", "Events with speakers"] == parsed.text[2:6]
    # a moderator's welcome and a question from the floor are listed, not counted speakers
    speakers["speakers"] += [{**said, "person_id": 2, "role": "moderator", "event_id": 1},
                             {**said, "person_id": 3, "role": "attendee", "event_id": 1}]
    assert document("speakers", speakers).facts == [
        ("Speaker", 1), ("Also quoted", 2), ("Events with speakers", 2)]
    campaign = {"campaign": "Blue Heart", "acronym": None, "people_reached": 1,
                "events": [{"event_id": 1, "date": dt.date(2017, 9, 12), "event": "Briefing",
                            "city": None, "attended": 1}]}
    assert document("campaign", campaign).facts == [("Person reached", 1), ("Event", 1)]


def test_the_sector_chart_puts_the_people_of_no_sector_last_however_many_they_are():
    # Walk-ins of no organization outnumber everyone else: the chart and the workbook still
    # list them last, as the tables do, and the sectors by how many came.
    attendees = {**ATTENDEES, "attended_by_sector": {"ngo": 1, "un-agency": 2, "none": 3}}
    campaign = {"campaign": "Blue Heart", "acronym": None, "people_reached": 8, "events": [],
                "attendance_by_sector": [
                    {"sector": "academia", "attendances": 1, "people": 1},
                    {"sector": "government", "attendances": 4, "people": 4},
                    {"sector": "none", "attendances": 3, "people": 3}]}
    assert document("attendees", attendees).by_sector == [
        ("un-agency", 2), ("ngo", 1), ("(none)", 3)]
    assert document("campaign", campaign).by_sector == [
        ("government", 4), ("academia", 1), ("(none)", 3)]
    chart = _parse(html_report.render(document("attendees", attendees))).text
    assert chart.index("un-agency") < chart.index("ngo") < chart.index("(none)")


def test_a_campaign_page_says_from_or_to_when_it_has_one_date_only():
    # A campaign begun on 1 September and still running is not a one-day campaign.
    running = {"campaign": "Blue Heart", "acronym": "BHC", "start_date": dt.date(2017, 9, 1),
               "end_date": None, "people_reached": 0, "events": []}
    assert document("campaign", running).subtitle == "from 2017-09-01"
    ending = {**running, "start_date": None, "end_date": dt.date(2021, 12, 31)}
    assert document("campaign", ending).subtitle == "to 2021-12-31"
    both = {**running, "end_date": dt.date(2021, 12, 31)}
    assert document("campaign", both).subtitle == "2017-09-01 to 2021-12-31"
    parsed = _parse(html_report.render(document("campaign", running)))
    assert parsed.text[2] == "from 2017-09-01"


def test_speakers_workbook_names_each_sheet_once():
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(xlsx_report.render(document("speakers", ATTENDEES))))
    assert wb.sheetnames == ["Summary", "Speakers", "Speaking order"]


def test_xlsx_has_one_sheet_per_section_and_keeps_formulas_as_text():
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(xlsx_report.render(document("attendees", ATTENDEES))))
    assert wb.sheetnames == ["Summary", "People by sector", "Speakers", "Attendees"]
    assert wb["Summary"]["A1"].value == "Attendees: Launch <Islamabad>"
    attendees = [row[0] for row in wb["Attendees"].iter_rows(min_row=2, values_only=True)]
    assert attendees == ["Mr. Cesar Guedes", HOSTILE, FORMULA]
    cell = wb["Attendees"]["A4"]
    assert cell.data_type == "s" and cell.value == FORMULA
    statements = [r[4] for r in wb["Speakers"].iter_rows(min_row=2, values_only=True)]
    assert statements == ["“We <will> act.”", "Summary two"]
    assert [r for r in wb["People by sector"].iter_rows(min_row=2, values_only=True)] == [
        ("ngo", 1), ("un-agency", 1), ("(none)", 1)]


@pytest.mark.parametrize("title,taken,expected", [
    ("Attendees", [], "Attendees"),
    ("A/B: [x]?", [], "A B   x  "),
    ("Speakers", ["Speakers"], "Speakers 2"),
    ("x" * 40, [], "x" * 31),
])
def test_sheet_names_are_valid(title, taken, expected):
    assert xlsx_report.sheet_name(title, taken) == expected
