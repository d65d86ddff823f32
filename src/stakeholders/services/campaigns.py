"""Campaigns and their partners (funders, implementing partners…).

Lists and shows run a fixed number of statements: counts come from subqueries, partners,
events and handles from one query each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from stakeholders import validate
from stakeholders.errors import Conflict, Usage
from stakeholders.models import (
    Assessment,
    Campaign,
    CampaignPartner,
    ContactPoint,
    Event,
    EventCampaign,
    Interaction,
    Organization,
)
from stakeholders.services import audit, contacts, refs
from stakeholders.services.removal import Confirm, count, warning, with_what
from stakeholders.text import counted
from stakeholders.vocab import ContactKind, PartnerRole

CAMPAIGN_COLUMNS = ["id", "name", "acronym", "start_date", "end_date", "partners", "events"]


def add_campaign(
    session: Session,
    name: str,
    *,
    acronym: str | None = None,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    description: str | None = None,
    handles: Sequence[str] = (),
) -> Campaign:
    """Create a campaign; dates may be given as ISO 8601 text."""
    name = validate.not_an_id(validate.required_name(name, "campaign name", 300),
                              "campaign name")
    refs.check_free(session, Campaign, "campaign", name)
    acronym = validate.acronym(acronym)
    refs.check_free(session, Campaign, "campaign", acronym, acronym=True)
    start, end = validate.optional_date(start), validate.optional_date(end)
    validate.date_range(start, end)
    campaign = Campaign(
        name=name,
        acronym=acronym,
        start_date=start,
        end_date=end,
        description=validate.text(description, "description", 10_000),
    )
    session.add(campaign)
    for h in handles:
        contacts.add(campaign, ContactKind.SOCIAL, h)
    session.flush()
    return campaign


def edit_campaign(
    session: Session,
    ref: str,
    *,
    name: str | None = None,
    acronym: str | None = None,
    start: str | None = None,
    end: str | None = None,
    description: str | None = None,
    handles: Sequence[str] = (),
    remove_handles: Sequence[str] = (),
) -> Campaign:
    """Change what is given and leave the rest; handles are removed, then added."""
    campaign = refs.campaign(session, ref)
    if name is not None:
        name = validate.not_an_id(validate.required_name(name, "campaign name", 300),
                                  "campaign name")
        refs.check_free(session, Campaign, "campaign", name, except_id=campaign.id)
        campaign.name = name
    if acronym is not None:
        campaign.acronym = validate.acronym(acronym)
        refs.check_free(session, Campaign, "campaign", campaign.acronym, acronym=True,
                        except_id=campaign.id)
    if start is not None:
        campaign.start_date = validate.optional_date(start)
    if end is not None:
        campaign.end_date = validate.optional_date(end)
    validate.date_range(campaign.start_date, campaign.end_date)
    if description is not None:
        campaign.description = validate.text(description, "description", 10_000)
    contacts.change(campaign, ContactKind.SOCIAL, added=handles, removed=remove_handles)
    session.flush()
    return campaign


#: The most events a warning about a campaign's dates names.
NAMED_EVENTS = 5


def events_outside(session: Session, campaign: Campaign) -> list[str]:
    """What to warn of when a campaign's dates leave some of its events outside them (as
    :func:`stakeholders.services.events.outside_campaigns` does for an event): a warning
    naming them, the first few by date, or none."""
    if campaign.start_date is None and campaign.end_date is None:
        return []
    last_day = func.coalesce(Event.end_date, Event.start_date)
    outside = []
    if campaign.start_date is not None:
        outside.append(Event.start_date < campaign.start_date)
    if campaign.end_date is not None:
        outside.append(last_day > campaign.end_date)
    found = session.execute(
        select(Event.id, Event.name, Event.start_date)
        .join(EventCampaign, EventCampaign.event_id == Event.id)
        .where(EventCampaign.campaign_id == campaign.id, or_(*outside))
        .order_by(Event.start_date, Event.id)
    ).all()
    if not found:
        return []
    named = "; ".join(f"#{i} {n} ({d})" for i, n, d in found[:NAMED_EVENTS])
    span = (f"{campaign.start_date} to {campaign.end_date}"
            if campaign.start_date and campaign.end_date
            else f"from {campaign.start_date}" if campaign.start_date
            else f"to {campaign.end_date}")
    return [f"{counted(len(found), 'event')} of {campaign.acronym or campaign.name} "
            f"{'falls' if len(found) == 1 else 'fall'} outside its dates ({span}): {named}"
            + ("; …" if len(found) > NAMED_EVENTS else "")]


def _link(campaign: Campaign, org: Organization, role: str) -> CampaignPartner | None:
    """The campaign's link to ``org`` in ``role`` (a vocabulary value), if recorded."""
    return next((p for p in campaign.partners if p.organization is org and p.role == role),
                None)


def _not_yet(campaign: Campaign, org: Organization, role: str) -> None:
    if _link(campaign, org, role) is not None:
        raise Conflict(f"{org.name} is already {role} of {campaign.name}")


def add_partner(
    session: Session, campaign: Campaign, org: Organization, role: str
) -> CampaignPartner:
    role_value = PartnerRole.parse(role).value
    _not_yet(campaign, org, role_value)
    partner = CampaignPartner(organization=org, role=role_value)
    campaign.partners.append(partner)
    session.flush()
    return partner


def partner(session: Session, campaign_ref: str, org_ref: str, role: str) -> CampaignPartner:
    """``campaign partner``: resolve both references, then :func:`add_partner`."""
    return add_partner(session, refs.campaign(session, campaign_ref),
                       refs.organization(session, org_ref), role)


def list_campaigns(session: Session) -> list[dict]:
    """Every campaign with its partner and event counts, in one statement."""
    partners = (select(func.count(CampaignPartner.id))
                .where(CampaignPartner.campaign_id == Campaign.id).scalar_subquery())
    events = (select(func.count(EventCampaign.event_id))
              .where(EventCampaign.campaign_id == Campaign.id).scalar_subquery())
    rows = session.execute(select(Campaign, partners, events)).all()
    rows.sort(key=lambda r: (r[0].name_key, r[0].id))  # the same order on every database
    return [
        {"id": c.id, "name": c.name, "acronym": c.acronym, "start_date": c.start_date,
         "end_date": c.end_date, "partners": p, "events": e}
        for c, p, e in rows
    ]


def campaign_detail(session: Session, ref: str) -> dict:
    """Everything ``campaign show`` prints: the campaign, its partners by role, its events and
    its contact handles."""
    campaign = refs.campaign(session, ref)
    role_rank = {r: i for i, r in enumerate(PartnerRole.values())}
    partners = sorted(
        session.execute(
            select(CampaignPartner.role, Organization.id, Organization.name,
                   Organization.acronym, Organization.name_key)
            .join(Organization, Organization.id == CampaignPartner.organization_id)
            .where(CampaignPartner.campaign_id == campaign.id)
        ).all(),
        key=lambda row: (role_rank[row.role], row.name_key),
    )
    events = session.execute(
        select(Event.id, Event.name, Event.kind, Event.start_date, Event.city)
        .join(EventCampaign, EventCampaign.event_id == Event.id)
        .where(EventCampaign.campaign_id == campaign.id)
        .order_by(Event.start_date, Event.id)
    ).all()
    handles = session.scalars(
        select(ContactPoint.value)
        .where(ContactPoint.campaign_id == campaign.id,
               ContactPoint.kind == ContactKind.SOCIAL.value)
        .order_by(ContactPoint.is_primary.desc(), ContactPoint.id)
    ).all()
    return {
        "id": campaign.id, "name": campaign.name, "acronym": campaign.acronym,
        "start_date": campaign.start_date, "end_date": campaign.end_date,
        "description": campaign.description, "handles": list(handles),
        "partners": [{"role": r, "organization_id": i, "organization": n, "acronym": a}
                     for r, i, n, a, _ in partners],
        "events": [{"id": i, "name": n, "kind": k, "start_date": d, "city": c}
                   for i, n, k, d, c in events],
    }


def remove_campaign(session: Session, ref: str, confirm: Confirm) -> str:
    """Delete a campaign with its partner links, event links, handles and assessments (the
    events and organizations stay; interactions logged for it stay without it). When it has
    any, ``confirm`` is asked first (it raises to refuse). Returns what was removed, in words."""
    campaign = refs.campaign(session, ref)
    removes = {
        "partner link": count(session, CampaignPartner.campaign_id == campaign.id),
        "event link": count(session, EventCampaign.campaign_id == campaign.id),
        "handle": count(session, ContactPoint.campaign_id == campaign.id),
        "assessment": count(session, Assessment.campaign_id == campaign.id),
    }
    clears = {"interaction": count(session, Interaction.campaign_id == campaign.id)}
    question = warning(f"{campaign.name} (#{campaign.id})", removes=removes, clears=clears,
                       pronoun="it")
    if question:
        confirm(question)
    audit.cascading(session, Campaign.__table__, [campaign.id])
    session.delete(campaign)
    session.flush()
    return with_what(f"#{campaign.id} {campaign.name}", removes, clears)


def correct_partner(session: Session, campaign_ref: str, org_ref: str, role: str, *,
                    instead_of: str | None = None, remove: bool = False) -> str:
    """``campaign partner --remove`` takes off the organization's link as ``role``;
    ``--instead-of`` gives its link as that role ``role`` instead. Returns what happened, in
    words."""
    if remove and instead_of is not None:
        raise Usage("give either --remove or --instead-of, not both")
    campaign = refs.campaign(session, campaign_ref)
    org = refs.organization(session, org_ref)
    recorded = PartnerRole.parse(role if remove else instead_of).value
    link = _link(campaign, org, recorded)
    if link is None:
        raise Conflict(f"{org.name} is not {recorded} of {campaign.name}")
    if remove:
        campaign.partners.remove(link)
        session.flush()
        return f"{org.name} is no longer {recorded} of {campaign.name}"
    new = PartnerRole.parse(role).value
    _not_yet(campaign, org, new)
    link.role = new
    session.flush()
    return f"{org.name} is now {new} of {campaign.name}, instead of {recorded}"
