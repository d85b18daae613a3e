"""What every handler shares (server/resources.py): the responses it renders are valid for the models."""

from __future__ import annotations

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
