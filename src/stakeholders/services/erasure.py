"""The right to erasure: forgetting a person for good.

The person's row stays as an anonymous placeholder ("Forgotten person #12") so that attendance
counts and sector statistics stay true; everything that identifies them goes: names, notes,
contact points, consents, tags, assessments (judgements about them, of no use once they are
anonymous), positions, attendance notes, the attribution of their statements, the merges that could bring them back, and every mention of their name, email or
phone in the free text of the database (statements, notes, descriptions, the engagement log,
audit details, merge payloads, imports' before-images). There is no undo. On SQLite the file
must then be compacted (:func:`stakeholders.db.compact`) so that no old copy survives in free
pages.
"""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import (
    String,
    Table,
    and_,
    bindparam,
    cast,
    delete,
    func,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from stakeholders.models import (
    Affiliation,
    Assessment,
    Attendance,
    Base,
    Consent,
    ContactPoint,
    ImportBatchItem,
    Merge,
    Person,
    PersonTag,
    Statement,
)
from stakeholders.services import audit, refs
from stakeholders.services.people import now
from stakeholders.text import fold
from stakeholders.vocab import MergeKind

REDACTED = "[removed]"
#: The name a forgotten person's row keeps, followed by its id.
PLACEHOLDER = "Forgotten person #"
#: Why a forgotten person may not be emailed or contacted.
FORGOTTEN = "forgotten"
#: Free text that may mention a person: (table, column, folded key column to recompute).
FREE_TEXT = (
    ("statements", "text", "text_key"),
    ("attendances", "notes", None),
    ("people", "notes", None),
    ("people", "do_not_email_reason", None),
    ("people", "do_not_contact_reason", None),
    ("organizations", "notes", None),
    ("events", "notes", None),
    ("campaigns", "description", None),
    ("affiliations", "position", None),
    ("consents", "source", None),
    ("interactions", "summary", None),
    ("follow_ups", "text", None),
    ("follow_ups", "owner", "owner_key"),
    ("follow_ups", "done_note", None),
    ("assessments", "note", None),
    ("audit_log", "details", None),
    ("merges", "payload", None),
    ("import_batch_items", "before", None),
    ("import_batch_items", "after", None),
)
#: Fields of a person's row that name them.
_NAME_FIELDS = ("full_name", "family_name")
#: Shorter words than this (a two-letter family name) are not searched for on their own.
_MIN_TERM = 4


def forget(session: Session, person_ref: str) -> dict[str, Any]:
    """Erase what identifies the person; return what was done, in counts."""
    person = refs.person(session, person_ref)
    pid = person.id
    terms = _identifying_terms(session, person, _former_names(session, pid))
    done = {
        "import_images": _delete(session, ImportBatchItem, *_own_import_images(pid)),
        "contact_points": _delete(session, ContactPoint, ContactPoint.person_id == pid),
        "consents": _delete(session, Consent, Consent.person_id == pid),
        "tags": _delete(session, PersonTag, PersonTag.person_id == pid),
        "assessments": _delete(session, Assessment, Assessment.person_id == pid),
        "merges": _delete(session, Merge, Merge.record_type == MergeKind.PERSON.value,
                          or_(Merge.kept_id == pid, Merge.removed_id == pid)),
        "statements_unattributed": _update(session, Statement, Statement.person_id == pid,
                                           person_id=None),
    }
    _update(session, Affiliation, Affiliation.person_id == pid, position=None)
    _update(session, Attendance, Attendance.person_id == pid, notes=None)
    placeholder = f"{PLACEHOLDER}{pid}"
    _update(session, Person, Person.id == pid,
            honorific=None, title=None, given_name=None, family_name=None,
            full_name=placeholder, name_key=fold(placeholder), family_key=None, notes=None,
            do_not_email=True, do_not_email_at=now(), do_not_email_reason=FORGOTTEN,
            do_not_contact=True, do_not_contact_at=now(), do_not_contact_reason=FORGOTTEN)
    done["mentions_removed"] = _redact(session, terms)
    session.expire_all()
    return {"person": pid, "placeholder": placeholder, **done}


def is_placeholder():
    """SQL: the person is the placeholder :func:`forget` left (the name it writes, with the
    row's own id, and the reason it gives), not someone whose name merely reads alike."""
    return and_(Person.name_key == literal(fold(PLACEHOLDER)) + cast(Person.id, String),
                Person.do_not_contact_reason == FORGOTTEN)


def _own_import_images(pid: int) -> tuple:
    """The before/after images an import kept of the person's own row."""
    return (ImportBatchItem.table_name == Person.__tablename__,
            ImportBatchItem.keys == json.dumps([pid]))


def _former_names(session: Session, pid: int) -> set[str]:
    """Names the person had before an import updated them (kept for the import's undo)."""
    names: set[str] = set()
    for before, after in session.execute(
        select(ImportBatchItem.before, ImportBatchItem.after).where(*_own_import_images(pid))
    ):
        for image in (before, after):
            row = json.loads(image) if image else {}
            names.update(v for k, v in row.items() if k in _NAME_FIELDS and v)
    return names


def _identifying_terms(session: Session, person: Person, former: set[str]) -> list[str]:
    """The strings that would identify the person: names as written and their contacts, also
    as JSON escapes them. Longest first, so 'Margaret Adamson' is replaced before 'Adamson'."""
    names = {
        person.full_name,
        " ".join(p for p in (person.given_name, person.family_name) if p),
        " ".join(p for p in (person.honorific, person.title, person.full_name) if p),
        person.family_name or "",
        *former,
    }
    contacts = session.scalars(
        select(ContactPoint.value).where(ContactPoint.person_id == person.id)
    ).all()
    terms = {t.strip() for t in (*names, *contacts) if t and len(t.strip()) >= _MIN_TERM}
    escaped = {json.dumps(t)[1:-1] for t in terms}  # "Fran\u00e7ois" in JSON text
    return sorted(terms | escaped, key=len, reverse=True)


def _keys(session: Session, table: Table, conditions) -> list:
    return session.connection().execute(
        select(*table.primary_key.columns).where(*conditions)
    ).all()


def _delete(session: Session, model, *conditions) -> int:
    """Delete matching rows (one statement); audited; returns how many."""
    table: Table = model.__table__
    keys = _keys(session, table, conditions)
    if keys:
        session.connection().execute(delete(table).where(*conditions))
        audit.touched(session, table, keys, "delete")
    return len(keys)


def _update(session: Session, model, condition, **values) -> int:
    """Update matching rows (one statement); audited; returns how many."""
    table: Table = model.__table__
    keys = _keys(session, table, [condition])
    if keys:
        session.connection().execute(update(table).where(condition).values(values))
        audit.touched(session, table, keys, "update")
    return len(keys)


def _redact(session: Session, terms: list[str]) -> int:
    """Replace every mention of ``terms`` in the free-text columns; one search per column."""
    if not terms:
        return 0
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    conn = session.connection()
    count = 0
    for table_name, column_name, key_name in FREE_TEXT:
        table = Base.metadata.tables.get(table_name)
        if table is None:
            continue
        column = table.c[column_name]
        found = conn.execute(
            select(table.c.id, column).where(or_(*(
                or_(column.contains(t, autoescape=True),
                    func.lower(column).contains(t.lower(), autoescape=True))
                for t in terms
            )))
        ).all()
        changed = [(ident, pattern.sub(REDACTED, text)) for ident, text in found]
        changed = [(ident, text) for (ident, text), (_, old) in zip(changed, found) if text != old]
        if changed:
            values = {column_name: bindparam("v_text")}
            if key_name:
                values[key_name] = bindparam("v_key")
            conn.execute(
                update(table).where(table.c.id == bindparam("k_id")).values(values),
                [{"k_id": i, "v_text": t, "v_key": fold(t)} for i, t in changed],
            )
            audit.touched(session, table, [(i,) for i, _ in changed], "update")
            count += len(changed)
    return count
