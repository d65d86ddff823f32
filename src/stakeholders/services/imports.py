"""Importing contact lists and sign-in sheets (CSV or .xlsx) as one undoable batch.

Every row is checked before anything is written (see :mod:`stakeholders.services.import_rows`);
a rejected row means nothing is written unless the caller skips invalid rows. The writing is
the driver's executemany of tuples in batches (:func:`_insert`, the statement built from the
table's metadata) inside the command's one transaction, with the ``*_key`` columns computed by
the same functions the ORM events use. Every row created or changed is recorded
in the batch (:mod:`stakeholders.services.import_batches`) so that ``import undo`` can take it
back exactly.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from operator import itemgetter
from pathlib import Path
from typing import Protocol

from sqlalchemy import Boolean, Date, DateTime, bindparam, select, text, update
from sqlalchemy.orm import Session

from stakeholders import clock, validate
from stakeholders.errors import Invalid, Usage
from stakeholders.io import csv_in, headers
from stakeholders.io.table import Table, unnamed_columns, zipped
from stakeholders.models import (
    Affiliation,
    Attendance,
    Consent,
    ContactPoint,
    Event,
    Organization,
    Person,
    PersonTag,
    Tag,
)
from stakeholders.services import (
    attendance,
    consent,
    import_batches,
    refs,
    rowlog,
    suppressions,
)
from stakeholders.services.people import held_today, pick_affiliation
from stakeholders.services.import_rows import (
    Candidate,
    Dropped,
    check,
    fields_of,
    load_lookups,
    option_tags,
    total_line,
)
from stakeholders.text import counted, file_name, fold
from stakeholders.vocab import (
    HAPPENED,
    Channel,
    ConsentStatus,
    DuplicateMode,
    MatchKey,
    Role,
    Sector,
    Status,
    status_replaces,
)

BATCH_ROWS = 5000
PERSON_FIELDS = ("honorific", "title", "given_name", "family_name", "full_name", "notes")


class Progress(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self, rows: int) -> None: ...
    def finish(self) -> None: ...


class _Silent:
    def start(self, total: int) -> None:
        pass

    def advance(self, rows: int) -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass
class ImportOptions:
    dry_run: bool = False
    on_duplicate: str = DuplicateMode.SKIP.value
    match: str = MatchKey.EMAIL.value
    #: An unsubscribe list: everyone in it asked not to be emailed (see :class:`OptOut`)
    opted_out: bool = False
    maps: Sequence[str] = ()
    encoding: str | None = None
    #: The sheet of a workbook to read (its name, or its number from 1): else the first
    sheet: str | None = None
    region: str | None = None
    tags: Sequence[str] = ()
    event: str | None = None
    role: str | None = None
    status: str | None = None
    skip_invalid: bool = False


@dataclass
class ImportReport:
    """What happened (or, in a dry run, would happen) to each row."""

    source: str
    encoding: str | None
    unknown_headers: list[str]
    #: Columns of a one-value field after another of it, read where the earlier is empty
    second_columns: list[str] = field(default_factory=list)
    #: In a workbook of several sheets: the one read, and the others holding something
    sheet: str | None = None
    other_sheets: list[str] = field(default_factory=list)
    #: Workbook cells holding a formula with no saved value, read as empty
    formulas_unsaved: list[str] = field(default_factory=list)
    #: (row, action, name, detail) per row: a tuple each (a file may hold 100,000 rows)
    rows: list[tuple[int, str, str, str]] = field(default_factory=list)
    batch_id: int | None = None
    attendances: int = 0
    #: Attendances that took no organization, given that of a post the import added
    organizations_filled: int = 0
    opted_out: int = 0  # people newly marked not to be emailed (``--opted-out``)
    #: attendances at ``--event`` whose status the import moved on, by new status
    status_changes: Counter = field(default_factory=Counter)
    #: The country phone numbers without a country code were read in, when it came from
    #: ``--event`` and the file held such a number
    region_of_event: str | None = None
    #: (row, column, reason) per invalid email or phone left out of a row that was kept
    #: (``--skip-invalid``): the report names the cell, never its value
    dropped: list[tuple[int, str, str]] = field(default_factory=list)
    #: The rows whose position was not kept: a position is held at an organization, and
    #: these rows name none
    no_organization: list[int] = field(default_factory=list)

    def add(self, row: int, action: str, name: str, detail: str = "") -> None:
        self.rows.append((row, action, name, detail))

    @property
    def problems(self) -> list[str]:
        """A line per rejected row and per invalid cell dropped, in the file's order."""
        lines = [(r[0], 0, f"Row {r[0]}: {r[3]}") for r in self.rows if r[1] == "rejected"]
        lines += [(row, 1, f"Row {row}, column {column}: dropped, the row kept ({reason})")
                  for row, column, reason in self.dropped]
        return [line for _, _, line in sorted(lines, key=lambda line: line[:2])]

    @property
    def actions(self) -> list[dict]:
        """Each row as {row, action, name, detail}, in the file's order (rows are decided in
        more than one pass: a rejected row or a totals line before the rows above it)."""
        return [_action(r) for r in sorted(self.rows, key=itemgetter(0))]

    @property
    def counts(self) -> Counter:
        return Counter(r[1] for r in self.rows)

    @property
    def rejected(self) -> list[dict]:
        return [_action(r) for r in self.rows if r[1] == "rejected"]

    def summary(self) -> str:
        n = self.counts
        text = (f"{n['created']} created, {n['updated']} updated, {n['skipped']} skipped, "
                f"{n['rejected']} rejected")
        if self.attendances:
            text += f"; {counted(self.attendances, 'attendance')} recorded"
        if self.status_changes:
            (first, n), *more = sorted(self.status_changes.items(),
                                       key=lambda i: (-i[1], i[0]))
            text += f"; {counted(n, 'attendance')} changed to {first}" + "".join(
                f", {m} to {status}" for status, m in more)
        if self.organizations_filled:
            text += (f"; {counted(self.organizations_filled, 'attendance')} given the "
                     "organization of a new post")
        if self.opted_out:
            text += f"; {self.opted_out} opted out of email"
        if self.dropped:
            text += f"; {counted(len(self.dropped), 'invalid cell')} dropped"
        return text


def _action(row: tuple[int, str, str, str]) -> dict:
    return dict(zip(("row", "action", "name", "detail"), row))


@dataclass
class _Plan:
    create: list[Candidate] = field(default_factory=list)
    #: The ids of the posts written for people recorded before (once written)
    added_posts: set[int] = field(default_factory=set)
    #: person id -> (last candidate, row before the import, row after every matching row)
    update: dict[int, tuple[Candidate, dict, dict]] = field(default_factory=dict)
    #: affiliation id -> (row before the import, row after): a recorded job's new position
    jobs: dict[int, tuple[dict, dict]] = field(default_factory=dict)
    attend: list[Candidate] = field(default_factory=list)  # matched people to record only
    new_points: list[tuple[Candidate, str, str, bool]] = field(default_factory=list)
    #: (candidate, primary): primary when it gives the person their first organization
    new_affiliations: list[tuple[Candidate, bool]] = field(default_factory=list)
    #: (candidate, tags its recorded person gets)
    new_tags: list[tuple[Candidate, list[str]]] = field(default_factory=list)
    #: With ``--opted-out``: what every new person carries, and the rows whose person gets an
    #: email opt-out statement (all new people, and recorded people not yet opted out)
    opt_out: OptOut | None = None
    #: What a row that says so itself (an opted_out column) records for its person
    row_opt_out: OptOut | None = None
    consents: list[Candidate] = field(default_factory=list)
    #: Recorded people whose email opt-in is more recent than the day their row dates its
    #: opt-out (Mailchimp's UNSUB_TIME): person id -> that opt-in's day. The opt-out is
    #: recorded, dated back, but not in force, as ``person consent`` records one.
    opted_in: dict[int, dt.date] = field(default_factory=dict)
    #: … of whom these have that opt-out on record already (the list imported again)
    opted_out: set[int] = field(default_factory=set)
    #: (later row, earlier row it repeats): a person new to the database named twice in the
    #: file; the later row's points and affiliation are written for the earlier row's person
    repeats: list[tuple[Candidate, Candidate]] = field(default_factory=list)

    def opt_out_of(self, c: Candidate) -> OptOut | None:
        """The email opt-out a row records for its person, if any: the list's, else the
        row's own."""
        return self.opt_out or (self.row_opt_out if c.opted_out else None)

    def opted_out_on(self, c: Candidate) -> dt.date:
        """The day of the row's opt-out: the one its opted_out column gives, else today."""
        return c.opted_out_on or self.opt_out_of(c).on


@dataclass(frozen=True)
class OptOut:
    """The email opt-out an unsubscribe list records, as ``person consent --email opt-out``
    would: a consent statement from this source, dated today unless the row's opted_out
    column gives the day, and the do-not-email flag (see :attr:`_Plan.opted_in`)."""

    at: dt.datetime
    on: dt.date
    source: str

    @property
    def reason(self) -> str:
        from stakeholders.services.consent import opt_out_reason

        return opt_out_reason(self.source)


def read_table(path: Path, encoding: str | None,
               is_header: Callable[[Sequence[str]], bool] | None = None,
               sheet: str | None = None) -> Table:
    """An .xlsx workbook (its first sheet, or ``sheet``), known by its name or its first
    bytes; else CSV. ``is_header`` tells the header from title lines above it."""
    if Path(path).suffix.lower() in (".xlsx", ".xlsm") or zipped(path):
        from stakeholders.io import xlsx_in

        return xlsx_in.read(path, is_header, sheet)
    if sheet is not None:
        raise Invalid(f"--sheet is for .xlsx workbooks; {file_name(path)} is not one")
    return csv_in.read(path, encoding, is_header)


def import_contacts(session: Session, path: Path, options: ImportOptions,
                    progress: Progress | None = None) -> ImportReport:
    """Check every row, then (unless a dry run or a row was rejected) write them as a batch.

    The caller decides what a rejected row means: the report lists them; nothing is written
    when there are any, unless ``options.skip_invalid``."""
    with _collector_paused():
        return _import(session, path, options, progress or _Silent())


@contextmanager
def _collector_paused():
    """No cyclic garbage collection while a file is imported: it holds a few hundred thousand
    long-lived objects (cells, checked rows), which every full collection walks again and
    again (a third of the checking time), and it makes next to no reference cycles. Reference
    counting frees memory as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _import(session: Session, path: Path, options: ImportOptions,
            progress: Progress) -> ImportReport:
    mode = DuplicateMode.parse(options.on_duplicate)
    maps = headers.parse_maps(options.maps)
    table = read_table(path, options.encoding, lambda row: headers.names_someone(row, maps),
                       options.sheet)
    columns, unknown = headers.recognise(table.header, maps)
    if not any(any(cell.strip() for cell in row) for row in table.rows):
        # as an empty JSON array is: an export that selected nobody, not a batch of no one
        raise Invalid(f"{file_name(path)} holds no contacts (a header and no rows under it)")
    unknown += [f"column {n} (no header)" for n in unnamed_columns(table.header, table.rows)]
    # an empty value (an unset variable) is refused as the reference it is, never taken for
    # "no event": the file's people would be imported without their attendance
    event = refs.event(session, options.event) if options.event is not None else None
    if event is None:  # a row's role and status are at an event
        for i, name in enumerate(columns):
            if name in headers.EVENT_FIELDS:
                columns[i] = None
                unknown.append(f"{table.header[i]} (read with --event)")
    if (options.role is not None or options.status is not None) and event is None:
        raise Usage("--role and --status need --event")
    role = Role.parse(options.role).value if options.role is not None else Role.ATTENDEE.value
    # at an event still to come: invited, and no one signed, came or failed to come yet
    signed_at = _signatures(table) if event is not None else None
    if signed_at is not None:
        attendance.refuse_upcoming(event, "no one has signed in there yet")
    status = (attendance.status_at(event, options.status) if event is not None
              else Status.ATTENDED.value)
    report = ImportReport(source=file_name(path), encoding=table.encoding,
                          unknown_headers=unknown,
                          second_columns=headers.second_columns(table.header, columns),
                          sheet=table.sheet, other_sheets=table.other_sheets,
                          formulas_unsaved=table.formulas_unsaved)
    progress.start(len(table.rows))
    extra_tags = option_tags(options.tags)
    candidates = _check_rows(session, table, columns, options, validate.region(options.region),
                             extra_tags, report, progress, event=event, signed_at=signed_at,
                             labelled=headers.label_columns(table.header, maps),
                             kinds=headers.phone_kinds(table.header, columns))
    del table  # its rows were let go as they were checked
    if event is not None:
        said = next((c for c in candidates if c.status in HAPPENED), None)
        if said is not None:
            attendance.refuse_upcoming(event, f"row {said.row} says {said.status}")
    stamp = dt.datetime.now(dt.timezone.utc)
    opt_out = OptOut(stamp, clock.today(), f"unsubscribe list {report.source}"
                     ) if options.opted_out else None
    row_opt_out = OptOut(stamp, clock.today(), f"opted_out column of {report.source}")
    plan = _plan(session, candidates, mode, report, attending=event is not None,
                 opt_out=opt_out, row_opt_out=row_opt_out, extra_tags=extra_tags)
    report.opted_out = len(plan.consents) - sum(c.match in plan.opted_in for c in plan.consents)
    # a row skipped or rejected keeps nothing: its position is no loss to name
    kept = {n for n, action, _, _ in report.rows if action in ("created", "updated")}
    report.no_organization = [n for n in report.no_organization if n in kept]
    _say_dropped(report)
    moving = _moving_on(session, plan, event.id, status, report) if event is not None else []
    progress.finish()
    if options.dry_run and event is not None:  # what the import would record at the event
        report.attendances = len(plan.create) + len(
            {c.match for c in plan.attend} - _recorded_at(session, event.id))
    if options.dry_run or (report.rejected and not options.skip_invalid):
        return report
    _large_cache(session)
    recorder = import_batches.Recorder(session, report.source, stamp)
    _write(session, plan, stamp, recorder)
    if event is not None:
        report.attendances = _attend(session, plan, event.id, role, status, stamp, recorder)
        _move_on(session, moving, stamp, recorder)
    report.organizations_filled = _fill_organizations(session, plan, recorder)
    report.batch_id = recorder.finish(report.counts)
    return report


def _check_rows(session, table: Table, columns, options, region: str | None,
                extra_tags: list[str], report, progress, *, event=None,
                signed_at: int | None = None,
                labelled: list[tuple[int, int, bool]] = (),
                kinds: list[tuple[int, str]] = ()) -> list[Candidate]:
    """The checked rows; the table's rows are let go as they are read (the checked rows
    take the memory the cells leave). ``region``: the country of national phone numbers
    in a row that names none (see :func:`~stakeholders.services.import_rows._phone_region`); the
    report says when one was read in the ``event``'s country, a sign-in sheet's local
    numbers. ``labelled``: an address book's label columns, each read beside its values
    (:func:`~stakeholders.io.headers.label_columns`); ``kinds``: the label a phone column's
    header gives its numbers (:func:`~stakeholders.io.headers.phone_kinds`); ``signed_at``:
    a signed sheet's signature column (:func:`_signatures`), whose unsigned rows are skipped."""
    lookups = load_lookups(session, region, MatchKey.parse(options.match).value,
                           opted_out=options.opted_out,
                           event_id=event.id if event is not None else None,
                           event_region=event.country if event is not None else None,
                           listed=suppressions.listed(session))
    candidates = []
    dropped: list[Dropped] | None = [] if options.skip_invalid else None
    rows = table.rows
    address_book = headers.address_book(table.header)
    for n, cells in enumerate(rows):
        rows[n] = None
        if n % 1000 == 999:
            progress.advance(1000)
        values = fields_of(headers.with_labels(cells, labelled, kinds)
                           if labelled or kinds else cells, columns)
        if not values:
            continue  # a blank line
        row = table.first_row + n
        if total_line(values, cells):
            report.add(row, "skipped", _totals_label(values, cells),
                       "a totals line, not a person")
            continue
        if signed_at is not None and not _signed(cells, signed_at):
            report.add(row, "skipped", _row_name(values),
                       "not signed: not recorded as come")
            continue
        if address_book and headers.company_entry(values):  # as a company's card is
            report.add(row, "skipped", values["organization"],
                       "an organization's entry, not a person's")
            continue
        if row in table.not_people:
            # named as the card names itself: its organization before an address
            label = _row_name({**values, "email": ""}) or values.get("organization") or \
                values.get("email", "")
            report.add(row, "skipped", label, table.not_people[row])
            continue
        try:
            candidate = check(values, row, lookups, extra_tags, dropped)
            candidates.append(candidate)
            if candidate.position and candidate.org_key is None:
                report.no_organization.append(row)
            if dropped:  # kept without them
                report.dropped += [(row, _column_of(d, cells, columns, table.header), d.reason)
                                   for d in dropped]
        except Invalid as e:  # a row rejected for another reason is said so alone
            report.add(row, "rejected", _row_name(values), e.message)
        if dropped:
            dropped.clear()
    if lookups.read_in_event:
        report.region_of_event = lookups.event_region
    return candidates


#: What a signature cell may say of someone who did not sign: they were not there.
_ABSENT = frozenset({"absent", "absente", "excused", "excuse", "excusee", "no show", "no-show",
                     "did not attend", "not present", "n/a", "na", "-", "–", "—"})


def _signed(cells: Sequence[str], at: int) -> bool:
    """Whether a row's signature cell holds a signature, not a word saying they were absent
    ('Absent', 'Excusé')."""
    cell = cells[at].strip() if len(cells) > at else ""
    return bool(cell) and fold(cell).strip(" .") not in _ABSENT


def _signatures(table: Table) -> int | None:
    """The column of a sign-in sheet's signatures (``report sheet`` prints one), when some row
    was signed: the rows left unsigned are then people listed who did not come, whom an
    import against the event must not record as attended. None when no row was signed (a
    sheet typed out by names alone)."""
    at = headers.signature_column(table.header)
    if at is None:
        return None
    signed = any(_signed(cells, at) for cells in table.rows if cells)
    return at if signed else None


def _column_of(dropped: Dropped, cells: list[str], columns: list[str | None],
               header: list[str]) -> str:
    """The header of the column a dropped value was written in (without the label a label
    column or the header gave it: "0300 123 (Mobile)" was written "0300 123")."""
    value = _GIVEN_LABEL.sub("", dropped.value)
    for i, (name, cell) in enumerate(zip(columns, cells)):
        if name in (dropped.field, headers.CONTACT_FIELD) and value in cell:
            return header[i].strip()
    return dropped.field


_GIVEN_LABEL = re.compile(r"\s*\([^()]*\)$")


def _say_dropped(report: ImportReport) -> None:
    """Each kept row that left out an invalid cell, or a position it had no organization
    for, says which, in its detail."""
    if not report.dropped and not report.no_organization:
        return
    said: dict[int, list[str]] = {}
    for row, column, reason in report.dropped:
        said.setdefault(row, []).append(f"{column} dropped ({reason})")
    for row in report.no_organization:
        said.setdefault(row, []).append("position not kept (no organization)")
    report.rows = [(n, action, name, "; ".join(filter(None, (detail, *said[n]))))
                   if n in said else (n, action, name, detail)
                   for n, action, name, detail in report.rows]


def _totals_label(values: dict[str, str], cells: list[str]) -> str:
    """What names a totals line in the report: its name's cell, else the cell saying Total
    in a column the import passes over (a Sr. No. column)."""
    if total_line(values):
        return _row_name(values) or next(iter(values.values()))
    return next(cell.strip() for cell in cells if cell.strip())


def _row_name(values: dict[str, str]) -> str:
    return values.get("full_name") or " ".join(
        v for v in (values.get("given_name"), values.get("family_name")) if v
    ) or values.get("email", "")


# -- deciding what each row does --------------------------------------------------------------


def _plan(session: Session, candidates: list[Candidate], mode: DuplicateMode,
          report: ImportReport, *, attending: bool, opt_out: OptOut | None = None,
          row_opt_out: OptOut | None = None, extra_tags: Sequence[str]) -> _Plan:
    plan = _Plan(opt_out=opt_out, row_opt_out=row_opt_out)
    if mode is not DuplicateMode.ERROR:
        # a later row naming a person the file creates may be the one that says they opted
        # out: it counts for them whatever --on-duplicate says
        first = {c.row: c for c in candidates if c.match is None and c.same_as_row is None}
        for c in candidates:
            if c.opted_out and c.same_as_row is not None:
                first[c.same_as_row].opted_out = True
    existing = _load_existing(session, {c.match for c in candidates if c.match is not None})
    dated = {c.match: c.opted_out_on for c in candidates
             if c.match is not None and c.opted_out_on is not None and plan.opt_out_of(c)}
    plan.opted_in = consent.opted_in_after(session, dated)
    plan.opted_out = consent.opted_out_on(session, {
        pid: day for pid, day in dated.items() if pid in plan.opted_in})
    # New people whom later rows of the file name again (fill, update; and skip, for the
    # addresses of a row that opts out): row -> what they have
    repeating = mode in (DuplicateMode.FILL, DuplicateMode.UPDATE)
    repeated: dict[int, dict | None] = dict.fromkeys(
        (c.same_as_row for c in candidates if c.same_as_row is not None)
        if mode is not DuplicateMode.ERROR else ())
    listed = _listed_rows(session, candidates)
    for c in candidates:
        if c.row in listed or c.same_as_row in listed:
            report.add(c.row, "skipped", c.name, "email on the suppression list" if c.row in listed
                       else f"the same person as row {c.same_as_row}")
        elif c.same_as_row is not None and repeating:
            _plan_repeat(plan, c, repeated[c.same_as_row], mode, report)
        elif (c.same_as_row is not None and mode is DuplicateMode.SKIP
              and plan.opt_out_of(c) is not None and _keep_addresses(
                  plan, c, repeated[c.same_as_row])):
            report.add(c.row, "updated", c.name, f"the same person as row {c.same_as_row}: email")
        elif c.same_as_row is not None:
            action = "rejected" if mode is DuplicateMode.ERROR else "skipped"
            report.add(c.row, action, c.name, f"the same person as row {c.same_as_row}")
        elif c.match is None:
            plan.create.append(c)
            if c.row in repeated:
                repeated[c.row] = _as_created(c)
            opting_out = plan.opt_out_of(c) is not None
            if opting_out:
                plan.consents.append(c)
            report.add(c.row, "created", c.name, "opted out" if opting_out else "")
        elif mode is DuplicateMode.ERROR:
            report.add(c.row, "rejected", c.name, f"already recorded as person #{c.match}")
        else:
            _plan_match(plan, c, existing[c.match], mode, report, attending, extra_tags)
    return plan


def _listed_rows(session: Session, candidates: list[Candidate]) -> set[int]:
    """The rows that would create a person from an email address on the suppression list:
    someone removed after opting out, or forgotten, is not brought back by an old list."""
    listed = suppressions.listed(session)
    if not listed:
        return set()
    return {c.row for c in candidates
            if c.match is None and c.same_as_row is None and listed.any(c.points("email"))}


#: The fields that spell a person's name.
_SPELLING = ("given_name", "family_name", "full_name")


def _same_name(c: Candidate, given: str | None, family: str | None) -> bool:
    """Whether the row names the person as recorded, only written another way: in other
    capitals, as lists write names ("HALE, David" for David Hale), or in part ("Hale"). Such
    a row leaves the recorded spelling as it is; another spelling (an accent put right, a
    family name changed) replaces it."""
    def letters(value: str | None) -> str:
        return " ".join((value or "").split()).casefold()

    row = (letters(c.given_name), letters(c.family_name))
    return any(row) and all(
        not part or part == known for part, known in zip(row, (letters(given), letters(family))))


def _takes(new, old, fill: bool) -> bool:
    """Whether a row's value replaces what is there: update takes any new non-empty value,
    fill only where there is none."""
    return bool(new) and (not old if fill else new != old)


def _adds(values: list[str], known: set[str], fill: bool) -> list[str]:
    """Which of a row's emails or phones are added to the person's: the new ones under
    update; under fill, the row's where the person has none."""
    return [] if fill and known else [v for v in values if v.casefold() not in known]


def _give(plan: _Plan, c: Candidate, person: dict, kind: str, fill: bool = False) -> bool:
    """Add to the person the row's emails or phones (``kind``) they are not known by (see
    :func:`_adds`); whether any was. A recorded person's are written as contact points, a
    first one primary; a person this file creates (see :func:`_as_created`) takes the first
    as their own, the others after it, each with its remark."""
    known = person[kind]
    first: Candidate | None = person.get("first")
    adding = _adds(c.points(kind), known, fill)
    for value in adding:
        if first is None:
            plan.new_points.append((c, kind, value, not known))  # a first one is primary
        elif known:
            plan.new_points.append((first, kind, value, False))
        else:
            setattr(first, kind, value)  # the person's first: written with them
        if first is not None and c.labels and value in c.labels:  # its remark goes with it
            first.labels = {**(first.labels or {}), value: c.labels[value]}
        known.add(value.casefold())
    return bool(adding)


def _plan_match(plan: _Plan, c: Candidate, person: dict, mode: DuplicateMode,
                report: ImportReport, attending: bool, extra_tags: Sequence[str]) -> None:
    if attending:
        plan.attend.append(c)
    opts_out = plan.opt_out_of(c) is not None
    opting_out = opts_out and not person.get("planned", person["row"])["do_not_email"] \
        and c.match not in plan.opted_out
    # Several rows may match one person: they apply in order, each to what the ones before it
    # planned, and the person is written once, with one before-image for undo.
    fill = mode is DuplicateMode.FILL
    current = person.get("planned", person["row"])
    after = dict(current)
    changes: list[str] = []
    if mode is DuplicateMode.SKIP:  # only what every mode records: --tag and the opt-out
        _tag(plan, c, person, extra_tags, changes)
        if opts_out and _keep_addresses(plan, c, person):
            changes.append("email")
        if opting_out:
            _opt_out(plan, c, after, changes)
        if not changes:
            report.add(c.row, "skipped", c.name, f"already recorded (#{c.match})")
            return
        _planned(plan, c, person, current, after, changes, report)
        return
    same_name = _same_name(c, current["given_name"], current["family_name"])
    for name in PERSON_FIELDS:
        if same_name and name in _SPELLING:
            continue
        if _takes(getattr(c, name), current[name], fill):
            after[name] = getattr(c, name)
    after["name_key"], after["family_key"] = Person.keys_for(
        after["given_name"], after["family_name"], after["full_name"])
    changes += [n for n in PERSON_FIELDS if after[n] != current[n]]
    changes += [kind for kind in ("email", "phone") if _give(plan, c, person, kind, fill)]
    if opts_out and _keep_addresses(plan, c, person):  # fill, where the person has one
        changes.append("email")
    org = c.org_id if c.org_id is not None else c.org_key  # a new one is known by its key
    if c.org_key and org not in person["jobs"] and not (fill and person["jobs"]):
        plan.new_affiliations.append((c, not person["jobs"]))
        person["jobs"][org] = c  # a later row's position goes to the job this row adds
        changes.append("organization")
    elif c.org_key and org in person["jobs"]:
        _plan_position(plan, c, person["jobs"][org], fill, changes)
    _tag(plan, c, person, c.tags, changes)
    if opting_out:
        _opt_out(plan, c, after, changes)
    _planned(plan, c, person, current, after, changes, report)


def _keep_addresses(plan: _Plan, c: Candidate, person: dict) -> bool:
    """Whether a row that opts its person out gives addresses they are not recorded with,
    which are then added to them (whatever --on-duplicate says): the address a list says
    asked not to be mailed stays on record as theirs, so that the opt-out reaches it (no
    export carries the address of someone opted out) and a later list naming it finds this
    person instead of adding a new one who would be mailed. ``person``: a recorded person's
    look-ups, or what a person the file creates has (see :func:`_as_created`)."""
    return _give(plan, c, person, "email")


def _tag(plan: _Plan, c: Candidate, person: dict, tags: Sequence[str],
         changes: list[str]) -> None:
    """Those of ``tags`` the matched person does not have yet."""
    new = [t for t in tags if fold(t) not in person["tags"]]
    if new:
        plan.new_tags.append((c, new))
        person["tags"].update(fold(t) for t in new)
        changes.append("tags")


def _plan_position(plan: _Plan, c: Candidate, job: Candidate | dict, fill: bool,
                   changes: list[str]) -> None:
    """The row's position at an organization the person already has: the recorded job's
    (``job``, its planned row) or the one an earlier row of the file adds (its candidate)."""
    if isinstance(job, Candidate):
        if _takes(c.position, job.position, fill):
            job.position = c.position
            changes.append("position")
        return
    if _takes(c.position, job["position"], fill):
        before = plan.jobs[job["id"]][0] if job["id"] in plan.jobs else dict(job)
        job["position"] = c.position
        plan.jobs[job["id"]] = (before, job)
        changes.append("position")


def _opt_out(plan: _Plan, c: Candidate, after: dict, changes: list[str]) -> None:
    """Mark the matched person (``after``, their planned row) as not to be emailed."""
    plan.consents.append(c)
    since = plan.opted_in.get(c.match)
    if since is not None:  # dated back before their opt-in: recorded, not in force
        changes.append(f"opt-out of {c.opted_out_on} not in force (opted in {since})")
        return
    opt_out = plan.opt_out_of(c)
    after.update(do_not_email=True, do_not_email_at=opt_out.at,
                 do_not_email_reason=opt_out.reason)
    changes.append("opted out")


def _planned(plan: _Plan, c: Candidate, person: dict, current: dict, after: dict,
             changes: list[str], report: ImportReport) -> None:
    if not changes:
        report.add(c.row, "skipped", c.name, f"nothing new for #{c.match}")
        return
    if after != current:
        person["planned"] = after
        plan.update[c.match] = (c, person["row"], after)
    report.add(c.row, "updated", c.name, f"#{c.match}: " + ", ".join(changes))


def _as_created(c: Candidate) -> dict:
    """What the person a row creates has, as :func:`_plan_repeat` adds to it."""
    return {"first": c, "email": {e.casefold() for e in c.points("email")},
            "phone": {p.casefold() for p in c.points("phone")},
            "jobs": {c.org_key: c} if c.org_key else {}, "tags": {fold(t) for t in c.tags}}


def _plan_repeat(plan: _Plan, c: Candidate, person: dict, mode: DuplicateMode,
                 report: ImportReport) -> None:
    """A later row for a person this file creates: with fill or update it adds to them what
    a matching row would add to a recorded person (it is not dropped for being second)."""
    first: Candidate = person["first"]
    fill = mode is DuplicateMode.FILL
    changes = []
    same_name = _same_name(c, first.given_name, first.family_name)
    for name in PERSON_FIELDS:
        if same_name and name in _SPELLING:
            continue
        if _takes(getattr(c, name), getattr(first, name), fill):
            setattr(first, name, getattr(c, name))
            changes.append(name)
    if changes:
        first.keys = Person.keys_for(first.given_name, first.family_name, first.full_name)
    changes += [kind for kind in ("email", "phone") if _give(plan, c, person, kind, fill)]
    jobs = person["jobs"]  # organization key -> the candidate whose position it holds
    if c.org_key and c.org_key not in jobs and not (fill and jobs):
        if jobs:
            plan.new_affiliations.append((c, False))
            plan.repeats.append((c, first))
            jobs[c.org_key] = c
        else:
            first.org_name, first.org_key, first.org_id = c.org_name, c.org_key, c.org_id
            first.sector, first.country = first.sector or c.sector, first.country or c.country
            first.position = c.position
            jobs[c.org_key] = first
        changes.append("organization")
    elif c.org_key in jobs:
        _plan_position(plan, c, jobs[c.org_key], fill, changes)
    tags = [t for t in c.tags if fold(t) not in person["tags"]]
    if tags:
        first.tags = first.tags + tags
        person["tags"].update(fold(t) for t in tags)
        changes.append("tags")
    if changes:
        report.add(c.row, "updated", c.name,
                   f"the same person as row {first.row}: " + ", ".join(changes))
    else:
        report.add(c.row, "skipped", c.name, f"the same person as row {first.row}")


def _load_existing(session: Session, ids: set[int]) -> dict[int, dict]:
    """The matched people's rows, contact values, organizations and tags, a few statements
    per 5,000 people."""
    people: dict[int, dict] = {}
    ordered = sorted(ids)
    table = Person.__table__
    for chunk in _chunks(ordered):
        for row in session.execute(select(*rowlog.exact_columns(table))
                                   .where(table.c.id.in_(chunk))).mappings():
            people[row["id"]] = {"row": dict(row), "email": set(), "phone": set(), "jobs": {},
                                 "tags": set()}
        for pid, kind, key in session.execute(
            select(ContactPoint.person_id, ContactPoint.kind, ContactPoint.value_key)
            .where(ContactPoint.person_id.in_(chunk), ContactPoint.kind.in_(("email", "phone")))
        ):
            people[pid][kind].add(key)
        jobs = Affiliation.__table__
        # a person's job at an organization: the one held today, the primary first, else the
        # last
        for row in session.execute(select(*rowlog.exact_columns(jobs))
                                   .where(jobs.c.person_id.in_(chunk)).order_by(
                held_today(), jobs.c.is_primary, jobs.c.id)).mappings():
            people[row["person_id"]]["jobs"][row["organization_id"]] = dict(row)
        for pid, tag_key in session.execute(
            select(PersonTag.person_id, Tag.name_key).join(Tag, Tag.id == PersonTag.tag_id)
            .where(PersonTag.person_id.in_(chunk))
        ):
            people[pid]["tags"].add(tag_key)
    return people


def _chunks(items: Sequence, size: int = BATCH_ROWS):
    for start in range(0, len(items), size):
        yield items[start:start + size]


# -- writing ----------------------------------------------------------------------------------


def _large_cache(session: Session) -> None:
    """SQLite keeps 2 MB of pages by default: bulk inserts into indexed tables then re-read
    index pages from disk. 128 MB for this connection only."""
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql("PRAGMA cache_size = -131072")


def _reserve_ids(session: Session, table, count: int) -> list[int]:
    """Ids for ``count`` new rows, so that inserts need no RETURNING: PostgreSQL hands them out
    from the table's sequence; SQLite continues after the largest id and after the table's
    AUTOINCREMENT counter (which remembers ids deleted at the top, never to be given out
    again), which is safe because the import holds the database's write lock from its first
    statement (BEGIN IMMEDIATE)."""
    if not count:
        return []
    if session.get_bind().dialect.name == "postgresql":
        return sorted(session.scalars(
            text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
            {"t": table.name, "n": count}))
    last = session.scalar(text(
        f'SELECT max(coalesce((SELECT max(id) FROM "{table.name}"), 0), '
        "coalesce((SELECT seq FROM sqlite_sequence WHERE name = :t), 0))"), {"t": table.name})
    return list(range(last + 1, last + count + 1))


def _insert(session: Session, model, names: tuple[str, ...], rows: Iterable[tuple],
            count: int | None = None) -> list[int]:
    """INSERT ``rows`` (tuples of the ``names`` columns; ``count`` of them when ``rows`` is
    an iterator) in batches through the driver's executemany (the fastest path the
    benchmarks found: no per-row parameter processing, one statement per batch whatever the
    number of rows); returns the new ids in order, which go in front of each row.

    Rows are taken a batch at a time, so an iterator never holds them all in memory. Values
    need no conversion except timestamps, which callers pass through :func:`_stored`, as they
    do truth values: SQLite's driver binds a bool only after looking, and failing, to find an
    adapter for it, every time, where the 1 or 0 the dialect makes of it is bound at once."""
    table = model.__table__
    count = len(rows) if count is None else count
    ids = _reserve_ids(session, table, count) if "id" in table.c else []
    if not count:
        return ids
    conn = session.connection()
    quote = conn.dialect.identifier_preparer.quote
    if ids:
        names = ("id",) + names
        # strict: a count that disagrees with the rows is a bug, not rows to drop silently
        rows = ((ident,) + row for ident, row in zip(ids, rows, strict=True))
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
           f"VALUES ({', '.join([mark] * len(names))})")
    rows = iter(rows)
    while chunk := list(islice(rows, BATCH_ROWS)):
        conn.exec_driver_sql(sql, chunk)
    return ids


def _stored(session: Session, value: dt.date | dt.datetime | bool):
    """A date, time or truth value as the driver is handed it for a column of its type
    (SQLite: SQLAlchemy's text form of a time, 1 or 0), for rows written through the
    driver's executemany."""
    type_ = (Boolean() if isinstance(value, bool) else DateTime(timezone=True)
             if isinstance(value, dt.datetime) else Date())
    dialect = session.get_bind().dialect
    process = type_.dialect_impl(dialect).bind_processor(dialect)
    return process(value) if process else value


PERSON_COLUMNS = ("honorific", "title", "given_name", "family_name", "full_name", "name_key",
                  "family_key", "notes", "created_at", "updated_at")
OPT_OUT_COLUMNS = ("do_not_email", "do_not_email_at", "do_not_email_reason")
POINT_COLUMNS = ("person_id", "kind", "value", "value_key", "label", "is_primary", "created_at",
                 "updated_at")
AFFILIATION_COLUMNS = ("person_id", "organization_id", "position", "is_primary", "created_at",
                       "updated_at")


def _write(session: Session, plan: _Plan, stamp: dt.datetime,
           recorder: import_batches.Recorder) -> None:
    at = _stored(session, stamp)
    yes, no = _stored(session, True), _stored(session, False)
    # Organizations are created only for rows that write an affiliation (new people, new
    # affiliations); rows that only update, tag or attend reuse an id created for the same name.
    joining = plan.create + [c for c, _ in plan.new_affiliations]
    others = ([c for c, _, _ in plan.update.values()] + [c for c, _ in plan.new_tags]
              + plan.attend)
    _create_organizations(session, joining, at, recorder, others)
    tag_ids = _tag_ids(session, chain((t for c in plan.create for t in c.tags),
                                      (t for _, tags in plan.new_tags for t in tags)),
                       at, recorder)
    # new people an unsubscribe list or their row opts out carry the opt-out; when none does,
    # the columns keep their defaults
    opting_out = bool(plan.consents)
    person_ids = _insert(session, Person, PERSON_COLUMNS + (
        OPT_OUT_COLUMNS if opting_out else ()), (
        (c.honorific, c.title, c.given_name, c.family_name, c.full_name, c.keys[0], c.keys[1],
         c.notes, at, at,
         *(_opt_out_columns(plan.opt_out_of(c), at, yes, no) if opting_out else ()))
        for c in plan.create), len(plan.create))
    for c, ident in zip(plan.create, person_ids):
        c.match = ident
    for c, first in plan.repeats:
        c.match = first.match
    recorder.created("people", person_ids)
    _update_rows(session, Person, PERSON_FIELDS + ("name_key", "family_key") + OPT_OUT_COLUMNS,
                 [(before, after) for _, before, after in plan.update.values()], stamp,
                 recorder)
    _update_rows(session, Affiliation, ("position",), list(plan.jobs.values()), stamp,
                 recorder)

    emails = [c for c in plan.create if c.email]
    phones = [c for c in plan.create if c.phone]
    # a new person's further emails and phones: theirs, like the primary ones
    more = [(c, kind, value) for c in plan.create
            for kind, values in (("email", c.other_emails), ("phone", c.other_phones))
            for value in values]
    points = chain(
        ((c.match, "email", c.email, c.email.casefold(), _label(c, c.email), yes, at, at)
         for c in emails),
        ((c.match, "phone", c.phone, c.phone.casefold(), _label(c, c.phone), yes, at, at)
         for c in phones),
        ((c.match, kind, value, value.casefold(), _label(c, value), no, at, at)
         for c, kind, value in more),
        ((c.match, kind, value, value.casefold(), _label(c, value), yes if primary else no,
          at, at)
         for c, kind, value, primary in plan.new_points))
    own = len(emails) + len(phones) + len(more)
    ids = _insert(session, ContactPoint, POINT_COLUMNS, points, own + len(plan.new_points))
    recorder.created("contact_points", ids[own:])

    first_jobs = [(c, True) for c in plan.create if c.org_id is not None]  # new people's
    ids = _insert(session, Affiliation, AFFILIATION_COLUMNS, (
        (c.match, c.org_id, c.position, yes if primary else no, at, at)
        for c, primary in chain(first_jobs, plan.new_affiliations)
    ), len(first_jobs) + len(plan.new_affiliations))
    recorder.created("affiliations", ids[len(first_jobs):])
    plan.added_posts = set(ids[len(first_jobs):])

    pairs = {(c.match, tag_ids[fold(t)]) for c in plan.create for t in c.tags}
    later = {(c.match, tag_ids[fold(t)]) for c, tags in plan.new_tags for t in tags} - pairs
    later -= _existing_person_tags(session, later)
    _insert(session, PersonTag, ("person_id", "tag_id", "created_at", "updated_at"),
            [(p, t, at, at) for p, t in sorted(pairs | later)])
    recorder.created("person_tags", [list(pair) for pair in sorted(later)])

    if plan.consents:
        days = {day: _stored(session, day) for day in map(plan.opted_out_on, plan.consents)}
        recorder.created("consents", _insert(session, Consent, (
            "person_id", "channel", "status", "given_on", "source", "created_at", "updated_at"
        ), [(c.match, Channel.EMAIL.value, ConsentStatus.OPT_OUT.value,
             days[plan.opted_out_on(c)], plan.opt_out_of(c).source, at, at)
            for c in plan.consents]))


def _opt_out_columns(opt_out: OptOut | None, at, yes, no) -> tuple:
    """A new person's do-not-email columns: set by an opt-out, else as by default (``yes``
    and ``no``: true and false as stored, see :func:`_stored`)."""
    return (yes, at, opt_out.reason) if opt_out is not None else (no, None, None)


def _update_rows(session: Session, model, columns: tuple[str, ...],
                 updates: list[tuple[dict, dict]], stamp, recorder) -> None:
    """Write each (before, after) pair's ``columns`` (and the time), one executemany per
    5,000 rows, and record both images for undo."""
    if not updates:
        return
    table = model.__table__
    columns += ("updated_at",)
    stmt = (update(table).where(table.c.id == bindparam("_id"))
            .values({name: bindparam(f"_{name}") for name in columns}))
    params = []
    for before, after in updates:
        after["updated_at"] = stamp
        params.append({"_id": before["id"], **{f"_{n}": after[n] for n in columns}})
        recorder.updated(table.name, before, after)
    for chunk in _chunks(params):
        session.execute(stmt, chunk)


def _create_organizations(session: Session, candidates: list[Candidate], stamp,
                          recorder, others: list[Candidate]) -> None:
    """New organizations for ``candidates``, named as first written; they and ``others`` get
    the id of the organization created for their name."""
    new: dict[str, Candidate] = {}
    for c in candidates:
        if c.org_key and c.org_id is None:
            new.setdefault(c.org_key, c)
    rows = [(c.org_name, key, c.sector or Sector.OTHER.value, c.country, stamp, stamp)
            for key, c in new.items()]
    ids = dict(zip(new, _insert(session, Organization, (
        "name", "name_key", "sector", "country", "created_at", "updated_at"), rows)))
    recorder.created("organizations", list(ids.values()))
    for c in chain(candidates, others):
        if c.org_key in ids and c.org_id is None:
            c.org_id = ids[c.org_key]


def _tag_ids(session: Session, names: Iterable[str], stamp, recorder) -> dict[str, int]:
    wanted = {fold(t): t for t in names}
    ids = dict(session.execute(
        select(Tag.name_key, Tag.id).where(Tag.name_key.in_(list(wanted)))).all())
    missing = [k for k in wanted if k not in ids]
    new = _insert(session, Tag, ("name", "name_key", "created_at", "updated_at"),
                  [(wanted[k], k, stamp, stamp) for k in missing])
    recorder.created("tags", new)
    ids.update(zip(missing, new))
    return ids


def _existing_person_tags(session: Session, pairs: set[tuple[int, int]]) -> set[tuple[int, int]]:
    people = sorted({p for p, _ in pairs})
    found: set[tuple[int, int]] = set()
    for chunk in _chunks(people):
        found.update((p, t) for p, t in session.execute(
            select(PersonTag.person_id, PersonTag.tag_id).where(PersonTag.person_id.in_(chunk))))
    return found & pairs


def _label(c: Candidate, value: str) -> str | None:
    """The remark the row wrote after this phone number, or the label its address book gave
    this email or phone, if any."""
    return c.labels.get(value) if c.labels else None


def _moving_on(session: Session, plan: _Plan, event_id: int, status: str,
               report: ImportReport) -> list[tuple[dict, str]]:
    """The matched people's attendances at the event whose status their row's (else
    ``status``) replaces (see :func:`stakeholders.vocab.status_replaces`), as (row, new
    status) pairs; each row's report says so. A few statements per 5,000."""
    wanted = {c.match: c for c in plan.attend}
    table = Attendance.__table__
    moving = []
    for chunk in _chunks(sorted(wanted)):
        for r in session.execute(select(*rowlog.exact_columns(table)).where(
                table.c.event_id == event_id, table.c.person_id.in_(chunk))).mappings():
            new = wanted[r["person_id"]].status or status
            if status_replaces(new, r["status"]):
                moving.append((dict(r), new))
    changed = {wanted[r["person_id"]].row: f"{r['status']} -> {new}" for r, new in moving}
    report.rows = [(n, action, name, f"{detail}; {changed[n]} at the event")
                   if n in changed else (n, action, name, detail)
                   for n, action, name, detail in report.rows]
    report.status_changes = Counter(new for _, new in moving)
    return moving


def _move_on(session: Session, moving: list[tuple[dict, str]], stamp: dt.datetime,
             recorder) -> None:
    table = Attendance.__table__
    for status in sorted({new for _, new in moving}):
        for chunk in _chunks([r["id"] for r, new in moving if new == status]):
            session.execute(update(table).where(table.c.id.in_(chunk))
                            .values(status=status, updated_at=stamp))
    for before, status in moving:
        recorder.updated("attendances", before, {**before, "status": status,
                                                 "updated_at": stamp})


def _posts_on(session: Session, event_id: int, person_ids: list[int]) -> dict[int, int]:
    """The organization of each person's post on the event's date, for those who held one
    (as ``attendance add`` picks it)."""
    day = session.get(Event, event_id).start_date
    picked = {pid: pick_affiliation(rows, day)
              for pid, rows in _posts_of(session, person_ids).items()}
    return {pid: post.organization_id for pid, post in picked.items() if post is not None}


def _posts_of(session: Session, person_ids: Iterable[int]) -> dict[int, list]:
    """Each person's affiliations (the columns :func:`pick_affiliation` reads), a statement
    per 5,000 people."""
    posts: dict[int, list] = {}
    for chunk in _chunks(sorted(person_ids)):
        for row in session.execute(
            select(Affiliation.id, Affiliation.person_id, Affiliation.organization_id,
                   Affiliation.start_date, Affiliation.end_date, Affiliation.is_primary)
            .where(Affiliation.person_id.in_(chunk)).order_by(Affiliation.id)
        ):
            posts.setdefault(row.person_id, []).append(row)
    return posts


def _fill_organizations(session: Session, plan: _Plan, recorder) -> int:
    """The attendances of people recorded before this import, which it gave a new post,
    that took no organization for want of a post on their event's date (no --org, no column):
    each takes the organization of the person's post on that date now when that post is the
    new one, as after `person affiliate`. As there, this is no edit of the attendance (its
    time stays); the batch records it, so that undoing the import takes it back. A few
    statements per 5,000."""
    people = {c.match for c, _ in plan.new_affiliations if c.match is not None}
    table = Attendance.__table__
    empty = []
    for chunk in _chunks(sorted(people)):
        empty += session.execute(
            select(*rowlog.exact_columns(table), Event.start_date.label("_day"))
            .join(Event, Event.id == table.c.event_id)
            .where(table.c.person_id.in_(chunk), table.c.organization_id.is_(None),
                   table.c.organization_defaulted.is_(True))).mappings().all()
    if not empty:
        return 0
    posts = _posts_of(session, {r["person_id"] for r in empty})
    filling: dict[int, list[dict]] = {}
    for r in empty:
        post = pick_affiliation(posts.get(r["person_id"], []), r["_day"])
        if post is not None and post.id in plan.added_posts:
            filling.setdefault(post.organization_id, []).append(
                {k: v for k, v in r.items() if k != "_day"})
    for org, rows in filling.items():
        for chunk in _chunks([r["id"] for r in rows]):
            session.execute(update(table).where(table.c.id.in_(chunk))  # its time stays
                            .values(organization_id=org, updated_at=table.c.updated_at))
        for before in rows:
            recorder.updated("attendances", before, {**before, "organization_id": org})
    return sum(map(len, filling.values()))


def _recorded_at(session: Session, event_id: int) -> set[int]:
    """The people with an attendance at the event, in any status."""
    return set(session.scalars(select(Attendance.person_id).where(
        Attendance.event_id == event_id)))


def _attend(session: Session, plan: _Plan, event_id: int, role: str, status: str, stamp,
            recorder) -> int:
    """Record every imported person as at the event, unless already recorded there, in their
    row's role and status, else the options'."""
    people = {c.match: c for c in plan.create + plan.attend}
    stamp = _stored(session, stamp)
    yes, no = _stored(session, True), _stored(session, False)
    there = _recorded_at(session, event_id)
    # the row's organization is given: it stays if the event's date moves; a row without one
    # takes the person's post on the event's date, and follows the date, as attendance add does
    posts = _posts_on(session, event_id, [pid for pid, c in people.items()
                                          if pid not in there and c.org_id is None])
    rows = [(event_id, pid, c.org_id or posts.get(pid), yes if c.org_id is None else no,
             c.role or role, c.status or status, stamp, stamp)
            for pid, c in people.items() if pid not in there]
    ids = _insert(session, Attendance, ("event_id", "person_id", "organization_id",
                                        "organization_defaulted", "role", "status",
                                        "created_at", "updated_at"), rows)
    created = {c.match for c in plan.create}
    recorder.created("attendances",
                     [i for i, r in zip(ids, rows) if r[1] not in created])
    return len(rows)
