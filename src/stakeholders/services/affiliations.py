"""``person affiliate``: record a position a person holds at an organization, or correct one
already recorded (its dates, its position, whether it is primary), or take it off.

An affiliation is named by its person, organization and position (case and accents aside). A
position that ended before a given ``--start`` is an earlier stint: a new one is added rather
than the old one changed.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple

from sqlalchemy.orm import Session

from stakeholders import validate
from stakeholders.errors import Conflict, NotFound, Usage
from stakeholders.models import Affiliation, Organization, Person
from stakeholders.services import erasure, refs
from stakeholders.services.events import follow_changed_posts, posts_then
from stakeholders.services.people import affiliate, promote_current_post
from stakeholders.text import fold


class Done(Enum):
    ADDED = "added"
    UPDATED = "updated"
    REMOVED = "removed"


class Affiliated(NamedTuple):
    """What ``person affiliate`` did, and what a corrected post did to the person's
    attendances (as :class:`stakeholders.services.events.EventEdit` says for a new date)."""

    done: Done
    #: the affiliation's id
    id: int
    #: its person's id
    person_id: int
    #: a sentence that says what was done
    message: str
    #: Attendances whose organization, taken from the person's post on the event's date,
    #: followed the corrected post
    organizations_moved: int = 0
    #: Attendances recorded before that was kept, whose organization is the person's post on
    #: the event's date before the correction and not after: left as they are, to be reviewed
    organizations_to_review: int = 0


def affiliate_or_correct(
    session: Session,
    person_ref: str,
    org_ref: str,
    *,
    position: str,
    start: str | None = None,
    end: str | None = None,
    primary: bool = False,
    instead_of: str | None = None,
    remove: bool = False,
) -> Affiliated:
    """Add the affiliation, or change the one already recorded with that position (with
    ``instead_of``: with that other position, which becomes ``position``): the dates given
    (an empty one clears it) and ``primary``. ``remove`` deletes it instead. Returns what was
    done, the affiliation's id and a sentence that says it. New dates move the organization
    the person's attendances took from their post on the event's date, when the post then is
    another (see :func:`stakeholders.services.events.follow_changed_posts`), and says how
    many; a new post gives its organization to those that took none, having no post then."""
    if remove and (instead_of is not None or end is not None or primary):
        raise Usage("--remove takes no --end, --primary or --instead-of")
    person = erasure.refuse_forgotten(refs.person(session, person_ref))
    org = refs.organization_to_join(session, org_ref)
    start_date = validate.optional_date(start)
    end_date = validate.optional_date(end)
    recorded = held(person, org, position if instead_of is None else instead_of, start)
    if recorded is None:
        if remove or instead_of is not None:
            raise NotFound("affiliation", f"{person.full_name}, "
                           f"{position if instead_of is None else instead_of} at {org.name}")
        # A post recorded late fills in the attendances that took no organization for want
        # of one; those that took one keep it (a new post, primary or not, says nothing of
        # whom the person came for back then).
        before = [p for p in posts_then(session, person) if p.attendance.organization_id is None]
        added = affiliate(session, person, org,
                          position=_position(position),
                          start=start_date, end=end_date, primary=primary)
        moved, review = follow_changed_posts(before)
        session.flush()
        return Affiliated(Done.ADDED, added.id, person.id,
                          f"{person.full_name} is {added.position} at {org.name}", moved, review)
    if remove:
        said = _said(Done.REMOVED, recorded)
        _remove(person, recorded)
        session.flush()
        return Affiliated(Done.REMOVED, recorded.id, person.id, said)
    if instead_of is None and start is None and end is None and not primary:
        raise Conflict(f"{person.full_name} already holds that position at {org.name} "
                       f"(affiliation #{recorded.id}); give --start, --end or --primary to "
                       "change it")
    new_position = (_position(position)
                    if instead_of is not None else recorded.position)
    as_given = [said for said, same in (
        ("with that position", instead_of is not None and new_position == recorded.position),
        (f"from {start_date}" if start_date else "with no start date",
         start is not None and start_date == recorded.start_date),
        (f"until {end_date}" if end_date else "not ended",
         end is not None and end_date == recorded.end_date),
        ("as the primary one", primary and recorded.is_primary),
    ) if same]
    if len(as_given) == sum((instead_of is not None, start is not None, end is not None,
                             primary)):
        raise Conflict(f"{person.full_name} already holds that position at {org.name} "
                       f"(affiliation #{recorded.id}) {', '.join(as_given)}; nothing to "
                       "change")
    # New dates move the organization attendances took from the post; a new primary does
    # not: it says which post is the main one now, not which one a person held back then.
    dated = start is not None or end is not None
    before = posts_then(session, person) if dated else []  # read before anything changes
    if instead_of is not None:
        recorded.position = new_position
    if start is not None:
        recorded.start_date = start_date
    if end is not None:
        recorded.end_date = end_date
    validate.date_range(recorded.start_date, recorded.end_date)
    if primary:
        for a in person.affiliations:
            a.is_primary = a is recorded
    moved, review = follow_changed_posts(before)
    session.flush()
    return Affiliated(Done.UPDATED, recorded.id, person.id, _said(Done.UPDATED, recorded),
                      moved, review)


def _said(done: Done, a: Affiliation) -> str:
    return (f"{done.value.capitalize()} affiliation #{a.id} ({a.person.full_name}, "
            f"{a.position or 'no position'} at {a.organization.name}, {_dates(a)})")


def held(person: Person, org: Organization, position: str,
         start: str | None) -> Affiliation | None:
    """The person's affiliation to ``org`` with ``position`` (an empty one: recorded without
    a position), leaving out those that ended before the date ``start``. Of several, the one
    that began on ``start`` (given empty: the one without a start date), else the one not
    ended. None when there is none; Conflict when several remain."""
    key = fold(position)
    start_date = validate.optional_date(start)
    same = [a for a in person.affiliations
            if a.organization is org and fold(a.position) == key
            and not (start_date and a.end_date and a.end_date < start_date)]
    if len(same) > 1 and start is not None:
        same = [a for a in same if a.start_date == start_date] or same
    if len(same) > 1:
        same = [a for a in same if a.end_date is None] or same
    if len(same) > 1:
        stints = "; ".join(f"#{a.id} {_dates(a)}" for a in same)
        raise Conflict(f"{person.full_name} holds that position at {org.name} {len(same)} "
                       f"times ({stints}); give its --start to say which (\"\" if none)")
    return same[0] if same else None


def _dates(a: Affiliation) -> str:
    """'from 2018-01-01 to 2019-01-01', 'from 2018-01-01', 'until 2017-12-31' or 'no dates'."""
    since = f"from {a.start_date.isoformat()}" if a.start_date else ""
    until = (" to " if since else "until ") + a.end_date.isoformat() if a.end_date else ""
    return (since + until) or "no dates"


def _remove(person: Person, affiliation: Affiliation) -> None:
    """Take the affiliation off; when it was the primary one, the current one of the rest
    (see :func:`pick_affiliation`) becomes primary."""
    person.affiliations.remove(affiliation)
    if affiliation.is_primary:
        promote_current_post(person)


def _position(position: str) -> str:
    """A post's title: not empty, no markup (it is shown beside the name)."""
    return validate.unmarked(validate.required_text(position, "position", 300), "position")
