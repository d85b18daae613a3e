"""The SQLite database file: its WAL is brought back to a bounded size after a burst of writes."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from specgate.store.database import SQLiteDatabase
from specgate.store.migrate import upgrade

LIMIT = 256 * 1024


def test_the_wal_does_not_stay_large_after_a_burst_of_writes(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    upgrade(f"sqlite:///{path}")
    wal = tmp_path / "db.sqlite-wal"

    async def burst() -> tuple[int, int]:
        db = SQLiteDatabase(path, wal_limit=LIMIT)
        try:
            doc = "x" * 4000
            for i in range(1500):  # about 6 MB of pages, 24 times the limit
                async with db.transaction() as tx:
                    await tx.execute(
                        "INSERT INTO gateways VALUES (:id, 1, 0, :doc, x'7b7d', 'now')",
                        {"id": f"g{i}", "doc": doc},
                    )
            peak = wal.stat().st_size
            deadline = time.monotonic() + 10
            while wal.stat().st_size > LIMIT and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            row = await db.fetch_one("SELECT COUNT(*) FROM gateways")
            assert row == (1500,)
            return peak, wal.stat().st_size
        finally:
            await db.close()

    peak, after = asyncio.run(burst())
    assert peak > LIMIT  # the burst did grow the WAL past the limit
    assert after <= LIMIT
