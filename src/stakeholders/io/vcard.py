"""vCard 3.0 (RFC 2426) output: one card per person, in one .vcf stream.

N is ``family;given;additional;prefix;suffix`` with the honorific and title as prefix and the
letters after the name (CMG) as suffix; FN is the display name; the organization's country is
a work ADR holding only the country's name, its sector an X-STAKEHOLDERS-SECTOR; a phone is
typed CELL or HOME as its label says (else WORK), its extension after the number, its label
beside it as an X-ABLabel of its group. Text is escaped (backslash, comma, semicolon,
newline) and lines are folded at 75 octets without splitting a UTF-8 character, as address
books expect.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any

from stakeholders.io.profiles import (
    MOBILE_LABELS,
    as_mapping,
    country_name,
    phone_parts,
    suffix,
)
from stakeholders.names import display_name

FOLD_OCTETS = 75


def escape(value: str | None) -> str:
    if not value:
        return ""
    return (value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Split a content line into 75-octet pieces; continuation lines start with a space."""
    pieces: list[str] = []
    current, size, limit = [], 0, FOLD_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, FOLD_OCTETS - 1  # the leading space takes one
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces) + "\r\n"


#: The property holding the sector of the organization ORG names (no vCard property says
#: it), read back by an import.
SECTOR_PROPERTY = "X-STAKEHOLDERS-SECTOR"

#: The TEL type a phone's label says, as address books mark a mobile or a home number
#: (any other number is a work one).
TEL_TYPES = {**dict.fromkeys(MOBILE_LABELS, "CELL"), "home": "HOME", "residence": "HOME"}


def _tel(written: str, group: str) -> list[str]:
    """The TEL line of a phone as a record writes it (with its label): typed CELL or HOME as
    its label says, else WORK; its extension after the number; its label, as it is, beside
    it, as Apple's and Google's address books write one (``item1.X-ABLabel``)."""
    number, label = phone_parts(written)
    if not label:
        return [f"TEL;TYPE=WORK:{escape(number)}"]
    kind = TEL_TYPES.get(label.casefold(), "WORK")
    return [f"{group}.TEL;TYPE={kind}:{escape(number)}", f"{group}.X-ABLabel:{escape(label)}"]


def card(contact: Mapping[str, Any]) -> str:
    prefix = " ".join(p for p in (contact.get("honorific"), contact.get("title")) if p)
    full = display_name(contact.get("honorific"), contact.get("title"), contact["full_name"])
    family = contact.get("family_name")
    given = contact.get("given_name")
    if not family and not given:
        family = contact["full_name"]
    lines = ["BEGIN:VCARD", "VERSION:3.0",
             f"N:{escape(family)};{escape(given)};;{escape(prefix)};"
             f"{escape(suffix(contact['full_name']))}",
             f"FN:{escape(full)}"]
    if contact.get("organization"):
        lines.append(f"ORG:{escape(contact['organization'])}")
    if contact.get("position"):
        lines.append(f"TITLE:{escape(contact['position'])}")
    if contact.get("email"):  # the primary one first, then the others
        lines += [f"EMAIL;TYPE=INTERNET:{escape(e)}"
                  for e in (contact["email"], *contact.get("other_emails", ()))]
    if contact.get("phone"):
        for n, written in enumerate((contact["phone"], *contact.get("other_phones", ())), 1):
            lines += _tel(written, f"item{n}")
    if contact.get("country"):  # the organization's: a work address of its country alone
        lines.append(f"ADR;TYPE=WORK:;;;;;;{escape(country_name(contact['country']))}")
    if contact.get("sector"):  # the organization's, as ORG holds its name
        lines.append(f"{SECTOR_PROPERTY}:{escape(contact['sector'])}")
    if contact.get("tags"):
        lines.append("CATEGORIES:" + ",".join(escape(t) for t in contact["tags"]))
    if contact.get("notes"):
        lines.append(f"NOTE:{escape(contact['notes'])}")
    lines.append("END:VCARD")
    return "".join(fold(line) for line in lines)


@dataclass(frozen=True)
class VCardProfile:
    name: str = "vcard"
    mailing: bool = False
    encoding: str = "utf-8"

    def write(self, contacts: Iterable[Sequence[Any]], out: IO[str]) -> None:
        """Contact records as :func:`stakeholders.io.profiles.record` makes them."""
        for contact in contacts:
            out.write(card(as_mapping(contact)))


VCARD = VCardProfile()
