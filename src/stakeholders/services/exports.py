"""Mailing exports: the people a filter selects, one record per person, opt-outs honoured.

One SELECT with the joins every profile needs (current primary organization, primary email and
phone, tags, the email consent in force) is streamed with ``yield_per`` (a server-side cursor on
PostgreSQL), so memory stays flat however many people are exported. Each export is written to
the audit trail with its filters, its counts and the people it exported, so "who received this
person's address" can be answered.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session

from stakeholders import validate
from stakeholders.models import (
    Affiliation,
    Attendance,
    ContactPoint,
    EventCampaign,
    Organization,
    Person,
    PersonTag,
    Tag,
)
from stakeholders.services import audit, consent, refs
from stakeholders.text import fold
from stakeholders.vocab import Channel, ConsentStatus, Role, Sector, Status

STREAM_ROWS = 2000


@dataclass
class ContactFilter:
    """AND across the fields, OR within one field. Sector, organization and country are those
    of the person's current primary organization; events, campaign, roles and statuses must hold
    for one and the same attendance."""

    events: Sequence[str] = ()
    campaign: str | None = None
    roles: Sequence[str] = ()
    statuses: Sequence[str] = ()
    sectors: Sequence[str] = ()
    orgs: Sequence[str] = ()
    tags: Sequence[str] = ()
    countries: Sequence[str] = ()


@dataclass
class ExportSummary:
    """What was exported and what was left out, and why (for the message on stderr)."""

    exported: int = 0
    left_out: dict[str, int] = field(
        default_factory=lambda: {"opted out": 0, "no consent": 0, "no email": 0,
                                 "duplicate email": 0}
    )
    exported_ids: list[int] = field(default_factory=list)

    def message(self) -> str:
        reasons = ", ".join(f"{n} {why}" for why, n in self.left_out.items() if n)
        left = sum(self.left_out.values())
        return f"Exported {self.exported}; left out {left}" + (f" ({reasons})" if reasons else "")


def contacts(
    session: Session,
    where: ContactFilter,
    summary: ExportSummary,
    *,
    mailing: bool,
    include_opted_out: bool = False,
    require_consent: bool = False,
    profile: str | None = None,
) -> Iterator[dict]:
    """Yield contact records (see stakeholders.io.profiles.FIELDS) and count what is left out.

    ``mailing`` leaves out people without an email and second people sharing one address;
    ``require_consent`` everyone without an email opt-in in force. Once all rows are read the
    export is logged (``profile`` names the layout there)."""
    stmt = _statement(session, where).execution_options(yield_per=STREAM_ROWS)
    seen_emails: set[str] = set()
    for row in session.execute(stmt):
        reason = _left_out(row, mailing, include_opted_out, require_consent, seen_emails)
        if reason:
            summary.left_out[reason] += 1
            continue
        summary.exported += 1
        summary.exported_ids.append(row.id)
        yield _record(row)
    _log(session, where, summary, profile=profile, include_opted_out=include_opted_out,
         require_consent=require_consent)


def _log(session: Session, where: ContactFilter, summary: ExportSummary, **options) -> None:
    """The export's entry in the audit trail: filters, options, counts and the people."""
    filters = {k: list(v) if isinstance(v, (list, tuple)) else v
               for k, v in asdict(where).items() if v}
    audit.note(session, export={
        "filters": filters,
        **{k: v for k, v in options.items() if v},
        "exported": summary.exported,
        "left_out": {k: n for k, n in summary.left_out.items() if n},
    })
    audit.touched(session, Person.__table__, [(i,) for i in summary.exported_ids], "export")


def _left_out(row, mailing: bool, include_opted_out: bool, require_consent: bool,
              seen: set[str]) -> str | None:
    opted_out = row.do_not_email or row.do_not_contact \
        or row.email_consent == ConsentStatus.OPT_OUT.value
    if not include_opted_out and opted_out:
        return "opted out"
    if require_consent and row.email_consent != ConsentStatus.OPT_IN.value:
        return "no consent"
    if not mailing:
        return None
    if not row.email:
        return "no email"
    key = row.email.casefold()
    if key in seen:
        return "duplicate email"
    seen.add(key)
    return None


def _record(row) -> dict:
    return {
        "id": row.id,
        "honorific": row.honorific,
        "title": row.title,
        "given_name": row.given_name,
        "family_name": row.family_name,
        "full_name": row.full_name,
        "organization": row.organization,
        "position": row.position,
        "sector": row.sector,
        "email": row.email,
        "phone": row.phone,
        "country": row.country,
        "tags": sorted(row.tags.split("\x1f"), key=fold) if row.tags else [],
        "notes": row.notes,
    }


def _primary_contact(kind: str):
    return (
        select(ContactPoint.value)
        .where(ContactPoint.person_id == Person.id, ContactPoint.kind == kind)
        .order_by(ContactPoint.is_primary.desc(), ContactPoint.id)
        .limit(1)
        .correlate(Person)
        .scalar_subquery()
    )


def _statement(session: Session, where: ContactFilter):
    current = (
        select(Affiliation.id)
        .where(Affiliation.person_id == Person.id)
        .order_by(Affiliation.is_primary.desc(), Affiliation.end_date.is_(None).desc(),
                  Affiliation.id.desc())
        .limit(1)
        .correlate(Person)
        .scalar_subquery()
    )
    tags = (
        select(func.aggregate_strings(Tag.name, "\x1f"))
        .join(PersonTag, PersonTag.tag_id == Tag.id)
        .where(PersonTag.person_id == Person.id)
        .correlate(Person)
        .scalar_subquery()
    )
    email_consent = consent.in_force(Channel.EMAIL)
    stmt = (
        select(
            Person.id, Person.honorific, Person.title, Person.given_name, Person.family_name,
            Person.full_name, Person.notes, Person.do_not_email, Person.do_not_contact,
            Organization.name.label("organization"), Organization.sector,
            Organization.country, Affiliation.position,
            _primary_contact("email").label("email"), _primary_contact("phone").label("phone"),
            tags.label("tags"), email_consent.c.status.label("email_consent"),
        )
        .outerjoin(Affiliation, Affiliation.id == current)
        .outerjoin(email_consent, email_consent.c.person_id == Person.id)
        .outerjoin(Organization, Organization.id == Affiliation.organization_id)
        .order_by(Person.family_key, Person.name_key, Person.id)
    )
    return stmt.where(*_conditions(session, where))


def _conditions(session: Session, where: ContactFilter) -> list:
    conditions = []
    attended = _attendance_condition(session, where)
    if attended is not None:
        conditions.append(attended)
    if where.sectors:
        conditions.append(Organization.sector.in_([Sector.parse(s).value for s in where.sectors]))
    if where.orgs:
        ids = [refs.organization(session, o).id for o in where.orgs]
        conditions.append(Organization.id.in_(ids))
    if where.countries:
        conditions.append(Organization.country.in_([validate.country(c) for c in where.countries]))
    if where.tags:
        conditions.append(exists(
            select(PersonTag.person_id)
            .join(Tag, Tag.id == PersonTag.tag_id)
            .where(PersonTag.person_id == Person.id, Tag.name_key.in_([fold(t) for t in where.tags]))
        ))
    return conditions


def _attendance_condition(session: Session, where: ContactFilter):
    parts = []
    if where.events:
        parts.append(Attendance.event_id.in_([refs.event(session, e).id for e in where.events]))
    if where.campaign:
        campaign_id = refs.campaign(session, where.campaign).id
        parts.append(Attendance.event_id.in_(
            select(EventCampaign.event_id).where(EventCampaign.campaign_id == campaign_id)
        ))
    if where.roles:
        parts.append(Attendance.role.in_([Role.parse(r).value for r in where.roles]))
    if where.statuses:
        parts.append(Attendance.status.in_([Status.parse(s).value for s in where.statuses]))
    if not parts:
        return None
    return exists(select(Attendance.id).where(Attendance.person_id == Person.id, and_(*parts)))
