"""``stakeholders log``: the audit trail of write commands and exports."""

from typing import Annotated, Optional

import typer

from stakeholders.cli import options as opt
from stakeholders.cli.common import FormatOption, session
from stakeholders.render import Format


def log(
    ctx: typer.Context,
    since: Annotated[
        Optional[str],
        opt.filter_option("--since", metavar="DATE", show_default=False,
                          help="Only entries from this date on (YYYY-MM-DD)."),
    ] = None,
    record: Annotated[
        Optional[str],
        opt.filter_option("--record", show_default=False,
                          help="Only entries that touched this record, e.g. person:12."),
    ] = None,
    format: FormatOption = Format.TABLE,
) -> None:
    """Show who changed or exported what, and when (ids only, no personal data).

    \b
    Example: stakeholders log --since 2026-11-01 --record person:12
    """
    from stakeholders.render import write_rows
    from stakeholders.services import audit

    with session(ctx, write=False) as s:
        rows = audit.entries(s, since=since, record=record)
    write_rows(rows, format, audit.ENTRY_COLUMNS)


def register(app: typer.Typer) -> None:
    app.command()(log)
