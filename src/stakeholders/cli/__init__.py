"""The ``stakeholders`` command line: the root app, global options and error handling.

Every noun is a sub-app in its own module, imported and built into a Click command only when
that command runs (``--help`` builds them all to list them). Command modules import only Typer
at load time; SQLAlchemy, Alembic and the validation libraries load inside the commands that need
them, so the command line starts quickly.

Errors are caught once, here: a :class:`~stakeholders.errors.StakeholdersError` prints
``Error: <message>`` on stderr and exits with its code; anything unexpected prints one line
and the path of a log file (readable by the owner only) holding the details.
"""

import codecs
import errno
import gc
import importlib
import os
import sys
from typing import Annotated, Any, Optional

import typer
import typer.main
from typer._click.exceptions import NoArgsIsHelpError, UsageError  # the Click Typer bundles
from typer.core import TyperGroup

from stakeholders import __version__
from stakeholders.cli.common import not_empty_url
from stakeholders.errors import ExitCode, StakeholdersError


#: The top-level commands in the order ``--help`` lists them, and the module defining each
#: (its ``register(app)`` adds them to a Typer app).
COMMANDS: dict[str, str] = {
    "init": "database",
    "seed": "database",
    "ingest": "ingest",
    "search": "search",
    "assess": "assess",
    "log": "log",
    "db": "database",
    "export": "exports",
    "import": "imports",
    "suppression": "suppressions",
    "org": "orgs",
    "person": "people",
    "campaign": "campaigns",
    "event": "events",
    "attendance": "attendance",
    "interaction": "interactions",
    "followup": "interactions",
    "report": "reports",
}


class _Root(TyperGroup):
    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self._load(COMMANDS[cmd_name])
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in COMMANDS:  # a typo: suggest among all the commands
            for module in dict.fromkeys(COMMANDS.values()):
                self._load(module)
        return super().resolve_command(ctx, args)

    def _load(self, module: str) -> None:
        """Build the Click commands one module defines (only once)."""
        if any(name in self.commands for name, m in COMMANDS.items() if m == module):
            return
        scratch = _new_app()
        importlib.import_module(f"stakeholders.cli.{module}").register(scratch)
        for name, command in typer.main.get_group(scratch).commands.items():
            _help_when_bare(command)
            _name_placeholders(command)
            _usage_named(command)
            _single_values_once(command)
            self.add_command(command, name)

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except UsageError as e:
            _usage_error(e)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as e:
            _usage_error(e)
        except StakeholdersError as e:
            error(e.message)
            raise typer.Exit(int(e.exit_code)) from None
        except (typer.TyperException, typer.Exit, typer.Abort):
            raise
        except KeyboardInterrupt:
            error("interrupted; the command's changes were rolled back")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            raise typer.Exit(0) from None
        except OSError as e:
            if e.errno == errno.ENAMETOOLONG:  # an output file's (the database's is checked)
                from stakeholders.text import shown

                error(f"cannot write {shown(str(e.filename or ''))}: its name is too long")
            elif e.errno in _ENVIRONMENT_ERRORS:
                error(f"could not write: {os.strerror(e.errno).lower()}")
            else:
                raise _unexpected(e) from None
            raise typer.Exit(int(ExitCode.ERROR)) from None
        except Exception as e:
            raise _unexpected(e) from None


#: The characters that end a line (those ``str.splitlines`` breaks at), and how an error
#: shows each: as an escape, so that a value holding one still makes one line.
_LINE_BREAKS = {ord(c): c.encode("unicode_escape").decode("ascii")
                for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


def error(message: str) -> None:
    """Print an error, the one place errors are printed: ``Error: message`` on one line of
    stderr, whatever the message holds (a line break in a value typed or read from a file,
    or in a library's message shows as ``\\n``), so a script reading the first line of stderr,
    or a log of one line per error, has all of it."""
    typer.echo(f"Error: {message.translate(_LINE_BREAKS)}", err=True)


#: What the machine, not the command, got wrong while writing: a full disk or a device error.
_ENVIRONMENT_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EROFS, errno.EFBIG})


def _unexpected(e: BaseException) -> typer.Exit:
    """The last resort: one line for the user, the details in a log file."""
    from stakeholders.crashlog import write_crash_log

    try:
        details = f"Details: {write_crash_log(e)}"
    except OSError as log_error:  # a data folder that cannot be written: still one line
        where = f"{log_error.filename}: " if log_error.filename else ""
        details = f"The details could not be logged ({where}{log_error.strerror})"
    error(f"unexpected {type(e).__name__}; nothing was changed. {details}")
    return typer.Exit(int(ExitCode.INTERNAL))


def _usage_named(command: Any) -> None:
    """A service's :class:`~stakeholders.errors.Usage` error (options that cannot go
    together) becomes a usage error of the command that ran, so it reads as Click's own do:
    one line that ends naming the command's help, exit code 2."""
    for sub in getattr(command, "commands", {}).values():
        _usage_named(sub)
    if hasattr(command, "commands"):
        return
    invoke = command.invoke

    def invoke_naming_usage(ctx: Any) -> Any:
        try:
            return invoke(ctx)
        except StakeholdersError as e:
            if e.exit_code is not ExitCode.USAGE:
                raise
            raise UsageError(e.message, ctx=ctx) from None

    command.invoke = invoke_naming_usage


def _single_values_once(command: Any) -> None:
    """An option taking one value, given twice (``person add … --org UNODC --org FIA``), is a
    usage error naming both values: Click keeps the last one and drops the first without a
    word, and the record would be made with a value its officer did not mean."""
    for sub in getattr(command, "commands", {}).values():
        _single_values_once(sub)
    if hasattr(command, "commands"):
        return
    values_taken: dict[str, int] = {}  # each option string -> how many values it takes
    single: dict[str, str] = {}  # option string -> its parameter's name, for one-value ones
    for param in command.params:
        if param.param_type_name != "option" or param.is_flag or param.count:
            continue
        for name in (*param.opts, *param.secondary_opts):
            values_taken[name] = param.nargs
            if not param.multiple and param.nargs == 1:
                single[name] = param.name
    if not single:
        return
    parse_args = command.parse_args

    def parse_args_once(ctx: Any, args: list[str]) -> Any:
        given: dict[str, list[tuple[str, str]]] = {}
        i = 0
        while i < len(args) and args[i] != "--":  # after "--", all is arguments
            name, equals, value = args[i].partition("=")
            if not args[i].startswith("--"):
                name, equals = args[i], ""
            taken = values_taken.get(name)
            if taken:
                if not equals:
                    value = args[i + 1] if i + 1 < len(args) else ""
                    i += taken
                if name in single:
                    given.setdefault(single[name], []).append((name, value))
            i += 1
        for values in given.values():
            if len(values) > 1:
                shown = ", ".join(repr(value) for _, value in values)
                raise typer.BadParameter(
                    f"given {len(values)} times ({shown}); give it once",
                    ctx=ctx, param_hint=values[0][0])
        return parse_args(ctx, args)

    command.parse_args = parse_args_once


def _help_when_bare(command: Any) -> None:
    """A command that needs an argument or option, run with none at all, shows its help, as a
    group does (Typer asks it of groups only); one run with some of them still gets the
    one-line usage error naming what is missing."""
    for sub in getattr(command, "commands", {}).values():
        _help_when_bare(sub)
    if not hasattr(command, "commands") and any(p.required for p in command.params):
        command.no_args_is_help = True


#: What the help shows for the value of an option given none of its own, by the option's long
#: name (Typer would show its type, ``<str>``); an option not listed shows its name.
_OPTION_PLACEHOLDERS = {
    **dict.fromkeys(("date", "due-before", "start", "end", "from", "to", "since"), "DATE"),
    **dict.fromkeys(("org", "parent"), "ORG"),
    **dict.fromkeys(("country", "region"), "CC"),
    **dict.fromkeys(("acronym", "family", "given", "honorific", "title", "position", "note",
                     "source", "search"), "TEXT"),
    "owner": "NAME", "website": "URL", "map": "HEADER=FIELD", "record": "TYPE:ID",
    "output": "FILE", "threshold": "0-100",
}
#: The same for arguments, by parameter name; others show their name in capitals.
_ARGUMENT_PLACEHOLDERS = {"ident": "ID", "merge_id": "MERGE", "files": "FILE"}


def _name_placeholders(command: Any) -> None:
    """Give every option value and argument a placeholder in capitals, as the ones the
    commands name themselves (``--org ORG``, ``person show PERSON``)."""
    for sub in getattr(command, "commands", {}).values():
        _name_placeholders(sub)
    for param in getattr(command, "params", ()):
        if param.metavar is not None or getattr(param, "is_flag", False):
            continue
        if param.param_type_name == "argument":
            name = _ARGUMENT_PLACEHOLDERS.get(param.name, param.name.upper())
            param.metavar = name if param.nargs == 1 else f"[{name}]..."
        elif param.type.name in ("str", "file", "int range", "path"):
            long = max(param.opts, key=len).lstrip("-")
            param.metavar = _OPTION_PLACEHOLDERS.get(long, long.upper())


def _usage_error(e: UsageError) -> None:
    """A usage error as one line, like every other error; a command or group run without
    its arguments still shows its help."""
    if isinstance(e, NoArgsIsHelpError):
        raise e
    message = " ".join(e.format_message().split())
    if e.ctx is not None:
        message += f" (see '{e.ctx.command_path} --help')"
    error(message)
    raise typer.Exit(int(ExitCode.USAGE))


def _new_app(**kwargs: Any) -> typer.Typer:
    return typer.Typer(
        pretty_exceptions_show_locals=False,
        rich_markup_mode=None,
        no_args_is_help=True,
        **kwargs,
    )


app = _new_app(
    cls=_Root,
    context_settings={"help_option_names": ["-h", "--help"]},  # inherited by every command
    help="Track the people and organizations of your campaigns and launches: who came, for "
    "whom, in what role, what they said, and whom to write to.",
    epilog="Database: --db, else STAKEHOLDERS_DB, else stakeholders.db in your data folder. "
    "References: a record's id (#12 is always the id), name, or another form its command "
    "names (email, acronym).",
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
            metavar="PATH|URL",
            help="Database: a file path (SQLite) or a PostgreSQL URL such as "
            "postgresql+psycopg://user@host/name (other kinds of database are not supported). "
            "Default: $STAKEHOLDERS_DB, else stakeholders.db in the user data folder.",
            show_default=False,
            callback=not_empty_url,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    from stakeholders.cli.common import state

    state(ctx).db = db


def main() -> None:
    # A command lives for a moment and allocates mostly objects that live as long as it does
    # (the classes and tables SQLAlchemy and the models build as they load): looking for
    # garbage cycles every 700 allocations, Python's default, only slows its start.
    gc.set_threshold(100_000, 50, 100)
    _utf8_output()
    app()


def _utf8_output() -> None:
    """Data on stdout is UTF-8, as in every file the tool writes, whatever the locale says:
    output redirected on Windows (cp1252) or a Latin-1 locale failed on the first Urdu name,
    and on Excel's byte-order mark. A terminal keeps its encoding; what it cannot show is
    shown as '?'."""
    out = sys.stdout
    if out is None or not hasattr(out, "reconfigure"):
        return
    if codecs.lookup(out.encoding or "ascii").name == "utf-8":
        return
    if out.isatty():
        out.reconfigure(errors="replace")
    else:
        out.reconfigure(encoding="utf-8")
