"""The ``stakeholders`` command line: the root app, global options and error handling.

Every noun is a sub-app in its own module. Command modules import only Typer at load time;
SQLAlchemy, Alembic and the validation libraries load inside the commands that need them, so
``stakeholders --help`` starts quickly.

Errors are caught once, here: a :class:`~stakeholders.errors.StakeholdersError` prints
``Error: <message>`` on stderr and exits with its code; anything unexpected prints one line
and the path of a log file (readable by the owner only) holding the details.
"""

from typing import Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from stakeholders import __version__
from stakeholders.errors import ExitCode, StakeholdersError


class _Root(TyperGroup):
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except StakeholdersError as e:
            typer.echo(f"Error: {e.message}", err=True)
            raise typer.Exit(int(e.exit_code)) from None
        except (typer.TyperException, typer.Exit, typer.Abort):
            raise
        except KeyboardInterrupt:
            typer.echo("Error: interrupted; the command's changes were rolled back", err=True)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            raise typer.Exit(0) from None
        except Exception as e:  # the last resort: one line for the user, details in a log
            from stakeholders.crashlog import write_crash_log

            path = write_crash_log(e)
            typer.echo(
                f"Error: unexpected {type(e).__name__}; nothing was changed. Details: {path}",
                err=True,
            )
            raise typer.Exit(int(ExitCode.INTERNAL)) from None


def _new_app(**kwargs: Any) -> typer.Typer:
    return typer.Typer(
        pretty_exceptions_show_locals=False,
        rich_markup_mode=None,
        no_args_is_help=True,
        **kwargs,
    )


app = _new_app(
    cls=_Root,
    help="Track the people and organizations of your campaigns and launches: who came, for "
    "whom, in what role, what they said, and whom to write to.",
    epilog="Database: --db, else STAKEHOLDERS_DB, else stakeholders.db in your data folder.",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"stakeholders {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    db: Annotated[
        Optional[str],
        typer.Option(
            "--db",
            help="Database: a file path (SQLite) or a SQLAlchemy URL such as "
            "postgresql+psycopg://user@host/name. Default: $STAKEHOLDERS_DB, else "
            "stakeholders.db in the user data folder.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    from stakeholders.cli.common import state

    state(ctx).db = db


def _register() -> None:
    from stakeholders.cli import (
        assess,
        attendance,
        campaigns,
        database,
        events,
        exports,
        imports,
        ingest,
        interactions,
        log,
        orgs,
        people,
        reports,
        search,
    )

    database.register(app)
    exports.register(app)
    imports.register(app)
    ingest.register(app)
    orgs.register(app)
    people.register(app)
    campaigns.register(app)
    events.register(app)
    attendance.register(app)
    search.register(app)
    interactions.register(app)
    assess.register(app)
    reports.register(app)
    log.register(app)


_register()


def main() -> None:
    app()
