"""How an export reads and logs in bulk: a fixed number of statements whatever the number of
people, one record per person however many emails and phones they have, the audit trail's
records written from id ranges, and the fast CSV row path agreeing with the careful one."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import example, given, settings, strategies as st
from sqlalchemy import event, func, select

from stakeholders.io import profiles
from stakeholders.models import AUDIT_RUN_LIMIT, AuditEntry, AuditRecord, Person
from stakeholders.services import audit, consent, exports, people
from stakeholders.services.exports import ContactFilter, ExportSummary
from stakeholders.vocab import Channel, ConsentStatus, ContactKind
from tests.services.helpers import counting

COMMAND = "export contacts"


def _grow(url: str, session_factory, n: int, *, start: int = 0) -> None:
    """n people, every third one opted out (so the exported ids come in many runs), every
    fourth one with a phone number, and every fifth asked not to be called."""
    with session_factory(url) as s:
        for i in range(start, start + n):
            person = people.add_person(s, f"Person{i:03d} Zed",
                                       emails=[f"p{i}@example.org"], tags=[f"t{i % 2}"],
                                       phones=[f"+92300123{i:04d}"] if i % 4 == 0 else [])
            if i % 3 == 0:
                people.set_no_email(person, True, "asked")
            if i % 5 == 0:
                consent.add(s, person, Channel.PHONE, ConsentStatus.OPT_OUT, source="call")


def _export(url: str, session_factory, **options) -> tuple[list[tuple], ExportSummary, list]:
    """Export through the service in one audited transaction; the statements it ran."""
    summary = ExportSummary()
    with session_factory(url, command=COMMAND) as s:
        with counting(s) as statements:
            rows = list(exports.contacts(s, ContactFilter(), summary, mailing=False, **options))
            s.commit()  # the audit entry and its records are written at commit
    return rows, summary, statements


def _logged(url: str, session_factory) -> list[tuple[str, int, str]]:
    with session_factory(url, write=False) as s:
        last = s.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
        return [(kind, i, action) for kind, first, final, action in s.execute(
            select(AuditRecord.record_type, AuditRecord.record_id, AuditRecord.last_id,
                   AuditRecord.action)
            .where(AuditRecord.entry_id == last).order_by(AuditRecord.id))
            for i in range(first, final + 1)]


def test_an_export_runs_a_fixed_number_of_statements(db_url, session_factory):
    _grow(db_url, session_factory, 6)
    few, _, small = _export(db_url, session_factory)
    _grow(db_url, session_factory, 40, start=6)
    many, summary, large = _export(db_url, session_factory)
    assert len(many) > len(few)
    assert summary.phones_withheld == 2  # 20 and 40 (0 opted out): their numbers in SQL too
    assert len(large) == len(small), large


def test_every_exported_person_is_logged_once_and_no_one_else(db_url, session_factory):
    _grow(db_url, session_factory, 20)
    rows, summary, _ = _export(db_url, session_factory)
    assert summary.exported == len(rows) == 13 and summary.left_out["opted out"] == 7
    with session_factory(db_url, write=False) as s:
        ids = dict(s.execute(select(Person.full_name, Person.id)).all())
    exported = sorted(ids[row[profiles.FIELDS.index("full_name")]] for row in rows)
    assert _logged(db_url, session_factory) == [("person", i, "export") for i in exported]
    everyone, _, _ = _export(db_url, session_factory, include_opted_out=True)
    assert _logged(db_url, session_factory) == [
        ("person", i, "export") for i in sorted(ids.values())]
    assert len(everyone) == 20


def test_bulk_records_keep_an_earlier_action_on_the_same_record(db_url, session_factory):
    _grow(db_url, session_factory, 3)
    with session_factory(db_url, command="person edit") as s:
        ids = sorted(s.scalars(select(Person.id)))
        audit.touched(s, Person.__table__, [(ids[1],)], "update")
        audit.touched_in_bulk(s, Person.__table__, ids[::-1], "export")
    assert _logged(db_url, session_factory) == [
        ("person", ids[1], "update"), ("person", ids[0], "export"), ("person", ids[2], "export")]


def test_bulk_records_are_logged_even_when_the_rows_are_gone(db_url, session_factory):
    """Someone removed meanwhile was still handed out: the trail says so."""
    _grow(db_url, session_factory, 2)
    with session_factory(db_url, command=COMMAND) as s:
        ids = sorted(s.scalars(select(Person.id)))
        gone = [ids[-1] + 1, ids[-1] + 2]
        audit.touched_in_bulk(s, Person.__table__, [*ids, *gone], "export")
    assert _logged(db_url, session_factory) == [("person", i, "export") for i in ids + gone]


def test_runs_of_consecutive_ids_of_one_type_and_action():
    def runs(*records):
        return [tuple(r) for r in audit._runs(records)]

    assert runs() == []
    assert runs(("person", 4, "export")) == [("person", 4, 4, "export")]
    assert runs(*(("person", i, "export") for i in (1, 2, 3, 7, 8, 10))) == [
        ("person", 1, 3, "export"), ("person", 7, 8, "export"), ("person", 10, 10, "export")]
    assert runs(("person", 1, "update"), ("person", 2, "export"), ("tag", 3, "export"),
                ("tag", 4, "export")) == [
        ("person", 1, 1, "update"), ("person", 2, 2, "export"), ("tag", 3, 4, "export")]


def test_a_run_is_at_most_the_limit_long():
    n = 2 * AUDIT_RUN_LIMIT + 5
    runs = audit._runs(("person", i, "export") for i in range(1, n + 1))
    assert [(first, last) for _, first, last, _ in runs] == [
        (1, AUDIT_RUN_LIMIT), (AUDIT_RUN_LIMIT + 1, 2 * AUDIT_RUN_LIMIT),
        (2 * AUDIT_RUN_LIMIT + 1, n)]


def test_a_record_deep_inside_a_long_run_is_found(db_url, session_factory):
    """Runs are split at the limit, so a look-up reads a bounded slice of the index and still
    finds every id; the ids need not exist any more."""
    n = 2 * AUDIT_RUN_LIMIT + 500
    with session_factory(db_url, command=COMMAND) as s:
        audit.touched_in_bulk(s, Person.__table__, range(10_001, 10_001 + n), "export")
    with session_factory(db_url, write=False) as s:
        for i in (10_001, 10_000 + AUDIT_RUN_LIMIT, 10_001 + AUDIT_RUN_LIMIT, 10_000 + n):
            assert [e["record_count"] for e in audit.entries(s, record=f"person:{i}")] == [n]
        for i in (10_000, 10_001 + n):
            assert audit.entries(s, record=f"person:{i}") == []


def test_an_export_is_stored_as_runs_and_read_back_record_by_record(db_url, session_factory):
    """Every third person opted out: runs of two. The log counts and lists them one by one,
    and finds the entry from any record inside a run, and from no record outside it."""
    _grow(db_url, session_factory, 20)
    _export(db_url, session_factory)
    with session_factory(db_url, write=False) as s:
        last = s.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
        stored = s.scalar(select(func.count()).select_from(AuditRecord)
                          .where(AuditRecord.entry_id == last))
        exported = [i for _, i, _ in _logged(db_url, session_factory)]
        logged = audit.entries(s)[-1]
        assert (stored, len(exported), logged["record_count"]) == (7, 13, 13)
        assert logged["records"] == [f"export person:{i}" for i in exported[:10]] + ["(+3 more)"]
        for i in range(min(exported) - 1, max(exported) + 2):
            found = [e["id"] for e in audit.entries(s, record=f"person:{i}")
                     if e["command"] == COMMAND]
            assert found == ([last] if i in exported else []), i


def test_several_emails_and_phones_still_make_one_record_with_the_primary(
        db_url, session_factory):
    from stakeholders.services import contacts

    with session_factory(db_url) as s:
        person = people.add_person(s, "Amina Qureshi", emails=["a1@example.org"],
                                   phones=["+92512601461"])
        contacts.add(person, ContactKind.EMAIL, "a2@example.org", primary=True)
        contacts.add(person, ContactKind.EMAIL, "a3@example.org")
        contacts.add(person, ContactKind.PHONE, "+923001234567")
        people.add_person(s, "Olga Ivanova", emails=["olga@example.org"])
    rows, summary, _ = _export(db_url, session_factory)
    email, phone = profiles.FIELDS.index("email"), profiles.FIELDS.index("phone")
    assert [(r[email], r[phone]) for r in rows] == [
        ("olga@example.org", None), ("a2@example.org", "+92512601461")]
    assert summary.exported == 2


def test_people_are_read_in_table_order_and_sorted_once_on_sqlite(db_url, session_factory):
    with session_factory(db_url, write=False) as s:
        if s.get_bind().dialect.name != "sqlite":
            pytest.skip("a SQLite query plan")
        stmt = exports.contacts_statement(s, ContactFilter())
        sql = str(stmt.compile(s.get_bind(), compile_kwargs={"literal_binds": True}))
        plan = [row[-1] for row in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]
    assert "SCAN people" in plan, plan
    assert any(step == "USE TEMP B-TREE FOR ORDER BY" for step in plan), plan


def test_postgresql_streams_the_export_through_a_server_side_cursor(db_url, session_factory):
    _grow(db_url, session_factory, 3)
    cursors = []

    def note(conn, cursor, statement, *args):
        if statement.startswith("SELECT") and "FROM people" in statement:
            cursors.append(cursor)

    with session_factory(db_url, write=False) as s:
        if s.get_bind().dialect.name != "postgresql":
            pytest.skip("server-side cursors are PostgreSQL's")
        event.listen(s.get_bind(), "before_cursor_execute", note)
        try:
            rows = list(exports.contacts(s, ContactFilter(), ExportSummary(), mailing=False))
        finally:
            event.remove(s.get_bind(), "before_cursor_execute", note)
    assert len(rows) == 2
    # the opted-out addresses (a few), then the people, through a named (server-side) cursor
    assert [bool(getattr(c, "name", None)) for c in cursors] == [False, True]


_CELL = st.none() | st.text(alphabet=st.sampled_from(list("aZ é=+-@\t\r\n'0123456789.,;\"\x00")),
                            max_size=8)


def _cells(**given: str) -> list:
    return [given.get(f) for f in profiles.FIELDS]


@settings(max_examples=300, deadline=None)
@example(values=_cells(notes="'=x", phone="+92512601461"), tags=[])
@example(values=_cells(phone="+1\x00a", email="-2"), tags=[])  # a number, then more text
@example(values=_cells(title="Mr.\r", country="4.5\n"), tags=["=x"])
@given(values=st.lists(_CELL, min_size=len(profiles.FIELDS), max_size=len(profiles.FIELDS)),
       tags=st.lists(st.text(alphabet=st.sampled_from(list("ab=+-'\r")), min_size=1,
                             max_size=4), max_size=3))
def test_the_fast_row_path_writes_what_the_careful_one_writes(values, tags):
    contact = _record(values, tags)
    for profile in profiles.CSV_PROFILES:
        fast, careful = io.StringIO(), io.StringIO()
        csv.writer(fast).writerow(profile.cells(contact))
        csv.writer(careful).writerow(profile._careful(contact))
        assert fast.getvalue() == careful.getvalue()


_PLAIN = st.none() | st.sampled_from(["Ayesha", "Malik", "+92512601461", "a@b.org", "PK"])
def _record(values: list, tags: list) -> tuple:
    """A record of these values: the tags given; one further email and phone, or none."""
    return tuple(tuple(tags) if f == "tags" else ((v,) if v is not None else ())
                 if f in profiles.SEVERAL else v for f, v in zip(profiles.FIELDS, values))


_RECORD = st.builds(
    _record,
    st.lists(_PLAIN | _CELL, min_size=len(profiles.FIELDS), max_size=len(profiles.FIELDS)),
    st.lists(st.sampled_from(["press", "=x", "'+y"]), max_size=2))


@settings(max_examples=150, deadline=None)
@given(contacts=st.lists(_RECORD, max_size=6), batch=st.integers(1, 4))
def test_a_file_in_batches_is_what_careful_rows_one_by_one_make(contacts, batch):
    for profile in profiles.CSV_PROFILES:
        written, expected = io.StringIO(), io.StringIO()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(profiles, "BATCH_ROWS", batch)
            profile.write(contacts, written)
        by_hand = csv.writer(expected, lineterminator=profile.newline)
        by_hand.writerow(profile.headers)
        by_hand.writerows(profile._careful(contact) for contact in contacts)
        assert written.getvalue() == expected.getvalue()
