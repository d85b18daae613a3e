"""Keys, scopes and gateway binding: who may call what."""

from __future__ import annotations

import pytest

from .support import Api, gateway


def test_no_key_is_401_with_problem_json(api: Api) -> None:
    response = api.client.get("/api/v1/gateways")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("header", ["Authorization", "Syllable-API-Key"])
def test_either_header_carries_the_key(api: Api, header: str) -> None:
    key = api.key()
    value = f"Bearer {key}" if header == "Authorization" else key
    assert api.client.get("/api/v1/gateways", headers={header: value}).status_code == 200


def test_an_invalid_credential_is_401_even_next_to_a_valid_one(api: Api) -> None:
    key = api.key()
    both = {"Authorization": "Bearer sg_not-a-key", "Syllable-API-Key": key}
    assert api.client.get("/api/v1/gateways", headers=both).status_code == 401
    both = {"Authorization": f"Bearer {key}", "Syllable-API-Key": "sg_not-a-key"}
    assert api.client.get("/api/v1/gateways", headers=both).status_code == 401
    assert api.client.get("/api/v1/gateways", headers={"Authorization": f"Basic {key}"}).status_code == 401
    same = {"Authorization": f"Bearer {key}", "Syllable-API-Key": key}
    assert api.client.get("/api/v1/gateways", headers=same).status_code == 200


def test_scopes_read_write_resolve(api: Api) -> None:
    assert api.get("/api/v1/gateways", scopes="write").status_code == 403
    assert api.post("/api/v1/gateways", scopes="read", json={"name": "x"}).status_code == 403
    assert api.post("/api/v1/gateways", scopes="write", json={"name": "x"}).status_code == 201
    assert api.get("/api/v1/services/", scopes="resolve").status_code == 403


def test_a_key_bound_to_a_gateway_sees_no_other(api: Api) -> None:
    mine, other = gateway(api), gateway(api)
    bound = api.headers(gateway=mine)
    assert api.client.get(f"/api/v1/gateways/{mine}", headers=bound).status_code == 200
    assert api.client.get(f"/api/v1/gateways/{other}", headers=bound).status_code == 404
    assert api.client.get(f"/api/v1/gateways/{other}/upstreams", headers=bound).status_code == 404
    listed = api.client.get("/api/v1/gateways", headers=bound).json()
    assert [g["id"] for g in listed["items"]] == [mine] and listed["total"] == 1
    assert api.client.get("/api/v1/services/", headers=bound).status_code == 404


def test_last_updated_by_is_the_keys_email(api: Api) -> None:
    headers = {"Authorization": f"Bearer {api.key('read,write', email='ops@example.com')}"}
    body = {"name": "n", "description": "d"}
    assert (
        api.client.post("/api/v1/services/", json=body, headers=headers).json()["last_updated_by"]
        == "ops@example.com"
    )
