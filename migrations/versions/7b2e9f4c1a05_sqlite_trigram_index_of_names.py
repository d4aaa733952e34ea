"""SQLite: a trigram index of the names (FTS5 over dossier.zoeknaam, kept by triggers)

Revision ID: 7b2e9f4c1a05
Revises: c46a1b53e38b
Create Date: 2026-11-29 06:20:00

"""
from alembic import op

# As caseflow.models.dossier builds it for a new database (written out: a migration stays as
# it ran).
ZOEKNAAM_FTS = "dossier_zoeknaam"
ZOEKNAAM_FTS_DDL = (
    "CREATE VIRTUAL TABLE dossier_zoeknaam USING fts5(zoeknaam, content='dossier', "
    "content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER dossier_zoeknaam_ins AFTER INSERT ON dossier BEGIN INSERT INTO "
    "dossier_zoeknaam(rowid, zoeknaam) VALUES (new.id, new.zoeknaam); END",
    "CREATE TRIGGER dossier_zoeknaam_del AFTER DELETE ON dossier BEGIN INSERT INTO "
    "dossier_zoeknaam(dossier_zoeknaam, rowid, zoeknaam) VALUES ('delete', old.id, "
    "old.zoeknaam); END",
    "CREATE TRIGGER dossier_zoeknaam_upd AFTER UPDATE OF zoeknaam ON dossier BEGIN INSERT INTO "
    "dossier_zoeknaam(dossier_zoeknaam, rowid, zoeknaam) VALUES ('delete', old.id, "
    "old.zoeknaam); INSERT INTO dossier_zoeknaam(rowid, zoeknaam) VALUES (new.id, "
    "new.zoeknaam); END",
)

# revision identifiers, used by Alembic.
revision = '7b2e9f4c1a05'
down_revision = 'c46a1b53e38b'
branch_labels = None
depends_on = None


def upgrade():
    # PostgreSQL searches names through its trigram index (ix_dossier_zoeknaam) already.
    if op.get_bind().dialect.name != "sqlite":
        return
    for ddl in ZOEKNAAM_FTS_DDL:
        op.execute(ddl)
    op.execute(f"INSERT INTO {ZOEKNAAM_FTS}({ZOEKNAAM_FTS}) VALUES ('rebuild')")


def downgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in ("ins", "del", "upd"):
        op.execute(f"DROP TRIGGER IF EXISTS dossier_zoeknaam_{trigger}")
    op.execute(f"DROP TABLE IF EXISTS {ZOEKNAAM_FTS}")
