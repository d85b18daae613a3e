"""Writes to one row, taken in turn within a server process, and paced retries across processes.

A PUT reads, merges and writes only if the row's version is unchanged. Racing writers in one
process would each miss in turn and retry; here they queue on the row instead, so only writers on
other replicas can make a write miss, and those misses are retried after a short random pause.
"""

from __future__ import annotations

import asyncio
import random
import weakref
from collections.abc import Hashable

__all__ = ["ATTEMPTS", "RETRY_AFTER_SECONDS", "end_turn", "pause", "row_lock", "turns_ended"]

ATTEMPTS = 12  # about 1.5 s of pauses in all, then 503 with Retry-After
RETRY_AFTER_SECONDS = 1

# A lock lives while a request holds or awaits it, then goes: no table of every row ever written.
_locks: weakref.WeakValueDictionary[Hashable, asyncio.Lock] = weakref.WeakValueDictionary()


# Turns ended in this process: a writer that read its row before taking the lock reads it again if
# any turn ended meanwhile (one may have started and finished while it read: the lock looked free).
_turns_ended = 0


def turns_ended() -> int:
    return _turns_ended


def end_turn() -> None:
    global _turns_ended
    _turns_ended += 1


def row_lock(table: str, row_id: Hashable) -> asyncio.Lock:
    """The lock that writers of this row take in turn (within this process)."""
    key = (table, row_id)
    lock = _locks.get(key)
    if lock is None:
        lock = asyncio.Lock()
        _locks[key] = lock
    return lock


async def pause(attempt: int) -> None:
    """Wait before retry `attempt` (0-based): random, doubling from 5 ms to at most 250 ms, so
    replicas that missed together do not retry together."""
    await asyncio.sleep(random.uniform(0, min(0.25, 0.005 * 2**attempt)))
