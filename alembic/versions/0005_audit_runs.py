"""audit runs: one audit_records row stands for a run of consecutive ids

An export of 100,000 people wrote 100,000 audit rows; as runs of ids it writes a few hundred.
Existing rows become runs of one; a downgrade expands runs back into one row per record, in
the same order.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0005'
down_revision: Union[str, None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('audit_records', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_id', sa.Integer(), nullable=True))
    op.execute('UPDATE audit_records SET last_id = record_id')
    with op.batch_alter_table('audit_records', schema=None) as batch_op:
        batch_op.alter_column('last_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_check_constraint(op.f('ck_audit_records_run'), 'last_id >= record_id')


def downgrade() -> None:
    bind = op.get_bind()
    newest = bind.execute(sa.text('SELECT max(id) FROM audit_records')).scalar()
    if newest is not None:
        # every record of every run, as rows of their own, after the existing rows and in
        # their order; then the existing rows go
        op.execute(
            'WITH RECURSIVE expanded(old_id, entry_id, record_type, record_id, last_id, action)'
            ' AS (SELECT id, entry_id, record_type, record_id, last_id, action'
            ' FROM audit_records'
            ' UNION ALL SELECT old_id, entry_id, record_type, record_id + 1, last_id, action'
            ' FROM expanded WHERE record_id < last_id)'
            ' INSERT INTO audit_records (entry_id, record_type, record_id, last_id, action)'
            ' SELECT entry_id, record_type, record_id, record_id, action FROM expanded'
            ' ORDER BY old_id, record_id'
        )
        op.execute(sa.text('DELETE FROM audit_records WHERE id <= :newest')
                   .bindparams(newest=newest))
    with op.batch_alter_table('audit_records', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_audit_records_run'), type_='check')
        batch_op.drop_column('last_id')
