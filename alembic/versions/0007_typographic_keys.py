"""typographic keys: stored keys fold curly apostrophes, quotes, Unicode hyphens, Urdu letters

The folded keys beside names, acronyms, statements and owners (``name_key``…) now read a
typographic apostrophe as ``'``, a curly quote as ``"`` and a Unicode hyphen as ``-``, so that
"Children’s" pasted from a press release finds "Children's" typed at the keyboard; the Urdu
forms of yeh, kaf and heh fold to the Arabic ones (علی finds علي). Only rows
holding one of those characters change. A row whose new key is already another record's
(two organizations apart only by their apostrophe) keeps its old key, so the upgrade never
fails on a unique key; ``person duplicates`` and ``org merge`` are there for such pairs.

The downgrade leaves the keys as they are: the earlier version finds these records by their
typed form as before, and by the exact typographic form no longer.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

"""
from typing import Sequence, Union

from alembic import op

from stakeholders.refolding import refold
from stakeholders.text import fold


revision: str = '0007'
down_revision: Union[str, None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

#: The characters the new keys fold (as stakeholders.text._TYPOGRAPHIC).
TYPOGRAPHIC = ('\u2018\u2019\u201a\u201b\u02bc\u2032\u00b4\u201c\u201d\u201e\u201f\u2033\u2010\u2011'
               '\u06cc\u0649\u06a9\u06c1')
#: Each table's keys and the text each folds.
KEYS = {
    'organizations': {'name_key': 'name', 'acronym_key': 'acronym'},
    'campaigns': {'name_key': 'name', 'acronym_key': 'acronym'},
    'events': {'name_key': 'name'},
    'tags': {'name_key': 'name'},
    'statements': {'text_key': 'text'},
    'follow_ups': {'owner_key': 'owner'},
}


def upgrade() -> None:
    refold(op.get_bind(), TYPOGRAPHIC, KEYS, fold)


def downgrade() -> None:
    pass
