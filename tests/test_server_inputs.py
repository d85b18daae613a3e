"""Reading a request (server/inputs.py): the body's size and JSON types."""

from __future__ import annotations

import functools
import json
import uuid
from typing import Any

import specgate_models
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import Config
from schemathesis.schemas import APIOperation

from specgate.errors import BadRequest, InvalidRequest
from specgate.server.inputs import parse_body, plain_body
from specgate.server.resources import JSON, BodySchema
from specgate.spec import HTTP_METHODS, Spec, load_spec

from .support import Api, endpoint_service, errors_of, gateway, host_target, spec_schema


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


# --- the plain way: a body read without the model (inputs.plain_body) ------------------------------


def _body_schemas() -> dict[tuple[str, str], BodySchema]:
    """Each operation's request body schema, as the server reads it."""
    spec = load_spec()
    found = {}
    for path, item in spec.document["paths"].items():
        for method, op in item.items():
            if method not in HTTP_METHODS:
                continue
            ref = op.get("requestBody", {}).get("content", {}).get(JSON, {}).get("schema", {}).get("$ref")
            if ref:
                found[(method.upper(), path)] = BodySchema.of(spec, specgate_models, ref.rsplit("/", 1)[1])
    return found


BODY_SCHEMAS = _body_schemas()


@functools.cache
def _operation(method: str, path: str) -> APIOperation:
    """schemathesis' view of an operation (built on first use: it takes a second)."""
    operations = (result.ok() for result in spec_schema(Config()).get_all_operations())
    return next(op for op in operations if (op.method.upper(), op.path) == (method, path))


def _the_models_way(body: BodySchema, raw: bytes) -> dict[str, Any] | None:
    """What the model makes of `raw` (the way every body went before the plain way), None if refused."""
    try:
        data = body.model.dump_python(parse_body(raw, body.model), mode="json")
    except (InvalidRequest, BadRequest):
        return None
    return None if body.check.errors(data) else data


def _same(plain: Any, model: Any) -> bool:
    """Equal, and each number of the same type (the model reads 5.0 as 5: 5.0 == 5 in Python)."""
    if isinstance(plain, dict):
        return (
            isinstance(model, dict)
            and plain.keys() == model.keys()
            and all(_same(v, model[k]) for k, v in plain.items())
        )
    if isinstance(plain, list):
        return isinstance(model, list) and len(plain) == len(model) and all(map(_same, plain, model))
    return type(plain) is type(model) and plain == model


@settings(deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_a_body_the_plain_way_reads_is_exactly_what_the_model_gives(data: st.DataObject) -> None:
    """Any schema-valid body (schemathesis generates them from the spec) that the plain way takes is
    taken by the model too, as the same data; one it declines goes the model's way."""
    method, path = data.draw(st.sampled_from(sorted(BODY_SCHEMAS)))
    case = data.draw(_operation(method, path).as_strategy())
    try:
        raw = json.dumps(case.body, ensure_ascii=False).encode()
    except UnicodeEncodeError:  # a lone surrogate: not JSON text
        return
    body = BODY_SCHEMAS[(method, path)]
    plain = plain_body(raw, body.plain)
    if plain is not None:
        assert _same(plain, _the_models_way(body, raw))


def test_the_usual_bodies_go_the_plain_way_and_read_as_the_model_reads_them(spec: Spec) -> None:
    """Every request example of the spec: read without the model, as the model reads it."""
    taken = 0
    for (method, path), body in BODY_SCHEMAS.items():
        content = spec.document["paths"][path][method.lower()]["requestBody"]["content"][JSON]
        for example in content.get("examples", {}).values():
            raw = json.dumps(spec.resolve(example)["value"], ensure_ascii=False).encode()
            plain = plain_body(raw, body.plain)
            assert plain is not None, (method, path, raw)
            assert _same(plain, _the_models_way(body, raw))
            taken += 1
    assert taken >= len(BODY_SCHEMAS)


def test_what_the_model_would_rewrite_goes_the_models_way() -> None:
    body = BODY_SCHEMAS[("POST", "/api/v1/gateways/{gateway_id}/services")]
    upstream_id = str(uuid.uuid4())
    plain = {"name": "s", "type": "upstream", "upstream_id": upstream_id}
    assert plain_body(json.dumps(plain).encode(), body.plain) == plain
    for rewritten in (
        plain | {"upstream_id": upstream_id.upper()},  # the model writes it in lowercase
        plain | {"upstream_id": upstream_id.replace("-", "")},  # ... and with hyphens
        plain | {"retries": 2.0},  # ... as 2
        plain | {"name": "caf\u00e9"},  # sent escaped: an escape may hide a NUL or a lone surrogate
        plain | {"created_at": "2026-01-01T00:00:00.5+01:00"},  # the model rewrites a date-time
    ):
        raw = json.dumps(rewritten).encode()
        assert plain_body(raw, body.plain) is None, rewritten
        assert _the_models_way(body, raw) is not None, rewritten
    tool = BODY_SCHEMAS[("POST", "/api/v1/tools/")]
    big = b'{"name":"t","service_id":"%s","definition":{"n":123456789012345678901234}}' % upstream_id.encode()
    assert plain_body(big, tool.plain) is None  # orjson would read the integer as a float
