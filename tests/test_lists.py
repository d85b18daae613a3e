"""Lists, on both databases: every list, count, order and substring search is served by an index (the
query plans say so), and each answers exactly what a plain full scan of the table answers."""

from __future__ import annotations

import asyncio
import json
import random
import re
import sqlite3
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

import psycopg
import pytest

from specgate.codec import dumps
from specgate.config import Settings
from specgate.store import KINDS, Kind, Store, open_database, seek, sqlite_path
from specgate.store.database import Database
from specgate.store.migrate import downgrade, upgrade
from specgate.store.schema import ORDERS, metadata

from .support import SLOW_ON_POSTGRESQL

# The lists that search and order (the tool family), and those scoped by a gateway.
TOOL_KINDS = tuple(name for name, kind in KINDS.items() if kind.searchable)
GATEWAY_KINDS = tuple(name for name, kind in KINDS.items() if kind.scope)
# Few letters, mixed case, LIKE and FTS5 syntax characters: many ties, and every escape exercised.
ALPHABET = 'aAbB _%!"'
STAMPS = ("2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.001Z", "2026-02-01T00:00:00.000Z")


@pytest.fixture
def url(backend: Settings) -> str:
    """A fresh, migrated database of each kind."""
    upgrade(backend.database_url)
    return backend.database_url


class Recording:
    """The store's database, noting every statement read outside a transaction (all list reads)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.dialect = db.dialect
        self.seen: list[tuple[str, dict[str, Any]]] = []

    async def fetch_one(self, sql: str, params: Mapping[str, Any] = {}) -> Any:
        self.seen.append((sql, dict(params)))
        return await self.db.fetch_one(sql, params)

    async def fetch_all(self, sql: str, params: Mapping[str, Any] = {}) -> Any:
        self.seen.append((sql, dict(params)))
        return await self.db.fetch_all(sql, params)

    async def execute(self, sql: str, params: Mapping[str, Any] = {}) -> int:
        return await self.db.execute(sql, params)  # a write: not a list's read

    def transaction(self) -> Any:
        return self.db.transaction()

    async def close(self) -> None:
        await self.db.close()


def word(rng: random.Random, low: int = 1, high: int = 5) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(low, high)))


class Rows:
    """Rows written through the store, as a test needs them."""

    def __init__(self, store: Store, rng: random.Random) -> None:
        self.store, self.rng = store, rng
        self.gateways: list[str] = []
        self.services: list[int] = []
        self.tools: list[int] = []

    def tool_service(self) -> dict[str, Any]:
        rng = self.rng
        return {
            "name": word(rng),
            "description": word(rng, 0, 8),
            "last_updated": rng.choice(STAMPS),
            "last_updated_by": rng.choice(("a@x.example", "B@x.example", "c_%@x.example")),
        }

    def tool(self) -> dict[str, Any]:
        values = {k: v for k, v in self.tool_service().items() if k != "description"}
        # Names of tools are unique.
        name = f"{word(self.rng)}{self.rng.randrange(10**6)}"
        return values | {"name": name, "service_id": self.rng.choice(self.services)}

    async def add(self, name: str) -> None:
        kind = KINDS[name]
        if name in TOOL_KINDS:
            draft = self.tool_service() if name == "tool_service" else self.tool()

            def make(new_id: int) -> tuple[dict[str, Any], bytes]:
                doc = {"id": new_id} | draft
                return doc, dumps(doc)

            doc, _ = await self.store.insert_numbered(kind, draft, make, draft["last_updated"])
            (self.services if name == "tool_service" else self.tools).append(doc["id"])
            return
        doc: dict[str, Any] = {"id": str(uuid.uuid4())}
        if name == "gateway":
            self.gateways.append(doc["id"])
        else:
            doc["gateway_id"] = self.rng.choice(self.gateways)
            if name == "gateway_service":
                doc["upstream_id"] = None
        await self.store.insert(kind, doc, dumps(doc), self.rng.choice(STAMPS))

    async def change(self, name: str) -> None:
        """Rewrite a random row with new values of its ordered and searched columns."""
        kind = KINDS[name]
        ids = self.services if name == "tool_service" else self.tools
        if not ids:
            return
        old = await self.store.get(kind, self.rng.choice(ids), by_id=True)
        assert old is not None
        fresh = self.tool_service() if name == "tool_service" else self.tool()
        if name == "tool":
            fresh["name"] = old.doc["name"] if self.rng.random() < 0.5 else fresh["name"]
        doc = old.doc | fresh
        assert await self.store.replace(kind, old, doc, dumps(doc))

    async def remove(self, name: str) -> None:
        kind = KINDS[name]
        ids = self.services if name == "tool_service" else self.tools
        used = set() if name == "tool" else {await self._service_of(t) for t in self.tools}
        free = [i for i in ids if i not in used]
        if not free:
            return
        gone = self.rng.choice(free)
        old = await self.store.get(kind, gone, by_id=True)
        assert old is not None and await self.store.delete(kind, old)
        ids.remove(gone)

    async def _service_of(self, tool_id: int) -> int:
        found = await self.store.get(KINDS["tool"], tool_id, by_id=True)
        assert found is not None
        return int(found.doc["service_id"])

    async def fill(self, rounds: int) -> None:
        for _ in range(2):
            await self.add("gateway")
        for _ in range(rounds):
            await self.add(self.rng.choice(("tool_service", "upstream", "gateway_service")))
            if self.services:
                await self.add("tool")
            if self.rng.random() < 0.3:
                await self.change(self.rng.choice(TOOL_KINDS))
            if self.rng.random() < 0.15:
                await self.remove(self.rng.choice(TOOL_KINDS))


def ids(bodies: Sequence[bytes]) -> list[Any]:
    return [json.loads(b)["id"] for b in bodies]


async def full_scan(db: Database, kind: Kind, order_by: str, descending: bool) -> list[tuple[Any, ...]]:
    """Every row, ordered by the database itself (its collation), read without any list machinery."""
    direction = "DESC" if descending else "ASC"
    columns = ", ".join(kind.searchable)
    rows = await db.fetch_all(
        f"SELECT {columns} FROM {kind.table} ORDER BY {order_by} {direction}, id {direction}"
    )
    return [tuple(r) for r in rows]


# --- the answers are exact ----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_every_list_order_and_search_answers_what_a_full_scan_answers(
    url: str, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    # Blocks of 3 rows, super-blocks of 2 blocks: a few dozen rows split, empty and move blocks and
    # super-blocks many times over.
    monkeypatch.setattr(seek, "BLOCK", 3)
    monkeypatch.setattr(seek, "SUPER", 2)
    asyncio.run(_check_answers(url, random.Random(seed)))


async def _check_answers(url: str, rng: random.Random) -> None:
    store = Store(await open_database(url))
    try:
        rows = Rows(store, rng)
        await rows.fill(90)
        await _check_blocks(store.db)
        await _compare(store, rows)
    finally:
        await store.close()


async def _compare(store: Store, rows: Rows) -> None:
    """Every list, order and search the store answers (pages at the ends and at random offsets, the
    random ones of `rows`' generator) against a full scan."""
    rng = rows.rng
    for name in TOOL_KINDS:
        kind = KINDS[name]
        for order_by in ORDERS[kind.table]:
            for descending in (False, True):
                expected = await full_scan(store.db, kind, order_by, descending)
                total = len(expected)
                middle = {rng.randrange(total + 1) for _ in range(3)}
                for offset in sorted({0, 1, 2, 5, *middle, total - 1, total, total + 3}):
                    for limit in (1, 4, 25):
                        page = await store.search(
                            kind,
                            offset=max(offset, 0),
                            limit=limit,
                            order_by=order_by,
                            descending=descending,
                        )
                        want = [r[0] for r in expected[max(offset, 0) : max(offset, 0) + limit]]
                        assert (page.total, ids(page.bodies)) == (total, want), (
                            name,
                            order_by,
                            descending,
                            offset,
                            limit,
                        )
                for _ in range(6):
                    terms = _terms(rng, kind, expected)
                    match = [
                        r
                        for r in expected
                        if all(v.lower() in str(r[kind.searchable.index(c)]).lower() for c, v in terms)
                    ]
                    for offset, limit in ((0, 25), (1, 2)):
                        page = await store.search(
                            kind,
                            offset=offset,
                            limit=limit,
                            search=terms,
                            order_by=order_by,
                            descending=descending,
                        )
                        want = [r[0] for r in match[offset : offset + limit]]
                        assert (page.total, ids(page.bodies)) == (len(match), want), (name, terms)
    for name in GATEWAY_KINDS:
        kind = KINDS[name]
        for gateway in rows.gateways:
            found = await store.db.fetch_all(
                f"SELECT id FROM {kind.table} WHERE gateway_id = :g ORDER BY created_at, id",
                {"g": gateway},
            )
            expected_ids = [r[0] for r in found]
            for offset in sorted({0, 1, 3, len(expected_ids) - 1, len(expected_ids), len(expected_ids) + 2}):
                for limit in (1, 5, 100):
                    page = await store.page(kind, gateway, max(offset, 0), limit)
                    want = expected_ids[max(offset, 0) : max(offset, 0) + limit]
                    assert (page.total, ids(page.bodies)) == (len(expected_ids), want)


@pytest.mark.slow
def test_migration_0008_makes_exact_super_blocks_of_a_databases_blocks(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database whose blocks writes made (in parts on PostgreSQL), taken back to before super-blocks
    and migrated again: the super-blocks made from its blocks count exactly, and every list answers
    what a full scan answers."""
    monkeypatch.setattr(seek, "BLOCK", 2)
    monkeypatch.setattr(seek, "SUPER", 3)
    rng = random.Random(4)

    async def fill() -> Rows:
        store = Store(await open_database(url))
        try:
            rows = Rows(store, rng)
            await rows.fill(50)
            return rows
        finally:
            await store.close()

    async def check(rows: Rows) -> None:
        store = rows.store = Store(await open_database(url))
        try:
            await _check_blocks(store.db)
            await _compare(store, rows)
        finally:
            await store.close()

    rows = asyncio.run(fill())
    downgrade(url, "0007")
    try:
        upgrade(url)
        asyncio.run(check(rows))
    finally:
        upgrade(url)


async def _check_blocks(db: Database, writers: int = 1) -> None:
    """Each block and super-block counts the rows of its key range exactly; blocks split as they grow
    (none past 2 * BLOCK rows, give or take the rows of writers that ran at once) and go when emptied
    (but a scope's first); each super-block starts where a block starts, holds at most 2 * SUPER
    blocks and goes when its first block does; the counts are the rows'."""
    for table in ORDERS:
        for order in seek.orders(table).values():
            for counts in (order.blocks, order.supers):
                for s, v, i, n, rows, blocks, starts, first in await _counted(db, order, counts):
                    where = (counts, s, v, i)
                    assert n == rows, where
                    assert n > 0 or first, where
                    if counts == order.blocks:
                        assert n <= 2 * seek.BLOCK + writers - 1, where
                    else:
                        assert starts and 0 < blocks <= 2 * seek.SUPER, (where, blocks)
            for s in await db.fetch_all(f"SELECT DISTINCT scope FROM {order.blocks}"):
                first = await db.fetch_all(
                    f"SELECT lo_v, lo_id FROM {order.supers} WHERE scope = :s ORDER BY lo_v, lo_id LIMIT 1",
                    {"s": s[0]},
                )
                lowest = await db.fetch_all(
                    f"SELECT lo_v, lo_id FROM {order.blocks} WHERE scope = :s ORDER BY lo_v, lo_id LIMIT 1",
                    {"s": s[0]},
                )
                assert first == lowest, (order, s)
        scoped = seek.SCOPES.get(table)
        counted = await db.fetch_all(
            f"SELECT {scoped}, COUNT(*) FROM {table} GROUP BY {scoped}"
            if scoped
            else f"SELECT NULL, COUNT(*) FROM {table}"
        )
        for s, n in counted:
            assert await seek.count(db, table, s or None) == n, (table, s)


async def _counted(db: Database, order: seek.Order, counts: str) -> list[Any]:
    """Each count of `counts` (the order's blocks or super-blocks), its parts summed: (scope, lo_v,
    lo_id, n, the rows of its key range, the blocks starting in it, whether a block starts where it
    does, whether it is its scope's first)."""
    table = order.table
    scope = f"{order.scope} = b.scope AND " if order.scope else ""
    key = "id" if order.column == "id" else f"({order.column}, id)"
    low, high = ("b.lo_id", "b.hi_id") if order.column == "id" else ("(b.lo_v, b.lo_id)", "(b.hi_v, b.hi_id)")
    within = (
        "(k.lo_v, k.lo_id) >= (b.lo_v, b.lo_id)"
        " AND (b.hi_id IS NULL OR (k.lo_v, k.lo_id) < (b.hi_v, b.hi_id))"
    )
    # Blocks, not their parts (SQLite keeps one part).
    distinct = "COUNT(*)" if db.dialect == "sqlite" else "COUNT(DISTINCT (k.lo_v, k.lo_id))"
    return await db.fetch_all(
        f"SELECT scope, lo_v, lo_id, n, (SELECT COUNT(*) FROM {table} WHERE {scope}{key} >= {low}"
        f" AND (b.hi_id IS NULL OR {key} < {high})),"
        f" (SELECT {distinct} FROM {order.blocks} k WHERE k.scope = b.scope"
        f" AND {within}),"
        f" EXISTS (SELECT 1 FROM {order.blocks} k WHERE k.scope = b.scope AND k.lo_v = b.lo_v"
        " AND k.lo_id = b.lo_id), first"
        " FROM (SELECT scope, lo_v, lo_id, n, LEAD(lo_v) OVER w AS hi_v,"
        " LEAD(lo_id) OVER w AS hi_id, ROW_NUMBER() OVER w = 1 AS first"
        " FROM (SELECT scope, lo_v, lo_id, SUM(n) AS n"
        f" FROM {counts} GROUP BY scope, lo_v, lo_id) AS g"
        " WINDOW w AS (PARTITION BY scope ORDER BY lo_v, lo_id)) AS b"
    )


@SLOW_ON_POSTGRESQL
@pytest.mark.parametrize("seed", [3])
def test_emptied_blocks_and_a_deleted_gateways_counts_go(
    url: str, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    monkeypatch.setattr(seek, "BLOCK", 2)
    monkeypatch.setattr(seek, "SUPER", 2)

    async def run() -> None:
        store = Store(await open_database(url))
        try:
            rows = Rows(store, random.Random(seed))
            await rows.fill(40)
            while rows.tools:
                await rows.remove("tool")
            await _check_blocks(store.db)
            for order in seek.orders("tools").values():  # only the sentinels are left
                for counts in (order.blocks, order.supers):
                    found = await store.db.fetch_all(f"SELECT DISTINCT lo_v, lo_id FROM {counts}")
                    assert len(found) == 1, counts
            assert await seek.count(store.db, "tools", None) == 0
            # A gateway with no upstreams or services left is deleted: nothing of its scope stays.
            gone = rows.gateways[0]
            for name in GATEWAY_KINDS:
                kind = KINDS[name]
                for row in await store.db.fetch_all(
                    f"SELECT id FROM {kind.table} WHERE gateway_id = :g", {"g": gone}
                ):
                    old = await store.get(kind, row[0], gone)
                    assert old is not None and await store.delete(kind, old)
            old = await store.get(KINDS["gateway"], gone)
            assert old is not None and await store.delete(KINDS["gateway"], old)
            for table in (
                "row_counts",
                *(t.name for t in metadata.sorted_tables if t.name.startswith("seek_")),
            ):
                found = await store.db.fetch_one(
                    f"SELECT COUNT(*) FROM {table} WHERE scope = :g", {"g": gone}
                )
                assert found == (0,), table
            kept = rows.gateways[1]
            for name in GATEWAY_KINDS:
                expected = await store.db.fetch_one(
                    f"SELECT COUNT(*) FROM {KINDS[name].table} WHERE gateway_id = :g", {"g": kept}
                )
                assert expected is not None
                assert (await store.page(KINDS[name], kept, 0, 100)).total == expected[0]
        finally:
            await store.close()

    asyncio.run(run())


@SLOW_ON_POSTGRESQL
def test_concurrent_writers_keep_counts_and_blocks_exact(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tiny blocks and few parts: splits, drops and summing parts race the writers all the time.
    monkeypatch.setattr(seek, "BLOCK", 2)
    monkeypatch.setattr(seek, "SUPER", 2)
    monkeypatch.setattr(seek, "PARTS", 2)

    async def writer(store: Store, seed: int) -> None:
        rows = Rows(store, random.Random(seed))
        for _ in range(12):
            await rows.add("tool_service")
            await rows.change("tool_service")
            if rows.rng.random() < 0.4:
                await rows.remove("tool_service")

    async def run() -> None:
        store = Store(await open_database(url))
        try:
            await asyncio.gather(*(writer(store, seed) for seed in range(8)))
            await _check_blocks(store.db, writers=8)
        finally:
            await store.close()

    asyncio.run(run())


def _terms(rng: random.Random, kind: Kind, rows: Sequence[tuple[Any, ...]]) -> list[tuple[str, str]]:
    """One or two (column, value) pairs: pieces of stored values (of 1 to 5 characters), or made up."""
    terms = []
    for _ in range(rng.choice((1, 1, 2))):
        column = rng.choice(kind.searchable)
        text = str(rng.choice(rows)[kind.searchable.index(column)]) if rows else ""
        start = rng.randrange(len(text) + 1)
        value = text[start : start + rng.randint(1, 5)] if rng.random() < 0.8 else word(rng, 1, 4)
        terms.append((column, (value or word(rng, 1, 3)).swapcase() if rng.random() < 0.3 else value or "a"))
    return terms


def test_a_search_folds_case_beyond_ascii(url: str) -> None:
    async def run() -> None:
        store = Store(await open_database(url))
        try:
            rows = Rows(store, random.Random(0))
            await rows.add("tool_service")
            kind = KINDS["tool_service"]
            old = await store.get(kind, rows.services[0], by_id=True)
            assert old is not None
            doc = old.doc | {"name": "École Élan"}
            assert await store.replace(kind, old, doc, dumps(doc))
            for value, found in (("éCOLE", 1), ("ÉLAN", 1), ("écolo", 0)):
                page = await store.search(kind, offset=0, limit=5, search=[("name", value)])
                assert page.total == found, value
        finally:
            await store.close()

    asyncio.run(run())


# --- a page reads no row past its byte budget (issue 9, M7) --------------------------------------


class Counting(Recording):
    """The store's database, adding up the bytes of every value a read hands back."""

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self.bytes = 0

    def _count(self, rows: Sequence[Any]) -> None:
        for row in rows:
            self.bytes += sum(len(v) for v in row if isinstance(v, bytes | str | memoryview))

    async def fetch_one(self, sql: str, params: Mapping[str, Any] = {}) -> Any:
        row = await super().fetch_one(sql, params)
        self._count([row] if row is not None else [])
        return row

    async def fetch_all(self, sql: str, params: Mapping[str, Any] = {}) -> Any:
        rows = await super().fetch_all(sql, params)
        self._count(rows)
        return rows


def _fitting(bodies: Sequence[bytes], budget: int) -> int:
    """How many of the first bodies (each with a comma) fit in `budget`; always at least one."""
    size = 0
    for count, body in enumerate(bodies):
        size += len(body) + 1
        if size > budget and count > 0:
            return count
    return len(bodies)


@SLOW_ON_POSTGRESQL
def test_a_page_reads_no_row_past_its_byte_budget(url: str) -> None:
    asyncio.run(_check_budget(url, random.Random(7)))


async def _check_budget(url: str, rng: random.Random) -> None:
    db = Counting(await open_database(url))
    store = Store(db)  # type: ignore[arg-type]
    try:
        rows = Rows(store, rng)
        await rows.fill(25)
        # Bodies of a few KB each, of different lengths (and a multi-byte character): only the
        # lengths the database gives can say where a page is cut.
        for name in ("tool_service", "tool", "upstream", "gateway_service"):
            kind = KINDS[name]
            for old in await store.all_rows(kind):
                doc = old.doc | {"padding": "é" * rng.randrange(500, 3000)}
                assert await store.replace(kind, old, doc, dumps(doc))
        # A service that embeds its upstream.
        upstream = (await store.all_rows(KINDS["upstream"]))[0]
        service = next(
            s
            for s in await store.all_rows(KINDS["gateway_service"])
            if s.doc["gateway_id"] == upstream.doc["gateway_id"]
        )
        doc = service.doc | {"upstream_id": upstream.id}
        assert await store.replace(KINDS["gateway_service"], service, doc, dumps(doc))

        async def check(read: Any, label: Any) -> None:
            whole = await read(None)
            for budget in sorted({1, 4000, 9000, rng.randrange(1, 40000), 10**9}):
                db.bytes = 0
                page = await read(budget)
                count = _fitting(whole.bodies, budget)
                assert (page.total, page.bodies) == (whole.total, whole.bodies[:count]), (label, budget)
                assert page.cut == (count < len(whole.bodies)), (label, budget)
                # What the database handed over: the items given (at most the budget, or the first
                # item alone) and a few short values (counts, block keys), never a row past them.
                assert db.bytes <= sum(len(b) for b in page.bodies) + 1000, (label, budget, db.bytes)
                assert sum(len(b) + 1 for b in page.bodies) <= budget or len(page.bodies) == 1

        for name in TOOL_KINDS:
            kind = KINDS[name]
            for order_by in ("id", "name"):
                for descending in (False, True):
                    for search in ([], [("name", "a")], [("last_updated_by", "example")]):

                        def read(budget: int | None, *, k=kind, o=order_by, d=descending, s=search) -> Any:
                            return store.search(
                                k, offset=1, limit=100, search=s, order_by=o, descending=d, budget=budget
                            )

                        await check(read, (name, order_by, descending, search))
        for name in GATEWAY_KINDS:
            kind = KINDS[name]
            for gateway in rows.gateways:

                def read_page(budget: int | None, *, k: Kind = kind, g: str = gateway) -> Any:
                    return store.page(k, g, 0, 100, budget)

                await check(read_page, (name, gateway))
    finally:
        await store.close()


# --- the plans use indexes ----------------------------------------------------------------------


@pytest.mark.slow
def test_every_list_count_order_and_search_is_served_by_an_index(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Blocks of 2 rows, super-blocks of 2 blocks: a page in the middle reads a super-block between two.
    monkeypatch.setattr(seek, "BLOCK", 2)
    monkeypatch.setattr(seek, "SUPER", 2)
    statements = asyncio.run(_list_statements(url))
    assert len(statements) > 50
    # The blocks of a super-block between two others are read (SQLite: the range is bounded on both ends).
    assert any("OFFSET :hi)" in sql for sql, _ in statements) == bool(sqlite_path(url))
    path = sqlite_path(url)
    for sql, params in statements:
        plan = _sqlite_plan(str(path), sql, params) if path else _postgres_plan(url, sql, params)
        assert plan.index_used and not plan.full_scans, (sql, plan)


async def _list_statements(url: str) -> list[tuple[str, dict[str, Any]]]:
    """Every statement the store reads lists with: each list, order, direction, a first and a later
    page, and a search on each searchable column (long enough for the trigram index)."""
    db = Recording(await open_database(url))
    store = Store(db)  # type: ignore[arg-type]
    try:
        rows = Rows(store, random.Random(3))
        await rows.fill(30)
        db.seen.clear()
        for name in GATEWAY_KINDS:
            for offset in (0, 2):
                await store.page(KINDS[name], rows.gateways[0], offset, 2)
        await store.page(KINDS["gateway"], None, 1, 2)
        for name in TOOL_KINDS:
            kind = KINDS[name]
            for order_by in ORDERS[kind.table]:
                for descending in (False, True):
                    for offset in (0, 2, 6):
                        await store.search(
                            kind, offset=offset, limit=2, order_by=order_by, descending=descending
                        )
                    for column in kind.searchable:
                        await store.search(
                            kind,
                            offset=0,
                            limit=2,
                            search=[(column, "abc")],
                            order_by=order_by,
                            descending=descending,
                        )
            await store.search(kind, offset=1, limit=2, search=[("name", "aBc"), ("last_updated", "2026")])
        return db.seen
    finally:
        await store.close()


class Plan:
    def __init__(self, lines: list[str], index_used: bool, full_scans: list[str]) -> None:
        self.lines, self.index_used, self.full_scans = lines, index_used, full_scans

    def __repr__(self) -> str:
        return "\n".join(self.lines)


TABLES = {t.name for t in metadata.sorted_tables}


def _sqlite_plan(path: str, sql: str, params: dict[str, Any]) -> Plan:
    conn = sqlite3.connect(path)
    try:
        lines = [r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
    finally:
        conn.close()
    # "SCAN t" reads every row of t; "SCAN t USING ... INDEX" walks an index (bounded by LIMIT here);
    # an FTS5 table answering MATCH shows "VIRTUAL TABLE INDEX n:M...".
    full = [
        line
        for line in lines
        if (
            (m := re.fullmatch(r"SCAN (\w+)", line))
            and (m.group(1) in TABLES or m.group(1).startswith("search_"))
        )
        or (line.startswith("SCAN search_") and ":M" not in line)
    ]
    used = any(
        re.search(r"USING (COVERING |INTEGER PRIMARY |PRIMARY )?(INDEX|KEY)|VIRTUAL TABLE INDEX \d+:M", line)
        for line in lines
    )
    return Plan(lines, used, full)


def _postgres_plan(url: str, sql: str, params: dict[str, Any]) -> Plan:
    query = re.sub(r"(?<!:):([a-z_][a-z0-9_]*)", r"%(\1)s", sql.replace("%", "%%"))
    with psycopg.connect(url, autocommit=True) as conn:
        # A handful of rows: the planner would rightly read them all; this asks whether an index can serve.
        conn.execute("SET enable_seqscan = off")
        (plan,) = conn.execute("EXPLAIN (FORMAT JSON) " + query, params).fetchone()  # type: ignore[misc]
    nodes: list[dict[str, Any]] = []

    def walk(node: dict[str, Any]) -> None:
        nodes.append(node)
        for child in node.get("Plans", ()):
            walk(child)

    walk(plan[0]["Plan"])
    lines = [
        f"{n['Node Type']} {n.get('Relation Name', '')} {n.get('Index Name', '')}".strip() for n in nodes
    ]
    full = [line for line in lines if line.startswith("Seq Scan")]
    used = any("Index" in n["Node Type"] for n in nodes)
    return Plan(lines, used, full)
