"""Counts kept in parts, and block tables the block sums read in one index.

`row_counts` and every `seek_*` block table gain a `part` column in their key: each connection
counts in a part of its own (store/seek.py), so concurrent writers on PostgreSQL no longer wait on
one count row each. On SQLite the tables become WITHOUT ROWID, so a block's count is read from the
key's index rather than from a second lookup per block. The tables only mirror the rows: they are
made anew and filled from the rows by the store's own statements.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from specgate.store import seek

revision = "0005"
down_revision = "0004"
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


def _make(parts: bool) -> None:
    part = [sa.Column("part", sa.Integer, primary_key=True, autoincrement=False)] if parts else []
    rowid = {"sqlite_with_rowid": not parts}
    op.drop_table("row_counts")
    op.create_table(
        "row_counts",
        sa.Column("tbl", sa.Text, primary_key=True),
        sa.Column("scope", sa.Text, primary_key=True),
        *part,
        sa.Column("n", sa.BigInteger, nullable=False),
        **rowid,
    )
    for table, (id_type, columns) in TABLES.items():
        for column, column_type in columns.items():
            op.drop_table(f"seek_{table}_{column}")
            op.create_table(
                f"seek_{table}_{column}",
                sa.Column("scope", sa.Text, primary_key=True),
                sa.Column("lo_v", column_type, primary_key=True, autoincrement=False),
                sa.Column("lo_id", id_type, primary_key=True, autoincrement=False),
                *[sa.Column("part", sa.Integer, primary_key=True, autoincrement=False) for _ in part],
                sa.Column("n", sa.Integer, nullable=False),
                **rowid,
            )


def upgrade() -> None:
    _make(parts=True)
    for table in TABLES:
        for statement in seek.rebuild(table, supers=False):  # 0008 adds them
            op.execute(statement)


def downgrade() -> None:
    _make(parts=False)
    for table in TABLES:
        for statement in seek.rebuild(table, parts=False, supers=False):
            op.execute(statement)
