"""indexes the monitoring reads: date ranges over attesten and toewijzingen

Revision ID: 7c1d9e4a2b63
Revises: 5b2e8f1c7a90
Create Date: 2026-11-28 16:15:00

"""
from alembic import op

revision = '7c1d9e4a2b63'
down_revision = '5b2e8f1c7a90'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('attest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attest_uitgereikt_op'), ['uitgereikt_op'],
                              unique=False)
    with op.batch_alter_table('toewijzing', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_toewijzing_datum'), ['datum'], unique=False)


def downgrade():
    with op.batch_alter_table('toewijzing', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_toewijzing_datum'))
    with op.batch_alter_table('attest', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attest_uitgereikt_op'))
