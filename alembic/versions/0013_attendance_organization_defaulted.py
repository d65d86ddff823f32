"""attendance organization defaulted: whether it follows the event's date

``attendances.organization_defaulted`` says whether an attendance's organization was taken
from the person's post on the event's date (``attendance add`` without ``--org``, and seeds and
press releases that name none): such an organization follows the event to a new date
(``event edit --date``). False means it was given; NULL, that it was recorded before this
revision, when that was not kept (a new date then only says how many may need review).
The downgrade drops the column.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0013'
down_revision: Union[str, None] = '0012'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column('attendances', sa.Column('organization_defaulted', sa.Boolean(), nullable=True))


def downgrade() -> None:
    # SQLite rebuilds the table to drop a column: keep its AUTOINCREMENT (0006)
    with op.batch_alter_table('attendances',
                              table_kwargs={'sqlite_autoincrement': True}) as batch:
        batch.drop_column('organization_defaulted')
