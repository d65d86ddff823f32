"""What a reader hands the importer: the header, the data rows as text, where rows start."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from stakeholders.errors import Invalid

#: The first bytes of an OLE2 compound file: Excel 97-2003 workbooks (.xls), whatever the
#: file is named.
OLE2_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
#: The first bytes of a zip file, as an .xlsx workbook is (some web tools name theirs .csv).
ZIP_SIGNATURE = b"PK\x03\x04"


#: How many lines, from the first filled one, may hold the header: a title, a date and a
#: blank line or two above it are common on sign-in sheets.
HEADER_WITHIN = 10


def filled(row: Sequence[str]) -> int:
    """How many of a row's cells hold something."""
    return sum(1 for cell in row if cell.strip())


def header_at(rows: Sequence[Sequence[str]], is_header: Callable[[Sequence[str]], bool]) -> int:
    """Which of ``rows`` (from a file's first filled row, at most HEADER_WITHIN of them) is
    its header: the first ``is_header`` accepts. When none is, the file has no header an
    import can read, and the one with the most filled cells stands for it, so that the error
    names that row's cells rather than a title's."""
    accepted = next((i for i, row in enumerate(rows) if is_header(row)), None)
    if accepted is not None:
        return accepted
    return max(range(len(rows)), key=lambda i: (filled(rows[i]), -i))


#: A cell no header holds: an email address, or a phone number (nine digits or more, written
#: with the marks numbers are written with; a date has eight).
_EMAIL_LIKE = re.compile(r"[^@\s]+@[^@\s]+\.\w")
_PHONE_LIKE = re.compile(r"\+?[\d\s().\-/]+")


def holds_data(row: Sequence[str]) -> bool:
    """Whether a line holds an email address or a phone number: someone's row, not a header
    (nor a line of one)."""
    for cell in row:
        cell = cell.strip()
        if _EMAIL_LIKE.search(cell) or (_PHONE_LIKE.fullmatch(cell) is not None
                                        and sum(c.isdigit() for c in cell) >= 9):
            return True
    return False


def second_header_line(header: Sequence[str], below: Sequence[str] | None,
                       is_header: Callable[[Sequence[str]], bool] | None) -> list[str] | None:
    """A header written on two lines, as sheets group columns: a merged "Contact" above
    "Email" and "Phone". When the line below the header names a name or email column too,
    the two are one header: the lower line's cells, the upper's where it has none. None when
    the line below is not a header's (one holding an email or a phone is someone's, even
    with a note that reads as a header, "First")."""
    if is_header is None or below is None or holds_data(below) or not is_header(below):
        return None
    width = max(len(header), len(below))
    return [(below[i] if i < len(below) else "").strip() or
            (header[i] if i < len(header) else "").strip() for i in range(width)]


def unnamed_columns(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[int]:
    """The columns (numbered from 1) that hold something in a row but have no header: a
    phone number typed beside the last named column, a column under a header cell left
    empty. No field can be read from them, so the import names them as passed over."""
    width = len(header)
    untitled = {i for i, h in enumerate(header) if not h.strip()}
    if not untitled and max(map(len, rows), default=0) <= width:  # the usual list
        return []
    found: set[int] = set()
    for row in rows:
        if len(row) > width:
            found.update(i for i in range(width, len(row)) if row[i].strip())
        for i in untitled:
            if i < len(row) and row[i].strip():
                found.add(i)
        untitled -= found
    return [i + 1 for i in sorted(found)]


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    encoding: str | None  # None for .xlsx (no text encoding involved)
    first_row: int  # the file's row number of rows[0], for error reports
    #: The sheet read, in a workbook of several; the others that hold something, not read
    sheet: str | None = None
    other_sheets: list[str] = field(default_factory=list)
    #: Cells of a workbook holding a formula with no value saved (written by a program that
    #: does not compute formulas), read as empty: their references ("B2")
    formulas_unsaved: list[str] = field(default_factory=list)
    #: Rows that name no person, by their row number: what each is (an address book's card
    #: for a company), skipped with that said
    not_people: dict[int, str] = field(default_factory=dict)


def zipped(path: Path) -> bool:
    """Whether the file at ``path`` is a zip file, such as an .xlsx workbook. (A pipe, such
    as /dev/stdin, is not looked into: what was read would be gone.)"""
    if not Path(path).is_file():
        return False
    with open(path, "rb") as file:
        return file.read(len(ZIP_SIGNATURE)) == ZIP_SIGNATURE


def refuse_old_workbook(head: bytes, path: Path) -> None:
    """Refuse an old binary Excel workbook (its first bytes ``head``), which neither reader
    reads, with what to do instead. (Excel also wraps a workbook saved with a password so.)"""
    if head.startswith(OLE2_SIGNATURE):
        raise Invalid(f"{Path(path).name} is an old Excel .xls workbook (or one with a "
                      "password), which is not read; save it as .xlsx without a password, "
                      "or as CSV")
