"""Files the tool creates (reports, exports, backups) hold personal data: they are readable by
their owner only, and they appear whole or not at all.

:func:`atomic_private_output` writes to a temporary file in the destination's folder (created
0600 by :func:`tempfile.mkstemp`) and renames it over the destination only when writing
succeeded, so a failed or interrupted command never leaves a half-written file, and a reader
never sees one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from stakeholders.errors import Invalid


@contextmanager
def atomic_private_output(path: Path | str, *, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """A text stream that becomes ``path`` (mode 0600) when the block ends without error.

    ``newline=""`` leaves line endings to the writer (the csv module needs this). On error the
    temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise Invalid(f"cannot write {path}: the folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise Invalid(f"cannot write {path}: {e.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as stream:
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
