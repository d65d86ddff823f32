"""What a reader hands the importer: the header, the data rows as text, where rows start."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    encoding: str | None  # None for .xlsx (no text encoding involved)
    first_row: int  # the file's row number of rows[0], for error reports
