"""Tool services through HTTP (server/routes/tool_services.py): wire compatibility with the real API,
the auth_values merge, resolved auth; tools are in test_server_tools.py."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from .support import WEATHER, Api, errors_of
from .support import create_tool_service as create


def resolved(api: Api, service_id: int) -> dict[str, Any]:
    response = api.get(f"/api/v1/services/{service_id}/resolved-auth")
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_a_tool_service_answers_keys_never_values(api: Api) -> None:
    created = create(api)
    assert created["auth_value_keys"] == ["username", "password"]
    assert created["last_updated_by"] == "user@email.com" and created["tools"] == []
    text = api.get(f"/api/v1/services/{created['id']}").text
    assert "my-password" not in text and "my-username" not in text
    assert "auth_values" not in created


def test_the_seed_update_null_keeps_and_omitted_removes(api: Api) -> None:
    sid = create(api)["id"]
    update = {"id": sid, "name": "Weather tools", "description": "typo fixed", "auth_type": "basic"}
    kept = api.put(
        "/api/v1/services/", json=update | {"auth_values": {"username": None, "password": "new-pw"}}
    )
    assert kept.status_code == 200, kept.text
    assert resolved(api, sid)["auth_values"] == {"username": "my-username", "password": "new-pw"}
    removed = api.put("/api/v1/services/", json=update | {"auth_values": {"password": None}})
    assert errors_of(removed) == [
        (("body", "auth_values", "username"), "auth_value_required")
    ]  # basic needs both
    assert resolved(api, sid)["auth_values"] == {"username": "my-username", "password": "new-pw"}


def test_auth_values_left_out_keep_the_stored_values_as_the_real_api(api: Api) -> None:
    created = create(api)
    body = {k: v for k, v in created.items()}  # the GET body sent back: auth_value_keys, no auth_values
    assert api.put("/api/v1/services/", json=body).status_code == 200
    assert resolved(api, created["id"])["auth_values"] == WEATHER["auth_values"]


def test_changing_auth_type_refuses_kept_values(api: Api) -> None:
    sid = create(api)["id"]
    body = {
        "id": sid,
        "name": "w",
        "description": "d",
        "auth_type": "bearer",
        "auth_values": {"token": None},
    }
    assert errors_of(api.put("/api/v1/services/", json=body)) == [
        (("body", "auth_values", "token"), "secret_not_stored")
    ]
    body["auth_values"] = {"token": "t0k"}
    assert api.put("/api/v1/services/", json=body).status_code == 200
    assert resolved(api, sid)["headers"] == {"Authorization": "Bearer t0k"}


@pytest.mark.parametrize(
    ("auth_type", "values", "loc"),
    [
        ("basic", {"username": "secret-u1"}, ("body", "auth_values", "password")),
        ("bearer", {"token": "secret-t1", "extra": "secret-x1"}, ("body", "auth_values", "extra")),
        (
            "oauth2",
            {"client_id": "secret-c1", "client_secret": "secret-s1"},
            ("body", "auth_values", "auth_url"),
        ),
        ("custom_headers", {"bad header": "secret-h1"}, ("body", "auth_values", "bad header")),
        (None, {"token": "secret-t2"}, ("body", "auth_values", "token")),
    ],
)
def test_wrong_or_missing_keys_for_the_auth_type_are_422(
    api: Api, auth_type: str | None, values: dict[str, str], loc: tuple[str, ...]
) -> None:
    response = api.post("/api/v1/services/", json=WEATHER | {"auth_type": auth_type, "auth_values": values})
    assert loc in [error[0] for error in errors_of(response)]
    assert not any(v in response.text for v in values.values())


def test_resolved_auth_gives_the_headers_a_tool_sends(api: Api) -> None:
    basic = resolved(api, create(api)["id"])
    expected = base64.b64encode(b"my-username:my-password").decode()
    assert basic["headers"] == {"Authorization": f"Basic {expected}"}
    custom = create(api, auth_type="custom_headers", auth_values={"X-Key": "k1", "X-Org": "o"})
    assert resolved(api, custom["id"])["headers"] == {"X-Key": "k1", "X-Org": "o"}
    oauth = create(
        api,
        auth_type="oauth2",
        auth_values={"client_id": "c", "client_secret": "s", "auth_url": "https://a"},
    )
    assert resolved(api, oauth["id"]) | {"service_id": 0} == {
        "service_id": 0,
        "auth_type": "oauth2",
        "auth_values": {"client_id": "c", "client_secret": "s", "auth_url": "https://a"},
        "headers": {},
    }
    assert api.get(f"/api/v1/services/{oauth['id']}/resolved-auth", scopes="read").status_code == 403


def test_a_new_auth_url_refuses_a_kept_client_secret(api: Api) -> None:
    values = {"client_id": "c", "client_secret": "s", "auth_url": "https://a.example/token"}
    sid = create(api, auth_type="oauth2", auth_values=values)["id"]
    body = {"id": sid, "name": "n", "description": "d", "auth_type": "oauth2"}
    moved = {"client_id": None, "client_secret": None, "auth_url": "https://evil.example/token"}
    locs = [loc for loc, _ in errors_of(api.put("/api/v1/services/", json=body | {"auth_values": moved}))]
    assert locs == [("body", "auth_values", "client_id"), ("body", "auth_values", "client_secret")]
    kept = {"client_id": None, "client_secret": None, "auth_url": None}
    assert api.put("/api/v1/services/", json=body | {"auth_values": kept}).status_code == 200


def test_lists_page_search_and_order_as_the_real_api(api: Api) -> None:
    for name in ("alpha", "beta", "gamma"):
        create(api, name=name)
    page = api.get("/api/v1/services/?page=1&limit=2&order_by=name&order_by_direction=desc").json()
    assert [s["name"] for s in page["items"]] == ["alpha"]
    assert (page["page"], page["page_size"], page["total_pages"], page["total_count"]) == (
        1,
        2,
        2,
        3,
    )
    found = api.get("/api/v1/services/?search_fields=name&search_field_values=MM").json()
    assert [s["name"] for s in found["items"]] == ["gamma"]
    assert errors_of(api.get("/api/v1/services/?search_fields=name")) == [
        (("query", "search_field_values"), "length_mismatch")
    ]
    assert errors_of(api.get("/api/v1/services/?order_by=secret")) == [(("query", "order_by"), "enum")]


def test_malformed_and_unknown_tool_service_ids(api: Api) -> None:
    assert errors_of(api.get("/api/v1/services/abc")) == [(("path", "service_id"), "int_parsing")]
    assert errors_of(api.get("/api/v1/services/0")) == [(("path", "service_id"), "greater_than_equal")]
    assert api.get("/api/v1/services/12345").status_code == 404
    assert (
        api.put("/api/v1/services/", json={"id": 12345, "name": "n", "description": "d"}).status_code == 404
    )
    assert errors_of(api.get("/api/v1/tools/no%20spaces")) == [
        (("path", "tool_name"), "string_pattern_mismatch")
    ]


def test_ids_of_deleted_services_and_tools_are_never_given_again(api: Api) -> None:
    """A client holding a deleted resource's id must never reach a newer one with it (L3)."""
    first, newest = create(api)["id"], create(api)["id"]
    tool = api.post("/api/v1/tools/", json={"name": "t1", "service_id": first, "definition": {}}).json()
    assert api.delete("/api/v1/tools/t1", params={"reason": "r"}).status_code == 200
    assert api.delete(f"/api/v1/services/{newest}", params={"reason": "r"}).status_code == 200
    again = create(api)["id"]
    assert again > newest
    assert api.get(f"/api/v1/services/{newest}").status_code == 404
    retool = api.post("/api/v1/tools/", json={"name": "t2", "service_id": first, "definition": {}}).json()
    assert retool["id"] > tool["id"]
