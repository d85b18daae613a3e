"""What every handler shares (server/resources.py): the responses it renders are valid for the models."""

from __future__ import annotations

import re

from specgate.registry import GATEWAY, GATEWAY_SERVICE, RESOURCES, TOOL, TOOL_SERVICE, UPSTREAM
from specgate.spec import Spec

from .support import Api


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
        (ctx[GATEWAY].response, f"/api/v1/gateways/{gid}"),
        (ctx[UPSTREAM].response, f"/api/v1/gateways/{gid}/upstreams/{uid}"),
        (ctx[GATEWAY_SERVICE].response, f"/api/v1/gateways/{gid}/services/{sid}"),
        (ctx[TOOL_SERVICE].response, f"/api/v1/services/{tsid}"),
        (ctx[TOOL].response, "/api/v1/tools/t1"),
    ]
    assert len(reads) == len(RESOURCES)
    for model, path in reads:
        response = api.get(path)
        assert response.status_code == 200
        model.validate_json(response.content)  # raises on any field the model refuses


def test_every_answer_carries_its_request_id_as_the_spec_says(api: Api, spec: Spec) -> None:
    header = spec.document["components"]["headers"]["RequestId"]
    pattern = re.compile(header["schema"]["pattern"])
    gid = api.post("/api/v1/gateways", json={"name": "g"}).json()["id"]
    answers = [
        api.get("/api/v1/gateways"),
        api.get(f"/api/v1/gateways/{gid}"),
        api.delete(f"/api/v1/gateways/{gid}"),
        api.get(f"/api/v1/gateways/{gid}"),  # 404
        api.get("/api/v1/gateways?limit=0"),  # 422
        api.get("/api/v1/gateways", scopes="write"),  # 403
        api.client.get("/api/v1/gateways"),  # 401
        api.client.get("/readyz"),
        api.get("/api/v1/gateways", headers={"X-Request-Id": "mine-1"}),
    ]
    assert [a.status_code for a in answers] == [200, 200, 204, 404, 422, 403, 401, 200, 200]
    for answer in answers:
        request_id = answer.headers["x-request-id"]
        assert pattern.fullmatch(request_id), answer
        if answer.status_code >= 400:
            assert answer.json()["request_id"] == request_id
    assert answers[-1].headers["x-request-id"] == "mine-1"
