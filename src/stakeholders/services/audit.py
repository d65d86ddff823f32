"""The audit trail: who ran which write command, when, and which records it touched.

It is kept centrally rather than by each command: :func:`install` hooks a write session so that
every flush collects the identities (record type and id, never values) of the rows it inserted,
updated or deleted, and the commit writes one ``audit_log`` entry with its ``audit_records``.
Writes done with Core statements (bulk moves, restores) report their rows with :func:`touched`;
exports add their filters and counts with :func:`note` and the people they handed out with
:func:`touched_in_bulk`, which holds the ids as given until the commit sorts them into runs.
A record row stands for a run of consecutive ids of one type and action, so an export of
100,000 people writes a few hundred rows, not 100,000. A rolled-back command leaves no entry.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, and_, event, insert, inspect, or_, select
from sqlalchemy.orm import Session

from stakeholders import validate
from stakeholders.errors import Invalid
from stakeholders.models import AUDIT_RUN_LIMIT, AuditEntry, AuditRecord, Merge

#: How tables are named in the trail (``stakeholders log --record person:12``).
RECORD_NOUNS = {
    "people": "person",
    "organizations": "organization",
    "affiliations": "affiliation",
    "contact_points": "contact",
    "campaigns": "campaign",
    "campaign_partners": "partner",
    "events": "event",
    "attendances": "attendance",
    "statements": "statement",
    "tags": "tag",
    "consents": "consent",
    "merges": "merge",
    "not_duplicates": "not-duplicate",
    "import_batches": "import-batch",
    "interactions": "interaction",
    "interaction_participants": "participant",
    "follow_ups": "followup",
    "assessments": "assessment",
    "seed_loads": "seed-load",
    "suppressed_addresses": "suppression",
}
_SKIPPED = (AuditEntry, AuditRecord)
#: How many touched records a log row lists before it only counts the rest.
SHOWN_RECORDS = 10
#: The fields of each log entry ``entries`` returns, in order.
ENTRY_COLUMNS = ["id", "at", "user", "command", "records", "record_count", "details"]


def noun(table_name: str) -> str:
    return RECORD_NOUNS.get(table_name, table_name)


@dataclass
class Pending:
    """What the current transaction has touched so far."""

    command: str
    touched: dict[tuple[str, int], str] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    #: Rows reported in bulk, in addition to ``touched``: (table, action, ids).
    bulk: list[tuple[Table, str, Sequence[int]]] = field(default_factory=list)
    #: When the records the command reported were read, where that is not when it ends (an
    #: export, see :func:`read_now`); None: the entry is stamped at the commit.
    at: dt.datetime | None = None

    def add(self, record_type: str, record_id: int, action: str) -> None:
        """The first action on a record is the one logged, except that an insert or a delete
        wins over an update (a record inserted and deleted in one command is logged as
        inserted)."""
        key = (record_type, int(record_id))
        previous = self.touched.setdefault(key, action)
        if _overrides(action, previous):
            self.touched[key] = action


    def written(self) -> bool:
        """Whether there is anything to log: a record touched or details noted."""
        return bool(self.touched or self.details or any(i for *_, i in self.bulk))


def changed(session: Session) -> bool:
    """Whether this command has written anything so far (a record with a net change: a field
    given the value it had is none). An edit given only the values recorded changes nothing,
    and its commit logs no entry."""
    session.flush()
    pending = session.info.get("audit")
    return pending is None or pending.written()


def _overrides(action: str, previous: str) -> bool:
    """Whether ``action`` on a record is logged instead of the ``previous`` one: an insert or
    a delete is, over an update."""
    return previous == "update" and action in ("insert", "delete")


def install(session: Session, command: str) -> None:
    """Audit this write session under ``command`` (the CLI path, e.g. "person add")."""
    session.info["audit"] = Pending(command)
    event.listen(session, "after_flush", _collect)
    event.listen(session, "persistent_to_deleted", _deleted)
    event.listen(session, "before_commit", _write)


def touched(session: Session, table: Table, keys: Iterable[Sequence[Any]], action: str) -> None:
    """Report rows written with Core statements (given by their primary-key values), which
    the flush hook cannot see. As for the flush hook, a row linking two records (person_tags…)
    inserted or deleted is an update of the record it belongs to, not that record's insert or
    delete."""
    pending = session.info.get("audit")
    if pending is not None:
        for key in keys:
            record_type, ident = reference(table, key)
            pending.add(record_type, ident,
                        "update" if record_type != noun(table.name) else action)


def touched_in_bulk(session: Session, table: Table, ids: Sequence[int], action: str) -> None:
    """Report many rows of a table keyed by one integer id (the people an export handed out):
    the sequence (a compact array will do) is kept as given, not copied into per-record
    entries, and sorted into runs at commit; each id must appear once."""
    pending = session.info.get("audit")
    if pending is not None:
        pending.bulk.append((table, action, ids))


def cascading(session: Session, table: Table, ids: Sequence[int]) -> None:
    """Report the rows the database's own ON DELETE rules delete or clear when the rows
    ``ids`` of ``table`` are deleted, which no flush sees (an event's attendances, statements
    and follow-ups). Call it before the delete; a few statements per referring table."""
    if session.info.get("audit") is None or not ids:
        return
    for child in table.metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table is not table or fk.ondelete not in ("CASCADE", "SET NULL"):
                continue
            key = list(child.primary_key.columns)
            rows = session.execute(select(*key).where(fk.parent.in_(ids))).all()
            action = "delete" if fk.ondelete == "CASCADE" else "update"
            if len(key) > 1:  # a link row: it updates the record it stands for, if that stays
                gone = set(ids) if key[0] is fk.parent else set()
                touched(session, child, [r for r in rows if r[0] not in gone], "update")
                continue
            touched(session, child, rows, action)
            if action == "delete":
                cascading(session, child, [r[0] for r in rows])


def read_now(session: Session) -> None:
    """Stamp this command's entry with the present time rather than its commit's: an export
    has just read the records it hands out, and its reader may take minutes over them, while on
    PostgreSQL others go on writing (it reads one snapshot). Its entry must not seem to come
    after an opt-out or a removal that its records did not see."""
    pending = session.info.get("audit")
    if pending is not None:
        pending.at = dt.datetime.now(dt.timezone.utc)


def note(session: Session, **details: Any) -> None:
    """Attach details (an export's filters and counts) to this command's entry."""
    pending = session.info.get("audit")
    if pending is not None:
        pending.details.update(details)


def reference(table: Table, key: Sequence[Any]) -> tuple[str, int]:
    """(record type, id) of a row. A row keyed by two ids (person_tags…) stands for the record
    its first key column points to."""
    first = list(table.primary_key.columns)[0]
    targets = [fk.column.table.name for fk in first.foreign_keys] if len(key) > 1 else []
    return noun(targets[0] if targets else table.name), key[0]


def _identities(obj: Any, action: str) -> Iterable[tuple[str, int, str]]:
    """(record type, id, action) of an object a flush wrote. A row linking two records
    (person_tags, event_sectors…) stands for the record it belongs to, which it updates."""
    mapper = inspect(obj).mapper
    values = mapper.primary_key_from_instance(obj)
    if values and values[0] is not None:
        record_type, ident = reference(mapper.local_table, values)
        if record_type != noun(mapper.local_table.name):
            action = "update"
        yield record_type, ident, action


def _collect(session: Session, _flush_context) -> None:
    """Inserts and updates about to be flushed; deletes are :func:`_deleted`'s."""
    pending: Pending = session.info["audit"]
    for action, objects in (("insert", session.new), ("update", session.dirty)):
        for obj in objects:
            if isinstance(obj, _SKIPPED):
                continue
            if action == "update" and not session.is_modified(obj):
                continue
            for record in _identities(obj, action):
                pending.add(*record)


def _deleted(session: Session, obj: Any) -> None:
    """Every row a flush deleted, including those deleted as orphans (a contact point taken
    off its owner), which the flush hook sees only as updated."""
    if not isinstance(obj, _SKIPPED):
        for record in _identities(obj, "delete"):
            session.info["audit"].add(*record)


def _write(session: Session) -> None:
    pending: Pending | None = session.info.get("audit")
    if pending is None:
        return
    session.flush()
    if not pending.written():
        return
    conn = session.connection()
    entry_id = conn.execute(
        insert(AuditEntry).values(
            at=pending.at or dt.datetime.now(dt.timezone.utc),
            os_user=_os_user(),
            command=pending.command,
            details=json.dumps(pending.details, ensure_ascii=False, sort_keys=True)
            if pending.details else None,
        )
    ).inserted_primary_key[0]
    bulk = _bulk_runs(pending)
    runs = _runs((t, i, a) for (t, i), a in sorted(pending.touched.items())) + bulk
    if runs:
        conn.execute(insert(AuditRecord), [
            {"entry_id": entry_id, "record_type": t, "record_id": first, "last_id": last,
             "action": a}
            for t, first, last, a in runs
        ])
    pending.touched.clear()
    pending.details.clear()
    pending.bulk.clear()
    pending.at = None


def _bulk_runs(pending: Pending) -> list[list]:
    """The records reported with :func:`touched_in_bulk`, in id order. The ids are taken as
    reported rather than read from the table: a row another transaction removed meanwhile is
    still logged. A record the flush hook or :func:`touched` already logged keeps that first
    action, except that an insert or a delete wins over an update (as in :meth:`Pending.add`):
    the update is dropped from ``pending.touched``."""
    runs: list[list] = []
    for table, action, ids in pending.bulk:
        record_type = noun(table.name)
        logged = {i: a for (t, i), a in pending.touched.items() if t == record_type}
        kept = []
        for i in sorted(ids):
            previous = logged.get(i)
            if previous is None:
                kept.append(i)
            elif _overrides(action, previous):
                del pending.touched[(record_type, i)]
                kept.append(i)
        runs += _runs((record_type, i, action) for i in kept)
    return runs


def _runs(records: Iterable[tuple[str, int, str]]) -> list[list]:
    """Ordered (type, id, action) records as [type, first id, last id, action] runs of
    consecutive ids, each at most AUDIT_RUN_LIMIT long: ("person", 1, "export"),
    ("person", 2, "export"), ("person", 7, "export") -> ["person", 1, 2, "export"],
    ["person", 7, 7, "export"]."""
    runs: list[list] = []
    run: list = [None, 0, 0, None]
    for record_type, ident, action in records:
        if (ident == run[2] + 1 and record_type == run[0] and action == run[3]
                and ident - run[1] < AUDIT_RUN_LIMIT):
            run[2] = ident
        else:
            run = [record_type, ident, ident, action]
            runs.append(run)
    return runs


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers)
        return "unknown"


# -- reading the trail ----------------------------------------------------------------------


def _whole(ident: str) -> bool:
    """Digits of a number an id can be."""
    ident = ident.strip()
    return ident.isascii() and ident.isdigit() and int(ident) <= validate.MAX_INTEGER


def parse_record(ref: str) -> tuple[str, int]:
    """'person:12' -> ('person', 12); 'Person: #12' too (the type in any case, the id as a
    reference writes it)."""
    kind, _, ident = ref.strip().partition(":")
    kind, ident = kind.strip().lower(), ident.strip().removeprefix("#")
    kinds = sorted(set(RECORD_NOUNS.values()))
    if not _whole(ident) or kind not in kinds:
        raise Invalid(f"{ref!r} is not a record; write TYPE:ID with TYPE one of: "
                      + ", ".join(kinds))
    return kind, int(ident)


def entries(
    session: Session, *, since: str | dt.date | None = None, record: str | None = None
) -> list[dict[str, Any]]:
    """The log, oldest first, optionally from a date on (ISO 8601 text or a date) and/or for
    one record: a few statements (the merges behind a person or organization, entries, then
    their records), however long the log.

    A person's or an organization's log holds that of the records merged into it: what was
    exported of someone went out to whoever received it, whichever record held them then."""
    since = validate.optional_date(since)
    query = select(AuditEntry)
    if since is not None:
        query = query.where(
            AuditEntry.at >= dt.datetime.combine(since, dt.time(), tzinfo=dt.timezone.utc)
        )
    if record is not None:
        kind, ident = parse_record(record)
        idents = merged_into(session, kind, ident)
        # a run holding an id starts at most AUDIT_RUN_LIMIT - 1 before it
        query = query.where(
            AuditEntry.id.in_(
                select(AuditRecord.entry_id).where(
                    AuditRecord.record_type == kind,
                    or_(*(and_(AuditRecord.record_id.between(i - AUDIT_RUN_LIMIT + 1, i),
                               AuditRecord.last_id >= i) for i in idents)),
                )
            )
        )
    found = session.scalars(query.order_by(AuditEntry.id)).all()
    ids = query.with_only_columns(AuditEntry.id)
    touched: dict[int, list[tuple]] = {}
    for entry_id, *run in session.execute(
        select(AuditRecord.entry_id, AuditRecord.record_type, AuditRecord.record_id,
               AuditRecord.last_id, AuditRecord.action)
        .where(AuditRecord.entry_id.in_(ids))
        .order_by(AuditRecord.entry_id, AuditRecord.id)
    ):
        touched.setdefault(entry_id, []).append(tuple(run))
    return [_row(e, touched.get(e.id, [])) for e in found]


def deleted_by(session: Session, kind: str, ident: int) -> str | None:
    """The command that last deleted the record ``kind:ident`` (``person unmerge`` for a merge
    undone), or None when the log names no such deletion."""
    return session.scalar(
        select(AuditEntry.command)
        .join(AuditRecord, AuditRecord.entry_id == AuditEntry.id)
        .where(AuditRecord.record_type == kind, AuditRecord.action == "delete",
               AuditRecord.record_id.between(ident - AUDIT_RUN_LIMIT + 1, ident),
               AuditRecord.last_id >= ident)
        .order_by(AuditEntry.id.desc()).limit(1))


def merged_into(session: Session, kind: str, ident: int) -> list[int]:
    """``ident`` and the records merged into it, and into those, as long as the merges stand
    (an undone merge is gone); one statement, for people and organizations only."""
    if kind not in ("person", "organization"):
        return [ident]
    removed: dict[int, list[int]] = {}
    for kept, gone in session.execute(select(Merge.kept_id, Merge.removed_id)
                                      .where(Merge.record_type == kind)):
        removed.setdefault(kept, []).append(gone)
    found, todo = [ident], [ident]
    while todo:
        for gone in removed.get(todo.pop(), []):
            if gone not in found:
                found.append(gone)
                todo.append(gone)
    return found


def _row(entry: AuditEntry, runs: list[tuple]) -> dict[str, Any]:
    """An entry with its first SHOWN_RECORDS records spelled out and the rest counted."""
    count = sum(last - first + 1 for _, first, last, _ in runs)
    shown: list[str] = []
    for kind, first, last, action in runs:
        room = SHOWN_RECORDS - len(shown)
        if room == 0:
            break
        shown += [f"{action} {kind}:{i}" for i in range(first, min(last, first + room - 1) + 1)]
    if count > SHOWN_RECORDS:
        shown.append(f"(+{count - SHOWN_RECORDS} more)")
    return {
        "id": entry.id,
        "at": utc(entry.at),
        "user": entry.os_user,
        "command": entry.command,
        "records": shown,
        "record_count": count,
        "details": json.loads(entry.details) if entry.details else None,
    }


def utc(at: dt.datetime) -> dt.datetime:
    """The same UTC time on both databases (SQLite hands it back without a zone)."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.timezone.utc)
    return at.astimezone(dt.timezone.utc).replace(microsecond=0)


def local_day(at: dt.datetime) -> dt.date:
    """The officer's own day of a stored time: consent dates and ``today`` are local days, and
    in UTC it may already be tomorrow."""
    return utc(at).astimezone().date()
