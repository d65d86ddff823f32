"""Reading a JSON array of contacts, as ``export contacts --profile json`` writes it: each
object a row, its keys the header (the fields by name), a list (tags) one cell of several
values, true and false as yes and no."""

from __future__ import annotations

import json
from pathlib import Path

from stakeholders.errors import Invalid
from stakeholders.io.headers import MULTI_SEPARATOR
from stakeholders.io.table import Table


def looks_like_json(text: str, path: Path) -> bool:
    """Whether a file (its decoded text) is JSON rather than CSV: named .json, or an array
    of objects (or an empty one) whatever its name."""
    start = text.lstrip("\ufeff \t\r\n")
    return (Path(path).suffix.lower() == ".json"
            or start[:1] == "[" and start[1:].lstrip(" \t\r\n")[:1] in ("{", "]"))


def read_text(text: str, path: Path) -> Table:
    name = Path(path).name
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as e:
        raise Invalid(f"{name} is not sound JSON (line {e.lineno}: {e.msg})") from None
    if not isinstance(data, list) or not all(isinstance(o, dict) for o in data):
        raise Invalid(f"{name} is not a JSON array of contacts (objects of fields by name, as "
                      "export contacts --profile json writes)")
    if not data:  # an export that selected nobody: no keys to tell the columns by
        raise Invalid(f"{name} holds no contacts (an empty JSON array)")
    header: dict[str, None] = {}
    for item in data:
        header.update(dict.fromkeys(item))
    keys = list(header)
    rows = [[_cell(item.get(key), name, n) for key in keys] for n, item in enumerate(data)]
    # our export writes one object a line after the opening bracket: object 1 is on line 2
    return Table(header=keys, rows=rows, encoding=None, first_row=2)


def _cell(value, name: str, n: int) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list) and not any(isinstance(v, (list, dict)) for v in value):
        return MULTI_SEPARATOR.join(_cell(v, name, n) for v in value if v is not None)
    if isinstance(value, (dict, list)):
        # numbered as the import's report numbers rows: object 1 is row 2 (see read_text)
        raise Invalid(f"{name}: row {n + 2} (object {n + 1}) holds a nested value; give each "
                      "field as text")
    return str(value)
