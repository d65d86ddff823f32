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

from stakeholders.errors import Ambiguous, Invalid, NotFound
from stakeholders.models import (
    Affiliation,
    Campaign,
    ContactPoint,
    Event,
    EventCampaign,
    Organization,
    Person,
)
from stakeholders.names import name_key, parse_name
from stakeholders.text import clean, fold

T = TypeVar("T")


def _as_id(ref: str) -> int | None:
    ref = ref.strip().lstrip("#")
    return int(ref) if ref.isdigit() else None


def _by_id(session: Session, model: type[T], kind: str, ref: str) -> T | None:
    """The record a numeric reference ("12", "#12") names, None when ``ref`` is not an id."""
    ident = _as_id(ref)
    if ident is None:
        return None
    found = session.get(model, ident)
    if found is None:
        raise NotFound(kind, ref)
    return found


def _closest(session: Session, column, ref: str, limit: int = 3) -> list[str]:
    """The names nearest to ``ref``, compared folded: case and accents do not matter here
    either."""
    names: dict[str, list[str]] = {}
    for name in session.scalars(select(column)):
        names.setdefault(fold(name), []).append(name)
    keys = difflib.get_close_matches(fold(ref), list(names), n=limit, cutoff=0.5)
    return [name for key in keys for name in names[key]][:limit]


def _one(kind: str, ref: str, found: Sequence[T], describe, closest) -> T:
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFound(kind, ref, closest())
    raise Ambiguous(kind, ref, [describe(x) for x in found])


def organizations_called(session: Session, text: str) -> Sequence[Organization]:
    """The organizations whose name or acronym is ``text`` (case and accents aside), oldest
    first: what a reference finds, and what a new name or a seed must not clash with."""
    key = fold(text)
    return session.scalars(
        select(Organization)
        .where(or_(Organization.name_key == key, Organization.acronym_key == key))
        .order_by(Organization.id)
    ).all()


def organization(session: Session, ref: str) -> Organization:
    by_id = _by_id(session, Organization, "organization", ref)
    if by_id is not None:
        return by_id
    key = fold(ref)
    found = organizations_called(session, ref)
    # An exact name beats somebody else's acronym.
    exact = [o for o in found if o.name_key == key]
    return _one(
        "organization", ref, exact or found,
        lambda o: f"#{o.id} {o.name}" + (f" ({o.acronym})" if o.acronym else ""),
        lambda: _closest(session, Organization.name, ref),
    )


def person(session: Session, ref: str) -> Person:
    by_id = _by_id(session, Person, "person", ref)
    if by_id is not None:
        return by_id
    if "@" in ref:
        found = people_with_email(session, [clean(ref).casefold()])
    else:
        found = _people_named(session, name_key(ref))
        stored = None if found else _stored_key(ref)
        if stored is not None and stored != name_key(ref):
            found = _people_named(session, stored)
    return _one(
        "person", ref, found,
        lambda p: describe_person(session, p),
        lambda: _closest(session, Person.full_name, ref),
    )


def people_with_email(session: Session, keys: Sequence[str]) -> Sequence[Person]:
    """The people who have one of these emails (as stored: casefolded), by id."""
    return session.scalars(
        select(Person)
        .join(ContactPoint, ContactPoint.person_id == Person.id)
        .where(ContactPoint.kind == "email", ContactPoint.value_key.in_(keys))
        .distinct()
        .order_by(Person.id)
    ).all()


def _people_named(session: Session, key: str) -> Sequence[Person]:
    return session.scalars(select(Person).where(Person.name_key == key).order_by(Person.id)).all()


def _stored_key(ref: str) -> str | None:
    """The key a typed name is stored under when it was added with parts the name parser sets
    aside ("Col. (R) Tariq Khan", "Amna Baloch, PhD"): tried only after the name as typed
    matched no one, so an ordinary look-up does not load the parser."""
    try:
        parsed = parse_name(ref)
    except Invalid:  # a title alone: nothing more to compare
        return None
    return Person.keys_for(parsed.given, parsed.family, parsed.full_name)[0]


def describe_person(session: Session, p: Person) -> str:
    """'#12 Margaret Adamson (Australian High Commission)': how a person is told apart. Any
    affiliation will do here, a past one too (primary and current first): unlike the current
    organization exports and lists show, it only has to tell two people apart."""
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
    by_id = _by_id(session, Campaign, "campaign", ref)
    if by_id is not None:
        return by_id
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
    by_id = _by_id(session, Event, "event", ref)
    if by_id is not None:
        return by_id
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
