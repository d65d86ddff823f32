"""The schema holds a whole launch, and its rules hold on every database."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from stakeholders.db import make_engine
from stakeholders.errors import Conflict
from stakeholders.models import (
    Affiliation,
    Attendance,
    Campaign,
    ContactPoint,
    Event,
    Organization,
    Person,
    Statement,
    Tag,
)
from stakeholders.services import attendance, campaigns, events, orgs, people, refs, seed
from stakeholders.migrations import seeds_location


def test_a_launch_with_every_entity_round_trips(db_url, session_factory):
    with session_factory(db_url) as s:
        gov = orgs.add_organization(s, "Government of Pakistan", sector="government", country="PK")
        fia = orgs.add_organization(s, "Federal Investigation Agency", acronym="FIA",
                                    sector="police", country="Pakistan",
                                    parent="Government of Pakistan", tags=["law enforcement"],
                                    emails=["info@fia.gov.pk"], phones=["+92 51 9250000"])
        unodc = orgs.add_organization(s, "United Nations Office on Drugs and Crime",
                                      acronym="UNODC", sector="un-agency")
        camp = campaigns.add_campaign(s, "Global Action", acronym="GLO.ACT",
                                      start=dt.date(2016, 1, 1), handles=["@glo_act"])
        campaigns.add_partner(s, camp, unodc, "lead-agency")
        ev = events.add_event(s, "Launch", date=dt.date(2017, 7, 19), kind="launch",
                              city="Islamabad", country="PK", campaigns=["GLO.ACT"])
        events.add_sector_present(ev, "media", "media")
        adamson = people.add_person(s, "H.E. Ms. Margaret Adamson")
        guihot = people.add_person(s, "Ms. Nicole Guihot", org="FIA", position="Officer",
                                   emails=["nicole@example.org"], tags=["vip"])
        attendance.add_attendance(s, ev, guihot, role="speaker", on_behalf_of="Margaret Adamson",
                                  order=3, quotes=["We support this."])
        assert gov.id and fia.parent is gov and adamson.id

    with session_factory(db_url, write=False) as s:
        fia = refs.organization(s, "fia")
        assert (fia.name, fia.sector, fia.country, fia.parent.name) == (
            "Federal Investigation Agency", "police", "PK", "Government of Pakistan")
        assert [t.name for t in fia.tags] == ["law enforcement"]
        assert sorted((c.kind, c.value) for c in fia.contact_points) == [
            ("email", "info@fia.gov.pk"), ("phone", "+92519250000")]
        guihot = refs.person(s, "nicole@example.org")
        assert (guihot.title, guihot.given_name, guihot.family_name) == ("Ms.", "Nicole", "Guihot")
        assert guihot.affiliations[0].position == "Officer"
        a = s.scalars(select(Attendance)).one()
        assert (a.role, a.status, a.speaking_order, a.on_behalf_of.full_name,
                a.organization.acronym) == ("speaker", "attended", 3, "Margaret Adamson", "FIA")
        assert s.scalars(select(Statement.text)).all() == ["We support this."]
        ev = refs.event(s, "GLO.ACT")
        assert [c.acronym for c in ev.campaigns] == ["GLO.ACT"]
        assert [x.sector for x in ev.sectors_present] == ["media"]
        camp = refs.campaign(s, "glo.act")
        assert [c.value for c in camp.contact_points] == ["@glo_act"]
        assert s.scalar(select(func.count()).select_from(Tag)) == 2
        for model in (Organization, Person, Affiliation, ContactPoint, Campaign, Event):
            row = s.scalars(select(model).limit(1)).one()
            assert row.created_at is not None and row.updated_at is not None


def test_organization_names_are_unique_ignoring_case_and_accents(db_url, session_factory):
    with session_factory(db_url) as s:
        orgs.add_organization(s, "Délégation de l'Union européenne")
    with pytest.raises(Conflict, match="already exists"):
        with session_factory(db_url) as s:
            orgs.add_organization(s, "DELEGATION DE L'UNION EUROPEENNE")


def test_the_database_itself_refuses_a_duplicate_name_key(db_url):
    engine = make_engine(db_url)
    try:
        with Session(engine) as s:
            s.add_all([Organization(name="IOM"), Organization(name="iom")])
            with pytest.raises(IntegrityError):
                s.flush()
    finally:
        engine.dispose()


def test_one_attendance_per_person_per_event(db_url, session_factory):
    with session_factory(db_url) as s:
        ev = events.add_event(s, "Launch", date=dt.date(2017, 7, 19))
        p = people.add_person(s, "Junaid Khan")
        attendance.add_attendance(s, ev, p)
    with pytest.raises(Conflict, match="already recorded"):
        with session_factory(db_url) as s:
            attendance.add_attendance(s, refs.event(s, "Launch"), refs.person(s, "junaid khan"),
                                      role="speaker")
    engine = make_engine(db_url)
    try:
        with Session(engine) as s:  # and the constraint underneath the service check
            ev_id, p_id = s.scalar(select(Event.id)), s.scalar(select(Person.id))
            s.add(Attendance(event_id=ev_id, person_id=p_id))
            with pytest.raises(IntegrityError):
                s.flush()
    finally:
        engine.dispose()


def test_foreign_keys_are_enforced(db_url):
    engine = make_engine(db_url)
    try:
        with Session(engine) as s:
            s.add(Attendance(event_id=999, person_id=999))
            with pytest.raises(IntegrityError):
                s.flush()
    finally:
        engine.dispose()


def test_nobody_attends_on_behalf_of_themselves(db_url, session_factory):
    with pytest.raises(Conflict, match="on behalf of themselves"):
        with session_factory(db_url) as s:
            ev = events.add_event(s, "Launch", date=dt.date(2017, 7, 19))
            p = people.add_person(s, "Nicole Guihot")
            attendance.add_attendance(s, ev, p, on_behalf_of="Nicole Guihot")


def test_the_seed_loads_twice_without_change(seeded_url, session_factory, db_dump):
    before = db_dump(seeded_url)
    with session_factory(seeded_url) as s:
        for path in seeds_location().glob("*.toml"):
            assert not seed.load(s, seed.read(path))
    assert db_dump(seeded_url) == before


def test_the_seed_records_the_press_release(seeded_url, session_factory):
    with session_factory(seeded_url, write=False) as s:
        ev = refs.event(s, "GLO.ACT launch, Islamabad")
        assert (ev.start_date, ev.city, ev.country, ev.kind) == (
            dt.date(2017, 7, 19), "Islamabad", "PK", "launch")
        speakers = s.execute(
            select(Person.full_name, Attendance.role, Attendance.on_behalf_of_id)
            .join(Attendance, Attendance.person_id == Person.id)
            .order_by(Attendance.speaking_order)
        ).all()
        assert [p for p, _, _ in speakers] == [
            "Cesar Guedes", "Muhammad Shifaque", "Nicole Guihot", "David Hale",
            "Jean-François Cautain", "Margaret Akullo", "Junaid Khan", "Sarah Coleman"]
        guihot = refs.person(s, "Nicole Guihot")
        a = s.scalars(select(Attendance).where(Attendance.person_id == guihot.id)).one()
        assert a.on_behalf_of.honorific == "H.E." and a.on_behalf_of.full_name == "Margaret Adamson"
        gilani = refs.person(s, "Shahida.gillani@unodc.org")
        assert gilani.full_name == "Shahida Gilani"
        assert refs.organization(s, "FIA").parent.name == "Government of Pakistan"
        assert sorted(x.sector for x in ev.sectors_present) == [
            "academia", "civil-society", "diplomatic-mission", "government", "media", "police"]
