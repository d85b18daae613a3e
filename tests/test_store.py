"""Storage: the migrations build exactly the tables the code describes, on both databases."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from specgate.codec import dumps
from specgate.config import Settings
from specgate.store import KINDS, Page, Store, open_database
from specgate.store.migrate import current_revision, head_revision, upgrade

from .support import schema_diff


def test_the_sqlite_schema_is_the_metadata(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/db.sqlite"
    upgrade(url)
    assert current_revision(url) == head_revision()
    assert schema_diff(url) == []


def test_the_postgresql_schema_is_the_metadata(postgres_url: str) -> None:
    assert current_revision(postgres_url) == head_revision()
    assert schema_diff(postgres_url) == []


def test_migration_0004_keeps_every_row_and_stops_id_reuse_on_sqlite(tmp_path: Path) -> None:
    import sqlite3

    url = f"sqlite:///{tmp_path}/db.sqlite"
    upgrade(url, "0003")
    with sqlite3.connect(tmp_path / "db.sqlite") as conn:
        for i in (1, 2, 3):
            conn.execute(
                "INSERT INTO tool_services (id, name, description, last_updated, last_updated_by,"
                " version, doc, body, created_at) VALUES (?, ?, 'd', 'now', 'me', 1, '{}', x'7b7d', 'now')",
                (i, f"s{i}"),
            )
        conn.execute(
            "INSERT INTO tools (id, name, service_id, last_updated, last_updated_by, version, doc, body,"
            " created_at) VALUES (7, 't', 2, 'now', 'me', 1, '{}', x'7b7d', 'now')"
        )
    upgrade(url)
    assert current_revision(url) == head_revision()
    with sqlite3.connect(tmp_path / "db.sqlite") as conn:
        assert conn.execute("SELECT id, name FROM tool_services ORDER BY id").fetchall() == [
            (1, "s1"),
            (2, "s2"),
            (3, "s3"),
        ]
        assert conn.execute("SELECT id, service_id FROM tools").fetchall() == [(7, 2)]
        conn.execute("DELETE FROM tool_services WHERE id = 3")
        new = conn.execute(
            "INSERT INTO tool_services (name, description, last_updated, last_updated_by, version, doc,"
            " body, created_at) VALUES ('n', 'd', 'now', 'me', 1, '{}', x'7b7d', 'now') RETURNING id"
        ).fetchone()
        assert new == (4,)
        foreign_keys = conn.execute("PRAGMA foreign_key_list(tools)").fetchall()
        assert [(row[2], row[3], row[4]) for row in foreign_keys] == [("tool_services", "service_id", "id")]
    assert schema_diff(url) == []


def test_migration_0005_counts_existing_rows_in_parts(tmp_path: Path) -> None:
    import asyncio
    import sqlite3

    from specgate.store import open_database, seek

    url = f"sqlite:///{tmp_path}/db.sqlite"
    upgrade(url, "0004")
    with sqlite3.connect(tmp_path / "db.sqlite") as conn:
        for i in range(1, 6):
            conn.execute(
                "INSERT INTO tool_services (id, name, description, last_updated, last_updated_by,"
                " version, doc, body, created_at) VALUES (?, ?, 'd', 'now', 'me', 1, '{}', x'7b7d', 'now')",
                (i, f"s{i}"),
            )
    upgrade(url)

    async def counted() -> tuple[int, list[tuple[object, ...]]]:
        db = await open_database(url)
        try:
            blocks = await db.fetch_all("SELECT scope, lo_v, lo_id, part, n FROM seek_tool_services_name")
            return await seek.count(db, "tool_services", None), [tuple(b) for b in blocks]
        finally:
            await db.close()

    assert asyncio.run(counted()) == (5, [("", "", -2147483648, 0, 5)])
    assert schema_diff(url) == []


def test_a_bulk_load_is_listed_and_the_next_id_comes_after_it(backend: Settings) -> None:
    """`Store.load` (a benchmark's or an import's fill) gives the ids itself: lists count its rows,
    and the database's next id (a PostgreSQL sequence) is past them, so a create after it works."""
    upgrade(backend.database_url)
    kind = KINDS["tool_service"]

    def row(i: int) -> tuple[dict[str, Any], bytes, str]:
        doc = {"id": i, "name": f"loaded-{i}", "description": "d", "auth_type": None}
        doc |= {"last_updated": "2026-01-01T00:00:00.000Z", "last_updated_by": "a@example.com"}
        return doc, dumps(doc), doc["last_updated"]

    async def run() -> tuple[int, Page, int]:
        store = Store(await open_database(backend.database_url))
        try:
            loaded = await store.load(kind, (row(i) for i in range(1, 6)))
            page = await store.search(kind, offset=0, limit=25)
            draft = row(0)[0] | {"name": "created"}
            draft.pop("id")
            doc, _ = await store.insert_numbered(kind, draft, lambda i: (draft | {"id": i}, b"{}"), "now")
            return loaded, page, doc["id"]
        finally:
            await store.close()

    loaded, page, next_id = asyncio.run(run())
    assert loaded == 5 and page.total == 5 and len(page.bodies) == 5
    assert next_id == 6
