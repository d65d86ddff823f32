"""Interactions: several people and organizations each, filters, and a fixed statement count."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from stakeholders.errors import Invalid, NotFound
from stakeholders.services import interactions, people
from stakeholders.services.affiliations import affiliate_or_correct


def _add(s, **kw):
    base = dict(kind="meeting", date="2017-08-02", summary="Border training plan")
    return interactions.add_interaction(s, **{**base, **kw})


def test_interaction_lists_its_people_organizations_and_open_follow_ups(
        seeded_url, session_factory):
    with session_factory(seeded_url) as s:
        _add(s, people=["Cesar Guedes", "Mr. Cesar Guedes"], orgs=["FIA", "UNODC"],
             campaign="GLO.ACT",
             follow_ups=[interactions.FollowUpSpec("Send MoU", "2017-08-16", "Amna")])
    with session_factory(seeded_url, write=False) as s:
        (row,) = interactions.list_interactions(s)
    assert row["people"] == ["Cesar Guedes"]  # the same person twice counts once
    assert row["organizations"] == ["Federal Investigation Agency",
                                    "United Nations Office on Drugs and Crime"]
    assert row["open_follow_ups"] == 1
    assert row["campaign"].startswith("Global Action")


def test_filters_by_person_org_campaign_and_since(seeded_url, session_factory):
    with session_factory(seeded_url) as s:
        _add(s, people=["Cesar Guedes"], date="2017-07-01", summary="first")
        _add(s, orgs=["FIA"], event="GLO.ACT", summary="second")
        _add(s, orgs=["EU"], kind="letter", summary="third", date="2017-09-01")

    def summaries(**kw):
        with session_factory(seeded_url, write=False) as s:
            return [r["summary"] for r in interactions.list_interactions(s, **kw)]

    assert summaries() == ["third", "second", "first"]
    assert summaries(person="cesar guedes") == ["first"]
    assert summaries(org="Federal Investigation Agency") == ["second"]
    assert summaries(campaign="GLO.ACT") == ["second"]  # through its event
    assert summaries(since="2017-08-02") == ["third", "second"]


def test_listing_takes_a_fixed_number_of_statements(seeded_url, session_factory):
    with session_factory(seeded_url) as s:
        for i in range(20):
            _add(s, people=["Cesar Guedes"], orgs=["FIA"], summary=f"meeting {i}",
                 follow_ups=[interactions.FollowUpSpec("x", "2017-09-01")])
    statements = []
    with session_factory(seeded_url, write=False) as s:
        event.listen(s.get_bind(), "before_cursor_execute",
                     lambda *a: statements.append(a[2]))
        rows = interactions.list_interactions(s)
    assert len(rows) == 20
    assert len([q for q in statements if q.lstrip().upper().startswith("SELECT")]) <= 4


def test_needs_someone_and_valid_values(seeded_url, session_factory):
    with session_factory(seeded_url) as s:
        with pytest.raises(Invalid, match="at least one --person or --org"):
            _add(s)
        with pytest.raises(Invalid, match="choose one of: meeting, call, email, letter"):
            _add(s, people=["Cesar Guedes"], kind="lunch")
        with pytest.raises(NotFound):
            _add(s, people=["Nobody Atall"])


def test_edit_takes_off_then_adds_and_keeps_someone(seeded_url, session_factory):
    with session_factory(seeded_url) as s:
        ident = _add(s, people=["Cesar Guedes"], orgs=["FIA"]).id
    with session_factory(seeded_url) as s:
        # taken off and named again: it stays, once
        interactions.edit_interaction(s, ident, remove_people=["Cesar Guedes"],
                                      people=["Cesar Guedes", "Margaret Akullo"])
    with pytest.raises(Invalid, match="would leave interaction #1 with no one"):
        with session_factory(seeded_url) as s:  # refused: the transaction is rolled back
            interactions.edit_interaction(s, ident, remove_orgs=["FIA"],
                                          remove_people=["Cesar Guedes", "Margaret Akullo"])
    with session_factory(seeded_url, write=False) as s:
        (row,) = interactions.list_interactions(s)
    assert (row["people"], row["organizations"]) == (
        ["Cesar Guedes", "Margaret Akullo"], ["Federal Investigation Agency"])


def test_an_interaction_left_with_no_one_by_a_removal_may_still_be_corrected(
        seeded_url, session_factory):
    """Removing a person keeps their interactions, without them; correcting the summary of one
    left with no one is no fault of the edit."""
    from stakeholders.services.people import remove_person

    with session_factory(seeded_url) as s:
        ident = _add(s, people=["Junaid Khan"]).id
        remove_person(s, "Junaid Khan", confirm=lambda question: None)
    with session_factory(seeded_url) as s:
        interactions.edit_interaction(s, ident, summary="Visa policy")
    with session_factory(seeded_url, write=False) as s:
        (row,) = interactions.list_interactions(s)
    assert (row["summary"], row["people"], row["organizations"]) == ("Visa policy", [], [])


def test_remove_asks_only_when_follow_ups_go_with_it(seeded_url, session_factory):
    asked: list[str] = []
    with session_factory(seeded_url) as s:
        bare = _add(s, people=["Cesar Guedes"]).id
        promised = _add(s, orgs=["FIA"], follow_ups=[
            interactions.FollowUpSpec("Send MoU", "2017-08-16")]).id
    with session_factory(seeded_url) as s:
        assert interactions.remove_interaction(s, bare, asked.append) == (
            "#1 (meeting, 2017-08-02)")
        assert asked == []
        assert interactions.remove_interaction(s, promised, asked.append) == (
            "#2 (meeting, 2017-08-02), with 1 follow-up")
        assert asked == ["Removing interaction #2 (meeting, 2017-08-02) also removes "
                         "1 follow-up."]
        with pytest.raises(NotFound, match="no interaction matches '2'"):
            interactions.remove_interaction(s, promised, asked.append)


def _join_unodc(s, name: str = "Ms. Sarah Khan", start="2017-01-01", end="2019-12-31"):
    """A UNODC programme officer from ``start`` to ``end``."""
    people.add_person(s, name)
    affiliate_or_correct(s, name, "UNODC", position="Programme Officer", start=start, end=end)


def test_an_organization_s_interactions_include_those_with_its_people_at_the_time(
        seeded_url, session_factory):
    """A meeting with someone counts for the organization where they held a post on its date
    (the first and last days included), not for one they had not joined yet or had left."""
    with session_factory(seeded_url) as s:
        _join_unodc(s)
        affiliate_or_correct(s, "Sarah Khan", "IOM", position="Migration Officer",
                             start="2020-01-01")
        _add(s, people=["Sarah Khan"], date="2016-12-31", summary="before she joined")
        _add(s, people=["Sarah Khan"], date="2017-01-01", summary="her first day")
        _add(s, people=["Sarah Khan"], date="2019-12-31", summary="her last day")
        _add(s, people=["Sarah Khan"], date="2020-01-01", summary="after she left")
        # Cesar Guedes's post has no dates: it counts whenever the meeting was.
        _add(s, people=["Cesar Guedes"], date="2012-03-04", summary="undated post")
        _add(s, people=["Muhammad Shifaque"], orgs=["FIA"], summary="elsewhere")

    def summaries(**kw):
        with session_factory(seeded_url, write=False) as s:
            return [r["summary"] for r in interactions.list_interactions(s, **kw)]

    assert summaries(org="UNODC") == ["her last day", "her first day", "undated post"]
    assert summaries(org="IOM") == ["after she left"]
    assert summaries(org="FIA") == ["elsewhere"]
    assert summaries(org="UNODC", since="2018-01-01") == ["her last day"]
    assert summaries(org="UNODC", person="Sarah Khan") == ["her last day", "her first day"]


def test_an_interaction_with_an_organization_and_several_of_its_people_is_listed_once(
        seeded_url, session_factory):
    with session_factory(seeded_url) as s:
        _join_unodc(s, start=None, end=None)
        # and a second post there: still one interaction
        affiliate_or_correct(s, "Sarah Khan", "UNODC", position="Country Representative",
                             start="2015-01-01")
        _add(s, people=["Sarah Khan", "Cesar Guedes", "Margaret Akullo"], orgs=["UNODC"],
             follow_ups=[interactions.FollowUpSpec("Send MoU", "2017-08-16")])
    with session_factory(seeded_url, write=False) as s:
        (row,) = interactions.list_interactions(s, org="UNODC")
    assert row["people"] == ["Sarah Khan", "Cesar Guedes", "Margaret Akullo"]
    assert (row["organizations"], row["open_follow_ups"]) == (
        ["United Nations Office on Drugs and Crime"], 1)


def test_listing_by_organization_takes_a_fixed_number_of_statements(seeded_url,
                                                                    session_factory):
    with session_factory(seeded_url) as s:
        for i in range(20):
            _add(s, people=["Cesar Guedes", "Margaret Akullo"], summary=f"meeting {i}",
                 follow_ups=[interactions.FollowUpSpec("x", "2017-09-01")])
    statements = []
    with session_factory(seeded_url, write=False) as s:
        event.listen(s.get_bind(), "before_cursor_execute",
                     lambda *a: statements.append(a[2]))
        rows = interactions.list_interactions(s, org="UNODC")
    assert len(rows) == 20
    # the organization is looked up by name (and acronym), then the three lists
    print("COUNT", [q[:80] for q in statements])
    assert len([q for q in statements if q.lstrip().upper().startswith("SELECT")]) <= 6
