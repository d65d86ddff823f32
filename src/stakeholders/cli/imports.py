"""``import contacts|list|undo``: contact lists and sign-in sheets in, as undoable batches."""

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Optional

import typer

from stakeholders.cli import options as opt
from stakeholders.cli.common import FormatOption, info, new_id, session
from stakeholders.errors import Invalid
from stakeholders.render import Format, write_rows
from stakeholders.vocab import DuplicateMode, MatchKey

import_app = typer.Typer(
    help="Import contact lists and sign-in sheets (CSV, .xlsx, JSON or vCard); list and undo them.",
    rich_markup_mode=None, no_args_is_help=True, pretty_exceptions_show_locals=False,
)

#: Files with more rows than this get a progress bar (on a terminal).
PROGRESS_ROWS = 5000


class _Bar:
    """A progress bar on stderr, only for big files and only on a terminal."""

    def __init__(self) -> None:
        self.bar = None

    def start(self, total: int) -> None:
        if total > PROGRESS_ROWS and sys.stderr.isatty():
            self.bar = typer.progressbar(length=total, label="Checking rows", file=sys.stderr)
            self.bar.__enter__()

    def advance(self, rows: int) -> None:
        if self.bar is not None:
            self.bar.update(rows)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@import_app.command("contacts")
def import_contacts(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A .csv, .xlsx, .json or .vcf file.", exists=True,
                                         dir_okay=False, show_default=False)],
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Check and report; write nothing. Fails (exit 1) as the import "
        "would when a row is rejected.")] = False,
    on_duplicate: Annotated[DuplicateMode, typer.Option(
        help="A row matching a recorded person (see --match): skip it, update (overwrite "
        "with the row's non-empty values), fill (only empty fields) or reject it.",
        case_sensitive=False)] = DuplicateMode.SKIP,
    match: Annotated[MatchKey, typer.Option(
        help="How a row is known as a recorded person: email (the same email, else the same "
        "name and organization), name (the same name and organization only, for addresses "
        "people share) or both (the same email and name).", case_sensitive=False)
    ] = MatchKey.EMAIL,
    map_: Annotated[Optional[list[str]], typer.Option(
        "--map", help="HEADER=FIELD for a column not recognised (repeatable; FIELD: given_name, "
        "family_name, full_name, email, phone, organization, position, … or ignore).")] = None,
    encoding: Annotated[Optional[str], typer.Option(
        help="The file's encoding, e.g. cp1252. Default: UTF-16 when the file starts with its "
        "byte-order mark, else UTF-8, else cp1252, else Latin-1.")] = None,
    sheet: Annotated[Optional[str], typer.Option(
        help="The sheet of an .xlsx workbook to read, by its name or number (default: the "
        "first; the others that hold something are named as not read).")] = None,
    region: Annotated[Optional[str], typer.Option(
        help="Country of phone numbers written without +code, e.g. PK, in rows that give no "
        "country of their own. Default: $STAKEHOLDERS_REGION, else the row's organization's "
        "country, else the country of --event.",
        callback=opt.refuse_empty("a country code such as PK"))] = None,
    tag: Annotated[Optional[list[str]], typer.Option(
        "--tag", help="Tag everyone the file names, new or already recorded (repeatable).")] = None,
    event: Annotated[Optional[str], opt.reference_option(
        "--event", help="Record everyone as at this event; a status already recorded there only moves "
        "forward (invited -> attended).")] = None,
    role: Annotated[Optional[str], typer.Option(
        help="Their role at --event (default attendee), where a row has no Role column "
        "of its own.")] = None,
    status: Annotated[Optional[str], typer.Option(
        help="Their status at --event (default attended), where a row has no Status column "
        "of its own.")] = None,
    opted_out: Annotated[bool, typer.Option(
        "--opted-out", help="An unsubscribe list: everyone in it asked not to be emailed. "
        "Each person (new or recorded, whatever --on-duplicate says) gets an email opt-out "
        "dated today; a row with only an email is kept under that address.")] = False,
    skip_invalid: Annotated[bool, typer.Option(
        "--skip-invalid", help="Import the good rows even if some are rejected; a row whose "
        "only fault is an invalid email or phone is kept without it.")] = False,
) -> None:
    """Import people from a CSV, .xlsx, JSON or vCard file as one batch (undo with `import undo`).

    Every row is checked first; any rejected row means nothing is written (unless
    --skip-invalid), and the rejected rows are listed with their reasons. Prints the batch id.

    \b
    Example: stakeholders import contacts sign-in.xlsx --event 1 --tag launch-2017
    """
    from stakeholders.services.imports import ImportOptions, import_contacts as run

    options = ImportOptions(dry_run=dry_run, on_duplicate=on_duplicate.value,
                            match=match.value, maps=map_ or (),
                            encoding=encoding, sheet=sheet, region=region, tags=tag or (),
                            event=event, role=role, status=status,
                            skip_invalid=skip_invalid, opted_out=opted_out)
    with session(ctx, write=not dry_run) as s:
        report = run(s, file, options, _Bar())
    if report.encoding and report.encoding != "utf-8":
        info(f"Read {file.name} as {report.encoding}")
    if report.other_sheets:
        info(f"Read the sheet {report.sheet!r} only; not read: "
             f"{_first_five(map(repr, report.other_sheets))} (--sheet NAME to read another)")
    if report.formulas_unsaved:
        from stakeholders.text import counted

        info(f"Read as empty: {counted(len(report.formulas_unsaved), 'formula cell')} with no "
             f"value saved ({_first_five(report.formulas_unsaved)}); the workbook was written "
             "by a program that does not compute formulas: open it in Excel or LibreOffice, "
             "save it, and import it again")
    if report.unknown_headers:
        info("Ignored columns: " + ", ".join(report.unknown_headers))
    if report.second_columns:
        info("Read only where the column before is empty: " + ", ".join(report.second_columns))
    if report.region_of_event:
        info(f"Phone numbers without a country code read as {report.region_of_event}, the "
             "event's country (--region to say otherwise)")
    if report.no_organization:
        rows = report.no_organization
        info(f"Position not kept where the row names no organization (a position is held at "
             f"one): {'row' if len(rows) == 1 else 'rows'} {_first_five(map(str, rows))}")
    if dry_run:
        write_rows(report.actions, Format.TABLE, ["row", "action", "name", "detail"])
        info(f"Dry run, nothing written: would be {report.summary()}")
    else:
        for line in report.problems:
            info(line)
    if report.rejected and not skip_invalid:  # the import writes nothing (a dry run: would not)
        from stakeholders.text import counted

        n = len(report.rejected)
        raise Invalid(f"{counted(n, 'row')} rejected; nothing was imported (fix "
                      f"{'it' if n == 1 else 'them'}, or import the rest with --skip-invalid)")
    if not dry_run:
        new_id(report.batch_id, f"Imported batch {report.batch_id}: {report.summary()}")


def _first_five(items: Iterable[str]) -> str:
    """'a, b, c, d, e and 2 more': the first five, then how many are left unnamed."""
    items = list(items)
    more = f" and {len(items) - 5} more" if len(items) > 5 else ""
    return ", ".join(items[:5]) + more


@import_app.command("list")
def import_list(ctx: typer.Context, format: FormatOption = Format.TABLE) -> None:
    """List the import batches, oldest first.

    \b
    Example: stakeholders import list
    """
    from stakeholders.services.import_batches import list_batches

    with session(ctx, write=False) as s:
        rows = list_batches(s)
    write_rows(rows, format, ["batch", "imported_at", "source", "created", "updated", "skipped",
                              "rejected"])


BatchId = opt.record_id("The batch id (see `import list`).")


@import_app.command("undo")
def import_undo(
    ctx: typer.Context,
    batch: BatchId,
) -> None:
    """Remove what an import created and restore what it changed.

    Refuses when later edits would be lost.

    \b
    Example: stakeholders import undo 3
    """
    from stakeholders.services.import_batches import NOUNS, undo
    from stakeholders.text import counted

    with session(ctx, write=True) as s:
        done = undo(s, batch)
    order = list(NOUNS)
    deleted = ", ".join(
        counted(n, NOUNS[table]) for table, n in
        sorted(done["deleted"].items(), key=lambda item: order.index(item[0]))) or "nothing"
    restored = counted(done["restored"], "row") if done["restored"] else "nothing"
    info(f"Undid batch {batch}: deleted {deleted}; restored {restored}")


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
