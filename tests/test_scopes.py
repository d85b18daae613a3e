"""The scopes each operation needs are the ones its `security` lists in the spec, and the server
enforces exactly those (`server/endpoint.py` reads them; no handler names a scope)."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
import yaml
from starlette.testclient import TestClient

from specgate.config import Settings
from specgate.server import create_app
from specgate.server.endpoint import scopes_of
from specgate.spec import Operation, Spec

from .support import Api

SCOPES = ("read", "write", "resolve")


def _path(spec: Spec, op: Operation) -> str:
    """`op`'s path with each parameter's example from the spec (ids that exist nowhere: 404s)."""
    declared = [*spec.document["paths"][op.path].get("parameters", ()), *op.operation.get("parameters", ())]
    values = {}
    for param in map(spec.resolve, declared):
        if param["in"] == "path":
            example = next(iter(param["examples"].values()))
            values[param["name"]] = str(spec.resolve(example)["value"])
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], op.path)


def _call(api: Api, spec: Spec, op: Operation, scopes: str) -> Any:
    return api.request(op.method, _path(spec, op), scopes=scopes, json={}, params={"reason": "test"})


def test_every_operation_with_a_key_lists_its_scopes(spec: Spec) -> None:
    for op in spec.operations():
        scopes = scopes_of(spec, op.operation)
        assert (scopes is None) == (not op.path.startswith("/api/")), op
        assert scopes is None or (scopes and scopes <= set(SCOPES)), op


def test_a_key_without_a_scope_the_spec_lists_is_refused_and_one_with_them_is_not(
    api: Api, spec: Spec
) -> None:
    for op in spec.operations():
        needed = scopes_of(spec, op.operation)
        if needed is None:
            continue
        for scope in needed:
            refused = _call(api, spec, op, ",".join(s for s in SCOPES if s != scope))
            assert refused.status_code == 403, (op, scope, refused.text)
            assert f"needs the {scope} scope" in refused.json()["detail"], op
        allowed = _call(api, spec, op, ",".join(sorted(needed)))
        assert allowed.status_code not in (401, 403), (op, allowed.text)


def test_the_scopes_come_from_the_spec(backend: Settings, spec: Spec) -> None:
    document = copy.deepcopy(spec.document)
    document["paths"]["/api/v1/gateways"]["get"]["security"] = [
        {"BearerAuth": ["write"]},
        {"SyllableApiKey": ["write"]},
    ]
    with TestClient(create_app(backend, Spec(yaml.safe_dump(document)))) as client:
        api = Api(client, backend)
        assert api.get("/api/v1/gateways", scopes="read").status_code == 403
        assert api.get("/api/v1/gateways", scopes="write").status_code == 200


def test_alternatives_with_different_scopes_stop_the_server_at_start(spec: Spec) -> None:
    operation = dict(spec.document["paths"]["/api/v1/gateways"]["get"])
    operation["security"] = [{"BearerAuth": ["read"]}, {"SyllableApiKey": ["write"]}]
    with pytest.raises(RuntimeError, match="listGateways"):
        scopes_of(spec, operation)
