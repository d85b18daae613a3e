"""Routes from the spec: a path matches whole or not at all, and each method gets a clean answer.

- A route's pattern must match the whole path (`\\Z`): Starlette's `$` also matches before a trailing
  newline, which sent `GET /api/v1/tools/%0A` to the list operation (issue 14).
- An encoded slash (`%2F`) never splits a path: no segment of this API holds one, and decoding it
  would route `/gateways/{id}%2Fservices` to another operation.
- HEAD is GET without the body (RFC 9110 9.3.2); any other method the spec does not give a path is a
  405 problem with an `Allow` header, OPTIONS included.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.convertors import StringConvertor
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match, Route, Router
from starlette.types import ASGIApp, Receive, Scope, Send

from ..spec import Spec
from .endpoint import Endpoint, attach, read_parameters
from .problems import error_response, problem
from .routes import HANDLERS, Handler

__all__ = ["SpecRoute", "SpecRouter", "routes_for"]

_ENCODED_SLASH = re.compile(rb"%2f", re.IGNORECASE)


class SpecRoute(Route):
    """One path of the spec with the handlers of its methods."""

    def __init__(self, path: str, endpoints: dict[str, Endpoint]) -> None:
        super().__init__(path, _dispatch(endpoints), methods=list(endpoints), name=path)
        # `$` matches before a trailing newline; `\Z` only at the very end.
        self.path_regex = re.compile(self.path_regex.pattern.removesuffix("$") + r"\Z")
        self.allow = ", ".join(sorted(self.methods or ()))
        # A parameter is one segment (no `/`): a path with another number of slashes cannot match.
        self.slashes = path.count("/")
        self.app = _asgi(endpoints)
        # Every parameter is a plain string (no convertor changes it): SpecRouter may match directly.
        self.plain = all(isinstance(c, StringConvertor) for c in self.param_convertors.values())

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        # Checked for every route a request is tried against: the cheap tests first.
        if (
            scope["type"] == "http"
            and not scope.get("root_path")
            and scope["path"].count("/") != self.slashes
        ):
            return Match.NONE, {}
        raw_path = scope.get("raw_path") or b""
        if b"%" in raw_path and _ENCODED_SLASH.search(raw_path):
            return Match.NONE, {}
        return super().matches(scope)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] not in (self.methods or ()):
            detail = f"this path takes {self.allow}"
            response = problem(405, detail, headers={"Allow": self.allow})
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


class SpecRouter(Router):
    """Starlette's router, trying first only the routes with the request path's number of slashes.

    The first route that matches in full is the one Starlette would pick (a full match wins over an
    earlier partial one, and no route with another slash count can match). Anything else (405, 404,
    a root path) takes Starlette's own walk over every route."""

    def __init__(self, routes: list[Route], **kwargs: Any) -> None:
        super().__init__(routes, **kwargs)
        by_slashes: dict[int, list[SpecRoute]] = {}
        for route in routes:
            if isinstance(route, SpecRoute):
                by_slashes.setdefault(route.slashes, []).append(route)
        # Only where every parameter is a plain string can a route be matched by its regex alone.
        self._by_slashes = {n: rs for n, rs in by_slashes.items() if all(r.plain for r in rs)}

    def match(self, scope: Scope) -> SpecRoute | None:
        """The route that takes this request in full, with the scope marked as Starlette's
        `Route.matches` marks it (string parameters, the method allowed); None: walk them all."""
        if scope["type"] != "http" or scope.get("root_path"):
            return None
        path, raw_path = scope["path"], scope.get("raw_path") or b""
        if b"%" in raw_path and _ENCODED_SLASH.search(raw_path):
            return None
        for route in self._by_slashes.get(path.count("/"), ()):
            found = route.path_regex.match(path)
            if found is None or scope["method"] not in (route.methods or ()):
                continue
            path_params = dict(scope.get("path_params", {}))
            path_params.update(found.groupdict())
            scope.setdefault("router", self)
            scope["route"] = route
            scope["endpoint"] = route.endpoint
            scope["path_params"] = path_params
            return route
        return None

    def front(self, stack: ASGIApp) -> ASGIApp:
        """A request that one route takes in full goes straight to it; anything else through
        `stack` (Starlette's error and exception middleware, then this router's walk).

        The middleware adds nothing there: the route answers every error itself (`_asgi`), and an
        error while sending reaches the server either way. Its two layers and their send wrappers
        cost a few microseconds of a ~90 us GET under uvicorn (measured side by side with wrk)."""

        async def app(scope: Scope, receive: Receive, send: Send) -> None:
            route = self.match(scope)
            await (stack if route is None else route.app)(scope, receive, send)

        return app


def routes_for(spec: Spec) -> list[Route]:
    """One route per path of the spec, with exactly the methods the spec gives it."""
    operations = list(spec.operations())
    missing = {op.operation_id for op in operations} - set(HANDLERS)
    extra = set(HANDLERS) - {op.operation_id for op in operations}
    if missing or extra:
        raise RuntimeError(
            f"handlers do not match the spec: missing {sorted(missing)}, extra {sorted(extra)}"
        )
    by_path: dict[str, dict[str, Endpoint]] = {}
    for op in operations:
        by_path.setdefault(op.path, {})[op.method] = Endpoint.of(spec, op, HANDLERS[op.operation_id])
    return [SpecRoute(path, endpoints) for path, endpoints in by_path.items()]


async def _call(endpoint: Endpoint, request: Request) -> Response:
    """The endpoint's handler, once routing marked the request with it. An operation with no
    security reads its parameters at once; any other after its caller is known (`context.caller`),
    so a request without a valid key learns nothing about its parameters."""
    attach(request.scope, endpoint)
    if endpoint.scopes is None:
        read_parameters(request)
    return await endpoint.handler(request)


def _dispatch(endpoints: dict[str, Endpoint]) -> Handler:
    """One endpoint for a path: picks the method's handler and turns every error into problem+json.

    Errors are answered here, not re-raised: a server's traceback log could quote request data.
    """

    async def endpoint(request: Request) -> Response:
        head = request.method == "HEAD"
        try:
            response = await _call(endpoints["GET" if head else request.method], request)
        except Exception as exc:
            response = error_response(request, exc)
        return _without_body(response) if head else response

    return endpoint


def _asgi(endpoints: dict[str, Endpoint]) -> Callable[[Scope, Receive, Send], Awaitable[None]]:
    """`_dispatch`'s endpoint as an ASGI app, in one frame. Starlette's `request_response` also wraps
    each call in its exception handling, which the app's ExceptionMiddleware already does around
    every route (with the same handlers), and every error is answered here."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive, send)
        method = scope["method"]
        try:
            response = await _call(endpoints["GET" if method == "HEAD" else method], request)
        except Exception as exc:
            response = error_response(request, exc)
        await (_without_body(response) if method == "HEAD" else response)(scope, receive, send)

    return app


def _without_body(response: Response) -> Response:
    """The GET answer's status and headers (Content-Length included), with no body."""
    head = Response(status_code=response.status_code)
    head.raw_headers = list(response.raw_headers)
    return head


def route_template(routes: list[Any], path: str) -> str | None:
    """The spec path that `path` with its trailing slash added or removed would reach, if any."""
    other = path[:-1] if path.endswith("/") else path + "/"
    for route in routes:
        if isinstance(route, SpecRoute) and route.path_regex.match(other):
            return route.path
    return None
