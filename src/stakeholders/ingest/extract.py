"""extract(text) -> Extraction: a press release read by rules, offline, in milliseconds.

The reading goes in passes, each needing what the previous one found: acronyms and the names
they stand for, then campaigns and their partners (so that "GLO.ACT Project Coordinator" can
name the agency leading GLO.ACT), then people and what they said, then the contact block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stakeholders.ingest import cues
from stakeholders.ingest.campaigns import Campaigns
from stakeholders.ingest.contacts import CONTACT_BLOCK, EMAIL, HEADING_REST, Contacts, phones
from stakeholders.ingest.dates import (Dateline, country_code, dateline, event_city, event_date,
                                       venue_town)
from stakeholders.ingest.organizations import Organizations, definitions
from stakeholders.ingest.people import People
from stakeholders.ingest.presence import Presence
from stakeholders.ingest.records import (
    AttendanceRecord,
    EventRecord,
    Extraction,
    Item,
    StatementRecord,
    ReviewWarning,
)
from stakeholders.ingest.sentences import (
    Repair,
    blocks,
    continued_quotations,
    masked,
    repair,
    sentences,
)
from stakeholders.ingest.speech import Speech
from stakeholders.text import clean
from stakeholders.vocab import EventKind, Role

#: Confidence of anything read from a sentence that had to be repaired first.
REPAIRED_CONFIDENCE = 0.6
_KINDS = ((EventKind.LAUNCH, r"\blaunch"), (EventKind.WORKSHOP, r"\bworkshop"),
          (EventKind.TRAINING, r"\btraining"), (EventKind.CONFERENCE, r"\bconference"),
          (EventKind.MEETING, r"\b(?:meeting|consultation|round ?table|dialogue)"),
          (EventKind.CONFERENCE, r"\b(?:forum|symposium|summit)\b"))
#: What an event of no kind above is called, when the release says: 'a reception'.
_OTHER_NAMES = re.compile(r"\b(?:signing ceremony|ceremony|reception|signing|exhibition|"
                          r"celebration|briefing)\b", re.I)
_SPEAKING_ROLES = (Role.SPEAKER, Role.PRESENTER)


@dataclass
class _Sentence:
    text: str
    paragraph: int
    #: The role of whoever a list item names, as the line before the list says
    #: ("Speakers at the ceremony included:" then "- Ms. A, Representative"), if it says one.
    listed_as: Role | None = None


#: A list item's mark at the start of its line: "- ", "• ", "1. ", "2) ".
_BULLET = re.compile(r"^\s*(?:[-•*–—▪●◦·]|\d{1,2}[.)])\s+(?=\S)")
#: What the line opening a list says its items are: who spoke, presented, or was there.
_LISTED_ROLES = (
    (Role.SPEAKER, re.compile(r"\b(?:speakers|panell?ists|spoke|addressed)\b", re.I)),
    (Role.PRESENTER, re.compile(r"\bpresent(?:ers|ations|ed)\b", re.I)),
    (Role.ATTENDEE, re.compile(r"\b(?:participants|attendees|guests|attended|present|"
                               r"attendance|dignitaries)\b", re.I)),
)


#: A contact line's label before the name: 'Media contact:', 'Press enquiries:'.
_CONTACT_LABEL = re.compile(r"^\s*(?:(?:media|press)\s+)?(?:contacts?|enquiries|inquiries)\s*:\s*",
                            re.I)


def _country_of_city(city: str | None) -> str | None:
    """The country a city's name says it is in, when the dateline names none: 'Mexico City',
    'Kuwait City', 'Singapore'."""
    if not city:
        return None
    return country_code(city) or country_code(re.sub(r"\s+City$", "", city))


#: A place after 'in', 'to' or 'for': 'UNICEF Representative in Pakistan', 'Ambassador to Nepal';
#: or after an acronym, its office there: 'UNICEF India'.
_IN_PLACE = re.compile(r"(?:\b(?:in|to|for)\s+(?:the\s+)?|\b[A-Z][A-Z&-]{1,9}\s+)"
                       r"(?P<place>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3})")


def _country_named(body: str) -> str | None:
    """The one country a release places things in ('UNICEF Representative in Pakistan', 'the
    High Commissioner to Pakistan', 'UNICEF India'), when the dateline and the city name none;
    None when it names none or several."""
    found = set()
    for m in _IN_PLACE.finditer(body):
        words = m.group("place").split()
        code = next((c for n in range(len(words), 0, -1)
                     if (c := country_code(" ".join(words[:n])))), None)
        if code:
            found.add(code)
    return found.pop() if len(found) == 1 else None


def _dateline_over_lines(block: str) -> Dateline | None:
    """A dateline written over a few short lines of its own, the town above the date
    ('Karachi' / 'Tuesday 8th October 2024'), read as if on one line, or one of those lines
    alone (a reference number above it: 'No. PR-245/2024' / 'Islamabad, the 14th August,
    2024.'); None when the lines are more than that."""
    lines = [clean(line) for line in block.splitlines() if clean(line)]
    if not 2 <= len(lines) <= 3 or any(len(line) > 60 for line in lines):
        return None
    for text in [", ".join(line.rstrip(",") for line in lines), *lines]:
        found = dateline(text)
        if found and len(found.text.rstrip(" -–—")) >= len(text.rstrip(" -–—")):
            return found
    return None


def _listed_as(intro: str) -> Role | None:
    """The role a list's opening line gives its items, if it ends with a colon and says one."""
    if not intro.rstrip().endswith(":"):
        return None
    return next((role for role, cue in _LISTED_ROLES if cue.search(intro)), None)


def extract(text: str) -> Extraction:
    """Read a press release: event, campaigns and partners, organizations, people, who spoke
    and what they said, sectors present and contacts, each with its sentence and confidence."""
    return _Reader(text).read()


class _Reader:
    def __init__(self, text: str) -> None:
        repaired, self.repairs = repair(text)
        self.dateline: Dateline | None = None
        self.body, self.contact_block = self._split(blocks(repaired))
        self.organizations = Organizations()
        self.campaigns = Campaigns(self.organizations)
        self.people = People(self.organizations, self.campaigns)
        self.speech = Speech(self.people)
        self.presence = Presence(self.organizations)
        self.contacts = Contacts(self.organizations, self.campaigns)

    def _split(self, written: list[str]) -> tuple[list[_Sentence], list[str]]:
        """Body sentences (dateline removed) and the lines of the contact block, which keeps
        its line breaks ('Ms. A, Officer, UNDP' / 'Email: …' in one block)."""
        body: list[_Sentence] = []
        paragraphs = [clean(b) for b in written]
        continues = continued_quotations(paragraphs)
        paragraph = 0
        for i, block in enumerate(paragraphs):
            if CONTACT_BLOCK.match(block):
                return body, [clean(line) for b in written[i:] for line in b.splitlines()
                              if clean(line)]
            found = dateline(block) if self.dateline is None and i < 3 else None
            if found:
                self.dateline, block = found, block[len(found.text):]
            elif self.dateline is None and i < 3:
                found = _dateline_over_lines(written[i])
                if found:  # the whole block: 'Karachi' / 'Tuesday 8th October 2024'
                    self.dateline, block = found, ""
            paragraph = paragraph if continues[i] else i  # one quotation, one paragraph
            lines = written[i].splitlines()
            if found or not any(_BULLET.match(line) for line in lines):
                body += [_Sentence(s, paragraph) for s in sentences(block)]
                continue
            intro = body[-1].text if body else ""  # the list may open after its own line
            for line in lines:  # each item a sentence of its own, under its opening line
                item = _BULLET.match(line)
                if item:
                    body.append(_Sentence(clean(line[item.end():]), paragraph,
                                          _listed_as(intro)))
                elif clean(line):
                    body += [_Sentence(s, paragraph) for s in sentences(clean(line))]
                    intro = body[-1].text
        return body, []

    def read(self) -> Extraction:
        self._read_names()
        self._read_campaigns()
        for s in self.body:
            mentions = self.people.read(s.text)
            self.speech.read(s.text, mentions, s.paragraph)
            if s.listed_as:
                self.speech.listed(s.text, mentions, s.listed_as)
            self.presence.read(s.text)
        self._read_contact_block()
        result = Extraction(
            event=self._event(),
            campaigns=self.campaigns.records,
            partners=self.campaigns.partners,
            organizations=self.organizations.records,
            people=self.people.records,
            attendances=self._attendances(),
            statements=self._statements(),
            sectors_present=self.presence.sectors,
            contacts=self.contacts.records,
            warnings=self.people.warnings,
        )
        _use_full_names(result, self.organizations)
        _flag_repairs(result, self.repairs)
        return result

    # -- passes -------------------------------------------------------------------------------

    def _read_names(self) -> None:
        """'Name (ACR)' definitions first, so that later passes know every acronym."""
        for s in self.body:
            for d in definitions(s.text):
                add = self.campaigns.add if d.is_campaign else self.organizations.add
                record = add(d.name, d.acronym, source=s.text)
                if d.written and not d.is_campaign:
                    self.organizations.add_written(d.written, record)
            self.organizations.read_subject(s.text, masked(s.text))

    def _read_campaigns(self) -> None:
        """Campaigns and partners, then acronyms used alone ('GLO.ACT is…', the dateline's
        label) given to the campaign whose name they spell."""
        for s in self.body:
            self.campaigns.read(s.text)
        self.campaigns.settle()
        tags = [self.dateline.tag] if self.dateline and self.dateline.tag else []
        used = re.findall(r"(?<!\S)[A-Z][A-Z.&-]+[A-Z](?=[\s,.;:)]|$)",
                          " ".join(s.text for s in self.body))
        for acronym in dict.fromkeys(tags + used):
            if cues.is_acronym(acronym) and not self.organizations.find(acronym):
                self.campaigns.find(acronym)

    def _read_contact_block(self) -> None:
        """Each line's addresses go to the person last named in the block ('Ms. A, Officer',
        then 'Email: …'), and a line with a post alone under a name is theirs; the heading
        ('For more information, please contact:') names no one."""
        if not self.contact_block:
            return
        heading, *lines = self.contact_block
        person = None
        for line in [HEADING_REST.sub("", CONTACT_BLOCK.sub("", heading, count=1)), *lines]:
            line = _CONTACT_LABEL.sub("", line)  # 'Media contact: Laura Gómez, laura@un.org'
            mentions = (self.people.read(line) or self.people.read_name_line(line)
                        or self._name_before_address(line)) if line.strip(" ,:") else []
            if not mentions and person:  # 'Pim Sukjai', then 'Communications Officer, ILO'
                self.people.read_post_line(line, person)
            person = mentions[0].person if mentions else person
            self.contacts.read(line, person)

    def _name_before_address(self, line: str) -> list:
        """A name written without a title before an address or a number on its line ('Laura
        Gómez, laura.gomez@un.org'): the person it names."""
        name, comma, rest = line.partition(",")
        if not comma or not (EMAIL.search(rest) or phones(rest)):
            return []
        return self.people.read_name_line(name)

    # -- assembling ---------------------------------------------------------------------------

    def _event(self) -> EventRecord:
        """Where and when: the date the text tells ('launched … on 19 July 2017') over the
        dateline's, the town it was held in over the dateline's town."""
        d = self.dateline
        published = d.date if d else None
        told = next(((date, s.text) for s in self.body
                     for date in [event_date(s.text, published)] if date), None)
        date = told[0] if told else published
        body = " ".join(s.text for s in self.body)
        _, kind, word = min(((m.start(), k, m.group(0)) for k, cue in _KINDS
                             for m in [re.search(cue, body, re.I)] if m),
                            default=(0, EventKind.OTHER, ""))
        campaign = self.campaigns.records[0] if self.campaigns.records else None
        called = _OTHER_NAMES.search(body) if kind is EventKind.OTHER else None
        what = called.group(0).lower() if called else kind.value
        if kind is EventKind.MEETING and word.lower() != "meeting":  # 'Roundtable, Amman'
            what = word.lower().replace(" ", "")
        label = (campaign.acronym or campaign.name) + f" {what}" if campaign \
            else what.capitalize()
        city = (event_city(told[1]) if told else None) or (d.city if d else None) \
            or (venue_town(told[1]) if told else None)
        return EventRecord(
            name=f"{label}, {city}" if city else label, kind=kind.value,
            date=date.isoformat() if date else None, city=city,
            country=(country_code(d.country_name) if d else None) or _country_of_city(city)
            or _country_named(body),
            source=told[1] if told else (d.text.strip(" -–—") if d else ""),
            confidence=0.9 if told else (0.7 if d else 0.2))

    def _attendances(self) -> list[AttendanceRecord]:
        """One attendance per person who took a turn, in order of their first turn, then the
        people said to attend and those who stood in for someone without a turn; never the
        people others stood in for."""
        records: list[AttendanceRecord] = []
        seen = {id(p) for p in self.speech.represented}
        order = 0
        for act in self.speech.acts:
            if id(act.person) in seen:
                continue
            seen.add(id(act.person))
            order += act.role in _SPEAKING_ROLES
            represented = self.speech.stand_ins.get(id(act.person))
            records.append(AttendanceRecord(
                person=act.person.ref, role=act.role.value,
                on_behalf_of=represented.ref if represented else None,
                speaking_order=order if act.role in _SPEAKING_ROLES else None,
                organization=act.person.organization, source=act.source,
                confidence=act.confidence))
        for person, source in [*self.speech.attendees, *self.speech.stood_in]:
            if id(person) not in seen:
                seen.add(id(person))
                represented = self.speech.stand_ins.get(id(person))
                records.append(AttendanceRecord(person=person.ref, role=Role.ATTENDEE.value,
                                                on_behalf_of=represented.ref if represented
                                                else None,
                                                organization=person.organization, source=source,
                                                confidence=min(0.8, person.confidence)))
        return records

    def _statements(self) -> list[StatementRecord]:
        return [StatementRecord(person=act.person.ref, text=s.text, kind=s.kind.value,
                                source=act.source, confidence=min(s.confidence, act.confidence))
                for act in self.speech.acts for s in act.statements]


def _use_full_names(result: Extraction, organizations: Organizations) -> None:
    """Refer to each organization by its final name (an acronym seen first may have been
    completed by a definition later)."""
    for item in [*result.people, *result.attendances, *result.partners]:
        org = organizations.find(item.organization)
        if org:
            item.organization = org.name


def _flag_repairs(result: Extraction, repairs: list[Repair]) -> None:
    """Lower the confidence of whatever was read from a repaired sentence, and say why."""
    items: list[Item] = [result.event, *result.campaigns, *result.partners, *result.organizations,
                         *result.people, *result.attendances, *result.statements,
                         *result.sectors_present, *result.contacts]
    for fix in repairs:
        touched = [i for i in items if fix.repaired in i.source]
        for item in touched:
            item.confidence = min(item.confidence, REPAIRED_CONFIDENCE)
        source = touched[0].source if touched else fix.repaired
        result.warnings.append(ReviewWarning(
            message=f"{fix.reason}: read {fix.original!r} as {fix.repaired!r}", source=source))
