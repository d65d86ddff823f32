"""Events: launches, meetings, workshops… with the campaigns they belong to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session

from stakeholders import validate
from stakeholders.models import Event, EventSector
from stakeholders.services import refs
from stakeholders.vocab import EventKind, Sector


def add_event(
    session: Session,
    name: str,
    *,
    date: dt.date,
    end_date: dt.date | None = None,
    kind: str | None = None,
    venue: str | None = None,
    city: str | None = None,
    country: str | None = None,
    campaigns: Sequence[str] = (),
    notes: str | None = None,
) -> Event:
    validate.date_range(date, end_date)
    event = Event(
        name=validate.required_text(name, "event name", 300),
        kind=EventKind.parse(kind).value if kind else EventKind.OTHER.value,
        start_date=date,
        end_date=end_date,
        venue=validate.text(venue, "venue", 300),
        city=validate.text(city, "city", 200),
        country=validate.country(country) if country else None,
        notes=validate.text(notes, "note", 10_000),
    )
    for ref in campaigns:
        campaign = refs.campaign(session, ref)
        if campaign not in event.campaigns:
            event.campaigns.append(campaign)
    session.add(event)
    session.flush()
    return event


def add_sector_present(
    event: Event, sector: str, description: str | None = None
) -> EventSector | None:
    value = Sector.parse(sector).value
    if any(s.sector == value for s in event.sectors_present):
        return None
    present = EventSector(sector=value, description=validate.text(description, "description", 300))
    event.sectors_present.append(present)
    return present
