"""Lists served by indexes: an index per order, kept row counts, seek blocks, substring search.

Every list order gets an index on (scope, column, id) (the scope alone is its prefix, so the
single-column scope indexes go); `row_counts` and the `seek_*` block tables (store/seek.py) are
filled from the rows; substring search gets FTS5 trigram tables on SQLite and pg_trgm GIN indexes
on PostgreSQL (store/search.py). The fill statements are the store's own, so a rebuilt table is
exactly what the store would have kept.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from specgate.store import search, seek

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TEXT, INT = sa.Text, sa.Integer
# table: (its id type, its scope column, {order column: its type})
TABLES: dict[str, tuple[Any, str | None, dict[str, Any]]] = {
    "gateways": (TEXT, None, {"created_at": TEXT}),
    "upstreams": (TEXT, "gateway_id", {"created_at": TEXT}),
    "gateway_services": (TEXT, "gateway_id", {"created_at": TEXT}),
    "tool_services": (
        INT,
        None,
        {"id": INT, "name": TEXT, "description": TEXT, "last_updated": TEXT, "last_updated_by": TEXT},
    ),
    "tools": (
        INT,
        None,
        {"id": INT, "name": TEXT, "service_id": INT, "last_updated": TEXT, "last_updated_by": TEXT},
    ),
}
SEARCHABLE = {
    "tool_services": ("id", "name", "description", "last_updated", "last_updated_by"),
    "tools": ("id", "name", "service_id", "last_updated", "last_updated_by"),
}
OLD_INDEXES = {
    "ix_upstreams_gateway_id": ("upstreams", ["gateway_id"]),
    "ix_gateway_services_gateway_id": ("gateway_services", ["gateway_id"]),
    "ix_tools_service_id": ("tools", ["service_id"]),
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for name, (table, _) in OLD_INDEXES.items():
        op.drop_index(name, table_name=table)
    op.create_table(
        "row_counts",
        sa.Column("tbl", sa.Text, primary_key=True),
        sa.Column("scope", sa.Text, primary_key=True),
        sa.Column("n", sa.BigInteger, nullable=False),
    )
    for table, (id_type, scope, columns) in TABLES.items():
        for column, column_type in columns.items():
            if column != "id":
                op.create_index(f"ix_{table}_{column}", table, [*([scope] if scope else []), column, "id"])
            op.create_table(
                f"seek_{table}_{column}",
                sa.Column("scope", sa.Text, primary_key=True),
                sa.Column("lo_v", column_type, primary_key=True, autoincrement=False),
                sa.Column("lo_id", id_type, primary_key=True, autoincrement=False),
                sa.Column("n", sa.Integer, nullable=False),
            )
        # The tables as made here (0005 adds parts, 0008 super-blocks).
        for statement in seek.rebuild(table, parts=False, supers=False):
            op.execute(statement)
    for table, searchable in SEARCHABLE.items():
        for statement in search.create(dialect, table, searchable):
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table, searchable in SEARCHABLE.items():
        for statement in search.drop(dialect, table, searchable):
            op.execute(statement)
    for table, (_, _, columns) in TABLES.items():
        for column in columns:
            op.drop_table(f"seek_{table}_{column}")
            if column != "id":
                op.drop_index(f"ix_{table}_{column}", table_name=table)
    op.drop_table("row_counts")
    for name, (table, indexed) in OLD_INDEXES.items():
        op.create_index(name, table, indexed)
