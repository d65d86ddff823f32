"""Contact points (email, phone, website, social handle) of people, organizations, campaigns.

Emails are stored normalized (email-validator, offline), phones in E.164 (phonenumbers); a
remark written after a phone number ("0300-1234567 (WhatsApp)", "051-9250000 ext. 12") is
its label, as an import keeps it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from stakeholders import validate
from stakeholders.errors import Conflict
from stakeholders.models import ContactPoint, Organization
from stakeholders.vocab import ContactKind

_NORMALIZERS = {
    ContactKind.EMAIL: lambda v, region: validate.email(v),
    ContactKind.PHONE: lambda v, region: validate.phone(v, region),
    ContactKind.WEBSITE: lambda v, region: validate.website(v),
    ContactKind.SOCIAL: lambda v, region: validate.handle(v),
}


def normalize(kind: ContactKind, value: str, region: str | None = None) -> str:
    return _NORMALIZERS[kind](value, region)


def stored(kind: ContactKind, value: str, region: str | None = None) -> str:
    """What is stored of a value as written: a phone number without the remark after it."""
    return _stored_and_remark(kind, value, region)[0]


def _stored_and_remark(kind: ContactKind, value: str, region: str | None
                       ) -> tuple[str, str | None]:
    """The stored form, and the remark written after a phone number (its label), if any."""
    if kind is ContactKind.PHONE:
        return validate.phone_and_remark(value, region)
    return normalize(kind, value, region), None


def phone_region(region: str | None, org: Organization | None) -> str | None:
    """The country national phone numbers are read in: ``--region``, else
    ``$STAKEHOLDERS_REGION``, else the country of the organization the person works for or the
    number belongs to (a ministry in Pakistan: its numbers are Pakistani)."""
    return validate.region(region) or (org.country if org is not None else None)


def add(
    owner,
    kind: ContactKind,
    value: str,
    *,
    region: str | None = None,
    label: str | None = None,
    primary: bool | None = None,
) -> ContactPoint | None:
    """Add a contact point to ``owner`` (a Person, Organization or Campaign) unless it already
    has it. The first of its kind is primary unless told otherwise; a phone's ``label`` is
    else the remark written after its number. Returns the new point."""
    stored, remark = _stored_and_remark(kind, value, region)
    same_kind = [c for c in owner.contact_points if c.kind == kind.value]
    if any(c.value.casefold() == stored.casefold() for c in same_kind):
        return None
    if primary is None:
        primary = not same_kind
    if primary:
        for c in same_kind:
            c.is_primary = False
    point = ContactPoint(kind=kind.value, value=stored, value_key=stored.casefold(),
                         label=validate.text(label, "label", 100) or remark,
                         is_primary=primary)
    owner.contact_points.append(point)
    return point


def remove(owner, kind: ContactKind, value: str, region: str | None = None) -> None:
    """Take a contact point off; a phone number is found whatever remark follows it."""
    stored, _ = _stored_and_remark(kind, value, region)
    for c in list(owner.contact_points):
        if c.kind == kind.value and c.value.casefold() == stored.casefold():
            owner.contact_points.remove(c)
            if c.is_primary:
                rest = [x for x in owner.contact_points if x.kind == kind.value]
                if rest:
                    rest[0].is_primary = True
            return
    noun = "handle" if kind is ContactKind.SOCIAL else kind.value  # as --remove-handle says
    raise Conflict(f"no {noun} {stored!r} to remove")


def primary(owner, kind: ContactKind) -> str | None:
    return primary_of(owner.contact_points, kind)


def primary_of(points: Iterable[Any], kind: ContactKind) -> str | None:
    """Of contact points (objects or rows), the value of the primary one of ``kind``, else of
    the first one of that kind."""
    first = None
    for c in points:
        if c.kind == kind.value:
            if c.is_primary:
                return c.value
            if first is None:
                first = c.value
    return first



def change(
    owner,
    kind: ContactKind,
    *,
    added: Sequence[str] = (),
    removed: Sequence[str] = (),
    region: str | None = None,
) -> None:
    """Remove, then add, contact points of one kind, as an edit command asks."""
    for value in removed:
        remove(owner, kind, value, region)
    for value in added:
        add(owner, kind, value, region=region)


def records(owner) -> list[dict]:
    """The owner's contact points as plain records, primary first within each kind."""
    points = sorted(owner.contact_points, key=lambda c: (c.kind, not c.is_primary, c.id or 0))
    return [{"kind": c.kind, "value": c.value, "label": c.label, "primary": c.is_primary}
            for c in points]
