"""Consent per person and channel (email, phone, post): opt-in, opt-out or unknown, with its
date, source and optional expiry.

Every statement is kept; the latest (by date, then by entry) is the one that counts, and an
expired one counts as unknown. An email opt-out in force also sets the person's
do-not-email flag, which every export already honours; a phone opt-out in force keeps their
numbers out of every export. Exports read everyone's consent through :func:`in_force` and
:func:`opts_out`, a subquery joined into their one SELECT, never a query per person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from stakeholders import clock, validate
from stakeholders.errors import Conflict, Invalid, Usage
from stakeholders.models import Consent, Person
from stakeholders.services import audit, erasure, refs, suppressions
from stakeholders.services.people import set_no_email
from stakeholders.vocab import Channel, ConsentStatus


def record(
    session: Session,
    person_ref: str,
    statuses: Mapping[Channel, str],
    *,
    source: str | None,
    given_on: str | dt.date | None = None,
    expires_on: str | dt.date | None = None,
) -> list[Consent]:
    """Record the person's consent on one or more channels ({channel: status}); dates may be
    given as ISO 8601 text."""
    given_on, expires_on = validate.optional_date(given_on), validate.optional_date(expires_on)
    if not statuses:
        raise Usage("say which channel: --email, --phone or --post")
    if not source:
        raise Usage("say where the consent comes from with --source")
    person = erasure.refuse_forgotten(refs.person(session, person_ref))
    return [
        add(session, person, channel, ConsentStatus.parse(status), source=source,
            given_on=given_on, expires_on=expires_on)
        for channel, status in statuses.items()
    ]


def add(
    session: Session,
    person: Person,
    channel: Channel,
    status: ConsentStatus,
    *,
    source: str,
    given_on: dt.date | None = None,
    expires_on: dt.date | None = None,
) -> Consent:
    """Add a consent statement. Email opt-out sets do-not-email, unless it is dated before an
    email opt-in on record (it is then not in force); email opt-in clears it unless
    the request not to be emailed is more recent (see :func:`_newer_than_no_email`). A date
    after today is refused: as the latest statement it would outrank every real one."""
    today = clock.today()
    dated = given_on is not None
    given_on = given_on or today
    if given_on > today:
        raise Invalid(f"the consent date {given_on} is after today ({today}); give the day it "
                      "was given")
    validate.date_range(given_on, expires_on, names=("consent date", "expiry date"),
                        hint="" if dated else " (today: give the day it was given with --date)")
    consent = Consent(
        person_id=person.id,
        channel=channel.value,
        status=status.value,
        given_on=given_on,
        expires_on=expires_on,
        source=validate.required_text(source, "source", 500),
    )
    if channel is Channel.EMAIL and status is ConsentStatus.OPT_OUT:
        if _latest_opt_in(session, person.id, after=given_on) is None:  # else not in force
            set_no_email(person, True, opt_out_reason(consent.source))
    elif channel is Channel.EMAIL and status is ConsentStatus.OPT_IN:
        if _newer_than_no_email(session, person, given_on):
            set_no_email(person, False)
            # their own word outweighs an address listed by hand, not one listed for someone
            # removed after opting out or forgotten, nor one someone else holds too: a
            # colleague sharing that inbox may not lift their opt-out (the command says what
            # stays listed)
            session.flush()  # addresses added in this command count as held
            suppressions.lift_asked(session, suppressions.theirs_alone(session, person.id),
                                    given_on)
    session.add(consent)
    session.flush()
    return consent


def refuse_email_opted_out(session: Session, person: Person) -> None:
    """Clearing the do-not-email flag by hand cannot lift an email opt-out in force: exports
    would still leave the person out while their record said they may be emailed. Only a
    newer opt-in lifts it."""
    if email_status(session, person) == ConsentStatus.OPT_OUT.value:
        raise Conflict(f"person #{person.id} opted out of email and that consent is in force; "
                       f"record their opt-in instead: stakeholders person consent {person.id} "
                       "--email opt-in --source SOURCE")


def email_status(session: Session, person: Person) -> str | None:
    """The status of the person's email consent in force, if any."""
    email_consent = in_force(Channel.EMAIL)
    return session.scalar(select(email_consent.c.status)
                          .where(email_consent.c.person_id == person.id))


class OptInLeft(NamedTuple):
    """What an email opt-in just recorded left in place."""

    #: the person is still not to be emailed: their request not to be is more recent (see
    #: :func:`_newer_than_no_email`)
    no_email: bool
    #: how many of their addresses stay on the suppression list (see
    #: :func:`stakeholders.services.suppressions.lift_asked`)
    listed: int
    #: the day of an email opt-in more recent than an email opt-out just recorded (dated
    #: back), which is then not in force and did not set do-not-email
    opted_in_since: dt.date | None = None


def opt_in_left(session: Session, added: Sequence[Consent]) -> OptInLeft:
    """After :func:`record`: what an email opt-in among ``added`` did not lift (nothing, when
    there is none); or the opt-in that outranks an email opt-out among them."""
    out = next((c for c in added if c.channel == Channel.EMAIL.value
                and c.status == ConsentStatus.OPT_OUT.value), None)
    if out is not None:
        return OptInLeft(False, 0, _latest_opt_in(session, out.person_id, after=out.given_on))
    if not any(c.channel == Channel.EMAIL.value and c.status == ConsentStatus.OPT_IN.value
               for c in added):
        return OptInLeft(False, 0)
    pid = added[0].person_id
    return OptInLeft(bool(session.scalar(select(Person.do_not_email).where(Person.id == pid))),
                     suppressions.listed_count(session, pid))


#: How the do-not-email reason of an email opt-out starts.
_CONSENT_REASON = "consent: "


def opt_out_reason(source: str) -> str:
    """The do-not-email reason an email opt-out from ``source`` records."""
    return f"{_CONSENT_REASON}{source}"


def _newer_than_no_email(session: Session, person: Person, given_on: dt.date) -> bool:
    """Whether an email opt-in given on ``given_on`` is at least as recent as the person's
    request not to be emailed: a later email opt-out, or a do-not-email flag set by hand on a
    later day, outlasts an older opt-in recorded afterwards."""
    if not person.do_not_email:
        return True
    latest_out = session.scalar(select(func.max(Consent.given_on)).where(
        Consent.person_id == person.id, Consent.channel == Channel.EMAIL.value,
        Consent.status == ConsentStatus.OPT_OUT.value))
    if latest_out is not None and latest_out > given_on:
        return False
    stamp = person.do_not_email_at
    if stamp is None or (person.do_not_email_reason or "").startswith(_CONSENT_REASON):
        return True
    return audit.local_day(stamp) <= given_on


def _latest_opt_in(session: Session, person_id: int, *, after: dt.date) -> dt.date | None:
    """The day of the person's latest email opt-in, if it is after ``after`` (an opt-out of
    that day, entered now, would then not be the statement that counts)."""
    return opted_in_after(session, {person_id: after}).get(person_id)


#: How many people one statement of :func:`opted_in_after` asks about.
_CHUNK = 5000


def opted_in_after(session: Session, dated: Mapping[int, dt.date]) -> dict[int, dt.date]:
    """Of the people ``dated`` gives the day of an email opt-out of theirs, those whose latest
    email opt-in is after that day, with its day: such an opt-out, dated back, is kept but
    not in force, and sets nothing (as :func:`add` records it; an import's dated opt-outs
    too). One statement for each 5,000 people."""
    days = _email_days(session, dated, ConsentStatus.OPT_IN)
    latest = {pid: max(on) for pid, on in days.items()}
    return {pid: day for pid, day in latest.items() if day > dated[pid]}


def opted_out_on(session: Session, dated: Mapping[int, dt.date]) -> set[int]:
    """The people of ``dated`` who have an email opt-out of that day on record already (an
    unsubscribe list imported again, whose opt-out an opt-in outranks: recorded once)."""
    days = _email_days(session, dated, ConsentStatus.OPT_OUT)
    return {pid for pid, on in days.items() if dated[pid] in on}


def _email_days(session: Session, people: Iterable[int], status: ConsentStatus
                ) -> dict[int, set[dt.date]]:
    """The days of each person's email statements of ``status``; one statement for each
    5,000 people."""
    ids = sorted(people)
    days: dict[int, set[dt.date]] = {}
    for start in range(0, len(ids), _CHUNK):
        for pid, on in session.execute(select(Consent.person_id, Consent.given_on).where(
                Consent.person_id.in_(ids[start:start + _CHUNK]),
                Consent.channel == Channel.EMAIL.value, Consent.status == status.value)):
            days.setdefault(pid, set()).add(on)
    return days


#: Which statement counts: the latest by date, then by entry.
_LATEST_FIRST = (Consent.given_on.desc(), Consent.id.desc())


def _rank(partition_by):
    """1 on the statement that counts within each ``partition_by`` group, 2 on the one
    before…"""
    return func.row_number().over(partition_by=partition_by, order_by=_LATEST_FIRST)


def _unexpired(expires_on, today: dt.date):
    """An expired statement counts as unknown."""
    return or_(expires_on.is_(None), expires_on >= today)


def _latest(channel: Channel):
    """Each person's latest statement on ``channel``: (person_id, status, expires_on)."""
    ranked = select(
        Consent.person_id,
        Consent.status,
        Consent.expires_on,
        _rank(Consent.person_id).label("rank"),
    ).where(Consent.channel == channel.value).subquery()
    return select(ranked.c.person_id, ranked.c.status, ranked.c.expires_on).where(
        ranked.c.rank == 1
    ).subquery("latest_consent")


def in_force(channel: Channel = Channel.EMAIL, today: dt.date | None = None):
    """A subquery (person_id, status): each person's consent on ``channel`` as it stands
    ``today`` (an expired statement reads "unknown"). People without one are absent: outer-join
    it, so an export reads everyone's consent in the same one statement."""
    today = today or clock.today()
    latest = _latest(channel)
    status = case(
        (_unexpired(latest.c.expires_on, today), latest.c.status),
        else_=ConsentStatus.UNKNOWN.value,
    )
    return select(latest.c.person_id, status.label("status")).subquery("consent_in_force")


def opts_out(consent_in_force):
    """Whether the consent an :func:`in_force` subquery reads is an opt-out (an outer-joined
    person without one: no)."""
    return consent_in_force.c.status == ConsentStatus.OPT_OUT.value


def outranked(session: Session, added: Sequence[Consent]) -> list[Consent]:
    """Those of the statements just ``added`` (for one person) that are not in force: a
    statement dated back before a more recent one on its channel. (An email opt-out's is
    said by :func:`opt_in_left`.)"""
    if not added:
        return []
    current = {h["id"] for h in history(session, f"#{added[0].person_id}") if h["in_force"]}
    return [c for c in added if c.id not in current  # and not because it has expired
            and (c.expires_on is None or c.expires_on >= clock.today())]


def history(session: Session, person_ref: str,
            today: dt.date | None = None) -> list[dict[str, Any]]:
    """Every statement for the person, newest first, with whether it is the one in force (by
    the same rules as :func:`in_force`)."""
    today = today or clock.today()
    person = refs.person(session, person_ref)
    in_force = and_(_rank(Consent.channel) == 1, _unexpired(Consent.expires_on, today))
    rows = session.execute(
        select(Consent, in_force).where(Consent.person_id == person.id)
        .order_by(Consent.channel, *_LATEST_FIRST)
    ).all()
    return [
        {"id": c.id, "channel": c.channel, "status": c.status, "date": c.given_on,
         "expires": c.expires_on, "source": c.source, "in_force": bool(current)}
        for c, current in rows
    ]
