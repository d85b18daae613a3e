"""`X-Request-Id` on every answer: the caller's own when it is a plain token, else a new one.

The id is also in each problem body (`request_id`), read from a context variable the middleware sets, so
a client can quote it from an error alone.
"""

from __future__ import annotations

import random
import re
from contextvars import ContextVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["HEADER", "RequestId", "current_request_id"]

HEADER = "X-Request-Id"
_NAME = HEADER.lower().encode()
# Bounded, and a charset that cannot forge a log line or a header (no spaces, quotes, CR/LF).
_VALID = re.compile(rb"[A-Za-z0-9._:+=/-]{1,128}")
_current: ContextVar[str | None] = ContextVar("specgate_request_id", default=None)


def current_request_id() -> str | None:
    """The id of the request being answered (None outside a request)."""
    return _current.get()


class RequestId:
    """ASGI middleware: picks the request's id and adds it to the response headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _choose(scope)
        token = _current.set(request_id)
        header = (_NAME, request_id.encode())

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                for name, _ in headers:
                    if name.lower() == _NAME:  # the app's own is replaced (rare: a loop, no copy)
                        headers = [h for h in headers if h[0].lower() != _NAME]
                        break
                headers.append(header)
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            _current.reset(token)


def _choose(scope: Scope) -> str:
    sent, copies = b"", 0
    for name, value in scope["headers"]:
        if name == b"x-request-id":
            sent, copies = value, copies + 1
    if copies == 1 and _VALID.fullmatch(sent):
        return str(sent.decode("ascii"))
    return _new_id()


# uuid4's fixed bits: the variant (10) and the version (4), as `uuid.UUID(int=..., version=4)` sets them.
_CLEAR = ~((0xC000 << 48) | (0xF000 << 64))
_SET = (0x8000 << 48) | (4 << 76)


def _new_id() -> str:
    """An id in `uuid.uuid4().hex`'s form, without a UUID object or a system call per request.

    The bits come from `random` (reseeded from the OS at start and in each forked child): a request
    id only needs to be unique, not secret; a syscall per request cost as much as the rest of this
    middleware."""
    return "%032x" % (random.getrandbits(128) & _CLEAR | _SET)
