"""Import batches: what each import created and changed, listed and undone.

Every row a batch creates is stamped with the batch's ``stamped_at`` as its ``created_at`` and
``updated_at``; every row it updates keeps its before- and after-image (JSON) in
``import_batch_items``. Undo deletes the created rows and writes the before-images back, and
refuses when that would lose later work: a created row edited since, a row added since that
hangs on a created person, organization, event or campaign, or an updated row that no longer
matches its after-image.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from typing import Any, NamedTuple

from sqlalchemy import Table, delete, func, insert, or_, select, tuple_, update
from sqlalchemy.orm import Session

from stakeholders.errors import Conflict, NotFound
from stakeholders.services import audit, rowlog
from stakeholders.models import Base, ImportBatch, ImportBatchItem, Merge
from stakeholders.text import plural_of
from stakeholders.vocab import MergeKind

ITEM_BATCH = 5000
#: Keys (or id ranges) per statement.
KEY_CHUNK = 500
#: Deleted first to last: rows hanging on events, people, organizations and campaigns before
#: them (contact lists create the people-side rows; press releases all of them).
DELETE_ORDER = ("consents", "statements", "attendances", "event_sectors", "event_campaigns",
                "campaign_partners", "person_tags", "affiliations", "contact_points", "events",
                "people", "organizations", "campaigns", "tags")
#: Created rows that others may hang on: undo refuses when rows were added to them since.
PARENTS = ("people", "organizations", "tags", "events", "campaigns")
#: How undo names the rows of each table (its summary, in this order, and its refusals).
NOUNS = {
    "organizations": "organization", "people": "person", "contact_points": "contact point",
    "affiliations": "affiliation", "tags": "tag", "person_tags": "tag link",
    "campaigns": "campaign", "campaign_partners": "campaign partnership", "events": "event",
    "event_campaigns": "event-campaign link", "event_sectors": "sector present",
    "attendances": "attendance", "statements": "statement", "consents": "consent statement",
}
#: How its refusals name the rows of the tables an import never writes to that may hang on
#: what it created.
OTHER_NOUNS = {
    "organization_tags": "organization tag link", "assessments": "assessment",
    "interactions": "interaction", "interaction_participants": "interaction participant",
    "follow_ups": "follow-up",
}


def _rows_of(table_name: str) -> str:
    """'contact points', not the table's name (which, plural already, is the last resort)."""
    noun = NOUNS.get(table_name) or OTHER_NOUNS.get(table_name)
    return plural_of(noun) if noun else table_name.replace("_", " ")


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _image(row: dict) -> str:
    """A row as JSON: a time read through :func:`rowlog.exact_columns` as the text SQLite
    stores it, so that undo writes that very text back; other dates and times as ISO 8601."""
    return json.dumps(rowlog.image(row), ensure_ascii=False, sort_keys=True)


def _comparable(row: dict) -> dict:
    """A row with its timestamps as naive UTC, as both databases' drivers return them alike."""
    return {k: rowlog.comparable(v) for k, v in row.items()}


def _from_image(table: Table, image: str) -> dict:
    """An image's values typed (a time stored by SQLite as the text it was stored as, which
    :func:`rowlog.restoring` writes back as it was)."""
    values = json.loads(image)
    return {**values, **rowlog.typed(table, {k: v for k, v in values.items() if k in table.c})}


def _pack(keys: list) -> list[list]:
    """Ids as ranges; composite keys as they are."""
    return _ranges(keys) if isinstance(keys[0], int) else keys


def _ranges(ids: list[int]) -> list[list[int]]:
    """[1, 2, 3, 7] -> [[1, 3], [7, 7]]: a batch's new ids are mostly consecutive."""
    ranges: list[list[int]] = []
    for ident in sorted(ids):
        if ranges and ranges[-1][1] == ident - 1:
            ranges[-1][1] = ident
        else:
            ranges.append([ident, ident])
    return ranges


class Recorder:
    """Collects a batch's items while the import writes, and stores them at the end."""

    def __init__(self, session: Session, source: str, stamp: dt.datetime) -> None:
        self.session = session
        self.stamp = stamp
        self.batch_id = session.execute(
            insert(ImportBatch).returning(ImportBatch.id),
            [{"source": source[:500], "stamped_at": stamp, "created_at": stamp,
              "updated_at": stamp}],
        ).scalar_one()
        self.items: list[dict] = []

    def created(self, table: str, keys: list) -> None:
        """New rows: ids (kept as ranges), or composite keys as lists."""
        if keys:
            self.items.append({"batch_id": self.batch_id, "action": "created",
                               "table_name": table, "keys": json.dumps(_pack(keys))})

    def adopt(self, table: str, keys: list) -> None:
        """Rows the ordinary services just inserted (ids, or composite keys as lists): stamp
        them with the batch's time, as :meth:`created` rows are, and record them."""
        if not keys:
            return
        target, packed = _table(table), _pack(keys)
        for start in range(0, len(packed), KEY_CHUNK):
            self.session.execute(
                update(target).where(_key_filter(target, packed[start:start + KEY_CHUNK]))
                .values(created_at=self.stamp, updated_at=self.stamp))
        self.created(table, keys)

    def updated(self, table: str, before: dict, after: dict) -> None:
        self.items.append({"batch_id": self.batch_id, "action": "updated", "table_name": table,
                           "keys": json.dumps([before["id"]]), "before": _image(before),
                           "after": _image(after)})

    def finish(self, counts: Counter) -> int:
        for start in range(0, len(self.items), ITEM_BATCH):
            self.session.execute(insert(ImportBatchItem), self.items[start:start + ITEM_BATCH])
        self.session.execute(
            update(ImportBatch).where(ImportBatch.id == self.batch_id).values(
                created_count=counts["created"], updated_count=counts["updated"],
                skipped_count=counts["skipped"], rejected_count=counts["rejected"])
        )
        self._audit(counts)
        return self.batch_id

    def _audit(self, counts: Counter) -> None:
        """The audit trail names the batch, every row it created (as runs of consecutive ids,
        not one entry per row) and each row it updated, and keeps the counts."""
        audit.touched(self.session, ImportBatch.__table__, [(self.batch_id,)], "insert")
        created: dict[str, list] = defaultdict(list)
        for item in self.items:
            if item["action"] == "created":
                created[item["table_name"]].extend(json.loads(item["keys"]))
        _log_rows(self.session, created, "insert")
        for item in self.items:
            if item["action"] == "updated":
                audit.touched(self.session, _table(item["table_name"]),
                              [tuple(json.loads(item["keys"]))], "update")
        audit.note(self.session, import_batch=self.batch_id,
                   counts={k: n for k, n in sorted(counts.items()) if n})


def list_batches(session: Session) -> list[dict]:
    return [
        {"batch": b.id, "imported_at": audit.utc(b.stamped_at), "source": b.source,
         "created": b.created_count, "updated": b.updated_count, "skipped": b.skipped_count,
         "rejected": b.rejected_count}
        for b in session.scalars(select(ImportBatch).order_by(ImportBatch.id))
    ]


def undo(session: Session, batch_id: int) -> dict[str, Any]:
    """Take a batch back; returns the rows deleted, by table (parents first; a new person's
    own contact points, affiliations, tags and attendances go with them uncounted), and how
    many rows were restored.

    The statements it runs do not grow with the rows the batch updated: their current state is
    read a chunk of ids at a time and compared here, and their before-images are written back
    with one executemany per table."""
    batch = session.get(ImportBatch, batch_id)
    if batch is None:
        if audit.deleted_by(session, "import-batch", batch_id) == "import undo":
            raise Conflict(f"import batch {batch_id} was already undone")
        raise NotFound("import batch", str(batch_id))
    created: dict[str, list[list]] = defaultdict(list)
    updated: list[_Updated] = []
    items = session.execute(
        select(ImportBatchItem.action, ImportBatchItem.table_name, ImportBatchItem.keys,
               ImportBatchItem.before, ImportBatchItem.after)
        .where(ImportBatchItem.batch_id == batch_id).order_by(ImportBatchItem.id))
    for action, name, keys, before, after in items:
        if action == "created":
            created[name].extend(json.loads(keys))
        else:
            updated.append(_Updated(name, tuple(json.loads(keys)), before, after))
    _refuse_if_merged_since(session, batch, created)
    _refuse_if_edited_since(session, batch, created, updated)
    # rows the batch updated first: their before-images name nothing it created, while an
    # after-image may (an attendance given the organization of a post it added)
    _restore(session, updated)
    for name in DELETE_ORDER:
        _delete(session, _table(name), created.get(name, []))
    session.execute(delete(ImportBatchItem).where(ImportBatchItem.batch_id == batch_id))
    session.execute(delete(ImportBatch).where(ImportBatch.id == batch_id))
    audit.touched(session, ImportBatch.__table__, [(batch_id,)], "delete")
    _log_rows(session, created, "delete")
    for item in updated:
        audit.touched(session, _table(item.table), [item.key], "update")
    deleted = {name: _size(name, created[name]) for name in reversed(DELETE_ORDER)
               if created.get(name)}
    return {"deleted": deleted, "restored": len(updated)}


def _log_rows(session: Session, created: dict[str, list[list]], action: str) -> None:
    """Report the rows a batch created (``insert``) or its undo deleted (``delete``), as
    :meth:`Recorder.created` keeps them (id ranges, or composite keys), to the audit trail, so
    that `log --record person:12` finds the import that added person 12. A link row
    (person_tags…) is an update of the record it belongs to, unless the batch created that
    record too."""
    made: dict[str, list[int]] = {}
    for name, keys in created.items():
        if keys and len(_table(name).primary_key.columns) == 1:
            made[name] = sorted({i for first, last in keys for i in range(first, last + 1)})
            audit.touched_in_bulk(session, _table(name), made[name], action)
    for name, keys in created.items():
        if name in made or not keys:
            continue
        table = _table(name)
        first = list(table.primary_key.columns)[0]
        owners = [fk.column.table.name for fk in first.foreign_keys]
        new = set(made.get(owners[0], ())) if owners else set()
        audit.touched(session, table, [k for k in keys if k[0] not in new], action)


class _Updated(NamedTuple):
    """A row the batch updated: its table, primary key and JSON before- and after-images."""

    table: str
    key: tuple
    before: str
    after: str


def _restore(session: Session, updated: list[_Updated]) -> None:
    """Write the before-images back: one executemany per table (and set of columns)."""
    groups: dict[tuple[str, tuple[str, ...]], list[dict]] = {}
    for item in updated:
        table = _table(item.table)
        key = _key_names(table)
        values = {k: v for k, v in _from_image(table, item.before).items() if k not in key}
        groups.setdefault((item.table, tuple(sorted(values))), []).append(
            rowlog.restore_params(dict(zip(key, item.key)), values))
    for (name, columns), params in groups.items():
        session.connection().execute(rowlog.restoring(_table(name), columns), params)


def _key_names(table: Table) -> list[str]:
    return [c.name for c in table.primary_key.columns]


def _size(name: str, keys: list[list]) -> int:
    if len(_table(name).primary_key.columns) > 1:
        return len(keys)
    return sum(last - first + 1 for first, last in keys)


def _key_filter(table: Table, keys: list[list]):
    """Rows by id ranges (one-column keys) or by composite keys."""
    columns = list(table.primary_key.columns)
    if len(columns) == 1:
        return _in_ranges(columns[0], keys)
    return tuple_(*columns).in_([tuple(k) for k in keys])


def _in_ranges(column, ranges: list[list[int]]):
    """``column`` within any of the [first, last] id ranges."""
    return or_(*(column.between(first, last) for first, last in ranges))


def _delete(session: Session, table: Table, keys: list[list]) -> None:
    for start in range(0, len(keys), KEY_CHUNK):
        session.execute(delete(table).where(_key_filter(table, keys[start:start + KEY_CHUNK])))


def _refuse_if_merged_since(session, batch: ImportBatch, created) -> None:
    """Refuse while a person or an organization the batch created is in a merge that stands:
    merged away, what was theirs is another's now and would stay; kept, the record merged into
    them would go with them."""
    for name, kind in (("people", MergeKind.PERSON), ("organizations", MergeKind.ORGANIZATION)):
        ranges = created.get(name, [])
        for start in range(0, len(ranges), KEY_CHUNK):
            chunk = ranges[start:start + KEY_CHUNK]
            found = session.execute(
                select(Merge.id, Merge.kept_id, Merge.removed_id)
                .where(Merge.record_type == kind.value,
                       or_(_in_ranges(Merge.kept_id, chunk), _in_ranges(Merge.removed_id, chunk)))
                .order_by(Merge.id.desc()).limit(1)).first()
            if found is not None:
                merge_id, kept_id, removed_id = found
                ident = removed_id if any(a <= removed_id <= b for a, b in chunk) else kept_id
                raise Conflict(f"import batch {batch.id}: {NOUNS[name]} #{ident} it created was "
                               f"merged since (merge {merge_id}); undo that merge first")


def _refuse_if_edited_since(session, batch: ImportBatch, created, updated) -> None:
    stamp = batch.stamped_at
    for name, keys in created.items():
        if _count(session, _table(name), _key_filter, keys, stamp):
            raise Conflict(f"import batch {batch.id}: {_rows_of(name)} it created were edited "
                           "since; undoing would lose those edits")
    # a row the batch updated is put back as it was before, naming nothing it created
    restored: dict[str, set[tuple]] = defaultdict(set)
    for item in updated:
        restored[item.table].add(item.key)
    for name in PARENTS:
        ranges = created.get(name, [])
        for table, column in _referring(name):
            def since(added_only: bool, c=column, t=table) -> int:
                return _count(session, t, lambda _t, chunk: _in_ranges(c, chunk), ranges,
                              stamp, but=restored.get(t.name), added_only=added_only)

            if since(False):  # rows added, or the batch's own changed since (a status)
                what, lost = ("added", "them") if since(True) else ("changed", "those changes")
                raise Conflict(f"import batch {batch.id}: {_rows_of(table.name)} were {what} "
                               f"since for {_rows_of(name)} it created; undoing would lose "
                               f"{lost}")
    current = _current_rows(session, updated)
    for item in updated:  # in the order the import recorded them: the first is named
        table = _table(item.table)
        row = current.get((item.table, item.key))
        if row is None or row != _comparable(_from_image(table, item.after)):
            raise Conflict(f"import batch {batch.id}: {audit.noun(item.table)} #{item.key[0]} was "
                           "changed since; undoing would lose that change")


def _current_rows(session: Session, updated: list[_Updated]) -> dict[tuple[str, tuple], dict]:
    """The rows the batch updated as they are now, by (table, key), read KEY_CHUNK id ranges
    (or composite keys) per statement."""
    wanted: dict[str, set[tuple]] = defaultdict(set)
    for item in updated:
        wanted[item.table].add(item.key)
    current = {}
    for name, keys in wanted.items():
        table = _table(name)
        key = _key_names(table)
        packed = _pack([k[0] if len(key) == 1 else list(k) for k in sorted(keys)])
        for start in range(0, len(packed), KEY_CHUNK):
            chunk = packed[start:start + KEY_CHUNK]
            for row in session.execute(select(table).where(_key_filter(table, chunk))).mappings():
                current[(name, tuple(row[k] for k in key))] = _comparable(dict(row))
    return current


def _referring(name: str):
    """(table, column) pairs with a foreign key to ``name``."""
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == name and "created_at" in table.c:
                yield table, fk.parent


def _count(session, table: Table, condition, keys: list, stamp,
           but: set[tuple] | None = None, added_only: bool = False) -> int:
    """Rows among ``keys`` (by ``condition``) not stamped by the batch (with ``added_only``,
    not created by it), leaving out those whose key is in ``but``."""
    total = 0
    changed = table.c.created_at != stamp
    if not added_only:
        changed = or_(changed, table.c.updated_at != stamp)
    for start in range(0, len(keys), KEY_CHUNK):
        chunk = keys[start:start + KEY_CHUNK]
        where = (condition(table, chunk), changed)
        if but:
            key = list(table.primary_key.columns)
            total += sum(1 for row in session.execute(select(*key).where(*where))
                         if tuple(row) not in but)
        else:
            total += session.scalar(select(func.count()).select_from(table).where(*where))
    return total
