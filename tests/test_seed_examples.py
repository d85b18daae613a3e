"""Both seed pages' examples, end to end: every secret masked, every merge rule holding.

The gateway page's PUT body is read from tests/data/seeds and filled with real values: every
credentials field of the seed gets one, in the service and in both kinds of target.
"""

from __future__ import annotations

import sqlite3
import subprocess
from typing import Any

from specgate.masking import MASK, secret_values, shape_of
from specgate.spec import Spec
from specgate.store import sqlite_path

from .support import GATEWAY_TEXT, TOOLS_TEXT, Api, json_example

SETTINGS = {"param_location": "query", "header_name": "X-Api-Key", "aws_region": "eu-west-1"}


def real_credentials(seed: dict[str, Any], spec: Spec, tag: str) -> dict[str, Any]:
    """A value for every credentials field of the seed: secrets unique per field and place."""
    marked = spec.schema("CredentialsWrite")["properties"]
    values: dict[str, Any] = {}
    for name, placeholder in seed.items():
        if isinstance(placeholder, bool):
            values[name] = True
        elif marked[name].get("x-secret"):
            values[name] = f"real-{tag}-{name}-7f3a"
        else:
            values[name] = SETTINGS.get(name, f"{name}-setting")
    return values


def seed_body(spec: Spec) -> tuple[dict[str, Any], dict[str, Any]]:
    """(upstream body, endpoint service body) from the seed's PUT example, with real values."""
    seed = json_example(GATEWAY_TEXT)
    seed_upstream, seed_target = seed["upstream"], seed["upstream"]["targets"][0]
    provider = {k: v for k, v in seed_target.items() if k not in ("host", "port", "protocol", "path", "id")}
    provider |= {
        "provider": "openai",
        "models": ["gpt-4o"],
        "default_model": "gpt-4o",
        "weight": 2,
        "priority": 1,
    }
    provider |= {"description": "primary", "tags": ["a"], "headers": {"X-A": "1"}}
    provider["credentials"] = real_credentials(seed_target["credentials"], spec, "provider-target")
    host = {"host": "llm.internal.example", "port": 8443, "protocol": "https", "path": "/v1", "weight": 1}
    host |= {"description": "fallback", "insecure_ssl": False, "stream": True, "priority": 2}
    host["credentials"] = real_credentials(seed_target["credentials"], spec, "host-target")
    upstream = {
        "name": "llm-pool",
        "algorithm": "semantic",
        "tags": ["llm"],
        "targets": [provider, host],
        "embedding_config": {
            "provider": "openai",
            "model": "text-embedding-3-small",
            "credentials": real_credentials(
                seed_upstream["embedding_config"]["credentials"], spec, "embedding"
            ),
        },
        "health_checks": {
            "headers": {"X-Probe": "1"},
            "interval": 10,
            "passive": True,
            "path": "/h",
            "threshold": 3,
        },
        "websocket_config": {
            "enable_direct_communication": True,
            "handshake_timeout": "10s",
            "ping_period": "30s",
            "pong_wait": "1m",
            "read_buffer_size": 4096,
            "return_error_details": True,
            "write_buffer_size": 4096,
        },
    }
    assert set(upstream) | {"id", "gateway_id", "created_at", "updated_at", "proxy"} == set(seed_upstream)
    service = {
        "name": "weather",
        "description": "weather API",
        "type": "endpoint",
        "host": "api.weather.example",
        "port": 443,
        "protocol": "https",
        "path": "/v2",
        "retries": 2,
        "stream": True,
        "headers": {"X-Team": "platform"},
        "tags": ["weather"],
        "credentials": real_credentials(seed["credentials"], spec, "service"),
    }
    return upstream, service


def test_the_gateway_seed_round_trips_with_every_secret_masked(api: Api, spec: Spec) -> None:
    upstream, service = seed_body(spec)
    secrets = list(secret_values(upstream, shape_of(spec, "UpstreamWrite")))
    secrets += list(secret_values(service, shape_of(spec, "GatewayServiceWrite")))
    assert len(secrets) == 4 * 8  # eight secret fields, in four credentials objects
    gid = api.post("/api/v1/gateways", json={"name": "seed"}).json()["id"]
    up = api.post(f"/api/v1/gateways/{gid}/upstreams", json=upstream)
    assert up.status_code == 201, up.text
    svc = api.post(f"/api/v1/gateways/{gid}/services", json=service)
    assert svc.status_code == 201, svc.text
    read_up = api.get(f"/api/v1/gateways/{gid}/upstreams/{up.json()['id']}")
    svc_path = f"/api/v1/gateways/{gid}/services/{svc.json()['id']}"
    read_svc = api.get(svc_path)
    for response in (up, svc, read_up, read_svc):
        assert not [s for s in secrets if s in response.text]
    assert read_svc.json()["credentials"]["aws_secret_access_key"] == MASK
    assert read_svc.json()["credentials"]["aws_region"] == "eu-west-1"  # settings are returned as stored

    # The masked GET body sent back keeps every secret, in the service and in every target.
    assert api.put(svc_path, json=read_svc.json()).status_code == 200
    up_path = f"/api/v1/gateways/{gid}/upstreams/{up.json()['id']}"
    assert api.put(up_path, json=read_up.json()).status_code == 200
    typed = {
        "name": "chat",
        "type": "upstream",
        "upstream_id": up.json()["id"],
        "credentials": {"api_key": "k"},
    }
    chat = api.post(f"/api/v1/gateways/{gid}/services", json=typed).json()
    resolved = api.get(f"/api/v1/gateways/{gid}/services/{chat['id']}/resolved").json()
    resolved_svc = api.get(f"{svc_path}/resolved").json()
    assert resolved_svc["credentials"] == service["credentials"]
    assert [t["credentials"] for t in resolved["upstream"]["targets"]] == [
        t["credentials"] for t in upstream["targets"]
    ]
    assert (
        resolved["upstream"]["embedding_config"]["credentials"] == upstream["embedding_config"]["credentials"]
    )

    # A raw dump of the database holds none of them.
    dump = raw_dump(api.settings.database_url)
    assert "llm-pool" in dump and not [s for s in secrets if s in dump or s.encode().hex() in dump]


def raw_dump(url: str) -> str:
    """Everything the database holds, as its own dump tool writes it."""
    path = sqlite_path(url)
    if path is not None:
        with sqlite3.connect(path) as conn:
            return "\n".join(conn.iterdump())
    return subprocess.run(["pg_dump", url], capture_output=True, text=True, check=True).stdout


def test_the_weather_tools_seed_with_its_null_and_omitted_cases(api: Api) -> None:
    seed_response = json_example(TOOLS_TEXT)
    created = api.post(
        "/api/v1/services/",
        json={
            "name": "Weather tools",
            "description": "Service containing tools for fetching weather information",
            "auth_type": "basic",
            "auth_values": {"password": "my-password", "username": "my-username"},
        },
        headers={"Syllable-API-Key": api.key()},
    )
    assert created.status_code == 200
    sid = created.json()["id"]
    update = {  # the seed page's SDK request, as the wire sends it
        "name": "Weather tools",
        "description": "Service containing tools for fetching weather information",
        "auth_type": "basic",
        "auth_values": {"password": "my-password", "username": "my-username"},
        "id": sid,
        "last_updated_comments": "Updated description to correct typo",
    }
    response = api.put("/api/v1/services/", json=update)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == set(seed_response)
    assert {k: body[k] for k in ("name", "description", "auth_type", "last_updated_comments")} == {
        k: seed_response[k] for k in ("name", "description", "auth_type", "last_updated_comments")
    }
    assert sorted(body["auth_value_keys"]) == sorted(seed_response["auth_value_keys"])

    def values() -> dict[str, str]:
        return dict(api.get(f"/api/v1/services/{sid}/resolved-auth").json()["auth_values"])

    # null keeps the stored value
    api.put("/api/v1/services/", json=update | {"auth_values": {"username": None, "password": "rotated"}})
    assert values() == {"username": "my-username", "password": "rotated"}
    # a key left out is removed (here the type then needs it: 422, and nothing changes)
    response = api.put("/api/v1/services/", json=update | {"auth_values": {"username": None}})
    assert response.status_code == 422
    assert values() == {"username": "my-username", "password": "rotated"}
    # left out with a type that does not need it: removed
    api.put("/api/v1/services/", json=update | {"auth_type": "bearer", "auth_values": {"token": "t"}})
    assert values() == {"token": "t"}
    # null where nothing is stored: 422 naming the key
    response = api.put(
        "/api/v1/services/", json=update | {"auth_values": {"username": None, "password": None}}
    )
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [
        ["body", "auth_values", "username"],
        ["body", "auth_values", "password"],
    ]
