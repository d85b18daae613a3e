"""Lists that cost what a page costs: kept row counts, and blocks that find the row at a position.

An index finds a row by its key, not by its position: OFFSET walks every row before the page, so a
deep page costs what the table costs. Each order of a table therefore keeps, per scope, a table of
blocks (`seek_<table>_<column>`): runs of consecutive rows of the order, each with its first key
and its row count. The row at position p is found by adding block counts in key order, from the
nearer end (about rows/BLOCK/2 of them at most), and then walking fewer than 2*BLOCK index entries
from the block's first key. The total comes from `row_counts`.

Counts are kept in parts: a block's (or a scope's) count is the sum of its rows' `n`, one row per
`part`. Every insert, delete and key change adds its +1/-1 to its own part in its own transaction:
part 0 on SQLite (one writer at a time anyway), the connection's backend pid on PostgreSQL, so
concurrent writers never wait on each other's count rows (a shared row would make every writer wait
for the one before it to commit: creates on two replicas fell to a third). These statements come
last in the transaction and wait for no result, so on PostgreSQL they go out with the COMMIT.

A block's key range changes only in upkeep (`settle`), after a write commits, in a short transaction
of its own: a block grown past 2*BLOCK rows is split, an emptied block (not a scope's first) goes,
a block or count of many parts is summed into one. On PostgreSQL writers hold a shared advisory
lock on (table, scope) while they count and upkeep holds it exclusively, so no count ever lands in
a block whose range is moving. Each write judges by the count it saw: writers at once on
PostgreSQL can take a block a few rows past 2*BLOCK (the next write into it splits it). Each
scope's first block starts below every key (a sentinel), so every key has a block.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

import sqlalchemy as sa

from .database import Database, Sent, Transaction
from .schema import ORDERS, SCOPES, metadata

__all__ = [
    "BLOCK",
    "FEW",
    "PARTS",
    "Order",
    "Start",
    "count",
    "locate",
    "orders",
    "rebuild",
    "settle",
    "written",
]

BLOCK = 2048  # ~500 blocks at a million rows; a seek walks < 4096 index entries
PARTS = 64  # parts a block or count may gather before upkeep sums them into one
# A block a PostgreSQL write leaves at most this full, by its own count, is read again after the
# commit: more writers than this at once (PostgreSQL allows 100 connections) could have emptied it.
FEW = 128


class Start(NamedTuple):
    """Where a seek starts: the first key of a block (or of the row itself), and the rows to skip
    from it to reach the position."""

    value: Any  # the order column's value
    id: Any
    skip: int


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

    def rows_from(self, columns: str, dialect: str) -> str:
        """SQL of `columns` of :limit rows of the order within the scope (:scope), from the key
        (:lo_v, :lo_id) on, skipping :skip. SQLite seeks a row value (column, id) >= (v, i) on the
        column alone and walks every tie of v before i (thousands at a million rows): there the
        rows are read as two index ranges, the ties from i on and the greater values."""
        t, c = self.table, self.column
        if dialect != "sqlite" or c == "id":
            return (
                f"SELECT {columns} FROM {t}{self.where(from_key=True)}"
                f" ORDER BY {self.key} LIMIT :limit OFFSET :skip"
            )
        scope = f"{self.scope} = :scope AND " if self.scope else ""
        return (
            f"SELECT {columns}, {t}.{c} AS seek_v, {t}.id AS seek_id FROM {t}"
            f" WHERE {scope}{c} = :lo_v AND id >= :lo_id"
            f" UNION ALL SELECT {columns}, {t}.{c}, {t}.id FROM {t} WHERE {scope}{c} > :lo_v"
            " ORDER BY seek_v, seek_id LIMIT :limit OFFSET :skip"
        )


@functools.cache  # every write asks; callers only read it
def orders(table: str) -> dict[str, Order]:
    return {c: Order(table, c, SCOPES.get(table)) for c in ORDERS.get(table, ())}


def _scope_key(value: Any) -> str:
    return "" if value is None else str(value)


# --- reads ------------------------------------------------------------------------------------------


async def count(db: Database, table: str, scope: str | None) -> int:
    row = await db.fetch_one(
        "SELECT SUM(n) FROM row_counts WHERE tbl = :t AND scope = :s", {"t": table, "s": _scope_key(scope)}
    )
    return int(row[0]) if row and row[0] is not None else 0


async def locate(db: Database, order: Order, scope: str | None, position: int, total: int) -> Start | None:
    """Where to start reading for `position`: a block's first key and the rows to skip, None past the end.
    `total` is the scope's row count: a position in the back half is found summing from the end."""
    s = _scope_key(scope)
    if db.dialect == "sqlite":
        return await _locate_sqlite(db, order, scope, position, total)
    if position == 0:  # the first block: no sum needed
        first = await db.fetch_one(
            f"SELECT lo_v, lo_id FROM {order.blocks} WHERE scope = :s ORDER BY lo_v, lo_id LIMIT 1", {"s": s}
        )
        return Start(first[0], first[1], 0) if first else None

    # Each block's count is the sum of its parts; one block holds the position (start <= p < start + n).
    # Summed in the key's index order from the nearer end, PostgreSQL stops at the block found.
    def sums(direction: str) -> str:
        return (
            f"SELECT lo_v, lo_id, SUM(n) AS n FROM {order.blocks} WHERE scope = :s GROUP BY lo_v, lo_id"
            f" ORDER BY lo_v {direction}, lo_id {direction}"
        )

    if 2 * position < total:
        row = await db.fetch_one(
            f"SELECT lo_v, lo_id, :p - start FROM (SELECT lo_v, lo_id, n, SUM(n) OVER"
            f" (ORDER BY lo_v, lo_id ROWS UNBOUNDED PRECEDING) - n AS start FROM ({sums('ASC')}) AS g) AS b"
            " WHERE start <= :p AND start + n > :p LIMIT 1",
            {"s": s, "p": position},
        )
    else:  # counted from the end: `after` rows follow the block; the position has `back` rows from it on
        row = await db.fetch_one(
            f"SELECT lo_v, lo_id, n - (:back - after) FROM (SELECT lo_v, lo_id, n, SUM(n) OVER"
            f" (ORDER BY lo_v DESC, lo_id DESC ROWS UNBOUNDED PRECEDING) - n AS after"
            f" FROM ({sums('DESC')}) AS g) AS b WHERE after < :back AND after + n >= :back LIMIT 1",
            {"s": s, "back": total - position},
        )
    return Start(row[0], row[1], int(row[2])) if row else None


async def _locate_sqlite(
    db: Database, order: Order, scope: str | None, position: int, total: int
) -> Start | None:
    """SQLite: the key of the row at `position` itself (skip 0). SQLite's window functions cost
    several times a plain aggregate per row, so the block counts come as one string, summed here,
    from the nearer end: the few blocks there first (a first page either way), all if need be. (One
    writer at a time keeps each block in one part.) Then the rows before the position within its
    block are walked in a narrow index of the order: the table's rows are wide, walking them reads
    every page of bodies on the way."""
    if position >= total:
        return None
    s, b = _scope_key(scope), order.blocks
    back = 2 * position >= total
    wanted, direction = (total - 1 - position, "DESC") if back else (position, "")
    for limit in (8, -1):  # -1: no limit
        found = await db.fetch_one(
            f"SELECT group_concat(n) FROM (SELECT n FROM {b} WHERE scope = :s"
            f" ORDER BY lo_v {direction}, lo_id {direction} LIMIT {limit})",
            {"s": s},
        )
        text = found[0] if found else None
        ends = list(itertools.accumulate(map(int, text.split(",")))) if text else []
        if ends and ends[-1] > wanted:
            break
    j = bisect.bisect_right(ends, wanted)  # the first block (from that end) ending past the position
    if j == len(ends):
        return None
    block = await db.fetch_one(
        f"SELECT lo_v, lo_id FROM {b} WHERE scope = :s ORDER BY lo_v {direction}, lo_id {direction}"
        " LIMIT 1 OFFSET :j",
        {"s": s, "j": j},
    )
    assert block is not None
    within = wanted - (ends[j - 1] if j else 0)
    skip = ends[j] - (ends[j - 1] if j else 0) - 1 - within if back else within
    if skip == 0:
        return Start(block[0], block[1], 0)
    params = {"scope": scope, "v": block[0], "i": block[1], "k": skip}
    t, c = order.table, order.column
    if c == "id":  # the index on id alone: the primary key's order, without the rows
        row = await db.fetch_one(
            f"SELECT id, id FROM {t} INDEXED BY ix_{t}_id WHERE id >= :i ORDER BY id LIMIT 1 OFFSET :k",
            params,
        )
        return Start(row[0], row[1], 0) if row else None
    # As in Order.rows_from: the ties of the block's first value from its id on, then greater values.
    scoped = f"{order.scope} = :scope AND " if order.scope else ""
    row = await db.fetch_one(
        f"SELECT {c}, id FROM {t} WHERE {scoped}{c} = :v AND id >= :i ORDER BY id LIMIT 1 OFFSET :k", params
    )
    if row is None:
        ties = await db.fetch_one(f"SELECT COUNT(*) FROM {t} WHERE {scoped}{c} = :v AND id >= :i", params)
        assert ties is not None
        row = await db.fetch_one(
            f"SELECT {c}, id FROM {t} WHERE {scoped}{c} > :v ORDER BY {c}, id LIMIT 1 OFFSET :k",
            params | {"k": skip - ties[0]},
        )
    return Start(row[0], row[1], 0) if row else None


# --- writes ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Touched:
    """A count a write changed: a block of an order (order None: the scope's row count), and what the
    write's statement returned of it ((lo_v, lo_id,) its sum, its parts), read after the commit."""

    order: Order | None
    scope: str
    sent: Sent
    delta: int


def _part(tx: Transaction | Database) -> str:
    """SQL for the part this connection counts in: its own on PostgreSQL, the one part on SQLite."""
    return "pg_backend_pid()" if tx.dialect == "postgresql" else "0"


def _lock(table: str, scope: str, *, shared: bool) -> str:
    mode = "_shared" if shared else ""
    return f"SELECT pg_advisory_xact_lock{mode}(hashtext('{table}'), hashtext(:s))"


async def written(
    tx: Transaction, table: str, old: Mapping[str, Any] | None, new: Mapping[str, Any] | None
) -> list[Touched]:
    """Keep counts and blocks in step with one row written: inserted (old None), deleted (new None),
    or changed (both; only the orders whose column changed move). Rows carry id, scope and order
    columns. Run last in the transaction: none of these statements waits for a result, so on
    PostgreSQL they go out with the COMMIT. What `settle` reads after the commit."""
    if table == "gateways" and new is None and old is not None:  # a scope gone: its counts and blocks
        for child in SCOPES:
            await tx.send(
                "DELETE FROM row_counts WHERE tbl = :t AND scope = :s", {"t": child, "s": old["id"]}
            )
            for order in orders(child).values():
                await tx.send(f"DELETE FROM {order.blocks} WHERE scope = :s", {"s": old["id"]})
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
    if tx.dialect == "postgresql":  # no block's range moves while this write counts (see the docstring)
        await tx.send(_lock(table, scope, shared=True), {"s": scope})
    touched = []
    delta = (new is not None) - (old is not None)
    if delta:
        sent = await tx.send(
            f"INSERT INTO row_counts (tbl, scope, part, n) VALUES (:t, :s, {_part(tx)}, :d)"
            " ON CONFLICT (tbl, scope, part) DO UPDATE SET n = row_counts.n + excluded.n"
            f" RETURNING tbl, scope, {_totals(tx, 'row_counts', ('tbl', 'scope'))}",
            {"t": table, "s": scope, "d": delta},
        )
        touched.append(Touched(None, scope, sent, delta))
    for order in moved:
        if old is not None:
            touched.append(
                Touched(order, scope, await _count(tx, order, scope, old[order.column], old["id"], -1), -1)
            )
        if new is not None:
            touched.append(
                Touched(order, scope, await _count(tx, order, scope, new[order.column], new["id"], 1), 1)
            )
    return touched


def _sentinel(order: Order) -> str:
    """A scope's first block starts below every key, so every key has a block."""
    return (
        f"INSERT INTO {order.blocks} (scope, lo_v, lo_id, part, n) VALUES (:s, {order.lowest}, 0, 0)"
        " ON CONFLICT DO NOTHING"
    )


def _totals(tx: Transaction, table: str, same: tuple[str, ...]) -> str:
    """SQL for (the count's sum, its parts) as this connection's upsert of its part leaves them. On
    PostgreSQL a subquery in RETURNING sees the rows as they were before the statement: the other
    parts, then, plus this part's new n. SQLite keeps one part."""
    if tx.dialect != "postgresql":
        return "n, 1"
    match = " AND ".join(f"o.{c} = {table}.{c}" for c in same)
    return (
        f"(SELECT COALESCE(SUM(o.n), 0) FROM {table} o WHERE {match} AND o.part <> {table}.part)"
        f" + {table}.n, (SELECT COUNT(*) FROM {table} o WHERE {match})"
    )


async def _count(tx: Transaction, order: Order, scope: str, v: Any, i: Any, delta: int) -> Sent:
    """The holding block (the last one starting at or before the key) counts one row more or less,
    in this connection's part."""
    b = order.blocks
    return await tx.send(
        f"INSERT INTO {b} (scope, lo_v, lo_id, part, n) SELECT scope, lo_v, lo_id, {_part(tx)}, :d"
        f" FROM {b} WHERE scope = :s AND (lo_v, lo_id) <= (:v, :i) ORDER BY lo_v DESC, lo_id DESC LIMIT 1"
        f" ON CONFLICT (scope, lo_v, lo_id, part) DO UPDATE SET n = {b}.n + excluded.n"
        f" RETURNING lo_v, lo_id, {_totals(tx, b, ('scope', 'lo_v', 'lo_id'))}",
        {"s": scope, "v": v, "i": i, "d": delta},
    )


# --- upkeep: after a write commits -------------------------------------------------------------------


async def settle(db: Database, table: str, touched: list[Touched]) -> None:
    """After a write commits: split each block it grew past 2*BLOCK rows (once in BLOCK adds), drop
    each block it emptied, sum each count of more than PARTS parts into one; in a transaction of its
    own that holds the (table, scope) lock exclusively on PostgreSQL. Most writes need none of it."""
    due = []
    for t in touched:
        row = await t.sent.row()
        if row is None:
            continue
        total, parts = int(row[2]), int(row[3])
        if t.order is not None and t.delta < 0 and 0 < total <= FEW and db.dialect == "postgresql":
            # Writers that emptied a block together each saw the others' rows: the last to commit
            # reads the block as committed.
            found = await db.fetch_one(
                f"SELECT SUM(n) FROM {t.order.blocks} WHERE scope = :s AND lo_v = :v AND lo_id = :i",
                {"s": t.scope, "v": row[0], "i": row[1]},
            )
            total = int(found[0]) if found and found[0] is not None else 0
        if parts > PARTS or (t.order is not None and (total > 2 * BLOCK or total <= 0)):
            due.append((t, row[0], row[1]))
    if not due:
        return
    async with db.transaction() as tx:
        if db.dialect == "postgresql":
            await tx.execute(_lock(table, due[0][0].scope, shared=False), {"s": due[0][0].scope})
        for t, a, b in due:
            if t.order is None:
                await _settle_count(tx, table, t.scope)
            else:
                await _settle_block(tx, t.order, t.scope, a, b)


async def _settle_count(tx: Transaction, table: str, scope: str) -> None:
    key = {"t": table, "s": scope}
    row = await tx.fetch_one("SELECT SUM(n), COUNT(*) FROM row_counts WHERE tbl = :t AND scope = :s", key)
    if row is None or row[1] <= 1:
        return
    await tx.execute("DELETE FROM row_counts WHERE tbl = :t AND scope = :s", key)
    await tx.execute(
        "INSERT INTO row_counts (tbl, scope, part, n) VALUES (:t, :s, 0, :n)", key | {"n": row[0]}
    )


async def _settle_block(tx: Transaction, order: Order, scope: str, lv: Any, li: Any) -> None:
    """Split, drop or sum the parts of one block, as it is now (another upkeep may have been first)."""
    b, key = order.blocks, {"s": scope, "lv": lv, "li": li}
    pk = "scope = :s AND lo_v = :lv AND lo_id = :li"
    row = await tx.fetch_one(f"SELECT SUM(n), COUNT(*) FROM {b} WHERE {pk}", key)
    if row is None or not row[1]:
        return  # gone already
    total, parts = int(row[0]), int(row[1])
    first = await tx.fetch_one(
        f"SELECT 1 FROM {b} WHERE scope = :s AND (lo_v, lo_id) < (:lv, :li) LIMIT 1", key
    )
    if total > 2 * BLOCK:
        # The second half starts at the block's BLOCK-th row (the first block may start below all).
        mid = await tx.fetch_one(
            f"SELECT {order.column}, id FROM {order.table}{order.where(from_key=True)}"
            f" ORDER BY {order.key} LIMIT 1 OFFSET {BLOCK}",
            {"scope": scope, "lo_v": lv, "lo_id": li},
        )
        assert mid is not None
        blocks = [(lv, li, BLOCK), (mid[0], mid[1], total - BLOCK)]
    elif total == 0 and first is not None:  # emptied (not the scope's first): its range joins the one before
        blocks = []
    elif parts > 1:
        blocks = [(lv, li, total)]
    else:
        return
    await tx.execute(f"DELETE FROM {b} WHERE {pk}", key)
    for v, i, n in blocks:
        await tx.execute(
            f"INSERT INTO {b} (scope, lo_v, lo_id, part, n) VALUES (:s, :v, :i, 0, :n)",
            {"s": scope, "v": v, "i": i, "n": n},
        )


# --- rebuilding from the rows (migrations, bulk loads) -----------------------------------------------


def rebuild(table: str, *, parts: bool = True) -> list[str]:
    """Statements that recompute a table's counts and blocks from its rows (no parameters), each in
    part 0 (`parts=False`: for the tables as migration 0003 made them, without parts)."""
    part, zero = (", part", " 0,") if parts else ("", "")
    scope_col = SCOPES.get(table)
    scope = scope_col or "CAST('' AS TEXT)"
    statements = [
        f"DELETE FROM row_counts WHERE tbl = '{table}'",
        f"INSERT INTO row_counts (tbl, scope{part}, n) SELECT '{table}', {scope},{zero} COUNT(*) FROM {table}"
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
            f"INSERT INTO {order.blocks} (scope, lo_v, lo_id{part}, n)"
            f" SELECT scope, {lowest_v}, {lowest_id},{zero}"
            f" CASE WHEN total - rn + 1 < {BLOCK} THEN total - rn + 1 ELSE {BLOCK} END"
            f" FROM (SELECT {scope} AS scope, {order.column} AS v, id,"
            f" ROW_NUMBER() OVER ({partition} ORDER BY {order.key}) AS rn,"
            f" COUNT(*) OVER ({partition}) AS total FROM {table}) AS ranked"
            f" WHERE (rn - 1) % {BLOCK} = 0",
            # Every scope has its sentinel, rows or not (a scope is a gateway).
            f"INSERT INTO {order.blocks} (scope, lo_v, lo_id{part}, n)"
            f" SELECT {'id' if scope_col else scope}, {order.lowest},{zero} 0{scopes}"
            " WHERE true ON CONFLICT DO NOTHING",
        ]
    return statements
