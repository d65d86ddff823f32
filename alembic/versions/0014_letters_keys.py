"""letters keys: stored keys read ø, æ, œ, ł, đ, ð, þ, ħ and ı as the letters typed for them

The folded keys beside names, acronyms, statements, interaction summaries, follow-ups and
their owners (``name_key``…) now read the Latin letters that Unicode gives no accent to take
off as a keyboard without them types them: "Jørgen" is found as "Jorgen", "Łukasz" as
"Lukasz", "Ærø" as "Aero". Only rows holding one of those letters change. A row whose new key
is already another record's (two organizations apart only by such a letter) keeps its old key,
so the upgrade never fails on a unique key; ``org merge`` is there for such pairs.

The downgrade gives those rows back the keys the earlier version made (the letters kept, in
lower case), again leaving a key another row holds as it is.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01

"""
from typing import Sequence, Union

from alembic import op

from stakeholders.refolding import refold
from stakeholders.text import fold


revision: str = '0014'
down_revision: Union[str, None] = '0013'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

#: The letters the new keys fold (as stakeholders.text.LETTERS), both cases.
BASE = 'ØøÆæŒœŁłĐđÐðÞþĦħı'
#: Letters that decompose to one of them and an accent, which the earlier keys kept.
DECOMPOSED = {'Ǿ': 'Ø\u0301', 'ǿ': 'ø\u0301', 'Ǽ': 'Æ\u0301', 'ǽ': 'æ\u0301',
              'Ǣ': 'Æ\u0304', 'ǣ': 'æ\u0304'}
#: The rows to refold hold one of these.
LETTERS = BASE + ''.join(DECOMPOSED)
#: Each table's keys and the text each folds.
KEYS = {
    'organizations': {'name_key': 'name', 'acronym_key': 'acronym'},
    'campaigns': {'name_key': 'name', 'acronym_key': 'acronym'},
    'events': {'name_key': 'name'},
    'tags': {'name_key': 'name'},
    'statements': {'text_key': 'text'},
    'interactions': {'summary_key': 'summary'},
    'follow_ups': {'text_key': 'text', 'owner_key': 'owner'},
}


def upgrade() -> None:
    refold(op.get_bind(), LETTERS, KEYS, fold)


def downgrade() -> None:
    refold(op.get_bind(), LETTERS, KEYS, _earlier_fold)


#: Each letter as a character of the private use area, which folding leaves as it is.
_KEPT = {ord(letter): chr(0xE000 + i) for i, letter in enumerate(BASE)}
_BACK = {0xE000 + i: letter.casefold() for i, letter in enumerate(BASE)}
_APART = str.maketrans(DECOMPOSED)


def _earlier_fold(value: str | None) -> str:
    """The key the earlier version made: the letters kept as they are, in lower case (ǿ as
    ø, its accent off)."""
    return fold(value.translate(_APART).translate(_KEPT)).translate(_BACK) if value else ''
