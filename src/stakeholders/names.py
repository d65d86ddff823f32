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

#: Honorifics of office, kept apart from the courtesy title ("H.E. Ms."); the ranks below
#: are honorifics too.
HONORIFICS = ("H.E.", "H. E.", "HE", "His Excellency", "Her Excellency", "Hon.", "Rt. Hon.",
              "Rt Hon", "Amb.", "Excellency", "Sen.", "Senator", "Justice",
              # Malaysia's: a member of parliament's, and the titles its rulers confer
              "YB", "Yang Berhormat", "Tan Sri", "Puan Sri", "Toh Puan", "Datuk Seri",
              "Dato' Sri", "Datuk", "Dato'", "Datin Seri", "Datin")
#: Military and police ranks, written before the name on the lists of the launches this tool
#: records ("Brig. (R) Asif Ali", "Lt Col Sara Khan", "DIG Ahmed Raza"). They are compared
#: without their full stops ("Lt. Col." is "Lt Col"), a word at a time ("Lt.Col." is not
#: one), so "Wg Cdr" need not be listed again as "Wg. Cdr.".
RANKS = (
    # armies
    "Field Marshal", "General", "Gen.", "Lt. Gen.", "Lieutenant General", "Maj. Gen.",
    "Major General", "Brig. Gen.", "Brigadier General", "Brig.", "Brigadier", "Col.",
    "Colonel", "Lt. Col.", "Lieutenant Colonel", "Maj.", "Major", "Capt.", "Captain", "Lt.",
    "Lieutenant",
    # navies
    "Admiral", "Adm.", "Vice Admiral", "Vice Adm.", "Rear Admiral", "Rear Adm.", "Commodore",
    "Cdre.", "Commander", "Cdr.", "Lt. Cdr.", "Lieutenant Commander",
    # air forces
    "Air Chief Marshal", "Air Marshal", "Air Vice Marshal", "Air Commodore", "Air Cdre.",
    "Group Captain", "Gp. Capt.", "Wing Commander", "Wg. Cdr.", "Squadron Leader",
    "Sqn. Ldr.", "Flight Lieutenant", "Flt. Lt.",
    # police
    "Inspector General", "Inspector", "Sub-Inspector",
    # Thailand's police ("Pol. Col. Somsak …")
    "Pol. Gen.", "Pol. Lt. Gen.", "Pol. Maj. Gen.", "Pol. Col.", "Pol. Lt. Col.", "Pol. Maj.",
    "Pol. Capt.", "Pol. Lt.",
)
#: Police ranks written as capitals, taken only so written ("DIG", not "Dig"), as initials
#: with full stops ("S.S.P. Rao") are a name.
POLICE_RANKS = ("IGP", "DIG", "AIG", "SSP", "DSP")
#: What follows a rank of someone retired: "Col. (R)", "Brig (Retd.)", "Gen. Retd.".
RETIRED = re.compile(r"\((?:r|retd|rtd|retired)\.?\)|(?:retd|rtd)\.?|retired", re.I)
#: Ranks and titles that are also names without their full stop ("Gen Nakatani").
_DOTTED_ONLY = {"gen", "eng", "barr"}  # and family names without it ("Eng Wei", "Barr")
#: Ranks written out as ordinary words (one word of letters alone): in a Title column before
#: other words they are part of a job title ("General Manager", "Major Gifts Officer").
_WORDS_OF_RANK = {fold(r) for r in RANKS if r.isalpha()}
#: Courtesy, academic and professional titles; then those of Pakistan and India, where the
#: launches this tool records take place: "Begum" (Mrs.), "Mohtarma" (Madam), "Janab" (Mr.),
#: "Mst." (Mussammat, Ms. on official lists), "Engr." (a registered engineer), "Shri", "Smt.";
#: then those of French and German (embassies' lists).
TITLES = ("Mr.", "Ms.", "Mrs.", "Miss", "Mx.", "Dr.", "Prof.", "Professor", "Sir", "Dame",
          "Mr", "Ms", "Mrs", "Dr", "Prof",
          "Begum", "Mohtarma", "Janab", "Mst.", "Mst", "Engr.", "Engr", "Shri", "Smt.", "Smt",
          "Barrister", "Advocate", "Adv.",
          # an attorney's, as the Philippines write it before the name ("Atty. Jose Santos")
          "Atty.", "Atty",
          # an engineer's and a barrister's as Africa's lists abbreviate them, a minister of
          # religion's, and one who made the pilgrimage (West Africa: "Alhaji Mohamed Bangura")
          "Eng.", "Barr.", "Rev.", "Rev", "Revd", "Revd.", "Reverend", "Alhaji", "Alhaja",
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
                 "KCVO", "GCVO", "QC", "Esq.", "PhD", "DPhil", "MBBS", "MD", "MBA", "MPH",
                 "FRCS", "FRCP", "FCPS", "MNA", "MPA", "MP", "MEP")

_POST_NOMINAL_KEYS = {fold(p).replace(".", "") for p in POST_NOMINALS}
#: The last word of a name, alone or in brackets, and the commas and spaces before it.
_LAST_WORD = re.compile(r"[\s,]*\(?([^\s,()]+)\)?[\s,]*$")


def _prefix_key(words: list[str] | tuple[str, ...]) -> str:
    """How a prefix of one or more words is compared: folded, without full stops."""
    return " ".join(fold(w).replace(".", "") for w in words)


def _prefixes() -> dict[int, dict[str, str]]:
    """The known prefixes by their number of words, each key to its kind: 'rank',
    'honorific' or 'title'. A prefix of several words is also known written as one ("LtCol",
    "Rt.Hon.")."""
    known: dict[int, dict[str, str]] = {}
    for kind, forms in (("title", TITLES), ("honorific", HONORIFICS), ("rank", RANKS)):
        for form in forms:
            words = form.split()
            known.setdefault(len(words), {})[_prefix_key(words)] = kind
            if len(words) > 1:
                known[1][_prefix_key(["".join(words)])] = kind
    return known


_PREFIXES = _prefixes()
_LONGEST_PREFIX = max(_PREFIXES)


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


def _normalize_honorific(token: str) -> str:
    """'HE' and 'His Excellency' or 'Her Excellency' as 'H.E.'; another as written."""
    key = _prefix_key(token.split())
    return "H.E." if key == "he" or key.endswith(" excellency") else token


def _prefix_at(words: list[str], i: int) -> tuple[int, str | None]:
    """How many of ``words`` from the ``i``-th make a known prefix, and its kind (the longest
    one: "Lt. Col." before "Lt."); (0, None) when none starts there."""
    if words[i] in POLICE_RANKS:
        return 1, "rank"
    for n in range(min(_LONGEST_PREFIX, len(words) - i), 0, -1):
        key = _prefix_key(words[i:i + n])
        kind = _PREFIXES.get(n, {}).get(key)
        if kind and not (n == 1 and key in _DOTTED_ONLY and not words[i].endswith(".")):
            return n, kind
    return 0, None


@lru_cache(maxsize=1)
def _constants():
    from nameparser.config import Constants

    c = Constants()
    c.titles.add("h.e", "he", "h.e.", "excellency", "amb", "mx", "rt", "hon", "justice", "dame")
    c.titles.remove("gen")  # a given name ("Gen Nakatani"); "Gen." is taken off before
    return c


#: A title in brackets after another: "Dr. (Mrs.)" (the courtesy title left out), "Prof.
#: (Dr.)" (read as "Prof. Dr.").
_SECOND_TITLE = re.compile(r"\((?:Mrs?|Ms|Miss|(?P<doctor>Dr))\.?\)", re.I)


def split_prefixes(text: str) -> tuple[list[str], list[str], str]:
    """Peel honorifics and titles off the front: ('H.E.', 'Ms.'), rest."""
    text = clean(text)
    text = re.sub(r"^H\.\s+E\.", "H.E.", text)  # "H. E. Mr. David Hale"
    honorifics: list[str] = []
    titles: list[str] = []
    words = text.split(" ") if text else []
    i = 0
    while i < len(words):
        n, kind = _prefix_at(words, i)
        if not n:
            break
        prefix, i = " ".join(words[i:i + n]), i + n
        if kind == "title":
            titles.append(prefix)
            second = _SECOND_TITLE.fullmatch(words[i]) if i < len(words) else None
            if second:  # "Dr. (Mrs.) Fatema Begum": the courtesy title in brackets
                i += 1
                if second.group("doctor") and "Dr." not in titles:
                    titles.append("Dr.")
            continue
        while i < len(words) and RETIRED.fullmatch(words[i]):  # "Col. (R)"
            prefix, i = f"{prefix} {words[i]}", i + 1
        honorifics.append(_normalize_honorific(prefix))
    return honorifics, titles, " ".join(words[i:])


def without_post_nominals(name: str) -> str:
    """'Shazia Marri, MNA' -> 'Shazia Marri'; 'Christian Turner CMG OBE' -> 'Christian
    Turner'. A name that is only such letters is left as it is."""
    core = name
    while (m := _LAST_WORD.search(core)) and m.start() > 0 \
            and is_post_nominal(m.group(1)):
        core = core[:m.start()]
    return core if core != name and core.strip(" ,") else name


def is_post_nominal(word: str) -> bool:
    """Whether a word is letters written after a name ('CMG', 'PhD'), not part of it."""
    return fold(word).replace(".", "") in _POST_NOMINAL_KEYS


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
    capitals = _family_in_capitals(without_post_nominals(rest))
    if capitals:  # "KOUASSI Yao Serge", as lists in French write a name
        family, given = capitals
    elif given and not family and " " not in rest:
        family, given = given, None  # a single word is a family name ("Guedes")
    elif given and family and _particles_only(given, family, parsed.C.prefixes):
        family, given = f"{given} {family}", None  # "Mr. van der Berg", "Van der Berg"
    return ParsedName(
        honorific=" ".join(honorifics) or None,
        title=" ".join(titles) or None,
        given=given,
        family=family,
        full_name=rest,
    )


#: Words in capitals opening a name that are no family name: Muhammad written short.
_CAPITALS_NOT_FAMILY = frozenset({"MD", "MOHD", "MUHD", "MOHAMMAD", "MUHAMMAD", "MOHAMMED"})


def _family_in_capitals(name: str) -> tuple[str, str] | None:
    """The family and given names of a name written family name first in capitals and the
    given names after it not ("KOUASSI Yao Serge", "TRAORÉ Aminata", "DE LA CRUZ Maria"),
    else None (a name all in capitals, or with a comma, says nothing by its case)."""
    if "," in name:
        return None
    words = name.split()

    def capital(word: str) -> bool:  # not initials ("A.K.M."), nor Muhammad's "MD"
        letters = [c for c in word if c.isalpha()]
        return len(letters) > 1 and all(c.isupper() for c in letters) and "." not in word \
            and word not in _CAPITALS_NOT_FAMILY

    n = next((i for i, w in enumerate(words) if not capital(w)), len(words))
    if not 0 < n < len(words) or any(capital(w) for w in words[n:]):
        return None
    return " ".join(words[:n]), " ".join(words[n:])


def _particles_only(given: str, family: str, particles) -> bool:
    """Whether what the parser took for a given name is the first particles of a family name
    written alone: "van" of "van der Berg", "Van" of "Van der Berg" (capitalized when no given
    name comes first). A capitalized word before a plain family name is a given name ("Bin
    Wang", "Van Morrison")."""
    words = given.split()
    return all(w.casefold() in particles for w in words) and (
        words[0][:1].islower() or family.split()[0].casefold() in particles)


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
    while rest and honorifics and _prefix_key([honorifics[-1]]) in _WORDS_OF_RANK:
        rest = f"{honorifics.pop()} {rest}"  # "General Manager" is a job title
    if rest and all(word.endswith(".") for word in rest.split()):
        titles.append(rest)
        rest = ""
    return " ".join(honorifics) or None, " ".join(titles) or None, rest or None
