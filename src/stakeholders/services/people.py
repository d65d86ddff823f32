"""People: names split into honorific, title, given and family; affiliations over time;
contact points and mailing flags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from stakeholders import validate
from stakeholders.errors import Conflict, Invalid
from stakeholders.models import Affiliation, Organization, Person
from stakeholders.names import parse_name
from stakeholders.services import contacts, refs, tags as tag_service
from stakeholders.vocab import ContactKind


T = TypeVar("T")


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def add_person(
    session: Session,
    name: str,
    *,
    given: str | None = None,
    family: str | None = None,
    honorific: str | None = None,
    title: str | None = None,
    org: str | None = None,
    position: str | None = None,
    emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    handles: Sequence[str] = (),
    region: str | None = None,
    tags: Sequence[str] = (),
    no_email: bool = False,
    notes: str | None = None,
) -> Person:
    """Create a person. The name is split by the parser; explicit parts win."""
    validate.required_text(name, "name", 400)
    parsed = parse_name(name)
    person = Person(
        honorific=validate.text(honorific, "honorific", 50) or parsed.honorific,
        title=validate.text(title, "title", 50) or parsed.title,
        given_name=validate.text(given, "given name", 200) or parsed.given,
        family_name=validate.text(family, "family name", 200) or parsed.family,
        full_name=validate.required_text(parsed.full_name, "name", 400),
        notes=validate.text(notes, "note", 10_000),
    )
    if given or family:  # the display name follows explicit parts
        person.full_name = " ".join(p for p in (person.given_name, person.family_name) if p)
    session.add(person)
    if position and not org:
        raise Invalid("--position needs --org")
    if org:
        affiliate(session, person, refs.organization(session, org), position=position,
                  primary=True)
    region = validate.region(region)
    for e in emails:
        contacts.add(person, ContactKind.EMAIL, e)
    for p in phones:
        contacts.add(person, ContactKind.PHONE, p, region=region)
    for h in handles:
        contacts.add(person, ContactKind.SOCIAL, h)
    tag_service.add_tags(session, person, tags)
    if no_email:
        set_no_email(person, True)
    session.flush()
    return person


def set_no_email(person: Person, flag: bool, reason: str | None = None) -> None:
    person.do_not_email = flag
    person.do_not_email_at = now() if flag else None
    person.do_not_email_reason = validate.text(reason, "reason", 500) if flag else None


def set_no_contact(person: Person, flag: bool, reason: str | None = None) -> None:
    person.do_not_contact = flag
    person.do_not_contact_at = now() if flag else None
    person.do_not_contact_reason = validate.text(reason, "reason", 500) if flag else None


def affiliate(
    session: Session,
    person: Person,
    org: Organization,
    *,
    position: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    primary: bool = False,
) -> Affiliation:
    """Record that ``person`` holds ``position`` at ``org`` (from ``start`` to ``end``).

    A primary affiliation demotes the person's other primary ones."""
    validate.date_range(start, end)
    position = validate.text(position, "position", 300)
    for a in person.affiliations:
        if (a.organization is org and a.position == position
                and a.start_date == start):
            raise Conflict(f"{person.full_name} already holds that position at {org.name}")
    if primary:
        for a in person.affiliations:
            a.is_primary = False
    affiliation = Affiliation(organization=org, position=position, start_date=start,
                              end_date=end, is_primary=primary or not person.affiliations)
    person.affiliations.append(affiliation)
    session.flush()
    return affiliation


def affiliation_at(person: Person, when: dt.date | None) -> Affiliation | None:
    """The affiliation that was current on ``when``: primary first, then the latest started."""
    return pick_affiliation(person.affiliations, when)


def pick_affiliation(affiliations: Iterable[T], when: dt.date | None,
                     organization_id: int | None = None) -> T | None:
    """Of ``affiliations`` (objects or rows with the Affiliation columns), the one current on
    ``when``: with ``organization_id`` the one to that organization if there is one; otherwise
    the primary one, then the latest started. Pure, so reports can apply it to rows fetched in
    bulk."""
    def current(a) -> bool:
        if when is None:
            return a.end_date is None
        return (a.start_date is None or a.start_date <= when) and (
            a.end_date is None or a.end_date >= when
        )

    def rank(a) -> tuple:
        return (a.is_primary, a.start_date or dt.date.min)

    candidates = [a for a in affiliations if current(a)]
    at_org = [a for a in candidates
              if organization_id is not None and a.organization_id == organization_id]
    return max(at_org or candidates, key=rank, default=None)


def find_by_name(session: Session, name: str) -> list[Person]:
    from stakeholders.names import name_key

    return list(session.scalars(select(Person).where(Person.name_key == name_key(name))))
