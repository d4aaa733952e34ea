"""reminders: dossier activity, mail state, notification preference

Revision ID: ef4b60edddef
Revises: 42d445a3f7be
Create Date: 2026-11-28 03:21:58.504578

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ef4b60edddef'
down_revision = '42d445a3f7be'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.add_column(sa.Column('laatste_activiteit', sa.Date(), nullable=True))
    # Existing dossiers: the day of their last change is the best record there is.
    dag = "date(gewijzigd_op)" if op.get_bind().dialect.name == "sqlite" else \
        "CAST(gewijzigd_op AS DATE)"
    op.execute(f"UPDATE dossier SET laatste_activiteit = {dag}")
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.alter_column('laatste_activiteit', existing_type=sa.Date(), nullable=False)
        batch_op.create_index('ix_dossier_status_activiteit', ['status', 'laatste_activiteit'], unique=False)

    with op.batch_alter_table('gebruiker', schema=None) as batch_op:
        batch_op.add_column(sa.Column('melding_voorkeur', sa.Enum('digest', 'direct', 'app', name='melding_voorkeur', native_enum=False, create_constraint=True), server_default='digest', nullable=False))
        batch_op.add_column(sa.Column('laatste_digest', sa.Date(), nullable=True))

    with op.batch_alter_table('notificatie', schema=None) as batch_op:
        batch_op.add_column(sa.Column('gemaild_op', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('mail_pogingen', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('mail_volgende_poging', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('mail_fout', sa.String(length=300), nullable=True))



def downgrade():
    with op.batch_alter_table('notificatie', schema=None) as batch_op:
        batch_op.drop_column('mail_fout')
        batch_op.drop_column('mail_volgende_poging')
        batch_op.drop_column('mail_pogingen')
        batch_op.drop_column('gemaild_op')

    with op.batch_alter_table('gebruiker', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_gebruiker_melding_voorkeur'), type_='check')
        batch_op.drop_column('laatste_digest')
        batch_op.drop_column('melding_voorkeur')

    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.drop_index('ix_dossier_status_activiteit')
        batch_op.drop_column('laatste_activiteit')

