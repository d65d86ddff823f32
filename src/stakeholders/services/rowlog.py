"""Row changes that can be replayed backwards: the before-images behind an exact undo.

:class:`Changes` updates and deletes rows with Core statements (in batches, keyed by primary
key) and keeps, for each, what is needed to put it back: the old values of the columns it
changed (``updated_at`` included) or the whole deleted row. :func:`undo` replays such a record.
Images are JSON-ready: dates and times travel as text and come back typed by the column they
belong to; a time read from SQLite travels as the very text it was stored as (with or without a
fraction of a second) and is written back as that text (see :class:`ExactTime`). :meth:`Changes.settled` images the rows as the changes left them, so
that :func:`drifted` can tell, later, which have changed since.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import (
    Date,
    DateTime,
    String,
    Table,
    TypeDecorator,
    and_,
    bindparam,
    delete,
    func,
    insert,
    select,
    tuple_,
    type_coerce,
    update,
)
from sqlalchemy.orm import Session

from stakeholders.errors import Conflict
from stakeholders.models import Base
from stakeholders.services import audit
from stakeholders.text import counted


class _StoredTime(dt.datetime):
    """A time read from SQLite, with the text it is stored as (``text``): SQLite keeps times
    as text, "2026-11-30 18:36:19" when the database's clock wrote it and
    "2026-11-30 18:36:19.000000" when SQLAlchemy did, which read back as one value."""

    text: str

    @classmethod
    def of(cls, text: str) -> _StoredTime:
        time = cls.fromisoformat(text)
        time.text = text
        return time


class ExactTime(TypeDecorator):
    """A timestamp column read and written exactly as stored: on SQLite the stored text, kept
    by a :class:`_StoredTime` and written back as it was (other times as SQLAlchemy writes
    them); on PostgreSQL a timestamp as usual."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String())
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value, dialect):
        if value is None:
            return value
        if dialect.name != "sqlite":  # a time SQLite gave (naive) is in UTC, not the session's
            return value if value.tzinfo else dt.datetime.combine(
                value.date(), value.time(), tzinfo=dt.timezone.utc)
        if isinstance(value, _StoredTime):
            return value.text
        return DateTime(timezone=True).dialect_impl(dialect).bind_processor(dialect)(
            comparable(value))

    def process_result_value(self, value, dialect):
        return _StoredTime.of(value) if isinstance(value, str) else value


def comparable(value: Any) -> Any:
    """A value as both databases give it back alike: a time as naive UTC (SQLite keeps times
    naive, in UTC; PostgreSQL hands them over aware, in the session's zone), so that an image
    taken on one compares with the row read on the other after ``db copy``."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return value


def exact_columns(table: Table) -> list:
    """``table``'s columns to select for images: its times as :class:`ExactTime` reads them."""
    return [type_coerce(c, ExactTime()).label(c.name) if isinstance(c.type, DateTime) else c
            for c in table.columns]


def image(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row as JSON-ready values: a time read through :func:`exact_columns` from SQLite as
    its stored text, other dates and times as ISO 8601."""
    return {k: v.text if isinstance(v, _StoredTime)
            else v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v
            for k, v in row.items()}


def typed(table: Table, values: Mapping[str, Any]) -> dict[str, Any]:
    """An image's values as the column types expect them. SQLite's stored text for a time
    ("2026-11-30 18:36:19", not ISO 8601's "T") comes back as a :class:`_StoredTime`."""
    out = {}
    for name, value in values.items():
        column_type = table.c[name].type
        if value is not None and isinstance(column_type, DateTime):
            value = (dt.datetime.fromisoformat(value) if "T" in value
                     else _StoredTime.of(value))
        elif value is not None and isinstance(column_type, Date):
            value = dt.date.fromisoformat(value)
        out[name] = value
    return out


#: The column every write sets, whatever else it changes.
_WRITTEN_AT = "updated_at"


def key_of(table: Table, row: Mapping[str, Any]) -> dict[str, Any]:
    return {c.name: row[c.name] for c in table.primary_key.columns}


def _bind(prefix: str, column) -> Any:
    """A bound parameter for a value written back: times exactly (see :class:`ExactTime`)."""
    if isinstance(column.type, DateTime):
        return bindparam(_name(prefix, column.name), type_=ExactTime())
    return bindparam(_name(prefix, column.name))


def _by_key(table: Table):
    return and_(*(c == bindparam(_name("k", c.name)) for c in table.primary_key.columns))


def _params(prefix: str, values: Mapping[str, Any]) -> dict[str, Any]:
    return {_name(prefix, k): v for k, v in values.items()}


@functools.cache
def _name(prefix: str, column: str) -> str:
    """A bound parameter's name, made once: executemany parameter sets share them."""
    return f"{prefix}_{column}"


def _keys(table: Table, rows: Iterable[Mapping[str, Any]]) -> list[tuple]:
    """Primary-key values of rows, as the audit trail takes them."""
    return [tuple(r[c.name] for c in table.primary_key.columns) for r in rows]


class Changes:
    """Updates and deletes done through it are recorded for :func:`undo`. Rows are given as
    read with :func:`exact_columns`, so that their times come back as they were stored."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.updated: list[dict[str, Any]] = []
        self.deleted: list[dict[str, Any]] = []

    def update(self, table: Table, rows: Sequence[Mapping[str, Any]],
               values: Mapping[str, Any]) -> None:
        """Set ``values`` on ``rows`` (one batch); remember their old values."""
        if not rows:
            return
        changed = list(values)
        if _WRITTEN_AT in table.c and _WRITTEN_AT not in changed:
            changed.append(_WRITTEN_AT)
        for row in rows:
            after = {k: values.get(k, v) for k, v in key_of(table, row).items()}
            self.updated.append({"table": table.name, "key": image(after),
                                 "before": image({k: row[k] for k in changed})})
        stmt = update(table).where(_by_key(table)).values(
            {k: bindparam(f"v_{k}") for k in values}
        )
        self.session.connection().execute(
            stmt, [{**_params("k", key_of(table, r)), **_params("v", values)} for r in rows]
        )
        audit.touched(self.session, table, _keys(table, rows), "update")

    def delete(self, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
        """Delete ``rows`` (one batch); remember each as it was before this record changed
        it, so that a row updated and then deleted is put back as it was, and counts as
        deleted, not as moved."""
        if not rows:
            return
        gone = [{"table": table.name, "row": image(dict(r))} for r in rows]
        self.updated = _folded_into(gone, self.updated)
        self.deleted.extend(gone)
        self.session.connection().execute(
            delete(table).where(_by_key(table)), [_params("k", key_of(table, r)) for r in rows]
        )
        audit.touched(self.session, table, _keys(table, rows), "delete")

    def settled(self) -> list[dict[str, Any]]:
        """Every row it updated, as it is now (read back, one query per table): the state
        :func:`drifted` later compares with. A row updated and then deleted has no image."""
        final: dict[str, set[tuple]] = {}
        for item in self.updated:
            table = Base.metadata.tables[item["table"]]
            names = [c.name for c in table.primary_key.columns]
            keys = final.setdefault(item["table"], set())
            keys.discard(tuple(item["before"].get(n, item["key"][n]) for n in names))
            keys.add(tuple(item["key"][n] for n in names))
        images = []
        for name, keys in final.items():
            table = Base.metadata.tables[name]
            images.extend({"table": name, "row": image(dict(r))}
                          for r in _rows(self.session, table, keys))
        return images

    def payload(self) -> dict[str, Any]:
        return {"updated": self.updated, "deleted": self.deleted}


def undo(session: Session, payload: Mapping[str, Any]) -> None:
    """Put back what a :class:`Changes` did: old values on the rows it updated (which must
    still exist), newest change first, then the rows it deleted, parents before children."""
    tables = Base.metadata.tables
    conn = session.connection()
    deleted_items = [{**i, "row": dict(i["row"])} for i in payload["deleted"]]
    # a record made before deletes folded the updates of the rows they deleted holds both
    updated_items = _folded_into(deleted_items, payload["updated"])
    for (name, columns), group in _batches(reversed(updated_items)):
        table = tables[name]
        keys = [typed(table, i["key"]) for i in group]
        _check_present(session, table, keys)
        conn.execute(restoring(table, columns), [restore_params(k, typed(table, i["before"]))
                                                  for k, i in zip(keys, group)])
        audit.touched(session, table, _keys(table, keys), "update")
    deleted: dict[str, list] = {}
    for item in deleted_items:
        deleted.setdefault(item["table"], []).append(item["row"])
    for table in Base.metadata.sorted_tables:
        rows = [typed(table, r) for r in deleted.get(table.name, [])]
        if rows:
            conn.execute(inserting(table, rows[0]), [restore_params({}, r) for r in rows])
            audit.touched(session, table, _keys(table, rows), "insert")


def _folded_into(deleted: list[dict[str, Any]], updated: list[dict[str, Any]]
                 ) -> list[dict[str, Any]]:
    """``updated`` without the updates of rows that ``deleted`` then deleted, whose images
    take those updates' old values instead (the oldest last, so that it wins): such a row is
    put back by inserting it as it was before the updates, since it is not there to update."""
    keys = {}
    for item in deleted:
        table = Base.metadata.tables[item["table"]]
        keys[(item["table"], tuple(item["row"][c.name] for c in table.primary_key.columns))] \
            = item["row"]
    kept = []
    for item in reversed(updated):
        row = keys.get((item["table"], tuple(item["key"].values())))
        if row is None:
            kept.append(item)
        else:
            row.update(item["before"])
    kept.reverse()
    return kept


def drifted(session: Session, images: Iterable[Mapping[str, Any]]
            ) -> list[tuple[Table, dict[str, Any], list[str] | None]]:
    """The rows of ``images`` (``{"table", "row"}`` items, as :meth:`Changes.settled` makes
    them) that are not as they were: (table, the row's key, the columns that differ, or None
    when the row is gone). ``updated_at`` alone is no difference: any write moves it."""
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    for item in images:
        grouped.setdefault(item["table"], []).append(item["row"])
    found = []
    for name, rows in grouped.items():
        table = Base.metadata.tables[name]
        pk = [c.name for c in table.primary_key.columns]
        wanted = {tuple(r[n] for n in pk): r for r in (typed(table, r) for r in rows)}
        now = {tuple(r[n] for n in pk): r for r in _rows(session, table, wanted)}
        for key, row in wanted.items():
            current = now.get(key)
            columns = None if current is None else [
                c.name for c in table.columns  # one a later revision added is not in the image
                if c.name != _WRITTEN_AT and c.name in row
                and comparable(current[c.name]) != comparable(row[c.name])
            ]
            if columns != []:
                found.append((table, dict(zip(pk, key)), columns))
    return found


def _rows(session: Session, table: Table, keys: Iterable[tuple]) -> list[Mapping[str, Any]]:
    """The rows of ``table`` with these primary keys, in one query."""
    keys = list(keys)
    if not keys:
        return []
    pk = list(table.primary_key.columns)
    return list(session.connection().execute(
        select(*exact_columns(table)).where(tuple_(*pk).in_(keys))).mappings())


def restoring(table: Table, columns: Iterable[str]):
    """An UPDATE setting ``columns`` on the row found by its primary key, run with one
    :func:`restore_params` per row as one executemany, however many rows."""
    return update(table).where(_by_key(table)).values(
        {c: _bind("v", table.c[c]) for c in columns}
    )


def inserting(table: Table, columns: Iterable[str]):
    """An INSERT of ``columns``, run with ``restore_params({}, row)`` per row as one executemany;
    times are written exactly as their images hold them."""
    return insert(table).values({c: _bind("v", table.c[c]) for c in columns})


def restore_params(key: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """One row's parameters for :func:`restoring`: its primary key and the values it gets."""
    return {**_params("k", key), **_params("v", values)}


def _batches(items: Iterable[Mapping[str, Any]]) -> Iterable[tuple[tuple, list]]:
    """Runs of consecutive changes to the same table and columns: replayed as one batch
    each, in order (a row changed twice must get its changes back in reverse)."""
    batch: list = []
    current: tuple | None = None
    for item in items:
        signature = (item["table"], tuple(sorted(item["before"])))
        if signature != current and batch:
            yield current, batch
            batch = []
        current = signature
        batch.append(item)
    if batch:
        yield current, batch


#: Tables that link a record to a tag, named as the tag they hold (the log names no such row:
#: a tag added or taken off is an update of its record).
_TAG_LINKS = {"person_tags", "organization_tags"}


def moved_records(n: int, table: Table) -> str:
    """'1 contact record it moved', '2 statement records it moved', '1 tag record it moved'."""
    noun = "tag" if table.name in _TAG_LINKS else audit.noun(table.name)
    return f"{counted(n, noun + ' record')} it moved"


def _check_present(session: Session, table: Table, keys: list[dict[str, Any]]) -> None:
    pk = list(table.primary_key.columns)
    wanted = {tuple(k[c.name] for c in pk) for k in keys}
    found = session.connection().execute(
        select(func.count()).select_from(table).where(tuple_(*pk).in_(list(wanted)))
    ).scalar_one()
    if found != len(wanted):
        raise Conflict(
            f"{moved_records(len(wanted) - found, table)} "
            f"{'has' if len(wanted) - found == 1 else 'have'} since been deleted or changed; "
            "it can no longer be undone exactly"
        )
