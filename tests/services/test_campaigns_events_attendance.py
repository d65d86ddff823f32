"""The services behind ``campaign``, ``event`` and ``attendance``: fixed statement counts,
one order on every database, and removals that take what depends on them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from stakeholders.errors import Conflict, Invalid
from stakeholders.models import Attendance, EventCampaign, Statement
from stakeholders.services import attendance, campaigns, events, people

from tests.services.helpers import counting

LAUNCH = "GLO.ACT launch, Islamabad"


def statements_per_call(session_factory, url: str) -> dict[str, int]:
    calls = {
        "campaign list": lambda s: campaigns.list_campaigns(s),
        "campaign show": lambda s: campaigns.campaign_detail(s, "GLO.ACT"),
        "event list": lambda s: events.list_events(s),
        "event show": lambda s: events.event_detail(s, LAUNCH),
        "attendance list": lambda s: attendance.list_attendance(s, LAUNCH),
    }
    counts = {}
    for name, call in calls.items():
        with session_factory(url, write=False) as s:
            with counting(s) as sent:
                call(s)
        counts[name] = len(sent)
    return counts


def grow(session_factory, url: str, n: int) -> None:
    """``n`` more events of GLO.ACT, each with ``n`` new people attending; ``n`` more
    campaigns with a partner each."""
    with session_factory(url) as s:
        for i in range(n):
            ev = events.add_event(s, f"Workshop {i}", date=dt.date(2018, 1, 1 + i),
                                  campaigns=["GLO.ACT"], sectors_present=["media"])
            for j in range(n):
                p = people.add_person(s, f"Person {i}-{j}", org="UNODC", position="Officer")
                attendance.add_attendance(s, ev, p, quotes=["Hello."])
            campaigns.add_partner(s, campaigns.add_campaign(s, f"Campaign {i}"),
                                  campaigns.refs.organization(s, "IOM"), "funder")
        launch = events.refs.event(s, LAUNCH)
        for j in range(n):
            attendance.add_attendance(s, launch, people.add_person(s, f"Guest {j}"))


def test_lists_and_shows_run_a_fixed_number_of_statements(seeded_url, session_factory):
    small = statements_per_call(session_factory, seeded_url)
    grow(session_factory, seeded_url, 6)
    assert statements_per_call(session_factory, seeded_url) == small
    assert max(small.values()) <= 6


def test_attendance_orders_speakers_then_family_names(db_url, session_factory):
    with session_factory(db_url) as s:
        ev = events.add_event(s, "Round table", date="2019-05-02")
        for name, order in (("Zoë Adams", None), ("Anna van Beek", None), ("Émile Zola", 2),
                            ("Bob Young", 1), ("Ann Émond", None), ("Cher", None)):
            attendance.add_attendance(s, ev, people.add_person(s, name), order=order)
    with session_factory(db_url, write=False) as s:
        names = [r["person"] for r in attendance.list_attendance(s, "round table")]
    # the family name keeps its particle: "van Beek" sorts under v
    assert names == ["Bob Young", "Émile Zola", "Zoë Adams", "Cher", "Ann Émond",
                     "Anna van Beek"]


def test_campaign_list_orders_names_ignoring_case_and_accents(db_url, session_factory):
    with session_factory(db_url) as s:
        for name in ("éducation pour tous", "Zero hunger", "Awareness - phase 2",
                     "Awareness phase 1"):
            campaigns.add_campaign(s, name)
    with session_factory(db_url, write=False) as s:
        names = [c["name"] for c in campaigns.list_campaigns(s)]
    assert names == ["Awareness - phase 2", "Awareness phase 1", "éducation pour tous",
                     "Zero hunger"]


def test_removing_an_event_takes_attendances_statements_and_links(seeded_url, session_factory):
    asked: list[str] = []
    with session_factory(seeded_url) as s:
        removed = events.remove_event(s, LAUNCH, asked.append)
    assert removed == f"#1 {LAUNCH}, with 8 attendances and 12 statements"
    assert asked == [f"Removing {LAUNCH} (#1) also removes 8 attendances and 12 statements."]
    with session_factory(seeded_url, write=False) as s:
        for model in (Attendance, Statement, EventCampaign):
            assert s.scalar(select(func.count()).select_from(model)) == 0
        assert len(campaigns.list_campaigns(s)) == 2


def test_a_refused_removal_changes_nothing(seeded_url, session_factory, db_dump):
    before = db_dump(seeded_url)

    def refuse(question: str) -> None:
        raise Conflict("cancelled; nothing was changed")

    with pytest.raises(Conflict):
        with session_factory(seeded_url) as s:
            campaigns.remove_campaign(s, "GLO.ACT", refuse)
    assert db_dump(seeded_url) == before


def test_dates_are_checked_together_on_edit(seeded_url, session_factory):
    with pytest.raises(Invalid, match="before the start date 2017-07-19"):
        with session_factory(seeded_url) as s:
            events.edit_event(s, LAUNCH, end_date="2017-07-18")
    with session_factory(seeded_url) as s:
        ev = events.edit_event(s, LAUNCH, date="2017-07-18", end_date="2017-07-19").event
        assert (ev.start_date, ev.end_date) == (dt.date(2017, 7, 18), dt.date(2017, 7, 19))
