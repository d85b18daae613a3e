"""What every resource handler shares: reading a write body into plain data, rendering the masked
response, ETags, and the read-merge-write loop of a PUT.
"""

from __future__ import annotations

import re
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import TypeAdapter
from starlette.requests import Request
from starlette.responses import Response

from ..codec import dumps
from ..errors import Busy, FieldError, InvalidRequest, NotFound, PreconditionFailed
from ..masking import Shape, mask
from ..spec import Spec
from ..store import Kind, Page, Store, Stored
from ..validation import SchemaCheck
from .inputs import parse_body, plain_body, read_raw
from .parameters import header
from .row_locks import ATTEMPTS, RETRY_AFTER_SECONDS, end_turn, pause, row_lock, turns_ended

__all__ = [
    "JSON",
    "MAX_PAGE_BYTES",
    "BodySchema",
    "ResourceType",
    "check_ids",
    "check_if_match",
    "delete_checked",
    "etag",
    "json_response",
    "list_envelope",
    "now",
    "page_budget",
    "paged_envelope",
    "replace_with_retry",
    "resolved_response",
    "writable",
]

JSON = "application/json"
_ETAG = re.compile(r'(?:W/)?"([^"]*)"|\*')


@dataclass(frozen=True)
class BodySchema:
    """A request body schema of the spec: its generated model, and the schema itself for the rules
    the model cannot say (`not`, `if`/`then`, int64), checked on what the model accepted.

    `defaults` fill fields left out. They are the `default`s of the answer's schema: a request
    schema's `default` makes the field required in the types some generators write
    (openapi-typescript), so the spec states it where the value is always present.
    """

    model: TypeAdapter[Any]
    check: SchemaCheck
    defaults: Mapping[str, Any]
    plain: SchemaCheck  # the schema, refusing what the model would rewrite (`inputs.plain_body`)

    @classmethod
    def of(cls, spec: Spec, models: Any, name: str, answer: str | None = None) -> BodySchema:
        ref = f"#/components/schemas/{name}"
        return cls(
            TypeAdapter(getattr(models, name)),
            SchemaCheck(spec, ref),
            spec.defaults(answer) if answer else {},
            SchemaCheck(spec, ref, canonical=True),
        )

    async def read(self, request: Request) -> dict[str, Any]:
        """The body as plain JSON data: omitted fields absent (or their default), null kept as None."""
        raw = await read_raw(request)
        data = plain_body(raw, self.plain)
        if data is None:  # the model's way: it reads, and names every error
            data = self.model.dump_python(parse_body(raw, self.model), mode="json")
            errors = self.check.errors(data)
            if errors:
                raise InvalidRequest(errors)
        return {**self.defaults, **data}


@dataclass(frozen=True)
class ResourceType:
    """One resource as the spec defines it: its table, write body and response models, and secrets."""

    kind: Kind
    write: BodySchema
    response: TypeAdapter[Any]
    shape: Shape
    read_only: frozenset[str]  # accepted in a write body so a GET body can go back
    update: BodySchema  # the update body (`write` when the spec has no update schema of its own)
    resolved: TypeAdapter[Any] | None  # the answer of its resolve operation, if it has one

    async def incoming(self, request: Request, body: BodySchema | None = None) -> dict[str, Any]:
        """The write body (or another body of this resource, such as an update's) as plain data."""
        return await (body or self.write).read(request)

    def resolved_body(self, data: Mapping[str, Any]) -> bytes:
        """The resolve operation's answer (decrypted secrets), as its schema has it."""
        if self.resolved is None:
            raise TypeError("this resource has no resolve operation")
        return self.resolved.dump_json(self.resolved.validate_python(data))

    def render(
        self,
        doc: Mapping[str, Any],
        extra: Mapping[str, Any] | None = None,
        exclude: set[str] | None = None,
    ) -> bytes:
        """The masked document as JSON. It is not validated again: it is made of a body the write
        model validated and the server's own fields (tests and the fuzzer check every response
        against the response models; a second validation here cost PUT a tenth of its speed)."""
        public = mask(doc, self.shape) | dict(extra or {})
        for name in exclude or ():
            public.pop(name, None)
        return dumps(public)


def now() -> str:
    """An RFC 3339 UTC timestamp with milliseconds (lists order by it), as
    `datetime.now(UTC).isoformat(timespec="milliseconds")` with `Z` writes it. The date and time
    of day are formatted once a second: every write asks, and formatting was a tenth of a PUT."""
    global _second
    stamp = time.time()
    whole = int(stamp)
    if whole != _second[0]:
        _second = (whole, datetime.fromtimestamp(whole, UTC).strftime("%Y-%m-%dT%H:%M:%S"))
    return f"{_second[1]}.{int((stamp - whole) * 1000):03d}Z"


_second = (0, "")


def etag(version: int) -> str:
    return f'"{version}"'


class JsonResponse(Response):
    """A JSON answer with its headers written directly: what Starlette's `Response` would send for
    `Response(body, status, headers={"ETag": ...}, media_type=JSON)`, without its generic header
    assembly on every request."""

    media_type = JSON

    def __init__(self, body: bytes, status: int = 200, version: int | None = None) -> None:
        self.status_code = status
        self.background = None
        self.body = body
        self.raw_headers = [(b"content-length", b"%d" % len(body)), (b"content-type", _JSON_TYPE)]
        if version is not None:
            self.raw_headers.insert(0, (b"etag", b'"%d"' % version))


_JSON_TYPE = JSON.encode()


def json_response(body: bytes, status: int = 200, version: int | None = None) -> Response:
    return JsonResponse(body, status, version)


# Plain secrets: no cache, shared or private, may keep them (RFC 9111 5.2.2.5; Pragma for HTTP/1.0).
_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def resolved_response(body: bytes) -> Response:
    """An answer that holds decrypted secrets."""
    return Response(body, headers=_NO_STORE, media_type=JSON)


def if_match(request: Request) -> str | None:
    """The If-Match header (checked with the operation's other parameters, `parameters.py`)."""
    return header(request, b"if-match")


def check_if_match(request: Request, version: int) -> bool:
    """Raise PreconditionFailed when If-Match names no current version; True when it was sent."""
    return _check_tags(if_match(request), version)


def _check_tags(header: str | None, version: int) -> bool:
    if header is None:
        return False
    tags = {m.group(1) if m.group(0) != "*" else "*" for m in _ETAG.finditer(header)}
    if "*" not in tags and str(version) not in tags:
        raise PreconditionFailed("the resource changed since it was read (If-Match does not match)")
    return True


T = TypeVar("T")


async def replace_with_retry(
    request: Request,
    store: Store,
    load: Callable[[], Awaitable[Stored | None]],
    build: Callable[[Stored], Awaitable[tuple[dict[str, Any], bytes]]],
    kind: Kind,
) -> tuple[Stored, dict[str, Any], bytes]:
    """Read, check If-Match, build the new document, write if the version is unchanged."""

    async def write(old: Stored) -> tuple[Stored, dict[str, Any], bytes] | None:
        doc, body = await build(old)
        if await store.replace(kind, old, doc, body):
            return Stored(old.id, old.version + 1, doc, body), doc, body
        return None

    return await _in_turn(request, kind, load, write)


async def delete_checked(
    request: Request, store: Store, kind: Kind, load: Callable[[], Awaitable[Stored | None]]
) -> Stored:
    """Delete what `load` finds if it is still at the version read (and If-Match names it)."""

    async def remove(old: Stored) -> Stored | None:
        return old if await store.delete(kind, old) else None

    return await _in_turn(request, kind, load, remove)


async def _in_turn(
    request: Request,
    kind: Kind,
    load: Callable[[], Awaitable[Stored | None]],
    attempt_write: Callable[[Stored], Awaitable[T | None]],
) -> T:
    """Run `attempt_write` on the row as read until it wins; None means another writer won.

    Writers of one row take turns in this process; a write that another replica's write beat is
    a 412 when If-Match named the version now gone, and is otherwise tried again on the fresh row
    (412 is only ever the answer to a precondition the client sent). A row that stays contended
    for every attempt is a 503 with Retry-After.
    """
    header = if_match(request)  # a malformed header is a 422, before anything is read
    seen = turns_ended()
    first = await load()
    if first is None:
        raise NotFound("no such resource")
    # A turn that was running or ended meanwhile ends before ours starts: the count says so.
    async with row_lock(kind.table, first.id):
        try:
            for attempt in range(ATTEMPTS):
                old = first if attempt == 0 and turns_ended() == seen else await load()
                if old is None:
                    raise NotFound("no such resource")
                conditional = _check_tags(header, old.version)
                done = await attempt_write(old)
                if done is not None:
                    return done
                if conditional and await _version_moved(load, old):
                    moved = "the resource changed since it was read (If-Match does not match)"
                    raise PreconditionFailed(moved)
                await pause(attempt)
        finally:
            end_turn()
    raise Busy("the resource is being written by other servers; try again", RETRY_AFTER_SECONDS)


async def _version_moved(load: Callable[[], Awaitable[Stored | None]], old: Stored) -> bool:
    """Whether another update won; a key rotation alone (same version) is retried, not a 412."""
    now = await load()
    return now is None or now.version != old.version


def writable(data: Mapping[str, Any], read_only: frozenset[str]) -> dict[str, Any]:
    """The body without its read-only fields (sent back from a GET body, they are not writes)."""
    return {k: v for k, v in data.items() if k not in read_only}


def check_ids(data: Mapping[str, Any], expected: Mapping[str, Any]) -> None:
    """Read-only ids in a body must be the resource's own."""
    errors = [
        FieldError(("body", name), "must be the id of the resource being updated", "id_mismatch")
        for name, value in expected.items()
        if name in data and data[name] != value
    ]
    if errors:
        raise InvalidRequest(errors)


# A page is at most this many bytes of items (issue 9, M7: 100 tools of 1 MB made a 100 MB page). The
# store reads no row past it (`Store.page`, `Store.search`: `budget`), so it also bounds a list's memory.
MAX_PAGE_BYTES = 8 * 1024 * 1024


def page_budget() -> int:
    """The byte budget a list asks the store for (read when asked, so a test can lower it)."""
    return MAX_PAGE_BYTES


def list_envelope(page: Page, offset: int, limit: int) -> Response:
    """An offset page. One the byte budget cut short has as its `limit` the number of items given,
    so `offset + limit` is still where the next page starts; `total` stays exact."""
    body = b'{"items":[%s],"total":%d,"offset":%d,"limit":%d}' % (
        b",".join(page.bodies),
        page.total,
        offset,
        len(page.bodies) if page.cut else limit,
    )
    return Response(body, media_type=JSON)


def paged_envelope(page: Page, number: int, size: int) -> Response:
    """A numbered page. Cutting one short would hide its other items from a client that counts
    pages, so a page the byte budget cut is a 422 on `limit` that says how many items fit."""
    if page.cut:
        raise InvalidRequest.one(
            ("query", "limit"),
            f"this page would be over {MAX_PAGE_BYTES} bytes; at most {len(page.bodies)} of its items fit",
            "page_too_large",
        )
    pages = -(-page.total // size)
    body = b'{"items":[%s],"page":%d,"page_size":%d,"total_pages":%d,"total_count":%d}' % (
        b",".join(page.bodies),
        number,
        size,
        pages,
        page.total,
    )
    return Response(body, media_type=JSON)
