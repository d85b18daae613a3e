"""The app factory: routes come from the spec's operations, each bound to its handler by operationId."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..config import Settings, sqlite_path
from ..logs import logger
from ..spec import Spec, load_spec
from ..store import Store, open_database
from ..store.migrate import upgrade
from .context import build_context
from .problems import error_response, problem
from .routes import HANDLERS, Handler

__all__ = ["create_app", "routes_for"]

log = logger("specgate.server")


def routes_for(spec: Spec) -> list[Route]:
    """One route per path of the spec, with exactly the methods the spec gives it."""
    by_path: dict[str, dict[str, str]] = {}
    for op in spec.operations():
        by_path.setdefault(op.path, {})[op.method] = op.operation_id
    missing = {op for ops in by_path.values() for op in ops.values()} - set(HANDLERS)
    extra = set(HANDLERS) - {op for ops in by_path.values() for op in ops.values()}
    if missing or extra:
        raise RuntimeError(
            f"handlers do not match the spec: missing {sorted(missing)}, extra {sorted(extra)}"
        )
    routes = []
    for path, methods in by_path.items():
        handlers = {method: HANDLERS[op_id] for method, op_id in methods.items()}
        routes.append(Route(path, _dispatch(handlers), methods=list(handlers), name=path))
    return routes


def _dispatch(handlers: dict[str, Handler]) -> Handler:
    """One endpoint for a path: picks the method's handler and turns every error into problem+json.

    Errors are answered here, not re-raised: a server's traceback log could quote request data.
    """

    async def endpoint(request: Request) -> Response:
        try:
            return await handlers[request.method](request)
        except Exception as exc:
            return error_response(request, exc)

    return endpoint


def create_app(settings: Settings, spec: Spec | None = None) -> Starlette:
    spec = spec or load_spec()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if sqlite_path(settings.database_url) is not None:
            upgrade(settings.database_url)  # an embedded database is ready with nothing to set up
        db = await open_database(
            settings.database_url,
            pool_size=settings.pool_size,
            sqlite_synchronous=settings.sqlite_synchronous,
        )
        store = Store(db)
        app.state.ctx = build_context(spec, store, settings.keyring, settings.key_cache_seconds)
        try:
            yield
        finally:
            await store.close()

    return Starlette(
        routes=routes_for(spec),
        lifespan=lifespan,
        exception_handlers={HTTPException: _http},
    )


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    detail = {404: "no such path", 405: "this path does not take this method"}.get(
        exc.status_code, exc.detail
    )
    return problem(exc.status_code, detail, headers=exc.headers)
