"""suppressed addresses: a suppression list kept as one-way hashes

``suppressed_addresses`` holds the SHA-256 of email addresses (casefolded) that no export may
carry and no import may bring back as a new person: those of someone who had opted out and was
then removed, of someone forgotten, and those added by hand (``stakeholders suppression add``).
The addresses themselves are not stored. A database upgraded to this revision starts with an
empty list. The downgrade drops the table, and with it the list.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0012'
down_revision: Union[str, None] = '0011'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'suppressed_addresses',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('digest', sa.String(length=64), nullable=False),
        sa.Column('reason', sa.String(length=16), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True),
                  server_default=sa.func.now(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True),
                  server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint("reason IN ('opted-out', 'forgotten', 'asked')",
                           name=op.f('ck_suppressed_addresses_reason')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_suppressed_addresses')),
        sa.UniqueConstraint('digest', name=op.f('uq_suppressed_addresses_digest')),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table('suppressed_addresses')
