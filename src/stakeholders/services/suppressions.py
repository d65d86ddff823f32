"""The suppression list: email addresses never to be mailed again, kept as one-way hashes.

An opt-out is held by a person's record, so it goes when the record goes: remove someone who
had opted out, or forget someone, and an address they shared with a colleague, or their own
address in next year's partner list, would be mailable again. Their addresses are therefore put
on this list first, as the SHA-256 of the casefolded address (:func:`digest`), never as text:
the list identifies no one by itself, yet an address offered to it is recognised. Every export
withholds a listed address (as it does an opted-out person's, see
:mod:`stakeholders.services.exports`), and an import does not create a new person from a row
whose email is listed (:mod:`stakeholders.services.imports`). An address can also be added by
hand, for someone not on record who asked not to be mailed, and taken off when its owner asks
to be mailed again (an email opt-in takes off an address listed by hand, see
:mod:`stakeholders.services.consent`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from stakeholders import validate
from stakeholders.errors import NotFound
from stakeholders.models import ContactPoint, Person, SuppressedAddress
from stakeholders.services import audit, consent
from stakeholders.vocab import ConsentStatus, ContactKind, SuppressionReason


def digest(address: str) -> str:
    """The SHA-256 (hex) of the address as email keys are kept: trimmed and casefolded."""
    return hashlib.sha256(address.strip().casefold().encode("utf-8")).hexdigest()


def _digests(addresses: Iterable[str | None]) -> set[str]:
    return {digest(a) for a in addresses if a and a.strip()}


class Listed:
    """The list as a bulk command reads it once (an export, an import, a seed, a release):
    whether an address, or any of several, is on it. An empty list answers without hashing."""

    def __init__(self, digests: frozenset[str]) -> None:
        self.digests = digests

    def __bool__(self) -> bool:
        return bool(self.digests)

    def __contains__(self, address: str) -> bool:
        return bool(self.digests) and digest(address) in self.digests

    def any(self, addresses: Iterable[str | None]) -> bool:
        return bool(self.digests) and any(digest(a) in self.digests for a in addresses if a)


def listed(session: Session) -> Listed:
    """The whole list, for checking many addresses against it (one statement)."""
    return Listed(frozenset(session.scalars(select(SuppressedAddress.digest))))


def _emails_of(session: Session, person_id: int) -> list[str]:
    return list(session.scalars(
        select(ContactPoint.value_key).where(ContactPoint.person_id == person_id,
                                             ContactPoint.kind == ContactKind.EMAIL.value)))


#: A person's own contact points, beside anyone else's (:func:`theirs_alone`).
_OWN = aliased(ContactPoint)


def theirs_alone(session: Session, person_id: int) -> list[str]:
    """The person's email addresses (as stored: casefolded) that nobody else holds."""
    others = (select(ContactPoint.id).where(
        ContactPoint.kind == ContactKind.EMAIL.value,
        ContactPoint.value_key == _OWN.value_key, ContactPoint.person_id != person_id)
        .exists())
    return list(session.scalars(
        select(_OWN.value_key).where(_OWN.person_id == person_id,
                                     _OWN.kind == ContactKind.EMAIL.value, ~others)))


def record(session: Session, addresses: Iterable[str], reason: SuppressionReason) -> int:
    """Put these addresses on the list; return how many were added, or listed again for
    ``reason``. Those already on it keep their first reason, but one listed by hand (asked)
    takes the reason of a person who opted out and was removed, or was forgotten: an email
    opt-in lifts an asked one, which a colleague sharing the inbox could then give."""
    wanted = _digests(addresses)
    if not wanted:
        return 0
    known = {e.digest: e for e in session.scalars(
        select(SuppressedAddress).where(SuppressedAddress.digest.in_(wanted)))}
    new = sorted(wanted - set(known))
    session.add_all(SuppressedAddress(digest=d, reason=reason.value) for d in new)
    stronger = [e for e in known.values() if e.reason == SuppressionReason.ASKED.value
                and reason is not SuppressionReason.ASKED]
    for entry in stronger:
        entry.reason = reason.value
    session.flush()
    return len(new) + len(stronger)


def record_emails_of(session: Session, person_id: int, reason: SuppressionReason) -> int:
    """Put a person's email addresses on the list (before their contact points go)."""
    return record(session, _emails_of(session, person_id), reason)


def record_if_opted_out(session: Session, person: Person,
                        addresses: Iterable[str] | None = None) -> int:
    """Before an opted-out person is removed, put their email addresses on the list: opted out
    means, as for exports, asked not to be emailed or contacted, or an email opt-out in force.
    With ``addresses``, only those are listed: the ones an edit has just taken off an
    opted-out person, whose opt-out stays on their record but would no longer reach them."""
    if not (person.do_not_email or person.do_not_contact
            or consent.email_status(session, person) == ConsentStatus.OPT_OUT.value):
        return 0
    return record(session, _emails_of(session, person.id) if addresses is None else addresses,
                  SuppressionReason.OPTED_OUT)


def add(session: Session, addresses: Sequence[str]) -> tuple[int, int, int]:
    """List addresses by hand (someone asked not to be mailed); return how many were added, how
    many were listed already, and how many people on record hold one of them (their opt-out
    belongs in ``person consent``; or the address is an inbox they share)."""
    keys = {validate.email(a).casefold() for a in addresses}
    added = record(session, keys, SuppressionReason.ASKED)
    holders = session.scalar(select(func.count(func.distinct(ContactPoint.person_id)))
                             .where(ContactPoint.kind == ContactKind.EMAIL.value,
                                    ContactPoint.value_key.in_(keys))) or 0
    return added, len(keys) - added, holders


def find(session: Session, address: str) -> SuppressedAddress | None:
    """The list's entry for this address, if it has one. The address is read as ``add`` reads
    it (a ``mailto:`` link, a domain in capitals; Invalid if it is no address), so that what
    ``add`` listed is found."""
    return session.scalar(select(SuppressedAddress)
                          .where(SuppressedAddress.digest == digest(validate.email(address))))


def listed_on(entry: SuppressedAddress) -> dt.date:
    """The local day an address was listed on, as consent dates and ``today`` are days here
    (in UTC it may be tomorrow's, a day no opt-in may be dated yet)."""
    return audit.local_day(entry.created_at)


#: Why taking off an address listed for its holder's sake, not by hand, is asked about first.
_LISTED_FOR = {
    SuppressionReason.FORGOTTEN.value: "when the person holding it was forgotten",
    SuppressionReason.OPTED_OUT.value: "for someone who had opted out (removed since, or the "
                                       "address taken off them)",
}


def lift(session: Session, address: str, confirm: Callable[[str], None]) -> SuppressedAddress:
    """Take an address off the list (its owner asked to be mailed again); NotFound if it is not
    on it. One listed when a forgotten or removed person held it is asked about first
    (``confirm`` raises to refuse): without it an old list would bring them back. Returns the
    entry taken off."""
    entry = find(session, address)
    if entry is None:
        raise NotFound("suppressed address", validate.email(address))
    if entry.reason in _LISTED_FOR:
        confirm(f"The address was listed {_LISTED_FOR[entry.reason]}; taken off, an import "
                "or a seed may add them back by it and exports may mail it. Take it off?")
    session.delete(entry)
    session.flush()
    return entry


def lift_asked(session: Session, addresses: Iterable[str], given_on: dt.date) -> int:
    """Take these addresses off the list where they were listed by hand (their owner, not on
    record then, asked not to be mailed) on or before ``given_on``, the day of an email opt-in
    given for them (the latest word counts: an opt-in dated before an address was listed does
    not lift it); return how many were. An address listed when someone who opted out was
    removed, or was forgotten, stays: the list cannot tell whether the person opting in is
    that someone or a colleague sharing the inbox, whose opt-in would otherwise mail it again
    (see :func:`listed_count`)."""
    wanted = _digests(addresses)
    if not wanted:
        return 0
    entries = [e for e in session.scalars(
        select(SuppressedAddress).where(SuppressedAddress.digest.in_(wanted),
                                        SuppressedAddress.reason == SuppressionReason.ASKED.value))
        if listed_on(e) <= given_on]
    for entry in entries:
        session.delete(entry)
    session.flush()
    return len(entries)


def listed_among(session: Session, addresses: Iterable[str]) -> dict[str, int]:
    """How many of these addresses (valid ones, as ``person add`` and ``edit`` take them) are
    on the list, by the reason they were listed for (an email opt-in lifts only those listed
    by hand, see :func:`lift_asked`)."""
    return _reasons_listed(session, _digests(validate.email(a) for a in addresses))


def listed_reasons(session: Session, person_id: int) -> dict[str, int]:
    """How many of a person's email addresses are on the list, by the reason they were listed
    for."""
    return _reasons_listed(session, _digests(_emails_of(session, person_id)))


def _reasons_listed(session: Session, wanted: set[str]) -> dict[str, int]:
    if not wanted:
        return {}
    return dict(session.execute(
        select(SuppressedAddress.reason, func.count())
        .where(SuppressedAddress.digest.in_(wanted))
        .group_by(SuppressedAddress.reason)).all())


def listed_count(session: Session, person_id: int) -> int:
    """How many of a person's email addresses are on the list."""
    return sum(listed_reasons(session, person_id).values())


def summary(session: Session) -> list[dict]:
    """How many addresses are listed for each reason, and when the first and last were (in UTC
    to the second, as the audit log's times, on both databases)."""
    rows = session.execute(
        select(SuppressedAddress.reason, func.count(), func.min(SuppressedAddress.created_at),
               func.max(SuppressedAddress.created_at))
        .group_by(SuppressedAddress.reason)
        .order_by(SuppressedAddress.reason)
    )
    return [{"reason": reason, "addresses": n, "first": audit.utc(first), "last": audit.utc(last)}
            for reason, n, first, last in rows]

