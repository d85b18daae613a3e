"""Ids are never reused: AUTOINCREMENT on SQLite's integer-keyed tables.

Without it SQLite gives the next row max(id) + 1, so deleting the newest tool service (or tool, or
API key) hands its id to the next one made: a client holding the old id then reads, updates or
revokes another resource. SQLite cannot add AUTOINCREMENT to a table, so each is rebuilt (Alembic's
batch mode copies it, ids, indexes and constraints included). PostgreSQL's sequences never reuse
a value already: nothing to do there. An id deleted before this migration runs above the largest
remaining one may still be given out once; after it, none.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TABLES = ("tool_services", "tools", "api_keys")


def _rebuild(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass


def upgrade() -> None:
    _rebuild(True)


def downgrade() -> None:
    _rebuild(False)
