"""Alembic environment: the URL comes from the caller (`specgate db upgrade`), never from a file."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from specgate.store.schema import metadata

config = context.config
url = config.get_main_option("sqlalchemy.url")
assert url is not None

engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    )
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
