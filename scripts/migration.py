#!/usr/bin/env python3
"""Write the migration that takes the database from the last migration to `store/schema.py`.

    make migration NAME="add teams"     # python scripts/migration.py "add teams"

Alembic's autogenerate compares a throwaway SQLite database, upgraded to the last migration, with
the tables as `store/schema.py` describes them, and writes what differs as the next numbered
migration in `src/specgate/store/migrations/versions/` (`0009_add_teams.py`), formatted with ruff.
A table created for a resource whose list searches gets its search structure as well
(`op.create_search`, store/migration_ops.py). Read the migration before committing it: migrations
are history, and `tests/test_store.py` fails until they build exactly what the metadata says, on
both databases.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.operations import ops
from alembic.script import ScriptDirectory

from specgate.store import migrate

REPO = Path(__file__).resolve().parent.parent
RUFF = Path(sys.executable).with_name("ruff")


def write_migration(
    name: str,
    migrations: Path = migrate.MIGRATIONS,
    *,
    metadata: sa.MetaData | None = None,
    searchable: Mapping[str, tuple[str, ...]] | None = None,
) -> Path | None:
    """The new migration's path; None when the database at the last migration is the metadata.

    `migrations`, `metadata` and `searchable` stand in for the project's own in tests."""
    if not re.search(r"[A-Za-z0-9]", name):
        raise ValueError("a migration needs a name of letters or digits")
    with tempfile.TemporaryDirectory() as scratch:
        config = Config()
        config.set_main_option("script_location", str(migrations))
        config.set_main_option("sqlalchemy.url", f"sqlite:///{scratch}/head.db")
        if metadata is not None:
            config.attributes["metadata"] = metadata
        if searchable is not None:
            config.attributes["searchable"] = searchable
        command.upgrade(config, "head")

        def nothing_if_empty(
            context: object, revision: object, directives: list[ops.MigrationScript]
        ) -> None:
            if all(script.upgrade_ops is None or script.upgrade_ops.is_empty() for script in directives):
                directives[:] = []

        head = ScriptDirectory.from_config(config).get_current_head()
        written = command.revision(
            config,
            message=name,
            autogenerate=True,
            rev_id=f"{int(head or 0) + 1:04d}",  # the migrations are numbered: 0009 follows 0008
            process_revision_directives=nothing_if_empty,
        )
    if written is None or isinstance(written, list):
        return None
    path = Path(written.path)
    # Alembic writes its own quoting and line breaks; the repository's style is ruff's.
    subprocess.run([str(RUFF), "check", "--fix", "--quiet", str(path)], check=False)
    subprocess.run([str(RUFF), "format", "--quiet", str(path)], check=True)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("name", help='what the migration does, e.g. "add teams"')
    args = parser.parse_args()
    try:
        path = write_migration(args.name)
    except ValueError as error:
        parser.error(str(error))
    if path is None:
        print("nothing to migrate: the database at the last migration is store/schema.py's metadata")
        return 1
    print(f"wrote {path.relative_to(REPO)}: read it, then run `make test`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
