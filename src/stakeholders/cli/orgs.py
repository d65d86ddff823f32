"""``stakeholders org …``: organizations' duplicates, merge and unmerge."""

from __future__ import annotations

import typer

from stakeholders.cli import merging
from stakeholders.vocab import MergeKind

org_app = typer.Typer(
    help="Organizations: ministries, missions, agencies, outlets.",
    rich_markup_mode=None, no_args_is_help=True, pretty_exceptions_show_locals=False,
)

merging.register(org_app, MergeKind.ORGANIZATION)


def register(app: typer.Typer) -> None:
    app.add_typer(org_app, name="org")
