"""Output in one place: every list, show, search and report goes through these functions.

Formats: ``table`` (tabulate, for people), ``csv`` (header row, spreadsheet-safe cells) and
``json`` (an array of objects, or one object for a single record; stable snake_case keys).
Data goes to the given stream (stdout by default); messages never come here.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import IO, Any


class Format(str, Enum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"

    def __str__(self) -> str:
        return self.value


#: Cells a spreadsheet would run as a formula start with one of these (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def safe_cell(value: str) -> str:
    """Neutralize a would-be formula by prefixing a single quote. Plain numbers such as E.164
    phone numbers (+92512601461) cannot run anything and are left usable. Text that already
    looks neutralized gets a quote too, so that :func:`restore_cell` gives it back as it was."""
    if _PLAIN_NUMBER.match(value):
        return value
    if value.startswith(FORMULA_STARTS) or _looks_neutralized(value):
        return "'" + value
    return value


def _looks_neutralized(value: str) -> bool:
    return value.startswith("'") and value[1:].startswith(FORMULA_STARTS + ("'",))


def restore_cell(value: str) -> str:
    """Undo :func:`safe_cell` on a cell read back from a file we (or a spreadsheet) wrote."""
    return value[1:] if _looks_neutralized(value) else value


def plain(value: Any) -> Any:
    """A JSON-ready value: dates as ISO 8601, enums as their value."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    return value


def text_cell(value: Any) -> str:
    """How a value reads in a table or CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return "; ".join(text_cell(v) for v in value)
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {text_cell(v)}" for k, v in value.items())
    return str(plain(value))


def _columns(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None) -> list[str]:
    if columns is not None:
        return list(columns)
    return list(rows[0].keys()) if rows else []


def table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str] | None = None,
    *,
    max_width: int | None = None,
) -> str:
    from tabulate import tabulate

    cols = _columns(rows, columns)
    if not rows:
        return "(none)"
    body = [[text_cell(r.get(c)) for c in cols] for r in rows]
    widths = [max_width] * len(cols) if max_width else None
    return tabulate(body, headers=cols, tablefmt="simple", maxcolwidths=widths,
                    disable_numparse=True)


def write_rows(
    rows: Iterable[Mapping[str, Any]],
    fmt: Format | str,
    columns: Sequence[str] | None = None,
    *,
    out: IO[str] | None = None,
    max_width: int | None = 60,
) -> None:
    """Write a list of records. Table and JSON need the whole list; CSV streams."""
    out = out or sys.stdout
    fmt = Format(fmt)
    if fmt is Format.CSV:
        write_csv(rows, columns, out=out)
        return
    rows = list(rows)
    if fmt is Format.JSON:
        json.dump([plain(dict(r)) for r in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(table(rows, columns, max_width=max_width) + "\n")


def write_csv(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[str] | None = None,
    *,
    out: IO[str],
) -> None:
    writer = csv.writer(out, lineterminator="\n")
    header_written = False
    for r in rows:
        if not header_written:
            columns = list(columns) if columns is not None else list(r.keys())
            writer.writerow(columns)
            header_written = True
        writer.writerow([safe_cell(text_cell(r.get(c))) for c in columns])
    if not header_written and columns is not None:
        writer.writerow(columns)


def write_record(
    record: Mapping[str, Any],
    fmt: Format | str,
    *,
    out: IO[str] | None = None,
) -> None:
    """Write one record: a field/value table, a one-row CSV, or a JSON object.

    Nested lists of records (a person's affiliations…) show as sub-tables in table format.
    """
    out = out or sys.stdout
    fmt = Format(fmt)
    if fmt is Format.JSON:
        json.dump(plain(dict(record)), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    scalars = {k: v for k, v in record.items() if not _is_record_list(v)}
    nested = {k: v for k, v in record.items() if _is_record_list(v)}
    if fmt is Format.CSV:
        write_csv([scalars], list(scalars), out=out)
        return
    from tabulate import tabulate

    out.write(
        tabulate([[k, text_cell(v)] for k, v in scalars.items()], tablefmt="plain",
                 maxcolwidths=[None, 80], disable_numparse=True)
        + "\n"
    )
    for key, items in nested.items():
        out.write(f"\n{key}:\n")
        out.write(table(items, max_width=50) + "\n")


def _is_record_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], Mapping)
