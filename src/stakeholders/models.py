"""The data model: SQLAlchemy 2.0 typed declarative.

Every table has ``created_at``/``updated_at``. Case- and accent-insensitive lookups use the
``*_key`` columns, filled from :func:`stakeholders.text.fold` whenever the text changes, so they
behave the same on SQLite and PostgreSQL. Vocabulary columns are strings guarded by CHECK
constraints generated from :mod:`stakeholders.vocab`.

Annotations are evaluated objects, not postponed strings: every command that opens the database
imports this module, and declarative mapping of string annotations (re-parsing each
``Mapped[...]``) cost about a third of the import. Only relationships name a class defined
later, in quotes.
"""


import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    event,
    false,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from stakeholders.errors import Invalid
from stakeholders.text import fold
from stakeholders.vocab import (
    Channel,
    ConsentStatus,
    ContactKind,
    EventKind,
    InteractionKind,
    MergeKind,
    PartnerRole,
    Role,
    Sector,
    Stance,
    StatementKind,
    Status,
    SuppressionReason,
    Vocabulary,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _in(column: str, vocabulary: type[Vocabulary], name: str | None = None) -> CheckConstraint:
    values = ", ".join(f"'{v}'" for v in vocabulary.values())
    return CheckConstraint(f"{column} IN ({values})", name=name or column)


class Timestamps:
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class Organization(Timestamps, Base):
    __tablename__ = "organizations"
    __table_args__ = (_in("sector", Sector),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), unique=True)
    acronym: Mapped[str | None] = mapped_column(String(50))
    acronym_key: Mapped[str | None] = mapped_column(String(50), index=True)
    sector: Mapped[str] = mapped_column(String(32), default=Sector.OTHER.value)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    website: Mapped[str | None] = mapped_column(String(500))
    notes: Mapped[str | None] = mapped_column(Text)

    parent: Mapped["Organization | None"] = relationship(remote_side=[id])
    contact_points: Mapped[list["ContactPoint"]] = relationship(
        back_populates="organization", cascade="all, delete-orphan", passive_deletes=True
    )
    tags: Mapped[list["Tag"]] = relationship(secondary="organization_tags")

    def __repr__(self) -> str:
        return f"Organization(id={self.id!r}, name={self.name!r})"


class Person(Timestamps, Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    honorific: Mapped[str | None] = mapped_column(String(50))
    title: Mapped[str | None] = mapped_column(String(50))
    given_name: Mapped[str | None] = mapped_column(String(200))
    family_name: Mapped[str | None] = mapped_column(String(200))
    full_name: Mapped[str] = mapped_column(String(400))
    name_key: Mapped[str] = mapped_column(String(400), index=True)
    family_key: Mapped[str | None] = mapped_column(String(200), index=True)
    notes: Mapped[str | None] = mapped_column(Text)
    do_not_email: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    do_not_email_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    do_not_email_reason: Mapped[str | None] = mapped_column(String(500))
    do_not_contact: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    do_not_contact_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    do_not_contact_reason: Mapped[str | None] = mapped_column(String(500))

    affiliations: Mapped[list["Affiliation"]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )
    contact_points: Mapped[list["ContactPoint"]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )
    tags: Mapped[list["Tag"]] = relationship(secondary="person_tags")

    @staticmethod
    def keys_for(given: str | None, family: str | None, full_name: str) -> tuple[str, str | None]:
        """(name_key, family_key) as stored: the folded 'given family', honorifics left out."""
        core = " ".join(p for p in (given, family) if p)
        return fold(core or full_name), (fold(family) or None)

    def __repr__(self) -> str:
        return f"Person(id={self.id!r}, full_name={self.full_name!r})"


class Affiliation(Timestamps, Base):
    __tablename__ = "affiliations"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
                        name="dates"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[str | None] = mapped_column(String(300))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    person: Mapped["Person"] = relationship(back_populates="affiliations")
    organization: Mapped["Organization"] = relationship()


class ContactPoint(Timestamps, Base):
    __tablename__ = "contact_points"
    __table_args__ = (
        _in("kind", ContactKind),
        CheckConstraint(
            "(CASE WHEN person_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN organization_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN campaign_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_owner",
        ),
        Index("ix_contact_points_kind_value_key", "kind", "value_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(320))
    value_key: Mapped[str] = mapped_column(String(320))
    label: Mapped[str | None] = mapped_column(String(100))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    person: Mapped["Person | None"] = relationship(back_populates="contact_points")
    organization: Mapped["Organization | None"] = relationship(back_populates="contact_points")
    campaign: Mapped["Campaign | None"] = relationship(back_populates="contact_points")


class Campaign(Timestamps, Base):
    __tablename__ = "campaigns"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
                        name="dates"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), unique=True)
    acronym: Mapped[str | None] = mapped_column(String(50))
    acronym_key: Mapped[str | None] = mapped_column(String(50), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)

    partners: Mapped[list["CampaignPartner"]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan", passive_deletes=True
    )
    contact_points: Mapped[list["ContactPoint"]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan", passive_deletes=True
    )


class CampaignPartner(Timestamps, Base):
    __tablename__ = "campaign_partners"
    __table_args__ = (
        _in("role", PartnerRole),
        UniqueConstraint("campaign_id", "organization_id", "role",
                         name="uq_campaign_partners_campaign_org_role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(32))

    campaign: Mapped["Campaign"] = relationship(back_populates="partners")
    organization: Mapped["Organization"] = relationship()


class Event(Timestamps, Base):
    __tablename__ = "events"
    __table_args__ = (
        _in("kind", EventKind),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(16), default=EventKind.OTHER.value)
    start_date: Mapped[dt.date] = mapped_column(Date, index=True)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    venue: Mapped[str | None] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    notes: Mapped[str | None] = mapped_column(Text)

    campaigns: Mapped[list["Campaign"]] = relationship(secondary="event_campaigns")
    sectors_present: Mapped[list["EventSector"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class EventSector(Timestamps, Base):
    """A sector said to be present without named people ("the diplomatic community, media…")."""

    __tablename__ = "event_sectors"
    __table_args__ = (_in("sector", Sector),)

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    sector: Mapped[str] = mapped_column(String(32), primary_key=True)
    description: Mapped[str | None] = mapped_column(String(300))


class EventCampaign(Timestamps, Base):
    __tablename__ = "event_campaigns"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Attendance(Timestamps, Base):
    __tablename__ = "attendances"
    __table_args__ = (
        _in("role", Role),
        _in("status", Status),
        UniqueConstraint("event_id", "person_id", name="uq_attendances_event_person"),
        CheckConstraint("on_behalf_of_id IS NULL OR on_behalf_of_id <> person_id",
                        name="not_on_behalf_of_self"),
        Index("ix_attendances_event_role_status", "event_id", "role", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    #: The organization was taken from the person's post on the event's date (no ``--org``
    #: given), so it follows a new date; False: given; None: recorded before this was kept.
    organization_defaulted: Mapped[bool | None] = mapped_column(Boolean)
    role: Mapped[str] = mapped_column(String(16), default=Role.ATTENDEE.value)
    status: Mapped[str] = mapped_column(String(16), default=Status.ATTENDED.value)
    on_behalf_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    speaking_order: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)

    event: Mapped["Event"] = relationship()
    person: Mapped["Person"] = relationship(foreign_keys=[person_id])
    organization: Mapped["Organization | None"] = relationship()
    on_behalf_of: Mapped["Person | None"] = relationship(foreign_keys=[on_behalf_of_id])


class Statement(Timestamps, Base):
    __tablename__ = "statements"
    __table_args__ = (
        _in("kind", StatementKind),
        Index("ix_statements_event_person", "event_id", "person_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16), default=StatementKind.VERBATIM.value)
    text: Mapped[str] = mapped_column(Text)
    text_key: Mapped[str] = mapped_column(Text)
    sequence: Mapped[int] = mapped_column(Integer, default=1)

    event: Mapped["Event"] = relationship()
    person: Mapped["Person | None"] = relationship()


class Tag(Timestamps, Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100), unique=True)


class PersonTag(Timestamps, Base):
    __tablename__ = "person_tags"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class OrganizationTag(Timestamps, Base):
    __tablename__ = "organization_tags"

    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )


# -- engagement: interactions, follow-ups, assessments ----------------------------------------


def _exactly_one(a: str, b: str) -> CheckConstraint:
    """Exactly one of two nullable owner columns is set."""
    return CheckConstraint(f"({a} IS NULL) <> ({b} IS NULL)", name="one_owner")


class Interaction(Timestamps, Base):
    """A meeting, call, letter… with one or more people and organizations."""

    __tablename__ = "interactions"
    __table_args__ = (_in("kind", InteractionKind),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    summary: Mapped[str] = mapped_column(Text)
    summary_key: Mapped[str] = mapped_column(Text)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), index=True
    )
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="SET NULL"), index=True
    )

    participants: Mapped[list["InteractionParticipant"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    follow_ups: Mapped[list["FollowUp"]] = relationship(
        back_populates="interaction", cascade="all, delete-orphan", passive_deletes=True
    )


class InteractionParticipant(Timestamps, Base):
    """One person or one organization taking part in an interaction."""

    __tablename__ = "interaction_participants"
    __table_args__ = (_exactly_one("person_id", "organization_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )


class FollowUp(Timestamps, Base):
    """Something promised at an interaction (or an event), due by a date; done when
    ``done_on`` is set."""

    __tablename__ = "follow_ups"
    __table_args__ = (_exactly_one("interaction_id", "event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    text_key: Mapped[str] = mapped_column(Text)
    due_date: Mapped[dt.date] = mapped_column(Date, index=True)
    owner: Mapped[str | None] = mapped_column(String(200))
    owner_key: Mapped[str | None] = mapped_column(String(200), index=True)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    done_note: Mapped[str | None] = mapped_column(Text)

    interaction: Mapped["Interaction | None"] = relationship(back_populates="follow_ups")
    event: Mapped["Event | None"] = relationship()


class Assessment(Timestamps, Base):
    """How much a person or organization can sway a campaign (influence), how much they care
    (interest) and where they stand, as judged on one date. The latest one counts."""

    __tablename__ = "assessments"
    __table_args__ = (
        _exactly_one("person_id", "organization_id"),
        _in("stance", Stance),
        CheckConstraint("influence BETWEEN 1 AND 5", name="influence"),
        CheckConstraint("interest BETWEEN 1 AND 5", name="interest"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    assessed_on: Mapped[dt.date] = mapped_column(Date)
    influence: Mapped[int] = mapped_column(Integer)
    interest: Mapped[int] = mapped_column(Integer)
    stance: Mapped[str] = mapped_column(String(16), default=Stance.UNKNOWN.value)
    note: Mapped[str | None] = mapped_column(Text)


class Consent(Timestamps, Base):
    """One consent statement for one channel; the history is kept and the latest counts
    (latest ``given_on``, then highest id)."""

    __tablename__ = "consents"
    __table_args__ = (
        _in("channel", Channel),
        _in("status", ConsentStatus),
        CheckConstraint("expires_on IS NULL OR expires_on >= given_on", name="dates"),
        Index("ix_consents_person_channel", "person_id", "channel", "given_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(8))
    given_on: Mapped[dt.date] = mapped_column(Date)
    expires_on: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(500))


class Merge(Timestamps, Base):
    """A merge of two people or two organizations, with what is needed to undo it exactly:
    ``payload`` is JSON holding the removed record and the before-image of every row the merge
    changed or deleted."""

    __tablename__ = "merges"
    __table_args__ = (_in("record_type", MergeKind),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_type: Mapped[str] = mapped_column(String(16))
    kept_id: Mapped[int] = mapped_column(Integer, index=True)
    removed_id: Mapped[int] = mapped_column(Integer, index=True)
    payload: Mapped[str] = mapped_column(Text)


class NotDuplicate(Timestamps, Base):
    """Two records a person has said are different: never proposed as duplicates again.
    Stored with the lower id first so each pair has one row."""

    __tablename__ = "not_duplicates"
    __table_args__ = (
        _in("record_type", MergeKind),
        CheckConstraint("low_id < high_id", name="ordered"),
        UniqueConstraint("record_type", "low_id", "high_id",
                         name="uq_not_duplicates_type_low_high"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    record_type: Mapped[str] = mapped_column(String(16))
    low_id: Mapped[int] = mapped_column(Integer)
    high_id: Mapped[int] = mapped_column(Integer)


class AuditEntry(Base):
    """One write command: who ran it, when, which command (no argument values: they hold
    personal data) and, for exports, the filters and counts (JSON text)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    os_user: Mapped[str] = mapped_column(String(100))
    command: Mapped[str] = mapped_column(String(200))
    details: Mapped[str | None] = mapped_column(Text)


class AuditRecord(Base):
    """Records one audited command inserted, updated, deleted or exported: a type and a run of
    consecutive ids, ``record_id`` to ``last_id`` (equal for a single record), at most
    :data:`AUDIT_RUN_LIMIT` long, so that the entries naming one record are found in a bounded
    slice of the index. Ids only, no values."""

    __tablename__ = "audit_records"
    __table_args__ = (
        CheckConstraint("action IN ('insert', 'update', 'delete', 'export')", name="action"),
        CheckConstraint("last_id >= record_id", name="run"),
        Index("ix_audit_records_record", "record_type", "record_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("audit_log.id", ondelete="CASCADE"), index=True
    )
    record_type: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[int] = mapped_column(Integer)
    last_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(8))


#: The longest run of ids one ``audit_records`` row stands for.
AUDIT_RUN_LIMIT = 1000


# -- ids are never handed out twice ------------------------------------------------------------


def _ids_never_reused(table) -> None:
    """SQLite, unlike a PostgreSQL sequence, hands the highest id out again once its row is
    deleted; AUTOINCREMENT stops that, so the audit trail, merges and not-duplicate marks keep
    naming the record they were about. Every table with an integer id gets it."""
    if [c.name for c in table.primary_key.columns] == ["id"]:
        table.dialect_options["sqlite"]["autoincrement"] = True


# -- keys kept in step with the text they fold ------------------------------------------------


def check_key(column, key: str | None, what: str) -> None:
    """Folding can lengthen text ('ß' -> 'ss'): a key past its column's length would be
    refused by PostgreSQL (and kept by SQLite), so it is refused before it is written, on
    both. Imports, which write with Core, call this as they check each row."""
    limit = column.type.length
    if key and len(key) > limit:
        raise Invalid(f"{what} is too long ({len(key)} characters once case and accents are "
                      f"folded; at most {limit})")


def _keys_fit(target, *names: str) -> None:
    columns = type(target).__table__.c
    for name in names:
        check_key(columns[name], getattr(target, name),
                  name.removesuffix("_key").replace("_", " "))


def _name_and_acronym_keys(_mapper, _conn, target) -> None:
    target.name_key = fold(target.name)
    if hasattr(target, "acronym_key"):
        target.acronym_key = fold(target.acronym) or None
        _keys_fit(target, "name_key", "acronym_key")
    else:
        _keys_fit(target, "name_key")


def _person_keys(_mapper, _conn, target: Person) -> None:
    target.name_key, target.family_key = Person.keys_for(
        target.given_name, target.family_name, target.full_name
    )
    _keys_fit(target, "name_key", "family_key")


def _statement_key(_mapper, _conn, target: Statement) -> None:
    target.text_key = fold(target.text)


def _contact_key(_mapper, _conn, target: ContactPoint) -> None:
    target.value_key = target.value.casefold()
    _keys_fit(target, "value_key")


def _summary_key(_mapper, _conn, target: Interaction) -> None:
    target.summary_key = fold(target.summary)


def _follow_up_keys(_mapper, _conn, target: FollowUp) -> None:
    target.text_key = fold(target.text)
    target.owner_key = fold(target.owner) or None
    _keys_fit(target, "owner_key")


for _cls, _fn in (
    (Organization, _name_and_acronym_keys),
    (Campaign, _name_and_acronym_keys),
    (Event, _name_and_acronym_keys),
    (Tag, _name_and_acronym_keys),
    (Person, _person_keys),
    (Statement, _statement_key),
    (ContactPoint, _contact_key),
    (Interaction, _summary_key),
    (FollowUp, _follow_up_keys),
):
    event.listen(_cls, "before_insert", _fn)
    event.listen(_cls, "before_update", _fn)


# -- import batches: what each import created and changed, so that it can be undone ----------


class ImportBatch(Timestamps, Base):
    """One ``import contacts`` run; its items say what to delete and restore on undo."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(500))
    #: The timestamp written on every row the batch created or updated.
    stamped_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    created_count: Mapped[int] = mapped_column(Integer, default=0)
    updated_count: Mapped[int] = mapped_column(Integer, default=0)
    skipped_count: Mapped[int] = mapped_column(Integer, default=0)
    rejected_count: Mapped[int] = mapped_column(Integer, default=0)


class ImportBatchItem(Base):
    """What a batch created in one table (``keys``: JSON list of [first, last] id ranges, or of
    composite keys) or one row it updated (``keys``: [id]; ``before``/``after``: JSON images)."""

    __tablename__ = "import_batch_items"
    __table_args__ = (CheckConstraint("action IN ('created', 'updated')", name="action"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(8))
    table_name: Mapped[str] = mapped_column(String(64))
    keys: Mapped[str] = mapped_column(Text)
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)



# -- seed files loaded, so that loading one again does not bring back what was removed ---------


class SeedLoad(Timestamps, Base):
    """A seed file loaded into this database, known by the SHA-256 of its bytes: ``seed`` skips
    a file loaded before, so records removed, merged away or forgotten since stay gone.
    ``created_at`` is the first load, ``updated_at`` the last (``seed --again``)."""

    __tablename__ = "seed_loads"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    digest: Mapped[str] = mapped_column(String(64), unique=True)


# -- the suppression list: addresses never to be mailed, kept only as one-way hashes -----------


class SuppressedAddress(Timestamps, Base):
    """An email address no export may carry and no import may bring back as a new person, kept
    as the SHA-256 of its casefolded form only: the address itself is not stored, so the list
    can outlive the person it came from (removed after opting out, or forgotten)."""

    __tablename__ = "suppressed_addresses"
    __table_args__ = (_in("reason", SuppressionReason),)

    id: Mapped[int] = mapped_column(primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    reason: Mapped[str] = mapped_column(String(16))


for _table in Base.metadata.tables.values():
    _ids_never_reused(_table)
