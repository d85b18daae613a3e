"""Reading a request (server/inputs.py): the body's size and JSON types."""

from __future__ import annotations

from .support import Api, endpoint_service, errors_of, gateway, host_target


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
