"""Reading .xlsx sign-in sheets (openpyxl, read-only): the first sheet; its header is found
among its first filled rows as a CSV file's is (see :func:`stakeholders.io.table.header_at`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from stakeholders.errors import Invalid
from stakeholders.io.table import (
    HEADER_WITHIN,
    OLE2_SIGNATURE,
    Table,
    filled,
    header_at,
    refuse_old_workbook,
)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # phone numbers typed as numbers
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()  # a date cell: Excel stores it as midnight
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return str(value)


def _unreadable(path: Path, e: Exception) -> Invalid:
    return Invalid(f"{path} is not a readable .xlsx workbook ({type(e).__name__})")


def read(path: Path, is_header: Callable[[Sequence[str]], bool] | None = None) -> Table:
    from openpyxl import load_workbook

    with open(path, "rb") as file:  # given a name, openpyxl refuses one not ending in .xlsx
        try:
            book = load_workbook(file, read_only=True, data_only=True)
        except Exception as e:  # openpyxl raises many kinds for a file that is not a workbook
            file.seek(0)
            refuse_old_workbook(file.read(len(OLE2_SIGNATURE)), path)
            raise _unreadable(path, e) from None
        try:
            sheet = book.worksheets[0]
            # Read-only sheets trust the used range the file records, which some programs get
            # wrong (cells beyond it would be dropped): read what is there instead.
            sheet.reset_dimensions()
            rows = [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        except Exception as e:  # read lazily: a sheet missing, or its XML broken halfway
            raise _unreadable(path, e) from None
        finally:
            book.close()
    start = next((i for i, row in enumerate(rows) if filled(row)), None)
    if start is None:
        raise Invalid(f"{path} has no rows")
    if is_header is not None:  # a title above it, even of several cells ("Venue:", "F-9 Park")
        start += header_at(rows[start:start + HEADER_WITHIN], is_header)
    return Table(header=[h.strip() for h in rows[start]], rows=rows[start + 1:], encoding=None,
                 first_row=start + 2)
