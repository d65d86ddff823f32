"""The spreadsheet-bound export profiles: headers, a row function and the formula neutralizer.

Each CSV profile is a list of (header, field) columns over the contact records that
:func:`stakeholders.services.exports.contacts` yields. The same columns teach the importer the
headers (see :mod:`stakeholders.io.headers`), so every export reads back in.

Header sources: Mailchimp's audience import (``Email Address``, ``First Name``, ``Last Name``,
``Tags``); Outlook's own CSV export (``First Name``, ``Company``, ``Job Title``,
``E-mail Address``, ``Business Phone``, ``Categories``); the Google Contacts CSV
(``Given Name``, ``Family Name``, ``Name Prefix``, ``Group Membership``, ``E-mail 1 - Value``,
``Organization 1 - Name``…).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import IO, Any

from stakeholders.render import plain, safe_cell

#: The fields of an exported contact record, in the order of the csv profile.
FIELDS = ("honorific", "title", "given_name", "family_name", "full_name", "organization",
          "position", "sector", "email", "phone", "country", "tags", "notes")


@dataclass(frozen=True)
class CsvProfile:
    """A CSV layout: which header carries which field, how tags are joined, which bytes."""

    name: str
    columns: tuple[tuple[str, str], ...]
    mailing: bool = False  # a mailing-tool upload: people without an email are left out
    tag_separator: str = "; "
    encoding: str = "utf-8"
    newline: str = "\n"

    @property
    def headers(self) -> list[str]:
        return [header for header, _ in self.columns]

    def cells(self, contact: Mapping[str, Any]) -> list[str]:
        """One row, every cell neutralized against formula injection."""
        return [safe_cell(self._text(contact, field)) for _, field in self.columns]

    def _text(self, contact: Mapping[str, Any], field: str) -> str:
        if field == "tags":
            return self.tag_separator.join(contact.get("tags") or ())
        if field == "prefix":
            return " ".join(p for p in (contact.get("honorific"), contact.get("title")) if p)
        value = contact.get(field)
        if value is None:
            return ""
        text = str(value)
        # A lone CR would end the row for most readers: line breaks are written as LF (quoted).
        return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text

    def write(self, contacts: Iterable[Mapping[str, Any]], out: IO[str]) -> None:
        writer = csv.writer(out, lineterminator=self.newline)
        writer.writerow(self.headers)
        for contact in contacts:
            writer.writerow(self.cells(contact))


@dataclass(frozen=True)
class JsonProfile:
    """An array of objects with the snake_case fields, streamed one object at a time."""

    name: str = "json"
    mailing: bool = False
    encoding: str = "utf-8"

    def write(self, contacts: Iterable[Mapping[str, Any]], out: IO[str]) -> None:
        out.write("[")
        empty = True
        for contact in contacts:
            out.write("\n  " if empty else ",\n  ")
            out.write(json.dumps(plain({f: contact.get(f) for f in FIELDS}), ensure_ascii=False))
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
    mailing=True, tag_separator=", ",
)
GOOGLE = CsvProfile(
    "google",
    (("Name", "full_name"), ("Given Name", "given_name"), ("Family Name", "family_name"),
     ("Name Prefix", "prefix"), ("Organization 1 - Name", "organization"),
     ("Organization 1 - Title", "position"), ("E-mail 1 - Value", "email"),
     ("Phone 1 - Value", "phone"), ("Group Membership", "tags"), ("Notes", "notes")),
    mailing=True, tag_separator=" ::: ",
)
OUTLOOK = CsvProfile(
    "outlook",
    (("Title", "prefix"), ("First Name", "given_name"), ("Last Name", "family_name"),
     ("Company", "organization"), ("Job Title", "position"), ("Business Phone", "phone"),
     ("Business Country/Region", "country"), ("E-mail Address", "email"),
     ("Categories", "tags"), ("Notes", "notes")),
    mailing=True, tag_separator=";",
)

CSV_PROFILES = (CSV, EXCEL, MAILCHIMP, GOOGLE, OUTLOOK)


def profile(name: str):
    """The writer for a profile name (see stakeholders.vocab.ExportProfile)."""
    if name == "vcard":
        from stakeholders.io.vcard import VCARD

        return VCARD
    if name == "json":
        return JsonProfile()
    return next(p for p in CSV_PROFILES if p.name == name)
