"""Free labels on people and organizations, for mailing segments."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from stakeholders import validate
from stakeholders.errors import Invalid
from stakeholders.models import Tag
from stakeholders.text import fold


def get_or_create(session: Session, names: Iterable[str]) -> list[Tag]:
    """The tags with these names (folded), creating the missing ones; in the order given."""
    wanted: dict[str, str] = {}
    for name in names:
        clean = validate.tag(name)
        wanted.setdefault(fold(clean), clean)
    if not wanted:
        return []
    existing = {
        t.name_key: t for t in session.scalars(select(Tag).where(Tag.name_key.in_(wanted)))
    }
    result = []
    for key, name in wanted.items():
        tag = existing.get(key)
        if tag is None:
            tag = Tag(name=name)
            session.add(tag)
        result.append(tag)
    return result


def add_tags(session: Session, owner, names: Iterable[str]) -> None:
    """Attach tags to a person or organization, leaving those it already has."""
    for tag in get_or_create(session, names):
        if tag not in owner.tags:
            owner.tags.append(tag)


def remove_tags(owner, names: Iterable[str]) -> None:
    """Detach tags from a person or organization; naming a tag it lacks is an error, so a typo
    does not pass silently."""
    for name in names:
        key = fold(validate.required_text(name, "tag", 100))
        match = [t for t in owner.tags if t.name_key == key]
        if not match:
            raise Invalid(f"no tag {name!r} to remove")
        owner.tags.remove(match[0])
