"""Creating, upgrading and seeding the database: ``init``, ``seed`` and ``db …``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from stakeholders.cli.common import FormatOption, info, session, state
from stakeholders.render import Format

db_app = typer.Typer(
    help="Schema migrations of the database.",
    rich_markup_mode=None, no_args_is_help=True, pretty_exceptions_show_locals=False,
)


def init(
    ctx: typer.Context,
    seed: Annotated[bool, typer.Option("--seed", help="Also load the bundled seed launch.")] = False,
) -> None:
    """Create the database (or bring it up to date).

    Example: stakeholders init --seed
    """
    from stakeholders.config import display_url
    from stakeholders.migrations import upgrade

    url = state(ctx).url
    upgrade(url, "head", create=True)
    info(f"Database ready: {display_url(url)}")
    if seed:
        _load_seeds(ctx, [])


def seed(
    ctx: typer.Context,
    files: Annotated[
        Optional[list[Path]],
        typer.Argument(help="Seed files (TOML). Default: the bundled launch.", show_default=False,
                       exists=True, dir_okay=False),
    ] = None,
) -> None:
    """Load seed files; what already exists is left alone, so loading twice changes nothing.

    Example: stakeholders seed seeds/glo-act-launch-2017.toml
    """
    _load_seeds(ctx, files or [])


def _load_seeds(ctx: typer.Context, files: list[Path]) -> None:
    from collections import Counter

    from stakeholders.migrations import seeds_location
    from stakeholders.services import seed as seed_service

    paths = files or sorted(seeds_location().glob("*.toml"))
    added: Counter = Counter()
    with session(ctx, write=True) as s:
        for path in paths:
            added += seed_service.load(s, seed_service.read(path))
    names = ", ".join(p.name for p in paths)
    if added:
        info(f"Loaded {names}: added " + ", ".join(f"{n} {k}" for k, n in added.items()))
    else:
        info(f"Loaded {names}: nothing new")


@db_app.command("upgrade")
def db_upgrade(
    ctx: typer.Context,
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
) -> None:
    """Upgrade the schema (to the latest revision unless told otherwise).

    Example: stakeholders db upgrade
    """
    from stakeholders.migrations import upgrade

    upgrade(state(ctx).url, revision)
    info(f"Schema upgraded to {revision}")


@db_app.command("downgrade")
def db_downgrade(
    ctx: typer.Context,
    revision: Annotated[str, typer.Argument(help="Target revision, e.g. -1 or base.")],
) -> None:
    """Downgrade the schema to an earlier revision (data in dropped tables is lost).

    Example: stakeholders db downgrade -1
    """
    from stakeholders.migrations import downgrade

    downgrade(state(ctx).url, revision)
    info(f"Schema downgraded to {revision}")


@db_app.command("current")
def db_current(ctx: typer.Context) -> None:
    """Print the database's schema revision, and whether it is the latest.

    Example: stakeholders db current
    """
    from stakeholders.db import HEAD_REVISION, current_revision, make_engine
    from stakeholders.config import sqlite_path
    from stakeholders.errors import DatabaseError

    url = state(ctx).url
    path = sqlite_path(url)
    if path is not None and not path.exists():
        raise DatabaseError(f"no database at {path}; run `stakeholders init` to create it")
    engine = make_engine(url, write=False)
    try:
        from stakeholders.db import translate_errors

        rev = translate_errors(current_revision, engine)
    finally:
        engine.dispose()
    suffix = " (head)" if rev == HEAD_REVISION else f" (latest is {HEAD_REVISION})"
    typer.echo((rev or "none") + suffix)


@db_app.command("history")
def db_history(format: FormatOption = Format.TABLE) -> None:
    """List the schema revisions, newest first.

    Example: stakeholders db history
    """
    from stakeholders.migrations import history
    from stakeholders.render import write_rows

    write_rows(history(), format)


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(seed)
    app.add_typer(db_app, name="db")
