"""What every command module shares: the session for one command, the output options, and
messages on stderr. Kept free of SQLAlchemy imports so that ``--help`` stays fast."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Optional, TypeVar

import typer

from stakeholders.render import Format

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass
class AppState:
    """Global options, kept on the Typer context (``ctx.obj``)."""

    db: str | None = None

    @property
    def url(self) -> str:
        from stakeholders.config import resolve_url

        return resolve_url(self.db)


def noun_app(help: str) -> typer.Typer:
    """The sub-app of one noun (``campaign``, ``event``…), configured like the root app."""
    return typer.Typer(help=help, rich_markup_mode=None, no_args_is_help=True,
                       pretty_exceptions_show_locals=False)


def state(ctx: typer.Context) -> AppState:
    root = ctx.find_root()
    if not isinstance(root.obj, AppState):
        root.obj = AppState()
    return root.obj


@contextmanager
def session(ctx: typer.Context, *, write: bool, only_appends: bool = False) -> Iterator[Session]:
    """The one transaction of this command (see :func:`stakeholders.db.session_scope`).
    Write sessions are audited under the command's name (never its argument values)."""
    from stakeholders.db import session_scope

    with session_scope(state(ctx).url, write=write, command=command_name(ctx),
                       only_appends=only_appends) as s:
        yield s


#: Options that say how to read the others, and change nothing by themselves.
_HOW_TO_READ = {"region"}


def refuse_no_change(ctx: typer.Context) -> None:
    """An edit given no option that changes something would change nothing, yet say
    "Updated …": a usage error (exit code 2) instead. Options given only their present values
    are an edit that changes nothing (see :func:`updated`)."""
    from typer._click.core import ParameterSource
    from typer._click.exceptions import UsageError

    if all(ctx.get_parameter_source(p.name) in (ParameterSource.DEFAULT, None)
           for p in ctx.command.params
           if p.param_type_name == "option" and p.name not in _HOW_TO_READ):
        raise UsageError("nothing to change; give an option saying what", ctx=ctx)


def updated(s: Session, what: str) -> str:
    """What an edit says: ``Updated WHAT``, or ``No change: WHAT`` when every value it was
    given is the one recorded (nothing was written, and no audit entry is)."""
    from stakeholders.services import audit

    return f"Updated {what}" if audit.changed(s) else f"No change: {what}"


def one_of(ctx: typer.Context, given: dict[str, bool], *, needed: bool = False) -> None:
    """Options (or an argument and options) that exclude each other, by name, and whether each
    was given: two of them together is a usage error (exit code 2), and so, when one of them
    is ``needed``, is none at all; the message names them."""
    from typer._click.exceptions import UsageError

    names = list(given)
    either = " or ".join(names) if len(names) < 3 else f"{', '.join(names[:-1])} or {names[-1]}"
    present = [name for name, is_given in given.items() if is_given]
    if len(present) > 1:
        raise UsageError(f"{' and '.join(present)} cannot be used together; give "
                         f"{'one' if needed else 'at most one'} of them", ctx=ctx)
    if needed and not present:
        raise UsageError(f"missing {either}; give one of them", ctx=ctx)


def command_name(ctx: typer.Context) -> str:
    """'person add': the command path without the program's own name (which may be several
    words: ``python -m stakeholders``)."""
    names = []
    while ctx.parent is not None:
        names.append(ctx.info_name)
        ctx = ctx.parent
    return " ".join(reversed(names)) or ctx.command_path


@contextmanager
def output_stream(path: Path | None) -> Iterator[IO[str]]:
    """Where a command writes its data: stdout, or ``path`` created readable by its owner only
    and appearing whole or not at all (see :func:`stakeholders.io.files.atomic_private_output`).
    """
    if path is None:
        yield sys.stdout
        return
    from stakeholders.io.files import atomic_private_output

    with atomic_private_output(path) as out:
        yield out
    info(f"Wrote {path}")


def info(message: str) -> None:
    """A message for the person at the terminal: stderr, never mixed with data."""
    typer.echo(message, err=True)


def warn(warnings: Iterable[str]) -> None:
    """Each warning on a line of its own on stderr: the write went through, but look at this."""
    for warning in warnings:
        info(f"Warning: {warning}")


def new_id(ident: int, message: str) -> None:
    """What ``add`` commands print: the id alone on stdout, a confirmation on stderr."""
    typer.echo(str(ident))
    info(message)


def moved_note(n: int, day: str) -> str:
    """How many attendances took the organization of their person's post on ``day`` ("the new
    date"), to end the line that says what was updated; nothing when none did."""
    from stakeholders.text import counted

    return (f"; {counted(n, 'attendance')} now {'records' if n == 1 else 'record'} the "
            f"organization of the person's post on {day}" if n else "")


def review_note(n: int, *, then: str, now: str, review: str) -> str:
    """One line: how many attendances, recorded before it was kept whether their organization
    was given or taken from the person's post, record their post ``then`` ("on the old date")
    and not ``now``, and the command that lists them to review."""
    from stakeholders.text import counted

    one = n == 1
    return (f"Note: {counted(n, 'attendance')} recorded by an earlier version "
            f"{'records' if one else 'record'} the organization of the person's post {then}, "
            f"which {'differs' if one else 'differ'} {now}; if it was not given, "
            f"review {'it' if one else 'them'} with `{review}` and `attendance edit --org`")


def confirm_or_refuse(question: str, yes: bool) -> None:
    """Ask on a terminal; refuse (without asking) when stdin is not one and --yes is absent."""
    from stakeholders.errors import Conflict

    if yes:
        return
    if not sys.stdin.isatty():
        raise Conflict(f"{question} Refusing without --yes (standard input is not a terminal)")
    try:
        answer = typer.confirm(question, default=False, err=True)
    except typer.Abort:  # Ctrl-C or Ctrl-D at the question: an interruption like any other
        typer.echo(err=True)
        raise KeyboardInterrupt from None
    if not answer:
        raise Conflict("cancelled; nothing was changed")


T = TypeVar("T")


class _Unanswered(Exception):
    """A question to put to the user once the write transaction is rolled back."""

    def __init__(self, question: str) -> None:
        super().__init__(question)
        self.question = question


def write_confirmed(ctx: typer.Context, yes: bool,
                    act: Callable[[Session, Callable[[str], None]], T]) -> T:
    """``act(session, confirm)`` in the command's write transaction, with a question it asks
    put to the user outside any transaction: while an officer thinks it over, no one else's
    command waits for the database (and gives up after the busy timeout). ``act`` then runs
    again and goes ahead if it asks what was answered; should what it found have changed
    meanwhile (another attendance added), the new question is asked in turn."""
    answered: set[str] = set()

    def confirm(question: str) -> None:
        if not (yes or question in answered):
            raise _Unanswered(question)  # without a terminal, refused below without asking

    while True:
        try:
            with session(ctx, write=True) as s:
                return act(s, confirm)
        except _Unanswered as e:
            confirm_or_refuse(e.question, yes)
            answered.add(e.question)


def not_empty_url(value: Optional[str]) -> Optional[str]:
    """``--db ""`` (an unset variable, say) is a mistake, not a request for the default."""
    if value is not None and not value.strip():
        raise typer.BadParameter("it is empty; give a file path or a database URL")
    return value


FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]


def needs_file(output: Optional[Path], option: str) -> None:
    """A workbook is not text: refuse to send it to the terminal, before any work is done.
    The command line asked for the impossible, so this is a usage error (exit code 2)."""
    if output is None:
        raise typer.BadParameter("xlsx writes a workbook; give -o FILE.xlsx", param_hint=option)


def _dash_is_stdout(value: Optional[Path]) -> Optional[Path]:
    """``-o -`` is standard output, as in most command-line tools. ``-o ""`` (an unset
    variable) is a mistake: it arrives as ".", the one folder Click has not refused already;
    so is a name of spaces alone ("$DIR $FILE" with both unset)."""
    if value is not None and (str(value) == "." or not str(value).strip()):
        raise typer.BadParameter("it is empty; give a file name, or - for standard output")
    return None if value is not None and str(value) == "-" else value


def file_to_write(raw: str) -> Path:
    """A file to write, as given: one naming a folder (an existing one, or a name ending in
    a slash, ``-o reports/``) is a usage error; the slash would otherwise be dropped and a file
    called ``reports`` written where the folder was meant to be."""
    from stakeholders.text import shown

    if not raw.strip():  # an unset variable: the option's callback says it is empty
        return Path(raw)
    if raw.endswith(("/", os.sep)) or os.path.isdir(raw):
        raise typer.BadParameter(f"{shown(raw)} is a folder; give a file name")
    return Path(raw)


OutputOption = Annotated[
    Optional[Path],
    typer.Option("--output", "-o", help="Write to this file (created readable by you only); "
                 "- is standard output.", parser=file_to_write, callback=_dash_is_stdout),
]
