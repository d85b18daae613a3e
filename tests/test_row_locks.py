"""Writers of one row take turns; a row kept contended is a 503 with Retry-After, never a 412."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import pytest

from specgate.server import resources, row_locks
from specgate.store import Store

from .support import Api


def test_writers_of_one_row_wait_in_turn_and_no_lock_is_kept_once_unused() -> None:
    async def scenario() -> None:
        done: list[str] = []

        async def writer(table: str, row: str, name: str) -> None:
            async with row_locks.row_lock(table, row):
                done.append(name)

        first = row_locks.row_lock("gateways", "x")
        await first.__aenter__()
        same = asyncio.create_task(writer("gateways", "x", "same row"))
        other = asyncio.create_task(writer("gateways", "y", "other row"))
        table = asyncio.create_task(writer("tools", "x", "same id, other table"))
        cancelled = asyncio.create_task(writer("gateways", "x", "cancelled"))
        await asyncio.sleep(0.01)
        assert done == ["other row", "same id, other table"]  # only the same row waits
        assert set(row_locks._locks) == {("gateways", "x")}
        cancelled.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await cancelled
        await first.__aexit__(None, None, None)
        await asyncio.gather(same, other, table)
        assert done == ["other row", "same id, other table", "same row"]
        assert row_locks._locks == {}  # no lock outlives its writers, a cancelled waiter's included

    asyncio.run(scenario())


def test_writers_in_one_process_take_turns_and_none_misses(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    gid = api.post("/api/v1/gateways", json={"name": "g"}).json()["id"]
    misses = []
    real = Store.replace

    async def counting(self: Store, *args: Any) -> bool:
        won = await real(self, *args)
        if not won:
            misses.append(1)
        return won

    monkeypatch.setattr(Store, "replace", counting)
    app = api.client.app
    headers = api.headers()

    async def race() -> list[int]:
        import httpx

        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test", headers=headers) as http:
            puts = [http.put(f"/api/v1/gateways/{gid}", json={"name": f"w{n}"}) for n in range(20)]
            return [r.status_code for r in await asyncio.gather(*puts)]

    statuses = api.client.portal.call(race)  # type: ignore[union-attr]
    assert statuses == [200] * 20 and misses == []
    assert api.get(f"/api/v1/gateways/{gid}").headers["etag"] == '"21"'


def test_a_row_that_stays_contended_is_a_503_with_retry_after(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    gid = api.post("/api/v1/gateways", json={"name": "g"}).json()["id"]
    sid = api.post("/api/v1/services/", json={"name": "s", "description": "d"}).json()["id"]
    attempts = []
    paused: list[int] = []

    async def always_beaten(self: Store, *args: Any) -> bool:  # another replica always wins
        attempts.append(1)
        return False

    async def pause(attempt: int) -> None:  # recorded, not waited: the schedule has its own test
        paused.append(attempt)

    monkeypatch.setattr(Store, "replace", always_beaten)
    monkeypatch.setattr(Store, "delete", always_beaten)
    monkeypatch.setattr(resources, "pause", pause)
    for response in (
        api.put(f"/api/v1/gateways/{gid}", json={"name": "h"}),
        api.put("/api/v1/services/", json={"id": sid, "name": "s2", "description": "d"}),
        api.delete(f"/api/v1/gateways/{gid}"),
        api.delete(f"/api/v1/services/{sid}", params={"reason": "gone"}),
    ):
        assert response.status_code == 503, response.text
        assert response.headers["retry-after"] == "1"
        assert response.headers["content-type"] == "application/problem+json"
    assert len(attempts) == 4 * row_locks.ATTEMPTS
    assert paused == list(range(row_locks.ATTEMPTS)) * 4  # a pause after every attempt missed
    monkeypatch.undo()
    assert api.get(f"/api/v1/gateways/{gid}").json()["name"] == "g"  # nothing was written


def test_retries_pause_at_random_doubling_from_5_ms_to_at_most_250_ms(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Replicas that missed together do not retry together: each pause is drawn from [0, bound], the
    bound doubling from 5 ms to 250 ms; at most about 1.8 s in all before the 503."""
    drawn: list[tuple[float, float]] = []
    slept: list[float] = []

    def uniform(low: float, high: float) -> float:
        drawn.append((low, high))
        return high

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(row_locks.random, "uniform", uniform)
    monkeypatch.setattr(row_locks.asyncio, "sleep", sleep)

    async def every_pause() -> None:
        for attempt in range(row_locks.ATTEMPTS):
            await row_locks.pause(attempt)

    asyncio.run(every_pause())
    bounds = [0.005, 0.01, 0.02, 0.04, 0.08, 0.16] + [0.25] * (row_locks.ATTEMPTS - 6)
    assert drawn == [(0, bound) for bound in bounds] and slept == bounds
    assert 1.5 < sum(slept) < 2.0
