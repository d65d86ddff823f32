"""One resolver for every noun: what the user typed -> the record.

ORG: id, exact name or acronym. PERSON: id, email, or name with or without honorific/title.
EVENT: id, name, or the acronym of its campaign. CAMPAIGN: id, name or acronym. Matching is
case- and accent-insensitive through the folded ``*_key`` columns (see stakeholders.text.fold).
Nothing found raises NotFound with the closest names; several raise Ambiguous listing each
candidate with its id.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from stakeholders.errors import Ambiguous, NotFound
from stakeholders.models import (
    Affiliation,
    Campaign,
    ContactPoint,
    Event,
    EventCampaign,
    Organization,
    Person,
)
from stakeholders.names import name_key
from stakeholders.text import clean, fold

T = TypeVar("T")


def _as_id(ref: str) -> int | None:
    ref = ref.strip().lstrip("#")
    return int(ref) if ref.isdigit() else None


def _closest(session: Session, column, ref: str, limit: int = 3) -> list[str]:
    names = session.scalars(select(column)).all()
    return difflib.get_close_matches(clean(ref), names, n=limit, cutoff=0.5)


def _one(kind: str, ref: str, found: Sequence[T], describe, closest) -> T:
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFound(kind, ref, closest())
    raise Ambiguous(kind, ref, [describe(x) for x in found])


def organization(session: Session, ref: str) -> Organization:
    ident = _as_id(ref)
    if ident is not None:
        org = session.get(Organization, ident)
        if org is None:
            raise NotFound("organization", ref)
        return org
    key = fold(ref)
    found = session.scalars(
        select(Organization)
        .where(or_(Organization.name_key == key, Organization.acronym_key == key))
        .order_by(Organization.id)
    ).all()
    # An exact name beats somebody else's acronym.
    exact = [o for o in found if o.name_key == key]
    return _one(
        "organization", ref, exact or found,
        lambda o: f"#{o.id} {o.name}" + (f" ({o.acronym})" if o.acronym else ""),
        lambda: _closest(session, Organization.name, ref),
    )


def person(session: Session, ref: str) -> Person:
    ident = _as_id(ref)
    if ident is not None:
        p = session.get(Person, ident)
        if p is None:
            raise NotFound("person", ref)
        return p
    if "@" in ref:
        found = session.scalars(
            select(Person)
            .join(ContactPoint, ContactPoint.person_id == Person.id)
            .where(ContactPoint.kind == "email", ContactPoint.value_key == clean(ref).casefold())
            .distinct()
            .order_by(Person.id)
        ).all()
    else:
        found = session.scalars(
            select(Person).where(Person.name_key == name_key(ref)).order_by(Person.id)
        ).all()
    return _one(
        "person", ref, found,
        lambda p: describe_person(session, p),
        lambda: _closest(session, Person.full_name, ref),
    )


def describe_person(session: Session, p: Person) -> str:
    """'#12 Margaret Adamson (Australian High Commission)': how a person is told apart."""
    org = session.scalar(
        select(Organization.name)
        .join(Affiliation, Affiliation.organization_id == Organization.id)
        .where(Affiliation.person_id == p.id)
        .order_by(Affiliation.is_primary.desc(), Affiliation.end_date.is_(None).desc(),
                  Affiliation.id.desc())
        .limit(1)
    )
    return f"#{p.id} {p.full_name}" + (f" ({org})" if org else "")


def campaign(session: Session, ref: str) -> Campaign:
    ident = _as_id(ref)
    if ident is not None:
        c = session.get(Campaign, ident)
        if c is None:
            raise NotFound("campaign", ref)
        return c
    key = fold(ref)
    found = session.scalars(
        select(Campaign)
        .where(or_(Campaign.name_key == key, Campaign.acronym_key == key))
        .order_by(Campaign.id)
    ).all()
    return _one(
        "campaign", ref, found,
        lambda c: f"#{c.id} {c.name}",
        lambda: _closest(session, Campaign.name, ref),
    )


def event(session: Session, ref: str) -> Event:
    ident = _as_id(ref)
    if ident is not None:
        e = session.get(Event, ident)
        if e is None:
            raise NotFound("event", ref)
        return e
    key = fold(ref)
    found = session.scalars(
        select(Event).where(Event.name_key == key).order_by(Event.start_date, Event.id)
    ).all()
    if not found:  # the acronym of the campaign it belongs to ("GLO.ACT")
        found = session.scalars(
            select(Event)
            .join(EventCampaign, EventCampaign.event_id == Event.id)
            .join(Campaign, Campaign.id == EventCampaign.campaign_id)
            .where(Campaign.acronym_key == key)
            .order_by(Event.start_date, Event.id)
        ).all()
    return _one(
        "event", ref, found,
        lambda e: f"#{e.id} {e.name} ({e.start_date})",
        lambda: _closest(session, Event.name, ref),
    )
