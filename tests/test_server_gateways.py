"""Gateways through HTTP (server/routes/gateways.py): create, read, list, replace, delete, ETags.

Upstreams, services and request reading have their own files (test_server_upstreams.py,
test_server_gateway_services.py, test_server_inputs.py)."""

from __future__ import annotations

from specgate.spec import load_spec

from .support import (
    MISSING_ID,
    Api,
    create_upstream,
    errors_of,
    gateway,
)

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
    assert errors_of(api.get("/api/v1/gateways?limit=101")) == [(("query", "limit"), "less_than_equal")]
    assert errors_of(api.get("/api/v1/gateways?offset=x")) == [(("query", "offset"), "int_parsing")]


def test_a_gateway_with_upstreams_is_not_deleted(api: Api) -> None:
    gid = gateway(api)
    create_upstream(api, gid)
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


def test_the_spec_s_if_match_example_matches_any_current_version_and_a_missing_one_is_404(
    api: Api,
) -> None:
    # The example is what tools that build requests from examples send: it must never be stale.
    example = load_spec().document["components"]["examples"]["IfMatchAny"]["value"]
    assert example == "*"
    gid = gateway(api)
    for version in ("2", "3"):
        replaced = api.put(
            f"/api/v1/gateways/{gid}", json={"name": f"v{version}"}, headers={"If-Match": example}
        )
        assert replaced.status_code == 200 and replaced.headers["etag"] == f'"{version}"'
    assert api.delete(f"/api/v1/gateways/{gid}", headers={"If-Match": example}).status_code == 204
    # No current version: 404 whatever If-Match says (RFC 9110 13.2.1: a 404 comes before a 412).
    for tag in (example, '"1"', "0"):
        assert api.delete(f"/api/v1/gateways/{gid}", headers={"If-Match": tag}).status_code == 404
        assert (
            api.put(f"/api/v1/gateways/{gid}", json={"name": "x"}, headers={"If-Match": tag}).status_code
            == 404
        )
