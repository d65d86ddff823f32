"""stakeholders search TEXT: people, organizations, campaigns, events, statements,
interactions and follow-ups in one answer."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.cli.helpers import refused


def test_one_answer_across_kinds_in_json(seeded_cli):
    hits = json.loads(seeded_cli.ok("search", "glo.act", "-f", "json").stdout)
    assert [(h["kind"], h["id"]) for h in hits] == [
        ("campaign", 1), ("event", 1), ("statement", 2), ("statement", 8), ("statement", 9)]
    assert hits[0] == {"kind": "campaign", "id": 1, "name": "Global Action to Prevent and "
                       "Address Trafficking in Persons and the Smuggling of Migrants",
                       "detail": "GLO.ACT"}
    assert hits[1] == {"kind": "event", "id": 1, "name": "GLO.ACT launch, Islamabad",
                       "detail": "2017-07-19, launch, Islamabad, PK"}
    assert hits[2]["name"].startswith("there is a need to mobilize all the relevant")
    # the whole statement, as CSV and JSON carry every field whole (a table cuts a long one)
    assert hits[2]["name"].endswith("so that no one is left behind.")
    assert hits[2]["detail"] == "Cesar Guedes at GLO.ACT launch, Islamabad (2017-07-19)"


@pytest.mark.parametrize("text", ["jean-francois", "JEAN-FRANÇOIS", "Cautaín", "françois cau",
                                  "jean francois"])
def test_case_accents_and_hyphens_do_not_matter(seeded_cli, text):
    """A hyphen typed as a space, or a space as a hyphen, finds the name, as a reference
    does."""
    hits = json.loads(seeded_cli.ok("search", text, "-f", "json").stdout)
    assert [(h["kind"], h["id"], h["name"]) for h in hits] == [
        ("person", 6, "H.E. Mr. Jean-François Cautain")]
    listed = json.loads(seeded_cli.ok("person", "list", "--search", text, "-f", "json").stdout)
    assert [p["id"] for p in listed] == [6]



def test_a_space_searched_for_is_a_space_or_a_hyphen_and_nothing_else(seeded_cli):
    seeded_cli.ok("org", "add", "Coxop Foundation")
    seeded_cli.ok("org", "add", "Co-op Pakistan")
    hits = json.loads(seeded_cli.ok("search", "co op", "-f", "json").stdout)
    assert [h["name"] for h in hits] == ["Co-op Pakistan"]


def test_organizations_by_acronym_statements_by_text_people_by_email(seeded_cli):
    hits = json.loads(seeded_cli.ok("search", "unicef", "-f", "json").stdout)
    assert [(h["kind"], h["name"], h["detail"]) for h in hits] == [
        ("organization", "United Nations Children's Fund", "UNICEF, un-agency"),
        ("statement", "Presented the strengths of UNICEF's organizational mandate on children "
                      "protection.", "Sarah Coleman at GLO.ACT launch, Islamabad (2017-07-19)")]
    hits = json.loads(seeded_cli.ok("search", "gillani", "-f", "json").stdout)
    assert [(h["kind"], h["id"]) for h in hits] == [("person", 10)]


def test_table_and_csv_have_the_four_columns(seeded_cli):
    table = seeded_cli.ok("search", "islamabad").stdout.splitlines()
    assert table[0].split() == ["kind", "id", "name", "detail"]
    assert table[2].split()[:2] == ["event", "1"]
    rows = list(csv.reader(io.StringIO(seeded_cli.ok("search", "Hale", "-f", "csv").stdout)))
    assert rows == [["kind", "id", "name", "detail"],
                    ["person", "5", "H.E. Mr. David Hale", "Ambassador, Embassy of the United States"]]


def test_wildcards_are_plain_text(seeded_cli):
    assert seeded_cli.ok("search", "h%e").stdout == "(none)\n"
    assert seeded_cli.ok("search", "_ale", "-f", "csv").stdout == "kind,id,name,detail\n"


@pytest.mark.parametrize("text", ["-", "%", ".", "--", "@", "( )"])
def test_a_text_of_only_marks_is_refused_rather_than_finding_every_name(seeded_cli, text):
    """A hyphen reads as a space: "-" alone would find everyone with two words to a name."""
    refused(seeded_cli, "search", "--", text,
            message=f"the search text {text!r} has no letter or digit to look for")


def test_empty_text_is_refused(seeded_cli):
    refused(seeded_cli, "search", " ", code=2,
            message="Invalid value for 'TEXT': it is empty; give the text to look for "
                    "(see 'stakeholders search --help')")


def test_campaigns_by_name_or_acronym_with_their_dates(seeded_cli):
    seeded_cli.ok("campaign", "add", "Stop Child Marriage Sindh", "--acronym", "SCM",
                  "--start", "2026-01-15", "--end", "2026-06-30")
    hits = json.loads(seeded_cli.ok("search", "scm", "-f", "json").stdout)
    assert hits == [{"kind": "campaign", "id": 3, "name": "Stop Child Marriage Sindh",
                     "detail": "SCM, 2026-01-15 to 2026-06-30"}]
    hits = json.loads(seeded_cli.ok("search", "child marriage", "-f", "json").stdout)
    assert [(h["kind"], h["id"]) for h in hits] == [("campaign", 3)]


def _log_meetings(cli) -> None:
    cli.ok("interaction", "add", "--person", "Cesar Guedes", "--org", "UNICEF", "--kind",
           "meeting", "--date", "2017-08-02", "--summary", "Agreed the MoU draft with the "
           "Ministère de l'Intérieur", "--follow-up", "Send the signed MOU", "--due",
           "2017-08-16", "--owner", "Ayesha")
    cli.ok("interaction", "add", "--person", "Margaret Akullo", "--kind", "call",
           "--date", "2017-07-25", "--summary", "Thanked her for the launch")
    cli.ok("followup", "add", "--event", "1", "--follow-up", "Post the launch photos", "--due",
           "2017-07-30")


def test_interaction_summaries_and_follow_ups_are_searched(seeded_cli):
    """What was agreed at a meeting and what was promised: "mou" finds both, whatever their
    case; accents do not matter; an event's follow-up names the event."""
    _log_meetings(seeded_cli)
    hits = json.loads(seeded_cli.ok("search", "mou", "-f", "json").stdout)
    assert hits == [
        {"kind": "interaction", "id": 1,
         "name": "Agreed the MoU draft with the Ministère de l'Intérieur",
         "detail": "meeting, 2017-08-02, with Cesar Guedes, United Nations Children's Fund"},
        {"kind": "follow-up", "id": 1, "name": "Send the signed MOU",
         "detail": "due 2017-08-16, open, owner Ayesha, with Cesar Guedes, "
                   "United Nations Children's Fund"},
    ]
    assert [(h["kind"], h["id"]) for h in json.loads(
        seeded_cli.ok("search", "MINISTERE DE L'INTERIEUR", "-f", "json").stdout)] == [
        ("interaction", 1)]
    hits = json.loads(seeded_cli.ok("search", "photos", "-f", "json").stdout)
    assert hits == [{"kind": "follow-up", "id": 2, "name": "Post the launch photos",
                     "detail": "due 2017-07-30, open, at GLO.ACT launch, Islamabad"}]
    seeded_cli.ok("followup", "done", "2")
    assert json.loads(seeded_cli.ok("search", "photos", "-f", "json").stdout)[0][
        "detail"].startswith("due 2017-07-30, done ")


def test_an_edited_summary_is_found_by_its_new_words_only(seeded_cli):
    _log_meetings(seeded_cli)
    seeded_cli.ok("interaction", "edit", "2", "--summary", "Invited her to the Karachi dialogue")
    seeded_cli.ok("followup", "edit", "1", "--follow-up", "Send the signed agreement")
    assert seeded_cli.ok("search", "thanked").stdout == "(none)\n"
    assert [(h["kind"], h["id"]) for h in json.loads(
        seeded_cli.ok("search", "karachi", "-f", "json").stdout)] == [("interaction", 2)]
    assert [(h["kind"], h["id"]) for h in json.loads(
        seeded_cli.ok("search", "signed", "-f", "json").stdout)] == [("follow-up", 1)]


@pytest.mark.parametrize("written", ["+92 300 1234567", "0300-1234567", "(0300) 123 4567",
                                     "0092 300 1234567", "300 1234567", "+923001234567"])
def test_a_phone_number_is_found_however_it_is_written(seeded_cli, written):
    """Phones are stored as +923001234567; an officer types the number off a business card
    or a missed call, with spaces, dashes or the national 0."""
    seeded_cli.ok("person", "edit", "Shahida Gilani", "--phone", "+92 300 1234567")
    hits = json.loads(seeded_cli.ok("search", written, "-f", "json").stdout)
    assert [(h["kind"], h["id"]) for h in hits] == [("person", 10)]


def test_another_number_or_a_few_digits_find_no_phone(seeded_cli):
    seeded_cli.ok("person", "edit", "Shahida Gilani", "--phone", "+92 300 1234567")
    assert seeded_cli.ok("search", "0300 7654321").stdout == "(none)\n"
    assert seeded_cli.ok("search", "0-3").stdout == "(none)\n"


@pytest.mark.parametrize("text", ["Adamson Margaret", "Adamson, Margaret", "ADAMSON margaret",
                                  "margaret adamson", "Adam Marg"])
def test_every_word_is_found_in_any_order(seeded_cli, text):
    """A name typed family name first, with or without its comma, finds the person, as does
    the start of each word."""
    hits = json.loads(seeded_cli.ok("search", text, "-f", "json").stdout)
    assert [(h["kind"], h["id"]) for h in hits] == [("person", 3)]
    listed = json.loads(seeded_cli.ok("person", "list", "--search", text, "-f", "json").stdout)
    assert [p["id"] for p in listed] == [3]


def test_each_word_must_be_there(seeded_cli):
    assert seeded_cli.ok("search", "Adamson Akullo").stdout == "(none)\n"
    assert seeded_cli.ok("search", "Margaret Pakistan").stdout == "(none)\n"
    hits = json.loads(seeded_cli.ok("search", "islamabad launch", "-f", "json").stdout)
    assert [(h["kind"], h["id"]) for h in hits] == [("event", 1)]


def test_words_are_found_at_the_start_of_a_word(seeded_cli):
    """Inside a word, only the text as typed is found: "argaret" is in Margaret, but
    "adamson argaret" is not a name of hers."""
    assert [(h["kind"], h["id"]) for h in json.loads(
        seeded_cli.ok("search", "argaret adam", "-f", "json").stdout)] == [("person", 3)]
    assert seeded_cli.ok("search", "adamson argaret").stdout == "(none)\n"


def test_organizations_by_the_words_of_their_name(seeded_cli):
    hits = json.loads(seeded_cli.ok("search", "fund children's", "-f", "json").stdout)
    assert [(h["kind"], h["name"]) for h in hits] == [
        ("organization", "United Nations Children's Fund")]
    listed = json.loads(seeded_cli.ok("org", "list", "--search", "fund childrens", "-f",
                                      "json").stdout)
    assert [o["name"] for o in listed] == ["United Nations Children's Fund"]


@pytest.mark.parametrize("text", ["GLOACT", "GLO ACT", "glo-act", "G.L.O.A.C.T."])
def test_an_acronym_is_found_without_its_full_stops(seeded_cli, text):
    """GLO.ACT typed without its full stop, or with a space or a hyphen instead, finds the
    campaign; the launch and what was said of GLO.ACT there too."""
    hits = json.loads(seeded_cli.ok("search", text, "-f", "json").stdout)
    found = [(h["kind"], h["id"]) for h in hits]
    assert found[0] == ("campaign", 1)
    if text != "G.L.O.A.C.T.":  # letter by letter, only the acronym itself compares
        assert found[1:] == [("event", 1), ("statement", 2), ("statement", 8),
                             ("statement", 9)]
