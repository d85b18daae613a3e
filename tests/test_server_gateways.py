"""The gateway family through HTTP: gateways, upstreams, services, resolve; every rule of DESIGN.md."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from specgate.masking import MASK
from specgate.store import KINDS, Store, open_database

from .support import Api, endpoint_service, errors_of, gateway, host_target, provider_target, upstream

MISSING_ID = "00000000-0000-4000-8000-000000000000"


# --- gateways ---------------------------------------------------------------------------------------


def test_a_gateway_is_created_read_listed_replaced_and_deleted(api: Api) -> None:
    created = api.post("/api/v1/gateways", json={"name": "prod", "tags": ["a"]})
    assert created.status_code == 201 and created.headers["etag"] == '"1"'
    gid = created.json()["id"]
    assert api.get(f"/api/v1/gateways/{gid}").json() == created.json()
    listed = api.get("/api/v1/gateways?limit=1").json()
    assert listed == {"items": [created.json()], "total": 1, "offset": 0, "limit": 1}
    replaced = api.put(f"/api/v1/gateways/{gid}", json={"name": "prod-2"})
    assert replaced.status_code == 200 and replaced.headers["etag"] == '"2"'
    assert "tags" not in replaced.json()  # PUT replaces: an omitted optional field is gone
    assert replaced.json()["created_at"] == created.json()["created_at"]
    assert api.delete(f"/api/v1/gateways/{gid}").status_code == 204
    assert api.get(f"/api/v1/gateways/{gid}").status_code == 404


def test_unknown_ids_are_404_and_malformed_ones_422(api: Api) -> None:
    assert api.get(f"/api/v1/gateways/{MISSING_ID}").status_code == 404
    assert errors_of(api.get("/api/v1/gateways/not-a-uuid")) == [(("path", "gateway_id"), "uuid_parsing")]
    assert errors_of(api.get("/api/v1/gateways?limit=101")) == [(("query", "limit"), "range")]
    assert errors_of(api.get("/api/v1/gateways?offset=x")) == [(("query", "offset"), "int_parsing")]


def test_a_gateway_with_upstreams_is_not_deleted(api: Api) -> None:
    gid = gateway(api)
    upstream(api, gid)
    response = api.delete(f"/api/v1/gateways/{gid}")
    assert response.status_code == 409
    assert api.get(f"/api/v1/gateways/{gid}").status_code == 200


def test_bad_bodies_are_400_415_or_422_and_name_the_field(api: Api) -> None:
    bad_json = api.post("/api/v1/gateways", content=b"{", headers={"content-type": "application/json"})
    assert bad_json.status_code == 400
    assert bad_json.headers["content-type"] == "application/problem+json"
    text = api.post("/api/v1/gateways", content=b"name", headers={"content-type": "text/plain"})
    assert text.status_code == 415
    assert errors_of(api.post("/api/v1/gateways", json={})) == [(("body", "name"), "missing")]
    assert errors_of(api.post("/api/v1/gateways", json={"name": "x", "nme": 1})) == [
        (("body", "nme"), "extra_forbidden")
    ]
    assert errors_of(api.post("/api/v1/gateways", json={"name": None})) == [(("body", "name"), "string_type")]


# --- etags ------------------------------------------------------------------------------------------


def test_a_stale_if_match_is_412_and_writes_nothing(api: Api) -> None:
    gid = gateway(api)
    assert (
        api.put(f"/api/v1/gateways/{gid}", json={"name": "v2"}, headers={"If-Match": '"1"'}).status_code
        == 200
    )
    stale = api.put(f"/api/v1/gateways/{gid}", json={"name": "v3"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert api.get(f"/api/v1/gateways/{gid}").json()["name"] == "v2"
    assert api.delete(f"/api/v1/gateways/{gid}", headers={"If-Match": '"1"'}).status_code == 412
    assert api.get(f"/api/v1/gateways/{gid}").status_code == 200
    assert api.delete(f"/api/v1/gateways/{gid}", headers={"If-Match": '"2"'}).status_code == 204


# --- upstreams --------------------------------------------------------------------------------------


def test_an_upstream_masks_its_secrets_and_gives_targets_ids(api: Api) -> None:
    gid = gateway(api)
    body = upstream(api, gid)
    assert body["algorithm"] == "round-robin"
    assert [t["credentials"] for t in body["targets"] if "credentials" in t] == [{"api_key": MASK}]
    assert all(t["id"] for t in body["targets"])
    assert "sk-target-secret" not in api.get(f"/api/v1/gateways/{gid}/upstreams/{body['id']}").text


@pytest.mark.parametrize(
    ("change", "loc", "kind"),
    [
        ({"algorithm": "semantic"}, ("body", "embedding_config"), "embedding_config_required"),
        (
            {"proxy": {"host": "p", "port": "8080"}, "websocket_config": {"ping_period": "30s"}},
            ("body", "proxy"),
            "proxy_with_websocket",
        ),
        (
            {"targets": [provider_target(default_model="other")]},
            ("body", "targets", 0, "default_model"),
            "default_model_not_in_models",
        ),
        (
            {"targets": [provider_target(credentials={})]},
            ("body", "targets", 0, "credentials"),
            "credentials_required",
        ),
        ({"targets": [host_target(port=0)]}, ("body", "targets", 0, "port"), "greater_than_equal"),
        (
            {"targets": [host_target(weight=-1)]},
            ("body", "targets", 0, "weight"),
            "greater_than_equal",
        ),
        (
            {"targets": [provider_target(host="h")]},
            ("body", "targets", 0, "host"),
            "extra_forbidden",
        ),
        ({"targets": []}, ("body", "targets"), "too_short"),
        (
            {"health_checks": {"interval": 0}},
            ("body", "health_checks", "interval"),
            "greater_than_equal",
        ),
        (
            {"websocket_config": {"pong_wait": "soon"}},
            ("body", "websocket_config", "pong_wait"),
            "string_pattern_mismatch",
        ),
        ({"algorithm": "random"}, ("body", "algorithm"), "literal_error"),
    ],
)
def test_upstream_rules_answer_422_naming_the_field(
    api: Api, change: dict[str, Any], loc: tuple[Any, ...], kind: str
) -> None:
    gid = gateway(api)
    body = {"name": "pool", "targets": [provider_target()]} | change
    assert (loc, kind) in errors_of(api.post(f"/api/v1/gateways/{gid}/upstreams", json=body))


def test_semantic_needs_a_description_on_every_target(api: Api) -> None:
    gid = gateway(api)
    body = {
        "name": "semantic",
        "algorithm": "semantic",
        "embedding_config": {
            "provider": "openai",
            "model": "text-embedding-3-small",
            "credentials": {"api_key": "e"},
        },
        "targets": [provider_target(description="math questions"), host_target()],
    }
    assert errors_of(api.post(f"/api/v1/gateways/{gid}/upstreams", json=body)) == [
        (("body", "targets", 1, "description"), "description_required")
    ]
    body["targets"][1]["description"] = "everything else"
    created = api.post(f"/api/v1/gateways/{gid}/upstreams", json=body)
    assert created.status_code == 201
    assert created.json()["embedding_config"]["credentials"] == {"api_key": MASK}


def test_an_upstream_used_by_a_service_is_not_deleted(api: Api) -> None:
    gid = gateway(api)
    uid = upstream(api, gid)["id"]
    service = {"name": "chat", "type": "upstream", "upstream_id": uid}
    sid = api.post(f"/api/v1/gateways/{gid}/services", json=service).json()["id"]
    assert api.delete(f"/api/v1/gateways/{gid}/upstreams/{uid}").status_code == 409
    assert api.delete(f"/api/v1/gateways/{gid}/services/{sid}").status_code == 204
    assert api.delete(f"/api/v1/gateways/{gid}/upstreams/{uid}").status_code == 204


def test_targets_keep_their_secrets_by_id_through_a_reorder(api: Api) -> None:
    gid = gateway(api)
    body = upstream(api, gid, targets=[provider_target(), provider_target(credentials={"api_key": "second"})])
    path = f"/api/v1/gateways/{gid}/upstreams/{body['id']}"
    body["targets"].reverse()
    assert api.put(path, json=body).status_code == 200
    resolved_ids = {t["id"]: t for t in body["targets"]}
    sid = api.post(
        f"/api/v1/gateways/{gid}/services",
        json={"name": "s", "type": "upstream", "upstream_id": body["id"]},
    ).json()["id"]
    targets = api.get(f"/api/v1/gateways/{gid}/services/{sid}/resolved").json()["upstream"]["targets"]
    assert {t["id"]: t["credentials"]["api_key"] for t in targets} == {
        body["targets"][1]["id"]: "sk-target-secret",
        body["targets"][0]["id"]: "second",
    }
    assert set(resolved_ids) == {t["id"] for t in targets}


# --- services ---------------------------------------------------------------------------------------


def test_an_upstream_service_needs_an_upstream_of_the_same_gateway(api: Api) -> None:
    gid, other = gateway(api), gateway(api)
    foreign = upstream(api, other)["id"]
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
    up = upstream(api, gid)
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
    uid = upstream(api, gid)["id"]
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


def test_a_body_over_1_mib_is_413_and_nothing_is_written(api: Api) -> None:
    huge = {"name": "x", "description": "d" * (1024 * 1024)}
    response = api.post("/api/v1/gateways", json=huge)
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert api.get("/api/v1/gateways").json()["total"] == 0


def test_json_types_are_strict_but_an_integral_float_is_an_integer(api: Api) -> None:
    gid = gateway(api)
    services = f"/api/v1/gateways/{gid}/services"
    assert (("body", "stream"), "bool_type") in errors_of(api.post(services, json=endpoint_service(stream=0)))
    assert (("body", "port"), "int_type") in errors_of(api.post(services, json=endpoint_service(port="443")))
    assert (("body", "name"), "string_type") in errors_of(api.post(services, json=endpoint_service(name=5)))
    created = api.post(services, json=endpoint_service(port=443.0, retries=2.0))
    assert created.status_code == 201 and (created.json()["port"], created.json()["retries"]) == (443, 2)
    upstream = {"name": "u", "targets": [host_target(port=8443.0)]}
    assert api.post(f"/api/v1/gateways/{gid}/upstreams", json=upstream).json()["targets"][0]["port"] == 8443
    assert (("body", "port"), "int_from_float") not in errors_of(
        api.post(services, json=endpoint_service(port=4.5))
    )


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
