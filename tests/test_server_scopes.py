"""Who may act where (server/scopes.py): each scope, and a key bound to a gateway."""

from __future__ import annotations

from .support import Api, gateway


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
