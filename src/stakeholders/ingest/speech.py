"""Who spoke, presented or moderated, in the order the release tells it, and what they said.

A sentence's first reporting verb (outside quotations) is tied to its subject: the person named
just before it ("Mr. A, UNODC Representative, in his speech stated that"), just after it
("…," said Ms. B), a pronoun standing for the last speaker ("He added that"), or a post alone
("The Chief Secretary stressed that"). Quotations become verbatim statements, "that …" clauses
reported summaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from stakeholders.ingest import cues
from stakeholders.ingest.organizations import strip_article
from stakeholders.ingest.people import Mention, People
from stakeholders.ingest.records import PersonRecord
from stakeholders.ingest.sentences import MASK, masked, quotes
from stakeholders.vocab import Role, StatementKind

_VERBS = ((Role.PRESENTER, cues.PRESENTATION), (Role.MODERATOR, cues.MODERATION),
          (Role.SPEAKER, cues.SPEECH))
#: Verbs whose object is the topic ('highlighted the importance of…'): kept in the summary.
_TOPIC_VERBS = frozenset("highlighted stressed emphasised emphasized underscored underlined "
                         "welcomed urged acknowledged reiterated reaffirmed affirmed recalled "
                         "announced shared expressed".split())
_PRONOUN = re.compile(r"\b(?P<pronoun>[Hh]e|[Ss]he|[Tt]hey)\s+(?:\w+ly\s+|also\s+|further\s+|"
                      r"then\s+)?$")
_AND = re.compile(r"\s*,?\s*(?:and|as well as)\s*")
_THAT = re.compile(r"\bthat\b\s*:?")
_MORE_THAT = re.compile(r"(?:,\s*|;\s*)?\band that\b\s*:?")
_POST_AFTER = re.compile(r"\s*,?\s*(?P<post>(?:the|The)\s+[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|of|for|"
                         r"the))*)")
_MAX_GAP_WORDS = 8


@dataclass
class Statement:
    text: str
    kind: StatementKind
    confidence: float = 0.9


#: Who sat on a panel, named after it: 'A panel discussion … featured Ms. A and Mr. B',
#: 'Panellists included …', and who else spoke: 'Also speaking at the event were Ms. A and
#: Mr. B' (they spoke, without a statement of their own).
_PANEL = re.compile(r"\bpanel(?:\s+discussion)?\b.{0,300}?\b(?:featured|included|comprised|"
                    r"brought together)\b|\bpanel+ists?\s+(?:were|included|comprised)\b"
                    # 'Also speaking at the event were Ms. A and Mr. B'; 'Other speakers included'
                    r"|\b(?:speaking|addressing\s+the\s+\w+)(?:\s+(?:at|during|on)\s+[^,;]{2,60}?)?"
                    r"\s+(?:were|was)\b|\bspeakers\s+(?:were|included)\b", re.I)


@dataclass
class Act:
    """One person's turn: speaking, presenting or moderating, with what they said."""

    person: PersonRecord
    role: Role
    source: str
    confidence: float
    statements: list[Statement] = field(default_factory=list)


@dataclass
class _Verb:
    role: Role
    start: int
    end: int
    word: str


@dataclass
class _Subject:
    people: list[PersonRecord]
    confidence: float
    named_before: bool  # 'Mr. A said' rather than '…, said Mr. A'
    start: int
    end: int


def _verbs(text: str) -> list[_Verb]:
    """Every reporting verb of a (masked) sentence, in order, overlaps dropped."""
    found = sorted(((m.start(), role, m) for role, pattern in _VERBS
                    for m in pattern.finditer(text)), key=lambda f: f[0])
    verbs: list[_Verb] = []
    for start, role, m in found:
        if not verbs or start >= verbs[-1].end:
            verbs.append(_Verb(role, start, m.end(), m.group(0)))
    return verbs


def _small_gap(gap: str) -> bool:
    """Words between a name and its verb that do not break the link (', in his speech')."""
    words = re.findall(r"\w+", gap)
    return MASK not in gap and "." not in gap and len(words) <= _MAX_GAP_WORDS


def _sentence_case(text: str) -> str:
    text = re.sub(r"[,;]?\s*\b(?:while|whereas|and|but)\s*$", "", text.strip())
    text = text.strip(",;: ").rstrip(".").strip()
    return f"{text[:1].upper()}{text[1:]}." if text else ""


class Speech:
    def __init__(self, people: People) -> None:
        self.people = people
        self.acts: list[Act] = []
        self.attendees: list[tuple[PersonRecord, str]] = []
        self.stand_ins: dict[int, PersonRecord] = {}  # id(person) -> the person they represent
        self.represented: list[PersonRecord] = []
        self.stood_in: list[tuple[PersonRecord, str]] = []  # present for another, in order
        self._last_paragraph: int | None = None
        self._previous: list[PersonRecord] = []  # named in the sentence before

    def read(self, sentence: str, mentions: list[Mention], paragraph: int) -> None:
        text = masked(sentence)
        self._note_representations(mentions, sentence)
        turns = self._turns(text, mentions, sentence)
        for i, (verb, subject) in enumerate(turns):
            end = turns[i + 1][1].start if i + 1 < len(turns) else len(sentence)
            self._take_turn(sentence[:end], text[:end], verb, subject)
        if not turns and quotes(sentence) and not mentions and paragraph == self._last_paragraph:
            self._continue_quote(sentence)
        panel = _PANEL.search(text)
        if panel:  # 'A panel discussion moderated by Mr. C featured Ms. A and Mr. B'
            acted = self._acted()
            self.acts += [Act(m.person, Role.SPEAKER, sentence, min(0.8, m.person.confidence))
                          for m in mentions if m.person and m.lead >= panel.end()
                          and id(m.person) not in acted and not self._is_represented(m)]
        if cues.ATTENDANCE.search(text) or cues.SIGNING.search(text):
            spoke = self._acted()
            self.attendees += [(m.person, sentence) for m in mentions
                               if id(m.person) not in spoke and not self._is_represented(m)]
        if turns:
            self._last_paragraph = paragraph
        self._previous = [m.person for m in mentions if m.person]

    def listed(self, sentence: str, mentions: list[Mention], role: Role) -> None:
        """The people a list item names, in the role the list's opening line gives them
        ("Speakers included:"), unless the item itself told what they did."""
        told = self._acted() | {id(p) for p, _ in self.attendees}
        named = [m.person for m in mentions[:1] if m.person and id(m.person) not in told]
        if role is Role.ATTENDEE:
            self.attendees += [(person, sentence) for person in named]
        else:
            self.acts += [Act(person, role, sentence, min(0.8, person.confidence))
                          for person in named]

    def _acted(self) -> set[int]:
        """The people who took a turn so far, by ``id``."""
        return {id(a.person) for a in self.acts}

    def _turns(self, text: str, mentions: list[Mention], sentence: str
               ) -> list[tuple[_Verb, _Subject]]:
        """Each reporting verb with its subject: the first by every rule, later ones only when
        a new person is named just before ('Mr. A stressed …, while Ms. B reaffirmed …')."""
        turns: list[tuple[_Verb, _Subject]] = []
        for verb in _verbs(text):
            if not turns:
                subject = self._subject(text, verb, mentions, sentence)
            else:
                subject = self._named_before(text, verb, mentions)
                if subject and (subject.start < turns[-1][0].end
                                or subject.people == turns[-1][1].people):
                    subject = None
            if subject:
                turns.append((verb, subject))
        return turns

    def _take_turn(self, sentence: str, text: str, verb: _Verb, subject: _Subject) -> None:
        if verb.word.lower() == "according to":  # 'According to Dr. A, the fellows will…'
            said = _sentence_case(sentence[subject.end:])
            statements = [Statement(said, StatementKind.SUMMARY, 0.7)] if said else []
        else:
            statements = self._statements(sentence, text, verb, subject.named_before)
        self._act(subject.people, verb, statements, sentence, subject.confidence)

    # -- who ----------------------------------------------------------------------------------

    def _named_before(self, text: str, verb: _Verb, mentions: list[Mention]) -> _Subject | None:
        before = [m for m in mentions if m.tail <= verb.start]
        if not before or not _small_gap(text[before[-1].tail: verb.start]):
            return None
        # 'Ms. B, …, speaking on behalf of Mr. A, said', 'Mr. A sent a message read out by
        # Ms. B': B spoke, not A
        stand_in = next((m for m in mentions if m.represents is before[-1]), None)
        if stand_in:
            return _Subject([stand_in.person], 0.9, True, stand_in.lead, before[-1].tail)
        group = self._group(before, text, backwards=True)
        return _Subject([m.person for m in group], 0.9, True, group[0].lead, group[-1].tail)

    def _subject(self, text: str, verb: _Verb, mentions: list[Mention], sentence: str
                 ) -> _Subject | None:
        """Who the verb's subject is: named before or after it, a pronoun, or a post."""
        named = self._named_before(text, verb, mentions)
        if named:
            return named
        after = [m for m in mentions if m.lead >= verb.end]
        if after and re.fullmatch(r"\s*,?\s*(?:by\s+)?", text[verb.end: after[0].lead]):
            group = self._group(after, text, backwards=False)
            return _Subject([m.person for m in group], 0.9, False, group[0].lead, group[-1].tail)
        pronoun = _PRONOUN.search(text[: verb.start])
        if pronoun:
            people = self._recent(pronoun.group("pronoun").lower())
            return _Subject(people, 0.8, True, pronoun.start(), verb.start) if people else None
        if mentions:
            return None
        post_before = self._post_before(text[: verb.start])
        post_after = None if post_before else _POST_AFTER.match(text[verb.end:])
        post = post_before or (post_after.group("post") if post_after
                               and cues.has_post_noun(post_after.group("post")) else None)
        if not post:
            return None
        known = self.people.by_post(post)
        person = known or self.people.add_unnamed(post, sentence)
        start, end = (text.rfind(post, 0, verb.start), verb.start) if post_before \
            else (verb.end, verb.end + post_after.end())
        return _Subject([person], 0.8 if known else 0.5, bool(post_before), start, end)

    @staticmethod
    def _group(mentions: list[Mention], text: str, *, backwards: bool) -> list[Mention]:
        """'Mr. A, …, and Ms. B, …, delivered presentations': everyone joined by 'and'."""
        ordered = list(reversed(mentions)) if backwards else mentions
        group = [ordered[0]]
        for m in ordered[1:]:
            gap = text[m.tail: group[-1].lead] if backwards else text[group[-1].tail: m.lead]
            if not _AND.fullmatch(gap):
                break
            group.append(m)
        return list(reversed(group)) if backwards else group

    def _recent(self, pronoun: str) -> list[PersonRecord]:
        """The person 'he' or 'she' can stand for: the last one named in the sentence before
        (who signed, say, and then spoke: '"…," she said'), not one another stood in for,
        else the last speaker (one named without a title can stand for either: 'said Sita
        Gurung. "…," she said.'); 'they': the last group."""
        if pronoun == "they":
            if not self.acts:
                return []
            last = self.acts[-1]
            return [a.person for a in self.acts if a.source == last.source]
        gender = "m" if pronoun == "he" else "f"
        absent = {id(p) for p in self.represented}  # someone stood in for said nothing there
        person = next((p for p in reversed(self._previous) if p.gender in (gender, None)
                       and id(p) not in absent), None) \
            or next((a.person for a in reversed(self.acts)
                     if a.person.gender in (gender, None)), None)
        return [person] if person else []

    @staticmethod
    def _post_before(text: str) -> str | None:
        """'The Chief Secretary of Punjab' standing as a subject, with no name ('The Inspector
        General of Police also addressed …', 'Speaking as chief guest, the State Minister
        said …')."""
        segment = re.sub(r"^the\s+", "", re.split(r"[,;:]", text)[-1].strip())
        segment = re.sub(r"\s+(?:also|then|later|briefly|further|subsequently|too)$", "", segment)
        words = segment.split()
        if not words or not words[0][:1].isupper() or MASK in segment \
                or not cues.has_post_noun(segment) or len(words) > 10:
            return None
        if any(not (w[:1].isupper() or w in cues.NAME_CONNECTORS or w in ("to", "in"))
               for w in words[1:]):
            return None
        return strip_article(segment)

    # -- what ---------------------------------------------------------------------------------

    def _statements(self, sentence: str, text: str, verb: _Verb, named_before: bool
                    ) -> list[Statement]:
        if verb.role is Role.PRESENTER:
            topic = re.sub(r"^\s*(?:on|about)\s+", "", sentence[verb.end:]).strip().rstrip(".")
            return [Statement(topic, StatementKind.SUMMARY, 0.7)] if topic else []
        if verb.role is Role.MODERATOR:  # a quotation beside 'moderated by' is the panel's
            return []                    # title ('a panel, "From Law to Practice", moderated by')
        reported = self._reported(sentence, text, verb, named_before)
        found = [(q.start, Statement(q.text.rstrip(","), StatementKind.VERBATIM))
                 for q in quotes(sentence)  # a quotation inside a reported clause is said once
                 if not any(q.text in r.text for _, r in reported)]
        found += reported
        return [s for _, s in sorted(found, key=lambda f: f[0])]

    def _reported(self, sentence: str, text: str, verb: _Verb, named_before: bool
                  ) -> list[tuple[int, Statement]]:
        """The reported clauses after the verb: every 'that …' ('stated that the community
        needs…', '… and that the United States welcomed…'), or, when no quotation or 'that'
        follows, what the verb introduces ('said the campaign will…', 'stressed the need…')."""
        that = _THAT.search(text, verb.end)
        if that:
            cuts = [that.end()] + [m.end() for m in _MORE_THAT.finditer(text, that.end())]
            ends = [m.start() for m in _MORE_THAT.finditer(text, that.end())] + [len(text)]
            return [(start, Statement(_sentence_case(sentence[start:end]),
                                      StatementKind.SUMMARY, 0.8))
                    for start, end in zip(cuts, ends) if len(text[start:end].replace(
                        MASK, " ").split()) >= 3
                    and not text[start:end].lstrip().startswith(MASK)]  # the quotation, below
        rest = text[verb.end:].strip(" ,:")
        if not named_before or MASK in rest or len(rest.split()) < 3:
            return []
        if verb.word in cues.CLAUSE_VERBS and rest[:1].islower():
            return [(verb.end, Statement(_sentence_case(rest), StatementKind.SUMMARY, 0.7))]
        if verb.word in _TOPIC_VERBS:
            summary = _sentence_case(f"{verb.word} {rest}")
            return [(verb.end, Statement(summary, StatementKind.SUMMARY, 0.7))]
        return []

    # -- recording ----------------------------------------------------------------------------

    def _act(self, people: list[PersonRecord], verb: _Verb, statements: list[Statement],
             sentence: str, confidence: float) -> None:
        if verb.role is Role.PRESENTER:
            per_person = presentation_summaries(statements[0].text if statements else "",
                                                people, self.people.organizations)
        else:
            per_person = [statements] * len(people)
        for person, said in zip(people, per_person):
            self.acts.append(Act(person, verb.role, sentence,
                                 min(confidence, person.confidence), list(said)))

    def _continue_quote(self, sentence: str) -> None:
        """A quotation standing alone right after a speaker's sentence continues their words."""
        last = self.acts[-1]
        for q in quotes(sentence):
            self.acts.append(Act(last.person, last.role, sentence, 0.6,
                                 [Statement(q.text.rstrip(","), StatementKind.VERBATIM, 0.6)]))

    def _note_representations(self, mentions: list[Mention], sentence: str) -> None:
        for m in mentions:
            if m.represents and m.represents.person and m.person:
                self.stand_ins[id(m.person)] = m.represents.person
                self.stood_in.append((m.person, sentence))
                if m.represents.person not in self.represented:
                    self.represented.append(m.represents.person)

    def _is_represented(self, mention: Mention) -> bool:
        return any(mention.person is p for p in self.represented)


def presentation_summaries(topic: str, people: list[PersonRecord], organizations
                           ) -> list[list[Statement]]:
    """'delivered presentations on their mandates on A and B respectively' -> 'Presented
    IOM's mandate on A.' for the first presenter, '… on B.' for the second."""
    if not topic:
        return [[] for _ in people]
    items = _respective_items(topic, len(people))
    summaries = []
    for i, person in enumerate(people):
        text = topic if items is None else items[0] + items[1 + i]
        org = organizations.find(person.organization) if person.organization else None
        if org and (items is not None or len(people) == 1):
            text = _their_as(text, f"{org.acronym or org.name}'s")
        summaries.append([Statement(_sentence_case(f"Presented {text}"),
                                    StatementKind.SUMMARY, 0.7)])
    return summaries


def _respective_items(topic: str, count: int) -> list[str] | None:
    """[common start, item 1, item 2…] when the topic ends with a list of ``count`` items
    followed by 'respectively'; None otherwise."""
    m = re.match(r"^(?P<body>.*?),?\s+respectively$", topic.strip().rstrip("."))
    if not m or count < 2:
        return None
    body = m.group("body")
    preposition = list(re.finditer(r"\b(?:on|about|regarding|concerning)\s+", body))
    for p in reversed(preposition):
        items = re.split(r",\s*(?:and\s+)?|\s+and\s+", body[p.end():])
        if len(items) == count:
            return [body[: p.end()], *items]
    return None


def _their_as(text: str, possessive: str) -> str:
    """'their organizational mandates' -> "IOM's organizational mandate"."""
    m = re.search(r"\btheir\s+((?:\w+\s+){0,2}?)(\w+?)s\b", text)
    if not m:
        return text
    return f"{text[: m.start()]}{possessive} {m.group(1)}{m.group(2)}{text[m.end():]}"
