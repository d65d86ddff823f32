"""People: names split into honorific, title, given and family; affiliations over time;
contact points and mailing flags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, joinedload

from stakeholders import clock, validate
from stakeholders.errors import Conflict, Usage
from stakeholders.models import (
    Affiliation,
    Assessment,
    Attendance,
    ContactPoint,
    Event,
    InteractionParticipant,
    Organization,
    Person,
    PersonTag,
    Statement,
    Tag,
)
from stakeholders.names import display_name, parse_name, post_nominals
from stakeholders.services import audit, contacts, refs, tags as tag_service
from stakeholders.services.removal import Confirm, count, warning, with_what
from stakeholders.services.sorting import by_family_name, bytewise
from stakeholders.text import counted, fold, found_in, holding
from stakeholders.vocab import ContactKind, MergeKind, Sector


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
    no_contact: bool = False,
    notes: str | None = None,
) -> Person:
    """Create a person. The name is split by the parser; explicit parts win. Everything given
    is checked before the person is written, so that a refused one takes no id (PostgreSQL's
    sequences do not give an id back when the transaction rolls back)."""
    person = Person(notes=validate.note(notes))
    _set_name(person, name)
    _override_name_parts(person, given=given, family=family, honorific=honorific, title=title)
    if position and not org:
        raise Usage("--position needs --org")
    joined = refs.organization_to_join(session, org) if org else None
    region = contacts.phone_region(region, joined)
    for e in emails:
        contacts.add(person, ContactKind.EMAIL, e)
    for p in phones:
        contacts.add(person, ContactKind.PHONE, p, region=region)
    for h in handles:
        contacts.add(person, ContactKind.SOCIAL, h)
    labels = tag_service.get_or_create(session, tags)  # the person is not in the session yet
    session.add(person)
    if joined is not None:
        affiliate(session, person, joined, position=position, primary=True)
    person.tags.extend(labels)  # a new person's first tags, each once
    if no_email:
        set_no_email(person, True)
    if no_contact:
        set_no_contact(person, True)
    session.flush()
    return person


def _primary_organization(person: Person) -> Organization | None:
    primary = [a for a in person.affiliations if a.is_primary and a.end_date is None]
    return primary[0].organization if primary else None


def add_person_noting_alikes(session: Session, name: str, **fields: Any
                             ) -> tuple[Person, list[tuple[Person, str]], dict[str, int]]:
    """:func:`add_person`, the people who may already be them (:func:`look_alikes`), and how
    many of their email addresses are on the suppression list (which exports leave out), by
    the reason they were listed for."""
    # suppressions reads consents, whose module imports this one
    from stakeholders.services import suppressions

    person = add_person(session, name, **fields)
    return person, look_alikes(session, person), suppressions.listed_reasons(session, person.id)


def look_alikes(session: Session, person: Person) -> list[tuple[Person, str]]:
    """Other people who may be ``person`` under another record: one who uses one of their
    email addresses (as a reference by email finds them), or one of the same name at one of
    their organizations (as an ingested name is checked, at full score). Adding them is
    allowed (an office address is often shared); the caller says so."""
    from stakeholders.services import duplicates

    emails = [p.value_key for p in person.contact_points if p.kind == ContactKind.EMAIL]
    found: dict[int, tuple[Person, str]] = {}
    for other in refs.people_with_email(session, emails) if emails else ():
        if other.id != person.id:
            found.setdefault(other.id, (other, "the same email"))
    for org_id in sorted({a.organization_id for a in person.affiliations}):
        for pid, _ in duplicates.similar_people(session, person.full_name, org_id, threshold=100):
            if pid != person.id:
                found.setdefault(pid, (session.get(Person, pid),
                                       "the same name and organization"))
    return sorted(found.values(), key=lambda pair: pair[0].id)


def _set_name(person: Person, name: str) -> None:
    """Every name field from one written name ("H.E. Ms. Margaret Adamson")."""
    written = validate.unmarked(validate.required_text(name, "name", 400), "name")
    parsed = parse_name(written)  # (it refuses "." too)
    person.honorific = parsed.honorific
    person.title = parsed.title
    person.given_name = validate.text(parsed.given, "given name", 200)
    person.family_name = validate.text(parsed.family, "family name", 200)
    person.full_name = parsed.full_name


def _override_name_parts(
    person: Person,
    *,
    given: str | None,
    family: str | None,
    honorific: str | None,
    title: str | None,
) -> None:
    """Explicit parts win over the parser; '' clears one. The display name then follows the
    given and family names, keeping the letters written after the name ("Chris Turner CMG")."""
    if honorific is not None:
        person.honorific = validate.plain(honorific, "honorific", 50)
    if title is not None:
        person.title = validate.plain(title, "title", 50)
    if given is None and family is None:
        return
    if given is not None:
        person.given_name = validate.text(given, "given name", 200)
    if family is not None:
        person.family_name = validate.text(family, "family name", 200)
    letters = post_nominals(person.full_name or "")
    core = " ".join(p for p in (person.given_name, person.family_name) if p)
    person.full_name = validate.person_name(validate.person_name(core) + letters)


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
    position = validate.plain(position, "position", 300)
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


def held_today(today: dt.date | None = None):
    """SQL: the affiliation is held today (or on the day given): begun (no start date, or one
    passed: a post to be taken up next month is not held yet) and not ended (no end date, or
    one still to come: a contract known to end next year is held now); :func:`_current` in
    Python."""
    today = today or clock.today()
    return and_(or_(Affiliation.start_date.is_(None), Affiliation.start_date <= today),
                or_(Affiliation.end_date.is_(None), Affiliation.end_date >= today))


def current_affiliation_id():
    """SQL, correlated to ``Person``: the id of the person's current affiliation by the rule of
    :func:`pick_affiliation` with no date (held today, primary first, then the latest started,
    then the first recorded), for statements that read many people at once."""
    return (
        select(Affiliation.id)
        .where(Affiliation.person_id == Person.id, held_today())
        .order_by(Affiliation.is_primary.desc(), Affiliation.start_date.is_(None),
                  Affiliation.start_date.desc(), Affiliation.id)
        .limit(1)
        .correlate(Person)
        .scalar_subquery()
    )


def pick_affiliation(affiliations: Iterable[T], when: dt.date | None) -> T | None:
    """Of ``affiliations`` (objects or rows with the Affiliation columns), the one current on
    ``when``: the primary one, then the latest started; with no ``when``, the one held today.
    Pure but for the clock, so reports can apply it to rows fetched in bulk."""
    when = clock.today() if when is None else when
    return max((a for a in affiliations if _current(a, when)), key=_rank, default=None)


def promote_current_post(person: Person) -> None:
    """When none of the person's posts is primary (the primary one was taken off, or went
    with its organization), the one held today (see :func:`pick_affiliation`) becomes it."""
    if not any(a.is_primary for a in person.affiliations):
        successor = pick_affiliation(person.affiliations, None)
        if successor is not None:
            successor.is_primary = True


def attended_as(affiliations: Iterable[T], when: dt.date | None,
                organization_id: int | None) -> T | None:
    """Of ``affiliations``, the post shown beside an attendance of ``when`` for
    ``organization_id``: the one to that organization current then (primary first, then the
    latest started), else the primary one current then, else none. Never another post
    elsewhere, whose position would be read as held at the organization shown. Pure, as
    :func:`pick_affiliation`."""
    when = clock.today() if when is None else when
    candidates = [a for a in affiliations if _current(a, when)]
    at_org = [a for a in candidates
              if organization_id is not None and a.organization_id == organization_id]
    if at_org:
        return max(at_org, key=_rank)
    return max((a for a in candidates if a.is_primary), key=_rank, default=None)


def _current(a, when: dt.date) -> bool:
    return (a.start_date is None or a.start_date <= when) and (
        a.end_date is None or a.end_date >= when
    )


def _rank(a) -> tuple:
    return (a.is_primary, a.start_date or dt.date.min)


def find_by_name(session: Session, name: str) -> list[Person]:
    from stakeholders.names import name_key

    return list(session.scalars(select(Person).where(Person.name_key == name_key(name))))


# -- listing and showing ------------------------------------------------------------------------


#: People fetched, with their affiliations, contact points and tags, per round of list queries.
LIST_CHUNK = 500
#: The fields of each person ``list_people`` yields, in order (a CSV header even when none match).
PERSON_COLUMNS = ["id", "name", "honorific", "title", "given_name", "family_name", "organization",
                  "position", "email", "phone", "tags", "do_not_email", "do_not_contact"]


def list_people(
    session: Session,
    *,
    org: str | None = None,
    tag: str | None = None,
    sector: str | None = None,
    search: str | None = None,
) -> Iterator[dict[str, Any]]:
    """People by family name, filtered. Plain rows, not ORM objects: the people are streamed in
    chunks of LIST_CHUNK and each chunk's affiliations, contact points and tags come in one
    query each, so the statement count per chunk is fixed and memory stays flat."""
    stmt = (
        select(Person.id, Person.honorific, Person.title, Person.given_name,
               Person.family_name, Person.full_name, Person.do_not_email,
               Person.do_not_contact)
        .order_by(*by_family_name(Person.family_key, Person.name_key), Person.id)
    )
    if org:  # who works there now, as the row's organization says; former staff are in
        # ``report organization``
        organization = refs.organization(session, org)
        stmt = stmt.where(Person.affiliations.any(and_(
            Affiliation.organization_id == organization.id, held_today())))
    if sector:
        value = Sector.parse(sector).value
        stmt = stmt.where(Person.affiliations.any(and_(
            Affiliation.organization.has(Organization.sector == value),
            held_today())))
    if tag:
        stmt = stmt.where(Person.tags.any(Tag.name_key == fold(tag)))
    if search:
        search = validate.search_text(search)
        stmt = stmt.where(or_(
            found_in(Person.name_key, search),
            Person.contact_points.any(
                holding(ContactPoint.value_key, search)),
        ))
    result = session.execute(stmt.execution_options(yield_per=LIST_CHUNK))
    for chunk in result.partitions():
        yield from _summaries(session, chunk)


def _summaries(session: Session, people_rows: Sequence[Any]) -> Iterator[dict[str, Any]]:
    ids = [p.id for p in people_rows]
    affiliations = _grouped(session.execute(
        select(Affiliation.person_id, Affiliation.organization_id, Affiliation.position,
               Affiliation.is_primary, Affiliation.start_date, Affiliation.end_date,
               Organization.name.label("organization"))
        .join(Organization, Organization.id == Affiliation.organization_id)
        .where(Affiliation.person_id.in_(ids))
    ))
    points = _grouped(session.execute(
        select(ContactPoint.person_id, ContactPoint.kind, ContactPoint.value,
               ContactPoint.is_primary)
        .where(ContactPoint.person_id.in_(ids))
        .order_by(ContactPoint.id)
    ))
    tags = _grouped(session.execute(
        select(PersonTag.person_id, Tag.name)
        .join(Tag, Tag.id == PersonTag.tag_id)
        .where(PersonTag.person_id.in_(ids))
        .order_by(bytewise(Tag.name_key))
    ))
    for p in people_rows:
        current = pick_affiliation(affiliations.get(p.id, ()), None)
        yield _record(p, current and current.organization, current and current.position,
                      points.get(p.id, ()), [t.name for t in tags.get(p.id, ())])


def _grouped(rows: Iterable[Any]) -> dict[int, list[Any]]:
    by_person: dict[int, list[Any]] = {}
    for row in rows:
        by_person.setdefault(row.person_id, []).append(row)
    return by_person


def _summary(person: Person) -> dict[str, Any]:
    current = affiliation_at(person, None)
    return _record(person, current and current.organization.name, current and current.position,
                   person.contact_points,
                   [t.name for t in sorted(person.tags, key=lambda t: t.name_key)])


def _record(p: Any, organization: str | None, position: str | None, points: Iterable[Any],
            tag_names: list[str]) -> dict[str, Any]:
    """A person's summary from a Person or a row with its columns, the current organization's
    name and position, the contact points and the tag names."""
    return {
        "id": p.id,
        "name": display_name(p.honorific, p.title, p.full_name),
        "honorific": p.honorific,
        "title": p.title,
        "given_name": p.given_name,
        "family_name": p.family_name,
        "organization": organization,
        "position": position,
        "email": contacts.primary_of(points, ContactKind.EMAIL),
        "phone": contacts.primary_of(points, ContactKind.PHONE),
        "tags": tag_names,
        "do_not_email": p.do_not_email,
        "do_not_contact": p.do_not_contact,
    }


def show_person(session: Session, ref: str) -> dict[str, Any]:
    """One person with affiliations, contact points, tags and attendance history."""
    person = refs.person(session, ref)
    history = session.execute(
        select(Attendance, Event)
        .join(Event, Event.id == Attendance.event_id)
        .options(joinedload(Attendance.organization), joinedload(Attendance.on_behalf_of))
        .where(Attendance.person_id == person.id)
        .order_by(Event.start_date, Event.id)
    ).all()
    return {
        **_summary(person),
        "full_name": person.full_name,
        "notes": person.notes,
        "affiliations": [
            {"organization_id": a.organization.id, "organization": a.organization.name,
             "position": a.position, "start_date": a.start_date, "end_date": a.end_date,
             "primary": a.is_primary}
            for a in sorted(person.affiliations,
                            key=lambda a: (not a.is_primary, a.start_date or dt.date.min, a.id))
        ],
        "contact_points": contacts.records(person),
        "attendances": [
            {"event_id": e.id, "event": e.name, "date": e.start_date, "role": a.role,
             "status": a.status,
             "organization": a.organization.name if a.organization else None,
             "on_behalf_of": a.on_behalf_of.full_name if a.on_behalf_of else None,
             "notes": a.notes}
            for a, e in history
        ],
    }


# -- changing, affiliating, removing ------------------------------------------------------------


class Edited(NamedTuple):
    """What :func:`edit_person` did."""

    person: Person
    #: how many email addresses it took off were put on the suppression list (the person had
    #: opted out): an opt-out held by the record would no longer reach them
    listed: int


def edit_person(
    session: Session,
    ref: str,
    *,
    name: str | None = None,
    given: str | None = None,
    family: str | None = None,
    honorific: str | None = None,
    title: str | None = None,
    emails: Sequence[str] = (),
    remove_emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    remove_phones: Sequence[str] = (),
    handles: Sequence[str] = (),
    remove_handles: Sequence[str] = (),
    region: str | None = None,
    tags: Sequence[str] = (),
    untags: Sequence[str] = (),
    no_email: bool | None = None,
    no_contact: bool | None = None,
    notes: str | None = None,
) -> Edited:
    """Change what is given: ``None`` leaves a field alone. A new ``name`` is split again; the
    explicit parts then win as in :func:`add_person`. Opt-outs are stamped with the time. An
    email address taken off someone who (after this edit) has opted out is put on the
    suppression list, as when they are removed, so that a later sheet carrying it does not
    make it mailable again."""
    from stakeholders.services.erasure import refuse_forgotten

    person = refuse_forgotten(refs.person(session, ref))
    if name is not None:
        _set_name(person, name)
    _override_name_parts(person, given=given, family=family, honorific=honorific, title=title)
    if notes is not None:
        person.notes = validate.note(notes)
    before = _email_keys(person)
    contacts.change(person, ContactKind.EMAIL, added=emails, removed=remove_emails)
    dropped = before - _email_keys(person)
    contacts.change(person, ContactKind.PHONE, added=phones, removed=remove_phones,
                    region=contacts.phone_region(region, _primary_organization(person)))
    contacts.change(person, ContactKind.SOCIAL, added=handles, removed=remove_handles)
    tag_service.add_tags(session, person, tags)
    tag_service.remove_tags(person, untags)
    if no_email is not None and no_email != person.do_not_email:
        if not no_email:
            from stakeholders.services.consent import refuse_email_opted_out  # imports us

            refuse_email_opted_out(session, person)
        set_no_email(person, no_email)
    if no_contact is not None and no_contact != person.do_not_contact:
        set_no_contact(person, no_contact)
    session.flush()
    listed = 0
    if dropped:  # with the opt-outs as this edit leaves them
        # suppressions reads consents, whose module imports this one
        from stakeholders.services.suppressions import record_if_opted_out

        listed = record_if_opted_out(session, person, dropped)
    return Edited(person, listed)


def still_listed(n: int) -> str:
    """What a command that took ``n`` addresses off someone who opted out adds to its message
    (nothing when ``n`` is 0): they are on the suppression list."""
    if not n:
        return ""
    return (f"; {counted(n, 'email address')} they opted out of "
            f"{'stays' if n == 1 else 'stay'} on the suppression list")


def _email_keys(person: Person) -> set[str]:
    return {c.value_key for c in person.contact_points if c.kind == ContactKind.EMAIL.value}


def remove_person(session: Session, ref: str, confirm: Confirm) -> str:
    """Delete a person with their affiliations, contact points, tags, attendances, statements
    and assessments; interactions stay without them, and attendances of others made on their
    behalf stay but no longer name them. When they appear in any event's record, an
    assessment or an interaction, ``confirm`` is asked first. Returns who went, and with
    what, in words."""
    person = refs.person(session, ref)
    removes = {
        "attendance": count(session, Attendance.person_id == person.id),
        "statement": count(session, Statement.person_id == person.id),
        "assessment": count(session, Assessment.person_id == person.id),
    }
    clears = {
        "proxy attendance": count(session, Attendance.on_behalf_of_id == person.id),
        "interaction": count(session, InteractionParticipant.person_id == person.id),
    }
    question = warning(f"{person.full_name} (#{person.id})", removes=removes, clears=clears,
                       pronoun="them")
    if question:
        confirm(question)
    label = with_what(f"#{person.id} {person.full_name}", removes, clears, "them")
    # suppressions reads consents, whose module imports this one
    from stakeholders.services.suppressions import record_if_opted_out

    label += still_listed(record_if_opted_out(session, person))
    for statement in session.scalars(select(Statement).where(Statement.person_id == person.id)):
        session.delete(statement)  # one by one, so that the audit trail lists them
    from stakeholders.services.merge import drop_merges_into

    drop_merges_into(session, MergeKind.PERSON, person.id)
    audit.cascading(session, Person.__table__, [person.id])
    session.delete(person)
    session.flush()
    return label
