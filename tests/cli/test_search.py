"""stakeholders search TEXT: people, organizations, events and statements in one answer."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.cli.helpers import refused


def test_one_answer_across_kinds_in_json(seeded_cli):
    hits = json.loads(seeded_cli.ok("search", "glo.act", "-f", "json").stdout)
    assert [(h["kind"], h["id"]) for h in hits] == [
        ("event", 1), ("statement", 2), ("statement", 8), ("statement", 9)]
    assert hits[0] == {"kind": "event", "id": 1, "name": "GLO.ACT launch, Islamabad",
                       "detail": "2017-07-19, launch, Islamabad, PK"}
    assert hits[1]["name"].startswith("there is a need to mobilize all the relevant")
    assert hits[1]["name"].endswith("…") and len(hits[1]["name"]) == 80
    assert hits[1]["detail"] == "Cesar Guedes at GLO.ACT launch, Islamabad (2017-07-19)"


@pytest.mark.parametrize("text", ["jean-francois", "JEAN-FRANÇOIS", "Cautaín", "françois cau"])
def test_case_and_accents_do_not_matter(seeded_cli, text):
    hits = json.loads(seeded_cli.ok("search", text, "-f", "json").stdout)
    assert [(h["kind"], h["id"], h["name"]) for h in hits] == [
        ("person", 6, "H.E. Mr. Jean-François Cautain")]


def test_organizations_by_acronym_statements_by_text_people_by_email(seeded_cli):
    hits = json.loads(seeded_cli.ok("search", "unicef", "-f", "json").stdout)
    assert [(h["kind"], h["name"], h["detail"]) for h in hits] == [
        ("organization", "United Nations Children's Fund", "UNICEF, un-agency"),
        ("statement", "Presented the strengths of UNICEF's organizational mandate on children "
                      "protecti…", "Sarah Coleman at GLO.ACT launch, Islamabad (2017-07-19)")]
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
    assert seeded_cli.ok("search", "%").stdout == "(none)\n"
    assert seeded_cli.ok("search", "_", "-f", "csv").stdout == "kind,id,name,detail\n"


def test_empty_text_is_refused(seeded_cli):
    refused(seeded_cli, "search", " ", message="search text is empty")
