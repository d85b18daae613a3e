"""The two databases behind the store, with one small async interface.

Queries on the request path go straight to the driver (sqlite3, psycopg): measured on this machine, a
primary-key read took 6.6 us through sqlite3 and 36-78 us through SQLAlchemy Core, more than a whole
bare request. SQLAlchemy still defines the tables and drives the Alembic migrations.

SQL is written once with `:name` parameters; PostgreSQL gets them rewritten to `%(name)s`.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import re
import sqlite3
import stat
import threading
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any, Protocol

import psycopg
from psycopg_pool import AsyncConnectionPool

from ..errors import ForeignKeyViolation, IntegrityError, UniqueViolation
from ..logs import logger

__all__ = [
    "WAL_LIMIT",
    "Database",
    "Transaction",
    "create_private",
    "open_database",
    "psycopg_conninfo",
    "sqlite_path",
]

# The size the SQLite WAL is brought back to once a checkpoint has copied it into the database.
WAL_LIMIT = 64 * 1024 * 1024

log = logger("specgate.store")

Params = Mapping[str, Any]
Row = Sequence[Any]


class Transaction(Protocol):
    dialect: str

    async def fetch_one(self, sql: str, params: Params = ...) -> Row | None: ...
    async def fetch_all(self, sql: str, params: Params = ...) -> list[Row]: ...
    async def execute(self, sql: str, params: Params = ...) -> int: ...
    async def execute_many(self, sql: str, rows: Sequence[Params]) -> None: ...
    async def send(self, sql: str, params: Params = ...) -> Sent:
        """Run a statement nobody waits for (PostgreSQL: it goes out with the next one that waits, or
        with the COMMIT); its row can be read once the transaction is over."""


class Sent(Protocol):
    async def row(self) -> Row | None: ...


class Database(Protocol):
    """Reads outside a transaction see committed data; `transaction()` is all-or-nothing."""

    dialect: str

    async def fetch_one(self, sql: str, params: Params = ...) -> Row | None: ...
    async def fetch_all(self, sql: str, params: Params = ...) -> list[Row]: ...
    async def execute(self, sql: str, params: Params = ...) -> int:
        """One statement, committed on its own (its row count)."""

    def transaction(self) -> AbstractAsyncContextManager[Transaction]: ...
    async def close(self) -> None: ...


async def open_database(url: str, *, pool_size: int = 10, sqlite_synchronous: str = "NORMAL") -> Database:
    path = sqlite_path(url)
    if path is not None:
        return SQLiteDatabase(path, sqlite_synchronous)
    db = PostgresDatabase(psycopg_conninfo(url), pool_size)
    await db.open()
    return db


def sqlite_path(url: str) -> Path | None:
    """The file of a `sqlite:///path` URL, or None for any other database."""
    if not url.startswith("sqlite:///"):
        return None
    return Path(url.removeprefix("sqlite:///"))


def psycopg_conninfo(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def create_private(path: Path) -> None:
    """Create a SQLite file 0600 (its folder 0700 when new) before SQLite does: SQLite gives the
    -wal and -shm files the database file's mode, and would make all three 0644."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:  # made before specgate made its files private: say so, leave it as it is
            log.warning(
                "the database file %s can be read by group or others (mode %04o); `chmod 600` it and "
                "its -wal and -shm files (secrets in it are encrypted; API key hashes are not)",
                path,
                mode,
            )


class SQLiteDatabase:
    """One connection in WAL mode, used from the event loop thread.

    A point read takes microseconds, less than a thread hop would, so calls run inline. A transaction
    never awaits anything that suspends, and a lock keeps a second one from starting inside it.
    `synchronous=NORMAL` in WAL mode keeps every commit through a process kill (-9); set
    SPECGATE_SQLITE_SYNCHRONOUS=FULL to keep them through a power cut too.
    """

    dialect = "sqlite"

    def __init__(self, path: Path, synchronous: str = "NORMAL", wal_limit: int = WAL_LIMIT) -> None:
        create_private(path)
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        for pragma in (
            "journal_mode=WAL",
            f"synchronous={synchronous}",
            "foreign_keys=ON",
            "busy_timeout=10000",
            # Checkpoints (which fsync) run in a thread of their own, not in a request's commit.
            "wal_autocheckpoint=0",
            # When a write starts the WAL over, the file is cut back to this size.
            f"journal_size_limit={wal_limit}",
        ):
            self._conn.execute(f"PRAGMA {pragma}")
        self._lock = asyncio.Lock()
        self._checkpointer = _Checkpointer(path, wal_limit)

    # try/except rather than `with _integrity(...)`: a generator context manager per statement
    # was a tenth of a primary-key read.
    async def fetch_one(self, sql: str, params: Params = {}) -> Row | None:  # noqa: B006
        try:
            row: Row | None = self._conn.execute(sql, params).fetchone()
        except sqlite3.IntegrityError as exc:
            raise _refusal(exc) from None
        return row

    async def fetch_all(self, sql: str, params: Params = {}) -> list[Row]:  # noqa: B006
        return self._conn.execute(sql, params).fetchall()

    async def execute(self, sql: str, params: Params = {}) -> int:  # noqa: B006
        try:
            return self._conn.execute(sql, params).rowcount
        except sqlite3.IntegrityError as exc:
            raise _refusal(exc) from None

    async def execute_many(self, sql: str, rows: Sequence[Params]) -> None:
        with _integrity(sqlite3.IntegrityError):
            self._conn.executemany(sql, rows)

    async def send(self, sql: str, params: Params = {}) -> Sent:  # noqa: B006
        return _Ran(await self.fetch_one(sql, params))

    def transaction(self) -> _SQLiteTransaction:
        return _SQLiteTransaction(self, self._conn, self._lock)

    async def close(self) -> None:
        self._checkpointer.stop()
        self._conn.close()


class _SQLiteTransaction:
    """BEGIN IMMEDIATE .. COMMIT (ROLLBACK when the block raises), one at a time. A class rather
    than an @asynccontextmanager generator: this is on every write's path."""

    def __init__(self, db: SQLiteDatabase, conn: sqlite3.Connection, lock: asyncio.Lock) -> None:
        self._db = db
        self._conn = conn
        self._lock = lock

    async def __aenter__(self) -> SQLiteDatabase:
        await self._lock.acquire()
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._lock.release()
            raise
        return self._db

    async def __aexit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: Any) -> None:
        try:
            self._conn.execute("COMMIT" if kind is None else "ROLLBACK")
        finally:
            self._lock.release()


class _Checkpointer(threading.Thread):
    """Copies the WAL back into the database file every `interval` seconds (PASSIVE: it never
    waits for, or blocks, a writer), so no request pays for a checkpoint's fsync.

    Under steady writes a PASSIVE checkpoint never catches up with the end of the WAL, so SQLite
    never starts it over and the file only grows (304 MB in one run). Past `wal_limit` bytes, a
    TRUNCATE checkpoint copies the rest, holding writers back for that copy only, and empties it.
    """

    def __init__(self, path: Path, wal_limit: int, interval: float = 0.5) -> None:
        super().__init__(name="specgate-sqlite-checkpoint", daemon=True)
        self._path = path
        self._wal = path.with_name(path.name + "-wal")
        self._wal_limit = wal_limit
        self._interval = interval
        self._stopped = threading.Event()
        self.start()

    def run(self) -> None:
        conn = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout=10000")
        try:
            while not self._stopped.wait(self._interval):
                mode = "TRUNCATE" if self._wal_size() > self._wal_limit else "PASSIVE"
                with contextlib.suppress(sqlite3.Error):  # busy now: the next round catches up
                    conn.execute(f"PRAGMA wal_checkpoint({mode})").fetchall()
        finally:
            conn.close()

    def _wal_size(self) -> int:
        try:
            return self._wal.stat().st_size
        except FileNotFoundError:
            return 0

    def stop(self) -> None:
        self._stopped.set()
        self.join(5)


@functools.lru_cache(maxsize=256)
def _pyformat(sql: str) -> str:
    return re.sub(r"(?<!:):([a-z_][a-z0-9_]*)", r"%(\1)s", sql.replace("%", "%%"))


class PostgresDatabase:
    """A psycopg async connection pool; statements are prepared by psycopg after a few runs."""

    dialect = "postgresql"

    def __init__(self, conninfo: str, pool_size: int) -> None:
        self._pool = AsyncConnectionPool(
            conninfo,
            min_size=min(2, pool_size),
            max_size=pool_size,
            kwargs={"autocommit": True},
            open=False,
        )

    async def open(self) -> None:
        await self._pool.open(wait=True, timeout=10)

    async def fetch_one(self, sql: str, params: Params = {}) -> Row | None:  # noqa: B006
        async with self._pool.connection() as conn:
            cursor = await conn.execute(_pyformat(sql), params)
            return await cursor.fetchone()

    async def fetch_all(self, sql: str, params: Params = {}) -> list[Row]:  # noqa: B006
        async with self._pool.connection() as conn:
            cursor = await conn.execute(_pyformat(sql), params)
            return list(await cursor.fetchall())

    async def execute(self, sql: str, params: Params = {}) -> int:  # noqa: B006
        async with self._pool.connection() as conn:
            with _integrity(psycopg.errors.IntegrityError):
                cursor = await conn.execute(_pyformat(sql), params)
            return cursor.rowcount

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[_PostgresTransaction]:
        """In pipeline mode: statements sent with `send` go out together with the COMMIT, so the row
        locks they take are held for one round trip, not one per statement."""
        async with self._pool.connection() as conn:
            with _integrity(psycopg.errors.IntegrityError):
                async with conn.pipeline() as pipeline, conn.transaction():
                    yield _PostgresTransaction(conn, pipeline)

    async def close(self) -> None:
        await self._pool.close()


class _PostgresTransaction:
    dialect = "postgresql"

    def __init__(self, conn: psycopg.AsyncConnection[Any], pipeline: psycopg.AsyncPipeline) -> None:
        self._conn = conn
        self._pipeline = pipeline

    async def fetch_one(self, sql: str, params: Params = {}) -> Row | None:  # noqa: B006
        with _integrity(psycopg.errors.IntegrityError):
            cursor = await self._conn.execute(_pyformat(sql), params)
        return await cursor.fetchone()

    async def fetch_all(self, sql: str, params: Params = {}) -> list[Row]:  # noqa: B006
        cursor = await self._conn.execute(_pyformat(sql), params)
        return list(await cursor.fetchall())

    async def execute(self, sql: str, params: Params = {}) -> int:  # noqa: B006
        with _integrity(psycopg.errors.IntegrityError):
            cursor = await self._conn.execute(_pyformat(sql), params)
            await self._pipeline.sync()  # the row count is known once the statement ran
        return cursor.rowcount

    async def execute_many(self, sql: str, rows: Sequence[Params]) -> None:
        with _integrity(psycopg.errors.IntegrityError):
            async with self._conn.cursor() as cursor:
                await cursor.executemany(_pyformat(sql), rows)

    async def send(self, sql: str, params: Params = {}) -> Sent:  # noqa: B006
        return _Pending(await self._conn.execute(_pyformat(sql), params))


class _Ran:
    def __init__(self, row: Row | None) -> None:
        self._row = row

    async def row(self) -> Row | None:
        return self._row


class _Pending:
    def __init__(self, cursor: psycopg.AsyncCursor[Any]) -> None:
        self._cursor = cursor

    async def row(self) -> Row | None:
        return await self._cursor.fetchone() if self._cursor.description else None


@contextmanager
def _integrity(driver_error: type[Exception]) -> Iterator[None]:
    """The driver's constraint error as ours; its text (which may quote values) is not kept."""
    try:
        yield
    except driver_error as exc:
        raise _refusal(exc) from None


def _refusal(exc: Exception) -> IntegrityError:
    """Ours for the driver's constraint error; its text (which may quote values) is not kept."""
    return _violation(exc)("a database constraint refused the write")


def _violation(exc: Exception) -> type[IntegrityError]:
    """Which kind of constraint refused the write: a unique key, a foreign key, or another."""
    text = str(exc)  # SQLite tells the kind only in its message
    if isinstance(exc, psycopg.errors.UniqueViolation) or text.startswith("UNIQUE constraint failed"):
        return UniqueViolation
    if isinstance(exc, psycopg.errors.ForeignKeyViolation) or text.startswith("FOREIGN KEY constraint"):
        return ForeignKeyViolation
    return IntegrityError
