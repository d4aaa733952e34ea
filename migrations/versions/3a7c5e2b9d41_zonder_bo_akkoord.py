"""R-6.2: the parties' agreement to follow a pijler 3 tenant without a begeleidingsovereenkomst

Revision ID: 3a7c5e2b9d41
Revises: 8cf1dcb3e43c
Create Date: 2026-11-28 12:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = '3a7c5e2b9d41'
down_revision = '8cf1dcb3e43c'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.add_column(sa.Column('zonder_bo_akkoord', sa.String(length=10), nullable=True))


def downgrade():
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.drop_column('zonder_bo_akkoord')
