"""One search over people, organizations, campaigns, events, statements, interactions and
follow-ups.

Matching is case- and accent-insensitive, on the folded ``*_key`` columns: the text as typed
anywhere, or each of its words, in any order, at the start of a word (``text.found_in``), so
"cautain", "CAUTAÍN", "jean-francois" and "Cautain, Jean" find the same person on SQLite and
PostgreSQL. A fixed
number of queries (and their selectin loads), whatever the number of hits.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from stakeholders import validate
from stakeholders.models import (
    Affiliation,
    Campaign,
    ContactPoint,
    Event,
    FollowUp,
    Interaction,
    Organization,
    Person,
    Statement,
)
from stakeholders.names import display_name
from stakeholders.services.people import affiliation_at
from stakeholders.services.sorting import bytewise
from stakeholders.text import found_in, holding
from stakeholders.vocab import ContactKind

Hit = dict[str, Any]


def search(session: Session, text: str) -> list[Hit]:
    """Rows of ``kind``, ``id``, ``name``, ``detail``: people first, then organizations,
    campaigns, events, statements, interactions and follow-ups, each in name (or date) order."""
    wanted = validate.search_text(text)
    return [*_people(session, wanted), *_organizations(session, wanted),
            *_campaigns(session, wanted), *_events(session, wanted),
            *_statements(session, wanted), *_interactions(session, wanted),
            *_follow_ups(session, wanted)]


def _people(session: Session, wanted: str) -> list[Hit]:
    contact = holding(ContactPoint.value_key, wanted)
    number = phone_digits(wanted)
    if number is not None:
        contact = or_(contact, (ContactPoint.kind == ContactKind.PHONE.value)
                      & holding(ContactPoint.value_key, number))
    found = session.scalars(
        select(Person)
        .where(or_(found_in(Person.name_key, wanted), Person.contact_points.any(contact)))
        .options(selectinload(Person.affiliations).joinedload(Affiliation.organization))
        .order_by(bytewise(func.coalesce(Person.family_key, Person.name_key)), Person.id)
    )
    return [_hit("person", p.id, display_name(p.honorific, p.title, p.full_name),
                 _position(affiliation_at(p, None))) for p in found]


#: The fewest digits a search text needs to be looked for as a phone number too.
PHONE_DIGITS = 5
#: A phone number as people write it: digits, spaces and the usual separators, a leading +.
_PHONE_LIKE = re.compile(r"\+?[\d\s().\-/]*\d[\d\s().\-/]*")


def phone_digits(wanted: str) -> str | None:
    """A phone number as written ('+92 300 1234567', '0300-1234567', '(051) 925 0000') in the
    form numbers are stored in (E.164, '+923001234567'), so that it can be found there: with
    its country code, '+' and the digits; without (a national number), the digits after the
    trunk prefix '0', which the stored number holds after its country code. None for text
    that is not a number, or too short a part of one to be worth the wider match."""
    text = wanted.strip()
    if not _PHONE_LIKE.fullmatch(text):
        return None
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):
        number = "+" + digits
    elif digits.startswith("00"):  # the international prefix, as validate.phone reads it
        number = "+" + digits[2:]
    else:
        number = digits.lstrip("0")
    return number if len(number.lstrip("+")) >= PHONE_DIGITS else None


def _position(a: Affiliation | None) -> str:
    if a is None:
        return ""
    return ", ".join(x for x in (a.position, a.organization.name) if x)


def _organizations(session: Session, wanted: str) -> list[Hit]:
    found = session.scalars(
        select(Organization)
        .where(or_(found_in(Organization.name_key, wanted),
                   found_in(Organization.acronym_key, wanted, acronym=True)))
        .order_by(bytewise(Organization.name_key), Organization.id)
    )
    return [_hit("organization", o.id, o.name, _joined(o.acronym, o.sector, o.country))
            for o in found]


def _campaigns(session: Session, wanted: str) -> list[Hit]:
    found = session.scalars(
        select(Campaign)
        .where(or_(found_in(Campaign.name_key, wanted),
                   found_in(Campaign.acronym_key, wanted, acronym=True)))
        .order_by(bytewise(Campaign.name_key), Campaign.id)
    )
    return [_hit("campaign", c.id, c.name, _joined(c.acronym, _period(c.start_date, c.end_date)))
            for c in found]


def _period(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        return f"{start.isoformat()} to {end.isoformat()}"
    if start or end:
        return f"from {start.isoformat()}" if start else f"until {end.isoformat()}"
    return ""


def _events(session: Session, wanted: str) -> list[Hit]:
    found = session.scalars(
        select(Event).where(found_in(Event.name_key, wanted))
        .order_by(Event.start_date, Event.id)
    )
    return [_hit("event", e.id, e.name, _joined(e.start_date.isoformat(), e.kind, e.city,
                                                e.country)) for e in found]


def _statements(session: Session, wanted: str) -> list[Hit]:
    found = session.scalars(
        select(Statement)
        .join(Event, Event.id == Statement.event_id)
        .where(found_in(Statement.text_key, wanted))
        .options(joinedload(Statement.person), joinedload(Statement.event))
        .order_by(Event.start_date, Event.id, Statement.id)
    )
    return [_hit("statement", s.id, s.text, _said_by(s)) for s in found]


def _interactions(session: Session, wanted: str) -> list[Hit]:
    from stakeholders.services.interactions import participant_names

    matching = select(Interaction.id).where(found_in(Interaction.summary_key, wanted))
    found = session.execute(
        select(Interaction.id, Interaction.kind, Interaction.date, Interaction.summary)
        .where(Interaction.id.in_(matching))
        .order_by(Interaction.date, Interaction.id)
    ).all()
    if not found:
        return []
    names = participant_names(session, matching)
    return [_hit("interaction", i.id, i.summary,
                 _joined(i.kind, i.date.isoformat(), _with(names.get(i.id))))
            for i in found]


def _follow_ups(session: Session, wanted: str) -> list[Hit]:
    from stakeholders.services.interactions import participant_names

    matches = found_in(FollowUp.text_key, wanted)
    found = session.execute(
        select(FollowUp.id, FollowUp.text, FollowUp.due_date, FollowUp.done_on, FollowUp.owner,
               FollowUp.interaction_id, Event.name.label("event"))
        .outerjoin(Event, Event.id == FollowUp.event_id)
        .where(matches)
        .order_by(FollowUp.due_date, FollowUp.id)
    ).all()
    if not found:
        return []
    names = participant_names(session, select(FollowUp.interaction_id).where(
        matches, FollowUp.interaction_id.is_not(None)))
    return [_hit("follow-up", f.id, f.text, _joined(
        f"due {f.due_date.isoformat()}",
        f"done {f.done_on.isoformat()}" if f.done_on else "open",
        f.owner and f"owner {f.owner}",
        _with(names.get(f.interaction_id)) if f.interaction_id else f"at {f.event}"))
            for f in found]


def _with(names: dict[str, list[str]] | None) -> str:
    """The people and organizations of an interaction, after "with"."""
    if not names:
        return ""
    return "with " + ", ".join([*names["people"], *names["organizations"]])


def _said_by(s: Statement) -> str:
    who = s.person.full_name if s.person else "unattributed"
    return f"{who} at {s.event.name} ({s.event.start_date.isoformat()})"


def _joined(*parts: str | None) -> str:
    return ", ".join(p for p in parts if p)


def _hit(kind: str, ident: int, name: str, detail: str) -> Hit:
    return {"kind": kind, "id": ident, "name": name, "detail": detail}
