"""Dated influence/interest assessments of people and organizations for a campaign. Every
assessment is kept; the latest one (by date, then by entry) is the one that counts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from stakeholders import clock, validate
from stakeholders.errors import Invalid
from stakeholders.models import Assessment, Campaign, Organization, Person
from stakeholders.services import erasure, refs
from stakeholders.vocab import Stance

SCALE = range(1, 6)


def score(value: int, what: str) -> int:
    """A score on the 1–5 scale."""
    if value not in SCALE:
        raise Invalid(f"{what} must be between 1 and 5, not {value}")
    return value


def assess(
    session: Session,
    *,
    campaign: str,
    influence: int,
    interest: int,
    on: dt.date | str,
    person: str | None = None,
    org: str | None = None,
    stance: str | None = None,
    note: str | None = None,
) -> Assessment:
    """Record how a person or an organization stands towards a campaign on a date. A date
    after today is refused: as the latest assessment it would outrank every real one.
    Without a ``stance`` the stance stands: the one of the assessment that counted on that
    date, or unknown when there is none."""
    if (person is None) == (org is None):
        raise Invalid("assess either a PERSON or an --org, not both or neither")
    assessed_on, today = validate.date(on), clock.today()
    if assessed_on > today:
        raise Invalid(f"the assessment date {assessed_on} is after today ({today}); give the "
                      "day it was made")
    assessment = Assessment(
        campaign_id=refs.campaign(session, campaign).id,
        person_id=(erasure.refuse_forgotten(refs.person(session, person)).id if person
                   else None),
        organization_id=refs.organization(session, org).id if org else None,
        assessed_on=assessed_on,
        influence=score(influence, "influence"),
        interest=score(interest, "interest"),
        stance=(Stance.parse(stance).value if stance is not None else None),
        note=validate.note(note),
    )
    if assessment.stance is None:
        assessment.stance = _standing_stance(session, assessment)
    session.add(assessment)
    session.flush()
    return assessment


def _standing_stance(session: Session, new: Assessment) -> str:
    """The stance of the stakeholder's assessment for the campaign that counts on the new
    one's date (the latest by then), or unknown. One statement."""
    stance = session.scalar(
        select(Assessment.stance)
        .where(Assessment.campaign_id == new.campaign_id,
               Assessment.person_id.is_(None) if new.person_id is None
               else Assessment.person_id == new.person_id,
               Assessment.organization_id.is_(None) if new.organization_id is None
               else Assessment.organization_id == new.organization_id,
               Assessment.assessed_on <= new.assessed_on)
        .order_by(Assessment.assessed_on.desc(), Assessment.id.desc())
        .limit(1))
    return stance or Stance.UNKNOWN.value


def latest() -> Select:
    """Every assessment with ``rank`` 1 for the latest of each (campaign, stakeholder)."""
    rank = func.row_number().over(
        partition_by=(Assessment.campaign_id, Assessment.person_id,
                      Assessment.organization_id),
        order_by=(Assessment.assessed_on.desc(), Assessment.id.desc()),
    )
    return select(Assessment, rank.label("rank")).subquery()


def history(session: Session, *, person_id: int | None = None,
            org_id: int | None = None) -> list[dict]:
    """Every assessment of one person or organization, newest first, marking the current
    one of each campaign. One statement."""
    ranked = latest()
    owner = (ranked.c.person_id == person_id if person_id is not None
             else ranked.c.organization_id == org_id)
    rows = session.execute(
        select(ranked, Campaign.name.label("campaign"))
        .join(Campaign, Campaign.id == ranked.c.campaign_id)
        .where(owner)
        .order_by(ranked.c.assessed_on.desc(), ranked.c.id.desc())
    ).all()
    return [
        {"assessed_on": r.assessed_on, "campaign": r.campaign, "influence": r.influence,
         "interest": r.interest, "stance": r.stance, "note": r.note, "current": r.rank == 1}
        for r in rows
    ]


def current_for_campaign(session: Session, campaign_id: int) -> list:
    """The latest assessment of each stakeholder of a campaign, with their name and kind.
    One statement."""
    ranked = latest()
    return session.execute(
        select(
            func.coalesce(Person.full_name, Organization.name).label("name"),
            ranked.c.person_id, ranked.c.organization_id, ranked.c.influence,
            ranked.c.interest, ranked.c.stance, ranked.c.assessed_on, ranked.c.note,
        )
        .outerjoin(Person, Person.id == ranked.c.person_id)
        .outerjoin(Organization, Organization.id == ranked.c.organization_id)
        .where(ranked.c.campaign_id == campaign_id, ranked.c.rank == 1)
    ).all()
