"""Merging two people (or two organizations) into one, and undoing it exactly.

Everything that refers to OTHER is found from the schema's foreign keys (attendances, also as
"on behalf of", statements, affiliations, contact points, tags, consents, assessments,
interactions…, and whatever table is added later) and moved to KEEP. Rows that would then be
twice on KEEP are dropped: those a unique key forbids (the same tag, the same event), plain
repeats (the same email, the same interaction) and the same words said at the same event. An
affiliation that is one of KEEP's posts under the other record is folded into it (see
:func:`_fold_posts`). Both at one event make one attendance (see :func:`_settle_attendance`);
in different roles that is refused unless ``role_from`` says which role wins. Field conflicts
go to ``prefer``; notes are joined; an opt-out on either record survives.

The ``merges`` row keeps, as JSON, the removed record, KEEP's row before, and the before-image
of every row changed or deleted (see :mod:`stakeholders.services.rowlog`), so :func:`unmerge`
puts the database back as it was. A dry run does the same work in a savepoint and rolls back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, UniqueConstraint, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from stakeholders.db import first_line
from stakeholders.errors import Conflict, Invalid, NotFound
from stakeholders.models import Attendance, Base, Merge, Organization, Person
from stakeholders.services import audit, erasure, events, refs, rowlog
from stakeholders.text import fold, loose_key, plural_of, same_words
from stakeholders.vocab import MergeKind, Preference, status_replaces

#: Columns that do not make two rows different copies of the same fact.
_INCIDENTAL = {"id", "created_at", "updated_at", "is_primary", "label", "value", "notes"}
#: Tables where a moved row equal to one KEEP has (apart from the above) is a repeat.
_REPEATABLE = {"contact_points", "interaction_participants"}
#: Tables where a moved row is a repeat when these columns equal one of KEEP's: the same words
#: (case, accents and punctuation aside, as ``attendance add`` compares them) said at the same
#: event.
_SAME_FACT = {"statements": ("event_id", "text_key")}
#: How a column is compared when finding repeats: a statement's words, punctuation aside.
_COMPARED_AS = {"text_key": same_words}
#: (table, column merged): the column a moved row shares with the row of KEEP's it may fold
#: into (a person's post at one organization, seen from either side).
_FOLDABLE = {("affiliations", "person_id"): "organization_id",
             ("affiliations", "organization_id"): "person_id"}
#: What a folded post fills in where KEEP's lacks it.
_POST_DETAILS = ("position", "start_date", "end_date")
#: (table, owner column): the columns within which one row of an owner is primary.
_PRIMARY_WITHIN = {
    ("contact_points", "person_id"): ("kind",),
    ("contact_points", "organization_id"): ("kind",),
    ("affiliations", "person_id"): (),
}
#: Columns of one row that may not name the same record (attending on one's own behalf).
_MUST_DIFFER = {"attendances": ("person_id", "on_behalf_of_id")}


@dataclass(frozen=True)
class Kind:
    """How one kind of record merges: its model, resolver and field rules."""

    name: MergeKind
    model: type
    resolve: Callable[[Session, str], Any]
    label: Callable[[Mapping[str, Any]], str]
    #: Fields taken together from the preferred record (a name is not mixed from two).
    groups: tuple[tuple[str, ...], ...]
    joined: tuple[str, ...] = ("notes",)
    #: (flag, its companion columns): set on either record, set on the merged one.
    sticky: tuple[tuple[str, ...], ...] = ()


def _person_keys(row: dict) -> None:
    row["name_key"], row["family_key"] = Person.keys_for(
        row["given_name"], row["family_name"], row["full_name"]
    )


def _org_keys(row: dict) -> None:
    row["name_key"] = fold(row["name"])
    row["acronym_key"] = fold(row["acronym"]) or None


PERSON = Kind(
    MergeKind.PERSON, Person,
    # a forgotten person's placeholder takes in no one's data, nor gives back what was erased
    lambda session, ref: erasure.refuse_forgotten(refs.person(session, ref)),
    lambda r: f"#{r['id']} {r['full_name']}",
    groups=(("given_name", "family_name", "full_name"), ("honorific",), ("title",)),
    sticky=(("do_not_email", "do_not_email_at", "do_not_email_reason"),
            ("do_not_contact", "do_not_contact_at", "do_not_contact_reason")),
)
ORGANIZATION = Kind(
    MergeKind.ORGANIZATION, Organization, refs.organization,
    lambda r: f"#{r['id']} {r['name']}",
    groups=(("name",), ("acronym",), ("sector",), ("country",), ("parent_id",), ("website",)),
)
KINDS = {PERSON.name: PERSON, ORGANIZATION.name: ORGANIZATION}
_KEYS = {MergeKind.PERSON: _person_keys, MergeKind.ORGANIZATION: _org_keys}


def merge(
    session: Session,
    kind: MergeKind,
    keep_ref: str,
    other_ref: str,
    *,
    prefer: Preference = Preference.KEEP,
    role_from: Preference | None = None,
    dry_run: bool = False,
) -> dict[str, Any]:
    """Merge OTHER into KEEP; return a summary (with the merge id unless ``dry_run``)."""
    spec = KINDS[kind]
    keep, other = spec.resolve(session, keep_ref), spec.resolve(session, other_ref)
    if keep.id == other.id:
        raise Invalid(f"{keep_ref!r} and {other_ref!r} are the same record (#{keep.id})")
    if not dry_run:
        return _merge(session, spec, keep.id, other.id, prefer, role_from)
    savepoint = session.begin_nested()
    try:
        return _merge(session, spec, keep.id, other.id, prefer, role_from, record=False)
    finally:
        savepoint.rollback()
        session.expire_all()


def _merge(session: Session, spec: Kind, keep_id: int, other_id: int, prefer: Preference,
           role_from: Preference | None, record: bool = True) -> dict[str, Any]:
    table: Table = spec.model.__table__
    keep_row, other_row = _row(session, table, keep_id), _row(session, table, other_id)
    changes = rowlog.Changes(session)
    for child, column in _references(table):
        _move(session, changes, child, column, keep_id, other_id, role_from)
    conn = session.connection()
    conn.execute(delete(table).where(table.c.id == other_id))
    audit.touched(session, table, [(other_id,)], "delete")
    merged = _merged_fields(spec, keep_row, other_row, prefer,
                            lambda parent: _loops(session, table, keep_id, parent))
    if merged:
        conn.execute(update(table).where(table.c.id == keep_id).values(merged))
    # the kept record's history shows the merge even when none of its own fields changed:
    # what was the other's is its now
    audit.touched(session, table, [(keep_id,)], "update")
    session.expire_all()
    summary = {
        "merge": None,
        "kept": spec.label({**keep_row, **merged}),
        "removed": spec.label(other_row),
        "fields": {k: v for k, v in merged.items() if not k.endswith("_key")},
        "moved": _count(changes.updated),
        "dropped": _count(changes.deleted),
    }
    if record:
        after = [{"table": table.name, "row": rowlog.image(_row(session, table, keep_id))},
                 *changes.settled()]
        payload = {"kept": rowlog.image(keep_row), "removed": rowlog.image(other_row),
                   **changes.payload(), "after": after}
        row = Merge(record_type=spec.name.value, kept_id=keep_id, removed_id=other_id,
                    payload=json.dumps(payload, ensure_ascii=False))
        session.add(row)
        session.flush()
        summary["merge"] = row.id
    return summary


def _row(session: Session, table: Table, ident: int) -> dict[str, Any]:
    return dict(session.connection().execute(
        select(*rowlog.exact_columns(table)).where(table.c.id == ident)).mappings().one())


def _references(table: Table) -> list[tuple[Table, Any]]:
    """Every (table, column) whose foreign key points at ``table``, parents first, in a fixed
    order (a table's foreign keys are a set)."""
    return [
        (child, fk.parent)
        for child in Base.metadata.sorted_tables
        for fk in sorted(child.foreign_keys, key=lambda fk: fk.parent.name)
        if fk.column.table is table
    ]


def _move(session: Session, changes: rowlog.Changes, child: Table, column, keep_id: int,
          other_id: int, role_from: Preference | None) -> None:
    """Point ``column`` of ``child`` at KEEP where it points at OTHER, dropping repeats."""
    rows = [dict(r) for r in session.connection().execute(
        select(*rowlog.exact_columns(child)).where(column.in_((keep_id, other_id)))
    ).mappings()]
    if _is_self_reference(child, column):
        rows = [r for r in rows if r["id"] not in (keep_id, other_id)]
    kept = [r for r in rows if r[column.name] == keep_id]
    moving = [r for r in rows if r[column.name] == other_id]
    _unlink_self_references(changes, child, column, moving + kept, keep_id, other_id)
    moving = [r for r in moving if r[column.name] == other_id]  # an unlinked one stays put
    repeats = _repeats(child, column, kept, moving, role_from, changes)
    changes.delete(child, repeats)
    moving = [r for r in moving if r not in repeats]
    shared = _FOLDABLE.get((child.name, column.name))
    if shared is not None:
        folded = _fold_posts(changes, child, shared, kept, moving)
        moving = [r for r in moving if r not in folded]
    within = _PRIMARY_WITHIN.get((child.name, column.name))
    if within is not None:
        taken = {tuple(r[c] for c in within) for r in kept if r["is_primary"]}
        demoted = [r for r in moving if r["is_primary"] and tuple(r[c] for c in within) in taken]
        changes.update(child, demoted, {column.name: keep_id, "is_primary": False})
        moving = [r for r in moving if r not in demoted]
    changes.update(child, moving, {column.name: keep_id})


def _is_self_reference(child: Table, column) -> bool:
    """A self-reference (an organization's parent): the two records' own rows are not moved."""
    return any(fk.column.table is child for fk in column.foreign_keys)


def _unlink_self_references(changes: rowlog.Changes, child: Table, column, rows: list[dict],
                            keep_id: int, other_id: int) -> None:
    """Rows that would name KEEP twice (KEEP attending on behalf of OTHER) lose the second."""
    pair = _MUST_DIFFER.get(child.name)
    if not pair or column.name not in pair:
        return
    second = pair[1]
    both = [r for r in rows if r[pair[0]] in (keep_id, other_id)
            and r[second] in (keep_id, other_id) and r[second] is not None]
    changes.update(child, both, {second: None})
    for r in both:
        r[second] = None


def _repeats(child: Table, column, kept: list[dict], moving: list[dict],
             role_from: Preference | None, changes: rowlog.Changes) -> list[dict]:
    """OTHER's rows that KEEP already has: by a unique key, or as a plain repeat."""
    signatures = [
        [c.name for c in constraint.columns if c is not column]
        for constraint in _unique_sets(child)
        if column.name in constraint.columns
    ]
    if child.name in _REPEATABLE:
        signatures.append([c.name for c in child.columns
                           if c.name not in _INCIDENTAL and c is not column])
    if child.name in _SAME_FACT:
        signatures.append(list(_SAME_FACT[child.name]))
    repeats: list[dict] = []
    for cols in signatures:
        def signed(row: dict, cols: list[str] = cols) -> tuple:
            return tuple(_COMPARED_AS[c](row[c]) if c in _COMPARED_AS else row[c]
                         for c in cols)
        index = {signed(r): r for r in kept}
        for r in moving:
            twin = index.get(signed(r))
            if twin is not None and r not in repeats:
                _settle_attendance(child, twin, r, role_from, changes)
                if child.name == "contact_points" and not twin["label"] and r["label"]:
                    # the same number or address: the label only OTHER wrote goes with it
                    changes.update(child, [twin], {"label": r["label"]})
                    twin["label"] = r["label"]
                repeats.append(r)
    return repeats


def _fold_posts(changes: rowlog.Changes, child: Table, shared: str, kept: list[dict],
                moving: list[dict]) -> list[dict]:
    """OTHER's affiliations that are one of KEEP's posts: at the same organization (for the
    same person), with no position or the same one (whatever its case, accents and hyphens)
    and no date that disagrees with it. Each goes, filling in the position and dates KEEP's post
    lacks, and making it primary if the folded one was and the person has no other primary
    post. Two posts at one organization that differ (another position, another start) stay
    two. Returns the rows folded away; ``kept`` rows are updated in place."""
    folded = []
    for row in moving:
        post = _same_post(row, [k for k in kept if k[shared] == row[shared]])
        if post is None:
            continue
        values = {c: row[c] for c in _POST_DETAILS if post[c] in (None, "")
                  and row[c] not in (None, "")}
        if row["is_primary"] and not any(k["is_primary"] for k in kept
                                         if k["person_id"] == post["person_id"]):
            values["is_primary"] = True
        changes.delete(child, [row])
        if values:
            changes.update(child, [post], values)
            post.update(values)
        folded.append(row)
    return folded


def _same_post(row: dict, posts: list[dict]) -> dict | None:
    """The post of ``posts`` that ``row`` describes too, if any: the one of the same position
    first, then the primary one, then the first recorded."""
    fits = [p for p in posts if _describes_one_post(row, p)]
    return min(fits, default=None, key=lambda p: (
        _post_key(p["position"]) != _post_key(row["position"]), not p["is_primary"], p["id"]))


def _post_key(position: str | None) -> str:
    """A position as posts are compared: case, accents, hyphens and apostrophes aside
    ("Additional Director-General" is "Additional Director General")."""
    return loose_key(fold(position))


def _describes_one_post(a: dict, b: dict) -> bool:
    """Whether two affiliations at one organization can be the same post: positions and
    dates equal where both have them, and together still a valid span."""
    positions = {_post_key(a["position"]), _post_key(b["position"])} - {""}
    if len(positions) > 1:
        return False
    if any(a[c] is not None and b[c] is not None and a[c] != b[c]
           for c in ("start_date", "end_date")):
        return False
    start = a["start_date"] or b["start_date"]
    end = a["end_date"] or b["end_date"]
    return start is None or end is None or start <= end


def _unique_sets(table: Table) -> list:
    sets = [c for c in table.constraints if isinstance(c, UniqueConstraint)]
    if len(table.primary_key.columns) > 1:
        sets.append(table.primary_key)
    return sets


def _settle_attendance(child: Table, kept: dict, other: dict, role_from: Preference | None,
                       changes: rowlog.Changes) -> None:
    """Both at one event: KEEP's attendance stays and takes in what OTHER's says. The same
    role merges (its speaking order from OTHER's when KEEP's has none); different roles need
    ``role_from``, and the speaking order goes with the role taken. The status furthest on
    wins (:func:`stakeholders.vocab.status_replaces`, as an import moves statuses on), so
    someone who came stays counted as come; the organization, "on behalf of" and speaking
    order KEEP's lacks come from OTHER's; notes are joined."""
    if child.name != "attendances":
        return
    values: dict[str, Any] = {}
    if kept["role"] != other["role"]:
        if role_from is None:
            raise Conflict(
                f"both attended event #{kept['event_id']} in different roles ({kept['role']} "
                f"and {other['role']}); say which wins with --role-from keep|other"
            )
        if role_from is Preference.OTHER:
            values["role"] = other["role"]
            if other["speaking_order"] != kept["speaking_order"]:
                values["speaking_order"] = other["speaking_order"]
    elif kept["speaking_order"] is None and other["speaking_order"] is not None:
        values["speaking_order"] = other["speaking_order"]
    if status_replaces(other["status"], kept["status"]):
        values["status"] = other["status"]
    for column in ("organization_id", "on_behalf_of_id"):
        if kept[column] is None and other[column] is not None:
            values[column] = other[column]
    if "organization_id" in values:  # whether it follows the event's date goes with it
        values["organization_defaulted"] = other.get("organization_defaulted")
    notes = "\n".join(dict.fromkeys(n for n in (kept["notes"], other["notes"]) if n))
    if notes and notes != kept["notes"]:
        values["notes"] = notes
    if values:
        changes.update(child, [kept], values)
        kept.update(values)


def _merged_fields(spec: Kind, keep: Mapping[str, Any], other: Mapping[str, Any],
                   prefer: Preference, loops: Callable[[int], bool]) -> dict[str, Any]:
    """KEEP's new values: each group from the preferred record when it has it, else from the
    other one; notes joined; sticky flags kept if either has them; keys recomputed. A parent
    that would make KEEP its own ancestor (``loops``) is not had: the other record's parent
    is taken, else none."""
    first, second = (keep, other) if prefer is Preference.KEEP else (other, keep)
    merged = dict(keep)
    for group in spec.groups:
        source = first if any(first[c] not in (None, "") for c in group) else second
        merged.update({c: source[c] for c in group})
    for column in spec.joined:
        parts = [v for v in (first[column], second[column]) if v]
        merged[column] = "\n".join(dict.fromkeys(parts)) or None
    for flag, *companions in spec.sticky:
        if not keep[flag] and other[flag]:
            merged.update({c: other[c] for c in (flag, *companions)})
    if "parent_id" in merged:
        merged["parent_id"] = next(
            (p for p in (first["parent_id"], second["parent_id"])
             if p is not None and p not in (keep["id"], other["id"]) and not loops(p)), None)
    _KEYS[spec.name](merged)
    return {k: v for k, v in merged.items() if v != keep[k]}


def _loops(session: Session, table: Table, keep_id: int, parent_id: int) -> bool:
    """Whether KEEP is ``parent_id`` or one of its ancestors, as the moves left the parents
    (OTHER's sub-organizations are KEEP's now, so one of them above KEEP would make a loop)."""
    seen: set[int] = set()
    while parent_id is not None and parent_id not in seen:
        if parent_id == keep_id:
            return True
        seen.add(parent_id)
        parent_id = session.connection().execute(
            select(table.c.parent_id).where(table.c.id == parent_id)).scalar()
    return False


def _count(items: list[dict]) -> dict[str, int]:
    """Rows per table: what a merge summary shows."""
    counts: dict[str, int] = {}
    for item in items:
        counts[item["table"]] = counts.get(item["table"], 0) + 1
    return counts


# -- undo -----------------------------------------------------------------------------------


def _records(n: int, table: Table) -> str:
    """'1 contact record it moved was', '2 statement records it moved were'."""
    return f"{rowlog.moved_records(n, table)} {'was' if n == 1 else 'were'}"


def unmerge(session: Session, kind: MergeKind, merge_id: int) -> dict[str, Any]:
    """Undo a merge: KEEP's row as before, the removed record back with its id, every moved
    or dropped row as it was. Refused when what it changed has changed since (KEEP merged
    again included): undoing it would throw those changes away."""
    spec = KINDS[kind]
    row = session.get(Merge, merge_id)
    if row is None:
        _refuse_gone(session, merge_id)
    if row.record_type != kind.value:
        raise Invalid(f"merge #{merge_id} merged {plural_of(row.record_type)}, not "
                      f"{plural_of(kind.value)}")
    table: Table = spec.model.__table__
    payload = json.loads(row.payload)
    followed = _check_unchanged(session, spec, row, payload)
    conn = session.connection()
    if conn.execute(select(table.c.id).where(table.c.id == row.removed_id)).first():
        raise Conflict(f"id {row.removed_id} has been used again; the merge cannot be undone")
    kept = rowlog.typed(table, payload["kept"])
    removed = rowlog.typed(table, payload["removed"])
    if spec.model is Organization:
        _check_names_free(session, merge_id, (row.kept_id, row.removed_id), (kept, removed))
    _check_references(session, merge_id, table, row, payload)
    # KEEP's row may name the removed record (an organization whose parent it was): that
    # link is put back once the removed record is
    links = {c.name: kept[c.name] for c in table.columns if _is_self_reference(table, c)
             and kept.get(c.name) == row.removed_id}
    first = {**kept, **dict.fromkeys(links)}
    try:
        done = conn.execute(rowlog.restoring(table, first),
                            rowlog.restore_params({"id": row.kept_id}, first))
        if done.rowcount != 1:
            raise Conflict(f"#{row.kept_id} no longer exists; undo the later merge first")
        conn.execute(rowlog.inserting(table, removed), rowlog.restore_params({}, removed))
        if links:  # with its time again, which any write of the row moves
            links["updated_at"] = kept["updated_at"]
            conn.execute(rowlog.restoring(table, links),
                         rowlog.restore_params({"id": row.kept_id}, links))
        rowlog.undo(session, payload)
        _follow_posts_again(session, row, payload, followed)
    except IntegrityError as e:
        raise Conflict(f"merge {merge_id} cannot be undone: what it would put back clashes "
                       f"with what was added since ({first_line(e.orig)})") from None
    audit.touched(session, table, [(row.kept_id,)], "update")
    audit.touched(session, table, [(row.removed_id,)], "insert")
    session.delete(row)
    session.flush()
    session.expire_all()
    return {"merge": merge_id, "kept": spec.label(kept),
            "restored": spec.label(removed)}


def _check_names_free(session: Session, merge_id: int, ids: tuple[int, int],
                      rows: tuple[Mapping[str, Any], ...]) -> None:
    """Refuse to put back an organization whose name or acronym another one (neither of the
    two) has taken since, as its name or acronym: the two would clash, or every reference to
    it would be ambiguous."""
    for org in rows:
        for what in ("name", "acronym"):
            text = org[what]
            if not text:
                continue
            key = fold(text)
            for other in refs.organizations_called(session, text):
                if other.id in ids:
                    continue
                whose = "name" if other.name_key == key else "acronym"
                raise Conflict(
                    f"merge {merge_id} cannot be undone: {text!r}, the {what} of "
                    f"{ORGANIZATION.label(org)} it would put back, is now the {whose} of "
                    f"#{other.id} {other.name}; change #{other.id}'s {whose} first")


def _check_references(session: Session, merge_id: int, table: Table, merge_row: Merge,
                      payload: Mapping[str, Any]) -> None:
    """Refuse to put back rows that refer to a record deleted since (an interaction where both
    took part, the campaign of a partnership, the removed organization's parent), naming it,
    rather than fail on the foreign key. The two merged records and the rows the undo puts back
    are there again by then."""
    deleted = [(i["table"], i["row"]) for i in payload["deleted"]]
    images = [(table.name, payload["removed"]), *deleted,
              *((i["table"], i["before"]) for i in payload["updated"])]
    back = {(table.name, merge_row.kept_id), (table.name, merge_row.removed_id),
            *((name, image["id"]) for name, image in deleted if "id" in image)}
    wanted: dict[Table, set[int]] = {}
    for name, image in images:
        child = Base.metadata.tables[name]
        for fk in child.foreign_keys:
            value = image.get(fk.parent.name)
            target = fk.column.table
            if value is not None and (target.name, value) not in back:
                wanted.setdefault(target, set()).add(value)
    for target, ids in wanted.items():
        there = set(session.connection().execute(
            select(target.c.id).where(target.c.id.in_(sorted(ids)))).scalars())
        missing = sorted(ids - there)
        if missing:
            raise Conflict(f"merge {merge_id} cannot be undone: what it would put back refers "
                           f"to {audit.noun(target.name)} #{missing[0]}, deleted since")


def _refuse_gone(session: Session, merge_id: int) -> None:
    """No merge ``merge_id`` (any more): say why, as the audit log tells it (undone, or one of
    a person since forgotten or a record since removed, whose merges go with them), else that
    there is none."""
    by = audit.deleted_by(session, "merge", merge_id)
    if by is not None and by.endswith(" unmerge"):
        raise Conflict(f"merge {merge_id} was already undone")
    if by is not None and by.endswith(" forget"):
        raise Conflict(f"merge {merge_id} cannot be undone: the person it merged has been "
                       "forgotten")
    if by is not None and by.endswith(" remove"):
        noun = "person" if by.startswith("person") else "organization"
        raise Conflict(f"merge {merge_id} cannot be undone: the {noun} it merged has been "
                       "removed")
    raise NotFound("merge", str(merge_id))


def drop_merges_into(session: Session, kind: MergeKind, ident: int) -> None:
    """Delete the merges that made the record ``ident`` (the records merged into it, and into
    those), which is being removed: none of them could be undone any more (the record they
    kept is gone), and each keeps what the records merged away held."""
    ids = audit.merged_into(session, kind.value, ident)
    gone = session.scalars(select(Merge.id).where(
        Merge.record_type == kind.value, Merge.kept_id.in_(ids))).all()
    if gone:
        session.execute(delete(Merge).where(Merge.id.in_(gone)))
        audit.touched(session, Merge.__table__, [(i,) for i in gone], "delete")


def _check_unchanged(session: Session, spec: Kind, merge_row: Merge,
                     payload: Mapping[str, Any]) -> set[int]:
    """Refuse (naming what changed) unless KEEP and every row the merge moved or changed are
    as the merge left them and KEEP took part in no later merge (an organization that followed
    the post rules aside, see :func:`_followed_posts`). Returns the attendances that did.
    Merges recorded before the images of what they left were kept are checked by
    :func:`rowlog.undo` for deleted rows only."""
    noun, keep_id = spec.name.value, merge_row.kept_id
    later = session.scalar(select(func.max(Merge.id)).where(
        Merge.record_type == merge_row.record_type, Merge.id > merge_row.id,
        or_(Merge.kept_id == keep_id, Merge.removed_id == keep_id)))
    if later is not None:
        raise Conflict(f"{noun} #{keep_id} was merged again after this merge (merge {later}); "
                       f"undo merge {later} first")
    problems: list[str] = []
    gone: dict[Table, int] = {}
    changed: dict[Table, list[set[str]]] = {}
    drifted = rowlog.drifted(session, payload.get("after", []))
    followed = _followed_posts(session, drifted)
    for table, key, columns in drifted:
        if table is Attendance.__table__ and key["id"] in followed:
            continue
        if table is spec.model.__table__ and key == {"id": keep_id}:
            problems.append(f"{noun} #{keep_id} was deleted after the merge" if columns is None
                            else f"{noun} #{keep_id} was changed after the merge "
                                 f"({', '.join(columns)})")
        elif columns is None:
            gone[table] = gone.get(table, 0) + 1
        else:
            changed.setdefault(table, []).append(set(columns))
    for table, rows in changed.items():
        names = ", ".join(c.name for c in table.columns if any(c.name in r for r in rows))
        problems.append(f"{_records(len(rows), table)} changed after the merge ({names})")
    for table, count in gone.items():
        problems.append(f"{_records(count, table)} deleted after the merge")
    if problems:
        raise Conflict("; ".join(problems)
                       + f"; undoing merge {merge_row.id} would lose those changes")
    return followed


def _followed_posts(session: Session, drifted: list) -> set[int]:
    """The attendances among those changed since the merge whose only change is their
    organization, still taken from the person's post (recorded without ``--org``) and now the
    organization of their person's post on the event's date: it followed the post rules, as
    ``event edit --date`` and ``person affiliate --start/--end`` move it (both through
    :func:`stakeholders.services.events.take_post_on`), and nothing an officer recorded would
    be lost by the undo. One given with ``attendance edit --org`` since is no longer taken
    from the post, and stays a change."""
    ids = [key["id"] for table, key, columns in drifted
           if table is Attendance.__table__ and columns == ["organization_id"]]
    return {a.id for a in _defaulted(session, ids) if events.holds_post_on_event_date(a)}


def _defaulted(session: Session, ids) -> list[Attendance]:
    """The attendances of ``ids`` whose organization comes from the person's post on the
    event's date, with their events and people's posts."""
    if not ids:
        return []
    return list(session.scalars(
        select(Attendance).where(Attendance.id.in_(ids),
                                 Attendance.organization_defaulted.is_(True))
        .options(selectinload(Attendance.event),
                 selectinload(Attendance.person).selectinload(Person.affiliations))))


def _follow_posts_again(session: Session, merge_row: Merge, payload: Mapping[str, Any],
                        followed: set[int]) -> None:
    """After the undo, the attendances it put back whose organization followed the post rules
    since the merge (``followed``, see :func:`_followed_posts`), or which are at an event
    edited since the merge (a new date may give the person they return to another post, though
    it gave KEEP the same), take the post of their person on the event's date as the posts
    and the date are now, keeping their time."""
    table = Attendance.__table__.name
    ids = {i["key"]["id"] for i in payload["updated"] if i["table"] == table} | {
        i["row"]["id"] for i in payload["deleted"] if i["table"] == table}
    since = audit.utc(merge_row.created_at)
    session.expire_all()
    for a in _defaulted(session, ids):
        if a.id in followed or audit.utc(a.event.updated_at) >= since:
            events.take_post_on(a, a.event.start_date)
    session.flush()
