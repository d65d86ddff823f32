"""Files the tool creates (reports, exports, backups) hold personal data: they are readable by
their owner only, and they appear whole or not at all.

:func:`atomic_private_output` writes to a temporary file in the destination's folder (created
0600 by :func:`tempfile.mkstemp`) and renames it over the destination only when writing
succeeded, so a failed or interrupted command never leaves a half-written file, and a reader
never sees one. A file made read-only is kept, as ``>`` keeps it. What is not a file
(``/dev/null``, ``/dev/stdout``, a named pipe) is written through, never replaced; a symbolic
link, at the file it points to.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from stakeholders.errors import Invalid


@contextmanager
def atomic_private_output(path: Path | str, *, encoding: str | None = "utf-8") -> Iterator[IO]:
    """A text stream that becomes ``path`` (mode 0600) when the block ends without error;
    a binary one when ``encoding`` is None (spreadsheets).

    ``newline=""`` leaves line endings to the writer (the csv module needs this). On error the
    temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except OSError:  # missing (or unreadable: the writing says what is wrong)
        mode = None
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        with _written_through(path, encoding) as stream:
            yield stream
        return
    if path.is_symlink():  # a link to a file: the file is replaced, the link stays
        path = Path(os.path.realpath(path))
    folder = path.parent
    if not folder.is_dir():
        raise Invalid(f"cannot write {path}: {no_folder(folder)}")
    if _is_database(path):
        raise Invalid(f"cannot write {path}: it is a database, not an export")
    if _is_read_only(path):
        raise Invalid(f"cannot write {path}: the file is read-only")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise Invalid(f"cannot write {path}: {e.strerror}") from None
    try:
        stream_args = {"mode": "wb"} if encoding is None else {
            "mode": "w", "encoding": encoding, "newline": ""}
        with os.fdopen(fd, **stream_args) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException as e:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise Invalid(f"cannot write {path}: {e.strerror or e}") from None
        raise


def no_folder(folder: Path) -> str:
    """Why ``folder``, which is not a folder, cannot take a file: it is a file (or one of the
    folders above it is), or it does not exist."""
    there = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if there is not None and not there.is_dir():
        return f"{there} is a file, not a folder"
    return f"the folder {folder} does not exist"


@contextmanager
def _written_through(path: Path, encoding: str | None) -> Iterator[IO]:
    """A device or a pipe opened for writing, as ``>`` in a shell opens it: renaming a file
    over it would replace ``/dev/null`` itself (as root) rather than write to it."""
    try:
        with open(path, "wb") if encoding is None else open(
                path, "w", encoding=encoding, newline="") as stream:
            yield stream
    except OSError as e:
        raise Invalid(f"cannot write {path}: {e.strerror or e}") from None


def _is_read_only(path: Path) -> bool:
    """Whether ``path`` is a file made read-only (no write permission for anyone, or none for
    this user): renaming over it would replace it all the same, where `>` refuses."""
    try:
        mode = os.stat(path).st_mode
    except OSError:  # missing: nothing to keep
        return False
    return stat.S_ISREG(mode) and (
        not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK))


#: The first bytes of every SQLite database file.
_SQLITE_MAGIC = b"SQLite format 3\x00"


def _is_database(path: Path) -> bool:
    """Whether ``path`` holds a SQLite database (say the one in use), which a report or an
    export given the wrong name must not replace."""
    try:
        with open(path, "rb") as existing:
            return existing.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:  # missing, a folder, unreadable: the writing says what is wrong
        return False
