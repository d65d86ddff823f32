"""Campaigns and their partners (funders, implementing partners…)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from stakeholders import validate
from stakeholders.errors import Conflict
from stakeholders.models import Campaign, CampaignPartner, Organization
from stakeholders.services import contacts
from stakeholders.text import fold
from stakeholders.vocab import ContactKind, PartnerRole


def add_campaign(
    session: Session,
    name: str,
    *,
    acronym: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    description: str | None = None,
    handles: Sequence[str] = (),
) -> Campaign:
    name = validate.required_text(name, "campaign name", 300)
    existing = session.scalar(select(Campaign).where(Campaign.name_key == fold(name)))
    if existing is not None:
        raise Conflict(f"a campaign named {existing.name!r} already exists (#{existing.id})")
    validate.date_range(start, end)
    campaign = Campaign(
        name=name,
        acronym=validate.text(acronym, "acronym", 50),
        start_date=start,
        end_date=end,
        description=validate.text(description, "description", 10_000),
    )
    session.add(campaign)
    for h in handles:
        contacts.add(campaign, ContactKind.SOCIAL, h)
    session.flush()
    return campaign


def add_partner(
    session: Session, campaign: Campaign, org: Organization, role: str
) -> CampaignPartner:
    role_value = PartnerRole.parse(role).value
    for p in campaign.partners:
        if p.organization is org and p.role == role_value:
            raise Conflict(f"{org.name} is already {role_value} of {campaign.name}")
    partner = CampaignPartner(organization=org, role=role_value)
    campaign.partners.append(partner)
    session.flush()
    return partner
