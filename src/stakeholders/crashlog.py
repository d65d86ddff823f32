"""The log of unexpected errors: the details a user can send to a maintainer, kept out of
the terminal (tracebacks are for maintainers, and may hold personal data)."""

from __future__ import annotations

import datetime as dt
import os
import traceback
from pathlib import Path


def write_crash_log(error: BaseException) -> Path:
    from stakeholders.config import data_dir

    home = data_dir()  # created owner-only when the first thing written there is a log
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder = home / "logs"
    folder.mkdir(exist_ok=True, mode=0o700)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"error-{stamp}.log"
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write("".join(traceback.format_exception(type(error), error, error.__traceback__)))
    return path
