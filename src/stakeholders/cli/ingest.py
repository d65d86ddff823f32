"""``stakeholders ingest``: read a press release, review what it proposes, write it with --yes."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from stakeholders.cli import options as opt
from stakeholders.cli.common import FormatOption, info, one_of, session, warn
from stakeholders.render import Format


#: The share of the review table's width its sentence column gets, one line per record
#: (--format json has every sentence whole); the record, its match and confidence share the rest.
SOURCE_SHARE = 0.2


def ingest(
    ctx: typer.Context,
    file: Annotated[
        Path,
        # a path, opened below, so that a missing file or a folder is refused in a sentence
        # as by every command taking a file ("File 'x' does not exist.")
        opt.reference_argument(
            "The press release, plain text (UTF-8, UTF-16 with a byte-order mark, or Windows' "
            "cp1252); - reads standard input.", metavar="FILE",
            what="a file name, or - for standard input", exists=True, dir_okay=False,
            allow_dash=True),
    ],
    event: Annotated[
        Optional[str],
        opt.reference_option("--event", help="Attach to this existing event (id, name or campaign "
                     "acronym) instead of the one the release describes."),
    ] = None,
    new_event: Annotated[
        bool,
        typer.Option("--new-event", help="Always create a new event, even when one with the "
                     "same name and date exists."),
    ] = False,
    campaign: Annotated[
        Optional[str],
        opt.reference_option("--campaign", metavar="CAMPAIGN",
                             help="Also link the event to this existing campaign."),
    ] = None,
    region: Annotated[
        Optional[str],
        typer.Option("--region", help="Country code (ISO 3166) of the event when the dateline "
                     "names none.", callback=opt.refuse_empty("a country code such as PK")),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the review only; write nothing (default).")
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Write the new records, in one transaction, as an import batch.")
    ] = False,
    include_low: Annotated[
        bool,
        typer.Option("--include-low-confidence",
                     help="Also write records read with low confidence (with --yes; "
                     "without it, the review shows them as new)."),
    ] = False,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Read a press release into proposed records, matched against the database.

    Prints a review: each record, the existing record it matches (#id) or 'new', the
    sentence it came from and a confidence. Nothing is written without --yes (whether or
    not standard input is a terminal); with --yes, the new records are written in one
    transaction and ingesting the same release again adds nothing.

    \b
    Example: stakeholders ingest press-release.txt --yes
    """
    from stakeholders.errors import Invalid
    from stakeholders.io.decoding import decode
    from stakeholders.services import ingest as service
    from stakeholders.text import file_name

    one_of(ctx, {"--dry-run": dry_run, "--yes": yes})
    one_of(ctx, {"--event": event is not None, "--new-event": new_event})
    if str(file) == "-":
        from typer._click.utils import get_binary_stream

        data, source = get_binary_stream("stdin").read(), "stdin"
    else:
        data, source = file.read_bytes(), file_name(file)
    text, _ = decode(data, None)
    if not text.strip():
        raise Invalid("the press release is empty")
    if "\0" in text:  # a Word file or a PDF: read as text, it would propose garbage
        raise Invalid(f"{source} is not plain text (it holds a NUL byte); save the release as "
                      "text (.txt) and ingest that")
    with session(ctx, write=yes) as s:
        outcome = service.ingest(s, text, write=yes, include_low=include_low, source=source,
                                 event=event, new_event=new_event, campaign=campaign,
                                 region=region)
    _show(outcome.review, fmt)
    _tell(outcome, written=yes, include_low=include_low)
    if suppressed := outcome.review.suppressed():
        from stakeholders.text import counted

        info(f"Not written, as their email address is on the suppression list: "
             f"{counted(suppressed, 'person')} (nor what hangs on them).")
    warn(outcome.warnings)


def _show(review, fmt: Format) -> None:
    import sys

    from stakeholders.render import report_width, write_record, write_rows

    if fmt is Format.JSON:
        write_record(review.contract(), fmt)
        return
    if fmt is Format.TABLE:
        sys.stdout.write(_review_table(review.rows(), report_width(sys.stdout)) + "\n")
    else:
        write_rows(review.rows(whole=True), fmt)  # CSV: every sentence whole, as in JSON
    warn(review.warnings())
    if review.unsure():
        info("Records marked 'low confidence' are written only with --include-low-confidence.")


def _review_table(rows: list[dict], width: int) -> str:
    """The review as a table ``width`` characters wide at most: the sentence each record came
    from gets :data:`SOURCE_SHARE` of it (or what the other columns leave, when they fit),
    cut to one line; the record, its match and confidence wrap between words in the rest,
    the record taking what the others leave."""
    from stakeholders.render import MIN_COLUMN, fit_widths, table, wrap_cells
    from stakeholders.text import shortened

    if not rows:
        return table(rows)
    columns = [c for c in rows[0] if c != "source"]
    body = [[r[c] for c in columns] for r in rows]
    separators = 2 * len(columns)
    room = width - separators - int(width * SOURCE_SHARE)
    widths = fit_widths(columns, body, room)
    record = columns.index("record")
    if max(len(r["record"]) for r in rows) > widths[record]:
        widths[record] += max(0, room - sum(widths))
    room = max(MIN_COLUMN, width - separators - sum(widths))
    laid = [dict(zip(columns, cells), source=shortened(r["source"], room))
            for cells, r in zip(wrap_cells(body, widths), rows)]
    return table(laid, width=width)


def _tell(outcome, *, written: bool, include_low: bool = False) -> None:
    if not written:
        if outcome.review.writes():
            # the review shows what that command writes: with --include-low-confidence, the
            # records read with low confidence too, which --yes alone would leave out
            again = "--yes --include-low-confidence" if include_low else "--yes"
            info(f"Dry run: nothing was written; run again with {again} to write the new "
                 "records.")
        else:  # --yes would add nothing: say so, not that there is something to write
            info("Dry run: nothing was written, and --yes would add nothing new.")
    elif not (outcome.added or outcome.acronyms or outcome.filled) \
            and (withheld := outcome.review.withheld()):
        from stakeholders.text import counted

        info(f"Nothing was written: {counted(withheld, 'record')} left out (the review says "
             "why) and nothing else is new.")
    elif not (outcome.added or outcome.acronyms or outcome.filled):
        info("Nothing new: every record is already in the database.")
    else:
        from stakeholders.text import counted

        added = ", ".join(f"{table.replace('_', ' ')} {n}" for table, n in outcome.added.items())
        told = f" (new rows per table): {added}" if added else ""
        if outcome.acronyms:
            told += f"{'; ' if told else ': '}acronym given to " \
                    f"{counted(outcome.acronyms, 'existing record')}"
        if outcome.filled:
            told += f"{'; ' if told else ': '}filled in " \
                    f"{counted(outcome.filled, 'recorded attendance')}"
        withheld = outcome.review.withheld()
        left = (f" {counted(withheld, 'record')} left out (the review says why)."
                if withheld else "")
        info(f"Added as import batch {outcome.batch_id}{told}.{left} "
             f"Undo with: stakeholders import undo {outcome.batch_id}")


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
