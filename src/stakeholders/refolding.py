"""Refolding stored keys: what a schema revision runs when :func:`stakeholders.text.fold`
learns to fold more characters, so that records written before are found as new ones are.

Used by the Alembic revisions alone (0007, 0014), on the connection they run in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import sqlalchemy as sa

#: Keys that are NULL for empty text, and tables whose name_key is unique.
NULLABLE = {"acronym_key", "owner_key"}
UNIQUE_NAMES = {"organizations", "campaigns", "tags"}


def refold(bind, characters: str, keys: Mapping[str, Mapping[str, str]],
           key_of: Callable[[str | None], str]) -> None:
    """Give each row holding one of ``characters`` the keys ``key_of`` makes of its text:
    ``keys`` maps each table to its keys and the column each folds; people's name and family
    keys are made as :meth:`stakeholders.models.Person.keys_for` makes them. A row whose new
    name key is already another record's in a table where it is unique keeps its old one."""
    for table, table_keys in keys.items():
        limits = _lengths(bind, table)
        for row in _holding(bind, characters, table, sorted(set(table_keys.values()))):
            _set_keys(bind, table, row["id"], {
                key: key_of(row[text]) or (None if key in NULLABLE else "")
                for key, text in table_keys.items()}, limits)
    limits = _lengths(bind, "people")
    for row in _holding(bind, characters, "people", ["given_name", "family_name", "full_name"]):
        core = " ".join(p for p in (row["given_name"], row["family_name"]) if p)
        _set_keys(bind, "people", row["id"], {"name_key": key_of(core or row["full_name"]),
                                              "family_key": key_of(row["family_name"]) or None},
                  limits)


def _lengths(bind, table: str) -> dict[str, int | None]:
    """The most characters each column of ``table`` holds (None: any number)."""
    return {c["name"]: getattr(c["type"], "length", None)
            for c in sa.inspect(bind).get_columns(table)}


def _holding(bind, characters: str, table: str, columns: list[str]) -> list:
    """The rows of ``table`` whose ``columns`` hold one of ``characters``."""
    where = " OR ".join(f"{c} LIKE :c{i}" for c in columns for i in range(len(characters)))
    params = {f"c{i}": f"%{ch}%" for i, ch in enumerate(characters)}
    return bind.execute(sa.text(f'SELECT id, {", ".join(columns)} FROM {table} WHERE {where}'),
                        params).mappings().all()


def _set_keys(bind, table: str, ident: int, keys: dict, limits: dict[str, int | None]) -> None:
    """Set a row's keys, unless that would give it a name key another row holds, or a key
    longer than its column (``limits``; a fold may be longer than the text: æ is ae)."""
    for key, value in keys.items():
        if value is not None and limits.get(key) and len(value) > limits[key]:
            continue  # too long for the column: the record keeps its old key
        if key == "name_key" and table in UNIQUE_NAMES and bind.execute(sa.text(
                f"SELECT 1 FROM {table} WHERE name_key = :v AND id <> :id"),
                {"v": value, "id": ident}).first():
            continue  # unique: the record keeps its old key
        bind.execute(sa.text(f"UPDATE {table} SET {key} = :v WHERE id = :id"),
                     {"v": value, "id": ident})
