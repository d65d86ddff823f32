"""Follow-ups: the overdue line falls at today (injected), done and reopen, filters."""

from __future__ import annotations

import datetime as dt

import pytest

from stakeholders.errors import Conflict, Invalid, NotFound
from stakeholders.services import followups, interactions, people
from stakeholders.services.affiliations import affiliate_or_correct
from stakeholders.services.interactions import FollowUpSpec

TODAY = dt.date(2017, 8, 16)


def _log(s, *specs: FollowUpSpec, person: str = "Cesar Guedes") -> int:
    return interactions.add_interaction(
        s, kind="meeting", date="2017-08-02", summary="Border training plan",
        people=[person], orgs=["FIA"], follow_ups=specs).id


@pytest.fixture
def three_due(seeded_url, session_factory):
    """Follow-ups due the day before, the day of, and the day after TODAY."""
    with session_factory(seeded_url) as s:
        _log(s, FollowUpSpec("yesterday", TODAY - dt.timedelta(days=1), "Amna"),
             FollowUpSpec("today", TODAY, "amna"),
             FollowUpSpec("tomorrow", TODAY + dt.timedelta(days=1), "Bilal"))
    return seeded_url


def _texts(url, session_factory, **kw) -> list[str]:
    with session_factory(url, write=False) as s:
        return [r["follow_up"] for r in followups.list_follow_ups(s, today=TODAY, **kw)]


def test_overdue_means_open_and_due_before_today(three_due, session_factory):
    assert _texts(three_due, session_factory, overdue=True) == ["yesterday"]
    with session_factory(three_due, write=False) as s:
        states = {r["follow_up"]: r["state"]
                  for r in followups.list_follow_ups(s, today=TODAY)}
    assert states == {"yesterday": "overdue", "today": "open", "tomorrow": "open"}


def test_tomorrow_everything_due_today_is_overdue(three_due, session_factory):
    with session_factory(three_due, write=False) as s:
        rows = followups.list_follow_ups(s, today=TODAY + dt.timedelta(days=1), overdue=True)
    assert [r["follow_up"] for r in rows] == ["yesterday", "today"]


def test_done_leaves_the_overdue_list_and_reopen_brings_it_back(three_due, session_factory):
    with session_factory(three_due) as s:
        done = followups.mark_done(s, 1, today=TODAY, note="sent")
        assert (done.done_on, done.done_note) == (TODAY, "sent")
    assert _texts(three_due, session_factory, overdue=True) == []
    assert _texts(three_due, session_factory, is_open=False) == ["yesterday"]
    assert _texts(three_due, session_factory, is_open=True) == ["today", "tomorrow"]
    with session_factory(three_due) as s:
        reopened = followups.reopen(s, 1)
        assert (reopened.done_on, reopened.done_note) == (None, None)
    assert _texts(three_due, session_factory, overdue=True) == ["yesterday"]


def test_done_twice_and_reopen_open_are_conflicts(three_due, session_factory):
    with session_factory(three_due) as s:
        followups.mark_done(s, 1, today=TODAY)
        with pytest.raises(Conflict, match="already done"):
            followups.mark_done(s, 1, today=TODAY)
        with pytest.raises(Conflict, match="already open"):
            followups.reopen(s, 2)
        with pytest.raises(NotFound, match="no follow-up matches '99'"):
            followups.mark_done(s, 99, today=TODAY)


def test_owner_is_matched_without_case_and_due_before_is_exclusive(three_due, session_factory):
    assert _texts(three_due, session_factory, owner="AMNA") == ["yesterday", "today"]
    assert _texts(three_due, session_factory, due_before=TODAY) == ["yesterday"]


def test_person_filter_keeps_follow_ups_of_their_interactions(three_due, session_factory):
    with session_factory(three_due) as s:
        _log(s, FollowUpSpec("other", TODAY, None), person="Muhammad Shifaque")
    assert _texts(three_due, session_factory, person="Muhammad Shifaque") == ["other"]
    assert _texts(three_due, session_factory, org="FIA") == [
        "yesterday", "today", "other", "tomorrow"]


def test_org_filter_keeps_follow_ups_of_meetings_with_its_people_at_the_time(
        seeded_url, session_factory):
    """As ``interaction list --org``: a meeting with someone then working there counts, once
    however many of its people (and the organization itself) it names."""
    with session_factory(seeded_url) as s:
        people.add_person(s, "Ms. Sarah Khan")
        affiliate_or_correct(s, "Sarah Khan", "UNODC", position="Programme Officer",
                             start="2017-08-01")
        for date, who, orgs, text in (
                ("2017-07-31", ["Sarah Khan"], [], "before she joined"),
                ("2017-08-02", ["Sarah Khan"], [], "with her"),
                ("2017-08-03", ["Sarah Khan", "Cesar Guedes"], ["UNODC", "FIA"], "with all")):
            interactions.add_interaction(
                s, kind="meeting", date=date, summary="Visa policy", people=who, orgs=orgs,
                follow_ups=[FollowUpSpec(text, TODAY)])
    assert _texts(seeded_url, session_factory, org="UNODC") == ["with her", "with all"]
    assert _texts(seeded_url, session_factory, org="FIA") == ["with all"]
    with session_factory(seeded_url) as s:
        followups.mark_done(s, 2, today=TODAY)
    assert _texts(seeded_url, session_factory, org="UNODC", is_open=True) == ["with all"]


def test_overdue_with_done_is_refused(three_due, session_factory):
    with session_factory(three_due, write=False) as s, pytest.raises(Invalid):
        followups.list_follow_ups(s, today=TODAY, overdue=True, is_open=False)


def test_event_follow_up_is_listed_about_the_event(seeded_url, session_factory):
    with session_factory(seeded_url) as s:
        followups.add_to_event(s, "GLO.ACT", FollowUpSpec("Send photos", "2017-07-26", "Amna"))
    with session_factory(seeded_url, write=False) as s:
        (row,) = followups.list_follow_ups(s, today=TODAY)
    assert row["about"].startswith("event: ")
    assert (row["state"], row["people"], row["organizations"]) == ("overdue", [], [])


@pytest.mark.parametrize("texts,dues,owners,message", [
    (["a", "b"], ["2017-01-01"], [], "one --due per --follow-up"),
    (["a", "b", "c"], ["2017-01-01"] * 3, ["x", "y"], "one --owner for all"),
])
def test_follow_up_options_must_pair(texts, dues, owners, message):
    with pytest.raises(Invalid, match=message):
        interactions.pair_follow_ups(texts, dues, owners)


def test_one_owner_applies_to_every_follow_up():
    specs = interactions.pair_follow_ups(["a", "b"], ["2017-01-01", "2017-01-02"], ["Amna"])
    assert [(s.text, s.due, s.owner) for s in specs] == [
        ("a", "2017-01-01", "Amna"), ("b", "2017-01-02", "Amna")]


def test_edit_changes_what_is_given_and_owner_follows_the_new_name(three_due, session_factory):
    with session_factory(three_due) as s:
        edited = followups.edit_follow_up(s, 3, due=TODAY - dt.timedelta(days=2),
                                          owner="Ámna")
        assert (edited.text, edited.owner) == ("tomorrow", "Ámna")
    assert _texts(three_due, session_factory, overdue=True) == ["tomorrow", "yesterday"]
    assert _texts(three_due, session_factory, owner="amna") == ["tomorrow", "yesterday",
                                                                 "today"]
    with session_factory(three_due) as s:
        followups.edit_follow_up(s, 3, owner=" ", text="day after")
    assert _texts(three_due, session_factory, owner="amna") == ["yesterday", "today"]


def test_remove_takes_only_that_follow_up(three_due, session_factory):
    with session_factory(three_due) as s:
        assert followups.remove_follow_up(s, 2) == f"#2 (due {TODAY})"
        with pytest.raises(NotFound):
            followups.remove_follow_up(s, 2)
    assert _texts(three_due, session_factory) == ["yesterday", "tomorrow"]
