"""Organizations: the ministries, missions, agencies and outlets people come for."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from stakeholders import validate
from stakeholders.errors import Conflict
from stakeholders.models import Organization
from stakeholders.services import contacts, refs, tags as tag_service
from stakeholders.text import fold
from stakeholders.vocab import ContactKind, Sector


def check_name_free(session: Session, name: str, *, except_id: int | None = None) -> None:
    existing = session.scalar(
        select(Organization).where(Organization.name_key == fold(name))
    )
    if existing is not None and existing.id != except_id:
        raise Conflict(f"an organization named {existing.name!r} already exists (#{existing.id})")


def add_organization(
    session: Session,
    name: str,
    *,
    acronym: str | None = None,
    sector: str | None = None,
    country: str | None = None,
    parent: str | None = None,
    website: str | None = None,
    emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    region: str | None = None,
    tags: Sequence[str] = (),
    notes: str | None = None,
) -> Organization:
    name = validate.required_text(name, "organization name", 300)
    check_name_free(session, name)
    org = Organization(
        name=name,
        acronym=validate.text(acronym, "acronym", 50),
        sector=Sector.parse(sector).value if sector else Sector.OTHER.value,
        country=validate.country(country) if country else None,
        parent=refs.organization(session, parent) if parent else None,
        website=validate.website(website) if website else None,
        notes=validate.text(notes, "note", 10_000),
    )
    session.add(org)
    region = validate.region(region)
    for e in emails:
        contacts.add(org, ContactKind.EMAIL, e)
    for p in phones:
        contacts.add(org, ContactKind.PHONE, p, region=region)
    tag_service.add_tags(session, org, tags)
    session.flush()
    return org
