"""Storage: the migrations build exactly the tables the code describes, on both databases."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from specgate.store.migrate import current_revision, head_revision, sqlalchemy_url, upgrade
from specgate.store.schema import metadata


def _diff(url: str) -> list[object]:
    engine = sa.create_engine(sqlalchemy_url(url))
    try:
        with engine.connect() as conn:
            # search_* structures depend on the database and are not in the metadata (schema.py).
            context = MigrationContext.configure(
                conn, opts={"include_name": lambda name, *_: not str(name).startswith("search_")}
            )
            return list(compare_metadata(context, metadata))
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
