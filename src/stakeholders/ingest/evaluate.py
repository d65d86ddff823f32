"""Precision and recall of the extractor over a folder of press releases with their expected
records (``NAME.txt`` beside ``NAME.expected.json``, in the shape of the JSON contract).

Compared as sets of keys per fixture, summed over fixtures (micro-averaged):

- people: the folded name (or "the <post>" for someone named only by post);
- roles: (person, role) of each attendance;
- representations: (person, on behalf of whom);
- organizations: an extracted organization matches an expected one by name or acronym;
- affiliations: (person, organization);
- speaking order: (person, position in the order of speakers);
- statements: (person, text), texts folded and stripped of end punctuation.

Only items at or above the review threshold count as extracted: below it the extractor is
asking, not asserting.

    python -m stakeholders.ingest.evaluate tests/ingest/fixtures
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from stakeholders.ingest.extract import extract
from stakeholders.ingest.records import REVIEW_THRESHOLD
from stakeholders.text import fold

#: The figures the targets apply to, and the extra ones reported beside them.
HEADLINE = ("people", "roles", "representations")
EXTRA = ("organizations", "affiliations", "speaking order", "statements")


@dataclass
class Score:
    expected: int = 0
    extracted: int = 0
    matched: int = 0
    missing: list[tuple[str, Any]] = field(default_factory=list)
    spurious: list[tuple[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    def add(self, fixture: str, expected: set, extracted: set) -> None:
        self.expected += len(expected)
        self.extracted += len(extracted)
        self.matched += len(expected & extracted)
        self.missing += [(fixture, k) for k in sorted(expected - extracted, key=str)]
        self.spurious += [(fixture, k) for k in sorted(extracted - expected, key=str)]


def _person_key(ref: str | None) -> str:
    return fold(ref)


def _people_key(person: dict[str, Any]) -> str:
    return fold(person["name"] or f"the {person['position']}")


def _text_key(text: str) -> str:
    return re.sub(r"[\s.,;:!?\"“”'’]+$", "", fold(text)).strip()


def _confident(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [i for i in items if i.get("confidence", 1.0) >= REVIEW_THRESHOLD]


class _Organizations:
    """Maps any name or acronym of an organization to one key, using the expected names where
    an extracted organization shares a name or an acronym with an expected one."""

    def __init__(self, expected: list[dict], extracted: list[dict]) -> None:
        self.keys: dict[str, str] = {}
        for org in expected:
            for ref in (org["name"], org.get("acronym")):
                if ref:
                    self.keys.setdefault(fold(ref), fold(org["name"]))
        for org in extracted:
            key = self.keys.get(fold(org["name"])) or self.keys.get(fold(org.get("acronym")))
            for ref in (org["name"], org.get("acronym")):
                if ref:
                    self.keys.setdefault(fold(ref), key or fold(org["name"]))

    def key(self, ref: str | None) -> str | None:
        return self.keys.get(fold(ref), fold(ref)) if ref else None


def _keys(records: dict[str, Any], orgs: _Organizations) -> dict[str, set]:
    """The comparison keys of one fixture's records, per figure."""
    attendances = records["attendances"]
    speakers = [a for a in attendances if a.get("speaking_order")]
    return {
        "people": {_people_key(p) for p in records["people"]},
        "roles": {(_person_key(a["person"]), a["role"]) for a in attendances},
        "representations": {(_person_key(a["person"]), _person_key(a["on_behalf_of"]))
                            for a in attendances if a.get("on_behalf_of")},
        "organizations": {orgs.key(o["name"]) for o in records["organizations"]},
        "affiliations": {(_people_key(p), orgs.key(p["organization"]))
                         for p in records["people"] if p.get("organization")},
        "speaking order": {(_person_key(a["person"]), a["speaking_order"]) for a in speakers},
        "statements": {(_person_key(s["person"]), _text_key(s["text"]))
                       for s in records["statements"]},
    }


def _extracted(text: str) -> dict[str, Any]:
    data = extract(text).to_dict()
    return {name: _confident(items) if isinstance(items, list) else items
            for name, items in data.items()}


def fixtures(folder: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """(name, text, expected records) for every NAME.txt with a NAME.expected.json."""
    found = []
    for text_file in sorted(folder.glob("*.txt")):
        expected_file = text_file.with_suffix(".expected.json")
        if expected_file.exists():
            found.append((text_file.stem, text_file.read_text(encoding="utf-8"),
                          json.loads(expected_file.read_text(encoding="utf-8"))))
    return found


def evaluate(folder: Path, extractor: Callable[[str], dict[str, Any]] = _extracted
             ) -> dict[str, Score]:
    """A Score per figure over all fixtures in the folder."""
    scores = {figure: Score() for figure in HEADLINE + EXTRA}
    for name, text, expected in fixtures(folder):
        extracted = extractor(text)
        orgs = _Organizations(expected["organizations"], extracted["organizations"])
        want, got = _keys(expected, orgs), _keys(extracted, orgs)
        for figure, score in scores.items():
            score.add(name, want[figure], got[figure])
    return scores


def table(scores: dict[str, Score]) -> str:
    """The scores as a text table, the headline figures first."""
    from tabulate import tabulate

    rows = [(figure + ("" if figure in HEADLINE else " (extra)"), s.expected, s.extracted,
             s.matched, f"{s.precision:.3f}", f"{s.recall:.3f}") for figure, s in scores.items()]
    return tabulate(rows, headers=("figure", "expected", "extracted", "matched", "precision",
                                   "recall"), tablefmt="github",
                    disable_numparse=True)


def differences(scores: dict[str, Score]) -> str:
    """What was missed and what was extracted wrongly, to see why a figure is low."""
    lines = []
    for figure, s in scores.items():
        lines += [f"{figure}: missing {fixture}: {key}" for fixture, key in s.missing]
        lines += [f"{figure}: spurious {fixture}: {key}" for fixture, key in s.spurious]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    scores = evaluate(Path(args[0] if args else "tests/ingest/fixtures"))
    print(table(scores))
    if "-v" in args:
        print(differences(scores))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
