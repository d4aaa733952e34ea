"""bo_voorstel: a partial index of the open proposals (R-6.2), the few among the years'
answered ones that the start pages read

Revision ID: 5c80e0f8ef6c
Revises: cbebf69f1526
Create Date: 2026-11-29 11:54:22.925269

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5c80e0f8ef6c'
down_revision = 'cbebf69f1526'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('bo_voorstel', schema=None) as batch_op:
        batch_op.create_index('ix_bo_voorstel_open', ['partij'], unique=False,
                              sqlite_where=sa.text("status = 'open'"),
                              postgresql_where=sa.text("status = 'open'"))


def downgrade():
    with op.batch_alter_table('bo_voorstel', schema=None) as batch_op:
        batch_op.drop_index('ix_bo_voorstel_open', sqlite_where=sa.text("status = 'open'"),
                            postgresql_where=sa.text("status = 'open'"))
