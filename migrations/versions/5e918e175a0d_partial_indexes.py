"""Partial indexes of the open action items (ix_actiepunt_open), the agreements in force
(ix_bo_in_kracht) and the open proposals on them (ix_bo_voorstel_open, R-6.2): the few among
the years' done, ended and answered ones that the review queue and the start pages read

Revision ID: 5e918e175a0d
Revises: cbebf69f1526
Create Date: 2026-11-29 11:58:07.060199

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e918e175a0d'
down_revision = 'cbebf69f1526'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('actiepunt', schema=None) as batch_op:
        batch_op.create_index('ix_actiepunt_open', ['vervaldatum'], unique=False,
                              sqlite_where=sa.text('gedaan_op IS NULL'),
                              postgresql_where=sa.text('gedaan_op IS NULL'))
    with op.batch_alter_table('begeleidingsovereenkomst', schema=None) as batch_op:
        batch_op.create_index('ix_bo_in_kracht', ['geplande_einddatum'], unique=False,
                              sqlite_where=sa.text("status IN ('actief', 'evaluatie')"),
                              postgresql_where=sa.text("status IN ('actief', 'evaluatie')"))
    with op.batch_alter_table('bo_voorstel', schema=None) as batch_op:
        batch_op.create_index('ix_bo_voorstel_open', ['partij'], unique=False,
                              sqlite_where=sa.text("status = 'open'"),
                              postgresql_where=sa.text("status = 'open'"))


def downgrade():
    with op.batch_alter_table('bo_voorstel', schema=None) as batch_op:
        batch_op.drop_index('ix_bo_voorstel_open', sqlite_where=sa.text("status = 'open'"),
                            postgresql_where=sa.text("status = 'open'"))
    with op.batch_alter_table('begeleidingsovereenkomst', schema=None) as batch_op:
        batch_op.drop_index('ix_bo_in_kracht',
                            sqlite_where=sa.text("status IN ('actief', 'evaluatie')"),
                            postgresql_where=sa.text("status IN ('actief', 'evaluatie')"))
    with op.batch_alter_table('actiepunt', schema=None) as batch_op:
        batch_op.drop_index('ix_actiepunt_open', sqlite_where=sa.text('gedaan_op IS NULL'),
                            postgresql_where=sa.text('gedaan_op IS NULL'))
