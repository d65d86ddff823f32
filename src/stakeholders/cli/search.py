"""``stakeholders search TEXT``: people, organizations, campaigns, events, statements,
interactions and follow-ups in one answer."""

from typing import Annotated

import typer

from stakeholders.cli import options as opt
from stakeholders.cli.common import FormatOption, session
from stakeholders.render import Format


def search(
    ctx: typer.Context,
    text: Annotated[str, opt.reference_argument(
        "Text to look for, any case, with or without accents.", what="the text to look for")],
    format: FormatOption = Format.TABLE,
) -> None:
    """Find people, organizations, campaigns, events, statements, interactions and follow-ups
    containing TEXT, or each of its words in any order ("Adamson, Margaret").

    Columns: kind, id, name, detail.

    \b
    Example: stakeholders search cautain
    """
    from stakeholders.render import write_rows
    from stakeholders.services.search import search as run_search

    with session(ctx, write=False) as s:
        write_rows(run_search(s, text), format, ["kind", "id", "name", "detail"])


def register(app: typer.Typer) -> None:
    app.command()(search)
