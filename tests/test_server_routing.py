"""Routes from the spec (server/routing.py, server/app.py): exactly the spec's operations, and a
problem for any other path or method."""

from __future__ import annotations

import pytest
from starlette.routing import Route

from specgate.server import routes
from specgate.server.routes import gateways, handlers_of, tools
from specgate.spec import Spec

from .support import Api


def test_the_route_table_is_the_spec(api: Api, spec: Spec) -> None:
    served = {
        (method, route.path)
        for route in api.client.app.routes  # type: ignore[attr-defined]
        if isinstance(route, Route)
        for method in route.methods or ()
        if method != "HEAD"
    }
    assert served == {(op.method, op.path) for op in spec.operations()}


def test_unknown_paths_and_methods_are_problems(api: Api) -> None:
    missing = api.get("/api/v1/nothing")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
    wrong = api.request("PATCH", "/api/v1/gateways")
    assert wrong.status_code == 405 and wrong.headers["content-type"] == "application/problem+json"


def test_every_route_module_is_found_by_its_place() -> None:
    """Adding a resource's handlers is adding its module: no list of modules to extend."""
    assert set(gateways.HANDLERS) | set(tools.HANDLERS) <= set(routes.HANDLERS)
    assert "createGateway" in routes.HANDLERS and "createTool" in routes.HANDLERS


def test_an_operation_handled_by_two_route_modules_is_refused() -> None:
    with pytest.raises(RuntimeError, match=r"two route modules handle listGateways: .*gateways is one"):
        handlers_of([gateways, tools, gateways])
