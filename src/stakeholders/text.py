"""Text folding shared by lookups, search, duplicate detection and ingestion.

Keys are stored beside the text they fold (``name_key``…), so case- and accent-insensitive
matching is a plain equality or LIKE on both SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

#: Characters dropped from stored and folded text: zero-width and bidi controls, the control
#: characters that are not whitespace (a terminal runs ESC sequences and rings BEL when a
#: table prints them), and the noncharacters (U+FDD0 to U+FDEF, and the last two code points
#: of every plane: U+FFFE, a byte-order mark read the wrong way round, U+FFFF…), which are no
#: text and which a workbook cannot hold. A zero-width space between two words parts them, as
#: a space.
_INVISIBLE = {
    **dict.fromkeys(map(ord, "\u200c\u200d\u200e\u200f\u2060\ufeff\u202a\u202b\u202c"
                             "\u202d\u202e"), None),
    **{c: None for c in (*range(0x20), *range(0x7F, 0xA0)) if not chr(c).isspace()},
    **dict.fromkeys(range(0xFDD0, 0xFDF0)),
    **dict.fromkeys(plane + end for plane in range(0, 0x110000, 0x10000)
                    for end in (0xFFFE, 0xFFFF)),
    0x200B: " ",
}


#: Characters XML 1.0 cannot hold, so that a workbook or an SVG holding one does not open:
#: the control characters but tab and line breaks, and the noncharacters U+FFFE and U+FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


#: Typographic apostrophes, quotes and hyphens fold to their ASCII forms, so that a name
#: pasted from a press release (Children’s, Jean‑François) finds the one typed (Children's);
#: the Urdu forms of yeh, kaf and heh fold to the Arabic ones (علی finds علي).
#: (Revision 0007 refolded the keys stored before.)
_TYPOGRAPHIC = {
    **dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u02bc\u2032\u00b4"), "'"),
    **dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u2033"), '"'),
    **dict.fromkeys(map(ord, "\u2010\u2011"), "-"),
    # Urdu and Persian letters typed on an Arabic keyboard, and back: یک ہ as يك ه
    **dict.fromkeys(map(ord, "\u06cc\u0649"), "\u064a"), 0x06A9: "\u0643", 0x06C1: "\u0647",
}
#: Latin letters that carry no accent to take off (Unicode gives them no decomposition), read
#: as the letters they are typed as on a keyboard without them: Jørgen finds Jorgen, Łukasz
#: Lukasz, Æbelø Aebelo. Folded once the accents are off, so that ǿ (ø and an acute) is o too.
#: (Revision 0014 refolded the keys stored before.)
LETTERS = {
    **dict.fromkeys(map(ord, "Øø"), "o"), **dict.fromkeys(map(ord, "Ææ"), "ae"),
    **dict.fromkeys(map(ord, "Œœ"), "oe"), **dict.fromkeys(map(ord, "Łł"), "l"),
    **dict.fromkeys(map(ord, "ĐđÐð"), "d"), **dict.fromkeys(map(ord, "Þþ"), "th"),
    **dict.fromkeys(map(ord, "Ħħ"), "h"), 0x0131: "i",  # dotless i
}
_FOLDED = {**_INVISIBLE, **_TYPOGRAPHIC}


def clean(value: str) -> str:
    """Normalize user text for storage: NFC, no zero-width, bidi or control characters,
    single spaces."""
    if not value.isascii():
        value = unicodedata.normalize("NFC", _undecoded(value)).translate(_INVISIBLE)
    elif not value.isprintable():  # ASCII is NFC, but may hold control characters
        value = value.translate(_INVISIBLE)
    return " ".join(value.split())  # every run of whitespace one space, none at the ends


def clean_lines(value: str) -> str:
    """:func:`clean`, line by line, for notes: their line breaks are kept (as ``\\n``), with at
    most one blank line in a row and none at either end."""
    lines: list[str] = []
    for line in value.splitlines():
        line = clean(line)
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def file_name(path: str | os.PathLike) -> str:
    """A file's name as text to store and show, cleaned as any text (a name made on another
    system, whose bytes are not UTF-8, read as cp1252)."""
    return clean(os.path.basename(os.fspath(path)))


def fold(value: str | None) -> str:
    """Case- and accent-insensitive key: 'Jean-François  CAUTAIN' -> 'jean-francois cautain',
    'Children’s' -> "children's", 'Jørgen' -> 'jorgen'."""
    if not value:
        return ""
    if value.isascii() and value.isprintable():  # the common case (bulk imports), and the
        return " ".join(value.lower().split())  # same result as below
    return _fold_unicode(value)


def loose_key(key: str) -> str:
    """A folded key with its hyphens read as spaces and its apostrophes left out: how names
    are compared when the exact one found nothing ('quaid i azam university' for
    Quaid-i-Azam University, 'ann obrien' for Ann O'Brien)."""
    return " ".join(key.replace("-", " ").replace("'", "").split())


def _undecoded(value: str) -> str:
    """``value`` with the bytes Python could not decode as UTF-8, which it keeps as lone
    surrogates (an argument typed in a Latin-1 terminal, or in a script saved in Windows'
    cp1252), read as files are read: cp1252, else Latin-1. Stored or compared as they are,
    they fail the database's encoding."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        from stakeholders.io.decoding import decode

        return decode(value.encode("utf-8", "surrogateescape"), None)[0]
    return value


@lru_cache(maxsize=8192)  # names, organizations and tags recur down a contact list
def _fold_unicode(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", _undecoded(value).translate(_FOLDED))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.translate(LETTERS).casefold().split())


def same_words(key: str) -> str:
    """What of a folded text compares, its punctuation and spacing aside: "we must act." and
    "we must act!", "yes, now" and "yes now", or 我们，必须行动。 and 我们必须行动 (written
    without spaces between words) are the same statement. Text of nothing but punctuation
    compares by its marks."""
    unspaced = "".join(key.split())
    return "".join(c for c in unspaced if not unicodedata.category(c).startswith("P")) or unspaced


#: How much of a value an error message quotes.
SHOWN_CHARACTERS = 60


def shortened(value: str, width: int) -> str:
    """``value`` cut to ``width`` characters, the last one '…', when it is longer."""
    return value if len(value) <= width else value[: width - 1].rstrip() + "…"


#: How much of a statement stands for it in a list or a message.
EXCERPT = 80


def excerpt(text: str) -> str:
    return shortened(text, EXCERPT)


def shown(value: str) -> str:
    """``value`` quoted for an error message, cut short ('…') past SHOWN_CHARACTERS: a
    message names the value at fault, not a whole cell of a file's personal data."""
    return repr(shortened(value, SHOWN_CHARACTERS))


def like_pattern(value: str) -> str:
    """A LIKE pattern matching folded text that contains ``value`` (with ``\\`` as escape),
    a hyphen in it read as a space: for text whose hyphens are read so too (see
    :func:`holding`)."""
    return f"%{_like_escaped(value)}%"


def _like_escaped(value: str) -> str:
    """``value`` folded for a LIKE pattern: its wildcards as plain text, a hyphen a space."""
    escaped = fold(value).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped.replace("-", " ")


def _hyphens_as_spaces(column):
    """SQL: the folded key ``column`` with each hyphen a space, so that "jean francois" is in
    "jean-francois" and "jean-francois" in "jean francois", as a reference finds them."""
    from sqlalchemy import func

    return func.replace(column, "-", " ")


def holding(column, value: str):
    """SQL: the folded key ``column`` holds ``value``, folded, anywhere (LIKE, with the
    wildcards in ``value`` taken as plain text, a hyphen either side a space)."""
    return _hyphens_as_spaces(column).like(like_pattern(value), escape="\\")


#: Marks that part the words of a name as ``holding_words`` reads it ("Baloch, Amna",
#: "Bilal (EU)", "J. Müller"), and the apostrophe, which joins them (O'Brien is one word).
_WORD_BREAKS = "-,.;:()[]/&\"!?"
_WORD_JOIN = "'"


def _words(column, *, full_stops: str = " "):
    """SQL: the folded key ``column`` with its word-parting marks as spaces and a space either
    end, so that every whole word of it is surrounded by spaces; with ``full_stops=""`` a
    full stop joins what it stands between ("glo.act" one word, "gloact"), as an apostrophe
    does."""
    from sqlalchemy import String, func, literal

    column = func.replace(column, ".", full_stops, type_=String)
    for mark in _WORD_BREAKS.replace(".", ""):
        column = func.replace(column, mark, " ", type_=String)
    column = func.replace(column, _WORD_JOIN, "", type_=String)
    return literal(" ", String) + column + literal(" ", String)


def holding_words(column, value: str):
    """SQL: the folded key ``column`` holds every word of ``value``, folded, as a whole word,
    in any order ("muller" and "jose muller" are in "jose muller" and "muller, jose", not in
    "mullerson"). Punctuation parts words, an apostrophe does not (see ``_WORD_BREAKS``)."""
    from sqlalchemy import and_, false

    words = _patterns(value)
    if not words:  # punctuation alone names no one
        return false()
    spaced = _words(column)
    return and_(*(spaced.like(f"% {word} %", escape="\\") for word in words))


def _patterns(value: str) -> list[str]:
    """The words of ``value`` as ``holding_words`` and ``found_in`` read them: folded, parted
    by punctuation, apostrophes dropped, escaped for LIKE."""
    folded = fold(value).replace(_WORD_JOIN, "")
    for mark in _WORD_BREAKS:
        folded = folded.replace(mark, " ")
    return _like_escaped(folded).split()


#: What an acronym is compared without: "GLOACT", "GLO ACT" and "glo-act" are GLO.ACT.
_ACRONYM_MARKS = ". -"


def found_in(column, value: str, *, acronym: bool = False):
    """SQL: what a search for ``value`` finds in the folded key ``column``: ``value`` anywhere
    in it, as :func:`holding` finds it ("cautain", "francois cau"), or every word of it, in
    any order, each at the start of a word of it ("Adamson, Margaret" and "adam marg" find
    "margaret adamson"; "co op" does not find "coxop foundation"). Punctuation parts words
    as :func:`holding_words` reads it, and a full stop inside a word may be left out too
    ("gloact" is in "glo.act launch"). With ``acronym``, ``value`` is also looked for in
    ``column`` with both leaving out their full stops, spaces and hyphens ("G.L.O. ACT" finds
    GLO.ACT)."""
    from sqlalchemy import String, and_, func, or_

    found = [holding(column, value)]
    words = _patterns(value)
    if words:
        # A cheap first sieve, which every row the words are found in passes (each word
        # somewhere in the text, its full stops and apostrophes aside): the dearer test of
        # where words start is made on the few rows left, not on every row.
        bare = func.replace(func.replace(column, ".", "", type_=String), _WORD_JOIN, "",
                            type_=String)
        spaced, joined = _words(column), _words(column, full_stops="")
        found.append(and_(
            *(bare.like(f"%{word}%", escape="\\") for word in words),
            *(or_(spaced.like(f"% {word}%", escape="\\"),
                  joined.like(f"% {word}%", escape="\\")) for word in words)))
    if acronym:
        squeezed = fold(value)
        for mark in _ACRONYM_MARKS:
            squeezed = squeezed.replace(mark, "")
            column = func.replace(column, mark, "", type_=String)
        if squeezed:
            found.append(column.like(f"%{_like_escaped(squeezed)}%", escape="\\"))
    return or_(*found)


#: Opening quotation marks and the closing marks each pairs with, as languages write them:
#: English “…” and ‘…’, German „…“ and »…«, Polish „…”, French «…», Swedish ”…” and »…»,
#: Swiss ‹…›, Chinese and Japanese 「…」 and 『…』.
_QUOTE_PAIRS = {'"': '"', "'": "'", "\u201c": "\u201d", "\u201e": "\u201c\u201d",
                "\u2018": "\u2019", "\u201a": "\u2018\u2019", "\u201d": "\u201d",
                "\u00ab": "\u00bb", "\u00bb": "\u00ab\u00bb", "\u2039": "\u203a",
                "\u203a": "\u2039", "\u300c": "\u300d", "\u300e": "\u300f"}


def unquoted(value: str) -> str:
    """A quotation without the marks that wrap all of it ('"We must act."' -> 'We must act.'):
    reports add their own. Marks inside, or marks that do not wrap the whole, are kept: the
    words it quotes in turn ('"We call it "GLO.ACT" for short"' -> 'We call it "GLO.ACT" for
    short') stay quoted, and '"Yes," he said, "we will."' is two quotations, kept whole."""
    if len(value) >= 2:  # '""' is an empty quotation, and no statement
        close = value[-1]
        inner = value[1:-1]
        if close in _QUOTE_PAIRS.get(value[0], "") and _nested_whole(inner, value[0], close):
            return inner.strip()
    return value


def _nested_whole(inner: str, opening: str, closing: str) -> bool:
    """Whether the marks inside a quotation (its text ``inner``, between ``opening`` and
    ``closing``) open and close quotations of their own within it, so that the outer marks
    wrap the whole. Where the two marks are one character ('"'), each inner mark must read as
    opening (after a space, before a word) and the next as closing (after a word). An
    apostrophe between letters ("it's", "it’s") is no mark."""
    depth = 0
    for i, char in enumerate(inner):
        if char not in (opening, closing):
            continue
        before = inner[i - 1] if i else " "
        after = inner[i + 1] if i + 1 < len(inner) else " "
        if char in "'\u2019" and before.isalnum() and after.isalnum():
            continue  # an apostrophe
        opens = (char == opening and (opening != closing or depth == 0))
        if opens:
            if opening == closing and (not (before.isspace() or before in "([{/\u2014\u2013")
                                       or after.isspace()):
                return False
            depth += 1
        else:
            if depth == 0 or (opening == closing and before.isspace()):
                return False
            depth -= 1
    return depth == 0


#: Nouns whose plural is not the noun and an s.
#: An HTML tag, as a list copied from a web page's source holds them: the elements that mark
#: up text, not any word in angle brackets ("<Team A>", "Ali <ali@x.org>" stay as written).
HTML_TAG = re.compile(
    r"<(/?)(a|abbr|address|article|audio|b|base|big|blockquote|body|br|button|caption|center"
    r"|cite|code|dd|del|div|dl|dt|em|embed|figure|font|footer|form|frame|h[1-6]|head|header"
    r"|hr|html|i|iframe|img|input|ins|kbd|label|li|link|mark|meta|nav|nobr|noscript|object"
    r"|ol|p|picture|pre|q|s|samp|script|section|select|small|source|span|strike|strong|style"
    r"|sub|sup|svg|table|tbody|td|textarea|th|thead|title|tr|tt|u|ul|var|video|wbr)\b"
    r"(?:\s[^<>]*)?/?>", re.IGNORECASE)
#: An element whose content is code, not text (a script, a style sheet): taken out whole.
_CODE_ELEMENT = re.compile(r"<(script|style)\b[^<>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
#: The tags that end a line of text (the rest mark up words within one).
_LINE_TAGS = frozenset({"br", "p", "div", "li", "tr", "hr", "blockquote", "h1", "h2", "h3",
                        "h4", "h5", "h6", "table", "ol", "ul"})
#: A character reference (``&amp;``, ``&#39;``, ``&nbsp;``), its semicolon written.
_HTML_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def without_markup(cell: str) -> str:
    """A cell pasted from a web page without its HTML: its tags left out (a line break's,
    a paragraph's, a line break) and its character references as the characters they name
    (``&amp;`` as ``&``). A cell with no tag keeps its angle brackets; one with no reference
    ("AT&T") its ampersands."""
    if "<" in cell:
        cell = _CODE_ELEMENT.sub("", cell)
        cell = HTML_TAG.sub(
            lambda m: "\n" if m.group(2).lower() in _LINE_TAGS else "", cell)
    if "&" in cell:
        import html

        cell = _HTML_ENTITY.sub(lambda m: html.unescape(m.group()), cell)
    return cell


_IRREGULAR = {"person": "people", "sector present": "sectors present"}


def joined(items: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def plural_of(noun: str) -> str:
    """'attendances', 'people', 'addresses', 'batches'."""
    irregular = _IRREGULAR.get(noun)
    if irregular:
        return irregular
    return noun + ("es" if noun.endswith(("s", "x", "z", "ch", "sh")) else "s")


def counted(n: int, noun: str) -> str:
    """'1 attendance', '3 attendances', '2 people'."""
    return f"{n} {noun}" if n == 1 else f"{n} {plural_of(noun)}"
