"""ids never reused: SQLite tables with an integer id get AUTOINCREMENT

Without it SQLite hands the highest id out again once its row is deleted (merged away,
removed), and the audit trail, merges and not-duplicate marks that name the old record then
name the new one. Each table is rebuilt (batch mode, foreign keys off as for every
migration), which fills its ``sqlite_sequence`` counter from its highest id; the counter is
then raised to the highest id the audit trail, merges and marks name, so that a record
deleted before this revision does not hand its id on either. PostgreSQL's sequences never
reuse an id: nothing to do there.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0006'
down_revision: Union[str, None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

#: Every table with an integer id, parents first, and how the audit trail names its records.
TABLES = {
    'organizations': 'organization',
    'people': 'person',
    'campaigns': 'campaign',
    'events': 'event',
    'tags': 'tag',
    'import_batches': 'import-batch',
    'merges': 'merge',
    'not_duplicates': 'not-duplicate',
    'audit_log': None,
    'affiliations': 'affiliation',
    'contact_points': 'contact',
    'campaign_partners': 'partner',
    'attendances': 'attendance',
    'statements': 'statement',
    'interactions': 'interaction',
    'interaction_participants': 'participant',
    'follow_ups': 'followup',
    'assessments': 'assessment',
    'consents': 'consent',
    'audit_records': None,
    'import_batch_items': None,
}
#: Where else ids of merged records are kept: (table, record type, id columns).
_NAMED_IN = (
    ('merges', 'record_type', ('kept_id', 'removed_id')),
    ('not_duplicates', 'record_type', ('low_id', 'high_id')),
)
_MERGED = {'person': 'people', 'organization': 'organizations'}


def upgrade() -> None:
    if not _rebuilding():
        return
    for table in TABLES:
        with op.batch_alter_table(table, recreate='always',
                                  table_kwargs={'sqlite_autoincrement': True}):
            pass
    bind = op.get_bind()
    for table, used in _highest_ids_named(bind).items():
        bind.execute(sa.text('INSERT INTO sqlite_sequence (name, seq) SELECT :t, 0 WHERE NOT '
                             'EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = :t)'),
                     {'t': table})
        bind.execute(sa.text('UPDATE sqlite_sequence SET seq = :used '
                             'WHERE name = :t AND seq < :used'), {'t': table, 'used': used})


def downgrade() -> None:
    if not _rebuilding():
        return
    for table in reversed(TABLES):
        with op.batch_alter_table(table, recreate='always',
                                  table_kwargs={'sqlite_autoincrement': False}):
            pass
    op.execute('DELETE FROM sqlite_sequence')


def _rebuilding() -> bool:
    """True on SQLite, where a table is rebuilt; refused with foreign keys on, as dropping the
    old table would then cascade to every row that refers to it."""
    bind = op.get_bind()
    if bind.dialect.name != 'sqlite':
        return False
    if bind.exec_driver_sql('PRAGMA foreign_keys').scalar():
        raise RuntimeError('rebuilding tables needs foreign keys off (PRAGMA foreign_keys = OFF)')
    return True


def _highest_ids_named(bind) -> dict[str, int]:
    """The highest id of each table that the audit trail, merges or marks name."""
    highest: dict[str, int] = {}

    def note(table: str, value) -> None:
        if value is not None and value > highest.get(table, 0):
            highest[table] = value

    nouns = {noun: table for table, noun in TABLES.items() if noun}
    for noun, last in bind.execute(sa.text(
            'SELECT record_type, max(last_id) FROM audit_records GROUP BY record_type')):
        if noun in nouns:
            note(nouns[noun], last)
    for source, kind, columns in _NAMED_IN:
        for record_type, *values in bind.execute(sa.text(
                f'SELECT {kind}, {", ".join(f"max({c})" for c in columns)} FROM {source} '
                f'GROUP BY {kind}')):
            for value in values:
                if record_type in _MERGED:
                    note(_MERGED[record_type], value)
    return highest
