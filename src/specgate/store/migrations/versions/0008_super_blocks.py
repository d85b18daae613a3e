"""Super-blocks: runs of seek blocks, so a deep page sums a few dozen counts, not hundreds.

Every order's `seek_<table>_<column>` blocks gain a `seek_<table>_<column>_super` table of the same
shape (store/seek.py): each scope's blocks in runs, with their row counts. It is filled from the
blocks (not the rows), by the store's own statements.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from specgate.store import seek

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TEXT, INT = sa.Text, sa.Integer
# table: (its id type, {order column: its type})
TABLES: dict[str, tuple[Any, dict[str, Any]]] = {
    "gateways": (TEXT, {"created_at": TEXT}),
    "upstreams": (TEXT, {"created_at": TEXT}),
    "gateway_services": (TEXT, {"created_at": TEXT}),
    "tool_services": (
        INT,
        {"id": INT, "name": TEXT, "description": TEXT, "last_updated": TEXT, "last_updated_by": TEXT},
    ),
    "tools": (
        INT,
        {"id": INT, "name": TEXT, "service_id": INT, "last_updated": TEXT, "last_updated_by": TEXT},
    ),
}


def upgrade() -> None:
    for table, (id_type, columns) in TABLES.items():
        for column, column_type in columns.items():
            op.create_table(
                f"seek_{table}_{column}_super",
                sa.Column("scope", sa.Text, primary_key=True),
                sa.Column("lo_v", column_type, primary_key=True, autoincrement=False),
                sa.Column("lo_id", id_type, primary_key=True, autoincrement=False),
                sa.Column("part", sa.Integer, primary_key=True, autoincrement=False),
                sa.Column("n", sa.Integer, nullable=False),
                sqlite_with_rowid=False,
            )
        for statement in seek.group(table):
            op.execute(statement)


def downgrade() -> None:
    for table, (_, columns) in TABLES.items():
        for column in columns:
            op.drop_table(f"seek_{table}_{column}_super")
