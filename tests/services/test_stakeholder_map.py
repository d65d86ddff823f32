"""Assessments keep their history, the latest counts, and the map's boundaries sit at 3."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from stakeholders.errors import Invalid
from stakeholders.services import assessments
from stakeholders.services.stakeholder_map import (
    KEEP_INFORMED,
    KEEP_SATISFIED,
    MANAGE_CLOSELY,
    MONITOR,
    quadrant,
    stakeholder_map,
)


@pytest.mark.parametrize("influence,interest,expected", [
    (3, 3, MANAGE_CLOSELY), (5, 5, MANAGE_CLOSELY),
    (3, 2, KEEP_SATISFIED), (5, 1, KEEP_SATISFIED),
    (2, 3, KEEP_INFORMED), (1, 5, KEEP_INFORMED),
    (2, 2, MONITOR), (1, 1, MONITOR),
])
def test_three_is_high_two_is_low(influence, interest, expected):
    assert quadrant(influence, interest) == expected


def _assess(s, **kw):
    base = dict(campaign="GLO.ACT", influence=3, interest=3, on="2017-08-01")
    return assessments.assess(s, **{**base, **kw})


def test_latest_assessment_counts_and_history_is_kept(seeded_url, session_factory):
    with session_factory(seeded_url) as s:
        _assess(s, person="Cesar Guedes", influence=2, interest=2, on="2017-09-01")
        _assess(s, person="Cesar Guedes", influence=5, interest=4, on="2017-07-01",
                stance="supportive")  # entered later, but older: does not count
        _assess(s, org="FIA", influence=4, interest=2, stance="Opposed", note="<b>busy</b>")
        person_id = s.scalar(text(
            "SELECT person_id FROM assessments WHERE id = 1"))
    with session_factory(seeded_url, write=False) as s:
        result = stakeholder_map(s, "glo.act")
        hist = assessments.history(s, person_id=person_id)
    assert result["campaign"].startswith("Global Action")
    assert [(r["quadrant"], r["name"], r["kind"], r["stance"]) for r in result["stakeholders"]] \
        == [(KEEP_SATISFIED, "Federal Investigation Agency", "organization", "opposed"),
            (MONITOR, "Cesar Guedes", "person", "unknown")]
    assert [(str(h["assessed_on"]), h["current"]) for h in hist] == [
        ("2017-09-01", True), ("2017-07-01", False)]


def test_latest_is_per_campaign(seeded_url, session_factory):
    with session_factory(seeded_url) as s:
        _assess(s, person="Cesar Guedes", influence=5, interest=5)
        campaigns = s.execute(text(
            "SELECT acronym, name FROM campaigns ORDER BY id")).all()
        other = next(name for acronym, name in campaigns if acronym != "GLO.ACT")
        _assess(s, person="Cesar Guedes", campaign=other, influence=1, interest=1,
                on="2017-10-01")
    with session_factory(seeded_url, write=False) as s:
        (row,) = stakeholder_map(s, "GLO.ACT")["stakeholders"]
    assert row["quadrant"] == MANAGE_CLOSELY


@pytest.mark.parametrize("kw,message", [
    (dict(person="Cesar Guedes", influence=0), "influence must be between 1 and 5, not 0"),
    (dict(person="Cesar Guedes", interest=6), "interest must be between 1 and 5, not 6"),
    (dict(), "assess either a PERSON or an --org"),
    (dict(person="Cesar Guedes", org="FIA"), "assess either a PERSON or an --org"),
    (dict(person="Cesar Guedes", stance="hostile"), "choose one of: supportive, neutral"),
])
def test_invalid_assessments(seeded_url, session_factory, kw, message):
    with session_factory(seeded_url) as s, pytest.raises(Invalid, match=message):
        _assess(s, **kw)
