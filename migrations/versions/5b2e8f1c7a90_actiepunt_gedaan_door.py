"""who marked an action item done (I-6.5a)

Revision ID: 5b2e8f1c7a90
Revises: 3a7c5e2b9d41
Create Date: 2026-11-28 13:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '5b2e8f1c7a90'
down_revision = '3a7c5e2b9d41'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('actiepunt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('gedaan_door_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_actiepunt_gedaan_door_id_gebruiker'),
                                    'gebruiker', ['gedaan_door_id'], ['id'])


def downgrade():
    with op.batch_alter_table('actiepunt', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_actiepunt_gedaan_door_id_gebruiker'),
                                 type_='foreignkey')
        batch_op.drop_column('gedaan_door_id')
