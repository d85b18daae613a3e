"""A rotation counter on every resource row, so a key rotation never races an update.

`secrets rotate` rewrites a row's encrypted secrets without changing what the API shows (the
version, hence the ETag, stays); an update that read the row before the rotation must not write
its older tokens back, so updates compare this counter too.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TABLES = ("gateways", "upstreams", "gateway_services", "tool_services", "tools")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("rotation", sa.Integer, nullable=False, server_default="0"))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("rotation")
