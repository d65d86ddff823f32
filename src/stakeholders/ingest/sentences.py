"""Reading the text: repairing obvious typing slips, then paragraphs, sentences and quotations.

Sentences are split with the quotation marks in mind, so that a quote of several sentences
("…public service. We need to…") stays with the speaker who introduced it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stakeholders.names import RANKS, is_post_nominal
from stakeholders.text import clean

OPENING_QUOTES = "“«„"
CLOSING_QUOTES = "”»"
STRAIGHT_QUOTE = '"'
MASK = "~"

# Tokens that end with a full stop without ending the sentence.
_ABBREVIATIONS = {"mr", "ms", "mrs", "dr", "prof", "st", "no", "hon", "rt", "jr", "sr", "vs",
                  "etc", "e.g", "i.e", "amb", "gen", "col", "sen", "h.e", "mx", "messrs",
                  "retd", "rtd", "md", "mohd", "muhd", "mst", "engr", "adv", "eng", "rev",
                  "revd", "smt", "barr", "atty",
                  "ma"}  # Maria, as the Philippines abbreviate it ("Ms. Ma. Cristina Santos")
# … and the abbreviated ranks ('Brig.', 'Lt. Col.', 'Sqn. Ldr.').
_ABBREVIATIONS |= {w.rstrip(".").lower() for rank in RANKS for w in rank.split()
                   if w.endswith(".")}


@dataclass(frozen=True)
class Repair:
    original: str
    repaired: str
    reason: str


#: A given name as written before a family name in capitals ('Ms. Nicole GUIHOT').
_GIVEN = r"[A-Z][a-zà-öø-ÿ'’]+(?:-[A-Z][a-zà-öø-ÿ'’]+)?"

# (pattern, replacement, reason): slips seen in published releases, fixed before reading.
_REPAIRS = (
    (re.compile(r"\b(the|of|and|by|for|with|to)([A-Z][a-z]{2,})"), r"\1 \2",
     "missing space after a small word"),
    (re.compile(r"([a-z])((?:H\.\s?E\.|Mr\.|Ms\.|Mrs\.|Dr\.|Prof\.)\s)"), r"\1 \2",
     "missing space before a title"),
    (re.compile(r"\b(Mr|Ms|Mrs|Dr|Prof|H\.\s?E)\.([A-Z][a-z]+)"), r"\1. \2",
     "missing space after a title"),
    (re.compile(r"\b([A-Z][a-z]{2,})(said|stated|added|noted|stressed|explained|highlighted)\b"),
     r"\1 \2", "name run into a verb"),
    (re.compile(r"\b(MR|MS|MRS|DR|PROF)\.\s+([A-Z][A-Z'’-]+(?:\s+[A-Z][A-Z'’-]+){1,2})\b"
                r"(?![a-z])"),
     lambda m: f"{m.group(1).title()}. {m.group(2).title()}", "a name in capitals"),
    (re.compile(rf"\b((?:Mr|Ms|Mrs|Dr|Prof)\.\s+(?:{_GIVEN}\s+){{1,3}})([A-Z]{{2}}[A-Z'’-]*[A-Z])"
                r"\b(?![a-z'’-])(?!\s+[A-Z])"),
     lambda m: m.group(0) if f"({m.group(2)})" in m.string or is_post_nominal(m.group(2))
     else f"{m.group(1)}{m.group(2).title()}", "a family name in capitals"),
)


#: A quotation in single marks, opening a line or a sentence or after a colon, a comma or
#: 'said' ("stated: ‘We will act on every case.’"), of three words or more; an apostrophe in
#: it ('Pakistan’s', 'don't') is not its end.
_SINGLE_QUOTED = re.compile(
    r"(?:^|(?<=[:,.]\s)|(?<=\ssaid\s))[‘'](?P<body>(?:[^‘’'\"“”«»\n]|[’'](?=[^\W\d_]))+?)"
    r"[’'](?![^\W\d_])", re.M)


def _double_marks(text: str) -> str:
    """Single quotation marks around what someone said made double ('‘…’' -> '“…”', "'…'" ->
    '"…"', the same length), unless inside a quotation in double marks."""
    chars = list(text)
    for m in _SINGLE_QUOTED.finditer(text):
        line = text[text.rfind("\n", 0, m.start()) + 1: m.start()]
        if line.count(STRAIGHT_QUOTE) % 2 or sum(map(line.count, OPENING_QUOTES)) > sum(
                map(line.count, CLOSING_QUOTES)) or len(m.group("body").split()) < 3:
            continue
        straight = text[m.start()] == "'"
        chars[m.start()] = STRAIGHT_QUOTE if straight else "“"
        chars[m.end() - 1] = STRAIGHT_QUOTE if straight else "”"
    return "".join(chars)


#: A quotation in another language's marks: German „…“ (whose closing “ is English's
#: opening mark) and »…«, Chinese and Japanese 「…」 and 『…』. A » opens only at the start of a
#: line or after a space, colon or bracket, before a word, and « closes only after a word, so
#: that French «A» et «B» is not read the other way round. (Polish „…” and French «…» are
#: read as they are.)
_OTHER_QUOTED = re.compile(
    r"\u201e[^\u201e\u201c\u201d\n]*\u201c"
    r"|(?:^|(?<=[\s:(\[]))\u00bb(?=[^\s\u00ab\u00bb])[^\u00ab\u00bb\n]*?(?<=\S)\u00ab"
    r"|\u300c[^\u300c\u300d\n]*\u300d|\u300e[^\u300e\u300f\n]*\u300f", re.M)


def _common_marks(text: str) -> str:
    """Quotations in other languages' marks (see ``_OTHER_QUOTED``) in “…”, the same length,
    so that they are read as English ones are; 『…』 within 「…」, a quotation it quotes in
    turn, stays as written."""
    if not any(mark in text for mark in "\u201e\u00bb\u300c\u300e"):
        return text

    def english(m: re.Match) -> str:
        inner = m.group()[1:-1]
        if m.group()[0] == "\u300e":
            line_start = text.rfind("\n", 0, m.start()) + 1
            if "\u300c" in text[line_start:m.start()]:
                return m.group()
        return f"\u201c{inner}\u201d"

    return _OTHER_QUOTED.sub(english, text)


def repair(text: str) -> tuple[str, list[Repair]]:
    """Fix missing spaces ("theAmbassador", "StatesH. E.") and say what was changed, so every
    record read from a repaired sentence can be flagged for review. Quotations in single
    marks are read as in double ones, and those in other languages' marks as in “…”."""
    text = _double_marks(_common_marks(text))
    repairs: list[Repair] = []
    for pattern, replacement, reason in _REPAIRS:
        for m in pattern.finditer(text):
            repaired = replacement(m) if callable(replacement) else m.expand(replacement)
            if repaired != m.group(0):  # (an acronym the release defines is left alone)
                repairs.append(Repair(m.group(0), repaired, reason))
        text = pattern.sub(replacement, text)
    return text, repairs


def blocks(text: str) -> list[str]:
    """Blank-line separated blocks, their lines as written."""
    return [b.strip() for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if clean(b)]


def continued_quotations(paragraphs: list[str]) -> list[bool]:
    """Close, in place, each paragraph whose quotation runs on into the next: a quotation of
    several paragraphs opens every one of them with a quotation mark and closes only at its
    end. Returns, for each paragraph, whether it continues the quotation of the one before."""
    continues = [False] * len(paragraphs)
    for i in range(len(paragraphs) - 1):
        mark = _unclosed(paragraphs[i])
        opens = paragraphs[i + 1][:1] in OPENING_QUOTES + STRAIGHT_QUOTE
        if mark and opens:
            paragraphs[i] = paragraphs[i].rstrip() + mark
            continues[i + 1] = True
        elif opens and (paragraphs[i].rstrip().endswith(":")  # 'Ms. A said:' / '"…"'
                        or continues[i] and _all_quoted(paragraphs[i])):
            continues[i + 1] = True
    return continues


def _all_quoted(paragraph: str) -> bool:
    """Whether a paragraph is one quotation and nothing else."""
    text = paragraph.strip()
    return len(text) > 1 and text[0] in OPENING_QUOTES + STRAIGHT_QUOTE \
        and text[-1] in CLOSING_QUOTES + STRAIGHT_QUOTE \
        and sum(1 for ch in text if ch in CLOSING_QUOTES + STRAIGHT_QUOTE) <= 2


def _unclosed(text: str) -> str | None:
    """The mark that would close a quotation left open in ``text``, if one is."""
    if text.count(STRAIGHT_QUOTE) % 2:
        return STRAIGHT_QUOTE
    return next((close for opening, close in zip(OPENING_QUOTES, CLOSING_QUOTES)
                 if text.count(opening) > text.count(close)), None)


def _quote_depths(text: str) -> list[int]:
    """For each character, 1 inside a quotation (marks included), else 0."""
    depths, inside, straight_open = [], 0, False
    for ch in text:
        if ch in OPENING_QUOTES or (ch == STRAIGHT_QUOTE and not straight_open):
            inside += 1
            straight_open = straight_open or ch == STRAIGHT_QUOTE
            depths.append(1)
        elif ch in CLOSING_QUOTES or (ch == STRAIGHT_QUOTE and straight_open):
            straight_open = straight_open and ch != STRAIGHT_QUOTE
            inside = max(0, inside - 1)
            depths.append(1)
        else:
            depths.append(1 if inside else 0)
    return depths


def balanced(text: str) -> bool:
    return text.count(STRAIGHT_QUOTE) % 2 == 0 and sum(
        text.count(c) for c in OPENING_QUOTES) == sum(text.count(c) for c in CLOSING_QUOTES)


def _ends_with_abbreviation(text: str) -> bool:
    token = re.split(r"\s", text.rstrip("."))[-1].strip("(“\"'").lower()
    return token in _ABBREVIATIONS or bool(re.fullmatch(r"[a-z]|(?:[a-z]\.)+[a-z]?", token))


_BOUNDARY = re.compile(r"[.!?][”\"»)']*\s+(?=[A-Z“\"«(\d])")


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, never inside a quotation (unless its marks do not
    pair up, when quotations cannot be trusted)."""
    depths = _quote_depths(paragraph) if balanced(paragraph) else [0] * len(paragraph)
    result, start = [], 0
    for m in _BOUNDARY.finditer(paragraph):
        first_space = m.start() + len(m.group(0).split()[0])
        if depths[first_space]:
            continue  # inside a quotation
        if m.group(0)[0] == "." and _ends_with_abbreviation(paragraph[start: m.start() + 1]):
            continue
        result.append(paragraph[start: m.end()].strip())
        start = m.end()
    result.append(paragraph[start:].strip())
    return [s for s in result if s]


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str  # without the quotation marks


def quotes(sentence: str) -> list[Quote]:
    """Quoted passages, with typographic or straight marks."""
    if not balanced(sentence):
        return []
    found, depths, i = [], _quote_depths(sentence), 0
    while i < len(sentence):
        if depths[i]:
            j = i
            while j + 1 < len(sentence) and depths[j + 1] and not (
                    j > i and sentence[j] in CLOSING_QUOTES + STRAIGHT_QUOTE):
                j += 1
            found.append(Quote(i, j + 1, sentence[i + 1: j].strip()))
            i = j + 1
        else:
            i += 1
    return [q for q in found if q.text]


def masked(sentence: str) -> str:
    """The sentence with every quotation blotted out (same length), so that words inside a
    quote are never read as the release's own reporting verbs or names."""
    chars = list(sentence)
    for q in quotes(sentence):
        chars[q.start: q.end] = MASK * (q.end - q.start)
    return "".join(chars)
