"""The tables, as SQLAlchemy metadata: what the migrations build, checked by a test.

Each resource row keeps `doc` (the stored document: secrets encrypted) and `body` (the masked JSON a
GET answers, made once at write time), plus the columns that queries filter, order or join on. Every
order a list offers has an index on (scope, column, id), and tables of blocks and super-blocks
(store/seek.py).

Substring search structures depend on the database and are named `search_*` (FTS5 tables on SQLite,
trigram GIN indexes on PostgreSQL; store/search.py): the migrations build them, this metadata does not
describe them.
"""

from __future__ import annotations

import sqlalchemy as sa

from ..registry import RESOURCES, facts

__all__ = ["ORDERS", "SCOPES", "described", "metadata"]

metadata = sa.MetaData()


def described(name: str | None, type_: str, parent_names: object) -> bool:
    """Whether this metadata describes a database object (Alembic's `include_name`): the search
    structures, `search_*`, depend on the database and are the migrations' alone."""
    return not (name or "").startswith("search_")


def _resource_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("version", sa.Integer, nullable=False),
        # Bumped by `secrets rotate`, which leaves the version (the ETag) alone.
        sa.Column("rotation", sa.Integer, nullable=False, server_default="0"),
        sa.Column("doc", sa.Text, nullable=False),
        sa.Column("body", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
    ]


gateways = sa.Table(
    "gateways",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    *_resource_columns(),
)

upstreams = sa.Table(
    "upstreams",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("gateway_id", sa.Text, sa.ForeignKey("gateways.id"), nullable=False),
    *_resource_columns(),
    sa.UniqueConstraint("gateway_id", "id", name="uq_upstreams_gateway_id_id"),
)

gateway_services = sa.Table(
    "gateway_services",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("gateway_id", sa.Text, sa.ForeignKey("gateways.id"), nullable=False),
    sa.Column("upstream_id", sa.Text, nullable=True, index=True),
    *_resource_columns(),
    # The upstream of a service must be of the same gateway: the database enforces it, too.
    sa.ForeignKeyConstraint(
        ["gateway_id", "upstream_id"],
        ["upstreams.gateway_id", "upstreams.id"],
        name="fk_gateway_services_upstream",
    ),
)

tool_services = sa.Table(
    "tool_services",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("last_updated", sa.Text, nullable=False),
    sa.Column("last_updated_by", sa.Text, nullable=False),
    sa.Column("tool_names", sa.Text, nullable=False, server_default="[]"),
    *_resource_columns(),
    # Ids are never reused (SQLite would give a deleted row's id to the next one): migration 0004.
    sqlite_autoincrement=True,
)

tools = sa.Table(
    "tools",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.Text, nullable=False, unique=True),
    sa.Column("service_id", sa.Integer, sa.ForeignKey("tool_services.id"), nullable=False),
    sa.Column("last_updated", sa.Text, nullable=False),
    sa.Column("last_updated_by", sa.Text, nullable=False),
    *_resource_columns(),
    # Where the tool sends its service's secrets, a fingerprint (migration 0007; `merge.LINKED`).
    sa.Column("destinations", sa.Text, nullable=True),
    sqlite_autoincrement=True,
)

api_keys = sa.Table(
    "api_keys",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key_hash", sa.Text, nullable=False, unique=True),
    sa.Column("prefix", sa.Text, nullable=False),
    sa.Column("email", sa.Text, nullable=False),
    sa.Column("scopes", sa.Text, nullable=False),
    sa.Column("gateway_id", sa.Text, nullable=True),
    sa.Column("created_at", sa.Text, nullable=False),
    # `keys revoke ID` must never name a newer key by a revoked one's id.
    sqlite_autoincrement=True,
)


# --- what lists are served by -------------------------------------------------------------------

# The orders each table's lists offer (every one also breaks ties by id), and the column scoping them,
# from the registry: a list with an `order_by` parameter offers its values, any other lists in
# creation order.
ORDERS = {r.table: facts(r).orderable or ("created_at",) for r in RESOURCES}
SCOPES = {r.table: r.scope for r in RESOURCES if r.scope}

for _table, _columns in ORDERS.items():
    _t = metadata.tables[_table]
    _scope = [_t.c[SCOPES[_table]]] if _table in SCOPES else []
    for _column in _columns:
        if _column != "id":  # the primary key serves the order by id
            sa.Index(f"ix_{_table}_{_column}", *_scope, _t.c[_column], _t.c.id)
        else:  # and this narrow copy of it finds a page's first row (SQLite's rows hold the bodies)
            sa.Index(f"ix_{_table}_id", _t.c.id)
        # Blocks of consecutive rows of the order, per scope ('' when unscoped): first key and row
        # count, the count kept in parts (a block's count is the sum of its parts; store/seek.py);
        # and super-blocks of consecutive blocks (migration 0008), alike. WITHOUT ROWID: the key
        # holds the count, so summing blocks reads one index.
        for _name in (f"seek_{_table}_{_column}", f"seek_{_table}_{_column}_super"):
            sa.Table(
                _name,
                metadata,
                sa.Column("scope", sa.Text, primary_key=True),
                sa.Column("lo_v", _t.c[_column].type, primary_key=True, autoincrement=False),
                sa.Column("lo_id", _t.c.id.type, primary_key=True, autoincrement=False),
                sa.Column("part", sa.Integer, primary_key=True, autoincrement=False),
                sa.Column("n", sa.Integer, nullable=False),
                sqlite_with_rowid=False,
            )

# Rows per table and scope, kept by every insert and delete (a COUNT(*) would read them all), in
# parts like the blocks' counts.
row_counts = sa.Table(
    "row_counts",
    metadata,
    sa.Column("tbl", sa.Text, primary_key=True),
    sa.Column("scope", sa.Text, primary_key=True),
    sa.Column("part", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("n", sa.BigInteger, nullable=False),
    sqlite_with_rowid=False,
)
