"""Finding records that are probably the same person or organization.

Each candidate pair comes with the signals that paired it, each with its score (0-100); the
pair's score is the best of them:

- people: the same email (100), the same phone (90), the same name once accents, honorifics,
  titles and punctuation are gone (95; not for a name more than COMMON_NAME people bear), and
  fuzzy name similarity (rapidfuzz) between people of the same organization;
- organizations: the same name once folded (95), the same acronym (85; dots and spaces
  aside), the same website (90),
  the same email (90), and fuzzy name similarity.

Nothing compares all pairs. Exact signals group records by their key; fuzzy similarity is only
computed inside small blocks (people: same organization and same first three letters of the
family or given name, or of its consonants; organizations: same first three letters of the first or last word of the
name), so 100,000 people are scanned in seconds. Pairs marked not-duplicate are never proposed,
nor the anonymous placeholders that forgotten people leave.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from sqlalchemy import select
from sqlalchemy.orm import Session

from stakeholders.errors import Conflict, Invalid
from stakeholders.models import (
    Affiliation,
    ContactPoint,
    Merge,
    NotDuplicate,
    Organization,
    Person,
)
from stakeholders.services import erasure, refs
from stakeholders.text import fold
from stakeholders.vocab import MergeKind

DEFAULT_THRESHOLD = 85
#: A name borne by more people than this ("Muhammad Khan") is common, not evidence: such people
#: are paired by their other signals only (email, phone, a similar name at the same
#: organization), instead of every one of them with every other.
COMMON_NAME = 12
PERSON_SIGNALS = {"email": 100, "name": 95, "phone": 90}
ORG_SIGNALS = {"name": 95, "website": 90, "email": 90, "acronym": 85}
_PUNCTUATION = re.compile(r"[^\w\s]")
_WORDS_TO_DROP = {"the"}


def bare(key: str | None) -> str:
    """A stored folded key (``name_key``) reduced to its words: no punctuation or 'the'."""
    words = _PUNCTUATION.sub(" ", key or "").split()
    return " ".join(w for w in words if w not in _WORDS_TO_DROP)


@dataclass
class Record:
    """What the scan knows of one record: its label, exact-match keys and fuzzy blocks."""

    id: int
    label: str
    name: str  # bare name compared by the fuzzy signal
    keys: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    blocks: set[tuple] = field(default_factory=set)


@dataclass
class Scan:
    """The candidate pairs, best first, and how many fuzzy comparisons were made."""

    pairs: list[dict]
    comparisons: int


def check_threshold(threshold: int) -> int:
    if not 0 <= threshold <= 100:
        raise Invalid(f"the threshold must be between 0 and 100, not {threshold}")
    return threshold


def scan(records: Iterable[Record], scores: dict[str, int], threshold: int,
         excluded: set[tuple[int, int]]) -> Scan:
    """Pairs scoring at least ``threshold`` from exact keys and blocked fuzzy comparison."""
    from rapidfuzz import fuzz

    by_id = {r.id: r for r in records}
    signals: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for r in by_id.values():
        for signal, values in r.keys.items():
            for value in values:
                groups[(signal, value)].append(r.id)
        for block in r.blocks:
            blocks[block].append(r.id)
    for (signal, _value), ids in groups.items():
        members = sorted(set(ids))
        if scores[signal] < threshold or (signal == "name" and len(members) > COMMON_NAME):
            continue
        for pair in combinations(members, 2):
            signals[pair][signal] = scores[signal]
    compared: set[tuple[int, int]] = set()
    for ids in blocks.values():
        for pair in combinations(sorted(set(ids)), 2):
            if pair in compared:
                continue
            compared.add(pair)
            score = round(fuzz.token_sort_ratio(by_id[pair[0]].name, by_id[pair[1]].name))
            if score >= threshold:
                signals[pair]["similar name"] = score
    pairs = [
        _pair(by_id[a], by_id[b], found)
        for (a, b), found in signals.items()
        if (a, b) not in excluded
    ]
    pairs.sort(key=lambda p: (-p["score"], p["id_a"], p["id_b"]))
    return Scan(pairs, len(compared))


def _pair(a: Record, b: Record, found: dict[str, int]) -> dict:
    ordered = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))
    return {
        "id_a": a.id,
        "name_a": a.label,
        "id_b": b.id,
        "name_b": b.label,
        "score": ordered[0][1],
        "signals": [f"{signal} {score}" for signal, score in ordered],
    }


# -- people ---------------------------------------------------------------------------------


def people(session: Session, threshold: int = DEFAULT_THRESHOLD) -> Scan:
    """Candidate duplicate people; three statements whatever the number of people."""
    check_threshold(threshold)
    records = {
        pid: Record(pid, full_name, bare(name_key))
        for pid, full_name, name_key in session.execute(
            select(Person.id, Person.full_name, Person.name_key)
            .where(~erasure.is_placeholder())
        )
    }
    for r in records.values():
        r.keys["name"].add(r.name)
    for pid, kind, value_key in session.execute(
        select(ContactPoint.person_id, ContactPoint.kind, ContactPoint.value_key).where(
            ContactPoint.person_id.is_not(None), ContactPoint.kind.in_(("email", "phone"))
        )
    ):
        if pid in records:  # not a forgotten person's placeholder
            records[pid].keys[kind].add(value_key)
    for pid, org_id in session.execute(
        select(Affiliation.person_id, Affiliation.organization_id).distinct()
    ):
        r = records.get(pid)
        if r is None:
            continue
        r.blocks.update((org_id, key) for key in _block_keys(r.name))
    return scan(records.values(), PERSON_SIGNALS, threshold,
                _not_duplicates(session, MergeKind.PERSON))


def similar_people(session: Session, name: str, organization_id: int,
                   threshold: int = DEFAULT_THRESHOLD) -> list[tuple[int, int]]:
    """(person id, score) of the people of an organization whose name is similar to ``name``
    by the scan's own fuzzy signal and blocking: how a new name is checked against the people
    already recorded ("Shahida Gilani" finds "Shahida Gillani" at the same organization)."""
    from rapidfuzz import fuzz

    from stakeholders.names import name_key

    wanted = bare(name_key(name))
    keys = _block_keys(wanted)
    found = []
    for pid, key in session.execute(
        select(Person.id, Person.name_key)
        .join(Affiliation, Affiliation.person_id == Person.id)
        .where(Affiliation.organization_id == organization_id)
        .distinct()
    ):
        candidate = bare(key)
        if not keys & _block_keys(candidate):
            continue
        score = round(fuzz.token_sort_ratio(wanted, candidate))
        if score >= threshold:
            found.append((pid, score))
    return sorted(found, key=lambda f: (-f[1], f[0]))


def alike(name: str, person: Person, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """Whether a written name may be the person's: the same family name, or names similar by
    the scan's fuzzy signal ("Shahida Gilani" is Shahida Gillani; "Laura Gómez" is not
    Ayesha Khan)."""
    from rapidfuzz import fuzz

    from stakeholders.names import name_key, parse_name

    family = parse_name(name).family
    if family and fold(family) == person.family_key:
        return True
    return fuzz.token_sort_ratio(bare(name_key(name)), bare(person.name_key)) >= threshold


def _block_words(name: str) -> set[str]:
    """First and last word of a bare name: given and family name, whichever the typo spares."""
    words = name.split()
    return {words[0], words[-1]} if words else set()


_VOWELS = frozenset("aeiouy")


def _block_keys(name: str) -> set[str]:
    """The blocks a person's bare name puts them in (with their organization): the first
    three letters of its first and last word, and of those words' consonants (the first
    letter kept, repeats as one), so that spellings of one name transliterated differently
    meet ('Mohammad Shafique' and 'Muhammad Shifaque': 'mhm', 'shf')."""
    keys = set()
    for word in _block_words(name):
        keys.add(word[:3])
        skeleton = word[:1] + "".join(c for c in word[1:] if c not in _VOWELS)
        keys.add("~" + re.sub(r"(.)\1+", r"\1", skeleton)[:3])
    return keys


def find(session: Session, kind: MergeKind, threshold: int = DEFAULT_THRESHOLD) -> Scan:
    """Candidate duplicates of either kind of record."""
    return (people if kind is MergeKind.PERSON else organizations)(session, threshold)


# -- organizations --------------------------------------------------------------------------


def organizations(session: Session, threshold: int = DEFAULT_THRESHOLD) -> Scan:
    """Candidate duplicate organizations; two statements."""
    check_threshold(threshold)
    records: dict[int, Record] = {}
    for oid, name, name_key, acronym_key, website in session.execute(
        select(Organization.id, Organization.name, Organization.name_key,
               Organization.acronym_key, Organization.website)
    ):
        r = records[oid] = Record(oid, name, bare(name_key))
        r.keys["name"].add(r.name)
        if acronym_key:
            # dots and spaces aside: "U.N.O.D.C." is UNODC, which references tell apart
            r.keys["acronym"].add(_PUNCTUATION.sub("", acronym_key).replace(" ", "")
                                  or acronym_key)
        if website:
            r.keys["website"].add(_site(website))
        r.blocks.update((word[:3],) for word in _block_words(r.name))
    for oid, value_key in session.execute(
        select(ContactPoint.organization_id, ContactPoint.value_key).where(
            ContactPoint.organization_id.is_not(None), ContactPoint.kind == "email"
        )
    ):
        records[oid].keys["email"].add(value_key)
    return scan(records.values(), ORG_SIGNALS, threshold,
                _not_duplicates(session, MergeKind.ORGANIZATION))


def _site(url: str) -> str:
    """'https://www.unodc.org/pakistan/' -> 'unodc.org/pakistan'."""
    host_path = re.sub(r"^[a-z]+://", "", url.casefold()).rstrip("/")
    return host_path.removeprefix("www.")


# -- pairs that are not duplicates ----------------------------------------------------------


def _not_duplicates(session: Session, kind: MergeKind) -> set[tuple[int, int]]:
    """The pairs marked different, and the pairs of the records they were merged into since
    (as long as the merge stands): one of a pair merged into another record makes that record
    different from the other one too."""
    rows = session.execute(
        select(NotDuplicate.low_id, NotDuplicate.high_id).where(
            NotDuplicate.record_type == kind.value
        )
    )
    marks = {(low, high) for low, high in rows}
    merged_into = dict(session.execute(
        select(Merge.removed_id, Merge.kept_id).where(Merge.record_type == kind.value)).all())

    def ended_in(ident: int) -> int:
        seen = {ident}
        while ident in merged_into and merged_into[ident] not in seen:
            ident = merged_into[ident]
            seen.add(ident)
        return ident

    followed = set(marks)
    for low, high in marks:
        a, b = sorted((ended_in(low), ended_in(high)))
        if a != b:
            followed.add((a, b))
    return followed


def mark_not_duplicate(session: Session, kind: MergeKind, ref_a: str, ref_b: str) -> NotDuplicate:
    """Record that two people (or organizations) are different, so they are not proposed."""
    resolve = refs.person if kind is MergeKind.PERSON else refs.organization
    a, b = resolve(session, ref_a), resolve(session, ref_b)
    if a.id == b.id:
        raise Invalid(f"{ref_a!r} and {ref_b!r} are the same record (#{a.id})")
    low, high = sorted((a.id, b.id))
    existing = session.scalar(
        select(NotDuplicate).where(NotDuplicate.record_type == kind.value,
                                   NotDuplicate.low_id == low, NotDuplicate.high_id == high)
    )
    if existing is not None:
        raise Conflict(f"#{low} and #{high} are already marked as not duplicates")
    mark = NotDuplicate(record_type=kind.value, low_id=low, high_id=high)
    session.add(mark)
    session.flush()
    return mark
