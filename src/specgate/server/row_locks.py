"""Writes to one row, taken in turn within a server process, and paced retries across processes.

A PUT reads, merges and writes only if the row's version is unchanged. Racing writers in one
process would each miss in turn and retry; here they queue on the row instead, so only writers on
other replicas can make a write miss, and those misses are retried after a short random pause.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Hashable

__all__ = ["ATTEMPTS", "RETRY_AFTER_SECONDS", "RowTurn", "end_turn", "pause", "row_lock", "turns_ended"]

ATTEMPTS = 12  # at most 1.8 s of pauses in all (0.9 s on average), then 503 with Retry-After
RETRY_AFTER_SECONDS = 1

# A row's lock, and how many writers hold or await it: it goes when none does, so there is no table
# of every row ever written. (A WeakValueDictionary did the same, raising a KeyError inside on each
# write of a row nobody else was writing.)
_locks: dict[Hashable, _Held] = {}


# Turns ended in this process: a writer that read its row before taking the lock reads it again if
# any turn ended meanwhile (one may have started and finished while it read: the lock looked free).
_turns_ended = 0


def turns_ended() -> int:
    return _turns_ended


def end_turn() -> None:
    global _turns_ended
    _turns_ended += 1


def row_lock(table: str, row_id: Hashable) -> RowTurn:
    """A writer's turn on this row (within this process): `async with row_lock(...)`."""
    return RowTurn((table, row_id))


class _Held:
    __slots__ = ("lock", "users")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.users = 0  # writers holding or awaiting `lock`


class RowTurn:
    """Waits for the row's lock on entry and frees it on exit; the last writer out drops it."""

    __slots__ = ("_held", "_key")

    def __init__(self, key: Hashable) -> None:
        self._key = key
        self._held: _Held | None = None

    async def __aenter__(self) -> None:
        held = _locks.get(self._key)
        if held is None:
            held = _locks[self._key] = _Held()
        held.users += 1
        try:
            await held.lock.acquire()
        except BaseException:  # cancelled while waiting
            self._leave(held)
            raise
        self._held = held

    async def __aexit__(self, *exc_info: object) -> None:
        held, self._held = self._held, None
        assert held is not None, "a turn ended that had not started"
        held.lock.release()
        self._leave(held)

    def _leave(self, held: _Held) -> None:
        held.users -= 1
        if held.users == 0:
            del _locks[self._key]


async def pause(attempt: int) -> None:
    """Wait before retry `attempt` (0-based): random, doubling from 5 ms to at most 250 ms, so
    replicas that missed together do not retry together."""
    await asyncio.sleep(random.uniform(0, min(0.25, 0.005 * 2**attempt)))
