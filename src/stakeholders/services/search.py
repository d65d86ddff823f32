"""One search over people, organizations, events and statements.

Matching is a case- and accent-insensitive substring test on the folded ``*_key`` columns, so
"cautain", "CAUTAÍN" and "jean-francois" find the same person on SQLite and PostgreSQL. Four
queries (and their selectin loads), whatever the number of hits.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from stakeholders import validate
from stakeholders.models import Affiliation, ContactPoint, Event, Organization, Person, Statement
from stakeholders.names import display_name
from stakeholders.services.people import affiliation_at
from stakeholders.services.sorting import bytewise
from stakeholders.text import excerpt, like_pattern

Hit = dict[str, Any]


def search(session: Session, text: str) -> list[Hit]:
    """Rows of ``kind``, ``id``, ``name``, ``detail``: people first, then organizations,
    events and statements, each in name (or date) order."""
    pattern = like_pattern(validate.required_text(text, "search text", 200))
    return [*_people(session, pattern), *_organizations(session, pattern),
            *_events(session, pattern), *_statements(session, pattern)]


def _like(column, pattern: str):
    return column.like(pattern, escape="\\")


def _people(session: Session, pattern: str) -> list[Hit]:
    found = session.scalars(
        select(Person)
        .where(or_(_like(Person.name_key, pattern),
                   Person.contact_points.any(_like(ContactPoint.value_key, pattern))))
        .options(selectinload(Person.affiliations).joinedload(Affiliation.organization))
        .order_by(bytewise(func.coalesce(Person.family_key, Person.name_key)), Person.id)
    )
    return [_hit("person", p.id, display_name(p.honorific, p.title, p.full_name),
                 _position(affiliation_at(p, None))) for p in found]


def _position(a: Affiliation | None) -> str:
    if a is None:
        return ""
    return ", ".join(x for x in (a.position, a.organization.name) if x)


def _organizations(session: Session, pattern: str) -> list[Hit]:
    found = session.scalars(
        select(Organization)
        .where(or_(_like(Organization.name_key, pattern),
                   _like(Organization.acronym_key, pattern)))
        .order_by(bytewise(Organization.name_key), Organization.id)
    )
    return [_hit("organization", o.id, o.name, _joined(o.acronym, o.sector, o.country))
            for o in found]


def _events(session: Session, pattern: str) -> list[Hit]:
    found = session.scalars(
        select(Event).where(_like(Event.name_key, pattern)).order_by(Event.start_date, Event.id)
    )
    return [_hit("event", e.id, e.name, _joined(e.start_date.isoformat(), e.kind, e.city,
                                                e.country)) for e in found]


def _statements(session: Session, pattern: str) -> list[Hit]:
    found = session.scalars(
        select(Statement)
        .join(Event, Event.id == Statement.event_id)
        .where(_like(Statement.text_key, pattern))
        .options(joinedload(Statement.person), joinedload(Statement.event))
        .order_by(Event.start_date, Event.id, Statement.id)
    )
    return [_hit("statement", s.id, excerpt(s.text), _said_by(s)) for s in found]


def _said_by(s: Statement) -> str:
    who = s.person.full_name if s.person else "unattributed"
    return f"{who} at {s.event.name} ({s.event.start_date.isoformat()})"


def _joined(*parts: str | None) -> str:
    return ", ".join(p for p in parts if p)


def _hit(kind: str, ident: int, name: str, detail: str) -> Hit:
    return {"kind": kind, "id": ident, "name": name, "detail": detail}
