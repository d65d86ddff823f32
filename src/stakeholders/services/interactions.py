"""The engagement log: meetings, calls, letters… with the people and organizations involved,
and the follow-ups promised there."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from stakeholders import clock, validate
from stakeholders.errors import Invalid
from stakeholders.models import (
    Campaign,
    Event,
    EventCampaign,
    FollowUp,
    Interaction,
    InteractionParticipant,
    Organization,
    Person,
)
from stakeholders.services import erasure, refs
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
        raise Invalid(f"give one --due per --follow-up ({counted(len(texts), 'follow-up')}, "
                      f"{counted(len(dues), 'due date')})")
    if owners and not texts:
        raise Invalid("--owner names who owns a follow-up; give the follow-up with --follow-up")
    if len(owners) not in (0, 1, len(texts)):
        raise Invalid(f"give one --owner for all follow-ups or one per follow-up "
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
    """Record an interaction with at least one person or organization. A date after today is
    refused: the log is of what took place, newest first, and a year mistyped ahead would top
    it for good."""
    if not people and not orgs:
        raise Invalid("an interaction needs at least one --person or --org")
    on, today = validate.date(date), clock.today()
    if on > today:
        raise Invalid(f"the interaction date {on} is after today ({today}); give the day it "
                      "took place")
    interaction = Interaction(
        kind=InteractionKind.parse(kind).value,
        date=on,
        summary=validate.required_text(summary, "summary", 10_000),
        event_id=refs.event(session, event).id if event else None,
        campaign_id=refs.campaign(session, campaign).id if campaign else None,
    )
    person_ids = dict.fromkeys(
        erasure.refuse_forgotten(refs.person(session, p)).id for p in people)
    org_ids = dict.fromkeys(refs.organization(session, o).id for o in orgs)
    interaction.participants = (
        [InteractionParticipant(person_id=i) for i in person_ids]
        + [InteractionParticipant(organization_id=i) for i in org_ids]
    )
    interaction.follow_ups = [new_follow_up(spec) for spec in follow_ups]
    session.add(interaction)
    session.flush()
    return interaction


def interactions_query(
    session: Session,
    *,
    person: str | None = None,
    org: str | None = None,
    campaign: str | None = None,
    since: dt.date | str | None = None,
) -> Select:
    """The ids of the interactions matching every filter given (a subquery for the lists)."""
    query = select(Interaction.id)
    if person:
        query = query.where(Interaction.id.in_(_with_participant(
            InteractionParticipant.person_id, refs.person(session, person).id)))
    if org:
        query = query.where(Interaction.id.in_(_with_participant(
            InteractionParticipant.organization_id, refs.organization(session, org).id)))
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


def participant_names(session: Session, ids: Select) -> dict[int, dict[str, list[str]]]:
    """{interaction id: {"people": [...], "organizations": [...]}} for the interactions in
    ``ids``, in one statement."""
    rows = session.execute(
        select(InteractionParticipant.interaction_id, Person.full_name, Organization.name)
        .outerjoin(Person, Person.id == InteractionParticipant.person_id)
        .outerjoin(Organization, Organization.id == InteractionParticipant.organization_id)
        .where(InteractionParticipant.interaction_id.in_(ids))
        .order_by(InteractionParticipant.id)
    ).all()
    out: dict[int, dict[str, list[str]]] = defaultdict(
        lambda: {"people": [], "organizations": []})
    for interaction_id, person, org in rows:
        if person is not None:
            out[interaction_id]["people"].append(person)
        else:
            out[interaction_id]["organizations"].append(org)
    return out


def new_follow_up(spec: FollowUpSpec) -> FollowUp:
    """A validated, open follow-up, not yet attached to an interaction or event."""
    return FollowUp(
        text=validate.required_text(spec.text, "follow-up", 10_000),
        due_date=validate.date(spec.due),
        owner=validate.text(spec.owner, "owner", 200),
    )


def open_follow_up_counts(session: Session, ids: Select) -> dict[int, int]:
    """{interaction id: number of follow-ups not done} for the interactions in ``ids``."""
    return dict(session.execute(
        select(FollowUp.interaction_id, func.count())
        .where(FollowUp.interaction_id.in_(ids), FollowUp.done_on.is_(None))
        .group_by(FollowUp.interaction_id)
    ).all())
