"""Checking imported rows: pure functions over one row's fields and lookup maps loaded once.

No query per row: whatever a row is compared with (existing emails, organization names and
acronyms, people by name and organization) is loaded in a few statements beforehand
(:func:`load_lookups`), and rows seen earlier in the same file are remembered in the maps.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product

from sqlalchemy import select
from sqlalchemy.orm import Session

from stakeholders import clock, validate
from stakeholders.errors import Invalid
from stakeholders.io.headers import (
    CONTACT_FIELD,
    MULTI_FIELDS,
    MULTI_SEPARATOR,
    NAME_POSITION_FIELD,
    labels_of,
)
from stakeholders.models import (
    Affiliation,
    Attendance,
    ContactPoint,
    Organization,
    Person,
    Tag,
    check_key,
)
from stakeholders.names import (
    lettered,
    parse_name,
    post_nominals,
    split_prefix,
    split_prefixes,
)
from stakeholders.render import from_excel_text, restore_cell
from stakeholders.services.suppressions import Listed
from stakeholders.text import clean, fold, loose_key, shown, unquoted, without_markup
from stakeholders.vocab import MatchKey, Role, Sector, Status, Vocabulary

_TAG_SPLIT = re.compile(r"\s*(?::::|;|,)\s*")
#: How a cell holds several values: as Google Contacts writes them (``a ::: b``); also as
#: sheets do, emails after ``;`` or ``,`` (``a@x.org, b@y.org``), phones after ``;``, ``,``,
#: ``/`` or ``|`` (``0300-1234567 / 051-2345678``), marks no number is written with; but not
#: before the extension of the number before it (``051-9250000, ext. 12``). Both also on a
#: line of their own, as a cell typed with Alt+Enter between them holds them; and emails
#: after a space where the cell holds more than one address (no address holds a space).
_EMAILS_SPLIT = re.compile(r"\s*(?::::|[;,]|[ \t]*[\r\n])\s*")
_PHONES_SPLIT = re.compile(
    rf"\s*(?::::|(?:[;,/|]|[ \t]*[\r\n])(?!\s*{validate.EXTENSION_WORD}\s*\d))\s*",
    re.IGNORECASE)
#: The marks each field's cells split at, looked for first (most cells hold one value): one
#: search for any of them.
_MARKS = {"email": re.compile(r":::|[;,\n\r]"), "phone": re.compile(r":::|[;,/|\n\r]")}


@dataclass
class Lookups:
    """What rows are matched against, keyed the way the database keys it."""

    emails: dict[str, int]  # email value_key -> person id
    orgs: dict[str, int]  # organization name_key and acronym_key (and, marked, loose) -> id
    people_at: dict[tuple[str, int], int]  # (person name_key, organization id) -> person id
    #: The country of national phone numbers a row without a country of its own is read in
    #: (``--region``, else ``$STAKEHOLDERS_REGION``), before its organization's
    region: str | None = None
    #: organization id -> its recorded country; organization key -> the country an earlier
    #: row of the file gave the organization it adds
    org_countries: dict[int, str] = field(default_factory=dict)
    file_org_countries: dict[str, str] = field(default_factory=dict)
    #: The organizations the file adds: loose key -> (name, key) as first written, so that
    #: 'Quaid i Azam University' on a later row is the Quaid-i-Azam University of an earlier
    file_orgs: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: The event's country, read in when nothing else says where a number is; and whether a
    #: row's national number was read in it
    event_region: str | None = None
    read_in_event: bool = False
    #: A list for an event: (person name_key, organization id or None) -> person id, for those
    #: recorded there, by the organization they came for (as ``report sheet`` prints it)
    people_at_event: dict[tuple[str, int | None], int] = field(default_factory=dict)
    #: … and by name alone: person name_key -> the one person of that name recorded there
    #: (None when several are), for a row that names no recorded organization ("US Embassy"
    #: for the Embassy of the United States, or none at all)
    named_at_event: dict[str, int | None] = field(default_factory=dict)
    match: str = MatchKey.EMAIL.value
    #: An unsubscribe list: a row with only an email names its new person by the address
    opted_out: bool = False
    #: The suppression list: a row of only an address on it is named by the address, to be
    #: skipped as the list's (it adds no one), not rejected for want of a name
    listed: Listed | None = None
    #: ``match`` both: (email value_key, person name_key) -> person id; ``match`` email:
    #: the same for the addresses several people hold
    named_emails: dict[tuple[str, str], int] = field(default_factory=dict)
    #: Rows of this file already accepted: email key / (name key, org key) / (email key, name
    #: key) -> row number.
    file_emails: dict[str, int] = field(default_factory=dict)
    #: Whose a further email may be: person id / row number -> (name key, family key), for
    #: the people ``emails`` and the rows ``file_emails`` name.
    names: dict[int, tuple[str, str | None]] = field(default_factory=dict)
    file_names: dict[int, tuple[str, str | None]] = field(default_factory=dict)
    file_people: dict[tuple[str, str], int] = field(default_factory=dict)
    file_named_emails: dict[tuple[str, str], int] = field(default_factory=dict)
    #: Unless ``match`` is name: (phone value_key, person name_key) -> person id, and the
    #: rows of this file that gave them -> row number.
    named_phones: dict[tuple[str, str], int] = field(default_factory=dict)
    file_named_phones: dict[tuple[str, str], int] = field(default_factory=dict)


@dataclass(eq=False, slots=True)
class Candidate:
    """A checked row: stored forms of every value, and the person it matches, if any."""

    row: int
    honorific: str | None
    title: str | None
    given_name: str | None
    family_name: str | None
    full_name: str
    notes: str | None
    email: str | None  # the primary one
    phone: str | None
    org_name: str | None
    org_key: str | None
    org_id: int | None  # None: a new organization (or none at all)
    sector: str | None
    country: str | None
    position: str | None
    tags: list[str]
    role: str | None = None  # at --event, from the row's own column (else the option's)
    status: str | None = None
    match: int | None = None  # an existing person's id
    same_as_row: int | None = None  # an earlier row of the file for the same person
    keys: tuple[str, str | None] = ("", None)  # (name_key, family_key) as stored
    #: The row's further emails and phones (several columns, or several values in a cell)
    other_emails: tuple[str, ...] = ()
    other_phones: tuple[str, ...] = ()
    #: The row says the person asked not to be emailed (an ``opted_out`` column, as the csv
    #: and json exports write it)
    opted_out: bool = False
    #: The day that column gives, when it gives one (Mailchimp's UNSUB_TIME): the opt-out's
    #: date (else today)
    opted_out_on: dt.date | None = None
    #: The remarks written after its phone numbers ("WhatsApp", "ext. 12"), by number: each
    #: becomes its contact point's label. None when there are none (most rows).
    labels: dict[str, str] | None = None

    def __post_init__(self) -> None:
        self.keys = Person.keys_for(self.given_name, self.family_name, self.full_name)

    def points(self, kind: str) -> list[str]:
        """The row's emails or phones (``kind``), the primary first."""
        first = self.email if kind == "email" else self.phone
        if first is None:
            return []
        return [first, *(self.other_emails if kind == "email" else self.other_phones)]

    @property
    def name(self) -> str:
        """How the report names the row: a row matched by email alone has no name."""
        return self.full_name or self.email or ""


#: The order in which an address's holders are read into a map, its owner last (the last one
#: read wins): the person whose main address it is before one who holds it as a further one
#: (a colleague given the shared inbox as a second address must not take a row meant for its
#: owner: be updated, or opted out, in their place), then the oldest.
_OWNER_LAST = (ContactPoint.is_primary.asc(), ContactPoint.id.desc())


def load_lookups(session: Session, region: str | None, match: str = MatchKey.EMAIL.value,
                 *, opted_out: bool = False, event_id: int | None = None,
                 event_region: str | None = None, listed: Listed | None = None) -> Lookups:
    """Four statements (five for a list for an event), whatever the size of the file."""
    emails: dict[str, int] = {}
    names: dict[int, tuple[str, str | None]] = {}
    named_emails: dict[tuple[str, str], int] = {}
    if match == MatchKey.BOTH.value:
        named_emails = {(email, name): person for email, name, person in session.execute(
            select(ContactPoint.value_key, Person.name_key, Person.id)
            .join(Person, Person.id == ContactPoint.person_id)
            .where(ContactPoint.kind == "email")
            .order_by(*_OWNER_LAST))}
    elif match == MatchKey.EMAIL.value:
        for email, person, name_key, family_key in session.execute(
            select(ContactPoint.value_key, ContactPoint.person_id, Person.name_key,
                   Person.family_key)
            .join(Person, Person.id == ContactPoint.person_id)
            .where(ContactPoint.kind == "email")
            .order_by(*_OWNER_LAST)
        ):
            held = emails.get(email)
            if held is not None:  # an address several hold: each holder also by name
                named_emails.setdefault((email, names[held][0]), held)
                named_emails[(email, name_key)] = person
            emails[email] = person
            names[person] = (name_key, family_key)
    named_phones: dict[tuple[str, str], int] = {}
    if match != MatchKey.NAME.value:  # a phone finds its holder of the row's name
        named_phones = {(phone, name_key): person for phone, name_key, person in session.execute(
            select(ContactPoint.value_key, Person.name_key, Person.id)
            .join(Person, Person.id == ContactPoint.person_id)
            .where(ContactPoint.kind == "phone")
            .order_by(*_OWNER_LAST))}
    orgs: dict[str, int] = {}
    org_countries: dict[int, str] = {}
    for ident, name_key, acronym_key, country in session.execute(
        select(Organization.id, Organization.name_key, Organization.acronym_key,
               Organization.country)
        .order_by(Organization.id)
    ):
        orgs[name_key] = ident
        if country:
            org_countries[ident] = country
        if acronym_key:
            orgs.setdefault(acronym_key, ident)
    # then each name as a reference finds it when its exact key does not: hyphens as spaces,
    # apostrophes left out ('Quaid i Azam University' is Quaid-i-Azam University)
    for key, ident in list(orgs.items()):
        orgs.setdefault(_LOOSE_MARK + loose_key(key), ident)
    people_at: dict[tuple[str, int], int] = {}
    written: dict[tuple[str, int], int] = {}  # by the name as written: see _match
    for person_id, name_key, full_name, org_id in session.execute(
            select(Person.id, Person.name_key, Person.full_name, Affiliation.organization_id)
            .join(Affiliation, Affiliation.person_id == Person.id)
            .order_by(Person.id.desc())):
        people_at[(name_key, org_id)] = person_id
        written[(fold(full_name), org_id)] = person_id
    for key, person_id in written.items():
        people_at.setdefault(key, person_id)
    people_at_event: dict[tuple[str, int | None], int] = {}
    named_at_event: dict[str, int | None] = {}
    if event_id is not None:
        for person_id, name_key, org_id in session.execute(
                select(Person.id, Person.name_key, Attendance.organization_id)
                .join(Attendance, Attendance.person_id == Person.id)
                .where(Attendance.event_id == event_id)
                .order_by(Person.id.desc())):
            people_at_event[(name_key, org_id)] = person_id
            named_at_event[name_key] = (person_id if named_at_event.get(name_key, person_id)
                                        == person_id else None)
    return Lookups(emails=emails, orgs=orgs, people_at=people_at, region=region, match=match,
                   org_countries=org_countries, event_region=event_region,
                   named_phones=named_phones,
                   opted_out=opted_out, named_emails=named_emails,
                   people_at_event=people_at_event, named_at_event=named_at_event,
                   names=names, listed=listed)


def _casings(*words: str) -> set[str]:
    """Every way of capitalizing each word ("n/a", "N/a", "n/A", "N/A")."""
    return {"".join(chars) for word in words
            for chars in product(*({c.lower(), c.upper()} for c in word))}


#: What sheets write in a cell that has nothing to say. Marks alone say so in any column;
#: the words only outside the name columns ("Nan" and "Nil" are given names, "Na" a family one).
_BLANK_MARKS = frozenset({"-", "--", "---", "\u2013", "\u2014", ".", "..", "...", "?", "/", "*",
                          "#"})
_BLANK_WORDS = frozenset(_casings("n/a", "#n/a", "n.a.", "na", "nil", "none", "null", "nan"))
#: What a sheet shows in a cell whose formula failed (a column deleted, a look-up with no
#: match): no value in any column, the names' included.
_EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                           "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!",
                           "#CONNECT!", "#BUSY!", "#UNKNOWN!"})
_NAME_FIELDS = frozenset({"honorific", "prefix", "given_name", "middle_name", "family_name",
                          "suffix", "full_name", NAME_POSITION_FIELD})


def _blank(name: str, cell: str) -> bool:
    return cell in _BLANK_MARKS or (cell in _BLANK_WORDS and name not in _NAME_FIELDS)


def fields_of(cells: list[str], columns: list[str | None]) -> dict[str, str]:
    """A row as {field: text}; the first non-empty column wins when several map to one field,
    except for emails, phones and tags, whose columns are all kept (joined as Google writes
    several values in one cell). A column of emails and phones both gives each its own
    (:func:`contact_parts`), a column of names and positions both a name and a position
    (:func:`name_and_position`). Cells our exports neutralized against formula injection are
    restored, and a text formula (``="+923001234567"``, as a sheet is often given phone
    numbers to keep them text) read as the text Excel shows. A cell holding only a dash,
    "N/A" or the like is empty, and so is an Excel error value (``#REF!``). A name cell of
    several lines whose first line holds a letter is the name on its first line and, below
    it, the position (:func:`_below_name`)."""
    values: dict[str, str] = {}
    below: list[str] = []
    written_as: str | None = None  # the name written with an address ("A <a@x.org>")
    for name, cell in zip(columns, cells):
        if cell and name is not None and (name not in values or name in MULTI_FIELDS):
            if cell[0] == "'":
                cell = restore_cell(cell)
            elif cell[0] == "=":  # text kept as text for Excel, ="+923001234567"
                cell = from_excel_text(cell)
            if "<" in cell or "&" in cell:
                cell = without_markup(cell)
                if name == "email" and "<" in cell:
                    cell, shown_as = _display_form(cell)
                    written_as = written_as or shown_as
            cell = cell.strip()
            if (not cell or (len(cell) < 5 and _blank(name, cell))
                    or (cell[0] == "#" and cell.upper() in _EXCEL_ERRORS)):
                continue  # values holds no empty text
            if name == CONTACT_FIELD:
                for name, part in contact_parts(cell):
                    _join(values, name, part)
            elif name == NAME_POSITION_FIELD:
                for name, part in name_and_position(cell):
                    values.setdefault(name, part)
            elif name == "full_name" and "\n" in cell and (
                    split := name_and_position(cell)) and _LETTER.search(split[0][1]):
                values[name] = split[0][1]
                below += [part for _, part in split[1:]]
            elif name in values:
                values[name] += MULTI_SEPARATOR + cell
            else:  # written out, not a call to _join: this runs for every cell of a big file
                values[name] = cell
    if below:
        _below_name(values, below)
    if written_as and not any(name in values for name in _NAMING_FIELDS):
        values["full_name"] = written_as
    return values


#: The fields that name a person (a row with none may take the name written with its address).
_NAMING_FIELDS = ("given_name", "middle_name", "family_name", "full_name")
#: An address written with the name a mail program shows ("Ayesha Khan <ak@x.org>").
_DISPLAY_FORM = re.compile(r"<[^<>@\s]+@[^<>\s]+>")


def _display_form(cell: str) -> tuple[str, str | None]:
    """An email cell of addresses written as a mail program's To line writes them
    (``Ayesha Khan <ak@x.org>; "Raza, Ahmed" <ahmed@x.org>``) as its addresses alone,
    joined as several values are, and the name written with the first one, if any."""
    if _DISPLAY_FORM.search(cell) is None:
        return cell, None
    from email.utils import getaddresses

    pairs = [(shown_as.strip(), address.strip())
             for shown_as, address in getaddresses([cell.replace(";", ",")])]
    addresses = [address for _, address in pairs if address]
    if not addresses:
        return cell, None
    return MULTI_SEPARATOR.join(addresses), next((n for n, a in pairs if n and a), None)


def _below_name(values: dict[str, str], lines: list[str]) -> None:
    """What a name cell holds below the name ("Ahmed Raza" Alt+Enter "Deputy Director"): the
    row's position unless a column gives one, else a note; never part of the name."""
    text = ", ".join(lines)
    if "position" not in values:
        values["position"] = text
    else:
        values["notes"] = f"{values['notes']}\n{text}" if "notes" in values else text


def _join(values: dict[str, str], name: str, cell: str) -> None:
    values[name] = values[name] + MULTI_SEPARATOR + cell if name in values else cell


#: An email address in a cell of emails and phones: a word holding an @ (its ``mailto:`` too).
_ADDRESS = re.compile(r"[^\s,;/<>()\[\]]*@[^\s,;/<>()\[\]]*")
#: A label written before an address in such a cell ("Email: a@x.org").
_EMAIL_LABEL = re.compile(r"\be-?mail(?:\s*(?:id|address))?\s*:", re.IGNORECASE)
#: What is left between the values once the addresses are taken out.
_SEPARATORS = " ,;/|:-\n\t"


def contact_parts(cell: str) -> list[tuple[str, str]]:
    """A cell of a column of emails and phones both ("Email/Phone") as (field, text) pairs:
    its addresses (words holding an @) are emails; what is left, phone numbers when it holds
    a digit ("a@x.org / 0300-1234567"), else an email written wrong (so that it is checked,
    and refused, as one)."""
    addresses = _ADDRESS.findall(cell)
    rest = _ADDRESS.sub(" ", cell) if addresses else cell
    if addresses:
        rest = _EMAIL_LABEL.sub(" ", rest)
    rest = rest.strip(_SEPARATORS)
    parts = [("email", a) for a in addresses]
    if rest:
        parts.append(("phone" if any(c.isdigit() for c in rest) else "email", rest))
    return parts


#: A dash or a slash with spaces around it, between a name and a position ("Ahmed Raza - Deputy
#: Director"; a double-barrelled name has none around its hyphen).
_DASH = re.compile(r"\s+[-\u2013\u2014/|]\s+")
#: A position in brackets closing the cell ("Ahmed Raza (Deputy Director)").
_BRACKETED = re.compile(r"(.*?\S)\s*\(([^()]+)\)")
#: What is left around a name or a position once split: the marks that separated them.
_SPLIT_MARKS = " \t,;:-\u2013\u2014/|"


def name_and_position(cell: str) -> list[tuple[str, str]]:
    """A cell of a "Name & Designation" column as ("full_name", name) and ("position", what
    follows it): the position on the lines below the name ("Ahmed Raza" Alt+Enter "Deputy
    Director"), else after it on its line (see :func:`_after_name`); the whole cell is the
    name when nothing follows it."""
    lines = [line.strip(_SPLIT_MARKS) for line in cell.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return []
    name, rest = (lines[0], lines[1:]) if len(lines) > 1 else _after_name(lines[0])
    parts = [("full_name", name)]
    position = ", ".join(rest)
    if position:
        parts.append(("position", position))
    return parts


def _after_name(line: str) -> tuple[str, list[str]]:
    """A line split into a name and the position written after it: after a spaced dash or
    slash, else after a comma that follows a name of two words or more ("Ahmed Raza, DD"), or
    the second comma of a name written surname first ("HALE, David, Ambassador"), else in
    brackets closing the line."""
    dash = _DASH.search(line)
    if dash is not None:
        return line[:dash.start()], [line[dash.end():]]
    before, comma, after = line.partition(",")
    if comma and len(before.split()) == 1:  # "HALE, David, Ambassador"
        given, comma, after = after.partition(",")
        before = f"{before},{given}"
    if comma and after.strip(_SPLIT_MARKS):
        return before.strip(_SPLIT_MARKS), [after.strip(_SPLIT_MARKS)]
    bracketed = _BRACKETED.fullmatch(line)
    if bracketed is not None:
        return bracketed.group(1), [bracketed.group(2).strip()]
    return line, []


#: How a sheet's totals line begins ("Total", "TOTAL PARTICIPANTS: 42", "Grand total").
_TOTAL = re.compile(r"(?:grand|sub)?[ -]?totals?\b")


def total_line(values: Mapping[str, str], cells: Iterable[str] = ()) -> bool:
    """Whether a row is a sheet's totals line rather than a person: it has no email and its
    first filled cell says "Total", whether that cell is a field's or one the import passes
    over (``cells``, the row as written: "Total" in the Sr. No. column, the count under
    Name)."""
    if "email" in values:
        return False
    if _TOTAL.match(fold(next(iter(values.values())))):
        return True
    first = next((cell for cell in cells if cell.strip()), "")
    return bool(_TOTAL.match(fold(first.strip())))


#: A label that makes a number a fax machine's ("Fax", Google's "Work Fax"): passed over, as a
#: Fax column and a vCard's TYPE=FAX are; a mailing tool would take it for a phone.
_FAX = re.compile(r"\b(?:fax|telefax|t[ée]l[ée]copie)\b", re.I)


def _labelled_phone(value: str, region: str | None, labels: dict[str, str],
                    whose: str | None = None) -> str | None:
    """A phone cell's number; the remark after it ("(WhatsApp)") goes to ``labels``; None for
    a fax's. A national number that is none in ``region`` says where it was read when no
    option gave that country (``whose`` country it is: "the row's")."""
    try:
        number, remark = validate.phone_and_remark(value, region)
    except Invalid as e:
        if whose and e.message.startswith("invalid phone number") and validate.national(
                clean(value)):
            raise Invalid(f"{e.message}, read in {region}, {whose} country") from None
        raise
    if remark and _FAX.search(remark):
        return None
    if remark:
        labels[number] = remark
    return number


#: A label in brackets after an address, as an address book's Type column gives it (see
#: :func:`~stakeholders.io.headers.with_labels`): "ali@fia.gov.pk (Work)".
_EMAIL_REMARK = re.compile(r"\s*\(([^()@]{1,100})\)\s*$")


def _labelled_email(value: str, labels: dict[str, str]) -> str:
    """An email cell's address; a label in brackets after it goes to ``labels``."""
    m = _EMAIL_REMARK.search(value) if value.endswith(")") else None
    if m is None or "@" not in value[: m.start()]:
        return validate.email(value)
    address = validate.email(value[: m.start()])
    labels.setdefault(address, validate.text(clean(m.group(1)), "email label", 100))
    return address


def _label_column(cell: str, phones: list[str], labels: dict[str, str]) -> list[str]:
    """A Phone Type column's labels ("Mobile"; Google's "* Mobile ::: Work", its primary one
    starred, one a number of the cell) for the row's numbers in order, where the number
    itself carries no remark; the numbers kept, a fax's passed over."""
    kept, written = [], labels_of(cell)
    for i, number in enumerate(phones):
        label = written[i] if i < len(written) else ""
        if label and number not in labels:
            if _FAX.search(label):
                continue
            labels[number] = validate.text(label, "phone label", 100)
        kept.append(number)
    return kept


@dataclass(frozen=True, slots=True)
class Dropped:
    """An invalid email or phone left out of a row that is kept (``--skip-invalid``): its
    field, the value as written (to find its column; never reported) and what is wrong
    with it, without the value."""

    field: str
    value: str
    reason: str


def _several(value: str | None, normalize, field: str,
             dropped: list[Dropped] | None = None) -> list[str]:
    """The distinct stored forms of a cell's values (``a ::: b``) of ``field`` (email or
    phone), in order. With ``dropped``, an invalid value is left out and noted there instead
    of refusing the row."""
    if not value:
        return []
    unmarked_several, split = _SPLITTERS[field]
    if _MARKS[field].search(value) is None and not unmarked_several(value):
        if dropped is None:  # most cells hold one value
            stored = normalize(value)
            return [stored] if stored else []
        parts: Sequence[str] = (value,)
    else:
        parts = split(value)
    found: dict[str, str] = {}
    for part in parts:
        if part:
            try:
                stored = normalize(part)
            except Invalid as e:
                if dropped is None:
                    raise
                dropped.append(Dropped(field, part, _without_value(e.message, part, field)))
                continue
            if stored:  # not a fax's number
                found.setdefault(stored.casefold(), stored)
    return list(found.values())


def _spaced_addresses(value: str) -> bool:
    """Whether ``value`` holds email addresses written with only a space between them
    ("a@x.org b@y.org"), to be split at it: one address with words around it is one value
    ("ali at fia.gov.pk", refused as it is written)."""
    return value.count("@") > 1 and any(c.isspace() for c in value)


def _spaced(part: str) -> Sequence[str]:
    """An email cell's part as the addresses it holds, split at spaces where it holds more
    than one (see :func:`_spaced_addresses`)."""
    return part.split() if _spaced_addresses(part) else (part,)


def _addresses(value: str) -> list[str]:
    """The addresses an email cell holds, as written, split as :func:`_several` splits them."""
    return [address for part in _EMAILS_SPLIT.split(value) for address in _spaced(part)]


#: A phone number as a cell writes it, of 7 digits or more (an extension has fewer).
_NUMBER = re.compile(r"\+?\d[\d\s().-]*\d")
_NUMBER_DIGITS = 7
#: Words that only join two numbers ("0300-1234567 or 051-2345678"), said by neither.
_JOINING = frozenset({"", "or", "and", "&", "ya", "aur"})
_LETTER = re.compile(r"[^\W\d_]")


def _worded_numbers(value: str) -> bool:
    """Whether a phone cell may hold numbers with words between them ("0300-1234567 (Cell)
    051-2345678 (Off)"): two numbers' worth of digits (one with an extension has fewer). A
    cell shorter than that holds fewer digits: they are not counted."""
    return len(value) >= 2 * _NUMBER_DIGITS and sum(
        c.isdigit() for c in value) >= 2 * _NUMBER_DIGITS


def _numbers(value: str) -> list[str]:
    """The numbers a phone cell holds, each with its remark, split as :func:`_several`
    splits them; and where words stand between two numbers, which would otherwise be the
    first one's remark: a label ending with ":" ("Cell: 0300-1234567"), or any where a label
    comes before the first number too, goes with the number after it, another ("(Cell)")
    with the one before, a word that only joins them ("or", "&") with neither."""
    parts = []
    for part in _PHONES_SPLIT.split(value):
        numbers = [m for m in _NUMBER.finditer(part)
                   if sum(c.isdigit() for c in m.group()) >= _NUMBER_DIGITS
                   ] if _worded_numbers(part) else []
        # "Cell 0300-1234567 Office 051-2345678": a label before each number
        labels_first = numbers and _LETTER.search(part, 0, numbers[0].start()) is not None
        start = 0
        for before, after in zip(numbers, numbers[1:]):
            between = part[before.end():after.start()]
            if not _LETTER.search(between) and "&" not in between:
                continue  # not words: one number written with spaces, or two run together
            if fold(between.strip(" \t()[],;:-/&")) in _JOINING:
                end, start_next = before.end(), after.start()
            elif labels_first or between.rstrip().endswith(":"):
                remark_end = max(between.rfind(")"), between.rfind("]")) + 1  # "(Cell) Off:"
                label = _LETTER.search(between, remark_end)
                end = start_next = before.end() + (label.start() if label else remark_end)
            else:
                end = start_next = after.start()
            parts.append(part[start:end])
            start = start_next
        parts.append(part[start:])
    return [part.strip(" \t,;/") for part in parts if part.strip(" \t,;/")]


#: Per field: whether a cell holding none of its marks holds several values all the same,
#: and how a cell is split into them (see :func:`_several`).
_SPLITTERS = {"email": (_spaced_addresses, _addresses), "phone": (_worded_numbers, _numbers)}


def _without_value(message: str, value: str, field: str) -> str:
    """An error about ``value`` without it ("invalid email: An email address must have an
    @-sign."): a report of what was left out of a kept row shows none of the person's data."""
    quoted = " " + shown(clean(value))
    if quoted in message:
        return message.replace(quoted, "", 1)
    return "invalid email" if field == "email" else "invalid phone number"


#: Columns whose values recur down a list (prefixes, titles, given and family names,
#: organizations, positions, countries) are checked once per distinct value, and the rows
#: share the one result. (Full names: :func:`~stakeholders.names.parse_name` remembers them.)
_recurring_text = lru_cache(maxsize=8192)(validate.text)
_recurring_fold = lru_cache(maxsize=8192)(fold)
_recurring_loose = lru_cache(maxsize=8192)(loose_key)
#: What sets the loose keys of :attr:`Lookups.orgs` apart from exact ones.
_LOOSE_MARK = "\0"


def _org_id(key: str, lookups: Lookups) -> int | None:
    """The recorded organization a row's organization key names: exactly, else loosely."""
    found = lookups.orgs.get(key)
    return found if found is not None else lookups.orgs.get(_LOOSE_MARK + _recurring_loose(key))
_recurring_prefix = lru_cache(maxsize=256)(split_prefix)
_recurring_country = lru_cache(maxsize=512)(validate.country)


@lru_cache(maxsize=8192)
def _recurring_org(value: str) -> str:
    """An organization's name as ``org add`` takes it: not one written as an id ("#3"), which
    no reference could find."""
    return validate.not_an_id(validate.required_name(value, "organization", 300),
                              "organization name")


#: How rows are matched, as the look-ups hold it (read once, not per row from the enum).
_BY_EMAIL, _BY_BOTH, _BY_NAME = MatchKey.EMAIL.value, MatchKey.BOTH.value, MatchKey.NAME.value


#: The key columns whose length a row's folded names must fit (looked up once, not per row).
_ORG_KEY = Organization.__table__.c.name_key
_NAME_KEY = Person.__table__.c.name_key
_FAMILY_KEY = Person.__table__.c.family_key
_TAG_KEY = Tag.__table__.c.name_key


def check(values: Mapping[str, str], row: int, lookups: Lookups, extra_tags: Iterable[str] = (),
          dropped: list[Dropped] | None = None) -> Candidate:
    """The stored forms of one row, or Invalid naming the first problem. A row without a
    name is only good for the recorded person its email matches (the name stays theirs), or,
    in an unsubscribe list, for a new person named by the address. With ``dropped``, an
    invalid email or phone is left out (and noted there) rather than refusing the row."""
    honorific, title, given, family, full, office = _names(values)
    opted_out, opted_out_on = (_opted_out(values["opted_out"]) if values.get("opted_out")
                               else (False, None))
    if full:
        lettered(full)
    else:
        full = _nameless(_addresses(values["email"]) if values.get("email") else [],
                         lookups, opted_out)
    labels: dict[str, str] = {}
    emails = _several(values.get("email"), lambda v: _labelled_email(v, labels), "email",
                      dropped)
    org_name = _recurring_org(values["organization"]) if values.get("organization") else None
    org_key = (_recurring_fold(org_name) or None) if org_name else None
    org_id = _org_id(org_key, lookups) if org_key else None
    if org_key and org_id is None:  # a new one, named as the first row of the file names it
        org_name, org_key = lookups.file_orgs.setdefault(_recurring_loose(org_key),
                                                         (org_name, org_key))
    country = _recurring_country(values["country"]) if values.get("country") else None
    if country and org_key and org_id is None:  # the country of the organization it adds
        lookups.file_org_countries.setdefault(org_key, country)
    phones = []
    if values.get("phone"):
        region, whose = _phone_region(values["phone"], country, org_id, org_key, lookups)
        phones = _several(values["phone"], lambda v: _labelled_phone(v, region, labels, whose),
                          "phone", dropped)
        if phones and values.get("phone_label"):
            phones = _label_column(values["phone_label"], phones, labels)
    position = values.get("position") or office
    # a field the row leaves empty is None (no tags: []) without a call to check it
    candidate = Candidate(
        row=row, honorific=honorific, title=title, given_name=given, family_name=family,
        full_name=full, notes=validate.note(values["notes"]) if values.get("notes") else None,
        email=emails[0] if emails else None, phone=phones[0] if phones else None,
        other_emails=tuple(emails[1:]), other_phones=tuple(phones[1:]), labels=labels or None,
        org_name=org_name, org_key=org_key, org_id=org_id,
        sector=Sector.parse(values["sector"]).value if values.get("sector") else None,
        country=country,
        position=_recurring_text(position, "position", 300) if position else None,
        tags=_tags(values.get("tags"), extra_tags) if extra_tags or values.get("tags") else [],
        role=_in_words(Role, values["role"]) if values.get("role") else None,
        status=_status(values),
        opted_out=opted_out, opted_out_on=opted_out_on,
    )
    check_key(_ORG_KEY, org_key, "organization")
    check_key(_NAME_KEY, candidate.keys[0], "name")
    check_key(_FAMILY_KEY, candidate.keys[1], "family name")
    _match(candidate, lookups)
    return candidate


def _phone_region(phone: str, country: str | None, org_id: int | None, org_key: str | None,
                  lookups: Lookups) -> tuple[str | None, str | None]:
    """The country a row's national phone numbers are read in: its own (a Country column),
    else ``--region`` or ``$STAKEHOLDERS_REGION``, else its organization's, recorded or given
    by an earlier row (as ``person add`` reads them), else the event's; and, for the first
    and third, whose country it is, for an error to say (no option gave it)."""
    if country:
        return country, "the row's"
    if lookups.region:
        return lookups.region, None
    known = (lookups.org_countries.get(org_id) if org_id is not None
             else lookups.file_org_countries.get(org_key) if org_key else None)
    if known:
        return known, "its organization's"
    if lookups.event_region and not lookups.read_in_event and validate.national(phone):
        lookups.read_in_event = True
    return lookups.event_region, None


def _names(values: Mapping[str, str]):
    """The row's honorific, title, given, family and full name, and what its prefix column
    holds besides (a job title in a Title column), which is its position unless it has one."""
    prefix = values.get("prefix")
    honorific, title, office = _recurring_prefix(prefix) if prefix else (None, None, None)
    if office and values.get("position"):  # then it is read as typed, as the title
        title, office = " ".join(t for t in (title, office) if t), None
    honorific = values.get("honorific") or honorific
    given, middle = values.get("given_name"), values.get("middle_name")
    given = f"{given} {middle}" if given and middle else (given or middle or "")
    family = values.get("family_name")
    full = _without_prefix(values.get("full_name"), values.get("honorific"), prefix)
    if full and not (given or family):
        parsed = parse_name(full)
        honorific, title = honorific or parsed.honorific, title or parsed.title
        given, family, full = parsed.given, parsed.family, parsed.full_name
    elif full:  # the name columns say who; its honorific and title count unless given apart
        honorifics, titles, rest = split_prefixes(full)
        honorific = honorific or " ".join(honorifics) or None
        title = title or " ".join(titles) or None
        full = rest or full
    else:
        full = f"{given} {family}" if given and family else (given or family)
    if values.get("suffix"):
        family, full = with_suffix(values["suffix"], family, full)
    # an empty one is None unchecked: most rows have no title, many no honorific
    return (_recurring_text(honorific, "honorific", 50) if honorific else None,
            _recurring_text(title, "title", 50) if title else None,
            _recurring_text(given, "given name", 200) if given else None,
            _recurring_text(family, "family name", 200) if family else None,
            validate.text(full, "name", 400) or "", office)


def _without_prefix(full: str | None, *prefixes: str | None) -> str | None:
    """The full name without the honorific or title a column of its own gives, where the name
    repeats it ('Ing. Ali Khan' beside the title 'Ing.', as a vCard's FN beside its N): a
    prefix no list knows would otherwise be written twice, and once more each round trip."""
    words = (full or "").split()
    for prefix in prefixes:
        given = [w.rstrip(".").casefold() for w in (prefix or "").split()]
        if given and [w.rstrip(".").casefold() for w in words[:len(given)]] == given \
                and len(words) > len(given):
            words = words[len(given):]
    return " ".join(words) if words else full


def with_suffix(suffix: str, family: str | None, full: str | None
                ) -> tuple[str | None, str | None]:
    """The family and full name with a Suffix column's (or vCard N's) suffix, as a name
    written in full keeps it: letters after the name (CMG, PhD: see
    :data:`~stakeholders.names.POST_NOMINALS`) in the full name only, any other (Jr., III) in
    the family name too, as it tells people apart; a name already ending with it as it is."""
    if post_nominals(f"x {suffix}").strip(" ,") != suffix:  # a generational one
        if family and not _ends_with(family, suffix):
            family = f"{family} {suffix}"
    if full and not _ends_with(full, suffix):
        full = f"{full} {suffix}"
    return family, full


def _ends_with(name: str, suffix: str) -> bool:
    """Whether the name's last words are the suffix, full stops and commas aside ("David Hale
    Jr" ends with "Jr."; "Rossi" does not end with "I")."""
    def words(text: str) -> str:
        return " " + " ".join(re.sub(r"[.,]", " ", fold(text)).split())

    return words(name).endswith(words(suffix))


#: What registration lists write in their own words, as our statuses and roles.
_STATUS_WORDS = {
    "confirmed": "registered", "yes": "registered", "accepted": "registered",
    "attending": "registered", "going": "registered",
    "regret": "declined", "regrets": "declined", "no": "declined", "not attending": "declined",
    "present": "attended", "checked in": "attended", "came": "attended",
    "absent": "no-show", "no show": "no-show", "pending": "invited", "awaiting": "invited",
    "tentative": "invited", "maybe": "invited", "canceled": "cancelled",
}
_ROLE_WORDS = {
    "participant": "attendee", "guest": "attendee", "delegate": "attendee",
    "chief guest": "speaker", "guest of honour": "speaker", "guest of honor": "speaker",
    "keynote": "speaker", "keynote speaker": "speaker", "guest speaker": "speaker",
    "panelist": "speaker", "panellist": "speaker", "chair": "moderator",
    "organiser": "organizer", "host": "organizer",
}


#: What an Attendance (Attended, Present) column says: whether the person came.
_ATTENDED_WORDS = {
    "yes": "attended", "y": "attended", "true": "attended", "x": "attended", "1": "attended",
    "\u2713": "attended", "\u2714": "attended",
    "no": "no-show", "n": "no-show", "false": "no-show", "0": "no-show",
}


#: What an opted_out (Unsubscribed, Do Not Email; Désabonné, Abgemeldet) column says, in
#: English, French and German.
_OPTED_OUT_WORDS = {"yes": True, "y": True, "true": True, "x": True, "1": True, "\u2713": True,
                    "\u2714": True, "opted out": True, "unsubscribed": True,
                    "oui": True, "vrai": True, "desabonne": True, "desabonnee": True,
                    "ja": True, "j": True, "wahr": True, "abgemeldet": True,
                    "no": False, "n": False, "false": False, "0": False,
                    "non": False, "faux": False, "nein": False, "falsch": False}


#: A date in an opted_out column (Mailchimp's UNSUB_TIME, "Unsubscribed At"): when they did.
#: Any date says they did, however it is written: ISO 8601 as Mailchimp writes it, with a
#: fraction of a second or a zone as APIs and workbooks give it (``2024-03-05T09:12:33.5Z``),
#: or as a spreadsheet saves it again (``3/5/2024 9:12 AM``, ``05.03.2024``, ``2024/03/05``,
#: ``05-Mar-24``, ``5 March 2024``, ``Mar 5, 2024``).
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_OPTED_OUT_ON = re.compile(
    r"(?:(?P<year>\d{4})(?P<y>[/.-])(?P<month>\d{1,2})(?P=y)(?P<day>\d{1,2})"
    r"|(?P<first>\d{1,2})(?P<d>[/.-])(?P<second>\d{1,2})(?P=d)(?P<year2>\d{4}|\d{2})"
    rf"|(?P<day3>\d{{1,2}})[ -](?P<month3>{_MONTH})[ -](?P<year3>\d{{4}}|\d{{2}})"
    rf"|(?P<month4>{_MONTH}) (?P<day4>\d{{1,2}}),? (?P<year4>\d{{4}}))"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?: ?[ap]\.?m\.?)?)?"
    r"(?: ?(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?", re.IGNORECASE)


def _opted_out(value: str) -> tuple[bool, dt.date | None]:
    """Whether an opted_out cell says the person opted out, and the day it gives, if any."""
    said = _OPTED_OUT_WORDS.get(fold(value))
    if said is None:
        m = _OPTED_OUT_ON.fullmatch(value.strip())
        if m:
            return True, _opted_out_on(m)
        raise Invalid(f"opted out {shown(value)}: write yes, no or the date they opted out")
    return said, None


def _opted_out_on(m: re.Match) -> dt.date | None:
    """The day a date in an opted_out column names: its date part as written (Mailchimp's
    UNSUB_TIME, ``2018-03-05 09:12:00``). None, for an opt-out dated today, when it cannot
    say which day: the day and month of ``1/5/2018`` either way round (but dotted,
    ``05.03.2018``, day first as in Europe), a day no calendar has, or one after today."""
    if m["year"]:
        year, month, day = m["year"], m["month"], m["day"]
    elif m["first"]:
        first, second, year = int(m["first"]), int(m["second"]), m["year2"]
        if m["d"] == "." or first > 12:
            day, month = first, second
        elif second > 12 or first == second:
            day, month = second, first
        else:
            return None
    else:
        year = m["year3"] or m["year4"]
        month = _MONTHS.index((m["month3"] or m["month4"])[:3].lower()) + 1
        day = m["day3"] or m["day4"]
    year = int(year) + (2000 if len(year) == 2 else 0)
    try:
        on = dt.date(year, int(month), int(day))
    except ValueError:
        return None
    return on if on <= clock.today() else None


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _status(values: Mapping[str, str]) -> str | None:
    """The row's status at the event: what its Attendance column says of whether the person
    came (yes: attended, no: no-show) wins over its Status or RSVP column, which was written
    before the event (yes there is registered)."""
    came = values.get("attended")
    if came:
        return _ATTENDED_WORDS.get(fold(came)) or _in_words(Status, came)
    return _in_words(Status, values["status"]) if values.get("status") else None


_OWN_WORDS: dict[type[Vocabulary], dict[str, str]] = {Status: _STATUS_WORDS, Role: _ROLE_WORDS}


@lru_cache(maxsize=128)
def _in_words(vocabulary: type[Vocabulary], value: str) -> str:
    """``value`` as a member of ``vocabulary``: a list's own word for it, else its name."""
    word = fold(value).replace("-", " ").replace("_", " ")
    return _OWN_WORDS[vocabulary].get(word) or vocabulary.parse(value).value


def _nameless(emails: list[str], lookups: Lookups, opted_out: bool = False) -> str:
    """The name of a row that gives none: none ("") when matching by email finds its primary
    address (its first valid one) recorded, the person keeping their name (a further one
    finds only someone of the row's name, and it has none); in an unsubscribe list, or in a
    row whose own opted_out column says so (``opted_out``: Mailchimp's export of unsubscribed
    members, most of them addresses only), that address, kept so that no later list mails it
    (an invalid one before it is the email check's to refuse, or to drop with
    ``--skip-invalid``); an address on the suppression list, whose row adds no one and is
    skipped as the list's; else the row is refused."""
    by_email = lookups.match == MatchKey.EMAIL.value
    first = next(filter(None, map(_valid_email, emails)), None) if by_email else None
    if first is not None and first.casefold() in lookups.emails:
        return ""
    listed = next((email for email in map(_valid_email, emails)
                   if email and lookups.listed and email in lookups.listed), None)
    if listed is not None:
        return validate.text(listed, "name", 400) or ""
    if by_email and (lookups.opted_out or opted_out) and emails:
        return validate.text(first or validate.email(emails[0]), "name", 400) or ""
    raise Invalid("no name")


def _valid_email(email: str) -> str | None:
    """The stored form of ``email``, or None when it is not an address."""
    try:
        return validate.email(email)
    except Invalid:
        return None


def option_tags(tags: Iterable[str]) -> list[str]:
    """The ``--tag`` values, checked once: a bad one is the option's fault, not every row's."""
    try:
        for name in tags:  # an empty one too: a blank tag in a file is none, here a mistake
            validate.tag(name)
        return _tags(None, tags)
    except Invalid as e:
        raise Invalid(f"--tag: {e.message}") from None


#: Double quotation marks, straight and typographic, that a list of tags may wrap each tag, or
#: a run of them, in.
_TAG_QUOTES = '"\u201c\u201d\u201e\u00ab\u00bb'


def _tag_names(value: str) -> list[str]:
    """The tags a cell names: split at ``,``, ``;`` and ``:::``, without the quotation marks
    around the whole list (``"Launch 2017, Media"``), around each tag (Mailchimp's
    ``"Launch 2017","Media"``) or around a run of them (``"a, b", "c"``), which would
    otherwise stay on its first and last tag."""
    names = []
    for part in _TAG_SPLIT.split(unquoted(clean(value))):
        name = unquoted(part)
        for end in (0, -1):  # a mark opening or closing a quoted run, its pair in another
            if name and name[end] in _TAG_QUOTES and sum(map(name.count, _TAG_QUOTES)) == 1:
                name = (name[1:] if end == 0 else name[:-1]).strip()
        names.append(name)
    return names


def _tags(value: str | None, extra: Iterable[str]) -> list[str]:
    names = _tag_names(value) if value else []
    names += list(extra)
    unique: dict[str, str] = {}
    for name in names:
        if name and not name.startswith("* "):  # Google's system groups ("* myContacts")
            key = fold(name)
            unique.setdefault(key, validate.tag(name))
            check_key(_TAG_KEY, key, "tag")
    return list(unique.values())


def _found(email_keys: list[str], keys: tuple[str, str | None], holders: dict[str, int],
           names: dict[int, tuple[str, str | None]]) -> str | None:
    """The first of a row's emails (its primary first) that finds a holder: the primary
    whoever holds it, a further one a holder of the same name (or of its family name, where
    one of the two names is that family name alone: "Hale" for David Hale). Two people given
    one shared inbox as a further address (an office's info@) are two people, not one found
    by the other's address, even when both are Khans."""
    if not email_keys:
        return None
    if email_keys[0] in holders:
        return email_keys[0]
    name_key, family_key = keys
    for key in email_keys[1:]:
        holder = holders.get(key)
        if holder is not None:
            held_name, held_family = names.get(holder, ("", None))
            if held_name == name_key or (
                    family_key is not None and held_family == family_key
                    and family_key in (name_key, held_name)):
                return key
    return None


def _match(c: Candidate, lookups: Lookups) -> None:
    """Normalized email first, then name + organization, then a phone and the name; in the
    database, then in the file. With ``match`` name, email and phone are not used; with both,
    email and name must both agree (a row without an email is matched by name and
    organization, or by a phone and the name). A phone finds only someone of the row's name:
    a switchboard's number is many people's."""
    name_key = c.keys[0]
    if lookups.match == _BY_BOTH and c.email:
        _match_both(c, lookups, (c.email.casefold(), name_key))
        return
    # the row's primary email finds the person, a further one only someone of its name
    email_keys = [e.casefold() for e in c.points("email")
                  ] if lookups.match == _BY_EMAIL else []
    recorded = _found(email_keys, c.keys, lookups.emails, lookups.names)
    in_file = _found(email_keys, c.keys, lookups.file_emails, lookups.file_names)
    named_phones = [(p.casefold(), name_key) for p in c.points("phone")
                    ] if lookups.match != _BY_NAME else []
    at_event = (name_key, c.org_id) if c.org_id is not None or not c.org_key else None
    if recorded:  # of an address several hold, the holder of the row's name
        c.match = lookups.named_emails.get((recorded, name_key), lookups.emails[recorded])
    elif c.org_id is not None and (name_key, c.org_id) in lookups.people_at:
        c.match = lookups.people_at[(name_key, c.org_id)]
    elif c.org_id is not None and (fold(c.full_name), c.org_id) in lookups.people_at:
        # the name as written, where its words are split otherwise: 'KOUASSI Yao Serge'
        # (family name first, in capitals) is 'Kouassi Yao Serge' of the same organization
        c.match = lookups.people_at[(fold(c.full_name), c.org_id)]
    elif at_event in lookups.people_at_event:  # as the event's sign-in sheet names them
        c.match = lookups.people_at_event[at_event]
    elif c.org_id is None and lookups.named_at_event.get(name_key) is not None:
        # the one person of that name recorded at the event, the organization written
        # otherwise ("US Embassy") or not at all: the same person signing in
        c.match = lookups.named_at_event[name_key]
    elif phone := _first_in(named_phones, lookups.named_phones):
        c.match = lookups.named_phones[phone]
    elif in_file:
        c.same_as_row = lookups.file_emails[in_file]
    elif c.org_key and (name_key, c.org_key) in lookups.file_people:
        c.same_as_row = lookups.file_people[(name_key, c.org_key)]
    elif phone := _first_in(named_phones, lookups.file_named_phones):
        c.same_as_row = lookups.file_named_phones[phone]
    if c.match is None and c.same_as_row is None:
        for key in email_keys:  # an address an earlier row gave stays that row's (its owner's)
            lookups.file_emails.setdefault(key, c.row)
        if email_keys:
            lookups.file_names[c.row] = c.keys
        if c.org_key:
            lookups.file_people[(name_key, c.org_key)] = c.row
        for key in named_phones:
            lookups.file_named_phones.setdefault(key, c.row)


def _first_in(keys: list, found: Mapping) -> object | None:
    """The first of ``keys`` that ``found`` holds."""
    return next((key for key in keys if key in found), None)


def _match_both(c: Candidate, lookups: Lookups, key: tuple[str, str]) -> None:
    if key in lookups.named_emails:
        c.match = lookups.named_emails[key]
    elif key in lookups.file_named_emails:
        c.same_as_row = lookups.file_named_emails[key]
    else:
        lookups.file_named_emails[key] = c.row
        if c.org_key:  # a later row without an email finds them by name and organization
            lookups.file_people.setdefault((key[1], c.org_key), c.row)
