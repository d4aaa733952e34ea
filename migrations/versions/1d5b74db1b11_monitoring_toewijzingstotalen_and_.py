"""monitoring: toewijzingstotalen and review of overdue items

Revision ID: 1d5b74db1b11
Revises: ef4b60edddef
Create Date: 2026-11-28 03:57:01.671257

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1d5b74db1b11'
down_revision = 'ef4b60edddef'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('toewijzingstotaal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('woonmaatschappij_id', sa.Integer(), nullable=False),
    sa.Column('jaar', sa.Integer(), nullable=False),
    sa.Column('kwartaal', sa.Integer(), nullable=False),
    sa.Column('aantal', sa.Integer(), nullable=False),
    sa.Column('ingevoerd_door_id', sa.Integer(), nullable=False),
    sa.Column('ingevoerd_op', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['ingevoerd_door_id'], ['gebruiker.id'], name=op.f('fk_toewijzingstotaal_ingevoerd_door_id_gebruiker')),
    sa.ForeignKeyConstraint(['woonmaatschappij_id'], ['organisatie.id'], name=op.f('fk_toewijzingstotaal_woonmaatschappij_id_organisatie')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_toewijzingstotaal')),
    sa.UniqueConstraint('woonmaatschappij_id', 'jaar', 'kwartaal', name='periode')
    )
    op.create_table('beoordeling',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('soort', sa.String(length=40), nullable=False),
    sa.Column('object_type', sa.String(length=30), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('vervaldatum', sa.Date(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('gebruiker_id', sa.Integer(), nullable=False),
    sa.Column('opmerking', sa.Text(), nullable=True),
    sa.Column('beoordeeld', sa.Boolean(), nullable=False),
    sa.Column('tijdstip', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], name=op.f('fk_beoordeling_dossier_id_dossier')),
    sa.ForeignKeyConstraint(['gebruiker_id'], ['gebruiker.id'], name=op.f('fk_beoordeling_gebruiker_id_gebruiker')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_beoordeling'))
    )
    with op.batch_alter_table('beoordeling', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_beoordeling_dossier_id'), ['dossier_id'], unique=False)
        batch_op.create_index('ix_beoordeling_item', ['soort', 'object_type', 'object_id', 'vervaldatum'], unique=False)



def downgrade():
    with op.batch_alter_table('beoordeling', schema=None) as batch_op:
        batch_op.drop_index('ix_beoordeling_item')
        batch_op.drop_index(batch_op.f('ix_beoordeling_dossier_id'))

    op.drop_table('beoordeling')
    op.drop_table('toewijzingstotaal')
