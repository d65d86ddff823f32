"""Who else was there without being named: "in the presence of the diplomatic community, …,
media and civil society representatives" (sector groups), or "attended by representatives of
the Ministry of Interior, the FIA and Save the Children" (organizations)."""

from __future__ import annotations

import re

from stakeholders.ingest import cues
from stakeholders.ingest.organizations import Organizations
from stakeholders.ingest.records import SectorPresenceRecord
from stakeholders.ingest.sentences import masked

_CUE = re.compile(r"\b(?:in the presence of|(?:was |were )?attended by(?: representatives"
                  r" (?:of|from))?|participants (?:from|included)|with the participation of|"
                  r"representatives (?:of|from))\s+", re.I)
_END = re.compile(r"\s+(?:also attended|attended|were (?:also )?present|took part|participated|"
                  r"joined)\b|[.;]?\s*$")
_SEPARATOR = re.compile(r"(,\s*(?:and\s+)?|\s+and\s+|\s+as well as\s+)")


def _items(listed: str, organizations: Organizations) -> list[str]:
    """Split a list, keeping 'and' inside an organization's name ('Ministry of Narcotics
    Control and Border Affairs' is not cut after 'Control')."""
    parts = _SEPARATOR.split(listed.strip(" ,"))
    items = [parts[0]]
    for separator, part in zip(parts[1::2], parts[2::2]):
        joins_name = "and" in separator and "," not in separator and part[:1].isupper() \
            and organizations.looks_like_one(items[-1]) and not organizations.looks_like_one(part)
        if joins_name:
            items[-1] += separator + part
        else:
            items.append(part)
    return [i.strip() for i in items if i.strip()]


class Presence:
    def __init__(self, organizations: Organizations) -> None:
        self.organizations = organizations
        self.sectors: list[SectorPresenceRecord] = []

    def read(self, sentence: str) -> None:
        text = masked(sentence)
        cue = _CUE.search(text)
        if not cue:
            return
        listed = sentence[cue.end():]
        listed = listed[: _END.search(listed).start()]
        for item in _items(listed, self.organizations):
            if self.organizations.looks_like_one(item):
                self.organizations.add_phrase(item, source=sentence)
            else:
                self._add_group(item, sentence)

    def _add_group(self, description: str, sentence: str) -> None:
        sector = cues.first_sector(description, cues.GROUP_SECTORS)
        if sector and all(s.sector != sector.value for s in self.sectors):
            self.sectors.append(SectorPresenceRecord(sector=sector.value, description=description,
                                                     source=sentence, confidence=0.8))
