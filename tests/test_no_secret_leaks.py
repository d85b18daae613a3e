"""No secret value reaches a log line (at DEBUG), an error body, or a repr."""

from __future__ import annotations

import logging

import pytest
from cryptography.fernet import Fernet
from starlette.testclient import TestClient

from specgate.config import get_settings
from specgate.crypto import Keyring
from specgate.server import create_app

from .support import Api, endpoint_service

SECRET = "leak-canary-5e1f"


def test_no_secret_in_any_log_line_at_debug(api: Api, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    gid = api.post("/api/v1/gateways", json={"name": "g"}).json()["id"]
    body = endpoint_service(credentials={"api_key": SECRET})
    sid = api.post(f"/api/v1/gateways/{gid}/services", json=body).json()["id"]
    path = f"/api/v1/gateways/{gid}/services/{sid}"
    api.put(path, json=body | {"host": "moved.example", "credentials": {"api_key": None}})  # 422
    api.put(path, json=body | {"port": 99999})  # 422
    api.post(f"/api/v1/gateways/{gid}/services", content=b'{"api_key": "' + SECRET.encode())  # 400
    api.get(f"{path}/resolved")
    created = api.post(
        "/api/v1/services/",
        json={"name": "n", "description": "d", "auth_type": "bearer", "auth_values": {"token": SECRET}},
    )
    api.delete(f"/api/v1/services/{created.json()['id']}?reason=done")
    assert caplog.records, "nothing was logged: the check would prove nothing"
    assert not [r.getMessage() for r in caplog.records if SECRET in r.getMessage()]


def test_error_bodies_never_echo_a_secret(api: Api) -> None:
    gid = api.post("/api/v1/gateways", json={"name": "g"}).json()["id"]
    bad = [
        endpoint_service(credentials={"api_key": SECRET, "nope": SECRET}),
        endpoint_service(credentials={"api_key": SECRET * 1000}),
        endpoint_service(credentials={"api_key": [SECRET]}),
        endpoint_service(credentials={"param_location": SECRET}),
    ]
    for body in bad:
        response = api.post(f"/api/v1/gateways/{gid}/services", json=body)
        assert response.status_code == 422
        assert SECRET not in response.text


def test_a_secret_that_cannot_be_decrypted_is_a_clean_500(
    tmp_path: object, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"sqlite:///{tmp_path}/db.sqlite"
    first = get_settings(url, environ={"SPECGATE_SECRET_KEYS": Fernet.generate_key().decode()})
    with TestClient(create_app(first)) as client:
        api = Api(client, first)
        gid = api.post("/api/v1/gateways", json={"name": "g"}).json()["id"]
        sid = api.post(
            f"/api/v1/gateways/{gid}/services", json=endpoint_service(credentials={"api_key": SECRET})
        ).json()["id"]
        key = api.key()
    other = get_settings(url, environ={"SPECGATE_SECRET_KEYS": Fernet.generate_key().decode()})
    with TestClient(create_app(other)) as client:
        response = client.get(
            f"/api/v1/gateways/{gid}/services/{sid}/resolved", headers={"Authorization": f"Bearer {key}"}
        )
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert SECRET not in response.text and not [r for r in caplog.records if SECRET in r.getMessage()]


def test_a_keyring_prints_no_key() -> None:
    key = Fernet.generate_key().decode()
    assert key not in repr(Keyring([key])) and key not in str(Keyring([key]))
