"""One resolver for every noun: what the user typed -> the record.

ORG: id, exact name or acronym. PERSON: id, email, or name with or without honorific/title.
EVENT: id, name, the acronym of its campaign, or words of its name that no other event's
name holds ("awareness walk" for "Awareness walk, F-9 Park"). CAMPAIGN: id, name or acronym.
Matching is case- and accent-insensitive through the folded ``*_key`` columns (see
stakeholders.text.fold).
Nothing found raises NotFound with the closest names; several raise Ambiguous listing each
candidate with its id.

An id may be written "#12" (always the id) or "12": the id too, unless another record is
called "12" (a name or acronym of digits: "1122", an event "2030"). Then "12" is ambiguous
while record #12 exists, and that record's name when it does not.
"""

from __future__ import annotations

import difflib
import shlex
from collections.abc import Callable, Sequence
from typing import TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from stakeholders import validate
from stakeholders.errors import Ambiguous, Conflict, Invalid, NotFound
from stakeholders.models import (
    Affiliation,
    Campaign,
    ContactPoint,
    Event,
    EventCampaign,
    Merge,
    Organization,
    Person,
)
from stakeholders.vocab import MergeKind
from stakeholders.names import name_key, parse_name
from stakeholders.text import clean, fold, holding, holding_words, loose_key

T = TypeVar("T")


def by_id(session: Session, model: type[T], kind: str, ident: int) -> T:
    """The record of ``model`` with this id (a follow-up, a merge: records named by id alone),
    else NotFound naming it as ``kind``."""
    found = session.get(model, ident)
    if found is None:
        raise NotFound(kind, str(ident))
    return found


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _resolve(session: Session, model: type[T], kind: str, ref: str,
             find: Callable[[str], Sequence[T]], describe: Callable[[T], str],
             name_column, partly: Callable[[str], Sequence[T]] | None = None,
             acronyms: bool = False, merged: str | None = None) -> T:
    """The record ``ref`` names: by id ("#12", or "12" as the module says), else the one
    ``find`` returns for it by name, else (a name only, never digits) the one ``partly``
    returns."""
    text = ref.strip()
    explicit = text.startswith("#") and _digits(text[1:])
    if explicit or _digits(text):
        ident = int(text.lstrip("#"))
        by_id = session.get(model, ident) if ident <= validate.MAX_INTEGER else None
        named = [] if explicit else [r for r in find(text) if r is not by_id]
        if by_id is not None and named:
            candidates = [by_id, *named]
            raise Ambiguous(kind, ref, [describe(r) for r in candidates],
                            hint="write the id with #: " + ", ".join(
                                f"#{r.id}" for r in candidates))  # type: ignore[attr-defined]
        if by_id is not None:
            return by_id
        if not named:
            kept = (_merged_into(session, model, merged, ident)
                    if merged and ident <= validate.MAX_INTEGER else None)
            raise NotFound(kind, ref, hint=None if kept is None else (
                f"it was merged into {describe(kept)}: use #{kept.id}"))  # type: ignore[attr-defined]
        return _one(kind, ref, named, describe, lambda: [])
    found = find(ref)
    if not found and partly is not None:
        found = partly(ref)
    return _one(kind, ref, found, describe,
                lambda: _closest(session, name_column, ref, acronyms=acronyms))


def _merged_into(session: Session, model: type[T], kind: str, ident: int) -> T | None:
    """The record that the record ``ident``, merged away, lives on in: the one its standing
    merge kept, or, merged again since, the one that merge kept (an undone merge is gone)."""
    seen = {ident}
    while True:
        kept_id = session.scalars(
            select(Merge.kept_id).where(Merge.record_type == kind, Merge.removed_id == ident)
            .order_by(Merge.id.desc()).limit(1)).first()
        if kept_id is None or kept_id in seen:
            return None
        kept = session.get(model, kept_id)
        if kept is not None:
            return kept
        seen.add(kept_id)
        ident = kept_id


def _closest(session: Session, column, ref: str, limit: int = 3, *,
             acronyms: bool = False) -> list[str]:
    """The names nearest to ``ref``, compared folded: case and accents do not matter here
    either. Records that share a name are told apart by their ids ("Amina Yusuf (#3)").

    With ``acronyms`` (a model that has them), the acronyms near the one typed come last
    ("GLOACT" for GLO.ACT, "UNDOC" for UNODC)."""
    model = column.class_
    names: dict[str, list[tuple[int, str]]] = {}
    for ident, name in session.execute(select(model.id, column)):
        names.setdefault(fold(name), []).append((ident, name))
    keys = difflib.get_close_matches(fold(ref), list(names), n=limit, cutoff=0.5)
    found = [f"{name} (#{ident})" if len(same) > 1 else name
             for key in keys for same in [names[key]] for ident, name in same]
    if acronyms:
        known = {fold(a): a for a in session.scalars(
            select(model.acronym).where(model.acronym.is_not(None)).order_by(model.id))}
        near = difflib.get_close_matches(fold(ref), list(known), n=limit, cutoff=0.65)
        found = list(dict.fromkeys([*found, *(known[k] for k in near)]))
    return found[:limit]


#: The most candidates an ambiguous reference by part of a name lists.
MANY = 10


def _one(kind: str, ref: str, found: Sequence[T], describe, closest) -> T:
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFound(kind, ref, closest())
    raise Ambiguous(kind, ref, [describe(x) for x in found[:MANY]],
                    more=len(found) > MANY)


def _called(session: Session, model: type[T], text: str) -> Sequence[T]:
    """The records of ``model`` (organizations, campaigns) whose name or acronym is ``text``
    (case and accents aside), oldest first."""
    key = fold(text)
    return session.scalars(
        select(model).where(or_(model.name_key == key, model.acronym_key == key))
        .order_by(model.id)
    ).all()


def organizations_called(session: Session, text: str) -> Sequence[Organization]:
    """The organizations whose name or acronym is ``text``: what a reference finds, and what
    a new name, acronym or seed must not clash with."""
    return _called(session, Organization, text)


def campaigns_called(session: Session, text: str) -> Sequence[Campaign]:
    """The campaigns whose name or acronym is ``text``, as :func:`organizations_called`; else
    (none so called) those whose name is ``text`` with hyphens read as spaces, either side
    ("Public-Awareness Campaign" is the Public Awareness Campaign)."""
    return _called(session, Campaign, text) or _named_loosely(session, Campaign, fold(text))


def check_free(session: Session, model: type, noun: str, text: str | None, *,
               acronym: bool = False, except_id: int | None = None) -> None:
    """Refuse a name (or with ``acronym`` an acronym; none is always free) that another record
    of ``model`` has as its name or acronym: references take either, so the two would become
    ambiguous, or the new one would silently take the other's references (an exact name wins
    over an acronym)."""
    if not text:
        return
    key = fold(text)
    # as a reference finds them, hyphens read as spaces when nothing else is so called; the
    # record itself aside, whose own name must not hide another's ('Pub-Aware', 'Pub Aware')
    others = ([o for o in _called(session, model, text) if o.id != except_id]
              or [o for o in _named_loosely(session, model, key, acronyms=True)
                  if o.id != except_id])
    named = [o for o in others if loose_key(o.name_key) == loose_key(key)]
    a_noun = f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"
    if named and acronym:
        o = named[0]
        raise Conflict(f"{text!r} is the name of #{o.id} {o.name}; an acronym may not be "
                       f"another {noun}'s name")
    if named:
        raise Conflict(f"{a_noun} named {named[0].name!r} already exists (#{named[0].id})")
    if others and acronym:
        o = others[0]
        raise Conflict(f"{text!r} is already the acronym of #{o.id} {o.name}")
    if others:
        o = others[0]
        raise Conflict(f"{text!r} is the acronym of #{o.id} {o.name}; give the {noun} its full "
                       "name (and the acronym with --acronym)")


def organization(session: Session, ref: str) -> Organization:
    def find(text: str) -> Sequence[Organization]:
        found = organizations_called(session, text)
        # An exact name beats somebody else's acronym.
        return ([o for o in found if o.name_key == fold(text)] or found
                or _named_loosely(session, Organization, fold(text)))

    return _resolve(
        session, Organization, "organization", ref, find,
        lambda o: f"#{o.id} {o.name}" + (f" ({o.acronym})" if o.acronym else ""),
        Organization.name, acronyms=True, merged=MergeKind.ORGANIZATION,
    )


def organization_to_join(session: Session, ref: str) -> Organization:
    """The organization a person is being given a post at or came for: as
    :func:`organization`, but a miss by name says how to record it (which is never done on
    the side, so that a typo does not become an organization)."""
    try:
        return organization(session, ref)
    except NotFound as e:
        if _digits(ref.strip().removeprefix("#")):  # an id, not a name to record
            raise
        raise NotFound(e.kind, e.ref, e.closest, hint="record a new one first with: "
                       f"stakeholders org add {shlex.quote(ref.strip())}") from None


def person(session: Session, ref: str) -> Person:
    def find(text: str) -> Sequence[Person]:
        if "@" in text:
            return people_with_email(session, [clean(text).casefold()])
        found = _people_named(session, name_key(text))
        stored = None if found else _stored_key(text)
        if stored is not None and stored != name_key(text):
            found = _people_named(session, stored)
        return found or _named_loosely(session, Person, name_key(text)) \
            or _family_name_first(session, text)

    return _resolve(session, Person, "person", ref, find,
                    lambda p: describe_person(session, p), Person.full_name,
                    merged=MergeKind.PERSON)


def people_with_email(session: Session, keys: Sequence[str]) -> Sequence[Person]:
    """The people who have one of these emails (as stored: casefolded), by id."""
    return session.scalars(
        select(Person)
        .join(ContactPoint, ContactPoint.person_id == Person.id)
        .where(ContactPoint.kind == "email", ContactPoint.value_key.in_(keys))
        .distinct()
        .order_by(Person.id)
    ).all()


def _people_named(session: Session, key: str) -> Sequence[Person]:
    return session.scalars(select(Person).where(Person.name_key == key).order_by(Person.id)).all()


def _family_name_first(session: Session, text: str) -> Sequence[Person]:
    """The people whose family name then given name, spaces aside, are the name typed: one
    recorded with --given and --family is shown given name first ("小明 王", "Viktor Orbán")
    and found as it is written where the family name comes first ("王小明", "Orbán Viktor").
    Tried last: the family names it may start with are looked up by their key."""
    typed = "".join(fold(text).split())
    starts = {typed[:n] for n in range(1, len(typed))}
    if not starts or not any(c.isalpha() for c in typed):
        return []  # a name of one character, or a number ('12', an id written bare)
    found = session.scalars(select(Person).where(
        func.replace(Person.family_key, " ", "").in_(starts)).order_by(Person.id)).all()
    return [p for p in found if p.given_name
            and "".join(fold(f"{p.family_name}{p.given_name}").split()) == typed]


def _named_loosely(session: Session, model: type[T], key: str, *,
                   acronyms: bool = False) -> Sequence[T]:
    """The records whose name key (or with ``acronyms`` acronym key) is ``key`` with hyphens
    read as spaces and apostrophes left out, either side: "Jean Francois Cautain" finds
    Jean-François Cautain, "Al-Hashimi" Al Hashimi, "Quaid i Azam University" Quaid-i-Azam
    University, "Ann OBrien" Ann O'Brien. Tried only when the name as typed found no one (it
    reads every name)."""
    loose = loose_key(key)
    if not loose or (loose == key and " " not in key):
        # One word without hyphens (a plain "12" among them): hyphens read as spaces would
        # give the name more than one word, so only the exact name, already looked for, fits.
        return []
    same = _loosened(model.name_key) == loose
    if acronyms:
        same = or_(same, _loosened(model.acronym_key) == loose)
    return session.scalars(select(model).where(same).order_by(model.id)).all()


def _loosened(column):
    """:func:`~stakeholders.text.loose_key` in SQL, on a stored key (keys hold the plain
    apostrophe)."""
    return func.replace(func.replace(column, "-", " "), "'", "")


def _stored_key(ref: str) -> str | None:
    """The key a typed name is stored under when it was added with parts the name parser sets
    aside ("Col. (R) Tariq Khan", "Amna Baloch, PhD"): tried only after the name as typed
    matched no one, so an ordinary look-up does not load the parser."""
    try:
        parsed = parse_name(ref)
    except Invalid:  # a title alone: nothing more to compare
        return None
    return Person.keys_for(parsed.given, parsed.family, parsed.full_name)[0]


def describe_person(session: Session, p: Person) -> str:
    """'#12 Margaret Adamson (Australian High Commission)': how a person is told apart. Any
    affiliation will do here, a past one too (primary and current first): unlike the current
    organization exports and lists show, it only has to tell two people apart."""
    org = session.scalar(
        select(Organization.name)
        .join(Affiliation, Affiliation.organization_id == Organization.id)
        .where(Affiliation.person_id == p.id)
        .order_by(Affiliation.is_primary.desc(), Affiliation.end_date.is_(None).desc(),
                  Affiliation.id.desc())
        .limit(1)
    )
    return f"#{p.id} {p.full_name}" + (f" ({org})" if org else "")


def campaign(session: Session, ref: str, *, words: bool = True) -> Campaign:
    """The campaign ``ref`` names: an id, a name or an acronym, else (with ``words``) the one
    campaign whose name holds every word typed, as a whole word, in any order."""
    return _resolve(session, Campaign, "campaign", ref,
                    lambda text: campaigns_called(session, text),
                    lambda c: f"#{c.id} {c.name}", Campaign.name,
                    (lambda text: session.scalars(
                        select(Campaign).where(holding_words(Campaign.name_key, text))
                        .order_by(Campaign.id).limit(MANY + 1)).all())
                    if words else None, acronyms=True)


def event(session: Session, ref: str) -> Event:
    def find(text: str) -> Sequence[Event]:
        key = fold(text)
        found = session.scalars(
            select(Event).where(Event.name_key == key).order_by(Event.start_date, Event.id)
        ).all()
        if not found:  # the acronym of the campaign it belongs to ("GLO.ACT")
            found = session.scalars(
                select(Event)
                .join(EventCampaign, EventCampaign.event_id == Event.id)
                .join(Campaign, Campaign.id == EventCampaign.campaign_id)
                .where(Campaign.acronym_key == key)
                .order_by(Event.start_date, Event.id)
            ).all()
        return found

    def partly(text: str) -> Sequence[Event]:
        words = fold(text).split()
        return session.scalars(
            select(Event).where(*(holding(Event.name_key, w) for w in words))
            .order_by(Event.start_date, Event.id).limit(MANY + 1)
        ).all() if words else []

    return _resolve(session, Event, "event", ref, find,
                    lambda e: f"#{e.id} {e.name} ({e.start_date})", Event.name, partly)
