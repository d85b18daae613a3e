"""An index on id alone for the tables listed by id (tool services, tools).

SQLite keeps a table's rows in its primary key's tree, bodies and all: finding the row a few
thousand rows into a block walked every page of those bodies. This narrow copy of the order is
walked instead (store/seek.py). PostgreSQL gets it too, so both databases have one schema.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TABLES = ("tool_services", "tools")


def upgrade() -> None:
    for table in TABLES:
        op.create_index(f"ix_{table}_id", table, ["id"])


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_id", table_name=table)
