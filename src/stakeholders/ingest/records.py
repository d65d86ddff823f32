"""The extraction result: plain dataclasses, no database.

Records refer to each other by name (a person by :attr:`PersonRecord.ref`, an organization by
its name, a campaign by its name), exactly as the JSON contract of ``stakeholders ingest
--format json`` does. That keeps this layer pure: a later step resolves ``match_id`` for
organizations and people against the database and writes the records, following those names.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from stakeholders.text import fold

#: Below this confidence an item is proposed for review only: it is not counted as an assertion
#: by the evaluation, and the integration step should not write it without confirmation.
REVIEW_THRESHOLD = 0.5


def internal(default: Any = None) -> Any:
    """A field kept for the resolving step but left out of the JSON contract."""
    return field(default=default, metadata={"export": False}, compare=False)


@dataclass(kw_only=True)
class Item:
    """What every extracted record carries: the sentence it came from and how sure we are."""

    source: str = ""
    confidence: float = 0.9

    def to_dict(self) -> dict[str, Any]:
        exported = [f for f in fields(self) if f.metadata.get("export", True)]
        ordered = [f for f in exported if f.name not in ("source", "confidence")]
        data = {f.name: getattr(self, f.name) for f in ordered}
        data["source"] = self.source
        data["confidence"] = round(self.confidence, 2)
        return data


@dataclass(kw_only=True)
class EventRecord(Item):
    name: str | None = None
    kind: str = "other"
    date: str | None = None  # ISO 8601
    city: str | None = None
    country: str | None = None  # ISO 3166 alpha-2


@dataclass(kw_only=True)
class CampaignRecord(Item):
    name: str
    acronym: str | None = None

    def refers_to(self, ref: str) -> bool:
        return fold(ref) in {fold(self.name), fold(self.acronym)}


@dataclass(kw_only=True)
class PartnerRecord(Item):
    campaign: str
    organization: str
    role: str  # a PartnerRole value


@dataclass(kw_only=True)
class OrganizationRecord(Item):
    name: str
    acronym: str | None = None
    sector: str = "other"  # a Sector value
    match_id: int | None = None

    def refers_to(self, ref: str | None) -> bool:
        key = fold(ref)
        return bool(key) and key in {fold(self.name), fold(self.acronym)}


@dataclass(kw_only=True)
class PersonRecord(Item):
    """A person named in the text, or (``name`` None) a speaker named only by post."""

    name: str | None  # without honorific or title
    honorific: str | None = None
    title: str | None = None
    position: str | None = None
    organization: str | None = None
    match_id: int | None = None
    given: str | None = internal()
    family: str | None = internal()

    @property
    def ref(self) -> str:
        """How other records refer to this person: the name, or the post when unnamed."""
        return self.name or f"the {self.position}"

    @property
    def gender(self) -> str | None:
        """'m', 'f' or None, from the courtesy title; used to follow 'he'/'she'."""
        key = fold(self.title or "").rstrip(".")
        return {"mr": "m", "sir": "m", "ms": "f", "mrs": "f", "miss": "f", "dame": "f"}.get(key)


@dataclass(kw_only=True)
class AttendanceRecord(Item):
    person: str
    role: str  # a Role value
    status: str = "attended"
    on_behalf_of: str | None = None
    speaking_order: int | None = None
    organization: str | None = None  # the organization they attended for (extra)


@dataclass(kw_only=True)
class StatementRecord(Item):
    person: str
    text: str
    kind: str = "verbatim"  # a StatementKind value (extra): quoted, or a reported summary


@dataclass(kw_only=True)
class SectorPresenceRecord(Item):
    sector: str  # a Sector value
    description: str


@dataclass(kw_only=True)
class ContactRecord(Item):
    person: str | None = None
    email: str | None = None
    phone: str | None = None
    handle: str | None = None
    campaign: str | None = None  # the campaign a social handle belongs to (extra)


@dataclass(kw_only=True)
class ReviewWarning(Item):
    """Something the extractor could not read with certainty: shown to the reviewer."""

    message: str
    confidence: float = 0.0


@dataclass
class Extraction:
    event: EventRecord
    campaigns: list[CampaignRecord] = field(default_factory=list)
    partners: list[PartnerRecord] = field(default_factory=list)
    organizations: list[OrganizationRecord] = field(default_factory=list)
    people: list[PersonRecord] = field(default_factory=list)
    attendances: list[AttendanceRecord] = field(default_factory=list)
    statements: list[StatementRecord] = field(default_factory=list)
    sectors_present: list[SectorPresenceRecord] = field(default_factory=list)
    contacts: list[ContactRecord] = field(default_factory=list)
    warnings: list[ReviewWarning] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: one object, lists in order of appearance in the text."""
        data: dict[str, Any] = {"event": self.event.to_dict()}
        for f in fields(self):
            if f.name != "event":
                data[f.name] = [item.to_dict() for item in getattr(self, f.name)]
        return data

    def person(self, ref: str) -> PersonRecord | None:
        return next((p for p in self.people if fold(p.ref) == fold(ref)), None)

    def organization(self, ref: str) -> OrganizationRecord | None:
        return next((o for o in self.organizations if o.refers_to(ref)), None)
