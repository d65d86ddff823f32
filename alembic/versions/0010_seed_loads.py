"""seed loads: a seed file is loaded once

``seed_loads`` records each seed file loaded (its name and the SHA-256 of its bytes), so that
``stakeholders seed`` and ``init --seed`` skip a file loaded before: records the officer has
removed, merged away or forgotten since do not come back. A database loaded before this
revision has no record yet; its next load adds what is missing, as before, and is recorded.
The downgrade drops the table.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0010'
down_revision: Union[str, None] = '0009'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'seed_loads',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=300), nullable=False),
        sa.Column('digest', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True),
                  server_default=sa.func.now(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True),
                  server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_seed_loads')),
        sa.UniqueConstraint('digest', name=op.f('uq_seed_loads_digest')),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table('seed_loads')
