"""Alembic environment: the URL comes from the caller (`specgate db upgrade`), never from a file.

`make migration` (scripts/migration.py) autogenerates against store/schema.py's metadata; the
search structures are not in it (`schema.described`) and are added by `migration_ops.add_search`.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from specgate.store import migration_ops, schema

config = context.config
url = config.get_main_option("sqlalchemy.url")
assert url is not None

engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
with engine.connect() as connection:
    context.configure(
        connection=connection,
        # A test stands in a metadata of its own; otherwise the tables as the code describes them.
        target_metadata=config.attributes.get("metadata", schema.metadata),
        include_name=schema.described,
        process_revision_directives=migration_ops.add_search,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    )
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
