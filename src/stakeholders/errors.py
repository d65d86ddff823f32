"""Typed domain errors and the exit codes they map to.

Services raise these; the command line catches them once (``cli/__init__.py``) and prints
``Error: <message>`` on stderr with the matching exit code.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Sequence

from stakeholders.text import counted


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1  # not found, ambiguous, invalid input, conflict
    USAGE = 2  # bad command line (Typer/Click usage errors)
    DATABASE = 3  # database missing, unreadable or not at the current schema
    INTERNAL = 4  # unexpected failure; details in the log file
    INTERRUPTED = 130


class StakeholdersError(Exception):
    """Base of every error meant for the user: its message is one line, without personal data
    beyond what the user typed."""

    exit_code: ExitCode = ExitCode.ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFound(StakeholdersError):
    def __init__(self, kind: str, ref: str, closest: Sequence[str] = (),
                 hint: str | None = None, said: str | None = None) -> None:
        """``hint``: what to do, said after the closest names; ``said``: the message, when
        'no KIND matches REF' would not read (a link between two records found)."""
        self.kind = kind
        self.ref = ref
        self.closest = list(closest)
        msg = said or f"no {kind} matches {ref!r}"
        if self.closest:
            msg += "; closest: " + ", ".join(self.closest)
        if hint:
            msg += f"; {hint}"
        super().__init__(msg)


class Ambiguous(StakeholdersError):
    def __init__(self, kind: str, ref: str, candidates: Sequence[str],
                 hint: str = "use the id", more: bool = False) -> None:
        """``more``: the candidates are the first of more matches than are worth listing."""
        self.kind = kind
        self.ref = ref
        self.candidates = list(candidates)
        how_many = (f"more than {counted(len(self.candidates), kind)}" if more
                    else counted(len(self.candidates), kind))
        super().__init__(
            f"{ref!r} matches {how_many}: " + "; ".join(self.candidates)
            + ("; …" if more else "") + f" ({hint})"
        )


class Invalid(StakeholdersError):
    """A value the user gave does not pass validation."""


class Usage(Invalid):
    """The options given cannot go together, or one needs another that is missing (``--due``
    for each ``--follow-up``): a usage error (exit code 2), as Click's own are; the command
    line names the command's help after the message."""

    exit_code = ExitCode.USAGE


class Conflict(StakeholdersError):
    """The write would break a rule of the data (duplicate, self-reference, in use…)."""


class DatabaseError(StakeholdersError):
    """The database is missing, not a database, or not at the schema this version needs."""

    exit_code = ExitCode.DATABASE
