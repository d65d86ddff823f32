"""The fixed vocabularies. Plain ``str`` enums: importable without SQLAlchemy, usable as Typer
choices, stored as their value."""

from __future__ import annotations

from enum import Enum


class Vocabulary(str, Enum):
    def __str__(self) -> str:  # shows "speaker", not "Role.SPEAKER"
        return self.value

    @classmethod
    def values(cls) -> list[str]:
        return [m.value for m in cls]

    @classmethod
    def parse(cls, value: str) -> "Vocabulary":
        """Accept any case and ``_``/space for ``-``; raise Invalid listing the allowed values."""
        from stakeholders.errors import Invalid
        from stakeholders.text import shown

        key = value.strip().lower().replace("_", "-").replace(" ", "-")
        for m in cls:
            if m.value == key:
                return m
        raise Invalid(
            f"{shown(value)} is not a valid {cls.label()}; choose one of: {', '.join(cls.values())}"
        )

    @classmethod
    def label(cls) -> str:
        return cls.__name__.lower()


class Sector(Vocabulary):
    UN_AGENCY = "un-agency"
    GOVERNMENT = "government"
    DIPLOMATIC_MISSION = "diplomatic-mission"
    DONOR = "donor"
    POLICE = "police"
    JUDICIARY = "judiciary"
    NGO = "ngo"
    CIVIL_SOCIETY = "civil-society"
    ACADEMIA = "academia"
    MEDIA = "media"
    PRIVATE_SECTOR = "private-sector"
    OTHER = "other"


class PartnerRole(Vocabulary):
    FUNDER = "funder"
    CO_FUNDER = "co-funder"
    IMPLEMENTING_PARTNER = "implementing-partner"
    LEAD_AGENCY = "lead-agency"
    GOVERNMENT_COUNTERPART = "government-counterpart"

    @classmethod
    def label(cls) -> str:
        return "partner role"


class EventKind(Vocabulary):
    LAUNCH = "launch"
    MEETING = "meeting"
    WORKSHOP = "workshop"
    CONFERENCE = "conference"
    TRAINING = "training"
    OTHER = "other"

    @classmethod
    def label(cls) -> str:
        return "event kind"


class Role(Vocabulary):
    SPEAKER = "speaker"
    PRESENTER = "presenter"
    MODERATOR = "moderator"
    ORGANIZER = "organizer"
    ATTENDEE = "attendee"


class Status(Vocabulary):
    INVITED = "invited"
    REGISTERED = "registered"
    ATTENDED = "attended"
    NO_SHOW = "no-show"
    DECLINED = "declined"
    CANCELLED = "cancelled"


#: The roles of people who addressed an event.
SPOKE = (Role.SPEAKER.value, Role.PRESENTER.value)
#: Statuses that say what happened at an event (someone came, or did not), so that it must
#: have begun.
HAPPENED = (Status.ATTENDED.value, Status.NO_SHOW.value)


#: Statuses an attendance holds before the event, in the order a later one replaces them.
_PROVISIONAL = {Status.INVITED.value: 0, Status.REGISTERED.value: 1}


def status_replaces(new: str, current: str) -> bool:
    """Whether ``new`` says more than ``current`` about one person at one event: attended
    beats every other status (they came after all); registered beats invited; an outcome
    (declined, no-show, cancelled) beats both. Nothing else is undone. An import's sign-in
    sheet moves statuses on by this rule, and a merge of two attendances keeps the one it
    picks."""
    if new == current:
        return False
    if current in _PROVISIONAL:
        return new not in _PROVISIONAL or _PROVISIONAL[new] > _PROVISIONAL[current]
    return new == Status.ATTENDED.value


class ContactKind(Vocabulary):
    EMAIL = "email"
    PHONE = "phone"
    WEBSITE = "website"
    SOCIAL = "social"

    @classmethod
    def label(cls) -> str:
        return "contact kind"


class StatementKind(Vocabulary):
    VERBATIM = "verbatim"
    SUMMARY = "summary"

    @classmethod
    def label(cls) -> str:
        return "statement kind"


class Channel(Vocabulary):
    """The ways of reaching a person that consent is recorded for."""

    EMAIL = "email"
    PHONE = "phone"
    POST = "post"


class ConsentStatus(Vocabulary):
    OPT_IN = "opt-in"
    OPT_OUT = "opt-out"
    UNKNOWN = "unknown"

    @classmethod
    def label(cls) -> str:
        return "consent status"


class Preference(Vocabulary):
    """Which record wins a field conflict in a merge."""

    KEEP = "keep"
    OTHER = "other"


class MergeKind(Vocabulary):
    """The kinds of record that can be merged and marked not-duplicate."""

    PERSON = "person"
    ORGANIZATION = "organization"

    @classmethod
    def label(cls) -> str:
        return "record type"


class ExportProfile(Vocabulary):
    """The file layouts ``export contacts`` writes (see stakeholders.io.profiles)."""

    CSV = "csv"
    EXCEL = "excel"
    MAILCHIMP = "mailchimp"
    GOOGLE = "google"
    OUTLOOK = "outlook"
    VCARD = "vcard"
    JSON = "json"
    XLSX = "xlsx"

    @classmethod
    def label(cls) -> str:
        return "export profile"


class DuplicateMode(Vocabulary):
    """What an import does with a row that matches a person already recorded."""

    SKIP = "skip"
    UPDATE = "update"
    FILL = "fill"
    ERROR = "error"

    @classmethod
    def label(cls) -> str:
        return "duplicate mode"


class MatchKey(Vocabulary):
    """How an import tells that a row is a person already recorded (or an earlier row)."""

    EMAIL = "email"  # the same email, else the same name and organization
    NAME = "name"  # the same name and organization only: addresses are shared
    BOTH = "both"  # the same email and the same name

    @classmethod
    def label(cls) -> str:
        return "match key"


class InteractionKind(Vocabulary):
    MEETING = "meeting"
    CALL = "call"
    EMAIL = "email"
    LETTER = "letter"
    VISIT = "visit"
    NOTE = "note"

    @classmethod
    def label(cls) -> str:
        return "interaction kind"


class Stance(Vocabulary):
    SUPPORTIVE = "supportive"
    NEUTRAL = "neutral"
    OPPOSED = "opposed"
    UNKNOWN = "unknown"


class SuppressionReason(Vocabulary):
    """Why an email address is on the suppression list."""

    OPTED_OUT = "opted-out"  # its person had opted out, and was removed
    FORGOTTEN = "forgotten"  # its person asked to be forgotten
    ASKED = "asked"  # added by hand: someone not on record asked not to be mailed

    @classmethod
    def label(cls) -> str:
        return "suppression reason"
