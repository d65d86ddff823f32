"""Follow-ups: what was promised at an interaction or an event, due by a date, owned by
someone, open until marked done. "Overdue" means open and due before today; the caller says
what today is, so reports can be run as of any date and tests pin it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from stakeholders import validate
from stakeholders.errors import Conflict, Invalid
from stakeholders.models import Event, FollowUp, Interaction
from stakeholders.services import interactions, refs
from stakeholders.text import holding_words

OPEN, OVERDUE, DONE = "open", "overdue", "done"


def add_to_event(session: Session, event: str, spec: interactions.FollowUpSpec) -> FollowUp:
    """A follow-up promised at an event rather than at a logged interaction."""
    follow_up = interactions.new_follow_up(spec)
    follow_up.event_id = refs.event(session, event).id
    session.add(follow_up)
    session.flush()
    return follow_up


def state(due: dt.date, done_on: dt.date | None, today: dt.date) -> str:
    """done, overdue (open and due before today) or open (due today or later)."""
    if done_on is not None:
        return DONE
    return OVERDUE if due < today else OPEN


#: The fields of each follow-up ``list_follow_ups`` returns, in order.
FOLLOW_UP_COLUMNS = ["id", "due", "state", "owner", "follow_up", "about", "people",
                     "organizations", "done_on", "done_note"]


def list_follow_ups(
    session: Session,
    *,
    today: dt.date,
    owner: str | None = None,
    due_before: dt.date | str | None = None,
    overdue: bool = False,
    is_open: bool | None = None,
    person: str | None = None,
    org: str | None = None,
) -> list[dict]:
    """Follow-ups by due date. ``is_open`` True/False keeps open/done ones; ``overdue`` keeps
    open ones due before ``today``; ``person``/``org`` keep those of the interactions with them
    (as :func:`interactions.interactions_query` filters them: an organization's include those
    with the people who worked there at the time).
    Two statements whatever the number of rows."""
    query = _filtered(session, today=today, owner=owner, due_before=due_before,
                      overdue=overdue, is_open=is_open, person=person, org=org)
    rows = session.execute(
        select(FollowUp.id, FollowUp.due_date, FollowUp.done_on, FollowUp.owner,
               FollowUp.text, FollowUp.done_note, FollowUp.interaction_id,
               Interaction.summary, Event.name.label("event"))
        .outerjoin(Interaction, Interaction.id == FollowUp.interaction_id)
        .outerjoin(Event, Event.id == FollowUp.event_id)
        .where(FollowUp.id.in_(query))
        .order_by(FollowUp.due_date, FollowUp.id)
    ).all()
    names = interactions.participant_names(
        session, select(FollowUp.interaction_id).where(FollowUp.id.in_(query)),
        mark_no_contact=True)
    return [_row(r, names.get(r.interaction_id), today) for r in rows]


def _filtered(session: Session, *, today, owner, due_before, overdue, is_open, person,
              org) -> Select:
    if overdue and is_open is False:
        raise Invalid("--overdue lists open follow-ups; it cannot be combined with --done")
    query = select(FollowUp.id)
    if owner:
        query = query.where(holding_words(FollowUp.owner_key, owner))
    if due_before:
        query = query.where(FollowUp.due_date < validate.date(due_before))
    if overdue:
        query = query.where(FollowUp.due_date < today)
    if overdue or is_open:
        query = query.where(FollowUp.done_on.is_(None))
    elif is_open is False:
        query = query.where(FollowUp.done_on.is_not(None))
    if person or org:
        query = query.where(FollowUp.interaction_id.in_(
            interactions.interactions_query(session, person=person, org=org)))
    return query


def _row(r, names: dict | None, today: dt.date) -> dict:
    about = (f"interaction #{r.interaction_id}: {r.summary}" if r.interaction_id is not None
             else f"event: {r.event}")
    return {
        "id": r.id, "due": r.due_date, "state": state(r.due_date, r.done_on, today),
        "owner": r.owner, "follow_up": r.text, "about": about,
        "people": names["people"] if names else [],
        "organizations": names["organizations"] if names else [],
        "done_on": r.done_on, "done_note": r.done_note,
    }


def mark_done(session: Session, ident: int, *, today: dt.date,
              on: dt.date | str | None = None, note: str | None = None) -> FollowUp:
    """Close a follow-up as of ``on`` (default ``today``: a follow-up done last week can be
    recorded now), with an optional note of what was done. The day cannot be after today, nor
    before the interaction or the event that promised it (an event still to come, or today
    set back with STAKEHOLDERS_TODAY)."""
    follow_up = _get(session, ident)
    if follow_up.done_on is not None:
        raise Conflict(f"follow-up #{ident} is already done (on {follow_up.done_on})")
    done_on = today if on is None else validate.date(on)
    if on is not None and done_on > today:
        raise Invalid(f"the day it was done, {done_on}, is after today ({today})")
    promised = (follow_up.interaction.date if follow_up.interaction is not None
                else follow_up.event.start_date if follow_up.event is not None else None)
    if promised is not None and done_on < promised:
        day = f"on {done_on}" if on is not None else f"today ({done_on})"
        raise Invalid(f"follow-up #{ident} was promised on {promised}; "
                      f"it cannot have been done {day}, before that")
    follow_up.done_on = done_on
    follow_up.done_note = validate.note(note)
    session.flush()
    return follow_up


def reopen(session: Session, ident: int) -> FollowUp:
    """Undo :func:`mark_done`: the follow-up is open again and its done note is cleared."""
    follow_up = _get(session, ident)
    if follow_up.done_on is None:
        raise Conflict(f"follow-up #{ident} is already open")
    follow_up.done_on = None
    follow_up.done_note = None
    session.flush()
    return follow_up


def edit_follow_up(session: Session, ident: int, *, text: str | None = None,
                   due: dt.date | str | None = None, owner: str | None = None) -> FollowUp:
    """Change what is given and leave the rest; an empty owner clears it. Whether it is done
    stays as it is (``mark_done`` and ``reopen`` change that)."""
    follow_up = _get(session, ident)
    if text is not None:
        follow_up.text = interactions.follow_up_text(text)
    if due is not None:
        follow_up.due_date = validate.date(due)
    if owner is not None:
        follow_up.owner = interactions.follow_up_owner(owner)
    session.flush()
    return follow_up


def remove_follow_up(session: Session, ident: int) -> str:
    """Delete a follow-up (nothing else hangs on it). Returns which one went, in words."""
    follow_up = _get(session, ident)
    session.delete(follow_up)
    session.flush()
    return f"#{follow_up.id} (due {follow_up.due_date})"


def _get(session: Session, ident: int) -> FollowUp:
    return refs.by_id(session, FollowUp, "follow-up", ident)
