"""Lists that cost what a page costs: kept row counts, and blocks that find the row at a position.

An index finds a row by its key, not by its position: OFFSET walks every row before the page, so a
deep page costs what the table costs. Each order of a table therefore keeps, per scope, a table of
blocks (`seek_<table>_<column>`): runs of consecutive rows of the order, each with its first key
and its row count. The row at position p is found by adding block counts in key order (about
rows/BLOCK of them: ~500 at a million rows) and then walking fewer than 2*BLOCK index entries
from the block's first key. The total comes from `row_counts`.

Every insert, delete and key change keeps both in step in its own transaction: its last statements,
none waiting for a result, so on PostgreSQL they go out with the COMMIT. Writers of one table and
scope first update its `row_counts` row, whose row lock makes them take turns (SQLite has one writer
anyway), so no two move the same blocks at once, and the turn lasts one round trip. Each scope's
first block starts below every key (a sentinel), so every key has a block. A block grown past
2*BLOCK rows is split right after the write commits, in a short transaction of its own; an emptied
block stays (it holds no position) until a rebuild.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from .database import Database, Sent, Transaction
from .schema import ORDERS, SCOPES, metadata

__all__ = ["BLOCK", "Order", "count", "locate", "orders", "rebuild", "split", "written"]

BLOCK = 2048  # ~500 blocks at a million rows; a seek walks < 4096 index entries


@dataclass(frozen=True)
class Order:
    """Rows of `table` ordered by (column, id), within a scope column's value (or all rows)."""

    table: str
    column: str
    scope: str | None

    @property
    def blocks(self) -> str:
        return f"seek_{self.table}_{self.column}"

    @property
    def lowest(self) -> str:
        """SQL for a key below every key of the order (lo_v, lo_id): the sentinel first block."""
        table = metadata.tables[self.table]
        return ", ".join(
            "-2147483648" if isinstance(table.c[c].type, sa.Integer) else "''" for c in (self.column, "id")
        )

    @property
    def key(self) -> str:
        """The ORDER BY of the order (ascending)."""
        return "id" if self.column == "id" else f"{self.column}, id"

    def where(self, *, from_key: bool) -> str:
        """The scope's rows (:scope), from the key (:lo_v, :lo_id) on if asked: a range the index seeks."""
        conditions = [f"{self.scope} = :scope"] if self.scope else []
        if from_key:
            conditions.append(
                "id >= :lo_id" if self.column == "id" else f"({self.column}, id) >= (:lo_v, :lo_id)"
            )
        return " WHERE " + " AND ".join(conditions) if conditions else ""


@functools.cache  # every write asks; callers only read it
def orders(table: str) -> dict[str, Order]:
    return {c: Order(table, c, SCOPES.get(table)) for c in ORDERS.get(table, ())}


def _scope_key(value: Any) -> str:
    return "" if value is None else str(value)


# --- reads ------------------------------------------------------------------------------------------


async def count(db: Database, table: str, scope: str | None) -> int:
    row = await db.fetch_one(
        "SELECT n FROM row_counts WHERE tbl = :t AND scope = :s", {"t": table, "s": _scope_key(scope)}
    )
    return int(row[0]) if row else 0


async def locate(db: Database, order: Order, scope: str | None, position: int) -> tuple[Any, Any, int] | None:
    """(first key of the block holding `position`, the position within that block), None past the end."""
    if position == 0:  # the first block: no sum needed
        first = await db.fetch_one(
            f"SELECT lo_v, lo_id FROM {order.blocks} WHERE scope = :s ORDER BY lo_v, lo_id LIMIT 1",
            {"s": _scope_key(scope)},
        )
        return (first[0], first[1], 0) if first else None
    # One block holds the position (start <= p < start + n): no second ordering of the sums needed.
    row = await db.fetch_one(
        f"SELECT lo_v, lo_id, :p - start FROM (SELECT lo_v, lo_id, n, SUM(n) OVER"
        f" (ORDER BY lo_v, lo_id ROWS UNBOUNDED PRECEDING) - n AS start FROM {order.blocks} WHERE scope = :s)"
        " AS b WHERE start <= :p AND start + n > :p LIMIT 1",
        {"s": _scope_key(scope), "p": position},
    )
    return (row[0], row[1], int(row[2])) if row else None


# --- writes ---------------------------------------------------------------------------------------


async def written(
    tx: Transaction, table: str, old: Mapping[str, Any] | None, new: Mapping[str, Any] | None
) -> list[tuple[Order, str, Sent]]:
    """Keep counts and blocks in step with one row written: inserted (old None), deleted (new None),
    or changed (both; only the orders whose column changed move). Rows carry id, scope and order
    columns. Run last in the transaction: none of these statements waits for a result, so on
    PostgreSQL they go out with the COMMIT and the turn is short. What `split` reads after the commit."""
    if table == "gateways" and old is None and new is not None:  # a new scope: its first blocks
        for child in SCOPES:
            for order in orders(child).values():
                await tx.send(_sentinel(order), {"s": new["id"]})
    found = orders(table)
    if not found:
        return []
    row = new if new is not None else old
    assert row is not None
    any_order = next(iter(found.values()))
    scope = _scope_key(row.get(any_order.scope) if any_order.scope else None)
    moved = [
        o for o in found.values() if old is None or new is None or old.get(o.column) != new.get(o.column)
    ]
    if not moved:
        return []
    delta = (new is not None) - (old is not None)
    # First: the row lock that makes this table's writers take turns (see the docstring).
    await tx.send(
        "INSERT INTO row_counts (tbl, scope, n) VALUES (:t, :s, :d)"
        " ON CONFLICT (tbl, scope) DO UPDATE SET n = row_counts.n + :d",
        {"t": table, "s": scope, "d": delta},
    )
    added = []
    for order in moved:
        if old is not None:
            await _count(tx, order, scope, old[order.column], old["id"], -1)
        if new is not None:
            added.append((order, scope, await _count(tx, order, scope, new[order.column], new["id"], 1)))
    return added


def _sentinel(order: Order) -> str:
    """A scope's first block starts below every key, so every key has a block."""
    return (
        f"INSERT INTO {order.blocks} (scope, lo_v, lo_id, n) VALUES (:s, {order.lowest}, 0)"
        " ON CONFLICT DO NOTHING"
    )


def _holder(order: Order) -> str:
    """The block whose range holds key (:v, :i): the last one starting at or before it."""
    return (
        f"(SELECT lo_v, lo_id FROM {order.blocks} WHERE scope = :s AND (lo_v, lo_id) <= (:v, :i)"
        " ORDER BY lo_v DESC, lo_id DESC LIMIT 1)"
    )


async def _count(tx: Transaction, order: Order, scope: str, v: Any, i: Any, delta: int) -> Sent:
    """The holding block counts one row more or less (an emptied block stays: it holds no position)."""
    return await tx.send(
        f"UPDATE {order.blocks} SET n = n + :d WHERE scope = :s AND (lo_v, lo_id) = {_holder(order)}"
        " RETURNING lo_v, lo_id, n",
        {"s": scope, "v": v, "i": i, "d": delta},
    )


async def split(db: Database, table: str, added: list[tuple[Order, str, Sent]]) -> None:
    """After a write commits: split each block it grew past 2*BLOCK rows (rarely: once in BLOCK adds),
    in a transaction of its own that takes the table's turn first."""
    full = []
    for order, scope, sent in added:
        row = await sent.row()
        if row is not None and row[2] > 2 * BLOCK:
            full.append((order, scope, row[0], row[1]))
    if not full:
        return
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE row_counts SET n = n WHERE tbl = :t AND scope = :s", {"t": table, "s": full[0][1]}
        )
        for order, scope, lv, li in full:
            key = {"s": scope, "lv": lv, "li": li}
            pk = "scope = :s AND lo_v = :lv AND lo_id = :li"
            row = await tx.fetch_one(f"SELECT n FROM {order.blocks} WHERE {pk}", key)
            if row is None or row[0] <= 2 * BLOCK:
                continue  # another writer split it first
            # The second half starts at the block's BLOCK-th row (the first block may start below all).
            mid = await tx.fetch_one(
                f"SELECT {order.column}, id FROM {order.table}{order.where(from_key=True)}"
                f" ORDER BY {order.key} LIMIT 1 OFFSET {BLOCK}",
                {"scope": scope, "lo_v": lv, "lo_id": li},
            )
            assert mid is not None
            await tx.execute(f"UPDATE {order.blocks} SET n = {BLOCK} WHERE {pk}", key)
            await tx.execute(
                f"INSERT INTO {order.blocks} (scope, lo_v, lo_id, n) VALUES (:s, :v, :i, :n)",
                {"s": scope, "v": mid[0], "i": mid[1], "n": row[0] - BLOCK},
            )


# --- rebuilding from the rows (migrations, bulk loads) -----------------------------------------------


def rebuild(table: str) -> list[str]:
    """Statements that recompute a table's counts and blocks from its rows (no parameters)."""
    scope_col = SCOPES.get(table)
    scope = scope_col or "CAST('' AS TEXT)"
    statements = [
        f"DELETE FROM row_counts WHERE tbl = '{table}'",
        f"INSERT INTO row_counts (tbl, scope, n) SELECT '{table}', {scope}, COUNT(*) FROM {table}"
        + (f" GROUP BY {scope_col}" if scope_col else ""),
    ]
    partition = f"PARTITION BY {scope_col}" if scope_col else ""
    scopes = " FROM gateways" if scope_col else ""  # the scopes there are
    for order in orders(table).values():
        # Each scope's first block is the sentinel, starting below every key.
        low_v, low_id = order.lowest.split(", ")
        lowest_v, lowest_id = (
            f"CASE WHEN rn = 1 THEN {low_v} ELSE v END",
            f"CASE WHEN rn = 1 THEN {low_id} ELSE id END",
        )
        statements += [
            f"DELETE FROM {order.blocks}",
            f"INSERT INTO {order.blocks} (scope, lo_v, lo_id, n)"
            f" SELECT scope, {lowest_v}, {lowest_id},"
            f" CASE WHEN total - rn + 1 < {BLOCK} THEN total - rn + 1 ELSE {BLOCK} END"
            f" FROM (SELECT {scope} AS scope, {order.column} AS v, id,"
            f" ROW_NUMBER() OVER ({partition} ORDER BY {order.key}) AS rn,"
            f" COUNT(*) OVER ({partition}) AS total FROM {table}) AS ranked"
            f" WHERE (rn - 1) % {BLOCK} = 0",
            # Every scope has its sentinel, rows or not (a scope is a gateway).
            f"INSERT INTO {order.blocks} (scope, lo_v, lo_id, n)"
            f" SELECT {'id' if scope_col else scope}, {order.lowest}, 0{scopes}"
            " WHERE true ON CONFLICT DO NOTHING",
        ]
    return statements
