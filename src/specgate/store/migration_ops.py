"""Alembic operations of specgate's own: a table's search structure, built and dropped.

The search structures (store/search.py: FTS5 on SQLite, trigram indexes on PostgreSQL) are not
SQLAlchemy metadata, so Alembic's autogenerate cannot see them. `add_search` gives a revision that
creates the table of a resource whose list searches `op.invoke(CreateSearchOp(...))` too, so the
migration `make migration` writes (scripts/migration.py) builds the whole resource. (`op.invoke`
rather than a new `op.create_search`: mypy knows `op` by Alembic's stubs, which have no such name.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from alembic.autogenerate import renderers
from alembic.autogenerate.api import AutogenContext
from alembic.operations import MigrateOperation, Operations
from alembic.operations import ops as alembic_ops
from alembic.runtime.migration import MigrationContext

from . import search
from .store import KINDS

__all__ = ["SEARCHABLE", "CreateSearchOp", "DropSearchOp", "add_search"]

# The columns each table's list searches, as the store knows them, by table.
SEARCHABLE: Mapping[str, tuple[str, ...]] = {k.table: k.searchable for k in KINDS.values() if k.searchable}


class _SearchOp(MigrateOperation):
    def __init__(self, table: str, columns: Sequence[str]) -> None:
        self.table = table
        self.columns = list(columns)


class CreateSearchOp(_SearchOp):
    """Build a table's search structure and fill it from its rows."""


class DropSearchOp(_SearchOp):
    """Remove a table's search structure."""


@Operations.implementation_for(CreateSearchOp)
def _create_search(operations: Operations, operation: CreateSearchOp) -> None:
    for statement in search.create(operations.get_bind().dialect.name, operation.table, operation.columns):
        operations.execute(statement)


@Operations.implementation_for(DropSearchOp)
def _drop_search(operations: Operations, operation: DropSearchOp) -> None:
    for statement in search.drop(operations.get_bind().dialect.name, operation.table, operation.columns):
        operations.execute(statement)


@renderers.dispatch_for(CreateSearchOp)
def _render_create(context: AutogenContext, operation: CreateSearchOp) -> str:
    context.imports.add("from specgate.store.migration_ops import CreateSearchOp")
    return f"op.invoke(CreateSearchOp({operation.table!r}, {operation.columns!r}))"


@renderers.dispatch_for(DropSearchOp)
def _render_drop(context: AutogenContext, operation: DropSearchOp) -> str:
    context.imports.add("from specgate.store.migration_ops import DropSearchOp")
    return f"op.invoke(DropSearchOp({operation.table!r}, {operation.columns!r}))"


def add_search(context: MigrationContext, revision: Any, directives: list[Any]) -> None:
    """Alembic's `process_revision_directives`: a table created by the revision gets its search
    structure when its list searches (`config.attributes["searchable"]` stands in for the
    registry's in tests)."""
    searchable = context.config.attributes.get("searchable", SEARCHABLE) if context.config else SEARCHABLE
    for script in directives:
        if not isinstance(script, alembic_ops.MigrationScript):
            continue
        upgrade, downgrade = script.upgrade_ops, script.downgrade_ops
        assert upgrade is not None and downgrade is not None
        for operation in list(upgrade.ops):
            if isinstance(operation, alembic_ops.CreateTableOp) and operation.table_name in searchable:
                columns = searchable[operation.table_name]
                upgrade.ops.append(CreateSearchOp(operation.table_name, columns))
                downgrade.ops.insert(0, DropSearchOp(operation.table_name, columns))
