"""Splitting people's names: "H.E. Ms. Margaret Adamson" -> honorific "H.E.", title "Ms.",
given "Margaret", family "Adamson".

nameparser does the splitting (particles such as "de Leo", hyphens and accents are kept as
typed); it is taught the diplomatic honorifics it does not know. The parser only fills the
structured fields: callers may override any of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from stakeholders.text import clean, fold, shown

#: Honorifics of office, kept apart from the courtesy title ("H.E. Ms.").
HONORIFICS = ("H.E.", "H. E.", "HE", "Hon.", "Rt. Hon.", "Rt Hon", "Amb.", "Excellency",
              "Sen.", "Gen.", "Col.", "Justice")
#: Courtesy, academic and professional titles; then those of Pakistan and India, where the
#: launches this tool records take place: "Begum" (Mrs.), "Mohtarma" (Madam), "Janab" (Mr.),
#: "Mst." (Mussammat, Ms. on official lists), "Engr." (a registered engineer), "Shri", "Smt.";
#: then those of French and German (embassies' lists).
TITLES = ("Mr.", "Ms.", "Mrs.", "Miss", "Mx.", "Dr.", "Prof.", "Professor", "Sir", "Dame",
          "Mr", "Ms", "Mrs", "Dr", "Prof",
          "Begum", "Mohtarma", "Janab", "Mst.", "Mst", "Engr.", "Engr", "Shri", "Smt.", "Smt",
          # as lists kept in French or German write them ("M." is not one: in Pakistan it is
          # Muhammad, "M. Ali Khan")
          "Mme", "Mme.", "Mlle", "Mlle.", "Monsieur", "Madame", "Herr", "Frau")

#: Letters written after a name that are not part of it: orders and decorations (CMG, OBE…),
#: degrees (PhD, MBBS…) and offices (MNA and MPA, members of Pakistan's National and provincial
#: assemblies; MP, MEP). "Christian Turner CMG", "Shazia Marri, MNA" and "Ahsan Iqbal (MNA)"
#: keep them in the name as written, but not in the given and family names nor in the keys
#: that find and match people: "Shazia Marri" finds her, and a list without them matches her.
#: Generational suffixes ("Jr.", "III") tell people apart, so they stay in the family name, as
#: does a word that is also a surname (KC, the Nepali family name, not King's Counsel).
POST_NOMINALS = ("CMG", "KCMG", "GCMG", "OBE", "MBE", "CBE", "KBE", "DBE", "GBE", "LVO", "CVO",
                 "KCVO", "GCVO", "QC", "Esq.", "PhD", "DPhil", "MBBS", "FRCS", "FRCP",
                 "FCPS", "MNA", "MPA", "MP", "MEP")

_HONORIFIC_KEYS = {fold(h).replace(" ", "").rstrip(".") for h in HONORIFICS}
_POST_NOMINAL_KEYS = {fold(p).replace(".", "") for p in POST_NOMINALS}
#: The last word of a name, alone or in brackets, and the commas and spaces before it.
_LAST_WORD = re.compile(r"[\s,]*\(?([^\s,()]+)\)?[\s,]*$")
_TITLE_KEYS = {fold(t).rstrip(".") for t in TITLES}


@dataclass(frozen=True)
class ParsedName:
    honorific: str | None
    title: str | None
    given: str | None
    family: str | None
    full_name: str  # the name as written, without honorific and title

    def display(self) -> str:
        return display_name(self.honorific, self.title, self.full_name)


def display_name(honorific: str | None, title: str | None, full_name: str) -> str:
    return " ".join(p for p in (honorific, title, full_name) if p)


def _token_key(token: str) -> str:
    return fold(token).replace(" ", "").rstrip(".")


def _normalize_honorific(token: str) -> str:
    key = _token_key(token)
    if key in ("h.e", "he"):
        return "H.E."
    return token


@lru_cache(maxsize=1)
def _constants():
    from nameparser.config import Constants

    c = Constants()
    c.titles.add("h.e", "he", "h.e.", "excellency", "amb", "mx", "rt", "hon", "justice", "dame")
    return c


def split_prefixes(text: str) -> tuple[list[str], list[str], str]:
    """Peel honorifics and titles off the front: ('H.E.', 'Ms.'), rest."""
    text = clean(text)
    text = re.sub(r"^H\.\s+E\.", "H.E.", text)  # "H. E. Mr. David Hale"
    honorifics: list[str] = []
    titles: list[str] = []
    while True:
        m = re.match(r"^(\S+(?:\s+Hon\.?)?)(?:\s+(.*))?$", text)
        if not m:
            break
        token, rest = m.group(1), m.group(2) or ""
        key = _token_key(token)
        if key in _HONORIFIC_KEYS or key.replace(" ", "") in _HONORIFIC_KEYS:
            honorifics.append(_normalize_honorific(token))
        elif key in _TITLE_KEYS:
            titles.append(token)
        else:
            break
        text = rest
    return honorifics, titles, text


def without_post_nominals(name: str) -> str:
    """'Shazia Marri, MNA' -> 'Shazia Marri'; 'Christian Turner CMG OBE' -> 'Christian
    Turner'. A name that is only such letters is left as it is."""
    core = name
    while (m := _LAST_WORD.search(core)) and m.start() > 0 \
            and fold(m.group(1)).replace(".", "") in _POST_NOMINAL_KEYS:
        core = core[:m.start()]
    return core if core != name and core.strip(" ,") else name


def post_nominals(name: str) -> str:
    """The letters after a name as written: ', MNA' of 'Shazia Marri, MNA', ' CMG OBE' of
    'Christian Turner CMG OBE'; '' when it has none."""
    return name[len(without_post_nominals(name)):]


#: A letter of any script: a name without one ("." or "-") names no one.
_LETTER = re.compile(r"[^\W\d_]")


def lettered(name: str) -> str:
    """``name``, unless it holds no letter of any script (".", "123"): then Invalid."""
    if not _LETTER.search(name):
        from stakeholders.errors import Invalid

        raise Invalid(f"name {shown(name)} has no letters")
    return name


@lru_cache(maxsize=16384)  # sign-in sheets list the same people again and again
def parse_name(text: str) -> ParsedName:
    from stakeholders.errors import Invalid

    honorifics, titles, rest = split_prefixes(text)
    if not rest:
        raise Invalid(f"{shown(clean(text))} has no name besides its title")
    lettered(rest)
    from nameparser import HumanName

    parsed = HumanName(without_post_nominals(rest), constants=_constants())
    given = " ".join(p for p in (parsed.first, parsed.middle) if p) or None
    family = " ".join(p for p in (parsed.last, parsed.suffix) if p) or None
    if given and not family and " " not in rest:
        family, given = given, None  # a single word is a family name ("Guedes")
    return ParsedName(
        honorific=" ".join(honorifics) or None,
        title=" ".join(titles) or None,
        given=given,
        family=family,
        full_name=rest,
    )


def name_key(text: str) -> str:
    """The folded name without honorific, title or post-nominals: what person references
    compare against."""
    _, _, rest = split_prefixes(text)
    return fold(without_post_nominals(rest))


def split_prefix(prefix: str) -> tuple[str | None, str | None, str | None]:
    """'H.E. Ms.' -> ('H.E.', 'Ms.', None): a prefix column as honorific, title and the words
    the tables do not know, as typed: a job title written in a Title column ('Director
    General'). Unknown words that are all abbreviations ('Rev.', 'Lt. Col.') stay in the
    title."""
    honorifics, titles, rest = split_prefixes(prefix + " \x00")
    rest = rest.replace("\x00", "").strip()
    if rest and all(word.endswith(".") for word in rest.split()):
        titles.append(rest)
        rest = ""
    return " ".join(honorifics) or None, " ".join(titles) or None, rest or None
