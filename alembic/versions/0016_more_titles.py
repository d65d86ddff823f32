"""more titles: "Rev.", "Eng.", "Barr.", "Alhaji", "Datuk"… are not part of the name

The name parser now knows the titles of the lists of East and West Africa and of churches
("Rev.", "Revd", "Reverend", "Eng." and "Barr." written with their full stop, "Alhaji",
"Alhaja"), reads "Prof. (Dr.)" as "Prof. Dr.", and knows Malaysia's honorifics ("YB", "Tan
Sri", "Puan Sri", "Toh Puan", "Datuk Seri", "Dato' Sri", "Datuk", "Dato'", "Datin Seri",
"Datin"). A person recorded before with one in front of their name ("Alhaji Mohamed Bangura":
given "Alhaji Mohamed") gets it as their title or honorific, as someone added now does, so
that "Mohamed Bangura" finds them and the duplicate finder pairs them with a new record of the
same person. A name that is only such words is left alone, as is one that would not fit its
column.

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
#: The honorifics it teaches (stakeholders.names.HONORIFICS), of one or two words.
HONORIFICS = ('YB', 'Yang Berhormat', 'Tan Sri', 'Puan Sri', 'Toh Puan', 'Datuk Seri',
              "Dato' Sri", 'Datuk', "Dato'", 'Datin Seri', 'Datin')
#: How long a title or an honorific may be (people.title, people.honorific).
LENGTH = 50


def upgrade() -> None:
    bind = op.get_bind()
    firsts = sorted({_key(t) for t in TITLES} | {_key(h.split()[0]) for h in HONORIFICS})
    where = ' OR '.join(f'lower(full_name) LIKE :t{i}' for i in range(len(firsts)))
    rows = bind.execute(
        sa.text(f'SELECT id, honorific, title, given_name, family_name, full_name FROM people '
                f'WHERE {where}'),
        {f't{i}': f'{k}%' for i, k in enumerate(firsts)}).mappings().all()
    changed = [{**names, 'id': row['id']} for row in rows
               if (names := _resplit(row)) is not None]
    if changed:  # one executemany
        bind.execute(sa.text('UPDATE people SET honorific = :honorific, title = :title, '
                             'given_name = :given_name, family_name = :family_name, '
                             'full_name = :full_name, name_key = :name_key, '
                             'family_key = :family_key WHERE id = :id'), changed)


def downgrade() -> None:
    pass


def _key(word: str) -> str:
    return fold(word).rstrip('.')


_TITLE_KEYS = {_key(t) for t in TITLES}
_HONORIFIC_KEYS = {' '.join(_key(w) for w in h.split()) for h in HONORIFICS}


def _prefix(words: list[str], i: int) -> tuple[int, str | None]:
    """How many words from the ``i``-th make one of the titles or honorifics above (the
    longest), and which kind; (0, None) when none."""
    if i + 1 < len(words) and ' '.join(_key(w) for w in words[i:i + 2]) in _HONORIFIC_KEYS:
        return 2, 'honorific'
    key = _key(words[i])
    if key in _HONORIFIC_KEYS and (key != 'dato' or words[i][-1:] in "'’"):
        return 1, 'honorific'  # "Dato Kvirkvelia": a Georgian given name
    if key in _TITLE_KEYS and (key not in DOTTED_ONLY or words[i].endswith('.')):
        return 1, 'title'
    return 0, None


def _resplit(row) -> dict | None:
    """The row's name with its leading titles and honorifics moved to their columns, or None
    to leave it."""
    words = row['full_name'].split()
    honorifics = [row['honorific']] if row['honorific'] else []
    titles = [row['title']] if row['title'] else []
    i = 0
    while i < len(words) - 1:
        n, kind = _prefix(words, i)
        if not n:
            break
        (titles if kind == 'title' else honorifics).append(' '.join(words[i:i + n]))
        i += n
    if not i:
        return None
    honorific, title = ' '.join(honorifics) or None, ' '.join(titles) or None
    if len(honorific or '') > LENGTH or len(title or '') > LENGTH:
        return None
    taken = {_key(w) for w in words[:i]}
    given_words = (row['given_name'] or '').split()
    while given_words and _key(given_words[0]) in taken:  # "Alhaji Mohamed", "Sri Aminah"
        given_words.pop(0)
    given, family = ' '.join(given_words) or None, row['family_name']
    if given is None and not family:
        return None
    core = ' '.join(p for p in (given, family) if p)
    full_name = ' '.join(words[i:])
    return {'honorific': honorific, 'title': title, 'given_name': given,
            'family_name': family, 'full_name': full_name,
            'name_key': fold(core or full_name), 'family_key': fold(family) or None}
