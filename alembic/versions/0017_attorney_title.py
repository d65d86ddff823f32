"""the title "Atty." is not part of the name

The name parser now knows "Atty." (and "Atty"), an attorney's title as the Philippines write
it before the name ("Atty. Jose Santos"). A person recorded before with it in front of their
name (given "Atty. Jose") gets it as their title, as someone added now does, so that "Jose
Santos" finds them and the duplicate finder pairs them with a new record of the same person.
A name that is only the title is left alone, as is one whose titles would not fit their
column.

The downgrade leaves the names as they are: the earlier version shows and finds them the
same way (title, then the name).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from stakeholders.text import fold


revision: str = '0017'
down_revision: Union[str, None] = '0016'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

#: The titles this revision teaches the parser, as they are written (stakeholders.names.TITLES).
TITLES = ('Atty.', 'Atty')
#: How long a title may be (people.title).
LENGTH = 50


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text('SELECT id, title, given_name, family_name, full_name FROM people '
                'WHERE lower(full_name) LIKE :t'), {'t': 'atty%'}).mappings().all()
    changed = [{**names, 'id': row['id']} for row in rows
               if (names := _resplit(row)) is not None]
    if changed:  # one executemany
        bind.execute(sa.text('UPDATE people SET title = :title, given_name = :given_name, '
                             'family_name = :family_name, full_name = :full_name, '
                             'name_key = :name_key, family_key = :family_key WHERE id = :id'),
                     changed)


def downgrade() -> None:
    pass


def _key(word: str) -> str:
    return fold(word).rstrip('.')


_TITLE_KEYS = {_key(t) for t in TITLES}


def _resplit(row) -> dict | None:
    """The row's name with its leading title moved to the title column (after any title it
    holds), or None to leave it."""
    words = row['full_name'].split()
    if len(words) < 2 or _key(words[0]) not in _TITLE_KEYS:
        return None
    title = ' '.join(t for t in (row['title'], words[0]) if t)
    if len(title) > LENGTH:
        return None
    given_words = (row['given_name'] or '').split()
    if given_words and _key(given_words[0]) in _TITLE_KEYS:  # "Atty. Jose"
        given_words.pop(0)
    given, family = ' '.join(given_words) or None, row['family_name']
    if given is None and not family:
        return None
    core = ' '.join(p for p in (given, family) if p)
    full_name = ' '.join(words[1:])
    return {'title': title, 'given_name': given, 'family_name': family,
            'full_name': full_name, 'name_key': fold(core or full_name),
            'family_key': fold(family) or None}
