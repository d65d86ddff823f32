"""Mailing exports: the people a filter selects, one record per person, opt-outs honoured.

One Core SELECT of plain columns with the joins every profile needs (current primary
organization, emails and phones, tags, the email and phone consent in force) is streamed from the
connection with ``yield_per`` (a server-side cursor on PostgreSQL), so memory stays flat however
many people are exported; no ORM objects are built. Records are plain tuples (see
:data:`stakeholders.io.profiles.FIELDS`). Each export is written to the audit trail with its
filters, its counts and the people it exported (in bulk, see
:func:`stakeholders.services.audit.touched_in_bulk`), so "who received this person's address"
can be answered. The statements an export runs are the same few however many people it has.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field

from sqlalchemy import String, TypeDecorator, and_, exists, func, or_, select, type_coerce
from sqlalchemy.orm import Session, aliased

from stakeholders import validate
from stakeholders.errors import NotFound
from stakeholders.io.profiles import FIELDS, written_phone
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
from stakeholders.services import audit, consent, erasure, people, refs, suppressions
from stakeholders.services.sorting import by_family_name
from stakeholders.text import counted, fold
from stakeholders.vocab import Channel, ConsentStatus, Role, Sector, Status

STREAM_ROWS = 2000


@dataclass
class ContactFilter:
    """AND across the fields, OR within one field. Sector, organization and country are those
    of the person's current primary organization; events, campaign, roles and statuses must hold
    for one and the same attendance."""

    events: Sequence[str] = ()
    campaigns: Sequence[str] = ()
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
        default_factory=lambda: {"opted out": 0, "address opted out": 0, "no consent": 0,
                                 "no email": 0, "duplicate email": 0}
    )
    exported_ids: array = field(default_factory=lambda: array("q"))  # compact: one int each
    #: Addresses of someone opted out that a contact list (not a mailing) left off the
    #: people it kept.
    withheld: int = 0
    #: People exported though opted out (``--include-opted-out``): said, so that a file
    #: carrying them is not taken for a mailing list.
    opted_out_included: int = 0
    #: Addresses someone opted out of (or listed) that people not opted out themselves carry
    #: in such a file: said for the same reason.
    addresses_included: int = 0
    #: People exported without their phone numbers: their phone consent in force is an
    #: opt-out (a person with no number is not counted).
    phones_withheld: int = 0
    #: People whose phone numbers such a file carries though they asked not to be called
    #: (``--include-opted-out``).
    phones_included: int = 0

    def message(self) -> str:
        reasons = ", ".join(_left_out_for(why, n) for why, n in self.left_out.items() if n)
        left = sum(self.left_out.values())
        withheld = [f"{counted(self.withheld, 'address')} someone opted out of"
                    ] if self.withheld else []
        if self.phones_withheld:
            withheld.append(_not_to_be_called(self.phones_withheld))
        withheld = f"; withheld {' and '.join(withheld)}" if withheld else ""
        included = [f"{self.opted_out_included} opted out"] if self.opted_out_included else []
        if self.addresses_included:
            included.append(f"{counted(self.addresses_included, 'address')} someone opted "
                            "out of")
        if self.phones_included:
            included.append(_not_to_be_called(self.phones_included))
        included = f" ({', '.join(included)}, included as asked)" if included else ""
        return (f"Exported {self.exported}{included}; left out {left}"
                + (f" ({reasons})" if reasons else "") + withheld)


def _not_to_be_called(n: int) -> str:
    """'the phone numbers of 1 person who asked not to be called'."""
    return f"the phone numbers of {counted(n, 'person')} who asked not to be called"


def _left_out_for(why: str, n: int) -> str:
    """'3 opted out', '2 no email'; a reason that names what it counts says it in the
    plural: '2 addresses opted out', '2 duplicate emails'."""
    if why == "address opted out":
        return f"{counted(n, 'address')} opted out"
    if why == "duplicate email":
        return counted(n, "duplicate email")
    return f"{n} {why}"


def contacts(
    session: Session,
    where: ContactFilter,
    summary: ExportSummary,
    *,
    mailing: bool,
    include_opted_out: bool = False,
    require_consent: bool = False,
    profile: str | None = None,
) -> Iterator[tuple]:
    """Yield contact records (tuples in the order of stakeholders.io.profiles.FIELDS; tags,
    further emails and further phones tuples) and count what is left out.

    ``mailing`` leaves out people without an email, people whose address is also the address of
    someone opted out (unless ``include_opted_out``), and second people sharing one address;
    a contact list (not ``mailing``) keeps such a person without that address. Either way an
    address someone opted out of is nobody's further email (unless ``include_opted_out``);
    ``require_consent`` everyone without an email opt-in in force. The phone numbers of
    someone whose phone consent in force is an opt-out are left off every record (unless
    ``include_opted_out``), the person kept. Once all rows are read the
    export is logged (``profile`` names the layout there).

    The filters are resolved and the statement run before this returns, so an unknown event or
    a bad value is raised before a writer has written anything (a header, a byte-order mark)."""
    withheld = _withheld(session)
    # left out of the file, or (with include_opted_out) carried but counted
    blocked, flagged = (set(), withheld) if include_opted_out else (withheld, None)
    result = session.connection().execute(  # options for this statement only
        contacts_statement(session, where), execution_options={"yield_per": STREAM_ROWS})
    audit.read_now(session)  # the records are as they were now, however slowly they are read
    return _records(session, result, where, summary, mailing=mailing, blocked=blocked,
                    flagged=flagged, include_opted_out=include_opted_out,
                    require_consent=require_consent, profile=profile)


def _withheld(session: Session) -> set[str]:
    """The addresses no export may carry: those of everyone opted out, and those on the
    suppression list (which holds hashes, so each address is then looked up by its own)."""
    addresses = _opted_out_addresses(session)
    listed = suppressions.listed(session)
    return _OrListed(addresses, listed) if listed else addresses


class _OrListed(set):
    """Casefolded addresses, and any on the suppression list."""

    def __init__(self, addresses: set[str], listed: suppressions.Listed) -> None:
        super().__init__(addresses)
        self.listed = listed

    def __contains__(self, address: object) -> bool:
        return set.__contains__(self, address) or str(address) in self.listed

    def __bool__(self) -> bool:
        return True


def _opted_out_addresses(session: Session) -> set[str]:
    """The email addresses (casefolded) of everyone opted out: a mailing to an address someone
    asked not to be mailed at reaches them, whoever else shares it.

    The opted-out people are found first, then their addresses by person: the kind is written
    as an expression (``|| ''``) so that SQLite does not walk every email address by kind and
    look each one's person up instead (a few hundredths of a second for 100,000 people, not a
    few tenths)."""
    email_consent = consent.in_force(Channel.EMAIL)
    opted_out = (select(Person.id)
                 .outerjoin(email_consent, email_consent.c.person_id == Person.id)
                 .where(_opted_out(email_consent)))
    return set(session.scalars(
        select(ContactPoint.value_key)
        .where(ContactPoint.person_id.in_(opted_out), ContactPoint.kind + "" == "email")
    ))


def _opted_out(email_consent):
    """Whether a person is opted out of mailings: asked not to be emailed or contacted, or their
    email consent in force is an opt-out."""
    return or_(Person.do_not_email, Person.do_not_contact, consent.opts_out(email_consent))


def _records(session: Session, result, where: ContactFilter, summary: ExportSummary, *,
             mailing: bool, blocked: set[str], flagged: set[str] | None,
             include_opted_out: bool, require_consent: bool,
             profile: str | None) -> Iterator[tuple]:
    left_out = summary.left_out
    exported = summary.exported_ids
    seen_emails: set[str] = set()
    opt_in = ConsentStatus.OPT_IN.value
    previous = None
    taken: _Taken | None = None  # the person being read, to be handed out once all is read
    try:
        for row in result:
            person = row[_ID]
            if person == previous:  # the same person's further email or phone
                if taken is not None:
                    taken.add(row)
                continue
            previous = person
            if taken is not None:
                exported.append(taken.person)
                yield taken.record()
                taken = None
            if row[_OPTED_OUT] and not include_opted_out:
                left_out["opted out"] += 1
                continue
            if require_consent and row[_CONSENT] != opt_in:
                left_out["no consent"] += 1
                continue
            if mailing:
                email = row[_EMAIL]
                if not email:
                    left_out["no email"] += 1
                    continue
                key = email.casefold()
                if key in blocked:
                    left_out["address opted out"] += 1
                    continue
                if key in seen_emails:
                    left_out["duplicate email"] += 1
                    continue
                seen_emails.add(key)
            if row[_OPTED_OUT]:  # here only with include_opted_out: left out above otherwise
                summary.opted_out_included += 1
            taken = _Taken(row, blocked, summary, None if row[_OPTED_OUT] else flagged,
                           include_opted_out=include_opted_out)
        if taken is not None:
            exported.append(taken.person)
            yield taken.record()
    except GeneratorExit:
        # The reader stopped early (`| head`) and the command closed this within its
        # transaction: whom it handed out so far is still logged, and that it stopped. Closed
        # any other way (an error rolled the transaction back), there is nothing to log.
        if session.in_transaction():
            _log(session, where, summary, profile=profile, include_opted_out=include_opted_out,
                 require_consent=require_consent, reader_stopped=True)
        raise
    _log(session, where, summary, profile=profile, include_opted_out=include_opted_out,
         require_consent=require_consent)


class _Taken:
    """A person's rows: the first holds the primary email and phone; the others, the rest of
    each (the statement joins them, so each further value comes in one or more rows).

    An address someone opted out of (``blocked``) is nobody's further email; as the primary
    email it is left off a contact list, which keeps the person (a mailing left them out), and
    their first further email takes its place. Each address left off is counted once.

    Someone whose phone consent in force is an opt-out keeps none of their numbers, primary or
    further (unless ``include_opted_out``: then they are counted); each such person with a
    number is counted once."""

    __slots__ = ("first", "person", "emails", "phones", "blocked", "summary", "flagged",
                 "no_phones")

    def __init__(self, row, blocked: set[str], summary: ExportSummary,
                 flagged: set[str] | None = None, *, include_opted_out: bool = False) -> None:
        self.first = row
        self.person = row[_ID]
        self.blocked = blocked
        self.summary = summary
        self.flagged = flagged  # with --include-opted-out: such addresses are counted
        self.no_phones = bool(row[_PHONE_OPTED_OUT]) and not include_opted_out
        self.emails: dict[str, None] | None = None  # most people have one row: made on need
        self.phones: dict[str, None] | None = None

    def add(self, row) -> None:
        if self.emails is None:
            self.emails, self.phones = {}, {}
        if row[_EMAIL] is not None and row[_EMAIL] != self.first[_EMAIL]:
            self.emails[row[_EMAIL]] = None
        if (row[_PHONE] is not None and row[_PHONE] != self.first[_PHONE]
                and not self.no_phones):
            self.phones[written_phone(row[_PHONE], row[_PHONE_LABEL])] = None

    def record(self) -> tuple:
        first, blocked = self.first, self.blocked
        primary = first[_EMAIL]
        if self.flagged:
            self.summary.addresses_included += sum(
                1 for e in (primary, *(self.emails or ())) if e and e.casefold() in self.flagged)
        head = first[:_RECORD_END]
        phone = first[_PHONE]  # the primary (or first) one: None when they have none
        if phone is not None and first[_PHONE_OPTED_OUT]:  # they asked not to be called
            if self.no_phones:
                self.summary.phones_withheld += 1
                head = (*head[:_PHONE], None, *head[_PHONE + 1:])
            else:
                self.summary.phones_included += 1
        if first[_PHONE_LABEL] is not None and not self.no_phones:  # written with its label
            head = (*head[:_PHONE], written_phone(phone, first[_PHONE_LABEL]),
                    *head[_PHONE + 1:])
        if self.emails is None:  # one row, the most common case: one look-up at most
            if not (blocked and primary and primary.casefold() in blocked):
                return (*head, (), ())
            emails, phones = (), ()
        else:
            emails, phones = tuple(self.emails), tuple(self.phones)
            if not blocked or ((primary is None or primary.casefold() not in blocked)
                               and not any(e.casefold() in blocked for e in emails)):
                return (*head, emails, phones)
        kept = [e for e in (primary, *emails) if e and e.casefold() not in blocked]
        self.summary.withheld += len(emails) + bool(primary) - len(kept)
        fields = list(head)
        fields[_EMAIL] = kept[0] if kept else None
        return (*fields, tuple(kept[1:]), phones)


def _log(session: Session, where: ContactFilter, summary: ExportSummary, **options) -> None:
    """The export's entry in the audit trail: filters, options, counts and the people."""
    summary.exported = len(summary.exported_ids)
    filters = {k: list(v) if isinstance(v, (list, tuple)) else v
               for k, v in asdict(where).items() if v}
    audit.note(session, export={
        "filters": filters,
        **{k: v for k, v in options.items() if v},
        "exported": summary.exported,
        "left_out": {k: n for k, n in summary.left_out.items() if n},
        **({"withheld": summary.withheld} if summary.withheld else {}),
        **({"opted_out_included": summary.opted_out_included}
           if summary.opted_out_included else {}),
        **({"addresses_included": summary.addresses_included}
           if summary.addresses_included else {}),
        **({"phones_withheld": summary.phones_withheld} if summary.phones_withheld else {}),
        **({"phones_included": summary.phones_included} if summary.phones_included else {}),
    })
    audit.touched_in_bulk(session, Person.__table__, summary.exported_ids, "export")


class _TagNames(TypeDecorator):
    """The tags aggregated in SQL, read back as a tuple of names sorted by :func:`fold`."""

    impl = String
    cache_ok = True

    def process_result_value(self, value, dialect):
        return tuple(sorted(value.split(_TAG_SEPARATOR), key=fold)) if value else ()


_TAG_SEPARATOR = "\x1f"
#: The statement's columns: the record's fields (``opted_out`` among them) but the further
#: emails and phones (gathered from the person's other rows, see :class:`_Taken`), then what
#: else decides who is left out, and the phone's label (written after the number); last,
#: whether the person's phone consent in force is an opt-out (their numbers are left off).
_SELECTED_FIELDS = tuple(f for f in FIELDS if f not in ("other_emails", "other_phones"))
assert FIELDS[:len(_SELECTED_FIELDS)] == _SELECTED_FIELDS  # the gathered ones come last
_COLUMNS = (*_SELECTED_FIELDS, "id", "email_consent", "phone_label", "phone_opted_out")
_RECORD_END = len(_SELECTED_FIELDS)
_ID, _OPTED_OUT, _CONSENT, _EMAIL, _PHONE, _PHONE_LABEL, _PHONE_OPTED_OUT = (
    _COLUMNS.index(c) for c in ("id", "opted_out", "email_consent", "email", "phone",
                                "phone_label", "phone_opted_out"))


#: The export's order: by family name (else name), then name, then id, as ``person list``.
#: Written as expressions (``|| ''``, ``+ 0``: the same values and the same order) because
#: SQLite walks a people index for bare indexed columns here, which turns every join into a
#: random read (about 1.5x slower for 100,000 people); with expressions it reads people in
#: table order and sorts once.
_ORDER = (*by_family_name(Person.family_key + "", Person.name_key + ""), Person.id + 0)


def contacts_statement(session: Session, where: ContactFilter):
    """One row per person, or a few when they have several emails or phones: those rows come
    together, the first carrying the primary (or first) email and phone.

    The emails and phones are plain joins rather than a look-up per person (see also
    :data:`_ORDER`)."""
    current = people.current_affiliation_id()
    tags = (
        select(func.aggregate_strings(Tag.name, _TAG_SEPARATOR))
        .join(PersonTag, PersonTag.tag_id == Tag.id)
        .where(PersonTag.person_id == Person.id)
        .correlate(Person)
        .scalar_subquery()
    )
    email_consent = consent.in_force(Channel.EMAIL)
    phone_consent = aliased(consent.in_force(Channel.PHONE), name="phone_consent_in_force")
    email, phone = aliased(ContactPoint, name="email"), aliased(ContactPoint, name="phone")
    columns = {
        "honorific": Person.honorific, "title": Person.title, "given_name": Person.given_name,
        "family_name": Person.family_name, "full_name": Person.full_name,
        "organization": Organization.name, "position": Affiliation.position,
        "sector": Organization.sector, "email": email.value, "phone": phone.value,
        "country": Organization.country, "tags": type_coerce(tags, _TagNames()),
        "notes": Person.notes, "id": Person.id,
        "opted_out": _opted_out(email_consent),
        "email_consent": email_consent.c.status, "phone_label": phone.label,
        "phone_opted_out": consent.opts_out(phone_consent),
    }
    stmt = (
        select(*(columns[name].label(name) for name in _COLUMNS))
        .select_from(Person)
        .outerjoin(email, and_(email.person_id == Person.id, email.kind == "email"))
        .outerjoin(phone, and_(phone.person_id == Person.id, phone.kind == "phone"))
        .outerjoin(Affiliation, Affiliation.id == current)
        .outerjoin(email_consent, email_consent.c.person_id == Person.id)
        .outerjoin(phone_consent, phone_consent.c.person_id == Person.id)
        .outerjoin(Organization, Organization.id == Affiliation.organization_id)
        .order_by(*_ORDER, email.is_primary.desc(), email.id, phone.is_primary.desc(), phone.id)
    )
    return stmt.where(*_conditions(session, where))


def _conditions(session: Session, where: ContactFilter) -> list:
    # a forgotten person's placeholder is no contact, opted out or not
    conditions = [~erasure.is_placeholder()]
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
            .where(PersonTag.person_id == Person.id,
                   PersonTag.tag_id.in_(_tag_ids(session, where.tags)))
        ))
    return conditions


def _tag_ids(session: Session, names: Sequence[str]) -> list[int]:
    """The tags named, as an unknown event or organization is refused: a mistyped tag would
    otherwise export nobody without a word."""
    found = dict(session.execute(
        select(Tag.name_key, Tag.id).where(Tag.name_key.in_([fold(t) for t in names]))).all())
    for name in names:
        if fold(name) not in found:
            raise NotFound("tag", name)
    return list(found.values())


def _attendance_condition(session: Session, where: ContactFilter):
    parts = []
    if where.events:
        parts.append(Attendance.event_id.in_([refs.event(session, e).id for e in where.events]))
    if where.campaigns:
        campaign_ids = [refs.campaign(session, c).id for c in where.campaigns]
        parts.append(Attendance.event_id.in_(
            select(EventCampaign.event_id).where(EventCampaign.campaign_id.in_(campaign_ids))
        ))
    if where.roles:
        parts.append(Attendance.role.in_([Role.parse(r).value for r in where.roles]))
    if where.statuses:
        parts.append(Attendance.status.in_([Status.parse(s).value for s in where.statuses]))
    if not parts:
        return None
    return exists(select(Attendance.id).where(Attendance.person_id == Person.id, and_(*parts)))
