"""Organizations: the ministries, missions, agencies and outlets people come for."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import distinct, func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from stakeholders import validate
from stakeholders.errors import Conflict
from stakeholders.models import (
    Affiliation,
    Assessment,
    Attendance,
    CampaignPartner,
    InteractionParticipant,
    Organization,
    Person,
    Tag,
)
from stakeholders.services import audit, contacts, refs, tags as tag_service
from stakeholders.services.people import promote_current_post
from stakeholders.services.removal import Confirm, count, warning, with_what
from stakeholders.services.sorting import bytewise
from stakeholders.text import fold, found_in
from stakeholders.vocab import ContactKind, MergeKind, Sector


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
    name = validate.not_an_id(validate.required_name(name, "organization name", 300),
                              "organization name")
    refs.check_free(session, Organization, "organization", name)
    acronym = validate.acronym(acronym)
    refs.check_free(session, Organization, "organization", acronym, acronym=True)
    org = Organization(
        name=name,
        acronym=acronym,
        sector=Sector.parse(sector).value if sector else Sector.OTHER.value,
        country=validate.country(country) if country else None,
        parent=refs.organization(session, parent) if parent else None,
        website=validate.website(website) if website else None,
        notes=validate.note(notes),
    )
    session.add(org)
    region = contacts.phone_region(region, org)
    for e in emails:
        contacts.add(org, ContactKind.EMAIL, e)
    for p in phones:
        contacts.add(org, ContactKind.PHONE, p, region=region)
    tag_service.add_tags(session, org, tags)
    session.flush()
    return org


# -- listing and showing ------------------------------------------------------------------------


#: The fields of each organization ``list_organizations`` yields, in order.
ORGANIZATION_COLUMNS = ["id", "name", "acronym", "sector", "country", "parent", "website", "email",
                        "phone", "tags", "people"]


def list_organizations(
    session: Session,
    *,
    sector: str | None = None,
    country: str | None = None,
    tag: str | None = None,
    search: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Organizations by name, filtered; one query plus a fixed few for parents, contacts and
    tags, and a GROUP BY for the number of people holding a post there today (those
    ``person list --org`` lists; a former member of staff is not counted)."""
    from stakeholders.services.people import held_today

    people = (
        select(Affiliation.organization_id, func.count(distinct(Affiliation.person_id)).label("n"))
        .where(held_today())
        .group_by(Affiliation.organization_id)
        .subquery()
    )
    stmt = (
        select(Organization, func.coalesce(people.c.n, 0))
        .outerjoin(people, people.c.organization_id == Organization.id)
        .options(selectinload(Organization.parent), selectinload(Organization.contact_points),
                 selectinload(Organization.tags))
        .order_by(bytewise(Organization.name_key), Organization.id)
    )
    if sector:
        stmt = stmt.where(Organization.sector == Sector.parse(sector).value)
    if country:
        stmt = stmt.where(Organization.country == validate.country(country))
    if tag:
        stmt = stmt.where(Organization.tags.any(Tag.name_key == fold(tag)))
    if search:
        search = validate.search_text(search)
        stmt = stmt.where(or_(found_in(Organization.name_key, search),
                              found_in(Organization.acronym_key, search, acronym=True)))
    for org, n_people in session.execute(stmt.execution_options(yield_per=500)):
        yield _summary(org) | {"people": n_people}


def _summary(org: Organization) -> dict[str, Any]:
    return {
        "id": org.id,
        "name": org.name,
        "acronym": org.acronym,
        "sector": org.sector,
        "country": org.country,
        "parent": org.parent.name if org.parent else None,
        "website": org.website,
        "email": contacts.primary(org, ContactKind.EMAIL),
        "phone": contacts.primary(org, ContactKind.PHONE),
        "tags": [t.name for t in sorted(org.tags, key=lambda t: t.name_key)],
    }


def show_organization(session: Session, ref: str) -> dict[str, Any]:
    """One organization with its contact points, the people affiliated and its partnerships."""
    org = refs.organization(session, ref)
    affiliations = session.scalars(
        select(Affiliation).where(Affiliation.organization_id == org.id)
        .options(joinedload(Affiliation.person))
        .order_by(Affiliation.is_primary.desc(), Affiliation.id)
    ).all()
    partnerships = session.scalars(
        select(CampaignPartner).where(CampaignPartner.organization_id == org.id)
        .options(joinedload(CampaignPartner.campaign)).order_by(CampaignPartner.id)
    ).all()
    return {
        **_summary(org),
        "parent_id": org.parent_id,
        "notes": org.notes,
        "contact_points": contacts.records(org),
        "people": [
            {"person_id": a.person.id, "person": a.person.full_name, "position": a.position,
             "start_date": a.start_date, "end_date": a.end_date, "primary": a.is_primary}
            for a in affiliations
        ],
        "partnerships": [
            {"campaign_id": p.campaign.id, "campaign": p.campaign.name, "role": p.role}
            for p in partnerships
        ],
    }


# -- changing and removing ----------------------------------------------------------------------


def edit_organization(
    session: Session,
    ref: str,
    *,
    name: str | None = None,
    acronym: str | None = None,
    sector: str | None = None,
    country: str | None = None,
    parent: str | None = None,
    website: str | None = None,
    emails: Sequence[str] = (),
    remove_emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    remove_phones: Sequence[str] = (),
    region: str | None = None,
    tags: Sequence[str] = (),
    untags: Sequence[str] = (),
    notes: str | None = None,
) -> Organization:
    """Change what is given; ``None`` leaves a field alone, an empty string clears it."""
    org = refs.organization(session, ref)
    if name is not None:
        name = validate.not_an_id(validate.required_name(name, "organization name", 300),
                                  "organization name")
        refs.check_free(session, Organization, "organization", name, except_id=org.id)
        org.name = name
    if acronym is not None:
        org.acronym = validate.acronym(acronym)
        refs.check_free(session, Organization, "organization", org.acronym, acronym=True,
                        except_id=org.id)
    if sector is not None:
        org.sector = Sector.parse(sector).value
    if country is not None:
        org.country = validate.optional(validate.country, country)
    if parent is not None:
        org.parent = validate.optional(lambda ref: _new_parent(session, org, ref), parent)
    if website is not None:
        org.website = validate.optional(validate.website, website)
    if notes is not None:
        org.notes = validate.note(notes)
    contacts.change(org, ContactKind.EMAIL, added=emails, removed=remove_emails)
    contacts.change(org, ContactKind.PHONE, added=phones, removed=remove_phones,
                    region=contacts.phone_region(region, org))
    tag_service.add_tags(session, org, tags)
    tag_service.remove_tags(org, untags)
    session.flush()
    return org


def _new_parent(session: Session, org: Organization, ref: str) -> Organization:
    """The parent named by ``ref``, refusing a loop of parents."""
    parent = refs.organization(session, ref)
    ancestor: Organization | None = parent
    while ancestor is not None:
        if ancestor is org:
            raise Conflict(f"{org.name} cannot be its own parent or ancestor")
        ancestor = ancestor.parent
    return parent


def remove_organization(session: Session, ref: str, confirm: Confirm) -> str:
    """Delete an organization. Its affiliations, partnerships, assessments and contact points go
    with it; attendances keep the person but lose the organization, as interactions do;
    sub-organizations lose their parent. When anything refers to it, ``confirm`` is asked
    first. Returns what was removed, in words."""
    org = refs.organization(session, ref)
    removes = {
        "affiliation": count(session, Affiliation.organization_id == org.id),
        "campaign partnership": count(session, CampaignPartner.organization_id == org.id),
        "assessment": count(session, Assessment.organization_id == org.id),
    }
    clears = {
        "attendance": count(session, Attendance.organization_id == org.id),
        "interaction": count(session, InteractionParticipant.organization_id == org.id),
        "sub-organization": count(session, Organization.parent_id == org.id),
    }
    question = warning(f"{org.name} (#{org.id})", removes=removes, clears=clears, pronoun="it")
    if question:
        confirm(question)
    label = with_what(f"#{org.id} {org.name}", removes, clears)
    from stakeholders.services.merge import drop_merges_into

    drop_merges_into(session, MergeKind.ORGANIZATION, org.id)
    had_primary = session.scalars(select(Affiliation.person_id).where(
        Affiliation.organization_id == org.id, Affiliation.is_primary)).all()
    audit.cascading(session, Organization.__table__, [org.id])
    session.delete(org)
    session.flush()
    _promote_posts(session, had_primary)
    return label


def _promote_posts(session: Session, person_ids: Sequence[int]) -> None:
    """After their primary post went with its organization, each of these people's current
    post among the rest becomes primary, as ``person affiliate --remove`` makes it (two
    statements, however many people)."""
    if not person_ids:
        return
    for person in session.scalars(
            select(Person).where(Person.id.in_(person_ids))
            .options(selectinload(Person.affiliations))
            .execution_options(populate_existing=True)):
        promote_current_post(person)
    session.flush()
