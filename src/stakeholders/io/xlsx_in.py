"""Reading .xlsx sign-in sheets (openpyxl, read-only): the first sheet, or the one ``--sheet``
names, the others that hold something named as not read; its header is found among its first
filled rows as a CSV file's is (see :func:`stakeholders.io.table.header_at`). A cell merged
down over several rows (one organization typed once for the three people from it) holds its
value on each of them."""

from __future__ import annotations

import datetime as dt
import re
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
    second_header_line,
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
    """A file that is no workbook, said in words: not a zip file is not one at all (a CSV
    file named .xlsx), else a damaged one; never the library's name for its exception."""
    import zipfile

    why = ("it is not a workbook (a CSV file, say, named .xlsx)"
           if isinstance(e, zipfile.BadZipFile) else "it is damaged or not a workbook")
    return Invalid(f"{path} is not a readable .xlsx workbook: {why}")


#: A merged range as the sheet's XML records it (``<mergeCell ref="E7:E9"/>``, the element
#: perhaps with a namespace prefix).
_MERGE_CELL = re.compile(rb'<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref="\$?([A-Za-z]{1,3})\$?(\d+)'
                         rb':\$?([A-Za-z]{1,3})\$?(\d+)"')
#: How a sheet's XML starts the list of its merged ranges, which follows its cells.
_MERGE_CELLS = b"mergeCells"


def _sheet_xml(book, sheet):
    """The sheet's XML as a stream from the workbook's zip file, to read again what read-only
    worksheets do not give; None with another openpyxl, which keeps them elsewhere."""
    archive, name = getattr(book, "_archive", None), getattr(sheet, "_worksheet_path", None)
    return None if archive is None or name is None else archive.open(name)


def _merged_ranges(book, sheet) -> list[tuple[int, int, int, int]]:
    """The sheet's merged ranges as (first column, first row, last column, last row), from 1.
    Read-only worksheets do not give them: they follow the cells in the sheet's XML, which is
    read again as it is unzipped, a chunk at a time, keeping only what follows the cells."""
    from openpyxl.utils.cell import column_index_from_string

    xml = _sheet_xml(book, sheet)
    if xml is None:  # another openpyxl: the cells as they are
        return []
    tail = b""
    with xml:
        while chunk := xml.read(1 << 20):
            tail += chunk
            at = tail.find(_MERGE_CELLS)
            if at >= 0:
                tail = tail[at:] + xml.read()
                break
            tail = tail[-len(_MERGE_CELLS):]
        else:
            return []
    return [(column_index_from_string(c1.decode().upper()), int(r1),
             column_index_from_string(c2.decode().upper()), int(r2))
            for c1, r1, c2, r2 in _MERGE_CELL.findall(tail)]


#: A cell holding a formula and no saved value (``<c r="B2"><f>…</f><v/></c>``, as a script
#: writes it with openpyxl): its reference.
_FORMULA_UNSAVED = re.compile(rb'<(?:[\w.-]+:)?c\b[^>]*?\br="([A-Z]{1,3}\d+)"[^>]*>\s*'
                              rb'<(?:[\w.-]+:)?f\b(?:[^>]*/>|[^>]*>[^<]*</(?:[\w.-]+:)?f>)\s*'
                              rb'(?:<(?:[\w.-]+:)?v\s*/>|<(?:[\w.-]+:)?v>\s*</(?:[\w.-]+:)?v>)?'
                              rb'\s*</(?:[\w.-]+:)?c>')
#: How a formula opens in a sheet's XML: a sheet without one is not searched further.
_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f[\s>/]")


def _formulas_unsaved(book, sheet) -> list[str]:
    """The cells of the sheet that hold a formula whose value was never saved: a workbook
    written by a script (openpyxl, xlsxwriter) and never opened in a spreadsheet, whose cell
    reads as empty. Searched in the sheet's XML, a chunk at a time."""
    xml = _sheet_xml(book, sheet)
    if xml is None:
        return []
    found: list[str] = []
    tail = b""
    with xml:
        while chunk := xml.read(1 << 20):
            text = tail + chunk
            if not _FORMULA.search(text):
                tail = text[-64:]
                continue
            end = text.rfind(b"</row>")  # whole rows only; the rest with the next chunk
            whole, tail = (text[:end], text[end:]) if end >= 0 else (b"", text)
            found += [ref.decode() for ref in _FORMULA_UNSAVED.findall(whole)]
        found += [ref.decode() for ref in _FORMULA_UNSAVED.findall(tail)]
    return found


def _fill_down(rows: list[list[str]], ranges: list[tuple[int, int, int, int]]) -> None:
    """Give every row of a range merged down over several rows the range's value, in its
    first column: an assistant types an organization once for the people from it, and the
    value belongs to each of them. A range merged across columns only (a title over the
    sheet, a totals line) stays in its first cell: the columns it covers hold nothing. A row
    the range covers that holds nothing else (a line left for someone who did not come)
    stays blank."""
    if not ranges:
        return
    typed = [any(cell.strip() for cell in row) for row in rows]
    for first_col, first_row, last_col, last_row in ranges:
        if last_row <= first_row or first_row > len(rows):
            continue
        top = rows[first_row - 1]
        value = top[first_col - 1] if first_col <= len(top) else ""
        if not value:
            continue
        for n in range(first_row, min(last_row, len(rows))):
            row = rows[n]
            if not typed[n]:
                continue
            if len(row) < first_col:
                row.extend([""] * (first_col - len(row)))
            row[first_col - 1] = value


def read(path: Path, is_header: Callable[[Sequence[str]], bool] | None = None,
         sheet_name: str | None = None) -> Table:
    """The first sheet of the workbook, or the one ``sheet_name`` names (its name in any
    capitals, or its number from 1); the table names the other sheets that hold something,
    which are not read."""
    from openpyxl import load_workbook

    with open(path, "rb") as file:  # given a name, openpyxl refuses one not ending in .xlsx
        try:
            book = load_workbook(file, read_only=True, data_only=True)
        except Exception as e:  # openpyxl raises many kinds for a file that is not a workbook
            file.seek(0)
            refuse_old_workbook(file.read(len(OLE2_SIGNATURE)), path)
            raise _unreadable(path, e) from None
        try:
            sheets = [ws.title for ws in book.worksheets]
            sheet = book.worksheets[_chosen(sheets, sheet_name, path)]
            # Read-only sheets trust the used range the file records, which some programs get
            # wrong (cells beyond it would be dropped): read what is there instead.
            sheet.reset_dimensions()
            rows = [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            _fill_down(rows, _merged_ranges(book, sheet))
            unsaved = _formulas_unsaved(book, sheet)
            others = [ws.title for ws in book.worksheets
                      if ws is not sheet and _shown(ws) and _holds(ws)]
        except Invalid:
            raise
        except Exception as e:  # read lazily: a sheet missing, or its XML broken halfway
            raise _unreadable(path, e) from None
        finally:
            book.close()
    # One sheet is read: a workbook of several whose first is blank or a cover (instructions,
    # a title page) is told so, naming its sheets, rather than read as empty or as a header
    # nobody wrote.
    listed = _listed(sheets)
    elsewhere = (f" (its sheets: {listed}); move the list to the first sheet, or name its "
                 "sheet with --sheet" if len(sheets) > 1 and sheet_name is None else "")
    which = (f"the first sheet of {path}, {sheet.title!r}" if sheet_name is None
             else f"the sheet {sheet.title!r} of {path}")
    start = next((i for i, row in enumerate(rows) if filled(row)), None)
    if start is None:
        if elsewhere or sheet_name is not None:
            raise Invalid(f"{which}, the one read, has no rows{elsewhere}")
        raise Invalid(f"{path} has no rows")
    if is_header is not None:  # a title above it, even of several cells ("Venue:", "F-9 Park")
        start += header_at(rows[start:start + HEADER_WITHIN], is_header)
        if elsewhere and not is_header(rows[start]):
            raise Invalid(f"no name or email column recognised on {which}, the one read"
                          f"{elsewhere}; or use --map HEADER=FIELD")
    header = [h.strip() for h in rows[start]]
    two_lines = second_header_line(header, rows[start + 1] if start + 1 < len(rows) else None,
                                   is_header)
    if two_lines is not None:
        header, start = two_lines, start + 1
    return Table(header=header, rows=rows[start + 1:], encoding=None, first_row=start + 2,
                 sheet=sheet.title if len(sheets) > 1 else None, other_sheets=others,
                 formulas_unsaved=unsaved)


def _listed(sheets: Sequence[str]) -> str:
    return ", ".join(sheets[:5]) + (", …" if len(sheets) > 5 else "")


def _chosen(sheets: Sequence[str], name: str | None, path: Path) -> int:
    """The index of the sheet ``name`` names: by its name (in any capitals, spaces around it
    ignored), else by its number from 1; the first sheet when no name is given."""
    if name is None:
        return 0
    wanted = name.strip().casefold()
    for i, title in enumerate(sheets):
        if title.strip().casefold() == wanted:
            return i
    if wanted.isdigit() and 1 <= int(wanted) <= len(sheets):
        return int(wanted) - 1
    raise Invalid(f"--sheet {name!r}: {path} has no such sheet (its sheets: {_listed(sheets)})")


def _shown(sheet) -> bool:
    """Whether a sheet is shown: a hidden one holds a template's lists (the organizations a
    cell offers to choose from), not people."""
    return getattr(sheet, "sheet_state", "visible") == "visible"


def _holds(sheet) -> bool:
    """Whether a sheet not read holds anything: it is named as not read, so that a second
    day's list on a sheet of its own is not left out without a word."""
    sheet.reset_dimensions()
    return any(filled([_text(v) for v in row]) for row in sheet.iter_rows(values_only=True))
