"""Lists that cost what a page costs: kept row counts, and blocks that find the row at a position.

An index finds a row by its key, not by its position: OFFSET walks every row before the page, so a
deep page costs what the table costs. Each order of a table therefore keeps, per scope, a table of
blocks (`seek_<table>_<column>`): runs of consecutive rows of the order, each with its first key
and its row count; and over them a table of super-blocks (`seek_<table>_<column>_super`): runs of
consecutive blocks, each with its first block's key and its row count. The row at position p is
found by adding super-block counts from the nearer end (about rows/(BLOCK*SUPER)/2 of them at
most), then the counts of that super-block's blocks (at most 2*SUPER), and then walking fewer than
2*BLOCK index entries from the block's first key: at a million rows about 8 + 32 counts, not 250.
The total comes from `row_counts`.

Counts are kept in parts: a block's (super-block's, scope's) count is the sum of its rows' `n`, one
row per `part`. Every insert, delete and key change adds its +1/-1 to its own part in its own
transaction, to its block and to its super-block alike: part 0 on SQLite (one writer at a time
anyway), the connection's backend pid on PostgreSQL, so concurrent writers never wait on each
other's count rows (a shared row would make every writer wait for the one before it to commit:
creates on two replicas fell to a third). These statements come last in the transaction and wait
for no result, so on PostgreSQL they go out with the COMMIT.

A block's key range changes only in upkeep (`settle`), after a write commits, in a short transaction
of its own: a block grown past 2*BLOCK rows is split, an emptied block (not a scope's first) goes,
a block or count of many parts is summed into one. A super-block starts where a block starts, so
every block lies in one super-block: a block split stays inside its super-block, which is split in
turn once it holds more than 2*SUPER blocks; when an emptied block that starts a super-block goes,
the super-block starts at its next block (or goes, if it had none). On PostgreSQL writers hold
a shared advisory lock on (table, scope) while they count and upkeep holds it exclusively, so no
count ever lands in a block whose range is moving. Each write judges by the count it saw: writers
at once on PostgreSQL can take a block a few rows past 2*BLOCK (the next write into it splits it).
Each scope's first block and first super-block start below every key (a sentinel), so every key
has both.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import sqlalchemy as sa

from .database import Database, Sent, Transaction
from .schema import ORDERS, SCOPES, metadata

__all__ = [
    "BLOCK",
    "FEW",
    "PARTS",
    "SUPER",
    "Order",
    "Start",
    "count",
    "group",
    "locate",
    "orders",
    "rebuild",
    "settle",
    "written",
]

BLOCK = 512  # ~2,000 blocks at a million rows; a seek walks < 1024 index entries
SUPER = 32  # blocks a super-block starts with (~60 of them at a million rows); split past 2*SUPER
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
    def supers(self) -> str:
        return f"seek_{self.table}_{self.column}_super"

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

    def from_end(self, dialect: str, *, back: bool) -> str:
        """SQL for the key (column, id) of the scope's (:scope) row :k rows from its first (`back`:
        its last), walking the order's index (SQLite: the narrow one on id for the order by id)."""
        t, direction = self.table, " DESC" if back else ""
        key = ", ".join(f"{c}{direction}" for c in self.key.split(", "))
        narrow = f" INDEXED BY ix_{t}_id" if dialect == "sqlite" and self.column == "id" else ""
        return (
            f"SELECT {self.column}, id FROM {t}{narrow}{self.where(from_key=False)}"
            f" ORDER BY {key} LIMIT 1 OFFSET :k"
        )

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
    if position >= total:
        return None
    if min(position, total - 1 - position) < BLOCK // 2:  # near an end: walked from there, no sums
        row = await db.fetch_one(
            order.from_end(db.dialect, back=2 * position >= total),
            {"scope": scope, "k": min(position, total - 1 - position)},
        )
        return Start(row[0], row[1], 0) if row else None
    if db.dialect == "sqlite":
        return await _locate_sqlite(db, order, scope, position, total)
    # One statement, so one snapshot: a super-block's count is the sum of its blocks' as read. Each
    # count is the sum of its parts, summed in the key's index order from the nearer end: PostgreSQL
    # stops at the super-block found (start <= p < start + n), with `w`, the position's rows before
    # it within it; then at its block, summing its blocks from its first on; then walks the rows
    # before the position within the block in the order's index, reading keys alone.
    if 2 * position < total:
        found = (
            f"SELECT lo_v, lo_id, :p - start AS w FROM ({_running(order.supers, 'ASC')}) AS g"
            " WHERE start <= :p AND start + n > :p LIMIT 1"
        )
        params = {"s": s, "p": position, "scope": scope}
    else:  # counted from the end: `start` rows follow it; the position has `back` rows from it on
        found = (
            f"SELECT lo_v, lo_id, n - (:back - start) AS w FROM ({_running(order.supers, 'DESC')}) AS g"
            " WHERE start < :back AND start + n >= :back LIMIT 1"
        )
        params = {"s": s, "back": total - position, "scope": scope}
    walk = (
        (
            f"SELECT {order.column} AS v, id FROM {order.table}{order.where(from_key=True)}"
            f" ORDER BY {order.key} LIMIT 1 OFFSET f.w - b.start"
        )
        .replace(":lo_v", "b.lo_v")
        .replace(":lo_id", "b.lo_id")
    )
    # A super-block holds at most 2*SUPER blocks: said, the planner reads them in the key's index
    # (it would read a third of all blocks, and sort them, for a range it knows nothing of). Were
    # they more, the position is looked for again among all.
    for cap in (f" LIMIT {4 * SUPER}", ""):
        blocks = _running(order.blocks, "ASC", "(lo_v, lo_id) >= (f.lo_v, f.lo_id)") + cap
        row = await db.fetch_one(
            f"SELECT r.v, r.id FROM ({found}) AS f, LATERAL ({blocks}) AS b, LATERAL ({walk}) AS r"
            " WHERE b.start <= f.w AND b.start + b.n > f.w LIMIT 1",
            params,
        )
        if row is not None:
            return Start(row[0], row[1], 0)
    return None


def _running(table: str, direction: str, after: str = "true") -> str:
    """PostgreSQL: the scope's counts (`table`: blocks or super-blocks) in key order, each with the
    rows before it in that order (`start`), from the key `after` holds for on."""
    return (
        f"SELECT lo_v, lo_id, n, SUM(n) OVER (ORDER BY lo_v {direction}, lo_id {direction}"
        f" ROWS UNBOUNDED PRECEDING) - n AS start FROM (SELECT lo_v, lo_id, SUM(n) AS n FROM {table}"
        f" WHERE scope = :s AND {after} GROUP BY lo_v, lo_id ORDER BY lo_v {direction}, lo_id {direction})"
        " AS parts"
    )


async def _locate_sqlite(
    db: Database, order: Order, scope: str | None, position: int, total: int
) -> Start | None:
    """SQLite: the key of the row at `position` itself (skip 0), in three statements. SQLite's
    window functions cost several times a plain aggregate per row (and sort), so counts are read
    plain and summed here, from the nearer end: the super-blocks, then the blocks of the one holding
    the position. (One writer at a time keeps each count in one part.) Then the rows before the
    position within its block are walked in a narrow index of the order: the table's rows are wide,
    walking them reads every page of bodies on the way. A key found is not read to be sent back:
    each statement names the keys it starts from by their places in the order read (`_nth_key`)."""
    s, back = _scope_key(scope), 2 * position >= total
    wanted = total - 1 - position if back else position
    found = await _nth(db, _sqlite_sql(order, back, False).supers, {"s": s}, wanted, BLOCK * SUPER)
    if found is None:
        return None
    j, within, _, last = found
    # Its blocks: from its first key up to the next super-block's first (read the same way: before it).
    sql = _sqlite_sql(order, back, (j > 0) if back else not last)
    params = {"s": s, "lo": j, "hi": j - 1 if back else j + 1}
    found = await _nth(db, sql.blocks, params, within, BLOCK)
    if found is None:
        return None
    k, within, n, _ = found
    params |= {"scope": scope, "k": k, "skip": n - 1 - within if back else within}
    row = await db.fetch_one(sql.walk, params)
    return Start(row[0], row[1], 0) if row else None


async def _nth(
    db: Database, counted: str, params: dict[str, Any], wanted: int, size: int
) -> tuple[int, int, int, bool] | None:
    """SQLite: which of the counts `counted` reads (in its order, :limit of them) holds the `wanted`-th
    row (from 0): its place in that order, the rows before the position within it, its count, and
    whether it is the last. Those a position needs if each count held `size` rows (as a split leaves
    them) are read first, then all if they were too few."""
    for limit in (wanted // size + 3, -1):
        found = await db.fetch_one(counted, params | {"limit": limit})
        text = found[0] if found else None
        ends = list(itertools.accumulate(map(int, text.split(",")))) if text else []
        j = bisect.bisect_right(ends, wanted)  # the first ending past the position
        complete = limit < 0 or len(ends) < limit
        if j < len(ends) - 1 or (complete and j < len(ends)):
            before = ends[j - 1] if j else 0
            return j, wanted - before, ends[j] - before, complete and j == len(ends) - 1
        if complete:
            return None
    return None


class _SqliteSql(NamedTuple):
    supers: str  # the scope's super-block counts as one string, from the nearer end
    blocks: str  # those of the blocks of the super-block at :lo (up to the one at :hi, if bounded)
    walk: str  # the key of the row :skip rows into the block at :k


@functools.cache
def _sqlite_sql(order: Order, back: bool, bounded: bool) -> _SqliteSql:
    """SQLite: the statements of `_locate_sqlite`, the counts read from the end if `back`, a
    super-block's blocks `bounded` by the next super-block."""
    d = "DESC" if back else ""

    def counted(counts: str, span: str) -> str:
        return (
            f"SELECT group_concat(n) FROM (SELECT n FROM {counts} WHERE scope = :s{span}"
            f" ORDER BY lo_v {d}, lo_id {d} LIMIT :limit)"
        )

    def nth_key(counts: str, span: str, place: str) -> str:
        return (
            f"(SELECT lo_v, lo_id FROM {counts} WHERE scope = :s{span}"
            f" ORDER BY lo_v {d}, lo_id {d} LIMIT 1 OFFSET :{place})"
        )

    span = f" AND (lo_v, lo_id) >= {nth_key(order.supers, '', 'lo')}"
    if bounded:
        span += f" AND (lo_v, lo_id) < {nth_key(order.supers, '', 'hi')}"
    block = f"WITH b AS MATERIALIZED (SELECT * FROM {nth_key(order.blocks, span, 'k')})"
    t, c = order.table, order.column
    if c == "id":  # the index on id alone: the primary key's order, without the rows
        walk = (
            f"{block} SELECT id, id FROM {t} INDEXED BY ix_{t}_id WHERE id >= (SELECT lo_id FROM b)"
            " ORDER BY id LIMIT 1 OFFSET :skip"
        )
        return _SqliteSql(counted(order.supers, ""), counted(order.blocks, span), walk)
    # As in Order.rows_from: the ties of the block's first value from its id on, then greater values,
    # as two walks (a UNION ALL walked as one costs several times as much a row); ties sort first.
    # The greater walk skips the ties, counting no more of them than it could skip.
    scoped = f"{order.scope} = :scope AND " if order.scope else ""
    ties = f"FROM {t} WHERE {scoped}{c} = (SELECT lo_v FROM b) AND id >= (SELECT lo_id FROM b)"
    walk = (
        f"{block}, w AS MATERIALIZED (SELECT {c}, id {ties} ORDER BY id LIMIT 1 OFFSET :skip)"
        f" SELECT * FROM w UNION ALL SELECT * FROM (SELECT {c}, id FROM {t}"
        f" WHERE {scoped}{c} > (SELECT lo_v FROM b) ORDER BY {c}, id"
        " LIMIT CASE WHEN EXISTS (SELECT 1 FROM w) THEN 0 ELSE 1 END"
        f" OFFSET CASE WHEN EXISTS (SELECT 1 FROM w) THEN 0 ELSE :skip - (SELECT COUNT(*) {ties}) END)"
    )
    return _SqliteSql(counted(order.supers, ""), counted(order.blocks, span), walk)


# --- writes ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Touched:
    """A count a write changed: the scope's row count (order None) or a block or super-block of an
    order (`counts`: its table), and what the write's statement returned of it ((lo_v, lo_id,) its
    sum, its parts), read after the commit."""

    order: Order | None
    counts: str
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
    """Keep counts, blocks and super-blocks in step with one row written: inserted (old None),
    deleted (new None), or changed (both; only the orders whose column changed move). Rows carry
    id, scope and order columns. Run last in the transaction: none of these statements waits for a
    result, so on PostgreSQL they go out with the COMMIT. What `settle` reads after the commit."""
    if table == "gateways" and new is None and old is not None:  # a scope gone: its counts and blocks
        for child in SCOPES:
            await tx.send(
                "DELETE FROM row_counts WHERE tbl = :t AND scope = :s", {"t": child, "s": old["id"]}
            )
            for order in orders(child).values():
                for counts in (order.blocks, order.supers):
                    await tx.send(f"DELETE FROM {counts} WHERE scope = :s", {"s": old["id"]})
    if table == "gateways" and old is None and new is not None:  # a new scope: its first blocks
        for child in SCOPES:
            for order in orders(child).values():
                for counts in (order.blocks, order.supers):
                    await tx.send(_sentinel(order, counts), {"s": new["id"]})
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
        touched.append(Touched(None, "row_counts", scope, sent, delta))
    for order in moved:
        for values, d in ((old, -1), (new, 1)):
            if values is not None:
                for counts in (order.blocks, order.supers):
                    sent = await _count(tx, counts, scope, values[order.column], values["id"], d)
                    touched.append(Touched(order, counts, scope, sent, d))
    return touched


def _sentinel(order: Order, counts: str) -> str:
    """A scope's first block (`counts`: or super-block) starts below every key, so every key has one."""
    return (
        f"INSERT INTO {counts} (scope, lo_v, lo_id, part, n) VALUES (:s, {order.lowest}, 0, 0)"
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


async def _count(tx: Transaction, counts: str, scope: str, v: Any, i: Any, delta: int) -> Sent:
    """The holding block or super-block (`counts`: its table; the last one starting at or before the
    key) counts one row more or less, in this connection's part."""
    return await tx.send(
        f"INSERT INTO {counts} (scope, lo_v, lo_id, part, n) SELECT scope, lo_v, lo_id, {_part(tx)}, :d"
        f" FROM {counts} WHERE scope = :s AND (lo_v, lo_id) <= (:v, :i)"
        " ORDER BY lo_v DESC, lo_id DESC LIMIT 1"
        f" ON CONFLICT (scope, lo_v, lo_id, part) DO UPDATE SET n = {counts}.n + excluded.n"
        f" RETURNING lo_v, lo_id, {_totals(tx, counts, ('scope', 'lo_v', 'lo_id'))}",
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
        block = t.order is not None and t.counts == t.order.blocks
        if block and t.delta < 0 and 0 < total <= FEW and db.dialect == "postgresql":
            # Writers that emptied a block together each saw the others' rows: the last to commit
            # reads the block as committed.
            found = await db.fetch_one(
                f"SELECT SUM(n) FROM {t.counts} WHERE scope = :s AND lo_v = :v AND lo_id = :i",
                {"s": t.scope, "v": row[0], "i": row[1]},
            )
            total = int(found[0]) if found and found[0] is not None else 0
        if parts > PARTS or (block and (total > 2 * BLOCK or total <= 0)):
            due.append((t, row[0], row[1]))
    if not due:
        return
    async with db.transaction() as tx:
        if db.dialect == "postgresql":
            await tx.execute(_lock(table, due[0][0].scope, shared=False), {"s": due[0][0].scope})
        for t, a, b in due:
            if t.order is None:
                await _settle_count(tx, table, t.scope)
            elif t.counts == t.order.blocks:
                await _settle_block(tx, t.order, t.scope, a, b)
            else:  # a super-block of many parts
                await _sum_parts(tx, t.counts, t.scope, a, b)


async def _settle_count(tx: Transaction, table: str, scope: str) -> None:
    key = {"t": table, "s": scope}
    row = await tx.fetch_one("SELECT SUM(n), COUNT(*) FROM row_counts WHERE tbl = :t AND scope = :s", key)
    if row is None or row[1] <= 1:
        return
    await tx.execute("DELETE FROM row_counts WHERE tbl = :t AND scope = :s", key)
    await tx.execute(
        "INSERT INTO row_counts (tbl, scope, part, n) VALUES (:t, :s, 0, :n)", key | {"n": row[0]}
    )


_KEY = "scope = :s AND lo_v = :lv AND lo_id = :li"


async def _put(tx: Transaction, counts: str, scope: str, v: Any, i: Any, n: int | None) -> None:
    """Make the count of (v, i) in `counts` one part of `n` rows (None: no count at all)."""
    key = {"s": scope, "lv": v, "li": i}
    await tx.execute(f"DELETE FROM {counts} WHERE {_KEY}", key)
    if n is not None:
        await tx.execute(
            f"INSERT INTO {counts} (scope, lo_v, lo_id, part, n) VALUES (:s, :lv, :li, 0, :n)", key | {"n": n}
        )


async def _sum(tx: Transaction, counts: str, scope: str, v: Any, i: Any) -> tuple[int, int]:
    """The count of (v, i) in `counts` as it is now, and its parts (0: none)."""
    row = await tx.fetch_one(
        f"SELECT SUM(n), COUNT(*) FROM {counts} WHERE {_KEY}", {"s": scope, "lv": v, "li": i}
    )
    return (int(row[0]), int(row[1])) if row and row[1] else (0, 0)


async def _sum_parts(tx: Transaction, counts: str, scope: str, v: Any, i: Any) -> None:
    total, parts = await _sum(tx, counts, scope, v, i)
    if parts > 1:
        await _put(tx, counts, scope, v, i, total)


async def _settle_block(tx: Transaction, order: Order, scope: str, lv: Any, li: Any) -> None:
    """Split, drop or sum the parts of one block, as it is now (another upkeep may have been first);
    and its super-block with it, if a split leaves that too large or the drop starts it."""
    b = order.blocks
    total, parts = await _sum(tx, b, scope, lv, li)
    if not parts:
        return  # gone already
    first = await tx.fetch_one(
        f"SELECT 1 FROM {b} WHERE scope = :s AND (lo_v, lo_id) < (:lv, :li) LIMIT 1",
        {"s": scope, "lv": lv, "li": li},
    )
    if total > 2 * BLOCK:
        # The second half starts at the block's BLOCK-th row (the first block may start below all).
        mid = await tx.fetch_one(
            f"SELECT {order.column}, id FROM {order.table}{order.where(from_key=True)}"
            f" ORDER BY {order.key} LIMIT 1 OFFSET {BLOCK}",
            {"scope": scope, "lo_v": lv, "lo_id": li},
        )
        assert mid is not None
        await _put(tx, b, scope, lv, li, BLOCK)
        await _put(tx, b, scope, mid[0], mid[1], total - BLOCK)
        await _split_super(tx, order, scope, lv, li)
    elif total == 0 and first is not None:  # emptied (not the scope's first): its range joins the one before
        await _put(tx, b, scope, lv, li, None)
        await _drop_super(tx, order, scope, lv, li)
    elif parts > 1:
        await _put(tx, b, scope, lv, li, total)


async def _split_super(tx: Transaction, order: Order, scope: str, v: Any, i: Any) -> None:
    """Split the super-block holding the block (v, i) once it holds more than 2*SUPER blocks (a block
    split adds one): runs of SUPER blocks from its first, the last taking the rest. Each counts its
    blocks' rows."""
    sup, key = order.supers, {"s": scope, "v": v, "i": i}
    lo = await tx.fetch_one(
        f"SELECT lo_v, lo_id FROM {sup} WHERE scope = :s AND (lo_v, lo_id) <= (:v, :i)"
        " ORDER BY lo_v DESC, lo_id DESC LIMIT 1",
        key,
    )
    assert lo is not None  # the scope's first super-block starts below every key
    hi = await _after(tx, sup, scope, v, i)
    below = " AND (lo_v, lo_id) < (:hv, :hi)" if hi else ""
    blocks = await tx.fetch_all(
        f"SELECT lo_v, lo_id, SUM(n) FROM {order.blocks} WHERE scope = :s AND (lo_v, lo_id) >= (:lv, :li)"
        f"{below} GROUP BY lo_v, lo_id ORDER BY lo_v, lo_id",
        {"s": scope, "lv": lo[0], "li": lo[1]} | ({"hv": hi[0], "hi": hi[1]} if hi else {}),
    )
    starts = [0]
    while len(blocks) - starts[-1] > 2 * SUPER:
        starts.append(starts[-1] + SUPER)
    if len(starts) == 1:
        return
    for start, end in itertools.pairwise([*starts, len(blocks)]):
        first = blocks[start]
        await _put(tx, sup, scope, first[0], first[1], sum(int(r[2]) for r in blocks[start:end]))


async def _drop_super(tx: Transaction, order: Order, scope: str, v: Any, i: Any) -> None:
    """The emptied block (v, i) is gone, its range joined to the block before: if a super-block
    started with it, that one now starts at its next block, its count the same (the gone block had
    no rows), or goes if it had no other. (The scope's first block never goes, so neither does its
    first super-block.)"""
    total, parts = await _sum(tx, order.supers, scope, v, i)
    if not parts:
        return
    await _put(tx, order.supers, scope, v, i, None)
    after, block = await _after(tx, order.supers, scope, v, i), await _after(tx, order.blocks, scope, v, i)
    if block is not None and (after is None or tuple(block) != tuple(after)):
        await _put(tx, order.supers, scope, block[0], block[1], total)


async def _after(tx: Transaction, counts: str, scope: str, v: Any, i: Any) -> Sequence[Any] | None:
    """The key of the first count of `counts` after the key (v, i), if any."""
    return await tx.fetch_one(
        f"SELECT lo_v, lo_id FROM {counts} WHERE scope = :s AND (lo_v, lo_id) > (:v, :i)"
        " ORDER BY lo_v, lo_id LIMIT 1",
        {"s": scope, "v": v, "i": i},
    )


# --- rebuilding from the rows (migrations, bulk loads) -----------------------------------------------


def rebuild(table: str, *, parts: bool = True, supers: bool = True) -> list[str]:
    """Statements that recompute a table's counts, blocks and super-blocks from its rows (no
    parameters), each in part 0 (`parts=False`: for the tables as migration 0003 made them, without
    parts; `supers=False`: as migration 0005 left them, without super-blocks)."""
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
    return statements + (group(table) if supers else [])


def group(table: str) -> list[str]:
    """Statements that recompute a table's super-blocks from its blocks: each scope's blocks in runs
    of SUPER, the first run starting at the scope's first block (the sentinel)."""
    statements = []
    for order in orders(table).values():
        statements += [
            f"DELETE FROM {order.supers}",
            f"INSERT INTO {order.supers} (scope, lo_v, lo_id, part, n) SELECT scope, lo_v, lo_id, 0, n"
            f" FROM (SELECT scope, lo_v, lo_id, ROW_NUMBER() OVER w AS rn,"
            f" SUM(n) OVER (w ROWS BETWEEN CURRENT ROW AND {SUPER - 1} FOLLOWING) AS n"
            f" FROM (SELECT scope, lo_v, lo_id, SUM(n) AS n FROM {order.blocks} GROUP BY scope, lo_v, lo_id)"
            " AS b WINDOW w AS (PARTITION BY scope ORDER BY lo_v, lo_id)) AS runs"
            f" WHERE (rn - 1) % {SUPER} = 0",
        ]
    return statements
