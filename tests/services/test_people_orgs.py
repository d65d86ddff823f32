"""Services behind org, person and search: statement counts, order, removal semantics."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from stakeholders.errors import Conflict
from stakeholders.models import Affiliation, Attendance, Person, Statement, Tag
from stakeholders.services import orgs, people
from stakeholders.services.search import search

from tests.services.helpers import counting


def _grow(session, n: int) -> None:
    """n more people, each with an affiliation, an email and a tag."""
    for i in range(n):
        people.add_person(session, f"Ms. Test Person{i}", org="UNODC", position="Officer",
                          emails=[f"p{i}@example.org"], tags=[f"t{i % 3}"])


@pytest.mark.parametrize("listing", [
    lambda s: list(people.list_people(s)),
    lambda s: list(people.list_people(s, sector="un-agency", search="e")),
    lambda s: list(orgs.list_organizations(s)),
    lambda s: search(s, "e"),
])
def test_lists_run_a_fixed_number_of_statements(seeded_url, session_factory, listing):
    with session_factory(seeded_url) as s:
        with counting(s) as small:
            few = listing(s)
        _grow(s, 30)
        s.flush()
        s.expunge_all()
        with counting(s) as large:
            many = listing(s)
    assert len(many) >= len(few)
    assert len(large) == len(small), large


def test_names_sort_byte_wise_on_every_database(db_url, session_factory):
    with session_factory(db_url) as s:
        for name in ("Dean Institute", "De Leo Foundation", "de-la Cruz Trust", "Déjà Vu Media"):
            orgs.add_organization(s, name)
        for name in ("Ana Deans", "Antonino de Leo", "Ana De-Lacroix"):
            people.add_person(s, name)
    with session_factory(db_url, write=False) as s:
        assert [o["name"] for o in orgs.list_organizations(s)] == [
            "De Leo Foundation", "de-la Cruz Trust", "Dean Institute", "Déjà Vu Media"]
        assert [p["name"] for p in people.list_people(s)] == [
            "Antonino de Leo", "Ana De-Lacroix", "Ana Deans"]


def test_removing_a_person_removes_their_record_of_events(seeded_url, session_factory):
    with session_factory(seeded_url) as s:
        asked: list[str] = []
        removed = people.remove_person(s, "Margaret Adamson", asked.append)
        assert removed == "#3 Margaret Adamson; cleared them from 1 proxy attendance"
        assert asked == ["Removing Margaret Adamson (#3) also clears them from 1 proxy "
                         "attendance."]
    with session_factory(seeded_url, write=False) as s:
        assert s.get(Person, 3) is None
        assert s.scalar(select(func.count()).where(Affiliation.person_id == 3)) == 0
        assert s.scalar(select(Attendance.on_behalf_of_id).where(Attendance.person_id == 4)) is None


def test_a_refused_removal_changes_nothing(seeded_url, session_factory, db_dump):
    before = db_dump(seeded_url)

    def refuse(question: str) -> None:
        raise Conflict("cancelled; nothing was changed")

    with pytest.raises(Conflict):
        with session_factory(seeded_url) as s:
            people.remove_person(s, "Cesar Guedes", refuse)
    assert db_dump(seeded_url) == before


def test_statements_go_with_their_speaker(seeded_url, session_factory):
    with session_factory(seeded_url) as s:
        people.remove_person(s, "Cesar Guedes", lambda q: None)
    with session_factory(seeded_url, write=False) as s:
        assert s.scalar(select(func.count()).select_from(Statement)) == 10
        assert s.scalar(select(func.count()).select_from(Attendance)) == 7
        assert s.scalar(select(func.count()).select_from(Tag)) == 0


def test_edit_leaves_what_is_not_given(seeded_url, session_factory):
    with session_factory(seeded_url) as s:
        people.edit_person(s, "Sarah Coleman", tags=["child protection"])
    with session_factory(seeded_url, write=False) as s:
        shown = people.show_person(s, "sarah coleman")
    assert (shown["name"], shown["position"], shown["tags"]) == (
        "Ms. Sarah Coleman", "UNICEF Chief of Child Protection", ["child protection"])


def test_search_finds_a_statement_by_a_removed_organizations_speaker(seeded_url, session_factory):
    with session_factory(seeded_url) as s:
        orgs.remove_organization(s, "IOM", lambda q: None)
    with session_factory(seeded_url, write=False) as s:
        hits = search(s, "mandate on assistance")
        khan = search(s, "junaid")
    assert [(h["kind"], h["id"]) for h in hits] == [("statement", 11)]
    assert khan == [{"kind": "person", "id": 8, "name": "Mr. Junaid Khan", "detail": ""}]


def test_people_list_is_the_same_across_chunk_boundaries(seeded_url, session_factory,
                                                         monkeypatch):
    with session_factory(seeded_url) as s:
        _grow(s, 7)
    with session_factory(seeded_url, write=False) as s:
        whole = list(people.list_people(s))
        with counting(s) as one_chunk:
            list(people.list_people(s))
        monkeypatch.setattr(people, "LIST_CHUNK", 4)
        with counting(s) as chunked:
            in_chunks = list(people.list_people(s))
    assert in_chunks == whole
    assert any(p["email"] and p["tags"] and p["organization"] for p in whole)
    chunks = -(-len(whole) // 4)
    # one query for the people, then affiliations, contact points and tags per chunk
    assert len(chunked) - len(one_chunk) == 3 * (chunks - 1)
