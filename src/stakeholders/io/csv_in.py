"""Reading CSV contact lists: UTF-8 with or without BOM, else cp1252 / Latin-1 (old Excel),
comma, semicolon or tab separated."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from stakeholders.errors import Invalid
from stakeholders.io.table import Table


def decode(data: bytes, encoding: str | None) -> tuple[str, str]:
    """The text and the encoding used: the one asked for, else UTF-8, else cp1252, else
    Latin-1 (which decodes anything)."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise Invalid(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as e:
            raise Invalid(f"the file is not {encoding} (byte {e.start + 1})") from None
    for candidate in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(candidate), candidate.replace("-sig", "")
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    first = sample.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    delimiter = max(counts, key=counts.get)

    class Sheet(csv.excel):
        pass

    Sheet.delimiter = delimiter if counts[delimiter] else ","
    return Sheet


def read(path: Path, encoding: str | None = None) -> Table:
    text, used = decode(Path(path).read_bytes(), encoding)
    if not text.strip():
        raise Invalid(f"{Path(path).name} is empty")
    return read_text(text, used)


def read_text(text: str, encoding: str | None = "utf-8") -> Table:
    """The header row and the data rows of CSV text (a leading BOM is dropped)."""
    text = text.removeprefix("\ufeff")
    rows = csv.reader(io.StringIO(text, newline=""), dialect=_dialect(text[:4096]))
    header = next(rows, [])
    return Table(header=[h.strip() for h in header], rows=list(rows), encoding=encoding,
                 first_row=2)
