"""more titles: "Rev.", "Eng.", "Barr.", "Alhaji"… are titles, not part of the name

The name parser now knows the titles of the lists of East and West Africa and of churches
("Rev.", "Revd", "Reverend", "Eng." and "Barr." written with their full stop, "Alhaji",
"Alhaja"), and reads "Prof. (Dr.)" as "Prof. Dr.". A person recorded before with one in front
of their name ("Alhaji Mohamed Bangura": given "Alhaji Mohamed") gets it as their title, as
someone added now does, so that "Mohamed Bangura" finds them and the duplicate finder pairs
them with a new record of the same person. A name that is only the title is left alone, as is
a title that would not fit its column.

The downgrade leaves the names as they are: the earlier version shows and finds them the
same way (title, then the name).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from stakeholders.text import fold


revision: str = '0016'
down_revision: Union[str, None] = '0015'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

#: The titles this revision teaches the parser, as they are written (stakeholders.names.TITLES).
TITLES = ('Eng.', 'Barr.', 'Rev.', 'Rev', 'Revd', 'Revd.', 'Reverend', 'Alhaji', 'Alhaja')
#: Titles taken only with their full stop: without it they are names ("Eng Wei Ling").
DOTTED_ONLY = {'eng', 'barr'}
#: How long a title may be (people.title).
TITLE_LENGTH = 50


def upgrade() -> None:
    bind = op.get_bind()
    keys = {_key(t) for t in TITLES}
    where = ' OR '.join(f'lower(full_name) LIKE :t{i}' for i in range(len(keys)))
    rows = bind.execute(
        sa.text(f'SELECT id, title, given_name, family_name, full_name FROM people '
                f'WHERE {where}'),
        {f't{i}': f'{k}%' for i, k in enumerate(sorted(keys))}).mappings().all()
    changed = [{**names, 'id': row['id']} for row in rows
               if (names := _resplit(row, keys)) is not None]
    if changed:  # one executemany
        bind.execute(sa.text('UPDATE people SET title = :title, given_name = :given_name, '
                             'family_name = :family_name, full_name = :full_name, '
                             'name_key = :name_key, family_key = :family_key '
                             'WHERE id = :id'), changed)


def downgrade() -> None:
    pass


def _key(word: str) -> str:
    return fold(word).rstrip('.')


def _titled(word: str, keys: set[str]) -> bool:
    key = _key(word)
    return key in keys and (key not in DOTTED_ONLY or word.endswith('.'))


def _resplit(row, keys: set[str]) -> dict | None:
    """The row's name with a leading title moved to its title, or None to leave it."""
    words = row['full_name'].split()
    if len(words) < 2 or not _titled(words[0], keys):
        return None
    title = ' '.join(t for t in (row['title'], words[0]) if t)
    if len(title) > TITLE_LENGTH:
        return None
    given, family = row['given_name'], row['family_name']
    given_words = (given or '').split()
    if given_words and _key(given_words[0]) == _key(words[0]):
        given = ' '.join(given_words[1:]) or None
    if given is None and not family:
        return None
    core = ' '.join(p for p in (given, family) if p)
    full_name = ' '.join(words[1:])
    return {'title': title, 'given_name': given, 'family_name': family, 'full_name': full_name,
            'name_key': fold(core or full_name), 'family_key': fold(family) or None}
