"""Loading seed files (TOML; see seeds/ for the format) idempotently.

Records are matched by their folded name (organizations and campaigns also by acronym, events
by name and date, people by email first, and by name with their organization, see
:func:`_existing_person`); whatever already exists is left as it is, whatever is
missing is added (without its acronym when another record already answers to it). Loading a
file twice therefore changes nothing the second time.

:func:`load_file` also remembers each file it loaded (``seed_loads``: its name and the SHA-256
of its bytes) and skips a file loaded before unless told ``again``: what the officer removed,
merged away or forgot since then stays gone.

A person the file would add with an email address on the suppression list (someone forgotten,
or removed after opting out) is not added, nor their attendances and statements: ``seed
--again`` does not bring them back (see :mod:`stakeholders.services.suppressions`). Someone on
record who holds the address is matched and completed as before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from stakeholders import validate
from stakeholders.errors import Ambiguous, Conflict, Invalid, NotFound
from stakeholders.models import Attendance, Event, Person, SeedLoad
from stakeholders.names import name_key
from stakeholders.services import (
    attendance,
    audit,
    campaigns,
    contacts,
    events,
    orgs,
    people,
    refs,
    suppressions,
)
from stakeholders.text import fold
from stakeholders.vocab import ContactKind


@dataclass
class FileLoad:
    """What loading one seed file did: ``added`` per kind, or nothing and ``loaded_before``
    (the local day it was first loaded) when the file was skipped; ``suppressed``: per
    kind, what it did not add because it is, or hangs on, a person whose email address is on
    the suppression list; ``warnings``: speaking orders an attendance it added shares with another
    at the same event."""

    name: str
    added: Counter = field(default_factory=Counter)
    suppressed: Counter = field(default_factory=Counter)
    loaded_before: dt.date | None = None
    warnings: list[str] = field(default_factory=list)


def read(path: Path) -> dict[str, Any]:
    return _parse(path, _bytes(path))


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise Invalid(f"cannot read seed file {path}: {e.strerror}") from None


def _parse(path: Path, raw: bytes) -> dict[str, Any]:
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise Invalid(f"seed file {path} is not UTF-8 text (byte {e.start + 1}); save it as "
                      "UTF-8") from None
    except tomllib.TOMLDecodeError as e:
        raise Invalid(f"seed file {path} is not valid TOML: {e}") from None


def load_file(session: Session, path: Path, *, again: bool = False) -> FileLoad:
    """Load one seed file unless it was loaded before (the same bytes, under any name);
    ``again`` loads it anyway, adding what is missing. Either way the load is remembered."""
    raw = _bytes(path)
    digest = hashlib.sha256(raw).hexdigest()
    known = session.scalar(select(SeedLoad).where(SeedLoad.digest == digest))
    if known is not None and not again:
        return FileLoad(path.name, loaded_before=audit.local_day(known.created_at))
    from stakeholders.services.ingest import track_created

    suppressed: Counter = Counter()
    data = _parse(path, raw)
    with track_created(session) as created:
        try:
            added = load(session, data, suppressed)
        except Invalid as e:
            raise Invalid(f"seed file {path}: {e}") from None
    if known is None:
        session.add(SeedLoad(name=path.name[:300], digest=digest))
    else:
        known.updated_at = func.now()
    return FileLoad(path.name, added=added, suppressed=suppressed, warnings=attendance.shared_speaking_orders(
        session, created.get("attendances", [])))


@dataclass
class _Suppressed:
    """The suppression list (read once per load) and the people of the file it kept out, by
    their folded names and addresses, which the file's attendances refer to them by."""

    listed: suppressions.Listed
    names: set[str] = field(default_factory=set)
    counts: Counter = field(default_factory=Counter)

    def keeps_out(self, item: dict) -> bool:
        return self.listed.any(item.get("emails", []))


def load(session: Session, data: dict[str, Any], suppressed: Counter | None = None) -> Counter:
    """Add what ``data`` describes and the database lacks; count what was added per kind (a
    singular noun: "person", "sector present"), and in ``suppressed`` what was not because of
    the suppression list."""
    added: Counter = Counter()
    kept_out = _Suppressed(suppressions.listed(session))
    _check_shape(data, "")
    sections = (("organizations", lambda item: _organization(session, item, added)),
                ("people", lambda item: _person(session, item, added, kept_out)),
                ("campaigns", lambda item: _campaign(session, item, added)),
                ("events", lambda item: _event(session, item, added, kept_out)))
    for section, load_one in sections:
        for n, item in enumerate(data.get(section, []), 1):
            if not isinstance(item, dict):
                raise Invalid(f"{section} entry {n} is not a table")
            entry = f"{section} entry {n}"
            try:
                load_one(item)
            except KeyError as e:
                raise Invalid(f"{entry} lacks the field {e.args[0]!r}") from None
            except (Invalid, NotFound, Ambiguous, Conflict) as e:
                raise Invalid(f"{entry}: {e}") from None
    if suppressed is not None:
        suppressed.update(kept_out.counts)
    return added


#: The fields that hold a list (``emails = ["…"]``, ``[[people]]``), and of those the ones
#: whose entries are tables.
_LISTS = frozenset({"affiliations", "attendances", "campaigns", "emails", "events", "handles",
                    "organizations", "partners", "people", "phones", "sectors_present",
                    "statements", "tags"})
_TABLES = frozenset({"affiliations", "attendances", "events", "organizations", "partners",
                     "people"})


def _check_shape(table: dict, where: str) -> None:
    """Refuse a field that should be a list and is not (``emails = "a@x.org"`` was read a
    character at a time), or a list entry that should be a table and is not."""
    for key, value in table.items():
        if key in _LISTS and not isinstance(value, list):
            raise Invalid(f"{where}{key} is not a list; write it as {key} = [...]")
        for n, entry in enumerate(value if isinstance(value, list) else (), 1):
            if isinstance(entry, dict):
                _check_shape(entry, f"{where}{key} entry {n}: ")
            elif key in _TABLES:
                raise Invalid(f"{where}{key} entry {n} is not a table")


def _organization(session: Session, item: dict, added: Counter) -> None:
    if refs.organizations_called(session, item["name"]):  # by name, or acronym ("UNODC")
        return
    orgs.add_organization(
        session, item["name"], acronym=_free_acronym(refs.organizations_called, session, item),
        sector=item.get("sector"),
        country=item.get("country"), parent=item.get("parent"), website=item.get("website"),
        emails=item.get("emails", []), phones=item.get("phones", []),
        region=item.get("region"), tags=item.get("tags", []), notes=item.get("notes"),
    )
    added["organization"] += 1


def _free_acronym(called, session: Session, item: dict) -> str | None:
    """The item's acronym, or none when a record ``called`` finds already answers to it: the
    item is added under its name alone rather than refused."""
    acronym = item.get("acronym")
    return None if acronym and called(session, acronym) else acronym


def _existing_person(session: Session, item: dict) -> Person | None:
    """Who on record the item is: the holder of one of its email addresses; else the one
    person of its name with a post at one of its organizations; else the one person of its
    name who is not known by other addresses than the item's (a post elsewhere is added to
    theirs). Several such people, whom the item cannot tell apart, are refused."""
    emails = item.get("emails", [])
    for email in emails:
        try:
            return refs.person(session, validate.email(email))
        except NotFound:
            pass
    named = session.scalars(
        select(Person).where(Person.name_key == name_key(item["name"])).order_by(Person.id)
    ).all()
    orgs = {refs.organization(session, a["organization"]).id
            for a in item.get("affiliations", [])}
    there = [p for p in named if any(a.organization_id in orgs for a in p.affiliations)]
    if not there and emails:  # someone with other addresses is somebody else
        there = [p for p in named if not any(c.kind == ContactKind.EMAIL.value
                                             for c in p.contact_points)]
    found = there or ([] if emails else named)
    if len(found) > 1:
        raise Ambiguous("person", item["name"], [f"#{p.id} {p.full_name}" for p in found],
                        hint="give the seed's person an email address or an organization "
                             "that tells them apart")
    return found[0] if found else None


def _person(session: Session, item: dict, added: Counter, kept_out: _Suppressed) -> None:
    person = _existing_person(session, item)
    if person is None and kept_out.keeps_out(item):
        kept_out.names.add(name_key(item["name"]))
        kept_out.names.update(e.strip().casefold() for e in item.get("emails", []) if e)
        kept_out.counts["person"] += 1
        return
    if person is None:
        person = people.add_person(
            session, item["name"], given=item.get("given"), family=item.get("family"),
            honorific=item.get("honorific"), title=item.get("title"),
            phones=item.get("phones", []), handles=item.get("handles", []),
            region=item.get("region"), tags=item.get("tags", []),
            no_email=item.get("no_email", False), notes=item.get("notes"),
        )
        added["person"] += 1
    for email in item.get("emails", []):
        if kept_out.listed.any([email]) and not any(
                c.kind == ContactKind.EMAIL.value and c.value_key == email.strip().casefold()
                for c in person.contact_points):
            kept_out.counts["contact point"] += 1  # taken off them and listed: not given back
        elif contacts.add(person, ContactKind.EMAIL, email):
            added["contact point"] += 1
    for aff in item.get("affiliations", []):
        org = refs.organization(session, aff["organization"])
        position = validate.plain(aff.get("position"), "position", 300)
        if any(a.organization is org and a.position == position for a in person.affiliations):
            continue
        # the seed's primary post is primary only for someone who has none: a primary post
        # the officer recorded stays primary (what exists is left alone)
        people.affiliate(
            session, person, org, position=position,
            start=_date(aff.get("start")), end=_date(aff.get("end")),
            primary=aff.get("primary", False)
            and not any(a.is_primary for a in person.affiliations),
        )
        added["affiliation"] += 1


def _campaign(session: Session, item: dict, added: Counter) -> None:
    campaign = next(iter(refs.campaigns_called(session, item["name"])), None)
    if campaign is None:
        campaign = campaigns.add_campaign(
            session, item["name"], acronym=_free_acronym(refs.campaigns_called, session, item),
            start=_date(item.get("start")), end=_date(item.get("end")),
            description=item.get("description"),
        )
        added["campaign"] += 1
    for h in item.get("handles", []):
        if contacts.add(campaign, ContactKind.SOCIAL, h):
            added["contact point"] += 1
    for partner in item.get("partners", []):
        org = refs.organization(session, partner["organization"])
        if any(p.organization is org and p.role == partner["role"] for p in campaign.partners):
            continue
        campaigns.add_partner(session, campaign, org, partner["role"])
        added["campaign partner"] += 1


def _event(session: Session, item: dict, added: Counter, kept_out: _Suppressed) -> None:
    date = _date(item["date"])
    event = session.scalar(
        select(Event).where(Event.name_key == fold(item["name"]), Event.start_date == date)
    )
    if event is None:
        event = events.add_event(
            session, item["name"], date=date, end_date=_date(item.get("end_date")),
            kind=item.get("kind"), venue=item.get("venue"), city=item.get("city"),
            country=item.get("country"), campaigns=item.get("campaigns", []),
            notes=item.get("notes"),
        )
        added["event"] += 1
    else:  # its links to the file's campaigns, taken off since, are missing too
        for ref in item.get("campaigns", []):
            campaign = refs.campaign(session, ref)
            if campaign not in event.campaigns:
                event.campaigns.append(campaign)
                added["event-campaign link"] += 1
    for present in item.get("sectors_present", []):
        if events.add_sector_present(event, present["sector"], present.get("description")):
            added["sector present"] += 1
    for a in item.get("attendances", []):
        if {name_key(a["person"]), a["person"].strip().casefold()} & kept_out.names:
            kept_out.counts["attendance"] += 1
            kept_out.counts["statement"] += len(a.get("statements", []))
        else:
            _attendance(session, event, a, added)


def _attendance(session: Session, event: Event, item: dict, added: Counter) -> None:
    person = refs.person(session, item["person"])
    exists = session.scalar(
        select(Attendance.id).where(Attendance.event_id == event.id,
                                    Attendance.person_id == person.id)
    )
    if exists is None:
        attendance.add_attendance(
            session, event, person, role=item.get("role"), status=item.get("status"),
            org=item.get("organization"), on_behalf_of=item.get("on_behalf_of"),
            order=item.get("order"), notes=item.get("notes"),
        )
        added["attendance"] += 1
    for st in item.get("statements", []):
        text = validate.required_text(st["text"], "statement", 20_000)
        if attendance.statement_said(session, event, person, text) is None:
            attendance.add_statement(session, event, person, text, st.get("kind"))
            added["statement"] += 1


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return validate.date(str(value))
