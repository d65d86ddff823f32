"""The spreadsheet-bound export profiles: headers, a row function and the formula neutralizer.

Each CSV profile is a list of (header, field) columns over the contact records that
:func:`stakeholders.services.exports.contacts` yields (tuples in :data:`FIELDS` order). The same
columns teach the importer the headers (see :mod:`stakeholders.io.headers`), so every export
reads back in. Rows are composed by a row function built once per profile and checked
:data:`BATCH_ROWS` at a time: one search over a batch's joined text tells whether any cell
needs neutralizing, and only a row that does is redone cell by cell with
:func:`stakeholders.render.safe_cell`.

Header sources: Mailchimp's audience import (``Email Address``, ``First Name``, ``Last Name``,
``Tags``); Outlook's own CSV export (``First Name``, ``Company``, ``Job Title``,
``E-mail Address``, ``Business Phone``, ``Categories``); the Google Contacts CSV
(``Given Name``, ``Family Name``, ``Name Prefix``, ``Group Membership``, ``E-mail 1 - Value``,
``Organization 1 - Name``…).
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain, islice
from operator import itemgetter
from typing import IO, Any

from stakeholders.io.headers import MULTI_SEPARATOR
from stakeholders.names import post_nominals
from stakeholders.render import RISKY_CELL_START, plain, safe_cell
from stakeholders.validate import EXTENSION_WORD

#: The fields of an exported contact record, in the order of the csv profile. A record is a
#: tuple of these (text or None; tags a tuple of names; ``opted_out`` whether the person asked
#: not to be emailed or contacted, true only in an export that includes them; the person's
#: further emails and phones, after the primary ``email`` and ``phone``, tuples; a phone with
#: its label as :func:`written_phone` writes it), see :func:`record`.
FIELDS = ("honorific", "title", "given_name", "family_name", "full_name", "organization",
          "position", "sector", "email", "phone", "country", "tags", "notes", "opted_out",
          "other_emails", "other_phones")
#: The fields that hold several values (a tuple), and the one-value field each adds to
#: when read back in. A layout with a column per value names them by position
#: (``other_emails.0``: the first further email).
SEVERAL = {"tags": "tags", "other_emails": "email", "other_phones": "phone"}
_AT = {f: i for i, f in enumerate(FIELDS)}
_TAGS, _HONORIFIC, _TITLE, _OPTED_OUT, _COUNTRY, _FULL_NAME, _PHONE, _OTHER_PHONES = (
    _AT["tags"], _AT["honorific"], _AT["title"], _AT["opted_out"], _AT["country"],
    _AT["full_name"], _AT["phone"], _AT["other_phones"])
#: How a CSV cell says that the person opted out (an empty cell: they did not).
OPTED_OUT = "yes"

#: How many records a CSV profile formats and checks at once.
BATCH_ROWS = 1000


#: A phone's label that is an extension ("ext. 12", "x12"): part of the number to dial.
_EXTENSION_LABEL = re.compile(rf"(?:{EXTENSION_WORD}|x)\s*\d+", re.IGNORECASE)


def written_phone(number: str, label: str | None) -> str:
    """A phone number with its label, as a list writes it and an import reads it back: an
    extension after it (``+92519250000 ext. 12``), any other label in brackets
    (``+923001234567 (mobile)``); a number without a label as it is."""
    if not label:
        return number
    return f"{number} {label}" if _EXTENSION_LABEL.fullmatch(label) else f"{number} ({label})"


#: The labels that say a number is a mobile (a card's CELL, Outlook's Mobile Phone).
MOBILE_LABELS = frozenset({"mobile", "cell", "cellphone", "cell phone", "mobile phone"})


def phone_parts(written: str) -> tuple[str, str | None]:
    """A phone as :func:`written_phone` writes it, as the number to dial (with its extension)
    and its label other than an extension, if any."""
    number, _, label = written.partition(" ")  # E.164 holds no space
    if label.startswith("(") and label.endswith(")"):
        return number, label[1:-1]
    return written, None


def record(contact: Mapping[str, Any]) -> tuple:
    """The record of a contact given by field name (missing fields are None, tags empty)."""
    return tuple(tuple(contact.get(f) or ()) if f in SEVERAL else contact.get(f) for f in FIELDS)


def read_back_as(field: str) -> str:
    """The field an export column of ``field`` is read back into by an import (``ignore``:
    none)."""
    if field == "phone_type":
        return "phone_label"
    if field == "other_phone_types":  # read beside Phone 2 - Value (headers.with_labels)
        return "ignore"
    if field in _FURTHER_PHONE:
        return "phone"
    return SEVERAL.get(field.partition(".")[0], field)


def as_mapping(contact: Sequence[Any]) -> dict[str, Any]:
    """A record by field name (for the JSON and vCard layouts; ``opted_out`` true or false)."""
    mapping = dict(zip(FIELDS, contact))
    mapping["opted_out"] = bool(mapping["opted_out"])
    return mapping


@dataclass(frozen=True)
class CsvProfile:
    """A CSV layout: which header carries which field, how tags are joined, which bytes."""

    name: str
    columns: tuple[tuple[str, str], ...]
    mailing: bool = False  # a mailing-tool upload: people without an email are left out
    tag_separator: str = "; "
    encoding: str = "utf-8"
    newline: str = "\n"
    #: The most bytes (UTF-8) the tool takes in a text field: longer cells, tags and the
    #: address aside, are cut to it, ending in "…"
    max_cell_bytes: int | None = None
    #: Whether a phone's label other than an extension goes with its number (``+923001234567
    #: (mobile)``, as an import reads it back); else the number to dial alone, its
    #: extension kept, as a tool's phone field takes it
    phone_labels: bool = True

    @property
    def headers(self) -> list[str]:
        return [header for header, _ in self.columns]

    def cells(self, contact: Sequence[Any]) -> list[str]:
        """One row, every cell neutralized against formula injection (empty cells may be
        None: the csv module writes them empty)."""
        return self._checked([contact])[0]

    def _checked(self, contacts: list[Sequence[Any]]) -> list[list]:
        """The rows of a batch of records, searched for cells to neutralize all at once; only
        in a batch that has some is each row looked at, and only such a row redone."""
        rows = list(map(self._row, contacts))
        if _needs_care(rows):
            rows = [_neutralized(row) if _needs_care((row,)) else row for row in rows]
        return rows

    @property
    def raw_cells(self) -> Callable[[Sequence[Any]], list]:
        """The row's cells before any is neutralized, for a file whose cells are typed as
        text and never run (a workbook): see :attr:`_row`."""
        return self._row

    @cached_property
    def _row(self) -> Callable[[Sequence[Any]], list]:
        """The row function, built once: the fields picked in one call and the composed cells
        (tags, name prefix) filled in."""
        fields = [field for _, field in self.columns]
        at = [_AT.get(f, _HONORIFIC) for f in fields]  # prefix, other_emails.0…: see below
        pick = itemgetter(*at) if len(at) > 1 else (lambda contact: (contact[at[0]],))
        whole = fields == list(FIELDS)  # the record as it is (the csv profile)
        tags_at = fields.index("tags") if "tags" in fields else None
        prefix_at = fields.index("prefix") if "prefix" in fields else None
        country_name_at = fields.index("country_name") if "country_name" in fields else None
        suffix_at = fields.index("suffix") if "suffix" in fields else None
        phone_type_at = fields.index("phone_type") if "phone_type" in fields else None
        other_types_at = (fields.index("other_phone_types") if "other_phone_types" in fields
                          else None)
        further_at = [(fields.index(f), k) for f, k in _FURTHER_PHONE.items() if f in fields]
        phone_at = fields.index("phone") if further_at and "phone" in fields else None
        labels = self.phone_labels
        opted_out_at = fields.index("opted_out") if "opted_out" in fields else None
        others = [(fields.index(f), _AT[f]) for f in ("other_emails", "other_phones")
                  if f in fields]
        nth = [(i, _AT[name], int(k)) for i, (name, _, k) in
               ((i, f.partition(".")) for i, f in enumerate(fields)) if k]
        separator = self.tag_separator

        def row(contact: Sequence[Any]) -> list:
            if phone_type_at is not None:
                phone_type = phone_parts(contact[_PHONE])[1] if contact[_PHONE] else None
            if further_at:
                further = _further_slots(contact[_OTHER_PHONES])
                moved = _kind_slot(contact[_PHONE], further)
                if moved is not None:  # a primary mobile or home number: its own column
                    further[moved] = contact[_PHONE]
            if other_types_at is not None:  # one each, aligned with the numbers' cell
                types = [phone_parts(p)[1] or "" for p in contact[_OTHER_PHONES]]
                other_types = MULTI_SEPARATOR.join(types).strip() if any(types) else None
            if not labels:
                contact = _dialled(contact)
            cells = list(contact if whole else pick(contact))
            if phone_type_at is not None:
                cells[phone_type_at] = phone_type
            if other_types_at is not None:
                cells[other_types_at] = other_types
            for cell_at, k in further_at:
                cells[cell_at] = phone_parts(further[k])[0] if further[k] else None
            if further_at and moved is not None and phone_at is not None:
                cells[phone_at] = None
            if tags_at is not None:
                cells[tags_at] = separator.join(contact[_TAGS])
            for cell_at, field_at in others:
                cells[cell_at] = MULTI_SEPARATOR.join(contact[field_at])
            for cell_at, field_at, k in nth:  # one value per column
                values = contact[field_at]
                cells[cell_at] = values[k] if k < len(values) else None
            if prefix_at is not None:
                cells[prefix_at] = _prefix(contact)
            if country_name_at is not None:
                cells[country_name_at] = country_name(contact[_COUNTRY])
            if suffix_at is not None:
                cells[suffix_at] = suffix(contact[_FULL_NAME])
            if opted_out_at is not None:
                cells[opted_out_at] = OPTED_OUT if contact[_OPTED_OUT] else None
            return cells

        return row

    def _careful(self, contact: Sequence[Any]) -> list[str]:
        """The row redone cell by cell, whether it needs it or not."""
        return _neutralized(self._row(contact))

    def write(self, contacts: Iterable[Sequence[Any]], out: IO[str]) -> Counter[str]:
        """Write the rows; returns how many cells of each column were cut to
        :attr:`max_cell_bytes`."""
        writer = csv.writer(out, lineterminator=self.newline)
        writer.writerow(self.headers)
        cut: Counter[str] = Counter()
        contacts = iter(contacts)
        while batch := list(islice(contacts, BATCH_ROWS)):
            rows = self._checked(batch)
            if self.max_cell_bytes:
                self._cut(rows, cut)
            writer.writerows(rows)
        return cut

    def _cut(self, rows: list[list], cut: Counter[str]) -> None:
        """Cut the cells longer than :attr:`max_cell_bytes` (a cell of a quarter as many
        characters cannot be), counting them by header."""
        limit = self.max_cell_bytes
        at = [(i, header) for i, (header, field) in enumerate(self.columns)
              if field not in ("tags", "email")]  # an address is whole or useless
        for row in rows:
            for i, header in at:
                cell = row[i]
                if cell and len(cell) * 4 > limit and len(cell.encode()) > limit:
                    row[i] = cut_to_bytes(cell, limit)
                    cut[header] += 1


#: The columns of a person's further numbers (Outlook's Business Phone 2, Mobile Phone, Home
#: Phone and Other Phone), by the place each takes in :func:`_further_slots`.
_FURTHER_PHONE = {"other_phone": 0, "mobile_phone": 1, "third_phone": 2, "home_phone": 3}

#: The labels that say a number is a home one (a card's HOME, Outlook's Home Phone).
HOME_LABELS = frozenset({"home", "home phone"})


def _further_slots(phones: Sequence[str]) -> list[str | None]:
    """A person's further numbers in the four columns: the first labelled a mobile in the
    one that says a mobile, the first labelled home in the one that says home (and only such
    numbers: a column's name is read back as the number's kind), the others in their order
    in Business Phone 2 and Other Phone."""
    kinds = [(phone_parts(p)[1] or "").casefold() for p in phones]
    mobile = next((i for i, k in enumerate(kinds) if k in MOBILE_LABELS), None)
    home = next((i for i, k in enumerate(kinds) if k in HOME_LABELS), None)
    rest = [p for i, p in enumerate(phones) if i not in (mobile, home)]
    return [rest[0] if rest else None, phones[mobile] if mobile is not None else None,
            rest[1] if len(rest) > 1 else None, phones[home] if home is not None else None]


def _kind_slot(phone: str | None, slots: Sequence[str | None]) -> int | None:
    """The column of :func:`_further_slots` a primary ``phone`` labelled a mobile or home
    number takes, when it is free and no number stands in a column before it (an import
    takes the first number it reads as the primary one); else None: the Business Phone."""
    kind = (phone_parts(phone)[1] or "").casefold() if phone else ""
    before = ((_FURTHER_PHONE["other_phone"],) if kind in MOBILE_LABELS
              else (_FURTHER_PHONE["other_phone"], _FURTHER_PHONE["mobile_phone"])
              if kind in HOME_LABELS else None)
    if before is None or any(slots[k] is not None for k in before):
        return None
    slot = _FURTHER_PHONE["mobile_phone" if kind in MOBILE_LABELS else "home_phone"]
    return slot if slots[slot] is None else None


def _dialled(contact: Sequence[Any]) -> Sequence[Any]:
    """The record with each phone the number to dial alone (its extension kept): the labels
    other than an extension left off."""
    phone, others = contact[_PHONE], contact[_OTHER_PHONES]
    if not (phone and " (" in phone) and not any(" (" in p for p in others):
        return contact
    dialled = list(contact)
    dialled[_PHONE] = phone and phone_parts(phone)[0]
    dialled[_OTHER_PHONES] = tuple(phone_parts(p)[0] for p in others)
    return dialled


def cut_to_bytes(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` bytes of UTF-8, whole characters, ending in "…"."""
    return text.encode()[:limit - len("…".encode())].decode(errors="ignore").rstrip() + "…"


def _needs_care(rows: Iterable[list]) -> bool:
    """Whether a cell of these rows holds a carriage return or may be changed by
    :func:`~stakeholders.render.safe_cell`: one search over all their non-empty cells joined
    by NUL (a NUL inside a cell counts too, see :data:`~stakeholders.render.RISKY_CELL_START`)."""
    filled = list(filter(None, chain.from_iterable(rows)))
    text = "\x00" + "\x00".join(filled)
    return ("\r" in text or text.count("\x00") != len(filled)
            or bool(RISKY_CELL_START.search(text)))


#: A cell of phone numbers joined as a person's further ones are (``+923002222222 :::
#: +4722243600``), or of one with its extension (``+92519250000 ext. 12``): no formula can
#: run from it, so, as a single number, it is left usable (a quote before it would stay part
#: of the first number in Google Contacts, or in Mailchimp).
_ONE_PHONE = rf"\+?\d+(?: {_EXTENSION_LABEL.pattern})?"
_PHONE_LIST = re.compile(rf"{_ONE_PHONE}(?:{re.escape(MULTI_SEPARATOR)}{_ONE_PHONE})*",
                         re.IGNORECASE)


def _neutralized(row: list) -> list[str]:
    """Every cell as text through :func:`~stakeholders.render.safe_cell`, line breaks as LF."""
    return [_safe(_text(cell)) for cell in row]


def _safe(text: str) -> str:
    return text if _PHONE_LIST.fullmatch(text) else safe_cell(text)


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    text = str(cell)
    # A lone CR would end the row for most readers: line breaks are written as LF (quoted).
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


@lru_cache(maxsize=None)
def country_name(code: str | None) -> str | None:
    """The country's English name for an ISO 3166 code ("Pakistan" for PK), as address books
    write it; a code pycountry does not know, as it is."""
    if not code:
        return None
    import pycountry  # loaded by the profiles that name countries alone

    found = pycountry.countries.get(alpha_2=code)
    return getattr(found, "common_name", None) or found.name if found else code


def suffix(full_name: str | None) -> str | None:
    """The letters after a person's name (CMG of "Christian Turner CMG"), which the given and
    family names leave out, for a layout's Suffix; None when it has none."""
    return post_nominals(full_name or "").strip(" ,") or None


def _prefix(contact: Sequence[Any]) -> str:
    return " ".join(p for p in (contact[_HONORIFIC], contact[_TITLE]) if p)


@dataclass(frozen=True)
class JsonProfile:
    """An array of objects with the snake_case fields, streamed one object at a time."""

    name: str = "json"
    mailing: bool = False
    encoding: str = "utf-8"

    def write(self, contacts: Iterable[Sequence[Any]], out: IO[str]) -> None:
        out.write("[")
        empty = True
        for contact in contacts:
            out.write("\n  " if empty else ",\n  ")
            out.write(json.dumps(plain(as_mapping(contact)), ensure_ascii=False))
            empty = False
        out.write("]\n" if empty else "\n]\n")


_OURS = tuple((f, f) for f in FIELDS)

CSV = CsvProfile("csv", _OURS)
#: Excel opens UTF-8 correctly only with a byte-order mark; CRLF is its own line ending.
EXCEL = CsvProfile("excel", _OURS, encoding="utf-8-sig", newline="\r\n")
MAILCHIMP = CsvProfile(
    "mailchimp",
    (("Email Address", "email"), ("First Name", "given_name"), ("Last Name", "family_name"),
     ("Phone Number", "phone"), ("Company", "organization"), ("Tags", "tags")),
    mailing=True, tag_separator=", ", max_cell_bytes=255, phone_labels=False,
)
GOOGLE = CsvProfile(
    "google",
    (("Name", "full_name"), ("Given Name", "given_name"), ("Family Name", "family_name"),
     ("Name Prefix", "prefix"), ("Organization 1 - Name", "organization"),
     ("Organization 1 - Title", "position"), ("Address 1 - Country", "country_name"),
     ("E-mail 1 - Value", "email"),
     ("E-mail 2 - Value", "other_emails"), ("Phone 1 - Type", "phone_type"),
     ("Phone 1 - Value", "phone"), ("Phone 2 - Type", "other_phone_types"),
     ("Phone 2 - Value", "other_phones"), ("Group Membership", "tags"), ("Notes", "notes")),
    mailing=True, tag_separator=MULTI_SEPARATOR, phone_labels=False,
)
OUTLOOK = CsvProfile(
    "outlook",
    (("Title", "prefix"), ("First Name", "given_name"), ("Last Name", "family_name"),
     ("Suffix", "suffix"), ("Company", "organization"), ("Job Title", "position"), ("Business Phone", "phone"),
     ("Business Phone 2", "other_phone"), ("Mobile Phone", "mobile_phone"),
     ("Home Phone", "home_phone"), ("Other Phone", "third_phone"),
     ("Business Country/Region", "country_name"), ("E-mail Address", "email"),
     ("E-mail 2 Address", "other_emails.0"), ("E-mail 3 Address", "other_emails.1"),
     ("Categories", "tags"), ("Notes", "notes")),
    # CRLF lines, as Outlook writes its own export and as its import expects them
    mailing=True, tag_separator=";", newline="\r\n", phone_labels=False,
)

CSV_PROFILES = (CSV, EXCEL, MAILCHIMP, GOOGLE, OUTLOOK)


def profile(name: str):
    """The writer for a profile name (see stakeholders.vocab.ExportProfile)."""
    if name == "vcard":
        from stakeholders.io.vcard import VCARD

        return VCARD
    if name == "json":
        return JsonProfile()
    if name == "xlsx":
        from stakeholders.io.xlsx_contacts import XLSX

        return XLSX
    return next(p for p in CSV_PROFILES if p.name == name)
