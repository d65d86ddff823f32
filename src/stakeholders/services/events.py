"""Events: launches, meetings, workshops… with the campaigns they belong to and the sectors said
to be present.

Lists and shows run a fixed number of statements however many events, campaigns or
attendances there are: counts come from GROUP BY, related names from one join each. Names are
ordered in Python, so that SQLite and PostgreSQL (locale collation) give one order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from stakeholders import validate
from stakeholders.errors import Conflict, Invalid, Usage
from stakeholders.models import (
    Attendance,
    Campaign,
    Event,
    EventCampaign,
    EventSector,
    FollowUp,
    Interaction,
    Person,
    Statement,
)
from stakeholders.services import audit, interactions, refs
from stakeholders.services.people import affiliation_at
from stakeholders.services.removal import Confirm, count, warning, with_what
from stakeholders.text import counted, fold
from stakeholders.vocab import HAPPENED, EventKind, Sector, Status

EVENT_COLUMNS = ["id", "name", "kind", "start_date", "end_date", "city", "country", "campaigns",
                 "attendances"]


def add_event(
    session: Session,
    name: str,
    *,
    date: dt.date | str,
    end_date: dt.date | str | None = None,
    kind: str | None = None,
    venue: str | None = None,
    city: str | None = None,
    country: str | None = None,
    campaigns: Sequence[str] = (),
    notes: str | None = None,
    sectors_present: Sequence[str] = (),
    twin: bool = False,
) -> Event:
    """Create an event; dates may be given as ISO 8601 text, campaigns as references. One of
    the same name on the same day is refused unless ``twin`` asks for a second one
    (``ingest --new-event``)."""
    start = validate.date(date)
    end = validate.optional_date(end_date)
    validate.date_range(start, end)
    name = validate.not_an_id(validate.required_name(name, "event name", 300), "event name")
    if not twin:
        _refuse_twin(session, name, start)
    event = Event(
        name=name,
        kind=EventKind.parse(kind).value if kind else EventKind.OTHER.value,
        start_date=start,
        end_date=end,
        venue=validate.text(venue, "venue", 300),
        city=validate.text(city, "city", 200),
        country=validate.country(country) if country else None,
        notes=validate.note(notes),
    )
    _link_campaigns(session, event, campaigns)
    for sector, _, description in sector_present_specs(sectors_present):
        add_sector_present(event, sector, description)
    session.add(event)
    session.flush()
    return event


def _refuse_twin(session: Session, name: str, start: dt.date, *, but: int | None = None) -> None:
    """One event per name (case and accents aside) and day: a second would be the same launch
    recorded twice, and its name would stop naming either. The same name on another day is
    another event (a monthly coordination meeting)."""
    same = [Event.name_key == fold(name), Event.start_date == start]
    if but is not None:
        same.append(Event.id != but)
    twin = session.execute(select(Event.id, Event.name).where(*same).order_by(Event.id)
                           .limit(1)).first()
    if twin is not None:  # named as recorded, which may be in other capitals
        raise Conflict(f"an event named {twin.name!r} on {start} already exists (#{twin.id})")


def sector_present_spec(spec: str) -> tuple[str, bool, str | None]:
    """``--sector-present`` as typed: 'government=provincial line departments' is the sector,
    whether a description was given, and the description ('media' gives none; 'media='
    gives an empty one, which clears it)."""
    sector, described, description = spec.partition("=")
    return sector, bool(described), description.strip() or None


def sector_present_specs(specs: Sequence[str]) -> list[tuple[str, bool, str | None]]:
    """Every ``--sector-present`` given, each sector once: one given twice would keep one of
    its descriptions without a word."""
    parsed, seen = [], {}
    for spec in specs:
        sector, described, description = sector_present_spec(spec)
        value = Sector.parse(sector).value
        if value in seen:
            raise Usage(f"--sector-present gives {value} twice ({seen[value]!r}, {spec!r}); "
                        "give it once, its description naming all who came")
        seen[value] = spec
        parsed.append((sector, described, description))
    return parsed


def add_sector_present(
    event: Event, sector: str, description: str | None = None
) -> EventSector | None:
    value = Sector.parse(sector).value
    if any(s.sector == value for s in event.sectors_present):
        return None
    present = EventSector(sector=value, description=validate.text(description, "description", 300))
    event.sectors_present.append(present)
    return present


def remove_sector_present(event: Event, sector: str) -> None:
    value = Sector.parse(sector).value
    for present in event.sectors_present:
        if present.sector == value:
            event.sectors_present.remove(present)
            return
    raise Conflict(f"{value} is not recorded as present at {event.name}")


def _link_campaigns(session: Session, event: Event, refs_: Sequence[str]) -> None:
    for ref in refs_:
        campaign = refs.campaign(session, ref)
        if campaign not in event.campaigns:
            event.campaigns.append(campaign)


def edit_event(
    session: Session,
    ref: str,
    *,
    name: str | None = None,
    date: str | None = None,
    end_date: str | None = None,
    kind: str | None = None,
    venue: str | None = None,
    city: str | None = None,
    country: str | None = None,
    campaigns: Sequence[str] = (),
    remove_campaigns: Sequence[str] = (),
    sectors_present: Sequence[str] = (),
    remove_sectors_present: Sequence[str] = (),
    notes: str | None = None,
) -> EventEdit:
    """Change what is given and leave the rest; the dates are checked together. A new start
    date moves the end date with it unless one is given (an event keeps its length), and
    moves the organizations its attendances took from their people's posts (see
    :func:`_follow_date`)."""
    event = refs.event(session, ref)
    _refuse_both_ways(session, campaigns, remove_campaigns)
    before = event.start_date
    if name is not None:
        event.name = validate.not_an_id(validate.required_name(name, "event name", 300),
                                        "event name")
    if date is not None:
        event.start_date = validate.date(date)
        if end_date is None and event.end_date is not None:  # it keeps its length
            event.end_date += event.start_date - before
    if end_date is not None:
        event.end_date = validate.optional_date(end_date)
    validate.date_range(event.start_date, event.end_date)
    if date is not None:
        interactions.refuse_done_before(session, FollowUp.event_id, event.start_date, event.id,
                                        event.name)
        _refuse_came_after_today(session, event)
    if name is not None or date is not None:
        _refuse_twin(session, event.name, event.start_date, but=event.id)
    if kind is not None:
        event.kind = EventKind.parse(kind).value
    if venue is not None:
        event.venue = validate.text(venue, "venue", 300)
    if city is not None:
        event.city = validate.text(city, "city", 200)
    if country is not None:
        event.country = validate.optional(validate.country, country)
    if notes is not None:
        event.notes = validate.note(notes)
    _link_campaigns(session, event, campaigns)
    for c in remove_campaigns:
        _unlink_campaign(session, event, c)
    for sector in remove_sectors_present:
        remove_sector_present(event, sector)
    for sector, described, description in sector_present_specs(sectors_present):
        if add_sector_present(event, sector, description) is None and described:
            value = Sector.parse(sector).value  # already present: the description changes
            present = next(p for p in event.sectors_present if p.sector == value)
            present.description = validate.text(description, "description", 300)
    moved, review = _follow_date(session, event, before)
    session.flush()
    dated = date is not None or end_date is not None
    linked = {refs.campaign(session, c).id for c in campaigns}
    return EventEdit(event, moved, review, outside_campaigns(
        event, [c for c in event.campaigns if dated or c.id in linked]))


def outside_campaigns(event: Event, campaigns: Sequence[Campaign] | None = None) -> list[str]:
    """What to warn of when an event is dated outside the dates of a campaign it belongs to
    (of ``campaigns`` among them, when given): recorded all the same, as a date or a link may
    be what is wrong, or the campaign's dates may be only planned ones."""
    first, last = event.start_date, event.end_date or event.start_date
    warnings = []
    for c in event.campaigns if campaigns is None else campaigns:
        if (c.start_date and first < c.start_date) or (c.end_date and last > c.end_date):
            days = (f"{first} to {last}" if last != first else f"{first}")
            span = (f"{c.start_date} to {c.end_date}" if c.start_date and c.end_date
                    else f"from {c.start_date}" if c.start_date else f"to {c.end_date}")
            warnings.append(f"{event.name} ({days}) falls outside the dates of "
                            f"{c.acronym or c.name} ({span})")
    return warnings


class EventEdit(NamedTuple):
    """An edited event, and what its new date (if any) did to its attendances."""

    event: Event
    #: Attendances whose organization, taken from the person's post, followed the new date
    organizations_moved: int
    #: Attendances recorded before that was kept, whose organization is the person's post on
    #: the old date and not on the new one: left as they are, to be reviewed
    organizations_to_review: int
    #: Warnings: its new dates, or a campaign it was linked to, outside a campaign's dates
    outside_campaigns: list[str]


def _refuse_came_after_today(session: Session, event: Event) -> None:
    """An event moved after today cannot keep people recorded as having come, or not."""
    from stakeholders.services.attendance import upcoming

    if not upcoming(event):
        return
    came = count(session, (Attendance.event_id == event.id) & Attendance.status.in_(HAPPENED))
    if came:
        raise Invalid(f"{event.name} would be on {event.start_date}, after today, where "
                      f"{counted(came, 'attendance')} {'records' if came == 1 else 'record'} "
                      "someone as attended or a no-show; correct the date, or their status "
                      "first (attendance edit --status)")


def _follow_date(session: Session, event: Event, before: dt.date) -> tuple[int, int]:
    """After the event's date moved from ``before``, its attendances follow the person's post
    on the new date (see :func:`follow_posts`). Two statements to read, however many
    attendances."""
    if event.start_date == before:
        return 0, 0
    attendances = session.scalars(
        select(Attendance).where(Attendance.event_id == event.id,
                                 Attendance.organization_defaulted.isnot(False))
        .options(selectinload(Attendance.person).selectinload(Person.affiliations))
    ).all()
    return follow_posts((a, event.start_date, _org_on(a.person, before)) for a in attendances)


class PostThen(NamedTuple):
    """An attendance that may follow its person's posts, before a change of them."""

    attendance: Attendance
    #: its event's date
    day: dt.date
    #: the organization of the person's post on that day, before the change
    organization_id: int | None


def posts_then(session: Session, person: Person) -> list[PostThen]:
    """The person's attendances whose organization was not given (``--org``), with the
    organization of their post on each event's date as the posts are now: read before
    changing the posts, then given to :func:`follow_changed_posts`. One statement (the person's
    affiliations are read with the person)."""
    rows = session.execute(
        select(Attendance, Event.start_date).join(Event, Event.id == Attendance.event_id)
        .where(Attendance.person_id == person.id,
               Attendance.organization_defaulted.isnot(False))
    ).all()
    return [PostThen(a, day, _org_on(person, day)) for a, day in rows]


def follow_changed_posts(before: Iterable[PostThen]) -> tuple[int, int]:
    """After a change of a person's posts, the attendances of ``before`` (see
    :func:`posts_then`) on whose event's date the post is now another follow it (see
    :func:`follow_posts`); those on whose date the change made no difference stay as they
    are."""
    return follow_posts(p for p in before
                        if p.organization_id != _org_on(p.attendance.person, p.day))


def follow_posts(attendances: Iterable[tuple[Attendance, dt.date, int | None]]
                 ) -> tuple[int, int]:
    """After a change of an event's date or of a person's posts, give each attendance whose
    organization was taken from the person's post on the event's date (``attendance add``
    without ``--org``) the organization of their post on ``day``, the event's date (or none);
    one given stays. Attendances recorded before that was kept are only counted, when the
    post before the change (the organization given with each) gave their organization and
    the post now gives another. Returns (moved, to review)."""
    moved = review = 0
    for a, day, was in attendances:
        if a.organization_defaulted:
            moved += take_post_on(a, day)
        elif was == a.organization_id != _org_on(a.person, day):
            review += 1
    return moved, review


def take_post_on(attendance: Attendance, day: dt.date) -> bool:
    """Give an attendance the organization of its person's post on ``day`` (none without one),
    as ``attendance add`` takes it; whether that changed it. Following the event is no edit of
    the attendance: its time stays, so that an import or a merge that recorded it can still be
    undone (undo refuses rows edited since)."""
    now = _org_on(attendance.person, day)
    if now == attendance.organization_id:
        return False
    attendance.organization_id = now
    attendance.updated_at = Attendance.updated_at
    return True


def holds_post_on_event_date(attendance: Attendance) -> bool:
    """Whether an attendance's organization is its person's post on its event's date (or none
    without one), as :func:`take_post_on` gives it."""
    return attendance.organization_id == _org_on(attendance.person, attendance.event.start_date)


def _org_on(person: Person, day: dt.date) -> int | None:
    post = affiliation_at(person, day)
    return post.organization_id if post else None


def _refuse_both_ways(session: Session, added: Sequence[str], removed: Sequence[str]) -> None:
    """One edit does not both link and unlink a campaign: which was meant is anyone's guess
    (and the one applied last would silently win)."""
    taken_off = {refs.campaign(session, c).id for c in removed}
    for ref in added:
        campaign = refs.campaign(session, ref)
        if campaign.id in taken_off:
            raise Invalid(f"--campaign and --remove-campaign both name {campaign.name}; "
                          "give one of them")


def _unlink_campaign(session: Session, event: Event, ref: str) -> None:
    campaign = refs.campaign(session, ref)
    if campaign not in event.campaigns:
        raise Conflict(f"{event.name} is not part of {campaign.name}")
    event.campaigns.remove(campaign)


def list_events(
    session: Session,
    *,
    campaigns: Sequence[str] = (),
    start: str | None = None,
    end: str | None = None,
) -> list[dict]:
    """Events by date, with their campaigns and attendance counts (two statements); with
    ``campaigns``, those of any of them."""
    attendances = (
        select(func.count(Attendance.id)).where(Attendance.event_id == Event.id)
        .correlate(Event).scalar_subquery()
    )
    query = select(Event, attendances).order_by(Event.start_date, Event.id)
    if campaigns:
        linked = select(EventCampaign.event_id).where(
            EventCampaign.campaign_id.in_({refs.campaign(session, c).id for c in campaigns}))
        query = query.where(Event.id.in_(linked))
    first, last = validate.optional_date(start), validate.optional_date(end)
    validate.date_range(first, last)
    if first:
        query = query.where(func.coalesce(Event.end_date, Event.start_date) >= first)
    if last:
        query = query.where(Event.start_date <= last)
    rows = session.execute(query).all()
    labels = _campaign_labels(session, [e.id for e, _ in rows])
    return [
        {"id": e.id, "name": e.name, "kind": e.kind, "start_date": e.start_date,
         "end_date": e.end_date, "city": e.city, "country": e.country,
         "campaigns": labels.get(e.id, []), "attendances": n}
        for e, n in rows
    ]


def _campaign_labels(session: Session, event_ids: Sequence[int]) -> dict[int, list[str]]:
    """event id -> the acronyms (else names) of its campaigns, in one statement."""
    if not event_ids:
        return {}
    found: dict[int, list[str]] = {}
    for event_id, acronym, name in sorted(session.execute(
        select(EventCampaign.event_id, Campaign.acronym, Campaign.name)
        .join(Campaign, Campaign.id == EventCampaign.campaign_id)
        .where(EventCampaign.event_id.in_(event_ids))
    ), key=lambda r: fold(r.acronym or r.name)):
        found.setdefault(event_id, []).append(acronym or name)
    return found


def event_detail(session: Session, ref: str) -> dict:
    """Everything ``event show`` prints: the event, its campaigns, the sectors present and the
    attendance counted by status."""
    event = refs.event(session, ref)
    campaigns = sorted(session.execute(
        select(Campaign.id, Campaign.name, Campaign.acronym)
        .join(EventCampaign, EventCampaign.campaign_id == Campaign.id)
        .where(EventCampaign.event_id == event.id)
    ), key=lambda r: fold(r.name))
    sectors = session.execute(  # by name, as the attendee report lists them
        select(EventSector.sector, EventSector.description)
        .where(EventSector.event_id == event.id).order_by(EventSector.sector)
    ).all()
    by_status = dict(session.execute(
        select(Attendance.status, func.count())
        .where(Attendance.event_id == event.id).group_by(Attendance.status)
    ).all())
    return {
        "id": event.id, "name": event.name, "kind": event.kind,
        "start_date": event.start_date, "end_date": event.end_date, "venue": event.venue,
        "city": event.city, "country": event.country, "notes": event.notes,
        "attendances": sum(by_status.values()),
        "attendance_by_status": {s: by_status[s] for s in Status.values() if s in by_status},
        "statements": count(session, Statement.event_id == event.id),
        "campaigns": [{"id": i, "name": n, "acronym": a} for i, n, a in campaigns],
        "sectors_present": [{"sector": s, "description": d} for s, d in sectors],
    }


def remove_event(session: Session, ref: str, confirm: Confirm) -> str:
    """Delete an event with its attendances, statements and follow-ups (and its campaign
    links); interactions logged at it stay without it. When anything refers to it,
    ``confirm`` is asked first (it raises to refuse). Returns what was removed, in words."""
    event = refs.event(session, ref)
    removes = {
        "attendance": count(session, Attendance.event_id == event.id),
        "statement": count(session, Statement.event_id == event.id),
        "follow-up": count(session, FollowUp.event_id == event.id),
    }
    clears = {"interaction": count(session, Interaction.event_id == event.id)}
    question = warning(f"{event.name} (#{event.id})", removes=removes, clears=clears,
                       pronoun="it")
    if question:
        confirm(question)
    audit.cascading(session, Event.__table__, [event.id])
    session.delete(event)
    session.flush()
    return with_what(f"#{event.id} {event.name}", removes, clears)
