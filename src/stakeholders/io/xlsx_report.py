"""A report as an Excel workbook (openpyxl): a summary sheet, then one sheet per section
(attendance by sector, speakers with one statement per row, each table). Text that a
spreadsheet would run as a formula is stored as plain text; dates are dates (sorted and
filtered as such) and columns are as wide as their text, long text wrapping."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence

from stakeholders.io.report_document import Document, label
from stakeholders.render import text_cell
from stakeholders.text import NOT_XML

_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH = 60  # characters; longer text (statements) wraps


def render(doc: Document) -> bytes:
    """The workbook as bytes (.xlsx)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    summary = wb.active
    summary.title = "Summary"
    _append(summary, [doc.title])
    summary["A1"].font = Font(bold=True, size=14)
    if doc.subtitle:
        _append(summary, [doc.subtitle])
    for key, value in doc.facts:
        _append(summary, [key, value])
    _fit_columns(summary, skip_rows=1)  # the title may run across
    if doc.by_sector:
        _sheet(wb, "People by sector", ["Sector", "People who attended"],
               [list(kv) for kv in doc.by_sector])
    if doc.speakers:
        _sheet(wb, "Speakers", ["Speaker", "Role", "Organization", "Event", "Statement"],
               _speaker_rows(doc.speakers))
    for t in doc.tables:
        _sheet(wb, t.title, [label(c) for c in t.columns],
               [[r.get(c) for c in t.columns] for r in t.rows])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _speaker_rows(speakers) -> list[list]:
    rows = []
    for s in speakers:
        who = s.get("speaker") or s.get("person")
        said = s.get("statements") or [None]
        rows += [[who, s.get("role"), s.get("organization"), s.get("event"), t] for t in said]
    return rows


def _sheet(wb, title: str, headers: Sequence[str], rows: Sequence[Sequence]) -> None:
    from openpyxl.styles import Font

    ws = wb.create_sheet(sheet_name(title, wb.sheetnames))
    _append(ws, headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        _append(ws, row)
    ws.freeze_panes = "A2"
    _fit_columns(ws)


def _fit_columns(ws, skip_rows: int = 0) -> None:
    """Each column as wide as its longest line (up to MAX_WIDTH); cells past that wrap."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in ws.iter_rows(min_row=skip_rows + 1):
        for cell in row:
            if cell.value is None:
                continue
            if isinstance(cell.value, dt.date):
                n = len(DATE_FORMAT)
            else:
                n = max(len(line) for line in str(cell.value).split("\n"))
            if n > MAX_WIDTH or "\n" in str(cell.value):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            widths[cell.column] = max(widths.get(cell.column, 0), min(n, MAX_WIDTH))
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = width + 2


def sheet_name(title: str, taken: Sequence[str]) -> str:
    """A valid, unused sheet name: at most 31 characters, none of []:*?/\\."""
    base = _SHEET_NAME_FORBIDDEN.sub(" ", title)[:31] or "Sheet"
    name, n = base, 2
    while name in taken:
        name = f"{base[:28]} {n}"
        n += 1
    return name


def _append(ws, values: Sequence) -> None:
    """A row of cells; numbers stay numbers, dates dates, everything else is text (never a
    formula)."""
    ws.append([_value(v) for v in values])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
        elif isinstance(cell.value, dt.date):
            cell.number_format = DATE_FORMAT


def _value(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if type(value) is dt.date:  # a moment (with its zone) stays text
        return value
    return NOT_XML.sub("", text_cell(value))
