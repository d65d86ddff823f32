"""Reports: attendees of an event, who spoke where, engagement histories of a person or an
organization, campaign summaries, and sign-in sheets.

Every report is a plain mapping (headline values and lists of records with stable snake_case
keys, documented in the README) built with a fixed number of SQL statements whatever the size
of the data: one joined SELECT for the attendances, then at most a few bulk queries keyed by
the same filter (affiliations, statements) whose results are matched up in Python. Nothing is
lazy-loaded in a loop.

The position a person held at an event comes from their affiliations on the event date, not
from today's post: the affiliation to the organization they came for, else their primary
affiliation current then, else none (see :func:`stakeholders.services.people.attended_as`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, case, distinct, func, or_, select, union
from sqlalchemy.orm import Session, aliased

from stakeholders import clock, validate
from stakeholders.errors import Invalid
from stakeholders.models import (
    Affiliation,
    Attendance,
    Campaign,
    CampaignPartner,
    ContactPoint,
    Event,
    EventCampaign,
    EventSector,
    Organization,
    Person,
    Statement,
)
from stakeholders.names import display_name
from stakeholders.services import erasure, refs
from stakeholders.services.people import attended_as, held_today
from stakeholders.services.sorting import by_family_name, bytewise
from stakeholders.text import fold
from stakeholders.vocab import SPOKE, PartnerRole, Role, StatementKind, Status

#: Statuses of people who were not there (left out of speakers and sign-in sheets).
ABSENT = (Status.NO_SHOW.value, Status.DECLINED.value, Status.CANCELLED.value)
#: What ``attendees --by`` can group on: the row key holding the group.
GROUPINGS = ("organization", "sector", "role")
#: The sector shown for people who came for no recorded organization.
NO_SECTOR = "none"

Row = dict[str, Any]


# -- attendances: one joined SELECT, positions from one bulk query ---------------------------


def _held_order():
    """The speaking order an attendance holds: none for whoever declined, cancelled or did not
    show (their order is kept, for when they are back on the programme, but is no slot they
    took)."""
    return case((Attendance.status.in_(ABSENT), None), else_=Attendance.speaking_order)


def _attendance_select(*where):
    proxy = aliased(Person)
    return (
        select(
            Attendance.event_id, Event.name.label("event"), Event.start_date.label("date"),
            Attendance.person_id, Person.honorific, Person.title, Person.full_name,
            Attendance.organization_id, Organization.name.label("organization"),
            Organization.sector, Attendance.role, Attendance.status,
            _held_order().label("speaking_order"),
            proxy.honorific.label("proxy_honorific"), proxy.title.label("proxy_title"),
            proxy.full_name.label("proxy_name"),
        )
        .join(Event, Event.id == Attendance.event_id)
        .join(Person, Person.id == Attendance.person_id)
        .outerjoin(Organization, Organization.id == Attendance.organization_id)
        .outerjoin(proxy, proxy.id == Attendance.on_behalf_of_id)
        .where(*where)
    )


def _in_speaking_order() -> tuple:
    """Speakers by their order (unordered last), then everyone by family name."""
    return (_held_order().is_(None), _held_order(),
            *by_family_name(Person.family_key, Person.name_key), Person.id)


def _attendances(session: Session, where: Sequence, order: Sequence, *,
                 position_of: int | None = None) -> list[Row]:
    """The attendances matching ``where``, each with the position held on the event date: the
    attendee's own, or with ``position_of`` that person's (a person's history, which also
    holds the attendances of those who came on their behalf: such a row names the post that
    person held then and its organization, which may not be the one their representative
    came for)."""
    query = _attendance_select(*where)
    rows = session.execute(query.order_by(*order)).all()
    people = ([position_of] if position_of is not None
              else query.with_only_columns(Attendance.person_id).distinct())
    affiliations: dict[int, list] = defaultdict(list)
    for a in session.execute(
        select(Affiliation.person_id, Affiliation.organization_id, Affiliation.position,
               Affiliation.start_date, Affiliation.end_date, Affiliation.is_primary,
               Organization.name.label("organization"))
        .join(Organization, Organization.id == Affiliation.organization_id)
        .where(Affiliation.person_id.in_(people))
    ):
        affiliations[a.person_id].append(a)
    return [_attendance_row(r, affiliations[position_of or r.person_id],
                            represented=position_of not in (None, r.person_id))
            for r in rows]


def _attendance_row(r, affiliations: list, *, represented: bool = False) -> Row:
    """``represented``: the row of someone who came on behalf of the person whose
    ``affiliations`` these are, shown with that person's own post then (the one at the
    organization the representative came for, else their primary one) and its
    organization, or none when they held no post then (never the one the representative
    came for, which would place them there)."""
    held = attended_as(affiliations, r.date, r.organization_id)
    if represented:
        organization = held.organization if held else None
    else:
        organization = r.organization
    proxy = display_name(r.proxy_honorific, r.proxy_title, r.proxy_name) if r.proxy_name else None
    return {
        "event_id": r.event_id,
        "event": r.event,
        "date": r.date,
        "person_id": r.person_id,
        "person": display_name(r.honorific, r.title, r.full_name),
        "honorific": r.honorific,
        "title": r.title,
        "organization": organization,
        "position": held.position if held else None,
        "sector": r.sector,
        "role": r.role,
        "status": r.status,
        "on_behalf_of": proxy,
        "speaking_order": r.speaking_order,
    }


def _only(row: Row, keys: Sequence[str]) -> Row:
    return {k: row[k] for k in keys}


def _event_headline(event: Event) -> Row:
    return {"event_id": event.id, "event": event.name, "date": event.start_date,
            "city": event.city}


# -- attendees --------------------------------------------------------------------------------

ATTENDEE_KEYS = ("person_id", "person", "honorific", "title", "organization", "position",
                 "sector", "role", "status", "on_behalf_of", "speaking_order")


def attendees(
    session: Session,
    event_ref: str,
    *,
    by: str | None = None,
    statuses: Sequence[str] = (),
    roles: Sequence[str] = (),
    with_speakers: bool = False,
) -> Row:
    """Everyone recorded at an event (filtered by status and role), grouped if asked, with
    the count of attended people per sector and the sectors present without named people.
    ``with_speakers`` adds the speakers among them with their statements, the statuses and
    roles kept (``selection``) and the event's last day (``end_date``, of an event of several
    days), for the HTML and XLSX pages, which show and name them."""
    if by is not None and by not in GROUPINGS:
        raise Invalid(f"cannot group by {by!r}; choose one of: {', '.join(GROUPINGS)}")
    event = refs.event(session, event_ref)
    kept = {"statuses": list(dict.fromkeys(Status.parse(s).value for s in statuses)),
            "roles": list(dict.fromkeys(Role.parse(r).value for r in roles))}
    where = [Attendance.event_id == event.id]
    if statuses:
        where.append(Attendance.status.in_(kept["statuses"]))
    if roles:
        where.append(Attendance.role.in_(kept["roles"]))
    rows = [_only(r, ATTENDEE_KEYS) for r in _attendances(session, where, _in_speaking_order())]
    report = _event_headline(event)
    if by is None:
        report["attendees"] = rows
    else:
        report["attendees"] = sorted(rows, key=lambda r: _group_order(by, r[by]))
        report["groups"] = _group_counts(report["attendees"], by)
    present = _sectors_present(session, event.id)
    if present:
        report["also_present"] = present
    report["total"] = len(rows)
    report["attended_by_sector"] = _attended_by_sector(rows)
    if with_speakers:  # the speakers among the people listed, as filtered
        report["speakers"] = _speaker_rows(session, _spoke_and_came(where))
        report["selection"] = kept
        report["end_date"] = event.end_date
    return report


#: Roles in the order of a programme: who spoke, presented, moderated, organized, then the
#: audience (as ``--role`` lists them), not the alphabet's, which would put the audience first.
_ROLE_RANK = {role: i for i, role in enumerate(Role.values())}


def _group_order(by: str, value: str | None) -> tuple:
    """Groups by name, the rows of no organization or sector last; roles in programme order."""
    if by == "role":
        return (value is None, _ROLE_RANK.get(value, len(_ROLE_RANK)), value or "")
    return (value is None, fold(value))


def _group_counts(rows: Sequence[Row], by: str) -> list[Row]:
    counts = Counter(r[by] for r in rows)  # rows are already in group order
    return [{by: group, "count": n} for group, n in counts.items()]


def _attended_by_sector(rows: Sequence[Row]) -> dict[str, int]:
    counts = Counter(r["sector"] or NO_SECTOR for r in rows
                     if r["status"] == Status.ATTENDED.value)
    return dict(sorted(counts.items(), key=lambda kv: _sector_order(kv[0])))


def _sector_order(sector: str) -> tuple:
    """Sectors by name, the people of no sector last (as ``--by`` puts its empty group)."""
    return (sector == NO_SECTOR, sector)


def _sectors_present(session: Session, event_id: int) -> list[Row]:
    """Sectors said to be present without named people ("the diplomatic community")."""
    return [
        {"sector": s.sector, "description": s.description}
        for s in session.execute(
            select(EventSector.sector, EventSector.description)
            .where(EventSector.event_id == event_id).order_by(EventSector.sector)
        )
    ]


# -- speakers ---------------------------------------------------------------------------------

SPEAKER_ROW_KEYS = ("event_id", "event", "date", "speaking_order", "person_id", "person",
                    "position", "organization", "role", "on_behalf_of")
SPEAKER_KEYS = (*SPEAKER_ROW_KEYS, "speaker", "statements")


def speakers(
    session: Session,
    *,
    events: Sequence[str] = (),
    campaign: str | None = None,
    date_from: str | dt.date | None = None,
    date_to: str | dt.date | None = None,
    with_selection: bool = False,
) -> Row:
    """Who spoke or presented, or said something recorded there (a moderator, say), event by
    event in date order and in speaking order, with their role, whom they spoke for and what
    they said. Without filters: every event. ``with_selection`` adds what was chosen
    (``selection``: the campaign, events and days) for the HTML and XLSX pages, which name it
    in their heading."""
    where: list = []
    chosen: dict[str, Any] = {"campaign": None, "acronym": None, "events": [], "from": None,
                              "to": None}
    if events:
        found = {e.id: e for e in (refs.event(session, ref) for ref in events)}
        where.append(Attendance.event_id.in_(found))
        chosen["events"] = [e.name for e in found.values()]
    if campaign is not None:
        found_campaign = refs.campaign(session, campaign)
        where.append(Attendance.event_id.in_(_campaign_events(found_campaign)))
        chosen["campaign"], chosen["acronym"] = found_campaign.name, found_campaign.acronym
    start = validate.optional_date(date_from)
    end = validate.optional_date(date_to)
    validate.date_range(start, end)
    if start:  # as `event list`: an event still running that day counts
        where.append(func.coalesce(Event.end_date, Event.start_date) >= start)
    if end:
        where.append(Event.start_date <= end)
    report: dict[str, Any] = {"speakers": _speaker_rows(session, _spoke_and_came(where))}
    if with_selection:
        report["selection"] = {**chosen, "from": start, "to": end}
    return report


def _spoke_and_came(where: Sequence) -> list:
    """The attendances, among those ``where`` picks (conditions on attendances and their
    events), of people who spoke at an event and were there: its speakers and presenters, and
    anyone else recorded as saying something there (a moderator's welcome, a question from the
    floor), whose words a report of who said what must not drop.

    One condition, part of the same SELECT, so the reports keep their number of statements: a
    union of the two kinds, each found by an index (speakers by the (event, role, status)
    index, those who said something from their statements). An OR of the two in the SELECT
    itself made SQLite read every attendance of the events chosen, three times slower on a
    campaign of 50,000 attendances."""
    def came(*more):
        return (select(Attendance.id).join(Event, Event.id == Attendance.event_id)
                .where(*where, Attendance.status.not_in(ABSENT), *more).correlate(None))

    said = came().join(Statement, and_(Statement.event_id == Attendance.event_id,
                                       Statement.person_id == Attendance.person_id))
    return [Attendance.id.in_(union(came(Attendance.role.in_(SPOKE)), said))]


def _campaign_events(campaign: Campaign):
    return select(EventCampaign.event_id).where(EventCampaign.campaign_id == campaign.id)


def _speaker_rows(session: Session, where: Sequence) -> list[Row]:
    order = (Event.start_date, Event.id, *_in_speaking_order())
    rows = _attendances(session, where, order)
    said = _statements(session, _attendance_select(*where))
    return [
        {**_only(r, SPEAKER_ROW_KEYS), "speaker": speaker_line(r),
         "statements": said.get((r["event_id"], r["person_id"]), [])}
        for r in rows
    ]


def speaker_line(row: Row) -> str:
    """'Ms. Nicole Guihot, Acting Deputy High Commissioner, for H.E. Ms. Margaret Adamson'."""
    parts = [row["person"], row["position"]]
    if row["on_behalf_of"]:
        parts.append(f"for {row['on_behalf_of']}")
    return ", ".join(p for p in parts if p)


def _statements(session: Session, attendances) -> dict[tuple[int, int], list[str]]:
    """What each (event, person) of ``attendances`` said, in order: verbatim words in
    quotation marks, summaries as written."""
    pairs = attendances.with_only_columns(Attendance.event_id).distinct()
    said: dict[tuple[int, int], list[str]] = defaultdict(list)
    for s in session.execute(
        select(Statement.event_id, Statement.person_id, Statement.kind, Statement.text)
        .where(Statement.event_id.in_(pairs), Statement.person_id.is_not(None))
        .order_by(Statement.sequence, Statement.id)
    ):
        said[(s.event_id, s.person_id)].append(_quoted(s.kind, s.text))
    return said


def _quoted(kind: str, text: str) -> str:
    return f"“{text}”" if kind == StatementKind.VERBATIM.value else text


# -- sign-in sheet ----------------------------------------------------------------------------


SHEET_KEYS = ("no", "name", "organization", "position", "signature", "email")


def sheet(session: Session, event_ref: str) -> Row:
    """A sign-in sheet: everyone expected (invited, registered or attended), by family name,
    with blank signature and email columns to fill in at the door. A forgotten person's
    placeholder has no line: it keeps counts true, but no one signs for it."""
    event = refs.event(session, event_ref)
    where = [Attendance.event_id == event.id, Attendance.status.not_in(ABSENT),
             ~erasure.is_placeholder()]
    order = (*by_family_name(Person.family_key, Person.name_key), Person.id)
    rows = _attendances(session, where, order)
    report = _event_headline(event)
    report["sheet"] = [
        dict(zip(SHEET_KEYS, (i, r["person"], r["organization"], r["position"], "", "")))
        for i, r in enumerate(rows, 1)
    ]
    return report


# -- person -----------------------------------------------------------------------------------

PERSON_EVENT_KEYS = ("event_id", "event", "date", "organization", "position", "role", "status",
                     "on_behalf_of", "represented_by", "speaking_order")


def person(session: Session, ref: str, *, today: dt.date | None = None) -> Row:
    """A person's engagement history: affiliations over time, every event with role and status
    (also those where someone came on their behalf: ``represented_by`` names them, and the role
    and status are theirs), what they said, how to reach them and whether they may be written
    to; then the logged interactions, open follow-ups (overdue as of ``today``) and
    assessments."""
    p = refs.person(session, ref)
    events = [_as_history_of(p.id, r) for r in _attendances(
        session, [or_(Attendance.person_id == p.id, Attendance.on_behalf_of_id == p.id)],
        (Event.start_date, Event.id, Attendance.id), position_of=p.id)]
    return {
        "person_id": p.id,
        "person": display_name(p.honorific, p.title, p.full_name),
        "honorific": p.honorific,
        "title": p.title,
        "given_name": p.given_name,
        "family_name": p.family_name,
        "do_not_email": p.do_not_email,
        "do_not_contact": p.do_not_contact,
        "contact_points": _contact_points(session, p.id),
        "affiliations": _affiliations(session, Affiliation.person_id == p.id,
                                      (Affiliation.end_date.is_(None).desc(),
                                       Affiliation.end_date.desc()), today),
        "events": [_only(r, PERSON_EVENT_KEYS) for r in events],
        "statements": _person_statements(session, p.id),
        **_engagement(session, today, person=p),
    }


def _as_history_of(person_id: int, row: Row) -> Row:
    """An attendance row as part of ``person_id``'s history: their own, or one made on their
    behalf (then it names who represented them, not whom they represented)."""
    if row["person_id"] == person_id:
        return {**row, "represented_by": None}
    return {**row, "on_behalf_of": None, "represented_by": row["person"]}


def _engagement(session: Session, today: dt.date | None, *, person: Person | None = None,
                org: Organization | None = None) -> Row:
    """Interactions with a person or organization, their open follow-ups and the assessment
    history: a fixed handful of statements (see the services they come from)."""
    from stakeholders.services import assessments, followups, interactions

    who = {"person": f"#{person.id}"} if person else {"org": f"#{org.id}"}
    return {
        "interactions": interactions.list_interactions(session, **who),
        "open_follow_ups": followups.list_follow_ups(session, today=today or clock.today(),
                                                     is_open=True, **who),
        "assessments": assessments.history(session, person_id=person and person.id,
                                           org_id=org and org.id),
    }


def _contact_points(session: Session, person_id: int) -> list[Row]:
    return [
        dict(c._mapping)
        for c in session.execute(
            select(ContactPoint.kind, ContactPoint.value, ContactPoint.label,
                   ContactPoint.is_primary.label("primary"))
            .where(ContactPoint.person_id == person_id)
            .order_by(ContactPoint.kind, ContactPoint.is_primary.desc(), ContactPoint.id)
        )
    ]


def _affiliations(session: Session, where, then: Sequence, today: dt.date | None) -> list[Row]:
    """Affiliations with person and organization, current ones (begun by ``today`` and not
    ended before it: a post someone is to take up later is not theirs yet) first, then in the
    order ``then`` gives."""
    current = held_today(today)
    rows = session.execute(
        select(Affiliation.person_id, Person.honorific, Person.title, Person.full_name,
               Organization.name.label("organization"), Affiliation.position,
               Affiliation.start_date, Affiliation.end_date,
               Affiliation.is_primary.label("primary"), current.label("current"))
        .join(Person, Person.id == Affiliation.person_id)
        .join(Organization, Organization.id == Affiliation.organization_id)
        .where(where)
        .order_by(current.desc(), *then, Affiliation.start_date.is_(None),
                  Affiliation.start_date.desc(), Affiliation.id)
    )
    return [
        {"person_id": a.person_id, "person": display_name(a.honorific, a.title, a.full_name),
         "organization": a.organization, "position": a.position, "start_date": a.start_date,
         "end_date": a.end_date, "primary": a.primary, "current": bool(a.current)}
        for a in rows
    ]


def _person_statements(session: Session, person_id: int) -> list[Row]:
    return [
        dict(s._mapping)
        for s in session.execute(
            select(Event.start_date.label("date"), Event.name.label("event"), Statement.kind,
                   Statement.text)
            .join(Event, Event.id == Statement.event_id)
            .where(Statement.person_id == person_id)
            .order_by(Event.start_date, Event.id, Statement.sequence, Statement.id)
        )
    ]


# -- organization -----------------------------------------------------------------------------

ORG_EVENT_KEYS = ("event_id", "event", "date", "person_id", "person", "position", "role",
                  "status", "on_behalf_of")


def organization(session: Session, ref: str, *, today: dt.date | None = None) -> Row:
    """An organization's engagement: its people (current and former), every attendance by
    anyone who came for it, the roles they held (not by those who did not come), the
    campaigns it is a partner of; then the logged interactions, open follow-ups (overdue as
    of ``today``) and assessments."""
    org = refs.organization(session, ref)
    events = _attendances(session, [Attendance.organization_id == org.id],
                          (Event.start_date, Event.id, *_in_speaking_order()))
    return {
        "organization_id": org.id,
        "organization": org.name,
        "acronym": org.acronym,
        "sector": org.sector,
        "country": org.country,
        "people": [{k: v for k, v in a.items() if k != "organization"}
                   for a in _affiliations(session, Affiliation.organization_id == org.id,
                                          by_family_name(Person.family_key, Person.name_key),
                                          today)],
        "events": [_only(r, ORG_EVENT_KEYS) for r in events],
        "campaigns": _partnerships(session, org.id),
        "roles": _roles_held(events),
        **_engagement(session, today, org=org),
    }


def _roles_held(events: Sequence[Row]) -> dict[str, int]:
    """Role -> how many times someone held it for the organization: a speaker who cancelled,
    declined or did not show held no role, though the attendance is listed with its status."""
    return dict(sorted(Counter(r["role"] for r in events if r["status"] not in ABSENT).items()))


def _partnerships(session: Session, org_id: int) -> list[Row]:
    return [
        {"campaign_id": c.id, "campaign": c.name, "role": c.role}
        for c in session.execute(
            select(Campaign.id, Campaign.name, CampaignPartner.role)
            .join(CampaignPartner, CampaignPartner.campaign_id == Campaign.id)
            .where(CampaignPartner.organization_id == org_id)
            .order_by(bytewise(Campaign.name_key), CampaignPartner.role)
        )
    ]


# -- campaign ---------------------------------------------------------------------------------

CAMPAIGN_SPEAKER_KEYS = ("event_id", "event", "date", "speaking_order", "person_id", "person",
                         "speaker", "organization", "role")


def campaign(session: Session, ref: str, *, with_statements: bool = False) -> Row:
    """A campaign at a glance: partners by role, its events in date order with how many came,
    who spoke (with what they said if ``with_statements``), attendance by sector across the
    events, and how many people it reached."""
    c = refs.campaign(session, ref)
    in_campaign = Attendance.event_id.in_(_campaign_events(c))
    attended = [in_campaign, Attendance.status == Status.ATTENDED.value]
    speakers_where = _spoke_and_came([in_campaign])
    speaker_keys = (*CAMPAIGN_SPEAKER_KEYS, "statements") if with_statements \
        else CAMPAIGN_SPEAKER_KEYS
    return {
        "campaign_id": c.id,
        "campaign": c.name,
        "acronym": c.acronym,
        "start_date": c.start_date,
        "end_date": c.end_date,
        "partners": _partners(session, c.id),
        "events": _campaign_event_counts(session, c),
        "speakers": [_only(r, speaker_keys) for r in _speaker_rows(session, speakers_where)],
        "attendance_by_sector": _sector_counts(session, attended),
        "people_reached": session.scalar(
            select(func.count(distinct(Attendance.person_id))).where(*attended)
        ),
    }


def _partners(session: Session, campaign_id: int) -> list[Row]:
    rank = {role: i for i, role in enumerate(PartnerRole.values())}
    rows = session.execute(
        select(CampaignPartner.role, Organization.id.label("organization_id"),
               Organization.name.label("organization"), Organization.sector)
        .join(Organization, Organization.id == CampaignPartner.organization_id)
        .where(CampaignPartner.campaign_id == campaign_id)
        .order_by(bytewise(Organization.name_key))
    ).all()
    return [dict(r._mapping) for r in sorted(rows, key=lambda r: rank[r.role])]


CAMPAIGN_EVENT_KEYS = ("event_id", "date", "event", "city", "attended")


def _campaign_event_counts(session: Session, c: Campaign) -> list[Row]:
    came = and_(Attendance.event_id == Event.id, Attendance.status == Status.ATTENDED.value)
    columns = (Event.id, Event.start_date, Event.name, Event.city, func.count(Attendance.id))
    return [
        dict(zip(CAMPAIGN_EVENT_KEYS, r))
        for r in session.execute(
            select(*columns)
            .outerjoin(Attendance, came)
            .where(Event.id.in_(_campaign_events(c)))
            .group_by(*columns[:-1])
            .order_by(Event.start_date, Event.id)
        )
    ]


def _sector_counts(session: Session, where: Sequence) -> list[Row]:
    """Attendances and distinct people per sector of the organization they came for."""
    rows = session.execute(
        select(Organization.sector, func.count(Attendance.id).label("attendances"),
               func.count(distinct(Attendance.person_id)).label("people"))
        .select_from(Attendance)
        .outerjoin(Organization, Organization.id == Attendance.organization_id)
        .where(*where)
        .group_by(Organization.sector)
    ).all()
    return sorted(
        ({"sector": r.sector or NO_SECTOR, "attendances": r.attendances, "people": r.people}
         for r in rows),
        key=lambda r: _sector_order(r["sector"]),
    )


#: The columns of each report's CSV (its main rows), so that even an empty report has a header.
CSV_COLUMNS = {
    "attendees": ATTENDEE_KEYS,
    "speakers": SPEAKER_KEYS,
    "person": PERSON_EVENT_KEYS,
    "organization": ORG_EVENT_KEYS,
    "campaign": CAMPAIGN_EVENT_KEYS,
    "sheet": SHEET_KEYS,
}
