"""Tools record where they send their service's secrets: `tools.destinations`.

A tool service's auth values go where its tools' definitions say (`x-secret-destination-for`), so a
tool service records, when its secrets are written, the destinations of its tools; resolve compares
them with the tools' destinations now. This column holds each tool's (a fingerprint, written with
the tool), so that comparison reads one short value per tool, never the definitions.

Tools written before this migration have none (''): their services' secrets are held back once a
tool is written or the service's secrets are, until they are sent again, as for any destination
not recorded.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("tools", sa.Column("destinations", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tools") as batch:
        batch.drop_column("destinations")
