"""search by name: a normalised column with a trigram index

Revision ID: 45cf4ed60d78
Revises: 13fba808ae7f
Create Date: 2026-11-29 01:00:01.446039

"""
from alembic import op
import sqlalchemy as sa

from caseflow.rules.zoeken import zoeknaam


# revision identifiers, used by Alembic.
revision = '45cf4ed60d78'
down_revision = '13fba808ae7f'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.add_column(sa.Column('zoeknaam', sa.String(length=210), nullable=True))
    dossier = sa.table('dossier', sa.column('id', sa.Integer), sa.column('voornaam', sa.String),
                       sa.column('achternaam', sa.String), sa.column('zoeknaam', sa.String))
    conn = op.get_bind()
    rijen = conn.execute(sa.select(dossier.c.id, dossier.c.voornaam, dossier.c.achternaam)).all()
    for k in range(0, len(rijen), 5000):
        conn.execute(dossier.update().where(dossier.c.id == sa.bindparam('b_id'))
                     .values(zoeknaam=sa.bindparam('b_zoeknaam')),
                     [{'b_id': r.id, 'b_zoeknaam': zoeknaam(r.voornaam, r.achternaam)}
                      for r in rijen[k:k + 5000]])
    if conn.dialect.name == 'postgresql':
        op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.alter_column('zoeknaam', existing_type=sa.String(length=210), nullable=False)
        batch_op.create_index('ix_dossier_zoeknaam', ['zoeknaam'], unique=False, postgresql_using='gin', postgresql_ops={'zoeknaam': 'gin_trgm_ops'})


def downgrade():
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.drop_index('ix_dossier_zoeknaam', postgresql_using='gin', postgresql_ops={'zoeknaam': 'gin_trgm_ops'})
        batch_op.drop_column('zoeknaam')
