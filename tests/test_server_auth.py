"""Who is calling (server/auth.py): the key from either header, 401 for anything else, the key's email.

Scopes and gateway binding are in test_server_scopes.py."""

from __future__ import annotations

import pytest

from .support import Api


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


def test_last_updated_by_is_the_keys_email(api: Api) -> None:
    headers = {"Authorization": f"Bearer {api.key('read,write', email='ops@example.com')}"}
    body = {"name": "n", "description": "d"}
    assert (
        api.client.post("/api/v1/services/", json=body, headers=headers).json()["last_updated_by"]
        == "ops@example.com"
    )
