"""Attendance: who came to which event, for which organization, in what role, on whose
behalf, and what they said."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from stakeholders import validate
from stakeholders.errors import Conflict, Invalid
from stakeholders.models import Attendance, Event, Person, Statement
from stakeholders.services import refs
from stakeholders.services.people import affiliation_at
from stakeholders.vocab import Role, StatementKind, Status


def add_attendance(
    session: Session,
    event: Event,
    person: Person,
    *,
    role: str | None = None,
    status: str | None = None,
    org: str | None = None,
    on_behalf_of: str | None = None,
    order: int | None = None,
    quotes: Sequence[str] = (),
    notes: str | None = None,
) -> Attendance:
    """One row per person per event. The organization defaults to the person's affiliation
    current on the event date (primary first)."""
    existing = session.scalar(
        select(Attendance).where(Attendance.event_id == event.id,
                                 Attendance.person_id == person.id)
    )
    if existing is not None:
        raise Conflict(
            f"{person.full_name} is already recorded at {event.name} (attendance #{existing.id})"
        )
    proxy = refs.person(session, on_behalf_of) if on_behalf_of else None
    if proxy is not None and proxy.id == person.id:
        raise Conflict(f"{person.full_name} cannot attend on behalf of themselves")
    if order is not None and order < 1:
        raise Invalid("the speaking order starts at 1")
    if org:
        organization = refs.organization(session, org)
    else:
        current = affiliation_at(person, event.start_date)
        organization = current.organization if current else None
    attendance = Attendance(
        event=event,
        person=person,
        organization=organization,
        role=Role.parse(role).value if role else Role.ATTENDEE.value,
        status=Status.parse(status).value if status else Status.ATTENDED.value,
        on_behalf_of=proxy,
        speaking_order=order,
        notes=validate.text(notes, "note", 10_000),
    )
    session.add(attendance)
    for quote in quotes:
        add_statement(session, event, person, quote)
    session.flush()
    return attendance


def add_statement(
    session: Session, event: Event, person: Person, text: str, kind: str | None = None
) -> Statement:
    text = validate.required_text(text, "statement", 20_000)
    last = session.scalar(
        select(func.max(Statement.sequence)).where(Statement.event_id == event.id,
                                                   Statement.person_id == person.id)
    )
    statement = Statement(
        event=event, person=person, text=text,
        kind=StatementKind.parse(kind).value if kind else StatementKind.VERBATIM.value,
        sequence=(last or 0) + 1,
    )
    session.add(statement)
    session.flush()
    return statement
