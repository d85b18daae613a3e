"""The server serves exactly the spec's operations, and the spec as written."""

from __future__ import annotations

import yaml
from starlette.routing import Route

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


def test_every_stored_body_is_a_valid_response_of_its_model(api: Api) -> None:
    """The server renders responses without validating them again: this, and the fuzzer's
    response_schema_conformance, are where they meet the generated response models."""
    ctx = api.client.app.state.ctx  # type: ignore[attr-defined]
    gid = api.post("/api/v1/gateways", json={"name": "g", "tags": ["t"]}).json()["id"]
    upstream = {
        "name": "u",
        "algorithm": "semantic",
        "embedding_config": {"provider": "openai", "model": "m", "credentials": {"api_key": "k"}},
        "targets": [
            {"provider": "openai", "models": ["a"], "credentials": {"api_key": "k"}, "description": "d"},
            {
                "host": "h.example",
                "port": 1,
                "protocol": "http",
                "description": "d",
                "credentials": {"param_value": "v"},
            },
        ],
        "health_checks": {"interval": 5},
        "proxy": {"host": "p.example", "port": "3128"},
    }
    uid = api.post(f"/api/v1/gateways/{gid}/upstreams", json=upstream).json()["id"]
    service = {"name": "s", "type": "upstream", "upstream_id": uid, "credentials": {"aws_session_token": "t"}}
    sid = api.post(f"/api/v1/gateways/{gid}/services", json=service).json()["id"]
    tool_service = {"name": "n", "description": "d", "auth_type": "bearer", "auth_values": {"token": "t"}}
    tsid = api.post("/api/v1/services/", json=tool_service).json()["id"]
    api.post("/api/v1/tools/", json={"name": "t1", "service_id": tsid, "definition": {"a": 1}})
    reads = [
        (ctx.gateway.response, f"/api/v1/gateways/{gid}"),
        (ctx.upstream.response, f"/api/v1/gateways/{gid}/upstreams/{uid}"),
        (ctx.gateway_service.response, f"/api/v1/gateways/{gid}/services/{sid}"),
        (ctx.tool_service.response, f"/api/v1/services/{tsid}"),
        (ctx.tool.response, "/api/v1/tools/t1"),
    ]
    for model, path in reads:
        response = api.get(path)
        assert response.status_code == 200
        model.validate_json(response.content)  # raises on any field the model refuses
