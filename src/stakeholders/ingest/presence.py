"""Who else was there without being named: "in the presence of the diplomatic community, …,
media and civil society representatives" (sector groups), or "attended by representatives of
the Ministry of Interior, the FIA and Save the Children" (organizations, each its sector
present)."""

from __future__ import annotations

import re

from stakeholders.ingest import cues
from stakeholders.ingest.organizations import Organizations, split_names, strip_article
from stakeholders.ingest.records import OrganizationRecord, SectorPresenceRecord
from stakeholders.ingest.people import find_mentions
from stakeholders.ingest.sentences import MASK, masked

_CUE = re.compile(r"\b(?:in the presence of|(?:was |were )?attended by(?: representatives"
                  r" (?:of|from))?|participants (?:came from|from|included)|"
                  r"with the participation of|representatives (?:of|from)|"
                  r"(?:those|others|guests|attendees)\s+(?:present\s+)?(?:included|were)|"
                  r"among\s+(?:those|others)\s+present\s+(?:were|was)|"
                  r"(?:brought|brings|bringing) together|"
                  r"(?:attended|were present|took part|participated),?\s+(?:together|along) with)"
                  r"\s+", re.I)
#: The longest description a sector present keeps.
DESCRIPTION_LENGTH = 300
_GATHERED = (r"\s+(?:(?:also|today|yesterday)\s+)?(?:attended|were (?:also )?present|took part|"
             r"participated|joined|"
             r"gathered|met|convened|came together)\b")
_END = re.compile(rf"{_GATHERED}|[.;]?\s*$")
#: 'Teachers, parents, police officers and journalists attended the launch.'
_LIST_FIRST = re.compile(rf"^(?P<listed>[^,;:]+?(?:,[^,;:]+?)*?){_GATHERED}")
#: Who came for an organization, before its name: 'Officials from the National Migration
#: Institute' (the organization is the one present).
_PEOPLE_OF = re.compile(r"^(?i:(?:senior\s+)?(?:officials|officers|representatives|delegates|"
                        r"delegations|staff|members|experts)\s+(?:of|from)\s+)"
                        r"(?=(?:the\s+)?[A-Z])")

#: A head count before the groups it came from: 'attended by more than 200 participants from
#: government, …', 'over 60 participants, including border officials' (the groups are the
#: ones present).
_HEAD_COUNT = (r"(?i:(?:(?:more|fewer|less)\s+than|over|some|about|around|nearly|almost|"
               r"approximately|at\s+least)\s+)?[\d,]+\s+")
_COUNTED = re.compile(rf"^(?:{_HEAD_COUNT}(?i:participants|people|guests|delegates|"
                      r"representatives|attendees|officials)\s*,?\s+"
                      r"(?i:from|of|representing|including)|(?i:including|among them))\s+")
#: A head count before a group: 'More than 300 students' (the group is 'students').
_HEADS = re.compile(rf"^{_HEAD_COUNT}(?=[^\W\d_])")


def _is_post(item: str) -> bool:
    """Whether a listed item is a post ('Director of the Staff College'), not an
    organization ('Office of the Attorney General')."""
    words = strip_article(item).split()
    return bool(words) and words[0] in cues.POST_NOUNS


class Presence:
    def __init__(self, organizations: Organizations) -> None:
        self.organizations = organizations
        self.sectors: list[SectorPresenceRecord] = []

    def read(self, sentence: str) -> None:
        """The lists of who was there: after a cue ('attended by …'), and before a verb
        ('… also attended'), both when a sentence has both ('X and Y attended, as did
        representatives of Z')."""
        text = masked(sentence)
        found = list(_CUE.finditer(text))  # '… of Z attended, together with journalists'
        first = _LIST_FIRST.match(text)
        if first and MASK not in first.group("listed"):
            # the list before the verb, up to a cue inside it ('Officers of A, B, and
            # representatives of C were present': C is read after its cue, below)
            cut = next((c.start() for c in found if c.start() < first.end("listed")), None)
            listed = first.group("listed") if cut is None else text[:cut]
            if listed.strip(" ,"):
                self._read_list(listed, sentence, after_cue=False)
        for cue in found:
            listed = sentence[cue.end():]
            self._read_list(listed[: _END.search(listed).start()], sentence, after_cue=True)

    def _read_list(self, listed: str, sentence: str, *, after_cue: bool) -> None:
        named = find_mentions(listed)[0]
        if named and not after_cue:
            return  # a named person's attendance is read with the people
        for item in split_names(listed, self.organizations.looks_like_one):
            item = _PEOPLE_OF.sub("", _HEADS.sub("", _COUNTED.sub("", item)))
            if named and _is_post(item):
                continue  # 'Ms. A, Director of the Staff College, and Mr. B': read with Ms. A
            if self.organizations.looks_like_one(item):
                self._add_organization(self.organizations.add_phrase(item, source=sentence),
                                       sentence)
            else:
                self._add_group(item, sentence)

    def _add_organization(self, org: OrganizationRecord | None, sentence: str) -> None:
        """An organization said to be there is its sector present, named in the description
        ('government: Ministry of Interior, Ministry of Law'): the event records sectors,
        not organizations, present."""
        if org is None:
            return
        known = next((s for s in self.sectors if s.sector == org.sector), None)
        if known is None:
            self.sectors.append(SectorPresenceRecord(sector=org.sector, description=org.name,
                                                     source=sentence, confidence=0.8))
        elif org.name not in known.description and \
                len(known.description) + len(org.name) + 2 <= DESCRIPTION_LENGTH:
            known.description += f", {org.name}"

    def _add_group(self, description: str, sentence: str) -> None:
        sector = cues.first_sector(description, cues.GROUP_SECTORS)
        if sector and all(s.sector != sector.value for s in self.sectors):
            self.sectors.append(SectorPresenceRecord(sector=sector.value, description=description,
                                                     source=sentence, confidence=0.8))
