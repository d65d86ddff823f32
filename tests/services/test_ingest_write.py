"""Matching a press release against the database and writing what is new (services/ingest.py),
on real databases."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from stakeholders.models import Affiliation, Attendance, Person, Statement
from stakeholders.services import ingest, orgs, people

FIXTURES = Path(__file__).parents[1] / "ingest" / "fixtures"
SEED_RELEASE = (FIXTURES / "glo-act-launch-2017.txt").read_text(encoding="utf-8")

GENEVA = """Geneva, Switzerland, 5 May 2025 - A training on border management was opened today \
in Geneva.

Mr. Paul Weber, Head of Unit at UNODC, said: "Borders matter."

Ms. Shahida Gilani, Programme Officer at UNODC, noted that "training works".

For more information, please contact:
Ms. Shahida Gilani, Programme Officer, UNODC
Email: shahida.gillani@unodc.org
"""


def test_the_seed_release_matches_everything_in_the_seeded_database(seeded_url,
                                                                    session_factory):
    with session_factory(seeded_url) as s:
        review = ingest.review(s, SEED_RELEASE)
    actions = {p.action() for p in [review.event, *review.proposals]}
    assert ingest.NEW not in actions
    assert all(p.match_id is not None for p in review.extraction.organizations)
    assert all(p.match_id is not None for p in review.extraction.people)
    assert review.event.match_id is not None


def test_writing_twice_adds_nothing_the_second_time(db_url, session_factory):
    with session_factory(db_url) as s:
        first = ingest.ingest(s, SEED_RELEASE, write=True)
    with session_factory(db_url) as s:
        second = ingest.ingest(s, SEED_RELEASE, write=True)
    assert first.added["people"] == 10 and first.added["statements"] == 12
    assert second.added == {}


def test_an_acronym_alone_is_the_existing_organization(db_url, session_factory):
    with session_factory(db_url) as s:
        unodc = orgs.add_organization(s, "United Nations Office on Drugs and Crime",
                                      acronym="UNODC", sector="un-agency")
    with session_factory(db_url) as s:
        outcome = ingest.ingest(s, GENEVA, write=True)
    [org] = outcome.review.extraction.organizations
    assert (org.name, org.match_id) == ("UNODC", unodc.id)
    assert "organizations" not in outcome.added
    with session_factory(db_url) as s:
        weber = s.scalar(select(Person).where(Person.full_name == "Paul Weber"))
        assert [(a.organization_id, a.position) for a in weber.affiliations] == \
            [(unodc.id, "Head of Unit")]


def test_a_person_is_matched_by_the_email_of_the_contact_block(db_url, session_factory):
    """The release spells 'Gilani', the database 'Gillani': the address tells them apart."""
    with session_factory(db_url) as s:
        orgs.add_organization(s, "United Nations Office on Drugs and Crime", acronym="UNODC")
        known = people.add_person(s, "Ms. Shahida Gillani", emails=["Shahida.Gillani@unodc.org"],
                                  org="UNODC", position="Programme Officer")
    with session_factory(db_url) as s:
        outcome = ingest.ingest(s, GENEVA, write=True)
    shahida = outcome.review.extraction.person("Shahida Gilani")
    assert shahida.match_id == known.id
    assert outcome.added["people"] == 1  # Paul Weber only
    with session_factory(db_url) as s:
        assert s.scalar(select(func.count()).select_from(Statement)
                        .where(Statement.person_id == known.id)) == 1


def test_a_new_post_of_a_known_person_is_added_beside_the_primary_one(db_url, session_factory):
    with session_factory(db_url) as s:
        orgs.add_organization(s, "United Nations Office on Drugs and Crime", acronym="UNODC")
        orgs.add_organization(s, "European Union", acronym="EU")
        weber = people.add_person(s, "Paul Weber", org="EU", position="Attaché")
    with session_factory(db_url) as s:
        ingest.ingest(s, GENEVA, write=True)
    with session_factory(db_url) as s:
        rows = s.execute(select(Affiliation.position, Affiliation.is_primary)
                         .where(Affiliation.person_id == weber.id).order_by(Affiliation.id)).all()
    assert [tuple(r) for r in rows] == [("Attaché", True), ("Head of Unit", False)]


def test_a_garbled_name_is_held_back_unless_low_confidence_is_included(db_url, session_factory):
    text = GENEVA.replace("Mr. Paul Weber", "Mr. PaulWeber")
    with session_factory(db_url) as s:
        held = ingest.ingest(s, text, write=True)
    garbled = held.review.extraction.person("PaulWeber")
    assert garbled.confidence < ingest.REVIEW_THRESHOLD
    assert [p.action() for p in held.review.proposals if p.item is garbled][0] == \
        "not written: low confidence"
    assert any("looks garbled" in w for w in held.review.warnings())
    with session_factory(db_url) as s:
        assert s.scalar(select(Person.id).where(Person.full_name == "PaulWeber")) is None
        assert s.scalar(select(func.count()).select_from(Attendance)) == 1  # Ms. Gilani's
    with session_factory(db_url) as s:
        written = ingest.ingest(s, text, write=True, include_low=True)
    assert written.added["people"] == 1 and written.added["attendances"] == 1


def test_a_speaker_named_only_by_post_is_never_written(db_url, session_factory):
    text = (FIXTURES / "child-protection-karachi-2021.txt").read_text(encoding="utf-8")
    with session_factory(db_url) as s:
        outcome = ingest.ingest(s, text, write=True, include_low=True)
    unnamed = [p for p in outcome.review.proposals
               if p.kind in ("person", "attendance", "statement")
               and "Inspector General" in p.label]
    assert unnamed and all(p.action().startswith("not written") for p in unnamed)
    with session_factory(db_url) as s:
        names = set(s.scalars(select(Person.full_name)))
    assert not any("Inspector" in n for n in names)


def test_a_name_several_people_share_is_held_back_not_duplicated(db_url, session_factory):
    with session_factory(db_url) as s:
        orgs.add_organization(s, "European Union", acronym="EU")
        orgs.add_organization(s, "Council of Europe", acronym="CoE")
        first = people.add_person(s, "Paul Weber", org="EU")
        second = people.add_person(s, "Paul Weber", org="CoE")
    with session_factory(db_url) as s:
        outcome = ingest.ingest(s, GENEVA, write=True)
    weber = [p for p in outcome.review.proposals if "Paul Weber" in p.label]
    assert weber[0].action() == (
        f"not written: several existing records match: #{first.id} Paul Weber (European "
        f"Union); #{second.id} Paul Weber (Council of Europe)")
    assert all(p.action().startswith("not written") for p in weber[1:])
    with session_factory(db_url) as s:
        assert s.scalar(select(func.count()).select_from(Person)
                        .where(Person.full_name == "Paul Weber")) == 2
        assert s.scalar(select(func.count()).select_from(Attendance)) == 1  # Ms. Gilani's


DAKAR_NOTE = """Islamabad, Pakistan, 3 March 2018 - A coordination meeting was held today in \
Islamabad.

Ms. Shahida Gillani, Programme Officer at UNODC, said: "Coordination saves lives."
"""


def test_a_near_spelling_at_the_same_organization_is_the_recorded_person(seeded_url,
                                                                        session_factory):
    with session_factory(seeded_url, write=False) as s:
        gilani = people.find_by_name(s, "Shahida Gilani")[0].id
        review = ingest.review(s, DAKAR_NOTE)
    [person] = review.extraction.people
    assert (person.name, person.match_id) == ("Shahida Gillani", gilani)


def test_a_near_spelling_elsewhere_is_a_new_person(db_url, session_factory):
    with session_factory(db_url) as s:
        orgs.add_organization(s, "United Nations Office on Drugs and Crime", acronym="UNODC")
        orgs.add_organization(s, "International Organization for Migration", acronym="IOM")
        people.add_person(s, "Ms. Shahida Gilani", org="IOM", position="Officer")
    with session_factory(db_url, write=False) as s:
        review = ingest.review(s, DAKAR_NOTE)
    [person] = review.extraction.people
    assert person.match_id is None
