"""Does an acronym spell a name? 'UNODC' spells 'United Nations Office on Drugs and Crime',
'GLO.ACT' spells 'Global Action …'. Used to link an acronym used alone to the name it stands for,
and to find where a name defined by "Name (ACR)" starts."""

from __future__ import annotations

import re
from functools import lru_cache

_SMALL = {"of", "on", "for", "and", "the", "to", "in", "against", "de", "du", "la", "da", "do",
          "dos", "das", "del", "di", "e", "y", "et", "o", "'s", "’s"}


def letters(acronym: str) -> str:
    return re.sub(r"[^A-Za-z]", "", acronym).lower()


def _words(name: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in re.findall(r"[^\W\d_]+", name))


def spells(acronym: str, name: str, *, whole: bool = True) -> bool:
    """True when the acronym's letters are taken, in order, from the starts of the name's words
    (a letter may continue into its word: 'GLO' from 'Global'). Small words may be skipped; with
    ``whole`` every other word must be used, else a leading run of words is enough."""
    return _match(letters(acronym), _words(name), whole)


@lru_cache(maxsize=4096)
def _match(rest: str, words: tuple[str, ...], whole: bool) -> bool:
    if not rest:
        return not whole or all(w in _SMALL for w in words)
    if not words:
        return False
    word, others = words[0], words[1:]
    for n in range(min(len(word), len(rest)), 0, -1):
        if word[:n] == rest[:n] and _match(rest[n:], others, whole):
            return True
    return word in _SMALL and _match(rest, others, whole)
