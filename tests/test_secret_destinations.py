"""A secret is sent only where it was sent when it was written (issue 9: H1, M6, L4; issue 11 item 2).

Each test replays an attack of issue 9 through HTTP, on SQLite and PostgreSQL: the attacker holds a
key with read and write but not resolve (`ATTACKER`); the data plane resolves with a key of its own
(`RESOLVER`). Every refusal is a problem+json naming the kept secret, and after it resolve still hands
each secret out next to the destination it was written with.
"""

from __future__ import annotations

from typing import Any

import pytest

from specgate.masking import MASK

from .support import Api, gateway, host_target, provider_target

ATTACKER = "read,write"
RESOLVER = "resolve"
MOVED = "secret_destination_changed"


def moved_locs(response: Any) -> list[tuple[Any, ...]]:
    """The locs a 422 refuses because a destination changes (each must be of that type)."""
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert {e["type"] for e in errors} == {MOVED}, errors
    return sorted(tuple(e["loc"]) for e in errors)


def upstream_with_secrets(api: Api, gid: str) -> dict[str, Any]:
    targets = [
        provider_target(),
        host_target(credentials={"header_name": "X-Key", "header_value": "host-target-secret"}),
    ]
    response = api.post(f"/api/v1/gateways/{gid}/upstreams", json={"name": "pool", "targets": targets})
    assert response.status_code == 201, response.text
    return dict(response.json())


def resolve(api: Api, gid: str, sid: str) -> Any:
    return api.get(f"/api/v1/gateways/{gid}/services/{sid}/resolved", scopes=RESOLVER)


def read(api: Api, path: str) -> dict[str, Any]:
    response = api.get(path, scopes=ATTACKER)
    assert response.status_code == 200, response.text
    return dict(response.json())


# --- H1: every field that decides where a secret goes is a destination ------------------------------


def test_h1_a_proxy_and_insecure_ssl_put_on_the_masked_body_are_refused(api: Api) -> None:
    """The attack: GET the upstream, add a proxy and insecure_ssl on each target, PUT it back."""
    gid = gateway(api)
    up = upstream_with_secrets(api, gid)
    service = api.post(
        f"/api/v1/gateways/{gid}/services", json={"name": "s", "type": "upstream", "upstream_id": up["id"]}
    ).json()
    path = f"/api/v1/gateways/{gid}/upstreams/{up['id']}"
    body = read(api, path)
    redirected = body | {
        "proxy": {"host": "evil-proxy.example", "port": "8080"},
        "targets": [t | {"insecure_ssl": True} for t in body["targets"]],
    }
    kept = [
        ("body", "targets", 0, "credentials", "api_key"),
        ("body", "targets", 1, "credentials", "header_value"),
    ]
    assert moved_locs(api.put(path, json=redirected, scopes=ATTACKER)) == kept
    for change in ({"proxy": redirected["proxy"]}, {"targets": redirected["targets"]}):
        assert moved_locs(api.put(path, json=body | change, scopes=ATTACKER)) == kept
    upstream = resolve(api, gid, service["id"]).json()["upstream"]
    assert "proxy" not in upstream
    assert [t.get("insecure_ssl") for t in upstream["targets"]] == [None, None]
    assert upstream["targets"][0]["credentials"]["api_key"] == "sk-target-secret"


@pytest.mark.parametrize(
    "change",
    [
        {"credentials": {"header_name": "X-Evil", "header_value": MASK}},
        {"credentials": {"header_name": "X-Api-Key", "header_value": MASK, "param_name": "key"}},
        {"credentials": {"header_name": "X-Api-Key", "header_value": MASK, "param_location": "query"}},
        {"headers": {"Host": "evil.example"}},
        {"headers": {"host": "evil.example"}},
    ],
    ids=["header_name", "param_name", "param_location", "Host header", "host header"],
)
def test_h1_where_and_under_what_name_a_key_goes_is_a_destination(api: Api, change: dict[str, Any]) -> None:
    """header_name, param_name, param_location and a Host header entry: refused while the secret is
    kept; resolve still answers the secret with its first placement."""
    gid = gateway(api)
    created = api.post(
        f"/api/v1/gateways/{gid}/services",
        json={
            "name": "weather",
            "type": "endpoint",
            "host": "api.weather.example",
            "port": 443,
            "protocol": "https",
            "credentials": {"header_name": "X-Api-Key", "header_value": "wx-secret"},
        },
    )
    path = f"/api/v1/gateways/{gid}/services/{created.json()['id']}"
    body = read(api, path) | change
    assert moved_locs(api.put(path, json=body, scopes=ATTACKER)) == [("body", "credentials", "header_value")]
    resolved = resolve(api, gid, created.json()["id"]).json()
    assert resolved["credentials"] == {"header_name": "X-Api-Key", "header_value": "wx-secret"}
    assert "headers" not in resolved
    again = body | {"credentials": body["credentials"] | {"header_value": "attacker-own-value"}}
    assert api.put(path, json=again, scopes=ATTACKER).status_code == 200  # its own secret: fine


def test_h1_a_host_key_added_to_custom_headers_is_refused(api: Api) -> None:
    """A tool service's custom headers: a `Host` value added beside kept headers is refused."""
    created = api.post(
        "/api/v1/services/",
        json={
            "name": "t",
            "description": "d",
            "auth_type": "custom_headers",
            "auth_values": {"X-Api-Key": "tool-secret"},
        },
    ).json()
    body = read(api, f"/api/v1/services/{created['id']}")
    attack = body | {"auth_values": {"X-Api-Key": None, "Host": "evil.example"}}
    assert moved_locs(api.put("/api/v1/services/", json=attack, scopes=ATTACKER)) == [
        ("body", "auth_values", "X-Api-Key")
    ]
    resolved = api.get(f"/api/v1/services/{created['id']}/resolved-auth", scopes=RESOLVER).json()
    assert resolved["headers"] == {"X-Api-Key": "tool-secret"}


# --- M6: an upstream re-target does not carry its services' credentials -----------------------------


def test_m6_a_retargeted_upstream_holds_back_its_services_credentials(api: Api) -> None:
    """The attack: a service of type upstream keeps its api_key; the attacker moves a target of the
    upstream to evil.example (sending that target's own secret, so the upstream PUT is legal). Resolve
    then refuses (409) rather than hand the service's key out next to evil.example; a PUT keeping the
    key is refused; the key sent again is accepted; moving the target back restores the old answer."""
    gid = gateway(api)
    up = upstream_with_secrets(api, gid)
    service = api.post(
        f"/api/v1/gateways/{gid}/services",
        json={
            "name": "s",
            "type": "upstream",
            "upstream_id": up["id"],
            "credentials": {"api_key": "svc-key"},
        },
    ).json()
    sid, up_path = service["id"], f"/api/v1/gateways/{gid}/upstreams/{up['id']}"
    assert resolve(api, gid, sid).status_code == 200
    original = read(api, up_path)
    evil = original | {
        "targets": [
            original["targets"][0],
            original["targets"][1] | {"host": "evil.example", "credentials": {"header_name": "X-Key",
                                                                             "header_value": "mine"}},
        ]
    }  # fmt: skip
    assert api.put(up_path, json=evil, scopes=ATTACKER).status_code == 200

    held = resolve(api, gid, sid)
    assert held.status_code == 409, held.text
    assert held.headers["content-type"] == "application/problem+json"
    assert "credentials.api_key" in held.json()["detail"]
    assert "svc-key" not in held.text and "sk-target-secret" not in held.text

    svc_path = f"/api/v1/gateways/{gid}/services/{sid}"
    assert moved_locs(api.put(svc_path, json=read(api, svc_path), scopes=ATTACKER)) == [
        ("body", "credentials", "api_key")
    ]
    assert resolve(api, gid, sid).status_code == 409

    first, second = original["targets"]
    back_again = original | {
        "targets": [first, second | {"credentials": {"header_name": "X-Key", "header_value": "t2"}}]
    }
    assert api.put(up_path, json=back_again, scopes=ATTACKER).status_code == 200  # "mine" moves too
    back = resolve(api, gid, sid)
    assert back.status_code == 200, back.text
    assert back.json()["credentials"] == {"api_key": "svc-key"}
    assert {t.get("host") for t in back.json()["upstream"]["targets"]} == {None, "llm.internal.example"}


@pytest.mark.parametrize("how", ["target added", "target removed", "proxy set", "provider changed"])
def test_m6_every_kind_of_retarget_holds_back_until_the_secret_is_sent_again(api: Api, how: str) -> None:
    gid = gateway(api)
    up = upstream_with_secrets(api, gid)
    service = api.post(
        f"/api/v1/gateways/{gid}/services",
        json={
            "name": "s",
            "type": "upstream",
            "upstream_id": up["id"],
            "credentials": {"api_key": "svc-key"},
        },
    ).json()
    sid, up_path = service["id"], f"/api/v1/gateways/{gid}/upstreams/{up['id']}"
    body = read(api, up_path)
    first, second = body["targets"]
    changed = {
        "target added": body | {"targets": [first, second, host_target(host="evil.example")]},
        "target removed": body | {"targets": [first]},
        "proxy set": body | {"proxy": {"host": "evil-proxy.example", "port": "8080"}},
        "provider changed": body
        | {"targets": [first | {"provider": "mistral", "credentials": {"api_key": "new"}}, second]},
    }[how]
    if how == "proxy set":  # the upstream's own kept secrets would follow the proxy too: send them
        changed["targets"] = [
            first | {"credentials": {"api_key": "t1"}},
            second | {"credentials": {"header_name": "X-Key", "header_value": "t2"}},
        ]
    assert api.put(up_path, json=changed, scopes=ATTACKER).status_code == 200
    assert resolve(api, gid, sid).status_code == 409
    svc_path = f"/api/v1/gateways/{gid}/services/{sid}"
    again = read(api, svc_path) | {"credentials": {"api_key": "svc-key-2"}}
    assert api.put(svc_path, json=again).status_code == 200  # the owner sends it again
    resolved = resolve(api, gid, sid)
    assert resolved.status_code == 200 and resolved.json()["credentials"] == {"api_key": "svc-key-2"}


def test_m6_an_upstream_change_that_moves_nothing_holds_nothing_back(api: Api) -> None:
    """Renaming, re-weighting or reordering targets is no destination change."""
    gid = gateway(api)
    up = upstream_with_secrets(api, gid)
    sid = api.post(
        f"/api/v1/gateways/{gid}/services",
        json={
            "name": "s",
            "type": "upstream",
            "upstream_id": up["id"],
            "credentials": {"api_key": "svc-key"},
        },
    ).json()["id"]
    up_path = f"/api/v1/gateways/{gid}/upstreams/{up['id']}"
    body = read(api, up_path)
    body = body | {"name": "renamed", "targets": [t | {"weight": 7} for t in reversed(body["targets"])]}
    assert api.put(up_path, json=body, scopes=ATTACKER).status_code == 200
    resolved = resolve(api, gid, sid)
    assert resolved.status_code == 200 and resolved.json()["credentials"] == {"api_key": "svc-key"}
    assert "linked_destinations" not in resolved.text
    assert "linked_destinations" not in api.get(f"/api/v1/gateways/{gid}/services/{sid}").text


# --- L4: auth_type going away never drops the stored values silently --------------------------------

OAUTH = {"client_id": "cid", "client_secret": "oauth-secret", "auth_url": "https://idp.example/token"}


@pytest.mark.parametrize("auth_values", ["null", "left out"])
def test_l4_auth_type_null_with_auth_values_null_is_refused_and_loses_nothing(
    api: Api, auth_values: str
) -> None:
    created = api.post(
        "/api/v1/services/",
        json={"name": "t", "description": "d", "auth_type": "oauth2", "auth_values": OAUTH},
    ).json()
    body = {"id": created["id"], "name": "t", "description": "d", "auth_type": None}
    if auth_values == "null":
        body["auth_values"] = None
    assert moved_locs(api.put("/api/v1/services/", json=body, scopes=ATTACKER)) == [("body", "auth_values")]
    resolved = api.get(f"/api/v1/services/{created['id']}/resolved-auth", scopes=RESOLVER).json()
    assert resolved["auth_type"] == "oauth2" and resolved["auth_values"] == OAUTH
    removed = api.put("/api/v1/services/", json=body | {"auth_values": {}}, scopes=ATTACKER)
    assert removed.status_code == 200, removed.text  # removal is explicit
    assert removed.json()["auth_value_keys"] is None and removed.json()["auth_type"] is None


# --- issue 11 item 2: null for a credentials field with nothing stored is absent ---------------------

NULLS = {
    name: None
    for name in (
        "api_key",
        "aws_access_key_id",
        "aws_secret_access_key",
        "aws_session_token",
        "azure_client_secret",
        "gcp_service_account_json",
        "param_value",
    )
}


def test_null_for_credentials_never_stored_is_absent_on_create_and_update(api: Api) -> None:
    """As openapi-generator's clients send it: every unset secret field null."""
    gid = gateway(api)
    created = api.post(
        f"/api/v1/gateways/{gid}/services",
        json={
            "name": "weather",
            "type": "endpoint",
            "host": "api.weather.example",
            "port": 443,
            "protocol": "https",
            "credentials": {"header_name": "X-Api-Key", "header_value": "wx-secret"} | NULLS,
        },
    )
    assert created.status_code == 201, created.text
    assert created.json()["credentials"] == {"header_name": "X-Api-Key", "header_value": MASK}
    path = f"/api/v1/gateways/{gid}/services/{created.json()['id']}"
    body = created.json() | {"credentials": {"header_name": "X-Api-Key", "header_value": None} | NULLS}
    updated = api.put(path, json=body)
    assert updated.status_code == 200, updated.text
    assert updated.json()["credentials"] == {"header_name": "X-Api-Key", "header_value": MASK}
    assert resolve(api, gid, created.json()["id"]).json()["credentials"]["header_value"] == "wx-secret"


def test_the_mask_or_an_auth_value_never_stored_is_still_refused(api: Api) -> None:
    gid = gateway(api)
    masked = api.post(
        f"/api/v1/gateways/{gid}/services",
        json={"name": "w", "type": "endpoint", "host": "a.example", "port": 443, "protocol": "https",
              "credentials": {"api_key": MASK}},
    )  # fmt: skip
    assert masked.status_code == 422
    assert [(tuple(e["loc"]), e["type"]) for e in masked.json()["errors"]] == [
        (("body", "credentials", "api_key"), "secret_not_stored")
    ]
    tool = api.post(
        "/api/v1/services/",
        json={"name": "t", "description": "d", "auth_type": "bearer", "auth_values": {"token": None}},
    )
    assert tool.status_code == 422
    assert [(tuple(e["loc"]), e["type"]) for e in tool.json()["errors"]] == [
        (("body", "auth_values", "token"), "secret_not_stored")
    ]


# --- a tool's definition says where its service's secrets go (x-secret-destination-for) -------------

TOKEN = {"token": "bearer-secret"}


def tool_service_with_token(api: Api, name: str = "t") -> int:
    """A tool service whose token was written while it had no tool."""
    body = {"name": name, "description": "d", "auth_type": "bearer", "auth_values": TOKEN}
    response = api.post("/api/v1/services/", json=body)
    assert response.status_code == 200, response.text
    return int(response.json()["id"])


def resolve_auth(api: Api, service_id: int) -> Any:
    return api.get(f"/api/v1/services/{service_id}/resolved-auth", scopes=RESOLVER)


def held(api: Api, service_id: int) -> None:
    """Resolve refuses (409, problem+json naming the held secret) and hands out no value."""
    response = resolve_auth(api, service_id)
    assert response.status_code == 409, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert "auth_values.token" in response.json()["detail"]
    assert "bearer-secret" not in response.text


def released(api: Api, service_id: int, token: str = "bearer-secret") -> None:
    response = resolve_auth(api, service_id)
    assert response.status_code == 200, response.text
    assert response.json()["auth_values"] == {"token": token}


def send_token_again(api: Api, service_id: int, token: str) -> None:
    read = api.get(f"/api/v1/services/{service_id}").json()
    body = {k: read[k] for k in ("id", "name", "description", "auth_type")} | {
        "auth_values": {"token": token}
    }
    assert api.put("/api/v1/services/", json=body).status_code == 200


def put_tool(api: Api, tool: dict[str, Any], **changes: Any) -> dict[str, Any]:
    response = api.put("/api/v1/tools/", json=tool | changes, scopes=ATTACKER)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_a_tool_whose_definition_changes_holds_back_its_services_auth(api: Api) -> None:
    """The attack: the data plane sends a tool service's auth headers where its tool's definition says;
    a read+write key points the definition at evil.example. Resolve then refuses rather than hand the
    token out for it; a PUT keeping the token is refused; sent again, it is released; the definition
    changed back releases the old one."""
    sid = tool_service_with_token(api)
    good = {"url": "https://api.weather.example/v1"}
    tool = api.post("/api/v1/tools/", json={"name": "weather", "service_id": sid, "definition": good}).json()
    held(api, sid)  # a tool added since the token was written: its owner sends it again
    send_token_again(api, sid, "bearer-secret")
    released(api, sid)

    tool = put_tool(api, tool, definition={"url": "https://evil.example/collect"})
    held(api, sid)
    read = api.get(f"/api/v1/services/{sid}").json()
    keeping = {k: read[k] for k in ("id", "name", "description", "auth_type")} | {
        "auth_values": {"token": MASK}
    }
    assert moved_locs(api.put("/api/v1/services/", json=keeping, scopes=ATTACKER)) == [
        ("body", "auth_values", "token")
    ]
    held(api, sid)
    put_tool(api, tool, definition=good)  # back where the token was written for
    released(api, sid)
    put_tool(api, tool, definition={"url": "https://evil.example/collect"})
    send_token_again(api, sid, "bearer-secret-2")  # the owner, knowing the new definition
    released(api, sid, "bearer-secret-2")


@pytest.mark.parametrize("how", ["tool added", "tool moved here"])
def test_a_tool_added_to_a_service_holds_back_its_auth_until_sent_again(api: Api, how: str) -> None:
    sid = tool_service_with_token(api)
    other = api.post("/api/v1/services/", json={"name": "o", "description": "d"}).json()["id"]
    evil = {"url": "https://evil.example/collect"}
    if how == "tool added":
        made = api.post(
            "/api/v1/tools/", json={"name": "x", "service_id": sid, "definition": evil}, scopes=ATTACKER
        )
        assert made.status_code == 200, made.text
    else:
        made = api.post("/api/v1/tools/", json={"name": "x", "service_id": other, "definition": evil})
        released(api, sid)  # another service's tool
        put_tool(api, made.json(), service_id=sid)
    held(api, sid)
    assert api.delete("/api/v1/tools/x?reason=test", scopes=ATTACKER).status_code == 200
    released(api, sid)  # a tool gone sends nothing: nothing to hold back


def test_a_tool_change_that_moves_nothing_holds_nothing_back(api: Api) -> None:
    """Renaming a tool, deleting one, or making one with a definition the service already had."""
    sid = tool_service_with_token(api)
    definition = {"url": "https://api.weather.example/v1", "parameters": {"city": "string"}}
    first = api.post("/api/v1/tools/", json={"name": "a", "service_id": sid, "definition": definition}).json()
    api.post(
        "/api/v1/tools/", json={"name": "b", "service_id": sid, "definition": {"url": "https://b.example"}}
    )
    send_token_again(api, sid, "bearer-secret")
    released(api, sid)
    put_tool(api, first, name="a2")
    same = {"name": "c", "service_id": sid, "definition": {"parameters": {"city": "string"}} | definition}
    assert api.post("/api/v1/tools/", json=same, scopes=ATTACKER).status_code == 200
    assert api.delete("/api/v1/tools/b?reason=test", scopes=ATTACKER).status_code == 200
    released(api, sid)
