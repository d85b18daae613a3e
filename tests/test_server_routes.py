"""The server serves exactly the spec's operations, and the spec as written."""

from __future__ import annotations

import yaml
from starlette.routing import Route

from specgate.spec import Spec

from .conftest import Api


def test_the_route_table_is_the_spec(api: Api, spec: Spec) -> None:
    served = {
        (method, route.path)
        for route in api.client.app.routes  # type: ignore[attr-defined]
        if isinstance(route, Route)
        for method in route.methods or ()
        if method != "HEAD"
    }
    assert served == {(op.method, op.path) for op in spec.operations()}


def test_the_spec_is_served_as_written(api: Api, spec: Spec) -> None:
    assert api.client.get("/openapi.yaml").text == spec.text
    assert api.client.get("/openapi.json").json() == yaml.safe_load(spec.text)
    version = api.client.get("/version").json()
    assert version["api"] == spec.version


def test_health_and_readiness(api: Api) -> None:
    assert api.client.get("/healthz").json() == {"status": "ok"}
    assert api.client.get("/readyz").json() == {"status": "ok"}


def test_unknown_paths_and_methods_are_problems(api: Api) -> None:
    missing = api.get("/api/v1/nothing")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
    wrong = api.request("PATCH", "/api/v1/gateways")
    assert wrong.status_code == 405 and wrong.headers["content-type"] == "application/problem+json"
