"""Ingesting a press release: match what the extractor read against the database, then write
what is missing in the command's one transaction.

:func:`review` fills ``match_id`` of the extracted organizations and people (and finds the
event and campaigns) with the same resolvers every command uses (:mod:`.refs`), and decides
for every record what writing would do: nothing (it exists), add it, or leave it out (too
uncertain, or missing what it hangs on). :func:`write` follows that plan through the ordinary
service functions, so a record added by ingestion is the same as one typed by hand, and
ingesting the same release twice adds nothing the second time.

A new person whose email address is on the suppression list (someone forgotten, or removed
after opting out) is not written, nor what hangs on them (their post, attendances, statements
and contact points): a release does not bring them back. The review does not show the listed
address. Someone on record who holds it is matched as before.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import event as sa_event, select
from sqlalchemy.orm import Session

from stakeholders import validate
from stakeholders.errors import Ambiguous, Conflict, Invalid, NotFound
from stakeholders.ingest import REVIEW_THRESHOLD, Extraction, extract
from stakeholders.ingest.contacts import EMAIL
from stakeholders.ingest.records import (
    AttendanceRecord,
    ContactRecord,
    Item,
    OrganizationRecord,
    PartnerRecord,
    PersonRecord,
    SectorPresenceRecord,
    StatementRecord,
)
from stakeholders.models import (
    Affiliation,
    Base,
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
from stakeholders.services import (
    attendance,
    campaigns,
    contacts,
    duplicates,
    events,
    import_batches,
    orgs,
    people,
    refs,
    suppressions,
)
from stakeholders.text import fold, same_words, shortened
from stakeholders.validate import date as parse_date
from stakeholders.vocab import ContactKind, Role, status_replaces

#: What the review says of a record.
NEW = "new"
RECORDED = "already recorded"
LOW = "low confidence"
SUPPRESSED = "email on the suppression list"
SOURCE_WIDTH = 60


@dataclass
class Proposal:
    """One extracted record and what writing would do with it."""

    kind: str
    label: str
    item: Item
    match_id: int | None = None
    recorded: bool = False  # a link (attendance, statement…) that already exists
    held: str | None = None  # why it will not be written, if it will not
    hidden: bool = False  # its sentence is not shown (it gives a listed address)
    changes: tuple[type, int] | None = None  # the existing record it changes: model, id

    def action(self) -> str:
        if self.match_id is not None:
            return f"#{self.match_id}"
        if self.recorded:
            return RECORDED
        if self.held:
            return f"not written: {self.held}"
        return NEW

    @property
    def writes(self) -> bool:
        return self.action() == NEW

    @property
    def present(self) -> bool:
        """Whether the record will be in the database once written: matched or new."""
        return self.match_id is not None or self.writes

    def hold_if_unsure(self, include_low: bool) -> Proposal:
        """Keep a new record read with low confidence for review unless told to write it."""
        if self.item.confidence < REVIEW_THRESHOLD and not include_low and self.writes:
            self.held = LOW
        return self


@dataclass
class Review:
    """The extraction with its matches, and the plan for every record."""

    extraction: Extraction
    event: Proposal
    campaign_ids: list[int] = field(default_factory=list)  # --campaign, linked to the event
    proposals: list[Proposal] = field(default_factory=list)

    def rows(self, *, whole: bool = False) -> list[dict]:
        """The review table: each record, its match (or 'new'), its sentence (cut to
        :data:`SOURCE_WIDTH` unless ``whole``) and confidence."""
        return [{"kind": p.kind, "record": p.label, "match": p.action(),
                 "confidence": f"{p.item.confidence:.2f}",
                 "source": "" if p.hidden else
                 " ".join(p.item.source.split()) if whole else _short(p.item.source)}
                for p in [self.event, *self.proposals]]

    def contract(self) -> dict:
        """The extraction as ``--format json`` prints it, without what the review hides: the
        contact points of a person whose address is on the suppression list, and the
        sentences that give them."""
        data = self.extraction.to_dict()
        hidden = {id(p.item) for p in self.proposals if p.hidden}
        for part, records in (("contacts", self.extraction.contacts),
                              ("people", self.extraction.people)):
            for record, item in zip(records, data[part]):
                if id(record) in hidden:
                    item.update({k: None for k in ("email", "phone", "handle") if k in item},
                                source="")
        return data

    def suppressed(self) -> int:
        """How many new people are not written for their email address on the list."""
        return sum(p.held == SUPPRESSED for p in self.of_kind("person"))

    def warnings(self) -> list[str]:
        return [f"{w.message} (in: {_short(w.source)})" for w in self.extraction.warnings]

    def of_kind(self, kind: str) -> list[Proposal]:
        return [p for p in self.proposals if p.kind == kind]

    def unsure(self) -> bool:
        """Whether some record is held back for its low confidence."""
        return any(p.held == LOW for p in [self.event, *self.proposals])

    def writes(self) -> bool:
        """Whether writing would add a record (some are new, and not held back)."""
        return any(p.writes for p in [self.event, *self.proposals])

    def withheld(self) -> int:
        """How many records the review shows as 'not written'."""
        return sum(p.action().startswith("not written") for p in [self.event, *self.proposals])


def _short(text: str, width: int = SOURCE_WIDTH) -> str:
    return shortened(" ".join(text.split()), width)


# -- matching ---------------------------------------------------------------------------------


def review(
    session: Session,
    text: str,
    *,
    event: str | None = None,
    new_event: bool = False,
    campaign: str | None = None,
    region: str | None = None,
    include_low: bool = False,
) -> Review:
    """Read ``text``, match it against the database and plan what writing would add (records
    read with low confidence only with ``include_low``); nothing is written."""
    if event is not None and new_event:
        raise Invalid("--event and --new-event cannot be used together")
    country = validate.country(region) if region is not None else None  # "" too is refused
    extraction = extract(text)
    if country and not extraction.event.country:
        extraction.event.country = country
    result = Review(extraction, _event_proposal(session, extraction, event, new_event)
                    .hold_if_unsure(include_low))
    if campaign is not None:
        result.campaign_ids.append(refs.campaign(session, campaign).id)
    _match_entities(session, result, include_low)
    _plan_links(session, result, include_low)
    return result


def _campaign_called(session: Session, ref: str) -> object:
    """A campaign a release names is the one recorded under that name or acronym: words of a
    name, which a reference typed by hand may give, could be another campaign's."""
    return refs.campaign(session, ref, words=False)


def _matched(proposal: Proposal, resolver: Callable[[Session, str], object],
             session: Session, *refs_: str | None) -> Proposal:
    """Match the proposal to the one record the first telling reference names. When a
    reference names several and none names one, the record is held back rather than
    added as yet another look-alike."""
    several: list[str] = []
    for ref in filter(None, refs_):
        try:
            proposal.match_id = resolver(session, ref).id  # type: ignore[attr-defined]
            return proposal
        except NotFound:
            continue
        except Ambiguous as e:
            several = several or e.candidates
    if several:
        proposal.held = "several existing records match: " + "; ".join(several)
    return proposal


def _event_proposal(session: Session, extraction: Extraction, ref: str | None,
                    new_event: bool) -> Proposal:
    record = extraction.event
    label = ", ".join(str(v) for v in (record.name, record.date) if v)
    proposal = Proposal("event", label, record)
    if ref is not None:  # "" (an unset variable) names no event, rather than none at all
        proposal.match_id = refs.event(session, ref).id
    elif not new_event and record.name and record.date:
        proposal.match_id = session.scalar(
            select(Event.id).where(Event.name_key == fold(record.name),
                                   Event.start_date == parse_date(record.date))
            .order_by(Event.id).limit(1))
    if proposal.match_id is None and not record.date:
        proposal.held = "the release gives no date (use --event)"
    return proposal


def _match_entities(session: Session, result: Review, include_low: bool) -> None:
    x = result.extraction
    found: list[Proposal] = []
    for c in x.campaigns:
        found.append(_matched(Proposal("campaign", _named(c.name, c.acronym), c),
                              _campaign_called, session, c.name, c.acronym))
    organizations: dict[str, int] = {}
    listed = suppressions.listed(session)
    for o in x.organizations:
        found.append(_matched(Proposal("organization", _named(o.name, o.acronym), o),
                              refs.organization, session, o.name, o.acronym))
        o.match_id = found[-1].match_id
        if o.match_id is not None:
            organizations[o.name] = o.match_id
    for p in x.people:
        if not p.name:
            found.append(Proposal("person", _person_label(p), p, held="named only by post"))
            continue
        emails = [c.email for c in x.contacts if c.person == p.ref and c.email]
        proposal = _matched(Proposal("person", _person_label(p), p), refs.person, session,
                            p.name, *emails)
        if proposal.match_id is not None and emails:
            _hold_if_named_otherwise(session, proposal, p.name)
        if proposal.match_id is None and not proposal.held:
            _match_similar(session, proposal, p, organizations)
        if proposal.match_id is None and not proposal.held and listed.any(emails):
            proposal.held = SUPPRESSED
        found.append(proposal)
        p.match_id = proposal.match_id
    found += [_acronym_proposal(session, p) for p in found if _lacks_acronym(session, p)]
    result.proposals += [p.hold_if_unsure(include_low) for p in found]


_ACRONYM_HOLDERS = {"organization": Organization, "campaign": Campaign}


def _lacks_acronym(session: Session, p: Proposal) -> bool:
    """Whether the release defines an acronym ('the Federal Investigation Agency (FIA)') for
    an existing organization or campaign recorded without one."""
    model = _ACRONYM_HOLDERS.get(p.kind)
    return bool(model and p.match_id is not None and p.item.acronym  # type: ignore[attr-defined]
                and session.get(model, p.match_id).acronym is None)


def _acronym_proposal(session: Session, p: Proposal) -> Proposal:
    """Give the existing record the acronym the release defines, unless another record
    already answers to it."""
    model, acronym = _ACRONYM_HOLDERS[p.kind], p.item.acronym  # type: ignore[attr-defined]
    record = session.get(model, p.match_id)
    proposal = Proposal("acronym", f"{record.name}: {acronym}", p.item,
                        changes=(model, record.id))
    try:
        refs.check_free(session, model, p.kind, acronym, acronym=True, except_id=record.id)
    except Conflict as e:
        proposal.held = e.message
    return proposal


def _hold_if_named_otherwise(session: Session, proposal: Proposal, name: str) -> None:
    """A release's contact found by an email address alone ('Laura Gómez, media@unodc.org')
    is that person only if their names are alike: an office's shared address may be
    recorded for a colleague, whose record her attendance and words must not go to. Named
    otherwise, the contact is held back for review."""
    try:
        if refs.person(session, name).id == proposal.match_id:
            return  # found by name too
    except (NotFound, Ambiguous):
        pass
    person = session.get(Person, proposal.match_id)
    if person is None or duplicates.alike(name, person):
        return
    proposal.held = (f"the email address is that of #{person.id} {person.full_name}, "
                     "named otherwise")
    proposal.match_id = None


def _match_similar(session: Session, proposal: Proposal, person: PersonRecord,
                   organizations: dict[str, int]) -> None:
    """A name not found as written may still be someone already recorded at the same
    organization under a slightly different spelling: the duplicate finder's fuzzy signal
    decides. One candidate is a match; several are held back for review. A family name
    written alone is the one person of the organization who has it, if only one has it."""
    org_id = organizations.get(person.organization or "")
    if org_id is None or not person.name:
        return
    if len(person.name.split()) == 1:  # 'Mr. Shifaque' at the FIA: its Muhammad Shifaque
        family = session.scalars(
            select(Person.id).join(Affiliation, Affiliation.person_id == Person.id)
            .where(Affiliation.organization_id == org_id,
                   Person.family_key == fold(person.name)).distinct()).all()
        if len(family) == 1:
            proposal.match_id = family[0]
            return
    similar = duplicates.similar_people(session, person.name, org_id)
    if len(similar) == 1:
        proposal.match_id = similar[0][0]
    elif similar:
        proposal.held = "several existing people have a similar name: " + ", ".join(
            f"#{pid} ({score})" for pid, score in similar)


def _named(name: str, acronym: str | None) -> str:
    return f"{name} ({acronym})" if acronym and acronym != name else name


def _person_label(p: PersonRecord) -> str:
    """'Ms. A, Programme Officer, UNDP'; one named only by post, by it once: 'the Director'."""
    who = " ".join(x for x in (p.honorific, p.title, p.name or p.ref) if x)
    return ", ".join(x for x in (who, p.position if p.name else None, p.organization) if x)


# -- links between records --------------------------------------------------------------------


@dataclass
class _Ends:
    """The proposals of the records links hang on, by the names the extraction uses."""

    event: Proposal
    campaigns: dict[str, Proposal]
    orgs: dict[str, Proposal]
    people: dict[str, Proposal]

    @classmethod
    def of(cls, result: Review) -> _Ends:
        return cls(
            event=result.event,
            campaigns={fold(p.item.name): p for p in result.of_kind("campaign")},
            orgs={fold(p.item.name): p for p in result.of_kind("organization")},
            people={fold(p.item.ref): p for p in result.of_kind("person")},
        )

    @staticmethod
    def id(proposals: dict[str, Proposal], ref: str | None) -> int | None:
        p = proposals.get(fold(ref)) if ref else None
        return p.match_id if p else None

    def missing(self, *, event: bool = False, campaign: str | None = None,
                org: str | None = None, people: tuple[str | None, ...] = ()) -> str | None:
        """Why a link cannot be written: one of its ends will not be in the database."""
        if event and not self.event.present:
            return "the event is not written"
        ends = [("campaign", self.campaigns, campaign), ("organization", self.orgs, org),
                *(("person", self.people, ref) for ref in people)]
        for kind, proposals, ref in ends:
            p = proposals.get(fold(ref)) if ref else None
            if ref and (p is None or not p.present):
                return f"its {kind} {ref!r} is not written"
        return None


def _plan_links(session: Session, result: Review, include_low: bool) -> None:
    """Add the proposals that link records, marking those the database already holds and
    those that cannot be written because what they hang on will not be."""
    x, ends = result.extraction, _Ends.of(result)
    event_id = result.event.match_id
    known = _Known.load(session, event_id, ends)
    people_id = lambda ref: ends.id(ends.people, ref)  # noqa: E731 - a short alias
    links: list[Proposal] = []
    for pr in x.partners:
        key = (ends.id(ends.campaigns, pr.campaign), ends.id(ends.orgs, pr.organization),
               pr.role)
        links.append(Proposal(
            "partner", f"{pr.organization}: {pr.role} of {_campaign_label(x, pr.campaign)}", pr,
            recorded=key in known.partners,
            held=ends.missing(campaign=pr.campaign, org=pr.organization)))
    for p in x.people:
        if p.position and p.name and not p.organization:
            links.append(_unplaced_post(p, known))
        if p.organization and p.name:
            org_id = ends.id(ends.orgs, p.organization)
            key = (p.match_id, org_id, _post_key(p.position, known.org_names.get(org_id, ())))
            # a post not named at an organization where they hold one is that one
            held_there = not p.position and any(
                a[:2] == (p.match_id, org_id) for a in known.affiliations)
            links.append(Proposal(
                "affiliation", f"{p.name}: {p.position or '(no position)'}, {p.organization}",
                p, recorded=key in known.affiliations or held_there,
                held=ends.missing(org=p.organization, people=(p.ref,))))
    for sp in x.sectors_present:
        links.append(Proposal("sector present", f"{sp.sector}: {sp.description}", sp,
                              recorded=(event_id, sp.sector) in known.sectors,
                              held=ends.missing(event=True)))
    for a in x.attendances:
        recorded = known.attendances.get((event_id, people_id(a.person)))
        fills = _fills(a, recorded) if recorded else {}
        links.append(Proposal(
            "attendance", _attendance_label(a) + (f" (filling {', '.join(fills)})" if fills
                                                  else ""), a,
            recorded=recorded is not None and not fills,
            changes=(Attendance, recorded[0]) if fills else None,
            held=ends.missing(event=True, people=(a.person, a.on_behalf_of))))
    for st in x.statements:
        links.append(Proposal(
            "statement", f"{st.person}: {_short(st.text, 50)}", st,
            recorded=((event_id, people_id(st.person), same_words(fold(st.text)))
                      in known.statements),
            held=ends.missing(event=True, people=(st.person,))))
    links += [_contact_proposal(c, ends, known, x) for c in x.contacts]
    result.proposals += [p.hold_if_unsure(include_low) for p in links]


def _unplaced_post(p: PersonRecord, known: _Known) -> Proposal:
    """A post the release names at no organization ('Ms. A, Programme Officer'): a post is
    held at an organization, so it is not written, unless it is one the person holds."""
    held = any(a[0] == p.match_id and a[2] == _post_key(p.position, known.org_names.get(a[1], ()))
               for a in known.affiliations) if p.match_id is not None else False
    return Proposal("affiliation", f"{p.name}: {p.position} (no organization)", p,
                    recorded=held, held=None if held else
                    "no organization named (add it with person affiliate)")


def _campaign_label(x: Extraction, name: str | None) -> str:
    """A campaign as the table shows it: its acronym when it has one."""
    record = next((c for c in x.campaigns if c.name == name), None)
    return (record.acronym if record else None) or name or "?"


def _fills(a: AttendanceRecord, recorded: tuple) -> dict[str, object]:
    """What a release tells of an attendance recorded already (a sign-in sheet's, say) that
    the record leaves open, by field: a role beyond attendee, a speaking order, whom they
    came for, a status further on (they spoke, so they came). What is recorded otherwise
    stays as it is."""
    _, role, status, order, proxy = recorded
    fills: dict[str, object] = {}
    if role == Role.ATTENDEE.value and a.role != role:
        fills["role"] = a.role
    if order is None and a.speaking_order is not None:
        fills["speaking order"] = a.speaking_order
    if proxy is None and a.on_behalf_of:
        fills["on behalf of"] = a.on_behalf_of
    if status_replaces(a.status, status):
        fills["status"] = a.status
    return fills


def _attendance_label(a: AttendanceRecord) -> str:
    text = f"{a.person}: {a.role}"
    if a.speaking_order:
        text += f" #{a.speaking_order}"
    return text + (f" on behalf of {a.on_behalf_of}" if a.on_behalf_of else "")


def _contact_kind(c: ContactRecord) -> tuple[ContactKind, str]:
    if c.email:
        return ContactKind.EMAIL, c.email
    if c.phone:
        return ContactKind.PHONE, c.phone
    return ContactKind.SOCIAL, c.handle or ""


def _contact_proposal(c: ContactRecord, ends: _Ends, known: _Known, x: Extraction) -> Proposal:
    kind, value = _contact_kind(c)
    label = f"{c.person or _campaign_label(x, c.campaign)}: {value}"
    if not (c.person or c.campaign):
        return Proposal("contact", label, c, held="it belongs to no one named")
    try:  # a number without its country code is read in the event's country
        stored = contacts.stored(kind, value, x.event.country)  # 'ext. 12': its label
    except Invalid as e:
        return Proposal("contact", label, c, held=e.message)
    owner = ("person", ends.id(ends.people, c.person)) if c.person else \
        ("campaign", ends.id(ends.campaigns, c.campaign))
    person = ends.people.get(fold(c.person)) if c.person else None
    if person is not None and person.held == SUPPRESSED:  # nor is their number
        person.hidden = person.hidden or bool(EMAIL.search(person.item.source))
        return Proposal("contact", f"{c.person}: (not shown: their address is on the "
                        "suppression list)", c,
                        held=f"its person {c.person!r} is not written", hidden=True)
    return Proposal("contact", label, c, recorded=(*owner, kind.value, stored.casefold())
                    in known.contacts,
                    held=ends.missing(campaign=c.campaign, people=(c.person,)))


@dataclass
class _Known:
    """The links already recorded between matched records, loaded in one query per kind."""

    partners: set[tuple] = field(default_factory=set)
    affiliations: set[tuple] = field(default_factory=set)
    sectors: set[tuple] = field(default_factory=set)
    #: (event, person) -> (attendance id, role, status, speaking order, on behalf of id)
    attendances: dict[tuple, tuple] = field(default_factory=dict)
    statements: set[tuple] = field(default_factory=set)
    contacts: set[tuple] = field(default_factory=set)
    #: the name and acronym of the organizations of the affiliations above, by id
    org_names: dict[int, tuple] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session, event_id: int | None, ends: _Ends) -> _Known:
        known = cls()
        campaign_ids = _present(p.match_id for p in ends.campaigns.values())
        person_ids = _present(p.match_id for p in ends.people.values())
        known.partners = {tuple(r) for r in session.execute(
            select(CampaignPartner.campaign_id, CampaignPartner.organization_id,
                   CampaignPartner.role).where(CampaignPartner.campaign_id.in_(campaign_ids)))}
        held = session.execute(
            select(Affiliation.person_id, Affiliation.organization_id, Affiliation.position,
                   Organization.name, Organization.acronym)
            .join(Organization, Organization.id == Affiliation.organization_id)
            .where(Affiliation.person_id.in_(person_ids))).all()
        known.org_names = {oid: (name, acronym) for _, oid, _, name, acronym in held}
        known.affiliations = {(pid, oid, _post_key(pos, known.org_names[oid]))
                              for pid, oid, pos, _, _ in held}
        known.contacts = {("person", pid, kind, value) if pid else ("campaign", cid, kind, value)
                          for pid, cid, kind, value in session.execute(
            select(ContactPoint.person_id, ContactPoint.campaign_id, ContactPoint.kind,
                   ContactPoint.value_key)
            .where(ContactPoint.person_id.in_(person_ids)
                   | ContactPoint.campaign_id.in_(campaign_ids)))}
        if event_id is not None:
            known.sectors = {tuple(r) for r in session.execute(
                select(EventSector.event_id, EventSector.sector)
                .where(EventSector.event_id == event_id))}
            known.attendances = {(event, person): (ident, role, status, order, proxy)
                                 for event, person, ident, role, status, order, proxy
                                 in session.execute(
                select(Attendance.event_id, Attendance.person_id, Attendance.id, Attendance.role,
                       Attendance.status, Attendance.speaking_order, Attendance.on_behalf_of_id)
                .where(Attendance.event_id == event_id))}
            known.statements = {(event, person, same_words(key)) for event, person, key
                                in session.execute(
                select(Statement.event_id, Statement.person_id, Statement.text_key)
                .where(Statement.event_id == event_id))}
        return known


def _post_key(position: str | None, org_names) -> str:
    """A post as compared with the posts held: without the name or acronym of the
    organization it is held at, which a release may or may not write in it ('UNICEF Chief of
    Child Protection', 'Chief of Child Protection at UNICEF': the same post at UNICEF)."""
    key = fold(position or "")
    for name in sorted({fold(n) for n in org_names if n}, key=len, reverse=True):
        key = re.sub(rf"(?:\b(?:of|at|with|in)\s+)?(?:\bthe\s+)?(?<!\w){re.escape(name)}(?!\w)",
                     " ", key)
    return " ".join(key.replace(",", " ").split())


def _present(values) -> list[int]:
    return sorted({v for v in values if v is not None})


# -- writing ----------------------------------------------------------------------------------


@dataclass
class _Written:
    """The records in play while writing, by the names the extraction uses."""

    event: Event | None = None
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    orgs: dict[str, Organization] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    region: str | None = None  # the country of phone numbers written without their code
    #: rows changed while writing, as they were before, by table (attendances filled)
    updated: list[tuple[str, dict]] = field(default_factory=list)

    def org(self, name: str | None) -> Organization | None:
        return self.orgs.get(fold(name)) if name else None

    def person(self, ref: str | None) -> Person | None:
        return self.people.get(fold(ref)) if ref else None


@dataclass
class Outcome:
    """What an ingestion found and, when it wrote, what it added."""

    review: Review
    added: Counter = field(default_factory=Counter)  # rows added per table
    batch_id: int | None = None
    acronyms: int = 0  # existing organizations and campaigns given an acronym
    filled: int = 0  # attendances recorded before whose role, order… the release filled
    #: Speaking orders an attendance added shares with another at the event (one recorded
    #: before, when ingesting into it with --event).
    warnings: list[str] = field(default_factory=list)


def ingest(session: Session, text: str, *, write: bool = False, include_low: bool = False,
           source: str = "press release", **options) -> Outcome:
    """Review ``text`` (``options`` as for :func:`review`) and, when ``write``, add what is
    new as an import batch named after ``source``; the one call a command makes."""
    outcome = Outcome(review(session, text, include_low=include_low, **options))
    if write:
        created, updated = write_review(session, outcome.review)
        outcome.added = Counter({table: len(keys) for table, keys in created.items()})
        filled = [before["id"] for table, before, _ in updated if table == "attendances"]
        outcome.acronyms = len(updated) - len(filled)
        outcome.filled = len(filled)
        if created or updated:
            outcome.batch_id = _record_batch(session, f"ingest {source}", created, updated)
        outcome.warnings = attendance.shared_speaking_orders(
            session, [*created.get("attendances", []), *filled])
    return outcome


def write_review(session: Session, result: Review) -> tuple[dict[str, list], list[tuple]]:
    """Write every proposal marked new, through the ordinary service functions, in the
    caller's transaction; returns the keys of the rows added, by table, and the existing
    rows changed (an acronym given) as (table, before, after) images."""
    with track_created(session) as created:
        done = _Written(region=result.extraction.event.country)
        _write_entities(session, result, done)
        updated = _write_acronyms(session, result)
        _write_event(session, result, done)
        for p in result.proposals:
            if p.kind in _LINK_WRITERS and p.writes:
                _LINK_WRITERS[p.kind](session, p, done)
        session.flush()
    return created, [(table, before, _row(session, table, before["id"]))
                     for table, before in updated + done.updated]


def _record_batch(session: Session, source: str, created: dict[str, list],
                  updated: list[tuple]) -> int:
    """Record the rows an ingestion added (and the acronyms it gave) as one import batch, so
    `import undo` takes the whole ingestion back."""
    recorder = import_batches.Recorder(session, source, dt.datetime.now(dt.timezone.utc))
    for table, keys in created.items():
        recorder.adopt(table, keys)
    for table, before, after in updated:
        recorder.updated(table, before, after)
    return recorder.finish(Counter(created=sum(map(len, created.values())),
                                   updated=len(updated)))


def _row(session: Session, table: str, row_id: int) -> dict:
    t = Base.metadata.tables[table]
    return dict(session.execute(select(t).where(t.c.id == row_id)).mappings().one())


def _write_acronyms(session: Session, result: Review) -> list[tuple[str, dict]]:
    """Give existing organizations and campaigns the acronyms the release defines for them;
    returns each row as it was before, by table."""
    changed = []
    for p in result.of_kind("acronym"):
        if p.writes and p.changes:
            model, record_id = p.changes
            changed.append((model.__tablename__, _row(session, model.__tablename__, record_id)))
            edit = orgs.edit_organization if model is Organization else campaigns.edit_campaign
            edit(session, f"#{record_id}", acronym=p.item.acronym)  # type: ignore[attr-defined]
    return changed


def _write_entities(session: Session, result: Review, done: _Written) -> None:
    """Campaigns, organizations and people: the matched ones loaded, the new ones added."""
    for p in result.of_kind("campaign"):
        c = p.item
        if p.match_id is not None:
            done.campaigns[fold(c.name)] = session.get(Campaign, p.match_id)
        elif p.writes:
            done.campaigns[fold(c.name)] = campaigns.add_campaign(session, c.name,
                                                                  acronym=c.acronym)
    for p in result.of_kind("organization"):
        o: OrganizationRecord = p.item  # type: ignore[assignment]
        if p.match_id is not None:
            done.orgs[fold(o.name)] = session.get(Organization, p.match_id)
        elif p.writes:
            done.orgs[fold(o.name)] = orgs.add_organization(session, o.name, acronym=o.acronym,
                                                            sector=o.sector)
    for p in result.of_kind("person"):
        r: PersonRecord = p.item  # type: ignore[assignment]
        if p.match_id is not None:
            done.people[fold(r.ref)] = session.get(Person, p.match_id)
        elif p.writes:
            done.people[fold(r.ref)] = people.add_person(
                session, r.name, honorific=r.honorific, title=r.title)


def _write_event(session: Session, result: Review, done: _Written) -> None:
    """The matched event, or a new one; linked to the campaigns in play."""
    p, record = result.event, result.extraction.event
    if p.match_id is not None:
        done.event = session.get(Event, p.match_id)
    elif p.writes:
        done.event = events.add_event(
            session, record.name or "Event", date=parse_date(record.date), kind=record.kind,
            city=record.city, country=record.country, twin=True)  # --new-event: asked for
    if done.event is None:
        return
    wanted = {c.id for c in done.campaigns.values()} | set(result.campaign_ids)
    have = set(session.scalars(select(EventCampaign.campaign_id)
                               .where(EventCampaign.event_id == done.event.id)))
    for campaign_id in sorted(wanted - have):  # as rows of their own, so a batch records them
        session.add(EventCampaign(event_id=done.event.id, campaign_id=campaign_id))


def _write_partner(session: Session, p: Proposal, done: _Written) -> None:
    item: PartnerRecord = p.item  # type: ignore[assignment]
    campaigns.add_partner(session, done.campaigns[fold(item.campaign)],
                          done.org(item.organization), item.role)


def _write_affiliation(session: Session, p: Proposal, done: _Written) -> None:
    """A new person's post is their primary affiliation; a known person's is added beside
    the ones they have, leaving those as they are."""
    item: PersonRecord = p.item  # type: ignore[assignment]
    person = done.person(item.ref)
    people.affiliate(session, person, done.org(item.organization), position=item.position,
                     primary=not person.affiliations)


def _write_sector(session: Session, p: Proposal, done: _Written) -> None:
    item: SectorPresenceRecord = p.item  # type: ignore[assignment]
    events.add_sector_present(done.event, item.sector, item.description)


def _write_attendance(session: Session, p: Proposal, done: _Written) -> None:
    item: AttendanceRecord = p.item  # type: ignore[assignment]
    if p.changes:  # one recorded already: what the release adds to it
        _, ident = p.changes
        before = _row(session, "attendances", ident)
        fills = _fills(item, (ident, before["role"], before["status"],
                              before["speaking_order"], before["on_behalf_of_id"]))
        proxy = done.person(item.on_behalf_of) if "on behalf of" in fills else None
        attendance.edit_attendance(
            session, f"#{done.event.id}", f"#{before['person_id']}",
            role=fills.get("role"), status=fills.get("status"),
            order=fills.get("speaking order"),
            on_behalf_of=f"#{proxy.id}" if proxy is not None else None)
        session.flush()
        done.updated.append(("attendances", before))
        return
    attendance.add_attendance(  # at an event still to come, no one has attended yet
        session, done.event, done.person(item.person), role=item.role,
        status=attendance.status_at(done.event, item.status),
        org=done.org(item.organization), on_behalf_of=done.person(item.on_behalf_of),
        order=item.speaking_order)


def _write_statement(session: Session, p: Proposal, done: _Written) -> None:
    item: StatementRecord = p.item  # type: ignore[assignment]
    attendance.add_statement(session, done.event, done.person(item.person), item.text,
                             item.kind)


def _write_contact(session: Session, p: Proposal, done: _Written) -> None:
    item: ContactRecord = p.item  # type: ignore[assignment]
    if item.person:
        owner = done.person(item.person)
    else:
        owner = done.campaigns[fold(item.campaign)]
    kind, value = _contact_kind(item)
    contacts.add(owner, kind, value, region=done.region)


_LINK_WRITERS: dict[str, Callable[[Session, Proposal, _Written], None]] = {
    "partner": _write_partner,
    "affiliation": _write_affiliation,
    "sector present": _write_sector,
    "attendance": _write_attendance,
    "statement": _write_statement,
    "contact": _write_contact,
}


@contextmanager
def track_created(session: Session) -> Iterator[dict[str, list]]:
    """Collect the primary key of every row the session inserts meanwhile, by table: the id,
    or the composite key as a list."""
    created: dict[str, list] = {}

    def _inserted(_session, instance) -> None:
        from sqlalchemy import inspect

        mapper = inspect(instance).mapper
        key = list(mapper.primary_key_from_instance(instance))
        created.setdefault(mapper.local_table.name, []).append(key[0] if len(key) == 1 else key)

    sa_event.listen(session, "pending_to_persistent", _inserted)
    try:
        yield created
    finally:
        sa_event.remove(session, "pending_to_persistent", _inserted)
