"""``report …``: reports built from what the database holds."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from stakeholders.cli.common import OutputOption, info, session

report_app = typer.Typer(
    help="Reports: the stakeholder map of a campaign.",
    rich_markup_mode=None, no_args_is_help=True, pretty_exceptions_show_locals=False,
)


class MapFormat(str, Enum):
    TABLE = "table"
    JSON = "json"
    SVG = "svg"


@report_app.command("map")
def map_(
    ctx: typer.Context,
    campaign: Annotated[str, typer.Option("--campaign", help="The campaign.",
                                          show_default=False)],
    format: Annotated[MapFormat, typer.Option("--format", "-f", case_sensitive=False,
                                              help="Output format.")] = MapFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """The influence/interest map of a campaign's stakeholders, quadrant by quadrant.

    Example: stakeholders report map --campaign GLO.ACT --format svg -o map.svg
    """
    from stakeholders.services.stakeholder_map import stakeholder_map

    with session(ctx, write=False) as s:
        data = stakeholder_map(s, campaign)
    if format is MapFormat.SVG:
        from stakeholders.io.svg_map import render

        _emit(render(data["campaign"], data["stakeholders"]), output)
    else:
        _emit_rows(data["stakeholders"], format.value, output)


def _emit(document: str, output) -> None:
    """A whole document to the -o file (private, atomic) or to stdout."""
    if output is None:
        typer.echo(document, nl=False)
        return
    from stakeholders.io.files import write_private

    write_private(output, document)
    info(f"Wrote {output}")


def _emit_rows(rows: list[dict], fmt: str, output) -> None:
    """Rows through the renderer, to the -o file or to stdout."""
    import io

    from stakeholders.render import write_rows

    buffer = io.StringIO()
    write_rows(rows, fmt, out=buffer)
    _emit(buffer.getvalue(), output)


def register(app: typer.Typer) -> None:
    app.add_typer(report_app, name="report")
