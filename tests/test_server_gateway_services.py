"""Gateway services through HTTP (server/routes/gateway_services.py): their upstream, the gateway
check, kept secrets, resolve."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from specgate.store import KINDS, Store, open_database

from .support import (
    MISSING_ID,
    Api,
    create_upstream,
    endpoint_service,
    errors_of,
    gateway,
    host_target,
)


def test_an_upstream_service_needs_an_upstream_of_the_same_gateway(api: Api) -> None:
    gid, other = gateway(api), gateway(api)
    foreign = create_upstream(api, other)["id"]
    body = {"name": "chat", "type": "upstream", "upstream_id": foreign}
    assert errors_of(api.post(f"/api/v1/gateways/{gid}/services", json=body)) == [
        (("body", "upstream_id"), "not_found")
    ]
    assert (("body", "host"), "extra_forbidden") in errors_of(
        api.post(f"/api/v1/gateways/{gid}/services", json=body | {"host": "h"})
    )
    assert (("body", "type"), "union_tag_invalid") in errors_of(
        api.post(f"/api/v1/gateways/{gid}/services", json=body | {"type": "direct"})
    )


def test_an_endpoint_service_needs_host_port_and_protocol(api: Api) -> None:
    gid = gateway(api)
    body = endpoint_service()
    del body["host"]
    assert errors_of(api.post(f"/api/v1/gateways/{gid}/services", json=body)) == [
        (("body", "host"), "missing")
    ]
    assert (("body", "port"), "less_than_equal") in errors_of(
        api.post(f"/api/v1/gateways/{gid}/services", json=endpoint_service(port=70000))
    )


def test_an_upstream_service_embeds_its_upstream_and_keeps_retries_and_stream(api: Api) -> None:
    gid = gateway(api)
    up = create_upstream(api, gid)
    body = {
        "name": "chat",
        "type": "upstream",
        "upstream_id": up["id"],
        "retries": 3,
        "stream": True,
    }
    created = api.post(f"/api/v1/gateways/{gid}/services", json=body).json()
    assert created["upstream"] == up
    path = f"/api/v1/gateways/{gid}/services/{created['id']}"
    read = api.get(path).json()
    assert read == created
    again = api.put(path, json=read).json()
    assert (again["retries"], again["stream"]) == (3, True)  # the original's bug is not copied


def test_every_read_update_and_delete_checks_the_gateway(api: Api) -> None:
    gid, other = gateway(api), gateway(api)
    sid = api.post(f"/api/v1/gateways/{gid}/services", json=endpoint_service()).json()["id"]
    uid = create_upstream(api, gid)["id"]
    upstream_body = {"name": "pool", "targets": [host_target()]}
    for path, body in (
        (f"/api/v1/gateways/{other}/services/{sid}", endpoint_service()),
        (f"/api/v1/gateways/{other}/upstreams/{uid}", upstream_body),
    ):
        assert api.get(path).status_code == 404
        assert api.put(path, json=body).status_code == 404  # a valid body, in the wrong gateway
        assert api.delete(path).status_code == 404
    assert api.get(f"/api/v1/gateways/{other}/services/{sid}/resolved").status_code == 404
    assert api.get(f"/api/v1/gateways/{gid}/services/{sid}").status_code == 200


def test_a_get_body_sent_back_changes_nothing_but_the_stamp(api: Api) -> None:
    gid = gateway(api)
    created = api.post(f"/api/v1/gateways/{gid}/services", json=endpoint_service()).json()
    path = f"/api/v1/gateways/{gid}/services/{created['id']}"
    before = api.get(f"{path}/resolved").json()
    assert api.put(path, json=api.get(path).json()).status_code == 200
    after = api.get(f"{path}/resolved").json()
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }


def test_ids_in_a_put_body_must_be_the_resources_own(api: Api) -> None:
    gid = gateway(api)
    created = api.post(f"/api/v1/gateways/{gid}/services", json=endpoint_service()).json()
    path = f"/api/v1/gateways/{gid}/services/{created['id']}"
    assert errors_of(api.put(path, json=created | {"id": MISSING_ID})) == [(("body", "id"), "id_mismatch")]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"host": "evil.example"}, "host"),
        ({"port": 8443}, "port"),
        ({"protocol": "http"}, "protocol"),
        ({"path": "/v9"}, "path"),
    ],
)
def test_a_kept_secret_never_follows_a_redirected_service(
    api: Api, change: dict[str, Any], field: str
) -> None:
    gid = gateway(api)
    created = api.post(f"/api/v1/gateways/{gid}/services", json=endpoint_service()).json()
    path = f"/api/v1/gateways/{gid}/services/{created['id']}"
    response = api.put(path, json=created | change)
    assert errors_of(response) == [(("body", "credentials", "header_value"), "secret_destination_changed")]
    assert field in response.json()["errors"][0]["msg"]
    resent = created | change | {"credentials": {"header_name": "X-Api-Key", "header_value": "new"}}
    assert api.put(path, json=resent).status_code == 200


def test_resolve_needs_the_resolve_scope(api: Api) -> None:
    gid = gateway(api)
    sid = api.post(f"/api/v1/gateways/{gid}/services", json=endpoint_service()).json()["id"]
    path = f"/api/v1/gateways/{gid}/services/{sid}/resolved"
    assert api.get(path, scopes="read,write").status_code == 403
    resolved = api.get(path, scopes="resolve")
    assert resolved.status_code == 200
    assert resolved.json()["credentials"] == {
        "header_name": "X-Api-Key",
        "header_value": "wx-secret",
    }


def test_a_secret_sent_again_unchanged_keeps_its_stored_token(api: Api) -> None:
    """A PUT of the same secret keeps the stored ciphertext (no new encryption); a new value is
    encrypted (tests/test_crypto.py: only tokens this process made are kept). Resolve reads each."""
    gid = gateway(api)
    body = endpoint_service()
    sid = api.post(f"/api/v1/gateways/{gid}/services", json=body).json()["id"]
    path = f"/api/v1/gateways/{gid}/services/{sid}"

    async def token() -> str:
        store = Store(await open_database(api.settings.database_url))
        try:
            found = await store.get(KINDS["gateway_service"], sid, gid)
            assert found is not None
            return str(found.doc["credentials"]["header_value"])
        finally:
            await store.close()

    first = asyncio.run(token())
    assert api.put(path, json=body).status_code == 200
    assert asyncio.run(token()) == first
    assert api.put(path, json=body | {"credentials": {"header_value": "new"}}).status_code == 200
    assert asyncio.run(token()) != first
    assert api.get(f"{path}/resolved").json()["credentials"]["header_value"] == "new"
    second = asyncio.run(token())
    assert api.put(path, json=body).status_code == 200  # the old value again: encrypted anew
    assert asyncio.run(token()) not in (first, second)
    assert api.get(f"{path}/resolved").json()["credentials"]["header_value"] == "wx-secret"
