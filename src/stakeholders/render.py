"""Output in one place: every list, show, search and report goes through these functions.

Formats: ``table`` (tabulate, for people), ``csv`` (header row, spreadsheet-safe cells) and
``json`` (an array of objects, or one object for a single record; stable snake_case keys).
Data goes to the given stream (stdout by default); messages never come here.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import math
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum
from typing import IO, Any

from stakeholders.text import shortened


class Format(str, Enum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"

    def __str__(self) -> str:
        return self.value


#: Cells a spreadsheet would run as a formula start with one of these (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_RISKY_FIRST = frozenset(FORMULA_STARTS) | {"'"}
_NUMBER = r"[+-]?\d+(?:\.\d+)?"
_PLAIN_NUMBER = re.compile(rf"^{_NUMBER}$")
#: The same test for many cells in one search: in cells joined with a NUL before each, the
#: start of one that :func:`safe_cell` may change (a risky first character, unless the cell is
#: a plain number). A cell holding a NUL of its own defeats the join: count the NULs too.
RISKY_CELL_START = re.compile(rf"\x00(?!{_NUMBER}(?:\x00|\Z))["
                              + re.escape("".join(sorted(_RISKY_FIRST))) + "]")


def safe_cell(value: str) -> str:
    """Neutralize a would-be formula by prefixing a single quote. Plain numbers such as E.164
    phone numbers (+92512601461) cannot run anything and are left usable. Text that already
    looks neutralized gets a quote too, so that :func:`restore_cell` gives it back as it was."""
    if not value or value[0] not in _RISKY_FIRST or _PLAIN_NUMBER.match(value):
        return value
    if value.startswith(FORMULA_STARTS) or _looks_neutralized(value):
        return "'" + value
    return value


def _looks_neutralized(value: str) -> bool:
    return value.startswith("'") and value[1:].startswith(FORMULA_STARTS + ("'",))


def restore_cell(value: str) -> str:
    """Undo :func:`safe_cell` on a cell read back from a file we (or a spreadsheet) wrote."""
    return value[1:] if _looks_neutralized(value) else value


#: A text formula, ``="+923001234567"``: how a spreadsheet is often made to keep a phone
#: number as text (a bare +923001234567 Excel reads as a number, 9.23001E+11).
_EXCEL_TEXT = re.compile(r'="((?:[^"]|"")*)"')


def from_excel_text(value: str) -> str:
    """The text of a cell written as a text formula (``="+923001234567"``), as a spreadsheet
    shows it; any other value as it is. A string literal runs nothing."""
    found = _EXCEL_TEXT.fullmatch(value)
    return found.group(1).replace('""', '"') if found else value


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
    kind = type(value)
    if kind is str:  # most cells, first
        return value
    if value is None:
        return ""
    if kind is int:
        return str(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):  # "; " between items, or a line each when one holds
        items = [text_cell(v) for v in value]  # a ";" itself, so the cell splits back the same
        return ("\n" if any(";" in i or "\n" in i for i in items) else "; ").join(items)
    if isinstance(value, Mapping):
        if all(type(v) is int for v in value.values()):  # counts: "media 2, ngo 1"
            return ", ".join(f"{k} {v}" for k, v in value.items()) or "none"
        return "; ".join(f"{k}: {'none' if v is None else text_cell(v)}"  # not "k: "
                         for k, v in value.items())
    return str(plain(value))


def _columns(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None) -> list[str]:
    if columns is not None:
        return list(columns)
    return list(rows[0].keys()) if rows else []


#: Tables are laid out to fit a terminal this wide.
TERMINAL_WIDTH = 100
#: In tables, a longer cell is cut and ends with "…" (CSV and JSON keep the whole text).
CELL_LIMIT = 300
#: Columns are never squeezed narrower than this (or their header).
MIN_COLUMN = 8
#: Blank columns for handwriting get at least this width.
FILL_COLUMN = 20
#: Words up to this long are kept whole when a column is narrowed.
WORD_LIMIT = 14
_SEPARATOR = 2  # tabulate's "simple" format puts two spaces between columns


def _collector_paused(render: Callable[..., str]) -> Callable[..., str]:
    """``render`` with Python's cycle collector paused. Every few hundred lists and tuples
    made wake the collector, which then walks the objects alive, the rows being shown among
    them: a table makes hundreds of thousands (its cells' lines, rows and columns) and never a
    cycle for it to find. That walking was a third of the time of a 100,000-row list."""

    @functools.wraps(render)
    def paused(*args: Any, **kwargs: Any) -> str:
        import gc

        if not gc.isenabled():
            return render(*args, **kwargs)
        gc.disable()
        try:
            return render(*args, **kwargs)
        finally:
            gc.enable()

    return paused


@_collector_paused
def table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str] | None = None,
    *,
    max_width: int | None = None,
    width: int | None = None,
    fill: Sequence[str] = (),
    widest_first: bool = False,
) -> str:
    """A plain-text table. ``max_width`` wraps every column at that width; ``width`` instead
    lays the table out to fit that many characters: headers read as words ("on behalf of")
    and wrap, the widest columns wrap, very long cells are cut. ``fill`` names columns left
    blank for handwriting (a sign-in sheet): their empty cells become ruled lines sharing the
    width the other columns leave. ``widest_first``: see :func:`fit_widths`."""
    cols = _columns(rows, columns)
    if not rows:
        return "(none)"
    if not width:
        columns = [_text_column(rows, c) for c in cols]
        body: Sequence[Sequence[str]] = list(zip(*columns)) if cols else [[] for _ in rows]
        if max_width:
            body = wrap_cells(body, [max_width] * len(cols))
        return _tabulate(body, headers=cols, tablefmt="simple")
    headers = [_label(c) for c in cols]
    blank = [_label(c) for c in fill]
    body = [[_cut_value(r.get(c)) for c in cols] for r in rows]
    widths = fit_widths(headers, body, width, blank, widest_first=widest_first)
    body = wrap_cells(_ruled(headers, body, widths, blank, width), widths)
    return _tabulate(body, headers=headers, tablefmt="simple", maxheadercolwidths=widths,
                     unpadded=True)


def _text_column(rows: Sequence[Mapping[str, Any]], key: str) -> list[str]:
    """A column's cells as text: a column of text alone (most) as it is, without a call for
    each cell."""
    from operator import methodcaller

    values = list(map(methodcaller("get", key), rows))
    return values if set(map(type, values)) <= {str} else list(map(text_cell, values))


def wrap_cells(body: Sequence[Sequence[str]], widths: Sequence[int]) -> list[Sequence[str]]:
    """Wrap every cell at its column's width, as tabulate's ``maxcolwidths`` would (each
    non-blank line of a cell wrapped between words, long words broken, blank lines dropped),
    without running the wrapper on the many cells that already fit: that pass was most of the
    time of a long report. A column whose cells all fit is seen to at once, not cell by cell
    (the rows are all as long as ``widths``); rows with nothing to wrap come back as given."""
    from operator import itemgetter

    wrapping = [(i, wrap) for i, wrap in enumerate(map(_Wrapper, widths))
                if not wrap.fits(list(map(itemgetter(i), body)))]
    if not wrapping:
        return list(body)
    rows = list(map(list, body))
    for i, wrap in wrapping:
        for row in rows:
            row[i] = wrap(row[i])
    return rows


#: No cell is wrapped narrower than this: a wide (CJK) character takes two columns, and the
#: wrapper would look for ever for a place to break one into a column of one.
MIN_WRAP = 2


class _Wrapper:
    def __init__(self, width: int) -> None:
        self.width = max(width, MIN_WRAP)

    def fits(self, cells: Sequence[str]) -> bool:
        """Whether every cell would come out of the wrapper unchanged: one line, no space at
        either end, no wider than the column (the test of :meth:`__call__`, for many cells
        at once)."""
        if not cells or max(map(len, cells)) > self.width:
            return False
        text = "".join(cells)
        if not text.isprintable():  # (no line breaks or tabs: the only space left is " ")
            return False
        lines = "\n".join(cells)
        if lines.startswith(" ") or lines.endswith(" ") or " \n" in lines or "\n " in lines:
            return False
        if text.isascii():
            return True
        measure = _text_wrapper()[1]
        return all(measure(cell) <= self.width for cell in cells if not cell.isascii())

    def __call__(self, cell: str) -> str:
        TextWrapper, measure = _text_wrapper()
        if len(cell) <= self.width and cell.isprintable() and cell == cell.strip() and (
            cell.isascii() or measure(cell) <= self.width
        ):
            # a one-line cell that fits (by the wrapper's own measure, which counts wide
            # characters twice) comes out of the wrapper unchanged
            return cell
        wrapper = TextWrapper(width=self.width)  # new per cell, as tabulate does
        return "\n".join(
            "\n".join(wrapper.wrap(line)) for line in cell.splitlines() if line.strip()
        )


@functools.cache
def _text_wrapper() -> tuple[type, Callable[[str], int]]:
    """The wrapper behind tabulate's maxcolwidths (wide characters, long words) and how it
    measures text."""
    try:
        import tabulate as tabulate_module
        from tabulate import _CustomTextWrap  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - a tabulate without it
        from textwrap import TextWrapper
        return TextWrapper, len
    measure = _CustomTextWrap._len

    wcwidth = tabulate_module.wcwidth

    class TextWrapper(_CustomTextWrap):  # type: ignore[misc, valid-type]
        @staticmethod
        @functools.lru_cache(maxsize=4096)  # the same words (organizations, roles) recur
        def _len(item: str) -> int:
            """tabulate's measure, without looking for the colour codes it leaves out in
            text that has no escape character to start one (all but none of it), nor
            measuring with wcwidth text with no character it counts other than as one."""
            if "\x1b" in item:
                return measure(item)
            return wcwidth.wcswidth(item) if wcwidth and _not_one_column([[item]], ()) \
                else len(item)

    return TextWrapper, TextWrapper._len


def _tabulate(rows: Sequence[Sequence[str]], *, unpadded: bool = False, **options: Any) -> str:
    """tabulate's table of these text cells, with number parsing off (every table here).

    Even with number parsing off, tabulate guesses each column's type from every one of its
    cells, stripping colour codes from each: text cells can only make it text, or bool for a
    column of nothing but "True", "False" and blanks, and both print the cells as they are,
    aligned left. That guess was over a third of the time of a long list: a column of text
    cells is taken as text without it. ``unpadded``: without the two spaces tabulate adds to
    every header's width (its module-wide MIN_PADDING), so that fitted widths are the widths
    printed.

    tabulate measures every cell with wcwidth, a few microseconds each in Python, when it is
    installed: a tenth of a second of a campaign report. It does so here only for a table
    holding a character that is not one column wide (CJK, combining marks), which needs it."""
    import tabulate as tabulate_module

    guess = getattr(tabulate_module, "_column_type", None)
    saved = tabulate_module.MIN_PADDING
    wide = tabulate_module.WIDE_CHARS_MODE

    def column_type(strings: Sequence[Any], has_invisible: bool = True,
                    numparse: bool = True) -> type:
        if not numparse and set(map(type, strings)) <= {str}:
            return str
        assert guess is not None
        return guess(strings, has_invisible, numparse)

    if unpadded:
        tabulate_module.MIN_PADDING = 0
    if guess is not None:
        tabulate_module._column_type = column_type
    tabulate_module.WIDE_CHARS_MODE = wide and _not_one_column(
        rows, options.get("headers", ()))
    try:
        return tabulate_module.tabulate(rows, disable_numparse=True, **options)
    finally:
        tabulate_module.MIN_PADDING = saved
        tabulate_module.WIDE_CHARS_MODE = wide
        if guess is not None:
            tabulate_module._column_type = guess


def _not_one_column(rows: Sequence[Sequence[str]], headers: Sequence[str]) -> bool:
    """Whether a cell holds a character a terminal shows wider or narrower than one column:
    East Asian wide and full-width letters, combining marks."""
    import unicodedata

    odd = {c for row in (*rows, headers) for cell in row
           if isinstance(cell, str) and not cell.isascii() for c in cell if not c.isascii()}
    return any(unicodedata.east_asian_width(c) in ("W", "F") or unicodedata.combining(c)
               or unicodedata.category(c) in ("Mn", "Me", "Cf") for c in odd)


def _label(key: str) -> str:
    return key.replace("_", " ")


def _cut(cell: str) -> str:
    return shortened(cell, CELL_LIMIT)


def _cut_value(value: Any) -> str:
    """A value as a table cell, cut to the limit; a list (a speaker's statements) has each of
    its items cut, not the cell they make together."""
    if isinstance(value, (list, tuple)):
        return text_cell([_cut(text_cell(v)) for v in value])
    return _cut(text_cell(value))


def _shown_width(text: str) -> int:
    """How many columns ``text`` takes as the table wrapper measures it (wide characters count
    twice where it knows them)."""
    if text.isascii():
        return len(text)
    width = _text_wrapper()[1](text)
    return width if width >= 0 else len(text)  # (-1: a character it cannot measure)


def _longest_word(text: str) -> int:
    return max(map(_shown_width, text.split()), default=0)


def fit_widths(
    headers: Sequence[str], body: Sequence[Sequence[str]], width: int, fill: Sequence[str] = (),
    *, widest_first: bool = False,
) -> list[int]:
    """Column widths for a table at most ``width`` characters wide.

    Columns keep their natural width when all fit (headers may wrap between words). Otherwise
    the room is shared in proportion to the square root of each column's natural width, so a
    long statement gets more room than a name without starving it; columns narrower than their
    share keep their natural width and give the rest back. No column goes below its longest
    header word, MIN_COLUMN, or its longest word up to WORD_LIMIT (words are rarely split);
    ``fill`` columns get at least FILL_COLUMN. With ``widest_first`` the room is not shared:
    headers stay on one line and the widest columns alone give room, one character at a time
    (a map whose only long column is a note).
    """
    floor = [
        FILL_COLUMN if h in fill else max(
            MIN_COLUMN, _longest_word(h), min(WORD_LIMIT, max(_longest_word(r[i]) for r in body))
        )
        for i, h in enumerate(headers)
    ]
    natural = [
        max([_shown_width(h) if widest_first else _longest_word(h)]
            + [max(map(_shown_width, row[i].split("\n"))) for row in body])
        for i, h in enumerate(headers)
    ]
    natural = [max(n, f) if h in fill else n for n, f, h in zip(natural, floor, headers)]
    floor = [max(min(f, n), MIN_WRAP) for f, n in zip(floor, natural)]
    natural = [max(n, MIN_WRAP) for n in natural]
    room = width - _SEPARATOR * (len(headers) - 1)
    widths = list(natural) if widest_first else _shares(natural, floor, room)
    while sum(widths) > room:  # (the floors overshot:) narrow the widest that can give
        wide = [i for i, w in enumerate(widths) if w > floor[i]]
        if not wide:
            break
        widths[max(wide, key=lambda i: widths[i])] -= 1
    return widths


def _shares(natural: list[int], floor: list[int], room: int) -> list[int]:
    widths = list(natural)
    flexible = set(range(len(natural)))
    while flexible:
        left = room - sum(w for i, w in enumerate(widths) if i not in flexible)
        if sum(natural[i] for i in flexible) <= left:
            break  # the rest fit as they are (their shares, in floating point, might not)
        weights = {i: math.sqrt(natural[i]) for i in flexible}
        total = sum(weights.values())
        share = {i: left * weights[i] / total for i in flexible}
        narrow = {i for i in flexible if natural[i] <= share[i]}
        if not narrow:
            for i in flexible:
                widths[i] = max(floor[i], int(share[i]))
            break
        flexible -= narrow
    return widths


def _ruled(
    headers: Sequence[str], body: list[list[str]], widths: list[int],
    fill: Sequence[str], width: int,
) -> list[list[str]]:
    """Blank cells of the ``fill`` columns become ruled lines sharing the remaining width."""
    fill_at = [i for i, h in enumerate(headers) if h in fill]
    if not fill_at:
        return body
    used = sum(w for i, w in enumerate(widths) if i not in fill_at)
    share = (width - used - _SEPARATOR * (len(headers) - 1)) // len(fill_at)
    for i in fill_at:
        widths[i] = max(share, len(headers[i]))
    return [[("_" * widths[i] if i in fill_at and not cell else cell)
             for i, cell in enumerate(row)] for row in body]


def terminal_width(out: IO[str]) -> int | None:
    """How wide the terminal ``out`` shows on is, or None when it is a file or a pipe (whose
    reader sees the same table whatever window the command ran in)."""
    try:
        if not out.isatty():
            return None
    except (AttributeError, ValueError):  # no such method, or closed
        return None
    import shutil

    return shutil.get_terminal_size((TERMINAL_WIDTH, 24)).columns


def report_width(out: IO[str], width: int = TERMINAL_WIDTH) -> int:
    """How wide a report lays out: ``width``, or a narrower terminal's width."""
    return min(width, terminal_width(out) or width)


def write_rows(
    rows: Iterable[Mapping[str, Any]],
    fmt: Format | str,
    columns: Sequence[str] | None = None,
    *,
    out: IO[str] | None = None,
    max_width: int | None = 60,
) -> None:
    """Write a list of records. Table and JSON need the whole list; CSV streams. A table
    wraps each column at ``max_width``; shown on a terminal, it is laid out to the terminal's
    width instead (unless ``max_width`` is None: never wrapped)."""
    out = out or sys.stdout
    fmt = Format(fmt)
    if fmt is Format.CSV:
        write_csv(rows, columns, out=out)
        return
    rows = list(rows)
    if fmt is Format.JSON:
        write_json([dict(r) for r in rows], out)
    else:
        width = terminal_width(out) if max_width else None
        out.write(table(rows, columns, max_width=max_width, width=width) + "\n")


def write_json(value: Any, out: IO[str]) -> None:
    """Indented JSON, non-ASCII kept as is, dates in ISO 8601."""
    json.dump(plain(value), out, ensure_ascii=False, indent=2)
    out.write("\n")


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
    nested: Sequence[str] = (),
) -> None:
    """Write one record: a field/value table, a one-row CSV, or a JSON object.

    Nested lists of records (a person's affiliations…) show as sub-tables in table format and
    are left out of CSV. Name them in ``nested`` so that an empty one is treated alike and the
    CSV header does not depend on the data.
    """
    out = out or sys.stdout
    fmt = Format(fmt)
    if fmt is Format.JSON:
        write_json(dict(record), out)
        return
    is_nested = {k: k in nested or _is_record_list(v) for k, v in record.items()}
    scalars = {k: v for k, v in record.items() if not is_nested[k]}
    if fmt is Format.CSV:
        write_csv([scalars], list(scalars), out=out)
        return
    out.write(
        _tabulate([[k, text_cell(v)] for k, v in scalars.items()], tablefmt="plain",
                  maxcolwidths=[None, 80])
        + "\n"
    )
    for key, items in record.items():
        if is_nested[key]:
            out.write(f"\n{key}:\n")
            out.write(table(items, max_width=50) + "\n")


def _is_record_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], Mapping)


def write_report(
    report: Mapping[str, Any],
    fmt: Format | str,
    *,
    rows_key: str,
    csv_columns: Sequence[str] | None = None,
    columns: Mapping[str, Sequence[str]] | None = None,
    fill: Sequence[str] = (),
    out: IO[str] | None = None,
    width: int = TERMINAL_WIDTH,
) -> None:
    """Write a report: a mapping of headline values (event, date, totals, counts by sector…)
    and sections (lists of records), in the order the report gives them.

    JSON: the whole mapping. CSV: the rows of the main section ``rows_key`` only, with the
    ``csv_columns`` (default: every key of its rows), full text. Table: headline values as
    "field  value" lines, each section under its name as a table of ``columns[section]`` laid
    out to ``width`` characters, or to a narrower terminal's width.
    """
    out = out or sys.stdout
    fmt = Format(fmt)
    if fmt is Format.JSON:
        write_json(dict(report), out)
        return
    if fmt is Format.CSV:
        write_csv(report[rows_key], csv_columns, out=out)
        return
    width = report_width(out, width)
    columns = columns or {}
    blocks: list[str] = []
    headline: list[tuple[str, Any]] = []
    for key, value in report.items():
        if isinstance(value, list):
            if headline:
                blocks.append(_headline(headline, width))
                headline = []
            blocks.append(f"{key}:\n" + table(value, columns.get(key), width=width, fill=fill))
        else:
            headline.append((key, value))
    if headline:
        blocks.append(_headline(headline, width))
    out.write("\n\n".join(blocks) + "\n")


def _headline(items: Sequence[tuple[str, Any]], width: int) -> str:
    """The "field  value" lines above a report's tables, each value wrapped between words:
    not at a hyphen, which split a sector in the counts ("un-" / "agency 4")."""
    label = max(len(k) for k, _ in items)
    TextWrapper, _ = _text_wrapper()
    wrapper = TextWrapper(width=max(width - label - _SEPARATOR, MIN_WRAP),
                          break_on_hyphens=False)

    def wrapped(value: Any) -> str:
        return "\n".join("\n".join(wrapper.wrap(line))
                         for line in text_cell(value).splitlines() if line.strip())

    return _tabulate([[k, wrapped(v)] for k, v in items], tablefmt="plain")
