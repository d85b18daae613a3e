"""Lists that cost what a page costs: kept row counts, and blocks that find the row at a position.

An index finds a row by its key, not by its position: OFFSET walks every row before the page, so a
deep page costs what the table costs. Each order of a table therefore keeps, per scope, a table of
blocks (`seek_<table>_<column>`): runs of consecutive rows of the order, each with its first key
and its row count. The row at position p is found by adding block counts in key order (about
rows/BLOCK of them: ~1,000 at a million rows) and then walking fewer than 2*BLOCK index entries
from the block's first key. The total comes from `row_counts`.

Every insert, delete and key change keeps both in step, in its own transaction. A block that grows
past 2*BLOCK rows splits in two; one that empties goes away. Writers of one table and scope first
update its `row_counts` row, whose row lock makes them take turns on PostgreSQL (SQLite has one
writer anyway), so no two move the same blocks at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .database import Database, Transaction
from .schema import ORDERS, SCOPES

__all__ = ["BLOCK", "Order", "count", "locate", "orders", "rebuild", "written"]

BLOCK = 1024


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
    row = await db.fetch_one(
        f"SELECT lo_v, lo_id, :p - start FROM (SELECT lo_v, lo_id, n,"
        f" SUM(n) OVER (ORDER BY lo_v, lo_id) - n AS start FROM {order.blocks} WHERE scope = :s) AS b"
        " WHERE start + n > :p ORDER BY lo_v, lo_id LIMIT 1",
        {"s": _scope_key(scope), "p": position},
    )
    return (row[0], row[1], int(row[2])) if row else None


# --- writes (inside the row's transaction) -----------------------------------------------------------


async def written(
    tx: Transaction, table: str, old: Mapping[str, Any] | None, new: Mapping[str, Any] | None
) -> None:
    """Keep counts and blocks in step with one row written: inserted (old None), deleted (new None),
    or changed (both; only the orders whose column changed move). Rows carry id, scope and order columns."""
    found = orders(table)
    if not found:
        return
    row = new if new is not None else old
    assert row is not None
    any_order = next(iter(found.values()))
    scope = _scope_key(row.get(any_order.scope) if any_order.scope else None)
    moved = [
        o for o in found.values() if old is None or new is None or old.get(o.column) != new.get(o.column)
    ]
    if not moved:
        return
    delta = (new is not None) - (old is not None)
    # First statement: the row lock that makes this table's writers take turns (see the docstring).
    await tx.execute(
        "INSERT INTO row_counts (tbl, scope, n) VALUES (:t, :s, :d)"
        " ON CONFLICT (tbl, scope) DO UPDATE SET n = row_counts.n + :d",
        {"t": table, "s": scope, "d": delta},
    )
    for order in moved:
        if old is not None:
            await _remove(tx, order, scope, old[order.column], old["id"])
        if new is not None:
            await _add(tx, order, scope, new[order.column], new["id"])


async def _holder(tx: Transaction, order: Order, scope: str, v: Any, i: Any) -> tuple[Any, ...] | None:
    """The block whose range holds key (v, i): the last one starting at or before it."""
    row = await tx.fetch_one(
        f"SELECT lo_v, lo_id, n FROM {order.blocks} WHERE scope = :s AND (lo_v, lo_id) <= (:v, :i)"
        " ORDER BY lo_v DESC, lo_id DESC LIMIT 1",
        {"s": scope, "v": v, "i": i},
    )
    return tuple(row) if row else None


async def _add(tx: Transaction, order: Order, scope: str, v: Any, i: Any) -> None:
    block = await _holder(tx, order, scope, v, i)
    pk = "scope = :s AND lo_v = :lv AND lo_id = :li"
    if block is None:  # before every block: the first block now starts at this key
        first = await tx.fetch_one(
            f"SELECT lo_v, lo_id FROM {order.blocks} WHERE scope = :s ORDER BY lo_v, lo_id LIMIT 1",
            {"s": scope},
        )
        if first is None:
            await tx.execute(
                f"INSERT INTO {order.blocks} (scope, lo_v, lo_id, n) VALUES (:s, :v, :i, 1)",
                {"s": scope, "v": v, "i": i},
            )
        else:
            await tx.execute(
                f"UPDATE {order.blocks} SET lo_v = :v, lo_id = :i, n = n + 1 WHERE {pk}",
                {"s": scope, "v": v, "i": i, "lv": first[0], "li": first[1]},
            )
        return
    lv, li, n = block
    await tx.execute(f"UPDATE {order.blocks} SET n = n + 1 WHERE {pk}", {"s": scope, "lv": lv, "li": li})
    if n + 1 > 2 * BLOCK:  # split: the second half starts at the block's BLOCK-th row
        mid = await tx.fetch_one(
            f"SELECT {order.column}, id FROM {order.table}{order.where(from_key=True)}"
            f" ORDER BY {order.key} LIMIT 1 OFFSET {BLOCK}",
            {"scope": scope, "lo_v": lv, "lo_id": li},
        )
        assert mid is not None
        await tx.execute(
            f"UPDATE {order.blocks} SET n = {BLOCK} WHERE {pk}", {"s": scope, "lv": lv, "li": li}
        )
        await tx.execute(
            f"INSERT INTO {order.blocks} (scope, lo_v, lo_id, n) VALUES (:s, :v, :i, :n)",
            {"s": scope, "v": mid[0], "i": mid[1], "n": n + 1 - BLOCK},
        )


async def _remove(tx: Transaction, order: Order, scope: str, v: Any, i: Any) -> None:
    block = await _holder(tx, order, scope, v, i)
    assert block is not None, f"{order.blocks}: no block holds a stored row"
    lv, li, n = block
    params = {"s": scope, "lv": lv, "li": li}
    pk = "scope = :s AND lo_v = :lv AND lo_id = :li"
    if n <= 1:
        await tx.execute(f"DELETE FROM {order.blocks} WHERE {pk}", params)
    else:
        await tx.execute(f"UPDATE {order.blocks} SET n = n - 1 WHERE {pk}", params)


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
    for order in orders(table).values():
        statements += [
            f"DELETE FROM {order.blocks}",
            f"INSERT INTO {order.blocks} (scope, lo_v, lo_id, n)"
            f" SELECT scope, v, id, CASE WHEN total - rn + 1 < {BLOCK} THEN total - rn + 1 ELSE {BLOCK} END"
            f" FROM (SELECT {scope} AS scope, {order.column} AS v, id,"
            f" ROW_NUMBER() OVER ({partition} ORDER BY {order.key}) AS rn,"
            f" COUNT(*) OVER ({partition}) AS total FROM {table}) AS ranked"
            f" WHERE (rn - 1) % {BLOCK} = 0",
        ]
    return statements
