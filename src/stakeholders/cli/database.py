"""Creating, upgrading and seeding the database: ``init``, ``seed`` and ``db …``."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from stakeholders.cli.common import (
    FormatOption,
    confirm_or_refuse,
    file_to_write,
    info,
    not_empty_url,
    one_of,
    session,
    state,
    warn,
)
from stakeholders.cli import options as opt
from stakeholders.render import Format

db_app = typer.Typer(
    help="The database as a whole: schema migrations, copies, backups and health checks.",
    rich_markup_mode=None, no_args_is_help=True, pretty_exceptions_show_locals=False,
)


def init(
    ctx: typer.Context,
    seed: Annotated[bool, typer.Option("--seed", help="Also load the bundled seed launch.")] = False,
) -> None:
    """Create the database (or bring it up to date).

    A new or empty file becomes a database readable by you only; a folder, a file that is not
    a database and another application's database are refused and left as they are.

    \b
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
    again: Annotated[bool, typer.Option(
        "--again", help="Load files loaded before too, adding back what is missing.")] = False,
) -> None:
    """Load seed files once (with none named: the bundled launch): what already exists is
    left alone, and a file loaded before is skipped, so what you removed, merged away or
    forgot since stays gone.

    \b
    Example: stakeholders seed my-launch.toml
    """
    _load_seeds(ctx, files or [], again=again)


def _load_seeds(ctx: typer.Context, files: list[Path], *, again: bool = False) -> None:
    from stakeholders.migrations import seeds_location
    from stakeholders.services import seed as seed_service
    from stakeholders.text import counted

    paths = files or sorted(seeds_location().glob("*.toml"))
    with session(ctx, write=True) as s:
        loads = [seed_service.load_file(s, path, again=again) for path in paths]
    for load in loads:
        if load.loaded_before is not None:
            info(f"Skipped {load.name}: loaded before, on {load.loaded_before}; what "
                 "was removed since stays removed (seed --again adds what is missing)")
        elif load.added:
            info(f"Loaded {load.name}: added "
                 + ", ".join(counted(n, k) for k, n in load.added.items()))
        else:
            info(f"Loaded {load.name}: nothing new")
        if load.suppressed:
            info(f"Not added from {load.name}, as their email address is on the suppression "
                 "list: " + ", ".join(counted(n, k) for k, n in load.suppressed.items()))
        warn(load.warnings)


@db_app.command("upgrade", context_settings={"ignore_unknown_options": True})
def db_upgrade(
    ctx: typer.Context,
    revision: Annotated[str, opt.reference_argument(
        "Target revision.", what="a revision such as head or 0003", show_default=True)] = "head",
) -> None:
    """Upgrade the schema (to the latest revision unless told otherwise); an earlier revision
    is refused (use `db downgrade`).

    \b
    Example: stakeholders db upgrade
    """
    from stakeholders.migrations import upgrade

    before, after = upgrade(state(ctx).url, revision)
    info(f"Schema upgraded to {after}" if after != before
         else f"Schema already at {after}; nothing to upgrade")


@db_app.command("downgrade", context_settings={"ignore_unknown_options": True})
def db_downgrade(
    ctx: typer.Context,
    revision: Annotated[str, opt.reference_argument(
        "Target revision, e.g. -1 or base.", what="a revision such as -1, 0003 or base")],
    yes: opt.Yes = False,
) -> None:
    """Downgrade the schema to an earlier revision. Data in the tables and columns it drops is
    lost: when the database holds records it asks first (or needs --yes).

    \b
    Example: stakeholders db downgrade -1 --yes
    """
    from stakeholders.migrations import downgrade

    before, after = downgrade(state(ctx).url, revision, lambda q: confirm_or_refuse(q, yes))
    info(f"Schema downgraded to {after}" if after != before
         else f"Schema already at {after}; nothing to downgrade")


@db_app.command("current")
def db_current(ctx: typer.Context) -> None:
    """Print the database's schema revision, and whether it is the latest.

    \b
    Example: stakeholders db current
    """
    from stakeholders.config import sqlite_path
    from stakeholders.db import (
        HEAD_REVISION,
        NEWER_VERSION,
        is_known_revision,
        make_engine,
        refuse_foreign,
        revision_of,
    )
    from stakeholders.errors import DatabaseError

    url = state(ctx).url
    path = sqlite_path(url)
    if path is not None and not path.exists():
        raise DatabaseError(f"no database at {path}; run `stakeholders init` to create it")
    engine = make_engine(url, write=False)
    try:
        rev = revision_of(engine, path)
        if rev is None:  # no schema: none of ours yet, unless another application's
            refuse_foreign(engine, url)
    finally:
        engine.dispose()
    if rev == HEAD_REVISION:
        suffix = " (head)"
    elif rev is not None and not is_known_revision(rev):
        suffix = f" (unknown to this version, whose latest is {HEAD_REVISION}; {NEWER_VERSION})"
    else:
        suffix = f" (latest is {HEAD_REVISION})"
    typer.echo((rev or "none") + suffix)


@db_app.command("history")
def db_history(format: FormatOption = Format.TABLE) -> None:
    """List the schema revisions, newest first.

    \b
    Example: stakeholders db history
    """
    from stakeholders.migrations import history
    from stakeholders.render import write_rows

    write_rows(history(), format)


@db_app.command("copy")
def db_copy(
    ctx: typer.Context,
    to: Annotated[
        Optional[str],
        typer.Option("--to", metavar="URL", help="Copy this database into URL (an empty database or a new "
                     "file; it is migrated first).", show_default=False,
                     callback=not_empty_url),
    ] = None,
    from_: Annotated[
        Optional[str],
        typer.Option("--from", metavar="URL", help="Copy URL into this database (which must be empty).",
                     show_default=False, callback=not_empty_url),
    ] = None,
    format: FormatOption = Format.TABLE,
) -> None:
    """Copy every record to (or from) another database, SQLite or PostgreSQL, and verify it.
    The copy is logged in the audit log of the database copied from.

    \b
    Example: stakeholders db copy --to postgresql+psycopg://officer@db.example.org/contacts
    """
    one_of(ctx, {"--to": to is not None, "--from": from_ is not None}, needed=True)
    from stakeholders.config import display_url, resolve_url
    from stakeholders.render import write_rows
    from stakeholders.services.copy import copy_database

    here = state(ctx).url
    source, target = (here, resolve_url(to)) if to is not None else (resolve_url(from_), here)
    write_rows(copy_database(source, target, logged=True), format, max_width=None)
    info(f"Copied and verified: {display_url(source)} -> {display_url(target)}")


@db_app.command("backup")
def db_backup(
    ctx: typer.Context,
    file: Annotated[Path, opt.reference_argument("The backup file to write (SQLite).",
                                                 what="a file name", parser=file_to_write)],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Replace FILE if it exists.")] = False,
    format: FormatOption = Format.TABLE,
) -> None:
    """Write a verified backup of the database to a file readable by you only.

    \b
    Example: stakeholders db backup contacts-2026-11-29.db
    """
    from stakeholders.render import write_rows
    from stakeholders.services.maintenance import backup

    done = backup(state(ctx).url, file, overwrite=yes)
    write_rows(done.tables, format)
    info(f"Backup written and verified: {file}")
    if done.not_logged:
        info(f"Note: the backup is not in the database's audit log ({done.not_logged})")


@db_app.command("restore")
def db_restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A backup made by `db backup`.", exists=True,
                                         dir_okay=False)],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Replace the current contents "
                                      "without asking.")] = False,
    format: FormatOption = Format.TABLE,
) -> None:
    """Replace the database with a backup, after checking the backup's integrity and schema.
    When the database holds records it asks first (or needs --yes). Its suppression list is
    kept, so no one who opted out or was forgotten since the backup is mailed again.

    \b
    Example: stakeholders db restore contacts-2026-11-29.db --yes
    """
    from stakeholders.render import write_rows
    from stakeholders.services.maintenance import restore
    from stakeholders.text import counted

    restored = restore(state(ctx).url, file, lambda q: confirm_or_refuse(q, yes))
    write_rows(restored.tables, format)
    info(f"Restored from {file}")
    if restored.suppressions_kept:
        n = restored.suppressions_kept
        info(f"Kept {counted(n, 'address')} on the suppression list that the backup did not "
             "hold (listed since it was made): exports still leave them out")
    if "suppression list" in restored.unreadable:
        warn(["the suppression list of the database replaced was damaged: what could be read "
              "of it was kept, but an address put on it since the backup was made may be "
              "missing; add it again with `stakeholders suppression add`"])
    if "people" in restored.unreadable:
        warn(["the people of the database replaced were damaged: someone forgotten since the "
              "backup was made may be back in full; `stakeholders person forget` them again"])
    for pid in restored.forgotten_back:
        info(f"Note: person #{pid} was forgotten since the backup was made, which holds them "
             f"in full; forget them again: stakeholders person forget {pid} --yes")


@db_app.command("check")
def db_check(ctx: typer.Context, format: FormatOption = Format.TABLE) -> None:
    """Check integrity, references, schema revision and file permissions; exit 3 on a problem.

    \b
    Example: stakeholders db check
    """
    from stakeholders.errors import DatabaseError
    from stakeholders.render import write_rows
    from stakeholders.services.maintenance import check
    from stakeholders.text import counted

    results = check(state(ctx).url)
    write_rows(results, format)
    problems = [r["check"] for r in results if r["status"] == "problem"]
    if problems:
        raise DatabaseError(f"{counted(len(problems), 'problem')}: {', '.join(problems)}")


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(seed)
    app.add_typer(db_app, name="db")
