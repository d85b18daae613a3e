"""The first schema: gateways, upstreams, gateway services, tool services, tools and API keys.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _resource_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("doc", sa.Text, nullable=False),
        sa.Column("body", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
    ]


def upgrade() -> None:
    op.create_table("gateways", sa.Column("id", sa.Text, primary_key=True), *_resource_columns())
    op.create_table(
        "upstreams",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("gateway_id", sa.Text, sa.ForeignKey("gateways.id"), nullable=False),
        *_resource_columns(),
        sa.UniqueConstraint("gateway_id", "id", name="uq_upstreams_gateway_id_id"),
    )
    op.create_index("ix_upstreams_gateway_id", "upstreams", ["gateway_id"])
    op.create_table(
        "gateway_services",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("gateway_id", sa.Text, sa.ForeignKey("gateways.id"), nullable=False),
        sa.Column("upstream_id", sa.Text, nullable=True),
        *_resource_columns(),
        sa.ForeignKeyConstraint(
            ["gateway_id", "upstream_id"],
            ["upstreams.gateway_id", "upstreams.id"],
            name="fk_gateway_services_upstream",
        ),
    )
    op.create_index("ix_gateway_services_gateway_id", "gateway_services", ["gateway_id"])
    op.create_index("ix_gateway_services_upstream_id", "gateway_services", ["upstream_id"])
    op.create_table(
        "tool_services",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("last_updated", sa.Text, nullable=False),
        sa.Column("last_updated_by", sa.Text, nullable=False),
        sa.Column("tool_names", sa.Text, nullable=False, server_default="[]"),
        *_resource_columns(),
    )
    op.create_table(
        "tools",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text, nullable=False, unique=True),
        sa.Column("service_id", sa.Integer, sa.ForeignKey("tool_services.id"), nullable=False),
        sa.Column("last_updated", sa.Text, nullable=False),
        sa.Column("last_updated_by", sa.Text, nullable=False),
        *_resource_columns(),
    )
    op.create_index("ix_tools_service_id", "tools", ["service_id"])
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key_hash", sa.Text, nullable=False, unique=True),
        sa.Column("prefix", sa.Text, nullable=False),
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("scopes", sa.Text, nullable=False),
        sa.Column("gateway_id", sa.Text, nullable=True),
        sa.Column("created_at", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "api_keys",
        "tools",
        "tool_services",
        "gateway_services",
        "upstreams",
        "gateways",
    ):
        op.drop_table(table)
