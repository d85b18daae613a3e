"""Upstreams through HTTP (server/routes/upstreams.py): masked secrets, target ids, the rules, deletes."""

from __future__ import annotations

from typing import Any

import pytest

from specgate.masking import MASK

from .support import Api, create_upstream, errors_of, gateway, host_target, provider_target


def test_an_upstream_masks_its_secrets_and_gives_targets_ids(api: Api) -> None:
    gid = gateway(api)
    body = create_upstream(api, gid)
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
    uid = create_upstream(api, gid)["id"]
    service = {"name": "chat", "type": "upstream", "upstream_id": uid}
    sid = api.post(f"/api/v1/gateways/{gid}/services", json=service).json()["id"]
    assert api.delete(f"/api/v1/gateways/{gid}/upstreams/{uid}").status_code == 409
    assert api.delete(f"/api/v1/gateways/{gid}/services/{sid}").status_code == 204
    assert api.delete(f"/api/v1/gateways/{gid}/upstreams/{uid}").status_code == 204


def test_targets_keep_their_secrets_by_id_through_a_reorder(api: Api) -> None:
    gid = gateway(api)
    body = create_upstream(
        api, gid, targets=[provider_target(), provider_target(credentials={"api_key": "second"})]
    )
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
