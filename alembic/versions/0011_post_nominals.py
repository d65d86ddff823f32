"""post-nominals: "CMG", "MNA", "PhD"… after a name are not part of the family name

The name parser now leaves the letters written after a name (orders and decorations, degrees,
and the offices MNA, MPA, MP, MEP: "Christian Turner CMG", "Shazia Marri, MNA", "Ahsan Iqbal
(MNA)") out of the given and family names and out of the keys that find and match people,
while the name as written keeps them. A person recorded before with them at the end of their
family name ("Marri MNA") loses them there and gets their keys again, so that "Shazia Marri"
finds her and the duplicate finder pairs her with a record written without them. A family
name that is only such letters is left alone.

The downgrade leaves the names as they are: the earlier version shows them the same way (the
name as written) and finds them by the full name.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30

"""
import re
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from stakeholders.text import fold


revision: str = '0011'
down_revision: Union[str, None] = '0010'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

#: The post-nominals this revision teaches the parser (stakeholders.names.POST_NOMINALS).
POST_NOMINALS = ('CMG', 'KCMG', 'GCMG', 'OBE', 'MBE', 'CBE', 'KBE', 'DBE', 'GBE', 'LVO', 'CVO',
                 'KCVO', 'GCVO', 'QC', 'Esq.', 'PhD', 'DPhil', 'MBBS', 'FRCS', 'FRCP', 'FCPS',
                 'MNA', 'MPA', 'MP', 'MEP')
KEYS = {fold(p).replace('.', '') for p in POST_NOMINALS}
LAST_WORD = re.compile(r'[\s,]*\(?([^\s,()]+)\)?[\s,]*$')


def upgrade() -> None:
    bind = op.get_bind()
    patterns = sorted({k[:2] for k in KEYS})  # a cheap first sieve; the rest is done below
    where = ' OR '.join(f'lower(full_name) LIKE :p{i}' for i in range(len(patterns)))
    rows = bind.execute(
        sa.text(f'SELECT id, given_name, family_name, full_name, name_key, family_key '
                f'FROM people WHERE {where}'),
        {f'p{i}': f'%{p}%' for i, p in enumerate(patterns)}).mappings().all()
    changed = [{**names, 'id': row['id']} for row in rows
               if (names := _rekeyed(row)) is not None]
    if changed:  # one executemany
        bind.execute(sa.text('UPDATE people SET family_name = :family_name, '
                             'name_key = :name_key, family_key = :family_key WHERE id = :id'),
                     changed)


def downgrade() -> None:
    pass


def _without(name: str) -> str:
    core = name
    while (m := LAST_WORD.search(core)) and m.start() > 0 \
            and fold(m.group(1)).replace('.', '') in KEYS:
        core = core[:m.start()]
    return core if core != name and core.strip(' ,') else name


def _rekeyed(row) -> dict | None:
    """The row's family name and keys without post-nominals, or None to leave it."""
    full = _without(row['full_name'])
    if full == row['full_name']:
        return None
    given, family = row['given_name'], row['family_name']
    if family:
        family = _without(family)
    core = ' '.join(p for p in (given, family) if p)
    names = {'family_name': family, 'name_key': fold(core or full),
             'family_key': fold(family) or None}
    if (names['family_name'], names['name_key'], names['family_key']) == (
            row['family_name'], row['name_key'], row['family_key']):
        return None
    return names
