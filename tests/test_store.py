"""Storage: the migrations build exactly the tables the code describes, on both databases."""

from __future__ import annotations

import asyncio
import shutil
import uuid
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext

from specgate.codec import dumps
from specgate.config import Settings
from specgate.store import KINDS, Page, Store, open_database, schema
from specgate.store.migrate import MIGRATIONS, current_revision, head_revision, sqlalchemy_url, upgrade
from specgate.store.schema import metadata


def _diff(url: str, described: sa.MetaData = metadata) -> list[object]:
    engine = sa.create_engine(sqlalchemy_url(url))
    try:
        with engine.connect() as conn:
            # search_* structures depend on the database and are not in the metadata (schema.py).
            context = MigrationContext.configure(conn, opts={"include_name": schema.described})
            return list(compare_metadata(context, described))
    finally:
        engine.dispose()


def test_the_sqlite_schema_is_the_metadata(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/db.sqlite"
    upgrade(url)
    assert current_revision(url) == head_revision()
    assert _diff(url) == []


def test_the_postgresql_schema_is_the_metadata(postgres_url: str) -> None:
    assert current_revision(postgres_url) == head_revision()
    assert _diff(postgres_url) == []


def _teams_migration(tmp_path: Path) -> tuple[Config, sa.MetaData, sa.Table]:
    """Step 2 of the README's "Adding a resource" for a resource `teams` whose list searches by
    name: its table beside store/schema.py's, then `make migration` (into a copy of the migrations)."""
    from migration import write_migration

    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    described = sa.MetaData()
    for table in metadata.tables.values():
        table.to_metadata(described)
    teams = sa.Table(
        "teams",
        described,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("doc", sa.Text, nullable=False),
        sqlite_autoincrement=True,
    )
    sa.Index("ix_teams_name", teams.c.name, teams.c.id)
    searchable = {"teams": ("name",)}

    written = write_migration("add teams", migrations, metadata=described, searchable=searchable)
    assert written is not None and written.name == "0009_add_teams.py"
    text = written.read_text()
    assert 'down_revision = "0008"' in text and 'op.invoke(CreateSearchOp("teams", ["name"]))' in text
    # Nothing more to write once it is there.
    assert write_migration("again", migrations, metadata=described, searchable=searchable) is None
    config = Config()
    config.set_main_option("script_location", str(migrations))
    return config, described, teams


def _on(config: Config, url: str) -> Config:
    config.set_main_option("sqlalchemy.url", sqlalchemy_url(url))
    return config


def test_make_migration_writes_a_new_resource_table_and_its_search(tmp_path: Path) -> None:
    config, described, teams = _teams_migration(tmp_path)
    url = f"sqlite:///{tmp_path}/db.sqlite"
    command.upgrade(_on(config, url), "head")
    assert _diff(url, described) == []
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(teams.insert().values(name="Platform Team", doc="{}"))
            conn.execute(sa.text("INSERT INTO search_teams (rowid, name) SELECT id, name FROM teams"))
            found = conn.execute(sa.text("SELECT rowid FROM search_teams WHERE search_teams MATCH 'form'"))
            assert found.all() == [(1,)]
            names = conn.execute(sa.text("SELECT name FROM sqlite_master")).scalars().all()
            assert "search_teams" in names
    finally:
        engine.dispose()
    # The migration undoes itself.
    command.downgrade(config, "0008")
    assert _diff(url) == []
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            names = conn.execute(sa.text("SELECT name FROM sqlite_master")).scalars().all()
            assert [name for name in names if "teams" in name] == []
    finally:
        engine.dispose()


def test_make_migration_writes_a_new_resource_table_and_its_search_on_postgresql(
    tmp_path: Path, postgres_url: str
) -> None:
    """The same migration on PostgreSQL, in a schema of its own (search_path) beside the session's."""
    config, described, _ = _teams_migration(tmp_path)
    name = f"migration_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(sqlalchemy_url(postgres_url), poolclass=sa.pool.NullPool)
    url = f"{postgres_url}?options=-csearch_path={name},public"
    try:
        with admin.begin() as conn:
            conn.execute(sa.text(f"CREATE SCHEMA {name}"))
        command.upgrade(_on(config, url), "head")
        assert _diff(url, described) == []
        with admin.connect() as conn:
            indexes = conn.execute(
                sa.text("SELECT indexname FROM pg_indexes WHERE schemaname = :s AND tablename = 'teams'"),
                {"s": name},
            )
            assert "search_teams_name" in indexes.scalars().all()
        command.downgrade(config, "0008")
        assert _diff(url) == []
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()


def test_make_migration_writes_nothing_when_the_migrations_build_the_metadata() -> None:
    from migration import write_migration

    before = sorted(MIGRATIONS.joinpath("versions").glob("*.py"))
    assert write_migration("nothing") is None
    assert sorted(MIGRATIONS.joinpath("versions").glob("*.py")) == before


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
    assert _diff(url) == []


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
    assert _diff(url) == []


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
