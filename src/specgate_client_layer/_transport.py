"""Retries with exponential backoff and jitter, as an httpx transport wrapper (one place for sync and
async), and the key sent as an httpx auth flow so it never sits in the client's headers or repr.

What is retried: a connection error, a timeout, 429 and 503, only for idempotent methods (GET, HEAD,
OPTIONS, PUT, DELETE) unless the policy opts in for all methods. `Retry-After` (seconds or an HTTP date,
RFC 9110 section 10.2.3) is honoured up to `max_retry_after`; a longer wait is not retried. A request
may carry its own policy in `request.extensions["specgate.retry"]` (see `Client.with_options`).
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import math
import random
import time
from collections.abc import Awaitable, Callable, Generator
from dataclasses import dataclass

import httpx

__all__ = ["DEFAULT_TIMEOUT", "KeyAuth", "RetryPolicy", "RetryTransport"]

log = logging.getLogger("specgate_client")

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
"""Finite by default: 5 s to connect, 30 s for each read, write and pool wait."""

IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRY_STATUSES = frozenset({429, 503})
EXTENSION = "specgate.retry"


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry. `max_retries=0` turns retrying off."""

    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0
    all_methods: bool = False  # opt in to retrying POST (and other non-idempotent methods)

    def allows(self, method: str, attempt: int) -> bool:
        return attempt < self.max_retries and (self.all_methods or method.upper() in IDEMPOTENT)

    def backoff(self, attempt: int) -> float:
        """Exponential backoff with jitter: up to a quarter less than initial * 2**attempt, capped."""
        delay = min(self.initial_delay * 2.0 ** min(attempt, 30), self.max_delay)
        return delay * (1 - 0.25 * random.random())

    def delay(self, attempt: int, response: httpx.Response | None) -> float | None:
        """Seconds to wait before the next attempt, or None when the server asks for too long."""
        after = retry_after(response.headers) if response is not None else None
        if after is None:
            return self.backoff(attempt)
        return after if after <= self.max_retry_after else None


def retry_after(headers: httpx.Headers) -> float | None:
    """Retry-After as seconds from now: delay-seconds or an HTTP date; None when absent or malformed."""
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            date = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = date.timestamp() - time.time() if date.tzinfo is not None else math.nan
    return max(0.0, seconds) if math.isfinite(seconds) else None


def _policy(request: httpx.Request, default: RetryPolicy) -> RetryPolicy:
    policy = request.extensions.get(EXTENSION)
    return policy if isinstance(policy, RetryPolicy) else default


def _retry_wait(
    request: httpx.Request, response: httpx.Response, policy: RetryPolicy, attempt: int
) -> float | None:
    """Seconds to wait before retrying this answer, or None to hand it to the caller."""
    if response.status_code not in RETRY_STATUSES or not policy.allows(request.method, attempt):
        return None
    return policy.delay(attempt, response)


class RetryTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Wraps a transport (sync, async or both) and retries what the policy allows."""

    def __init__(
        self,
        sync: httpx.BaseTransport | None = None,
        async_: httpx.AsyncBaseTransport | None = None,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        asleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._sync = sync
        self._async = async_
        self.policy = policy or RetryPolicy()
        self._sleep = sleep
        self._asleep = asleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self._sync is None:
            raise RuntimeError("this transport has no synchronous transport")
        policy = _policy(request, self.policy)
        attempt = 0
        while True:
            try:
                response = self._sync.handle_request(request)
            except httpx.TransportError:
                if not policy.allows(request.method, attempt):
                    raise
                wait = policy.backoff(attempt)
            else:
                retry_wait = _retry_wait(request, response, policy, attempt)
                if retry_wait is None:
                    return response
                response.close()
                wait = retry_wait
            _note(request, attempt, wait)
            self._sleep(wait)
            attempt += 1

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._async is None:
            raise RuntimeError("this transport has no asynchronous transport")
        policy = _policy(request, self.policy)
        attempt = 0
        while True:
            try:
                response = await self._async.handle_async_request(request)
            except httpx.TransportError:
                if not policy.allows(request.method, attempt):
                    raise
                wait = policy.backoff(attempt)
            else:
                retry_wait = _retry_wait(request, response, policy, attempt)
                if retry_wait is None:
                    return response
                await response.aclose()
                wait = retry_wait
            _note(request, attempt, wait)
            await self._asleep(wait)
            attempt += 1

    def close(self) -> None:
        if self._sync is not None:
            self._sync.close()

    async def aclose(self) -> None:
        if self._async is not None:
            await self._async.aclose()


def _note(request: httpx.Request, attempt: int, wait: float) -> None:
    # Method and path only: never the query string or a header (either could carry a key).
    log.info("retrying %s %s in %.2f s (retry %d)", request.method, request.url.path, wait, attempt + 1)


class KeyAuth(httpx.Auth):
    """Sends the API key in one header; its repr hides the key."""

    def __init__(self, header: str, value: str) -> None:
        self._header = header
        self._value = value

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers[self._header] = self._value
        yield request

    def __repr__(self) -> str:
        return f"KeyAuth({self._header!r}, '********')"
