"""Reading CSV contact lists: UTF-8 with or without BOM, UTF-16 with a BOM (Excel's "Unicode
Text"), else cp1252 / Latin-1 (old Excel); comma, semicolon or tab separated."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from stakeholders.errors import Invalid
from stakeholders.io import json_in, vcard_in
from stakeholders.io.decoding import decode
from stakeholders.io.table import (
    HEADER_WITHIN,
    Table,
    header_at,
    refuse_old_workbook,
    second_header_line,
)


#: Excel's own first line naming the separator, which it writes and reads: ``sep=;``.
_SEP = re.compile(r"sep=([,;\t|])[ \t]*(?:\r\n|\r|\n|$)", re.IGNORECASE)


def _dialect(sample: str, named: str | None = None,
             is_header: Callable[[Sequence[str]], bool] | None = None
             ) -> type[csv.Dialect] | csv.Dialect:
    """The separator Excel named; else the one most used on the header's line: the first
    of the first lines that ``is_header`` accepts so split (a title line above it may hold
    a comma in a semicolon-separated file), else the first filled line."""
    filled = [line for line in _LINE_END.split(sample) if line.strip()][:HEADER_WITHIN]
    delimiter = named or (_most_used(filled[0]) if filled else ",")
    if not named and is_header is not None:
        for line in filled:
            if is_header(next(csv.reader([line], delimiter=_most_used(line)), [])):
                delimiter = _most_used(line)
                break

    class Sheet(csv.excel):
        pass

    Sheet.delimiter = delimiter
    return Sheet


#: Where a line ends: "\r\n", "\n", or "\r" alone, as Excel for Mac's "CSV (Macintosh)" writes.
_LINE_END = re.compile(r"\r\n|\r|\n")


def _most_used(line: str) -> str:
    """The separator ``line`` holds most of (a comma when it holds none)."""
    counts = {d: line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read(path: Path, encoding: str | None = None,
         is_header: Callable[[Sequence[str]], bool] | None = None) -> Table:
    data = Path(path).read_bytes()
    refuse_old_workbook(data, path)
    text, used = decode(data, encoding)
    if not text.strip():
        raise Invalid(f"{Path(path).name} is empty")
    if json_in.looks_like_json(text, path):  # an export in the json profile
        return json_in.read_text(text, path)
    if vcard_in.looks_like_vcard(text, path):  # an address book's cards
        return vcard_in.read_text(text, path)
    return read_text(text, used, is_header)


def read_text(text: str, encoding: str | None = "utf-8",
              is_header: Callable[[Sequence[str]], bool] | None = None) -> Table:
    """The header row and the data rows of CSV text (a leading BOM is dropped; a first line
    ``sep=;`` as Excel writes it names the separator; the header is the first line with a
    filled cell, blank lines above it are passed over, and row numbers stay those of the
    file). When that line is not one ``is_header`` accepts, the header is found among the
    next few as :func:`~stakeholders.io.table.header_at` says (a title and a date above it
    are passed over too).

    Refused with the line number: a NUL byte (a binary file, or UTF-16 read as text), a quote
    left open (everything after it would become one cell), a cell over the csv module's limit,
    and a row with more cells than the header (its columns would be shifted)."""
    text = text.removeprefix("\ufeff")
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        raise Invalid(f"line {line} holds a NUL byte: this is not a text CSV file (UTF-16? "
                      "save it as CSV UTF-8)")
    named = _SEP.match(text)
    rows = csv.reader(lines(text), dialect=_dialect(text[:4096], named and named.group(1),
                                                    is_header),
                      strict=True)
    try:
        header, first_row = next(rows, None), 2
        if named:  # Excel's "sep=;" line: the header follows it
            header, first_row = next(rows, None), 3
        while header is not None and not any(cell.strip() for cell in header):
            header, first_row = next(rows, None), first_row + 1  # a blank line above it
        header = header or []
        ahead: list[list[str]] = []
        if header and is_header is not None and not is_header(header):  # a title above it?
            lines_ = [header, *_ahead_to_header(rows, is_header)]
            at = header_at(lines_, is_header)
            header, first_row, ahead = lines_[at], first_row + at, lines_[at + 1:]
        if not ahead and is_header is not None:
            ahead = [row for row in [next(rows, None)] if row is not None]
        two_lines = second_header_line(header, ahead[0] if ahead else None, is_header)
        if two_lines is not None:  # "Contact" above "Email" and "Phone"
            header, first_row, ahead = two_lines, first_row + 1, ahead[1:]
        width = len(header)
        data = [_fits(row, width, first_row + i) for i, row in enumerate(ahead)]
        # most rows are no wider than the header: only a wider one is looked at
        data += [row if len(row) <= width else _fits(row, width, rows.line_num)
                 for row in rows]
    except csv.Error as e:
        raise Invalid(f"line {rows.line_num}: {e} (a quote left open?)"
                      if "end of data" in str(e) else f"line {rows.line_num}: {e}") from None
    return Table(header=[h.strip() for h in header], rows=data, encoding=encoding,
                 first_row=first_row)


def _ahead_to_header(rows: Iterator[list[str]], is_header) -> list[list[str]]:
    """The rows after the first filled one, up to and with the first that is a header: at
    most the rest of the HEADER_WITHIN a header may be found in."""
    ahead: list[list[str]] = []
    for row in rows:
        ahead.append(row)
        if len(ahead) == HEADER_WITHIN - 1 or is_header(row):
            break
    return ahead


#: A line as ``io.StringIO(text, newline="")`` reads it: up to and with "\n", "\r\n" or "\r".
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one by one, line ends kept, without the copy (four bytes a
    character) that a StringIO of the whole file makes."""
    return map(re.Match.group, _LINE.finditer(text))


def _fits(row: list[str], width: int, line: int) -> list[str]:
    if len(row) > width and any(cell.strip() for cell in row[width:]):
        raise Invalid(f"line {line} has {len(row)} cells but the header has {width}; "
                      "a separator or quote is out of place")
    return row
