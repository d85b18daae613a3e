"""Uvicorn's HTTP/1.1 protocol with the read limits it lacks: a head size and read deadlines.

Uvicorn reads a request head of any size with httptools (64 MiB were buffered, issue 9 M5) and has no
timeout while a request arrives: `timeout_keep_alive` covers only the idle time between requests, and
a client that sends half a head, or a body shorter than its Content-Length, holds the connection for
ever. ASGI middleware cannot help: the app runs only once the head is parsed. So the protocol does it:

- a head larger than `max_head` bytes (64 KiB by default) is answered 431 and the connection closed,
  at most one read (256 KiB) past the limit;
- a head must be whole `head_timeout` seconds after its first byte (after the connection opens, for
  the first request), else 408 and close;
- a body must be whole `body_timeout` seconds after its head, else the connection is closed (the
  handler reading it sees a disconnect).
"""

from __future__ import annotations

import asyncio
import enum
import logging
import uuid
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import orjson
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

__all__ = ["ReadLimits", "limited_protocol"]

log = logging.getLogger("specgate.server")


@dataclass(frozen=True)
class ReadLimits:
    max_head: int = 64 * 1024
    head_timeout: float = 10.0
    body_timeout: float = 30.0


class _Phase(enum.Enum):
    IDLE = "between requests"
    HEAD = "reading a head"
    BODY = "reading a body"


class LimitedProtocol(HttpToolsProtocol):
    limits = ReadLimits()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._phase = _Phase.IDLE
        self._head_bytes = 0
        self._heads = 0  # heads completed on this connection
        self._refused = False
        self._deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._begin_head()  # a connection that never sends a byte is a head that never arrives

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        heads = self._heads
        super().data_received(data)
        # Counted only while one head is being read (not a pipelined head after a whole request).
        if self._phase is _Phase.HEAD and self._heads == heads and not self._refused:
            self._head_bytes += len(data)
            if self._head_bytes > self.limits.max_head:
                self._refuse(431, f"the request head is larger than {self.limits.max_head} bytes")

    # Parser callbacks: the phases of each request.
    def on_message_begin(self) -> None:
        if self._phase is not _Phase.HEAD:
            self._begin_head()
        super().on_message_begin()

    def on_url(self, url: bytes) -> None:
        if not self._refused:
            super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        if not self._refused:
            super().on_header(name, value)

    def on_headers_complete(self) -> None:
        if self._refused:
            return
        # Exact size of what was kept (the early check in data_received counts whole reads).
        size = len(self.url) + sum(len(name) + len(value) + 4 for name, value in self.headers)
        if size > self.limits.max_head:
            self._refuse(431, f"the request head is larger than {self.limits.max_head} bytes")
            return
        self._heads += 1
        self._phase = _Phase.BODY
        self._arm(self.limits.body_timeout)
        super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if not self._refused:
            super().on_body(body)

    def on_message_complete(self) -> None:
        if self._refused:
            return
        self._phase = _Phase.IDLE
        self._disarm()
        super().on_message_complete()

    # The deadline.
    def _begin_head(self) -> None:
        self._phase = _Phase.HEAD
        self._head_bytes = 0
        self._arm(self.limits.head_timeout)

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._expired)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expired(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        seconds = self.limits.head_timeout if self._phase is _Phase.HEAD else self.limits.body_timeout
        log.info("closed a connection %s for over %s s", self._phase.value, seconds)
        if self._phase is _Phase.HEAD and (self.cycle is None or self.cycle.response_complete):
            self._refuse(408, f"the request did not arrive within {seconds} s")
        else:
            self.transport.close()  # a handler waiting for the body sees a disconnect

    def _refuse(self, status: int, detail: str) -> None:
        """Answer a problem+json from here (no request reached the app) and close."""
        self._refused = True
        self._disarm()
        if self.cycle is None or self.cycle.response_complete:
            self.transport.write(_problem_bytes(status, detail))
        self.transport.close()


def _problem_bytes(status: int, detail: str) -> bytes:
    request_id = uuid.uuid4().hex
    phrase = HTTPStatus(status).phrase
    body = orjson.dumps(
        {"type": "about:blank", "title": phrase, "status": status, "detail": detail, "request_id": request_id}
    )
    head = (
        f"HTTP/1.1 {status} {phrase}\r\n"
        "content-type: application/problem+json\r\n"
        f"content-length: {len(body)}\r\n"
        f"x-request-id: {request_id}\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


def limited_protocol(limits: ReadLimits) -> type[LimitedProtocol]:
    """The protocol class uvicorn instantiates per connection, with these limits."""
    return type("LimitedProtocol", (LimitedProtocol,), {"limits": limits})
