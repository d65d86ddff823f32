"""People named in the release: "H.E. Ms. Margaret Adamson, Australian High Commissioner to
Pakistan (represented by Ms. Nicole Guihot, Acting Deputy High Commissioner)".

A person is found by the courtesy title, honorific or rank before the name. A capitalized phrase
alone is too often an organization or a place, so a name without a title is read only where
nothing else can stand: right after a quotation and its reporting verb ('"…," said Amina
Yusuf'), or opening a sentence with a position and a reporting verb ('Cesar Guedes, UNODC
Representative, said'). The position comes from the phrase beside the name, before or after
it, and the organization from the position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stakeholders.errors import Invalid
from stakeholders.ingest import cues
from stakeholders.ingest.campaigns import Campaigns
from stakeholders.ingest.dates import country_code
from stakeholders.ingest.organizations import Organizations, strip_article
from stakeholders.ingest.records import PersonRecord, ReviewWarning
from stakeholders.ingest.sentences import MASK, masked
from stakeholders.names import (POLICE_RANKS, RANKS, RETIRED, is_post_nominal, parse_name,
                               split_prefixes)
from stakeholders.text import clean, fold

#: 'Ambassador' before a given and a family name, or a family name opened by particles
#: ('Ambassador van der Berg'), is the honorific 'Amb.' written out.
_PARTICLES = "|".join(sorted(cues.NAME_PARTICLES))
_AMBASSADOR = (r"Ambassador(?=\s+(?:[A-Z][\w'’-]+\s+(?:[a-z]+\s+){0,2}"
               rf"|(?:(?:{_PARTICLES})\s+){{1,2}})[A-Z])")
#: Words that make 'Justice' before them part of a name of something else ('Justice Sector
#: Reform Programme', 'Justice Project Pakistan'), not a judge's honorific.
_NOT_A_JUDGE = "|".join(sorted(cues.ORGANIZATION_HEADS | {
    "Project", "Sector", "Reform", "System", "Systems", "Initiative", "Access", "Day", "Week"}))
_HONORIFIC = (r"(?:H\.\s?E\.|His Excellency|Her Excellency|Hon\.|Rt\.?\s?Hon\.|Amb\.|"
               r"YB|Yang Berhormat|Tan Sri|Puan Sri|Toh Puan|Datuk(?: Seri)?|Dato['’](?: Sri)?|"
               r"Datin(?: Seri)?|Sen\.(?=\s+[A-Z])|"
               # a judge's, retired too: 'Justice (R) Nasira Iqbal'
               r"Justice(?:\s+\((?i:r|retd|rtd|retired)\.?\))?(?=\s+[A-Z][a-z]+\s+[A-Z])"
              rf"(?!\s+(?:{_NOT_A_JUDGE})\b)|"
              rf"Senator(?=\s+[A-Z])|{_AMBASSADOR})")
_TITLE = (r"(?:(?:(?:Mr|Ms|Mrs|Dr|Prof|Mx|Engr|Smt|Rev|Revd|Atty)\.?|Eng\.|Barr\."
          r"|(?:Md|Mohd|Muhd)\.(?=\s+[A-Z]))"  # Muhammad, opening a name as a title would
          r"(?:\s+\((?:Mrs?|Ms|Miss|Dr)\.?\))?|Miss|Professor|Sir|Dame|Barrister|Advocate|Shri|"
          r"Reverend|Alhaji|Alhaja)(?=\s)")
PREFIX = re.compile(rf"(?<![\w.])(?:(?:{_HONORIFIC}\s+)*(?:{_TITLE}\s+)+|(?:{_HONORIFIC}\s+)+)")
#: Ranks written out as a single word are ordinary words or posts too ("a major concern", "the
#: UN General Assembly", "Inspector General of Police"), bar these.
_RANK_WORDS_ALONE = {"Brigadier", "Colonel"}


#: What marks a rank as held by someone retired: 'Brig. (R)', 'Col. (Retd.)', 'Cdr. Retd.';
#: the mark names.split_prefixes keeps with the rank, so that it peels off what is read here.
_RETIRED_MARK = f"(?i:{RETIRED.pattern})"
#: … written after the name instead: 'Brig. Asif Ali (R), Director General'.
_RETIRED_AFTER = re.compile(r"\s*(?P<mark>\((?i:r|retd|rtd|retired)\.?\))")


def _rank_pattern() -> str:
    """The ranks of :data:`names.RANKS` as they may open a name: abbreviated ('Brig.', 'Lt Col',
    'Wg. Cdr.'), of several words ('Air Vice Marshal') or a word of rank alone only as above;
    the police ranks in capitals ('DIG'). A retired mark may follow ('Brig. (R)')."""
    forms = set()
    for rank in RANKS:
        words = rank.split()
        if len(words) == 1 and not rank.endswith(".") and rank not in _RANK_WORDS_ALONE:
            continue
        forms.add(r"\s+".join(re.escape(w.rstrip(".")) + (r"\.?" if w.endswith(".") else "")
                              for w in words))
    forms |= {re.escape(r) for r in POLICE_RANKS}
    ranks = "|".join(sorted(forms, key=len, reverse=True))
    return rf"(?:{ranks})(?![\w.])(?:\s+{_RETIRED_MARK})?"


#: A rank before the name, with honorifics before it and titles after ('Brig. (R) Dr. …').
_RANKED = re.compile(rf"(?<![\w.])(?:{_HONORIFIC}\s+)*(?:{_rank_pattern()}\s+)+(?:{_TITLE}\s+)*"
                     r"(?=[A-Z])")
_VERB = rf"(?:{cues.SPEECH_VERBS}|{cues.PRESENTATION_VERBS})"
#: Where a name without a title may start, and what must follow it: after a quotation and
#: its verb ('"…," said Amina Yusuf, …'), or opening the sentence ('Cesar Guedes, …, said').
_AFTER_QUOTE = (re.compile(rf"{MASK}\s*,?\s*{_VERB}\s+(?=[A-Z])"), re.compile(r"\s*(?:[,.;]|$)"))
_OPENING = (re.compile(r"^\s*(?=[A-Z])"), re.compile(r"\s*,"))
#: Or after the post that opens the sentence ('UNICEF Representative in Sri Lanka, Christian
#: Skoog, noted that …').
_AFTER_POST = (re.compile(r"^\s*[A-Z][^,;:()]{2,120}?,\s*(?=[A-Z])"), re.compile(r"\s*,"))
#: Or opening a clause after 'while' or a semicolon, before a position and a verb of speech
#: or of being there ('…, while Tuomo Poutiainen, Country Director of ILO, was present').
_CLAUSE = (re.compile(r"(?:,\s*(?:while|whereas)|;)\s+(?=[A-Z])"), re.compile(r"\s*,"))
_PRESENT_NEXT = re.compile(r"\s*,?\s*(?:was\s+(?:also\s+)?present|(?:also\s+)?attended)\b")
#: Or right after the post it follows, with no comma, before a verb of speech ('UNODC Country
#: Representative Jeremy Douglas said').
_AFTER_POST_WORD = (re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, cues.POST_NOUNS)))
                               + r")\s+(?=[A-Z])"), re.compile(r""))
#: Or after an opening that says someone speaks ('Speaking at the launch, Christian Skoog
#: said …').
_SPEAKING = (re.compile(r"^\s*(?:Speaking|Addressing|Opening|Closing|Welcoming)\s+[^,]{2,80},\s*"
                        r"(?=[A-Z])"), re.compile(r""))
#: Or after a verb of chairing or opening and 'by' ('The event was chaired by Md. Mahbub
#: Hossain, Senior Secretary').
_AFTER_BY = (re.compile(rf"\b(?:{cues.MODERATION_VERBS}|inaugurated|opened)\s+"
                        r"by\s+(?=[A-Z])"), re.compile(r"\s*(?:[,.;]|$)"))
#: … or before 'was represented by' ('Commissioner A of the Federal Police was represented by
#: Deputy Commissioner B, who …'), as is the one after it.
_REPRESENTED_NEXT = re.compile(r"\s*,?\s*(?:was|is|had\s+been)\s+represented\s+by\b")
#: A quotation and its verb right before a post ('"…," said Ambassador Karimli').
_QUOTE_AND_VERB_BEFORE = re.compile(rf"{MASK}\s*,?\s*{_VERB}\s+\Z")
_BARE_NAME_WORDS = (2, 4)
_VERB_RIGHT_AFTER = re.compile(rf"\s*,?\s*(?:also\s+)?{_VERB}\b")
_VERB_NEXT = re.compile(rf"\s*,?\s*(?:in\s+(?:his|her|their)\s+\w+\s*,\s*)?{_VERB}\b")
#: Capitalized words that open a sentence or follow a verb without being anyone's name.
_NOT_NAMES = frozenset("The This That These Those He She They It We Our His Her Their Its "
                       "A An In On At For By".split())
_LOWER_PREFIX = re.compile(r"(?<![\w.])(?:mr|ms|mrs|dr)\.\s+[a-z]")
#: Titles that are also posts, written before a lower-case word as posts only.
_POSTS_AS_TITLES = frozenset({"Professor", "Barrister", "Advocate"})
#: Two words run together ('SarahColeman'), once a family name's own prefix is set aside
#: ('McDonald', 'MacArthur', "O'Brien", 'DeSouza', 'FitzGerald').
_CAMEL = re.compile(r"[a-z][A-Z]")
#: Words after a title that make a post, not a name, and that no post list names:
#: "Mr. Speaker", "Professor Emeritus".
_ADDRESSED = frozenset({"Speaker", "Emeritus"})
_CAPITAL_AFTER_PREFIX = re.compile(r"^(?:Mc|Mac|O'|O’|D'|D’|De|Di|Da|Du|La|Le|Van|Von|Fitz)"
                                   r"(?=[A-Z])")
_SEGMENT_END = re.compile(r"[,;:()]|\s+and\s+(?=" + PREFIX.pattern + ")|$")
_MAX_NAME_WORDS = 5
#: 'Head of Mission' is a post: its 'of' names no organization.
_HEAD_OF_MISSION = re.compile(r"\b(?:Head|Chief)\s+(?P<of>of)\s+Mission\b")
_ADJECTIVES_OF_RANK = {"Acting", "Deputy", "Former", "Senior", "Assistant", "First", "Second",
                       "Third", "Vice", "Interim", "Outgoing", "Incoming", "New", "Additional"}
#: A rank after such a word is a post held ('Deputy Inspector General Ahmed Raza').
_RANK_AS_POST = re.compile(rf"(?<![\w.])(?:(?:{'|'.join(sorted(_ADJECTIVES_OF_RANK))})\s+)+$")


@dataclass
class Mention:
    """One place a person is named, with the phrases around the name."""

    start: int  # where the title starts
    end: int  # where the name ends
    text: str  # "H.E. Ms. Margaret Adamson"
    lead: int = -1  # where a position written before the name starts
    tail: int = -1  # where the position (and organization) written after the name ends
    position: str | None = None
    organization: str | None = None  # as written beside the position, if any
    person: PersonRecord | None = None
    represents: Mention | None = None


#: A word after a name that may be letters written after it ('CMG', 'PhD').
_LETTERS_AFTER = re.compile(r"\s+([A-Z][A-Za-z.]*[A-Za-z])(?=[\s,;:)]|\.?$)")


#: Given names written short with a full stop, as South Asian names often are: 'Md. Mahbub
#: Hossain' (Mohammad), 'Mohd.', 'Syed' needs none.
_NAME_ABBREVIATIONS = frozenset({"Md.", "Mohd.", "Muhd.", "Mohd", "Md"})


def _name_words(text: str) -> list[str]:
    """The words of the name at the start of ``text``: capitalized words and the particles
    between them ('Antonino de Leo'), stopping at punctuation, a post or an acronym."""
    tokens = text.split()
    words: list[str] = []
    for i, token in enumerate(tokens[:_MAX_NAME_WORDS]):
        if token in _NAME_ABBREVIATIONS and i + 1 < len(tokens):
            words.append(token)  # 'Md. Mahbub Hossain'
            continue
        word = token.rstrip(",;:)")
        # "Mr. Shah's answer", "Mr. Guedes' speech"
        possessive = re.fullmatch(r"(?P<name>.+[a-z])(?:['’]s|(?<=s)['’])", word)
        if possessive and word[0].isupper():
            words.append(possessive.group("name"))
            break
        if word.endswith(".") and not re.fullmatch(r"[A-Z]\.", word):
            word = word.rstrip(".")
        particle = word in cues.NAME_PARTICLES and _before_capital(tokens[i + 1:])
        if not word or not (word[0].isupper() or particle) or word in cues.POST_NOUNS \
                or (cues.is_acronym(word) and len(words) > 0) or MASK in word:
            break
        words.append(word)
        if word != token:
            break
    return words


def _before_capital(tokens: list[str]) -> bool:
    """Whether particles lead to a capitalized word ('van der Berg')."""
    for token in tokens:
        if token[:1].isupper():
            return True
        if token not in cues.NAME_PARTICLES:
            return False
    return False


def _is_position(phrase: str) -> bool:
    phrase = phrase.strip()
    first = phrase.split()[0] if phrase.split() else ""
    return bool(phrase) and MASK not in phrase and not cues.SPEECH.search(phrase) \
        and len(phrase.split()) <= 14 and (first[:1].isupper() or first in ("the", "a", "an")) \
        and (cues.has_post_noun(phrase) or (cues.is_acronym(first) and len(phrase.split()) > 1))


def _segment(text: str) -> str:
    """The phrase before the next comma, bracket or 'and Mr. …', without the full stop of a
    sentence ending there ('ILO Country Director for Jordan.')."""
    phrase = text[: _SEGMENT_END.search(text).start()]
    return re.sub(r"(?<=[a-z]{2})\.\s*$", "", phrase)


_STANDS_IN = re.compile(r"\b(?:represented\s+by|on\s+behalf\s+of|representing)\s+")
#: … right before a post and a name ('was represented by Deputy Commissioner B').
_STANDS_IN_BEFORE = re.compile(_STANDS_IN.pattern + r"\Z")


def _position_before(text: str) -> tuple[str, int] | None:
    """A position written just before a name ('The Ambassador of …, H.E. Mr. …'), and where it
    starts, once leading small words ('represented by the') are dropped."""
    stripped = text.rstrip()
    stripped = stripped[:-1].rstrip() if stripped.endswith(",") else stripped
    cut = max(stripped.rfind(c) for c in ",;:(")
    for _ in range(2):  # 'The Minister for Labour, Employment and Social Security, Mr. …'
        earlier = max(stripped.rfind(c, 0, max(cut, 0)) for c in ",;:(")
        if cut < 0 or stripped[cut] != "," or _is_position(stripped[cut + 1:]) \
                or not _continues_a_post(stripped[cut + 1:], stripped[earlier + 1: cut]):
            break
        cut = earlier
    segment = stripped[cut + 1:]
    stand_in = list(_STANDS_IN.finditer(segment))  # 'A was represented by Deputy Commissioner'
    words = segment[stand_in[-1].end() if stand_in else 0:].split()
    while words and not (words[0][:1].isupper() or cues.is_acronym(words[0])):
        words.pop(0)
    phrase = re.sub(r"^(?:The|A|An)\s+", "", " ".join(words))
    if not words or not (words[-1][:1].isupper() or words[-1][:1].isdigit()) \
            or not _is_position(phrase) or PREFIX.search(phrase):
        return None
    return phrase, stripped.rfind(phrase)


def _continues_a_post(tail: str, head: str) -> bool:
    """Whether ``tail`` continues the post written before its comma: 'Employment and Social
    Security' after 'The Minister for Labour'."""
    words = tail.split()
    return 0 < len(words) <= 6 and words[0][:1].isupper() and not cues.has_post_noun(tail) \
        and all(w[:1].isupper() or w in cues.NAME_CONNECTORS for w in words) \
        and cues.has_post_noun(head) and bool(re.search(r"\b(?:of|for|on)\s+[A-Z]", head))


def find_mentions(sentence: str) -> tuple[list[Mention], list[str]]:
    """The people named in a sentence (outside quotations), in order, and what looked like a
    person but could not be read as one."""
    text = masked(sentence)
    mentions, problems = [], []
    for m in _prefixes(text):
        words = _name_words(text[m.end():])
        if m.re is _RANKED and not _ranked_name(m.group(0), words):
            continue  # 'Inspector General Punjab Police': a post, not a person
        if not words and m.group(0).split()[-1] in _POSTS_AS_TITLES \
                and text[m.end():][:1].islower():
            continue  # 'Associate Professor at the University': a post, no name after it
        if not words:
            what = "a lower-case name" if text[m.end():][:1].islower() else "no readable name"
            problems.append(f"a title before {what}: {text[m.start(): m.end() + 20]!r}")
            continue
        end = _with_letters_after(text, text.index(words[-1], m.end()) + len(words[-1]))
        post = _RANK_AS_POST.search(text[: m.start()]) if m.re is _RANKED else None
        start = m.end() if post else m.start()
        mention = Mention(start, end, clean(text[start: end]))
        retired = _RETIRED_AFTER.match(text, end) if m.re is _RANKED and not post else None
        if retired:  # 'Brig. Asif Ali (R), …' is 'Brig. (R) Asif Ali'
            mention.end = retired.end()
            mention.text = clean(f"{m.group(0)} {retired.group('mark')} {text[m.end(): end]}")
        _read_surroundings(mention, text)
        if post and mention.position is None:  # 'Deputy Inspector General Ahmed Raza'
            mention.position, mention.lead = clean(post.group(0) + m.group(0)), post.start()
        if m.re is _RANKED and m.group(0).split()[-1] in POLICE_RANKS \
                and mention.tail == mention.end and not _names_someone(words):
            continue  # 'SSP Karachi South': a police rank before a place is a post
        if m.re is _RANKED and PREFIX.search(text, m.end(), end + 2):
            continue  # 'IGP Punjab Dr. Usman Anwar': the rank is the post of Dr. Anwar
        mentions.append(mention)
    problems += [f"a title before a lower-case name: {text[m.start(): m.end() + 20]!r}"
                 for m in _LOWER_PREFIX.finditer(text)]
    mentions += _bare_mentions(text, mentions)
    return sorted(mentions, key=lambda m: m.start), problems


def _with_letters_after(text: str, end: int) -> int:
    """Where a name ending at ``end`` ends with the letters written after it ('Dr. Angela
    Macdonald PSM, Ambassador …': PSM is hers)."""
    while (after := _LETTERS_AFTER.match(text, end)) and is_post_nominal(after.group(1)):
        end = after.end()
    return end


def _prefixes(text: str) -> list[re.Match[str]]:
    """The titles and ranks that open a name, in order; of two starting together, the longer
    ('H.E. Brig.' rather than 'H.E.')."""
    found: list[re.Match[str]] = []
    for m in sorted([*PREFIX.finditer(text), *_RANKED.finditer(text)],
                    key=lambda m: (m.start(), -m.end())):
        if not found or m.start() >= found[-1].end():
            found.append(m)
    return found


#: Words of a post's place: 'SSP Karachi South', 'DIG Lahore Range', 'Regional Director Asia
#: Pacific'.
_AREA_WORDS = frozenset("North South East West Central Capital Territory Police Asia Pacific "
                        "Africa Europe America Americas Caribbean Arab Middle Latin Gulf Sahel "
                        "Levant Balkans Region Regional".split())


def _names_someone(words: list[str]) -> bool:
    """Whether words after a post or a rank, with nothing after them, name someone ('DIG Ahmed
    Raza and SSP Sara Malik also attended', 'Country Representative Jeremy Douglas said'),
    not the post's place or branch ('SSP Karachi South', 'DIG Lahore', 'Regional Director
    Asia Pacific'): two or more words, none a branch, an area or a country."""
    return len(words) >= 2 and not any(
        w in cues.POLICE_BRANCHES or w in _AREA_WORDS or country_code(w) for w in words)


def _ranked_name(prefix: str, words: list[str]) -> bool:
    """Whether a rank opens a person's name: the name reader takes the whole prefix apart as
    ranks, honorifics and titles, and the words after it name no organization."""
    name = " ".join(words)
    if not words or words[0] in cues.POLICE_BRANCHES or cues.names_organization(name) \
            or cues.has_head(name, cues.CAMPAIGN_HEADS):
        return False
    return split_prefixes(f"{prefix} {name}")[2] == name


def _bare_mentions(text: str, titled: list[Mention]) -> list[Mention]:
    """Names written without a title, read only where a speaker must stand: after a quotation
    and its verb, opening the sentence before a position and a verb, or between commas after
    the post that opens it and before a verb."""
    found = []
    least, most = _BARE_NAME_WORDS
    for rule in (_AFTER_QUOTE, _OPENING, _AFTER_POST, _AFTER_BY, _CLAUSE, _AFTER_POST_WORD,
                 _SPEAKING):
        where, then = rule
        for m in where.finditer(text):
            start = m.end()
            words = _name_words(text[start:])
            if not least <= len(words) <= most or words[0] in _NOT_NAMES \
                    or cues.has_head(" ".join(words), cues.ORGANIZATION_HEADS
                                     | cues.CAMPAIGN_HEADS) \
                    or any(t.lead <= start < t.tail for t in titled):
                continue
            end = text.index(words[-1], start) + len(words[-1])
            if not then.match(text, end):
                continue
            mention = Mention(start, end, clean(text[start:end]))
            _read_surroundings(mention, text)
            if rule is _OPENING and (mention.position is None
                                      or not _VERB_NEXT.match(text, mention.tail)):
                continue
            if rule is _CLAUSE and (mention.position is None or not (
                    _VERB_NEXT.match(text, mention.tail)
                    or _PRESENT_NEXT.match(text, mention.tail))):
                continue
            if rule is _AFTER_POST and (text[: mention.lead].strip().lower() not in ("", "the")
                                         or not cues.has_post_noun(mention.position or "")
                                         or not _VERB_NEXT.match(text, mention.tail)):
                continue  # the post read must be the whole opening, the verb right after
            if rule is _SPEAKING and not _VERB_NEXT.match(text, mention.tail):
                continue  # the name, its post if any, then the verb
            if rule is _AFTER_POST_WORD and (
                    len(words) > 3 or mention.position is None or not _names_someone(words)
                    or not (_VERB_RIGHT_AFTER.match(text, mention.tail)
                            or _REPRESENTED_NEXT.match(text, mention.tail)
                            or (_STANDS_IN_BEFORE.search(text[: mention.lead])
                                and re.match(r"\s*(?:[,.;]|$)", text[mention.tail:])))):
                continue  # 'Director Operations Lahore said': a post's place, not a name
            found.append(mention)
    return found


def _read_surroundings(mention: Mention, text: str) -> None:
    """Fill the position and organization written after or before the name."""
    mention.lead, mention.tail = mention.start, mention.end
    after = re.match(r"\s*,\s*", text[mention.end:])
    if after:
        start = mention.end + after.end()
        phrase = _segment(text[start:])
        if _is_position(phrase):
            phrase = _with_continuation(phrase, text, start)
            mention.position = clean(phrase)
            mention.tail = start + len(phrase)
            _read_organization_after(mention, text)
    if mention.position is None:
        before = _position_before(text[: mention.start])
        if before:
            mention.position, mention.lead = before
    if mention.organization is None and mention.tail == mention.end:
        _read_organization_of(mention, text)  # 'Commissioner A of the Federal Police'


def _with_continuation(phrase: str, text: str, start: int) -> str:
    """A post written after the name with the rest of its portfolio after a comma: 'Minister
    for Labour, Employment and Social Security' (the rest joined by 'and', as a portfolio's
    last item is)."""
    for _ in range(2):
        comma = re.match(r"\s*,\s*", text[start + len(phrase):])
        rest = _segment(text[start + len(phrase) + comma.end():]) if comma else ""
        if not rest or not re.search(r"\sand\s", rest) or not _continues_a_post(rest, phrase):
            break
        phrase = text[start: start + len(phrase) + comma.end() + len(rest)]
    return phrase


def _read_organization_of(mention: Mention, text: str) -> None:
    """'Prof. Dr. Meena Poudel of Tribhuvan University explained': an organization joined to
    the name by 'of' or 'from', with no position."""
    of = re.match(r"\s+(?:of|from)\s+(?:the\s+)?(?=[A-Z])", text[mention.end:])
    if not of:
        return
    start = mention.end + of.end()
    person_next = _prefixes(text[start:])  # 'of the X Academy and Ms. B': not 'X Academy and Ms'
    run = _capitalized_run(text[start: start + person_next[0].start()] if person_next
                           else text[start:], within_phrase=True)
    name = " ".join(run)
    if name and _names_an_organization(name):
        mention.organization = clean(name)
        mention.tail = text.index(run[-1], start) + len(run[-1])


def _capitalized_run(text: str, *, within_phrase: bool = False) -> list[str]:
    """The capitalized words that open ``text``, with the small words between them ('Ministry
    of Interior'); ``within_phrase`` stops at the first punctuation or quotation."""
    run: list[str] = []
    for word in text.split():
        bare = word.rstrip(",;:.") if within_phrase else word
        if not (bare[:1].isupper() or bare in cues.NAME_CONNECTORS) or MASK in bare:
            break
        run.append(bare)
        if bare != word:
            break
    while run and run[-1] in cues.NAME_CONNECTORS:
        run.pop()
    return run


def _names_an_organization(phrase: str) -> bool:
    return cues.names_organization(phrase) or cues.is_acronym(phrase)


def _read_organization_after(mention: Mention, text: str) -> None:
    """'Mr. A, Director, Punjab Police, said': an organization in its own phrase."""
    after = re.match(r"\s*,\s*", text[mention.tail:])
    if not after:
        return
    start = mention.tail + after.end()
    phrase = _segment(text[start:])
    core = strip_article(phrase)
    first, _, place = core.partition(" ")
    if cues.is_acronym(first) and country_code(place):  # 'UNODC Mexico': its office there
        core = first
    if core and core[0].isupper() and not cues.has_post_noun(core) and not PREFIX.search(core) \
            and _names_an_organization(core):
        mention.organization = clean(core)
        mention.tail = start + len(phrase)


#: A minister's post, whose portfolio names the ministry: 'Minister of Women and Children
#: Affairs', 'Cabinet Secretary for Interior' (as Kenya's ministers are called).
_MINISTER_OF = re.compile(r"\b(?:Minister|(?P<cs>Cabinet\s+Secretary))\s+(?P<rest>(?:of|for)\s+"
                          r"(?:the\s+)?[A-Z].*)$")


#: A minister's post before the portfolio ('State Minister for …'), and a ministry's name
#: after its head ('Ministry of Labour and Employment').
_MINISTER_BEFORE_NAME = re.compile(r"\b(?:Minister|Cabinet\s+Secretary)\s+(?:of|for)\s+"
                                   r"(?:the\s+)?(?=[A-Z])")
_PORTFOLIO_OF = re.compile(r"^Ministry\s+(?:of|for)\s+(?:the\s+)?(?P<portfolio>[A-Z].*)$")


#: The acronym of the organization named last in a post ('Chairman of the National Disaster
#: Management Authority (NDMA), was represented by …'; 'represented by her deputy, …').
_ACRONYM_AFTER_POST = r"(?:\s*\([A-Z][A-Za-z.&-]{1,15}\))?"
_REPRESENTED_BY = re.compile(
    _ACRONYM_AFTER_POST
    + r"\s*[,(]?\s*(?:who\s+)?(?:(?:could\s+not|was\s+unable\s+to|was\s+not\s+able\s+to)\s+attend"
    r"\s*,?\s*(?:and\s+)?)?(?:(?:(?:was|is|were|had\s+been)\s+)?represented\s+by"
    # 'A sent a message read out by B', 'A, whose message was read by B': B stands in
    r"|(?:sent|whose)\s+(?:(?:a|an|his|her|their)\s+)?(?:[a-z]+\s+)?message\s+"
    r"(?:(?:that|which)\s+)?(?:was\s+)?read(?:\s+out)?\s+by)\s*"
    r"(?:(?:his|her|their|its)\s+(?:[a-z-]+\s+){0,2}?[a-z-]+,?\s*)?")


#: 'A, representing B', 'A, speaking on behalf of B', 'A, Joint Secretary, delivered remarks
#: on behalf of B': A stands in for B.
_ON_BEHALF_OF = re.compile(_ACRONYM_AFTER_POST
                           + r"\s*,?\s*(?:[a-z]+\s+){0,5}?(?:representing|on\s+behalf\s+of)\s*"
                           r"(?:the\s+)?")  # '…, speaking on behalf of the Minister of X, Mr. B'


#: 'A message from A, …, was read out by B' (A's message, read by B who came) …
_MESSAGE_FROM = re.compile(r"\bmessage\s+(?:from|of)\s+(?:the\s+)?(?:[^.,;]{0,60},\s*)?$", re.I)
_MESSAGE_READ_BY = re.compile(
    _ACRONYM_AFTER_POST + r"\s*,?\s*(?:was|had\s+been)\s+read(?:\s+out)?"
    r"(?:\s+on\s+(?:his|her|their)\s+behalf|\s+on\s+behalf\s+of\s+(?:him|her|them))?\s+by\s*"
    r"(?:(?:his|her|their|its|the)\b(?:\s+[A-Za-z-]+){0,4}?,?\s*)?")
#: … and 'B, …, read out a message from A'.
_READ_MESSAGE_FROM = re.compile(
    _ACRONYM_AFTER_POST + r"\s*,?\s*(?:also\s+|then\s+)?read(?:\s+out)?\s+(?:a|an|the)\s+"
    r"(?:[a-z]+\s+)?message\s+(?:from|of)\s+(?:the\s+)?(?:[^.,;]{0,60},\s*)?")


def link_representations(mentions: list[Mention], text: str) -> None:
    """'A (represented by B, …)', 'B, representing A,', 'B delivered remarks on behalf of A'
    and 'On behalf of A, …, B': B stands in for A; as does B who read out A's message."""
    for a, b in zip(mentions, mentions[1:]):
        if re.search(r"(?:\bon\s+behalf\s+of|\brepresenting)\s*$", text[: a.lead], re.I) \
                and re.fullmatch(r"\s*,\s*", text[a.tail: b.lead]):
            b.represents = a
            continue
        gap = text[a.tail: b.lead]
        if _MESSAGE_FROM.search(text[: a.lead]) and _MESSAGE_READ_BY.fullmatch(gap):
            b.represents = a
        elif _READ_MESSAGE_FROM.fullmatch(gap):
            a.represents = b
        elif _REPRESENTED_BY.fullmatch(gap):
            b.represents = a
        elif _ON_BEHALF_OF.fullmatch(gap):
            a.represents = b


def represented_organization(text: str) -> str | None:
    """'the Government of Pakistan, represented by the …', 'The Sindh Health Department was
    represented by …': an organization, not a person, is represented; the speaker is then
    simply affiliated with their own organization, or with that one if they have no other."""
    m = re.search(r"(?:^|,)\s*(?P<org>[^,]+?)(?:,\s*|\s+(?:was|were|is)\s+)represented\s+by"
                  r"\b[^,]*,?\s*$", text)
    return strip_article(m.group("org")) if m else None


class People:
    """The people found so far, each once however often named."""

    def __init__(self, organizations: Organizations, campaigns: Campaigns) -> None:
        self.organizations = organizations
        self.campaigns = campaigns
        self.records: list[PersonRecord] = []
        self.warnings: list[ReviewWarning] = []

    def read(self, sentence: str) -> list[Mention]:
        """The mentions of a sentence, each tied to its person record."""
        mentions, problems = find_mentions(sentence)
        mentions = sorted([*mentions, *self._after_portfolio(masked(sentence), mentions),
                           *self._family_after_post(masked(sentence), mentions)],
                          key=lambda m: m.start)
        self.warnings += [ReviewWarning(message=p, source=sentence) for p in problems]
        link_representations(mentions, masked(sentence))
        org = represented_organization(masked(sentence)[: mentions[0].lead]) if mentions else None
        represented = self.organizations.add(org, source=sentence) \
            if org and self.organizations.looks_like_one(org) else None
        for mention in mentions:
            mention.person = self._person(mention, sentence)
        if represented and mentions[0].person and mentions[0].person.organization is None:
            mentions[0].person.organization = represented.name  # of no other organization
        mentions = [m for m in mentions if m.person]
        for mention in mentions:
            self._inherit_organization(mention)
        return mentions

    def _after_portfolio(self, text: str, found: list[Mention]) -> list[Mention]:
        """A name written straight after a minister's portfolio, with no comma ('State
        Minister for Labour and Employment Nazrul Islam Chowdhury MP attended …'): the
        portfolio ends where the name of a ministry the release has named ends, and the name
        is followed by a verb of speech or of being there."""
        portfolios = [m.group("portfolio") for o in self.organizations.records
                      if (m := _PORTFOLIO_OF.match(o.name))]
        least, most = _BARE_NAME_WORDS
        mentions = []
        for post in _MINISTER_BEFORE_NAME.finditer(text) if portfolios else ():
            for portfolio in portfolios:
                start = post.end() + len(portfolio) + 1
                if not text.startswith(f"{portfolio} ", post.end()) \
                        or any(t.lead <= start < t.tail for t in found):
                    continue
                words = _name_words(text[start:])
                if not least <= len(words) <= most or words[0] in _NOT_NAMES:
                    continue
                end = _with_letters_after(text, text.index(words[-1], start) + len(words[-1]))
                if _VERB_NEXT.match(text, end) or _PRESENT_NEXT.match(text, end):
                    mention = Mention(start, end, clean(text[start:end]))
                    _read_surroundings(mention, text)
                    mentions.append(mention)
        return mentions

    def _family_after_post(self, text: str, found: list[Mention]) -> list[Mention]:
        """The family name of someone named before, right after a post and before a verb of
        speech, or after a quotation and its verb ('"…," Minister Singh said', 'said
        Ambassador Karimli'): that person."""
        mentions = []
        for post in _AFTER_POST_WORD[0].finditer(text):
            words = _name_words(text[post.end():])
            if len(words) != 1 or any(t.lead <= post.end() < t.tail for t in found) \
                    or not any(fold(p.family) == fold(words[0]) for p in self.records):
                continue
            end = post.end() + len(words[0])
            if _VERB_RIGHT_AFTER.match(text, end) or (
                    _QUOTE_AND_VERB_BEFORE.search(text[: post.start()])
                    and _AFTER_QUOTE[1].match(text, end)):
                mentions.append(Mention(post.end(), end, words[0], post.start(), end))
        return mentions

    def read_name_line(self, line: str) -> list[Mention]:
        """A contact block's line that is a name alone, written without a title ('Pim
        Sukjai', then 'Programme Assistant' and 'Phone: …' below): the person it names."""
        words = _name_words(line)
        least, most = _BARE_NAME_WORDS
        if not least <= len(words) <= most or " ".join(words) != line.strip() \
                or words[0] in _NOT_NAMES or self.organizations.looks_like_one(line) \
                or cues.has_head(line, cues.ORGANIZATION_HEADS | cues.CAMPAIGN_HEADS):
            return []
        mention = Mention(0, len(line.strip()), line.strip())
        mention.person = self._person(mention, line)
        return [mention] if mention.person else []

    def read_post_line(self, line: str, person: PersonRecord) -> None:
        """A contact block's line under a name written alone: the person's post and
        organization ('Communications Officer, UNODC'), or their organization alone
        ('UNODC Country Office Pakistan'), where the release has not told them already. A line
        with an address or a number on it is not one."""
        text = clean(line).strip(" ,;:")
        if not text or "@" in text or re.search(r"\d", text) or ":" in text:
            return
        if person.position is None and cues.has_post_noun(text.split(",")[0]):
            post, _, written = text.partition(",")
            written = written.strip() or None
            if written and not self.organizations.looks_like_one(written):
                post, written = text, None  # 'Head, Media and Outreach': one post
            position, organization = self.affiliation(post.strip(), written, line)
            person.position = position
            person.organization = person.organization or organization
        elif person.organization is None and self.organizations.looks_like_one(text):
            org = self.organizations.add_phrase(text, source=line)
            person.organization = org.name if org else None

    def _person(self, mention: Mention, sentence: str) -> PersonRecord | None:
        try:
            parsed = parse_name(re.sub(rf"\b{_AMBASSADOR}", "Amb.", mention.text, count=1))
        except Invalid as e:
            self.warnings.append(ReviewWarning(message=f"no name read: {e.message}",
                                               source=sentence))
            return None
        if parsed.title and not parsed.given and (
                not parsed.family or parsed.family in cues.POST_NOUNS
                or parsed.family in _ADDRESSED):
            return None  # 'Mr. Speaker', 'Professor Emeritus': a post, not a name
        position, organization = self.affiliation(mention.position, mention.organization,
                                                  sentence)
        known = self.find(parsed.full_name, parsed.family, parsed.title)
        if known:
            known.position = known.position or position
            known.organization = known.organization or organization
            return known
        record = PersonRecord(name=parsed.full_name, honorific=parsed.honorific,
                              title=parsed.title, position=position, organization=organization,
                              given=parsed.given, family=parsed.family, source=sentence)
        if any((_CAMEL.search(_CAPITAL_AFTER_PREFIX.sub("", w)) and not is_post_nominal(w))
               or re.search(r"\d", w)
               for w in parsed.full_name.split()):  # 'PhD' after a name is no run-together name
            record.confidence = 0.3
            self.warnings.append(ReviewWarning(message=f"the name {mention.text!r} looks garbled",
                                         source=sentence))
        self.records.append(record)
        return record

    def find(self, name: str, family: str | None = None, title: str | None = None
             ) -> PersonRecord | None:
        """The person already known by this name, or by this family name alone when only the
        family name is written ('Mr. de Leo' after 'Mr. Antonino de Leo', 'Ambassador van der
        Berg' after 'Mr. Frans van der Berg'), or by the first words of one name only."""
        key = fold(name)
        exact = next((p for p in self.records if p.name and fold(p.name) == key), None)
        if exact:
            return exact
        particles = all(w in cues.NAME_PARTICLES for w in name.split()[:-1])
        gender = PersonRecord(name=None, title=title).gender
        fits = [p for p in self.records if gender is None or p.gender in (None, gender)]
        if particles or fold(family) == key:
            by_family = next((p for p in reversed(fits) if fold(p.family) == key), None)
            if by_family:
                return by_family
        # the first words of a name written before, as names are shortened where the family
        # name does not come last ('Dr. Ahmad Faizal' for Dr. Ahmad Faizal bin Mohd Yusof,
        # 'Ms. Priya' for Ms. Priya Devi a/p Rajendran, 'Mr. Lim' for Mr. Lim Wei Jie)
        starts = [p for p in fits if p.name and fold(p.name).startswith(f"{key} ")]
        return starts[0] if len(starts) == 1 else None

    def by_post(self, post: str) -> PersonRecord | None:
        """The latest person whose position holds this post ('the Minister')."""
        key = fold(strip_article(post))
        return next((p for p in reversed(self.records) if key and key in fold(p.position)), None)

    def add_unnamed(self, position: str, sentence: str) -> PersonRecord:
        """A speaker named only by post: kept for review, never given an invented name."""
        position, organization = self.affiliation(strip_article(position), None, sentence)
        record = PersonRecord(name=None, position=position, organization=organization,
                              source=sentence, confidence=0.5)
        self.records.append(record)
        return record

    # -- affiliations -------------------------------------------------------------------------

    def affiliation(self, position: str | None, written: str | None, sentence: str
                    ) -> tuple[str | None, str | None]:
        """(position, organization name) for a position as written."""
        # without an article, nor the honorific India writes before a post ("Hon'ble Minister")
        position = re.sub(r"^(?:(?:a|an|the)\s+)?(?:hon['’]ble\s+)?", "", position or "",
                          flags=re.I) or None
        if written:
            org = self.organizations.add_phrase(written, source=sentence)
            return position, org.name if org else written
        if not position:
            return None, None
        for read in (self._of_organization, self._leading_acronym, self._implied_mission):
            found = read(position, sentence)
            if found:
                return found
        return position, None

    def _of_organization(self, position: str, sentence: str) -> tuple[str, str] | None:
        """'Additional Director General of the Federal Investigation Agency' -> post and
        agency ('a journalist from Dawn News' likewise); the post keeps the whole phrase when
        more follows ('Ambassador of the European Union to Pakistan'). Of several, the last is
        the widest ('Head of the Unit at the Directorate …'), unless only an organization
        named inside it is known ('Head of the Regional Office of the International
        Organization for Migration (IOM)')."""
        if _MINISTER_OF.search(position):
            return None  # 'Cabinet Secretary for Interior and Coordination of National
            # Government': the portfolio names the ministry (below), whatever 'of' it holds
        found: list[tuple[re.Match[str], str]] = []
        in_post = {h.start("of") for h in _HEAD_OF_MISSION.finditer(position)}
        for m in re.finditer(r"\b(?:of|at|with|from)\s+(?:the\s+)?(?=[A-Z])", position):
            if m.start() in in_post:
                continue  # 'Deputy Head of Mission of the …': a post, not an office
            name = self._organization_at_start(position[m.end():])
            if name and self._section_of(name):
                continue  # 'Head of Cooperation of the EU Delegation': the delegation, below
            inside_previous = found and m.start() < found[-1][0].end() + len(found[-1][1])
            if name and not inside_previous:
                found.append((m, name))
            elif name and inside_previous and self.organizations.find(name) \
                    and not self.organizations.find(found[-1][1]):
                found[-1] = (m, name)  # 'Head of the Regional Office of the IOM': the IOM
        if not found:
            return None
        m, name = found[-1]
        rest = position[m.end():]
        org = self.organizations.add(name, source=sentence)
        runs_to_end = clean(rest) == clean(name) or self.organizations.find(rest) is org
        return (position[: m.start()].strip() if runs_to_end else position), org.name

    def _section_of(self, name: str) -> bool:
        """Whether a name read after a post's 'of' is a section of an organization named in it
        ('Cooperation of the EU Delegation'): no word of an organization before its own 'of',
        and an organization after it."""
        m = re.search(r"\s+of\s+(?:the\s+)?", name)
        return bool(m) and not cues.names_organization(name[: m.start()]) \
            and self.organizations.looks_like_one(name[m.end():])

    def _organization_at_start(self, text: str) -> str | None:
        run = _capitalized_run(text)
        for n in range(len(run), 0, -1):  # the longest known or well-formed organization
            candidate = " ".join(run[:n])
            known = self.organizations.find(candidate)
            if known:
                return known.name
        candidate = " ".join(run)
        return candidate if candidate and self.organizations.looks_like_one(candidate) else None

    def _leading_acronym(self, position: str, sentence: str) -> tuple[str, str] | None:
        """'UNODC Representative for Pakistan' -> UNODC; 'GLO.ACT Project Coordinator' -> the
        agency leading GLO.ACT."""
        first = position.split()[0]
        if not cues.is_acronym(first) or first in POLICE_RANKS:  # 'DIG Lahore': a post
            return None
        named = cues.named_organization(position)
        if named:  # 'UN Women Country Representative': UN Women, not the UN
            return position, self.organizations.add(named, source=sentence).name
        campaign = self.campaigns.find(first)
        if campaign:
            lead = self.campaigns.lead_agency(campaign.name)
            return (position, lead) if lead else None
        return position, self.organizations.add(first, first, source=sentence).name

    def _implied_mission(self, position: str, sentence: str) -> tuple[str, str] | None:
        """'Australian High Commissioner to Pakistan' -> 'Australian High Commission';
        'Minister of Interior' and (in Kenya) 'Cabinet Secretary for Interior' -> 'Ministry of
        Interior'."""
        m = re.match(r"^(?P<adj>(?:[A-Z][\w-]+\s+)+?)(?P<post>High Commissioner|Ambassador)\b",
                     position)
        adjectives = [w for w in (m.group("adj").split() if m else [])
                      if w not in _ADJECTIVES_OF_RANK]
        if m and adjectives:
            mission = "High Commission" if m.group("post") == "High Commissioner" else "Embassy"
            name = f"{' '.join(adjectives)} {mission}"
            return position, self.organizations.add(name, source=sentence).name
        m = _MINISTER_OF.search(position)
        if m:  # 'Minister of State for X', a junior minister, is of the Ministry of X too
            name = "Ministry " + re.sub(r"^of\s+State\s+(?=(?:of|for)\s)", "", m.group("rest"))
            if m.group("cs"):  # 'Cabinet Secretary for Interior': the 'Ministry of Interior'
                name = re.sub(r"^Ministry for\b", "Ministry of", name)
            other = re.sub(r"^Ministry (of|for)\b",
                           lambda p: "Ministry " + ("for" if p.group(1) == "of" else "of"), name)
            known = self.organizations.find(other)  # 'Minister for X' of the 'Ministry of X'
            return position, (known or self.organizations.add(name, source=sentence)).name
        m = re.search(r"\bAmbassador\s+of\s+(?P<the>the\s+)?(?P<country>[A-Z][\w\s]+?)"
                      r"(?=\s+to\b|$)", position)
        if m and country_code(m.group("country")):
            name = f"Embassy of {m.group('the') or ''}{m.group('country')}"
            return position, self.organizations.add(name, source=sentence).name
        return None

    @staticmethod
    def _inherit_organization(mention: Mention) -> None:
        """Someone standing in for another, with no organization of their own in the text,
        belongs to the organization of the one they represent."""
        other = mention.represents
        if other and mention.person and other.person and mention.person.organization is None:
            mention.person.organization = other.person.organization
