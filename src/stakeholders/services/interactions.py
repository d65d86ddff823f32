"""The engagement log: meetings, calls, letters… with the people and organizations involved,
and the follow-ups promised there."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session

from stakeholders import clock, validate
from stakeholders.errors import Conflict, Invalid, Usage
from stakeholders.models import (
    Affiliation,
    Campaign,
    Event,
    EventCampaign,
    FollowUp,
    Interaction,
    InteractionParticipant,
    Organization,
    Person,
)
from stakeholders.services import audit, erasure, refs
from stakeholders.services.removal import Confirm, count, warning, with_what
from stakeholders.text import counted
from stakeholders.vocab import InteractionKind


@dataclass(frozen=True)
class FollowUpSpec:
    """A follow-up as typed on the command line: what, by when, by whom."""

    text: str
    due: dt.date | str
    owner: str | None = None


def pair_follow_ups(
    texts: Sequence[str], dues: Sequence[str], owners: Sequence[str]
) -> list[FollowUpSpec]:
    """Pair repeated ``--follow-up``/``--due``/``--owner`` options by position. Every follow-up
    needs a due date; one owner applies to all, otherwise there is one owner per follow-up."""
    if len(dues) != len(texts):
        raise Usage(f"give one --due per --follow-up ({counted(len(texts), 'follow-up')}, "
                      f"{counted(len(dues), 'due date')})")
    if owners and not texts:
        raise Usage("--owner names who owns a follow-up; give the follow-up with --follow-up")
    if len(owners) not in (0, 1, len(texts)):
        raise Usage(f"give one --owner for all follow-ups or one per follow-up "
                      f"({counted(len(texts), 'follow-up')}, {counted(len(owners), 'owner')})")
    if len(owners) == 1:
        owners = list(owners) * len(texts)
    return [FollowUpSpec(t, d, owners[i] if owners else None)
            for i, (t, d) in enumerate(zip(texts, dues))]


def add_interaction(
    session: Session,
    *,
    kind: str,
    date: dt.date | str,
    summary: str,
    people: Sequence[str] = (),
    orgs: Sequence[str] = (),
    event: str | None = None,
    campaign: str | None = None,
    follow_ups: Sequence[FollowUpSpec] = (),
) -> Interaction:
    """Record an interaction with at least one person or organization, on a day not after
    today (see :func:`_took_place`)."""
    if not people and not orgs:
        raise Usage(NEEDS_SOMEONE)
    interaction = Interaction(
        kind=InteractionKind.parse(kind).value,
        date=_took_place(date),
        summary=validate.required_text(summary, "summary", 10_000),
        event_id=refs.event(session, event).id if event else None,
        campaign_id=refs.campaign(session, campaign).id if campaign else None,
    )
    _add_participants(session, interaction, people, orgs)
    interaction.follow_ups = [new_follow_up(spec) for spec in follow_ups]
    session.add(interaction)
    session.flush()
    return interaction


NEEDS_SOMEONE = "an interaction needs at least one --person or --org"


def _took_place(value: dt.date | str) -> dt.date:
    """The day an interaction took place. A date after today is refused: the log is of what
    took place, newest first, and a year mistyped ahead would top it for good."""
    on, today = validate.date(value), clock.today()
    if on > today:
        raise Invalid(f"the interaction date {on} is after today ({today}); give the day it "
                      "took place")
    return on


def _add_participants(session: Session, interaction: Interaction, people: Sequence[str],
                      orgs: Sequence[str]) -> None:
    """Add the people (never a forgotten one) and organizations not taking part yet; one
    named twice, or already there, takes part once."""
    for ref in people:
        person = erasure.refuse_forgotten(refs.person(session, ref))
        if _participation(interaction, "person_id", person.id) is None:
            interaction.participants.append(InteractionParticipant(person_id=person.id))
    for ref in orgs:
        org = refs.organization(session, ref)
        if _participation(interaction, "organization_id", org.id) is None:
            interaction.participants.append(InteractionParticipant(organization_id=org.id))


def _participation(interaction: Interaction, column: str,
                   ident: int) -> InteractionParticipant | None:
    return next((p for p in interaction.participants if getattr(p, column) == ident), None)


def edit_interaction(
    session: Session,
    ident: int,
    *,
    kind: str | None = None,
    date: dt.date | str | None = None,
    summary: str | None = None,
    event: str | None = None,
    campaign: str | None = None,
    people: Sequence[str] = (),
    remove_people: Sequence[str] = (),
    orgs: Sequence[str] = (),
    remove_orgs: Sequence[str] = (),
) -> list[int]:
    """Change what is given and leave the rest: ``None`` leaves a field alone, an empty event
    or campaign clears it. People and organizations are taken off, then added, under the rules
    of :func:`add_interaction`: the date is not after today, a forgotten person is not added,
    and taking off the last person or organization is refused. Returns the ids of the people
    who were not taking part before (for :func:`no_contact_warnings`)."""
    interaction = refs.by_id(session, Interaction, "interaction", ident)
    before = {p.person_id for p in interaction.participants}
    if kind is not None:
        interaction.kind = InteractionKind.parse(kind).value
    if date is not None:
        interaction.date = _took_place(date)
        refuse_done_before(session, FollowUp.interaction_id, interaction.date, interaction.id,
                           f"interaction #{interaction.id}")
    if summary is not None:
        interaction.summary = validate.required_text(summary, "summary", 10_000)
    if event is not None:
        interaction.event_id = validate.optional(lambda e: refs.event(session, e).id, event)
    if campaign is not None:
        interaction.campaign_id = validate.optional(
            lambda c: refs.campaign(session, c).id, campaign)
    # One named twice ("Nicole Guihot", "Ms. Nicole Guihot") is taken off once; one taken off
    # and added back in the same command stays as they were (no change, nothing logged).
    people_back = {refs.person(session, r).id for r in people} if remove_people else set()
    orgs_back = {refs.organization(session, r).id for r in orgs} if remove_orgs else set()
    for person in {p.id: p for p in (refs.person(session, r) for r in remove_people)}.values():
        _take_off(interaction, "person_id", person.id, person.full_name,
                  person.id in people_back)
    for org in {o.id: o for o in (refs.organization(session, r) for r in remove_orgs)}.values():
        _take_off(interaction, "organization_id", org.id, org.name, org.id in orgs_back)
    _add_participants(session, interaction, people, orgs)
    if (remove_people or remove_orgs) and not interaction.participants:
        raise Invalid(f"that would leave interaction #{ident} with no one; {NEEDS_SOMEONE}")
    session.flush()
    return [p.person_id for p in interaction.participants
            if p.person_id is not None and p.person_id not in before]


def refuse_done_before(session: Session, promise, day: dt.date, ident: int, what: str) -> None:
    """A follow-up is not done before the interaction or event that promised it (as
    ``followup done --on`` refuses): a new date after a follow-up's done day is refused,
    naming it. ``promise`` is the follow-up column naming that interaction or event."""
    early = session.execute(
        select(FollowUp.id, FollowUp.done_on)
        .where(promise == ident, FollowUp.done_on.is_not(None), FollowUp.done_on < day)
        .order_by(FollowUp.done_on, FollowUp.id).limit(1)).first()
    if early is not None:
        raise Invalid(f"follow-up #{early.id} of {what} was done on "
                      f"{early.done_on}, before {day}; give an earlier date, or "
                      f"correct that first (followup reopen {early.id}, then followup done "
                      f"{early.id} --on DATE)")


def _take_off(interaction: Interaction, column: str, ident: int, name: str,
              added_back: bool) -> None:
    participation = _participation(interaction, column, ident)
    if participation is None:
        raise Conflict(f"{name} is not part of interaction #{interaction.id}")
    if not added_back:
        interaction.participants.remove(participation)


def remove_interaction(session: Session, ident: int, confirm: Confirm) -> str:
    """Delete an interaction with its people and organizations (the links; they stay) and its
    follow-ups. When it has follow-ups, ``confirm`` is asked first (it raises to refuse).
    Returns what was removed, in words."""
    interaction = refs.by_id(session, Interaction, "interaction", ident)
    label = f"#{interaction.id} ({interaction.kind}, {interaction.date})"
    removes = {"follow-up": count(session, FollowUp.interaction_id == interaction.id)}
    question = warning(f"interaction {label}", removes=removes, clears={}, pronoun="it")
    if question:
        confirm(question)
    audit.cascading(session, Interaction.__table__, [interaction.id])
    session.delete(interaction)
    session.flush()
    return with_what(label, removes)


def interactions_query(
    session: Session,
    *,
    person: str | None = None,
    org: str | None = None,
    campaign: str | None = None,
    since: dt.date | str | None = None,
) -> Select:
    """The ids of the interactions matching every filter given (a subquery for the lists).
    ``org`` keeps the interactions with that organization (see :func:`with_organization`)."""
    query = select(Interaction.id)
    if person:
        query = query.where(Interaction.id.in_(_with_participant(
            InteractionParticipant.person_id, refs.person(session, person).id)))
    if org:
        query = query.where(with_organization(refs.organization(session, org).id))
    if campaign:
        camp = refs.campaign(session, campaign)
        in_event = select(EventCampaign.event_id).where(EventCampaign.campaign_id == camp.id)
        query = query.where(or_(Interaction.campaign_id == camp.id,
                                Interaction.event_id.in_(in_event)))
    if since:
        query = query.where(Interaction.date >= validate.date(since))
    return query


def _with_participant(column, ident: int) -> Select:
    return select(InteractionParticipant.interaction_id).where(column == ident)


def with_organization(org_id: int):
    """SQL, correlated to ``Interaction``: the interaction is with the organization, as it
    names the organization or a person whose affiliation with it covered the interaction's
    date (begun by then, or undated, and not ended before it). A meeting with someone before
    they joined, or after they left, is not one with the organization."""
    named = exists().where(InteractionParticipant.interaction_id == Interaction.id,
                           InteractionParticipant.organization_id == org_id)
    through_person = exists().where(
        InteractionParticipant.interaction_id == Interaction.id,
        Affiliation.person_id == InteractionParticipant.person_id,
        Affiliation.organization_id == org_id,
        or_(Affiliation.start_date.is_(None), Affiliation.start_date <= Interaction.date),
        or_(Affiliation.end_date.is_(None), Affiliation.end_date >= Interaction.date))
    return or_(named.correlate(Interaction), through_person.correlate(Interaction))


#: The fields of each interaction ``list_interactions`` returns, in order.
INTERACTION_COLUMNS = ["id", "date", "kind", "people", "organizations", "summary", "event",
                       "campaign", "open_follow_ups"]


def list_interactions(session: Session, **filters) -> list[dict]:
    """Interactions newest first, each with its people, organizations and open follow-ups.
    Three statements whatever the number of rows."""
    ids = interactions_query(session, **filters)
    rows = session.execute(
        select(Interaction.id, Interaction.date, Interaction.kind, Interaction.summary,
               Event.name.label("event"), Campaign.name.label("campaign"))
        .outerjoin(Event, Event.id == Interaction.event_id)
        .outerjoin(Campaign, Campaign.id == Interaction.campaign_id)
        .where(Interaction.id.in_(ids))
        .order_by(Interaction.date.desc(), Interaction.id.desc())
    ).all()
    names = participant_names(session, ids)
    open_counts = open_follow_up_counts(session, ids)
    return [
        {
            "id": r.id, "date": r.date, "kind": r.kind,
            "people": names[r.id]["people"], "organizations": names[r.id]["organizations"],
            "summary": r.summary, "event": r.event, "campaign": r.campaign,
            "open_follow_ups": open_counts.get(r.id, 0),
        }
        for r in rows
    ]


#: How a follow-up list marks a person who asked not to be contacted.
NO_CONTACT_MARK = " (do not contact)"


def participant_names(session: Session, ids: Select,
                      mark_no_contact: bool = False) -> dict[int, dict[str, list[str]]]:
    """{interaction id: {"people": [...], "organizations": [...]}} for the interactions in
    ``ids``, in one statement; with ``mark_no_contact``, the name of someone who asked not to
    be contacted carries :data:`NO_CONTACT_MARK`."""
    rows = session.execute(
        select(InteractionParticipant.interaction_id, Person.full_name, Organization.name,
               Person.do_not_contact)
        .outerjoin(Person, Person.id == InteractionParticipant.person_id)
        .outerjoin(Organization, Organization.id == InteractionParticipant.organization_id)
        .where(InteractionParticipant.interaction_id.in_(ids))
        .order_by(InteractionParticipant.id)
    ).all()
    out: dict[int, dict[str, list[str]]] = defaultdict(
        lambda: {"people": [], "organizations": []})
    for interaction_id, person, org, no_contact in rows:
        if person is not None:
            mark = NO_CONTACT_MARK if no_contact and mark_no_contact else ""
            out[interaction_id]["people"].append(person + mark)
        else:
            out[interaction_id]["organizations"].append(org)
    return out


def no_contact_warnings(session: Session, ident: int,
                        people: Sequence[int] | None = None) -> list[str]:
    """A line for each person of interaction ``ident`` (of ``people`` among them, when given:
    those just added) who asked not to be contacted, when it has open follow-ups: what was
    promised may mean contacting them (one statement)."""
    if people is not None and not people:
        return []
    query = (
        select(Person.full_name)
        .join(InteractionParticipant, InteractionParticipant.person_id == Person.id)
        .where(InteractionParticipant.interaction_id == ident, Person.do_not_contact,
               select(FollowUp.id).where(FollowUp.interaction_id == ident,
                                         FollowUp.done_on.is_(None)).exists())
        .order_by(InteractionParticipant.id))
    if people is not None:
        query = query.where(Person.id.in_(people))
    names = session.scalars(query).all()
    return [f"{name} asked not to be contacted: check the follow-ups of interaction #{ident} "
            "before acting on them" for name in names]


def new_follow_up(spec: FollowUpSpec) -> FollowUp:
    """A validated, open follow-up, not yet attached to an interaction or event."""
    return FollowUp(text=follow_up_text(spec.text), due_date=validate.date(spec.due),
                    owner=follow_up_owner(spec.owner))


def follow_up_text(text: str) -> str:
    """What was promised, as stored (added or corrected)."""
    return validate.required_text(text, "follow-up", 10_000)


def follow_up_owner(owner: str | None) -> str | None:
    """Who owns a follow-up, as stored; none for an empty name."""
    return validate.text(owner, "owner", 200)


def open_follow_up_counts(session: Session, ids: Select) -> dict[int, int]:
    """{interaction id: number of follow-ups not done} for the interactions in ``ids``."""
    return dict(session.execute(
        select(FollowUp.interaction_id, func.count())
        .where(FollowUp.interaction_id.in_(ids), FollowUp.done_on.is_(None))
        .group_by(FollowUp.interaction_id)
    ).all())
