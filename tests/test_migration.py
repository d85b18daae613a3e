"""`make migration` (scripts/migration.py, store/migration_ops.py): step 2 of the README's "Adding a
resource" writes a migration that builds the new table, its search structure included, on both
databases, and takes it away again."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from migration import write_migration

from specgate.store.migrate import MIGRATIONS, sqlalchemy_url
from specgate.store.schema import metadata

from .support import schema_diff


def _teams_migration(tmp_path: Path) -> tuple[Config, sa.MetaData, sa.Table]:
    """Step 2 of the README's "Adding a resource" for a resource `teams` whose list searches by
    name: its table beside store/schema.py's, then `make migration` (into a copy of the migrations)."""
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
    assert schema_diff(url, described) == []
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
    assert schema_diff(url) == []
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
        assert schema_diff(url, described) == []
        with admin.connect() as conn:
            indexes = conn.execute(
                sa.text("SELECT indexname FROM pg_indexes WHERE schemaname = :s AND tablename = 'teams'"),
                {"s": name},
            )
            assert "search_teams_name" in indexes.scalars().all()
        command.downgrade(config, "0008")
        assert schema_diff(url) == []
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()


def test_make_migration_writes_nothing_when_the_migrations_build_the_metadata() -> None:
    before = sorted(MIGRATIONS.joinpath("versions").glob("*.py"))
    assert write_migration("nothing") is None
    assert sorted(MIGRATIONS.joinpath("versions").glob("*.py")) == before
