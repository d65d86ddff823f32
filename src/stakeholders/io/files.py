"""Files we write hold personal data: created readable by the owner only (0600), written to a
temporary file beside the target and renamed into place, so an interrupted export never leaves
a half-written file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


@contextmanager
def private_output(path: Path, *, encoding: str = "utf-8", newline: str = "") -> Iterator[IO[str]]:
    """A text stream that becomes ``path`` (mode 0600) only if the block finishes."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent or ".")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
