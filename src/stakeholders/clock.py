"""Today's date, in one place, so that "overdue" and "assessed on" can be pinned.

Services take a ``today`` argument (tests pass a date); the command line passes
:func:`today`, which honours ``STAKEHOLDERS_TODAY=YYYY-MM-DD`` for "as of" runs and CLI tests.
"""

from __future__ import annotations

import datetime as dt
import os

ENV_TODAY = "STAKEHOLDERS_TODAY"


def today() -> dt.date:
    """The local date, or the one STAKEHOLDERS_TODAY names (set to only spaces, it is unset,
    as STAKEHOLDERS_DB is)."""
    pinned = os.environ.get(ENV_TODAY, "").strip()
    if pinned:
        from stakeholders import validate
        from stakeholders.errors import Invalid

        try:
            return validate.date(pinned)
        except Invalid as error:  # say where the date came from: no option names it
            raise Invalid(f"{ENV_TODAY}: {error}") from None
    return dt.date.today()
