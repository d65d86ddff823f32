"""What removing a record takes with it, said in words before it happens."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from stakeholders.text import counted, joined

#: Asks the user to go ahead (the command line's confirm-or-refuse); raises to stop. It may
#: also raise to have the whole transaction rolled back and run again once the user answered
#: (``cli.common.write_confirmed``): call it before writing anything, and ask the same words
#: when nothing has changed.
Confirm = Callable[[str], None]


def listing(counts: Mapping[str, int]) -> str:
    """'2 affiliations and 1 attendance' from the non-zero counts (empty when all are zero)."""
    return joined([counted(n, noun) for noun, n in counts.items() if n])


def with_what(label: str, removes: Mapping[str, int], clears: Mapping[str, int] | None = None,
              pronoun: str = "it") -> str:
    """'#1 Launch, with 8 attendances and 12 statements; cleared it from 1 interaction' (just
    the label when nothing went): what :func:`warning` asked about, once done."""
    said = listing(removes)
    done = f"{label}, with {said}" if said else label
    cleared = listing(clears or {})
    return f"{done}; cleared {pronoun} from {cleared}" if cleared else done


def count(session: Session, where) -> int:
    """How many rows match ``where`` (a comparison on one table's column)."""
    return session.scalar(select(func.count()).where(where)) or 0


def warning(label: str, removes: Mapping[str, int], clears: Mapping[str, int],
            pronoun: str) -> str | None:
    """'Removing X (#2) also removes 1 affiliation and clears it from 2 attendances.', or None
    when nothing else is touched (no need to ask)."""
    said = []
    if any(removes.values()):
        said.append(f"removes {listing(removes)}")
    if any(clears.values()):
        said.append(f"clears {pronoun} from {listing(clears)}")
    if not said:
        return None
    return f"Removing {label} also " + " and ".join(said) + "."
