"""Attendance: who came to which event, for which organization, in what role, on whose
behalf, and what they said."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from stakeholders import validate
from stakeholders.errors import Ambiguous, Conflict, Invalid, NotFound, Usage
from stakeholders.models import Attendance, Event, Organization, Person, Statement
from stakeholders.names import display_name
from stakeholders.services import erasure, refs
from stakeholders.services.people import affiliation_at
from stakeholders.services.removal import count, with_what
from stakeholders.text import clean, excerpt, fold, joined, same_words, shown, unquoted
from stakeholders.vocab import HAPPENED, SPOKE, Role, StatementKind, Status

ATTENDANCE_COLUMNS = ["id", "person", "organization", "role", "status", "on_behalf_of",
                      "speaking_order", "notes"]


def add_attendance(
    session: Session,
    event: Event,
    person: Person,
    *,
    role: str | None = None,
    status: str | None = None,
    org: Organization | str | None = None,
    on_behalf_of: Person | str | None = None,
    order: int | None = None,
    quotes: Sequence[str] = (),
    notes: str | None = None,
) -> Attendance:
    """One row per person per event. The organization defaults to the person's affiliation
    current on the event date (primary first). ``org`` and ``on_behalf_of`` are records, or
    references to resolve."""
    existing = session.scalar(
        select(Attendance).where(Attendance.event_id == event.id,
                                 Attendance.person_id == person.id)
    )
    if existing is not None:
        raise Conflict(
            f"{person.full_name} is already recorded at {event.name} (attendance "
            f"#{existing.id}); attendance edit changes its role, status or quotes")
    if org:
        organization = refs.organization_to_join(session, org) if isinstance(org, str) else org
    else:
        current = affiliation_at(person, event.start_date)
        organization = current.organization if current else None
    attendance = Attendance(
        event=event,
        person=person,
        organization=organization,
        organization_defaulted=not org,
        role=Role.parse(role).value if role else Role.ATTENDEE.value,
        status=Status.parse(status).value if status else Status.ATTENDED.value,
        on_behalf_of=_proxy(session, person, on_behalf_of) if on_behalf_of else None,
        speaking_order=_order(order),
        notes=validate.note(notes),
    )
    session.add(attendance)
    _once_each(quotes)
    for quote in quotes:
        _refuse_repeat(session, event, person, quote)
        add_statement(session, event, person, quote)
    session.flush()
    return attendance


def _once_each(quotes: Sequence[str]) -> None:
    """The quotes of one command are different words (case, accents and punctuation aside)."""
    seen: set[str] = set()
    for quote in quotes:
        key = same_words(fold(_statement_text(quote)))
        if key in seen:
            raise Invalid(f"the quote {shown(quote)} is given twice")
        seen.add(key)


def _refuse_repeat(session: Session, event: Event, person: Person, quote: str, *,
                   but: Statement | None = None) -> None:
    """A statement is recorded once: the same words again from the same person at the same
    event would be quoted twice in every speakers report, whatever their case, accents and
    punctuation (:func:`~stakeholders.text.same_words`; what a person said at one event is a
    few statements, compared here). ``but``: the statement being corrected."""
    said = statement_said(session, event, person, quote, but=but)
    if said is not None:
        raise Conflict(f"{person.full_name} already said that at {event.name} "
                       f"(statement #{said})")


def statement_said(session: Session, event: Event, person: Person, quote: str, *,
                   but: Statement | None = None) -> int | None:
    """The id of the statement of ``person`` at ``event`` with the words of ``quote`` (case,
    accents and punctuation aside), other than ``but``; None when they have not said it."""
    key = same_words(fold(_statement_text(quote)))
    same = [Statement.event_id == event.id, Statement.person_id == person.id]
    if but is not None:
        same.append(Statement.id != but.id)
    return next((id_ for id_, text_key in session.execute(
        select(Statement.id, Statement.text_key).where(*same).order_by(Statement.id))
        if same_words(text_key) == key), None)


def _proxy(session: Session, person: Person, ref: Person | str) -> Person:
    proxy = erasure.refuse_forgotten(_represented(session, ref)) if isinstance(ref, str) else ref
    if proxy.id == person.id:
        raise Conflict(f"{person.full_name} cannot attend on behalf of themselves")
    return proxy


def _represented(session: Session, ref: str) -> Person:
    """The person named by ``ref``; not found, and ``ref`` names an organization, the error
    says that the organization attended for is given otherwise."""
    try:
        return refs.person(session, ref)
    except NotFound as missed:
        try:
            org = refs.organization(session, ref)
        except (NotFound, Ambiguous):
            raise missed from None
        raise NotFound("person", ref, missed.closest,
                       hint=f"{org.name} is an organization: --on-behalf-of names the person "
                       "represented; give the organization attended for with --org") from None


def _order(order: int | str | None) -> int | None:
    """A speaking order from 1; None or a blank text means none."""
    return validate.optional(_speaking_order, order)


def _speaking_order(order: int | str) -> int:
    if isinstance(order, str):
        try:
            order = int(order.strip())
        except ValueError:
            raise Invalid(f"invalid speaking order {order!r}; give a whole number from 1") \
                from None
    if order < 1:
        raise Invalid("the speaking order starts at 1")
    if order > validate.MAX_INTEGER:
        raise Invalid(f"the speaking order {order} is too large")
    return order


def record_attendance(session: Session, event_ref: str, person_ref: str,
                      status: str | None = None, **options) -> Attendance:
    """``attendance add``: resolve the event and the person, then :func:`add_attendance`,
    in the status given, else attended, or invited to an event still to come."""
    event = refs.event(session, event_ref)
    person = erasure.refuse_forgotten(refs.person(session, person_ref))
    return add_attendance(session, event, person, status=status_at(event, status), **options)


def status_at(event: Event, status: str | None) -> str:
    """The status given, or the default for the event's day: one saying someone came, or
    did not, is refused for an event that has not begun (it counted in the campaign's people
    reached and in its speakers report)."""
    value = Status.parse(status).value if status is not None else (
        Status.INVITED.value if upcoming(event) else Status.ATTENDED.value)
    if value in HAPPENED:
        refuse_upcoming(event, f"no one is {value} there yet")
    return value


def upcoming(event: Event) -> bool:
    """Whether the event has not begun (it starts after today)."""
    from stakeholders import clock

    return event.start_date > clock.today()


def refuse_upcoming(event: Event, what: str) -> None:
    """Refuse, saying ``what``, when the event has not begun: no one came to it yet, or
    failed to."""
    if upcoming(event):
        raise Invalid(f"{event.name} is on {event.start_date}, after today: {what}; record "
                      "them invited or registered, or correct the event's date")


def find_attendance(session: Session, event_ref: str, person_ref: str) -> Attendance:
    """The attendance of PERSON at EVENT, or NotFound naming both."""
    event = refs.event(session, event_ref)
    person = refs.person(session, person_ref)
    found = session.scalar(
        select(Attendance).where(Attendance.event_id == event.id,
                                 Attendance.person_id == person.id)
    )
    if found is None:
        raise NotFound("attendance", f"{person.full_name} at {event.name}",
                       said=f"{person.full_name} is not recorded at {event.name}")
    return found


def edit_attendance(
    session: Session,
    event_ref: str,
    person_ref: str,
    *,
    role: str | None = None,
    status: str | None = None,
    org: str | None = None,
    on_behalf_of: str | None = None,
    order: int | str | None = None,
    quotes: Sequence[str] = (),
    remove_quotes: Sequence[str] = (),
    instead_of: str | None = None,
    notes: str | None = None,
) -> Attendance:
    """Change what is given and leave the rest; each quote adds a statement, or with
    ``instead_of`` (a statement they made there, see :func:`find_statement`) replaces that
    statement's text; ``remove_quotes`` names statements to delete. An empty organization,
    on-behalf-of or speaking order clears it."""
    if instead_of is not None and len(quotes) != 1:
        raise Usage("--instead-of needs exactly one --quote, the corrected text")
    attendance = find_attendance(session, event_ref, person_ref)
    if quotes or any(value is not None and str(value).strip()
                     for value in (notes, on_behalf_of, order)):
        # What a forgotten person said, a note about them, whom they spoke for and when is
        # recorded about them alone; the status, role and organization the counts and
        # statistics read may still be corrected, and what is there may be cleared.
        erasure.refuse_forgotten(attendance.person)
    if role is not None:
        attendance.role = Role.parse(role).value
    if status is not None:
        attendance.status = status_at(attendance.event, status)
    if org is not None:
        attendance.organization = validate.optional(
            lambda ref: refs.organization_to_join(session, ref), org)
        attendance.organization_defaulted = False  # given: it stays when the date moves
    if on_behalf_of is not None:
        attendance.on_behalf_of = validate.optional(
            lambda ref: _proxy(session, attendance.person, ref), on_behalf_of)
    if order is not None:
        attendance.speaking_order = _order(order)
    if notes is not None:
        attendance.notes = validate.note(notes)
    # every statement named is found before any goes: a second name for one removed already
    # would otherwise find another by a part of its words, and delete or correct that one
    removed = {s.id: s for s in (find_statement(session, attendance, ref)
                                 for ref in remove_quotes)}  # one named twice goes once
    statement = find_statement(session, attendance, instead_of) \
        if instead_of is not None else None
    if statement is not None and statement.id in removed:
        raise Invalid(f"--instead-of names the statement --remove-quote removes "
                      f"(#{statement.id}); give one or the other")
    for gone in removed.values():
        session.delete(gone)
    session.flush()
    if statement is not None:
        _refuse_repeat(session, attendance.event, attendance.person, quotes[0], but=statement)
        statement.text = _statement_text(quotes[0])
    else:
        _once_each(quotes)
        for quote in quotes:
            _refuse_repeat(session, attendance.event, attendance.person, quote)
            add_statement(session, attendance.event, attendance.person, quote)
    session.flush()
    return attendance


def find_statement(session: Session, attendance: Attendance, ref: str) -> Statement:
    """One of the statements the attendance's person made at its event: by its id (as
    ``search`` shows it), by its words, or by a part of them (case and accents aside)."""
    said = session.scalars(
        select(Statement)
        .where(Statement.event_id == attendance.event_id,
               Statement.person_id == attendance.person_id)
        .order_by(Statement.sequence, Statement.id)
    ).all()
    ident = ref.strip().lstrip("#")
    key = fold(_statement_text(ref))
    found = ([s for s in said if ident.isdigit() and s.id == int(ident)]
             or [s for s in said if s.text_key == key]
             or [s for s in said if same_words(s.text_key) == same_words(key)]
             or [s for s in said if key in s.text_key])
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFound(f"statement of {attendance.person.full_name} at "
                       f"{attendance.event.name}", ref)
    raise Ambiguous("statement", ref, [f"#{s.id} {excerpt(s.text)}" for s in found])


def _statement_text(text: str) -> str:
    return validate.required_text(unquoted(clean(text)), "statement", 20_000)


def remove_attendance(session: Session, event_ref: str, person_ref: str) -> str:
    """Delete an attendance and what the person said at that event. Returns what went, in
    words."""
    attendance = find_attendance(session, event_ref, person_ref)
    said = (Statement.event_id == attendance.event_id,
            Statement.person_id == attendance.person_id)
    removes = {"statement": count(session, and_(*said))}
    label = f"#{attendance.id} ({attendance.person.full_name} at {attendance.event.name})"
    for statement in session.scalars(select(Statement).where(*said)):
        session.delete(statement)  # one by one, so that the audit trail lists them
    session.delete(attendance)
    session.flush()
    return with_what(label, removes)


def list_attendance(session: Session, event_ref: str) -> list[dict]:
    """Who attended EVENT: speaking order first, then family name, in one statement.

    Sorted here rather than in SQL so that names order the same on SQLite and PostgreSQL
    (whose locale collation skips spaces and hyphens)."""
    event = refs.event(session, event_ref)
    proxy = aliased(Person)
    rows = session.execute(
        select(Attendance, Person, Organization.name, proxy)
        .join(Person, Person.id == Attendance.person_id)
        .outerjoin(Organization, Organization.id == Attendance.organization_id)
        .outerjoin(proxy, proxy.id == Attendance.on_behalf_of_id)
        .where(Attendance.event_id == event.id)
    ).all()
    rows.sort(key=lambda r: (r[0].speaking_order is None, r[0].speaking_order or 0,
                             r[1].family_key or r[1].name_key, r[1].name_key, r[0].id))
    return [
        {"id": a.id, "person": _display(p), "organization": org, "role": a.role,
         "status": a.status, "on_behalf_of": _display(b) if b else None,
         "speaking_order": a.speaking_order, "notes": a.notes}
        for a, p, org, b in rows
    ]


def shared_speaking_orders(session: Session, attendance_ids: Sequence[int]) -> list[str]:
    """Where a speaking order one of ``attendance_ids`` holds is also another attendance's at
    the same event, in words ("Omar Baig and Nicole Guihot share speaking order 3 at …"),
    one line per order. Two speakers may share a slot (a panel), so this warns rather than
    refuses; people who did not come or declined (no-show, declined, cancelled) hold none,
    as the speakers report leaves them out. Two statements whatever the number of ids."""
    from stakeholders.services.reports import ABSENT

    there = Attendance.status.not_in(ABSENT)
    held = (select(Attendance.event_id, Attendance.speaking_order)
            .where(Attendance.id.in_(attendance_ids), Attendance.speaking_order.is_not(None),
                   there)
            .distinct().subquery())
    rows = session.execute(
        select(Attendance.event_id, Event.name, Attendance.speaking_order, Person.full_name)
        .join(held, and_(held.c.event_id == Attendance.event_id,
                         held.c.speaking_order == Attendance.speaking_order))
        .join(Event, Event.id == Attendance.event_id)
        .join(Person, Person.id == Attendance.person_id)
        .where(there)
        .order_by(Event.start_date, Event.id, Attendance.speaking_order, Attendance.id)
    ).all()
    holders: dict[tuple[int, str, int], list[str]] = {}
    for r in rows:
        holders.setdefault((r.event_id, r.name, r.speaking_order), []).append(r.full_name)
    return [f"{joined(names)} share speaking order {order} at {event}"
            for (_, event, order), names in holders.items() if len(names) > 1]


def doubtful(session: Session, a: Attendance, *, order: bool = True,
             represented: bool = True) -> list[str]:
    """What an attendance holds that the reports would not show as meant, in words: a
    speaking order on someone who neither speaks nor presents and said nothing (the speakers
    report leaves them out: a role left as attendee, most likely), and someone recorded both
    as there in person and as represented by someone else at the same event (two statements
    at most). ``order`` and ``represented`` say which to look at (what an edit changed)."""
    from stakeholders.services.reports import ABSENT

    warnings = []
    if (order and a.speaking_order is not None and a.role not in SPOKE and a.status not in ABSENT
            and session.scalar(select(Statement.id).where(
                Statement.event_id == a.event_id, Statement.person_id == a.person_id)
                .limit(1)) is None):
        warnings.append(f"{a.person.full_name} holds speaking order {a.speaking_order} at "
                        f"{a.event.name} but, as {a.role} with nothing said, is not in the "
                        "speakers report: give --role speaker (or presenter)")
    if represented and a.status not in ABSENT:
        # someone standing in for them, or (a stand-in) the one they stand in for, there too
        stand_in = Attendance.on_behalf_of_id == a.person_id
        if a.on_behalf_of_id is not None:
            stand_in = or_(stand_in, Attendance.person_id == a.on_behalf_of_id)
        both = session.execute(
            select(Attendance.person_id, Attendance.on_behalf_of_id)
            .where(Attendance.event_id == a.event_id, Attendance.status.not_in(ABSENT),
                   Attendance.id != a.id, stand_in)
            .order_by(Attendance.id).limit(1)).first()
        if both is not None:
            absent = a.person if both.on_behalf_of_id == a.person_id else a.on_behalf_of
            warnings.append(f"{absent.full_name} is recorded at {a.event.name} both in person "
                            "and as represented by someone else: check whom the stand-in "
                            "came for")
    return warnings


def _display(person: Person) -> str:
    return display_name(person.honorific, person.title, person.full_name)


def add_statement(
    session: Session, event: Event, person: Person, text: str, kind: str | None = None
) -> Statement:
    text = _statement_text(text)
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
