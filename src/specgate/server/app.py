"""The app factory: routes come from the spec's operations (see routing.py), errors are problem+json."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp

from ..config import Settings
from ..logs import logger
from ..spec import Spec, load_spec
from ..store import Store, open_database, sqlite_path
from ..store.migrate import upgrade
from .context import build_context
from .problems import problem
from .request_id import RequestId
from .routing import SpecRouter, route_template, routes_for

__all__ = ["create_app", "routes_for"]

log = logger("specgate.server")


class _App(Starlette):
    """Starlette with `X-Request-Id` outermost, so even its own error answers carry one, and the
    spec's router (routing.SpecRouter) in front of Starlette's middleware for the requests a spec
    route takes."""

    def __init__(self, routes: list[Route], **kwargs: Any) -> None:
        super().__init__(routes=routes, **kwargs)
        self.spec_router = SpecRouter(routes, lifespan=kwargs.get("lifespan"))
        self.router = self.spec_router

    def build_middleware_stack(self) -> ASGIApp:
        return RequestId(self.spec_router.front(super().build_middleware_stack()))


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
        app.state.ctx = build_context(spec, store, settings.keyring, settings.api_key_cache_seconds)
        try:
            yield
        finally:
            await store.close()

    app = _App(
        routes=routes_for(spec),
        lifespan=lifespan,
        exception_handlers={HTTPException: _http},
    )
    # No redirect to the path with or without its trailing slash: Starlette builds that Location from
    # the Host header (issue 9, L10); the 404 names the spec's path instead.
    app.router.redirect_slashes = False
    return app


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    detail = exc.detail
    if exc.status_code == 404:
        template = route_template(request.app.routes, request.url.path)
        detail = f"no such path; the API has {template}" if template else "no such path"
    return problem(exc.status_code, detail, headers=exc.headers)
