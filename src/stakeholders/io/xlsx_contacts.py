"""Contacts as an Excel workbook (``export contacts --profile xlsx``): one sheet with the csv
layout's columns, every cell text. In a CSV file Excel reads ``+923001234567`` as a number
(923001234567, shown as 9.23E+11) and ``2017-07-19`` as a date; in the workbook each stays as
written, and no cell runs as a formula. Rows are written as they come (openpyxl's write-only
mode), so a large export keeps memory flat."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from stakeholders.io.profiles import CSV, FIELDS
from stakeholders.text import NOT_XML

#: Column widths, in characters, of the fields that are usually long; the others get
#: :data:`NARROW`.
_WIDE = {"full_name": 32, "organization": 40, "position": 40, "email": 32, "phone": 28,
         "other_emails": 32, "other_phones": 28, "notes": 40, "tags": 24}
NARROW = 14


@dataclass(frozen=True)
class XlsxProfile:
    """The csv layout in a workbook: a binary file (``encoding`` None), so it needs -o."""

    name: str = "xlsx"
    mailing: bool = False
    encoding: str | None = None
    max_cell_bytes: int | None = None

    def write(self, contacts: Iterable[Sequence[Any]], out: IO[bytes]) -> None:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Contacts")
        for i, field in enumerate(FIELDS, 1):
            ws.column_dimensions[get_column_letter(i)].width = _WIDE.get(field, NARROW)
        ws.freeze_panes = "A2"
        bold = Font(bold=True)
        header = []
        for field in FIELDS:
            cell = WriteOnlyCell(ws, value=field)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        row = CSV.raw_cells  # the csv layout's: tags and further values joined, opted_out yes
        for contact in contacts:
            ws.append([_cell(ws, value) for value in row(contact)])
        wb.save(out)


def _cell(ws, value: Any):
    """A value as text (None: no cell). A text that openpyxl would store as a formula (it
    starts with "=") is made a cell typed as text."""
    if value is None or value == "":
        return None
    text = NOT_XML.sub("", value if type(value) is str else str(value))
    if not text.startswith("="):
        return text
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"
    return cell


XLSX = XlsxProfile()
