"""engagement text keys: interaction summaries and follow-ups are searchable

``interactions.summary_key`` and ``follow_ups.text_key`` hold the folded text (case, accents
and typographic marks folded, as every other ``*_key``), so that ``search`` finds "MoU" in
"Signed the MOU with the Ministry" on SQLite and PostgreSQL alike. The upgrade fills them from
the rows already there, a chunk at a time; the downgrade drops them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from stakeholders.text import fold


revision: str = '0008'
down_revision: Union[str, None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

#: Each table's new key and the text it folds.
KEYS = {'interactions': ('summary_key', 'summary'), 'follow_ups': ('text_key', 'text')}
#: Rows read and written back at a time.
CHUNK = 5000


def upgrade() -> None:
    bind = op.get_bind()
    for table, (key, text) in KEYS.items():
        op.add_column(table, sa.Column(key, sa.Text(), nullable=True))
        _fill(bind, table, key, text)
        # SQLite rebuilds the table to make the column NOT NULL: keep its AUTOINCREMENT (0006)
        with op.batch_alter_table(table, table_kwargs={'sqlite_autoincrement': True}) as batch:
            batch.alter_column(key, existing_type=sa.Text(), nullable=False)


def downgrade() -> None:
    for table, (key, _text) in KEYS.items():
        with op.batch_alter_table(table, table_kwargs={'sqlite_autoincrement': True}) as batch:
            batch.drop_column(key)


def _fill(bind, table: str, key: str, text: str) -> None:
    """Set ``key`` to the folded ``text`` of every row, in id order, a chunk at a time."""
    last = 0
    while True:
        rows = bind.execute(sa.text(f'SELECT id, {text} FROM {table} WHERE id > :last '
                                    f'ORDER BY id LIMIT {CHUNK}'), {'last': last}).all()
        if not rows:
            return
        bind.execute(sa.text(f'UPDATE {table} SET {key} = :k WHERE id = :i'),
                     [{'i': ident, 'k': fold(value)} for ident, value in rows])
        last = rows[-1][0]
