"""Path, query and header parameters are read and checked from the spec's declarations
(`server/parameters.py`): no limit is typed again in Python."""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import urlencode

import pytest
import yaml
from starlette.requests import Request

from specgate.errors import InvalidRequest
from specgate.server.parameters import Parameters
from specgate.spec import Spec

from .support import Api, errors_of


def _request(
    query: dict[str, Any] | None = None, path: dict[str, str] | None = None, **headers: str
) -> Request:
    return Request(
        {
            "type": "http",
            "method": "GET",
            "query_string": urlencode(query or {}, doseq=True).encode(),
            "headers": [(k.replace("_", "-").lower().encode(), v.encode()) for k, v in headers.items()],
            "path_params": path or {},
        }
    )


def _errors(parameters: Parameters, request: Request) -> list[tuple[tuple[Any, ...], str]]:
    with pytest.raises(InvalidRequest) as refused:
        parameters.read(request)
    return [(e.loc, e.type) for e in refused.value.errors]


def _of(spec: Spec, path: str, method: str = "get") -> Parameters:
    item = spec.document["paths"][path]
    return Parameters(spec, item, item[method])


def test_a_limit_changed_in_the_spec_changes_what_the_server_takes(spec: Spec) -> None:
    document = copy.deepcopy(spec.document)
    document["components"]["parameters"]["Limit"]["schema"] |= {"maximum": 7, "default": 3}
    edited = Spec(yaml.safe_dump(document))
    parameters = _of(edited, "/api/v1/gateways")
    assert parameters.read(_request({"limit": "7"}))["limit"] == 7
    assert parameters.read(_request())["limit"] == 3  # the spec's default
    assert _errors(parameters, _request({"limit": "8"})) == [(("query", "limit"), "less_than_equal")]
    assert _of(spec, "/api/v1/gateways").read(_request({"limit": "8"}))["limit"] == 8


def test_every_error_of_a_request_is_named_at_once(spec: Spec) -> None:
    parameters = _of(spec, "/api/v1/services/")
    query = {
        "page": "-1",
        "limit": "x",
        "search_fields": ["name", "secret"],
        "search_field_values": ["a" * 201, "b"],
        "order_by_direction": "up",
    }
    assert sorted(_errors(parameters, _request(query)), key=str) == sorted(
        [
            (("query", "page"), "greater_than_equal"),
            (("query", "limit"), "int_parsing"),
            (("query", "search_fields", 1), "enum"),
            (("query", "search_field_values", 0), "string_too_long"),
            (("query", "order_by_direction"), "enum"),
        ],
        key=str,
    )
    too_many = {"search_fields": ["name"] * 11, "search_field_values": ["v"] * 11}
    assert _errors(parameters, _request(too_many)) == [
        (("query", "search_fields"), "too_long"),
        (("query", "search_field_values"), "too_long"),
    ]


def test_values_are_read_as_their_types_and_defaults_fill_the_rest(spec: Spec) -> None:
    query = {"search_fields": "name", "search_field_values": "x"}
    assert _of(spec, "/api/v1/services/").read(_request(query)) == {
        "page": 0,
        "limit": 25,
        "search_fields": ["name"],
        "search_field_values": ["x"],
        "order_by": "id",
        "order_by_direction": "asc",
    }
    assert _of(spec, "/api/v1/services/{service_id}").read(_request(path={"service_id": "+12"})) == {
        "service_id": 12
    }
    gateway = "3F2B8C1E-2D4A-4F6B-9A7C-1E2D3C4B5A69"
    read = _of(spec, "/api/v1/gateways/{gateway_id}").read(_request(path={"gateway_id": gateway}))
    assert read == {"gateway_id": gateway.lower()}  # any case, answered as this server writes ids


def test_int64_and_huge_integers_are_refused_by_the_bounds_never_a_5xx(spec: Spec) -> None:
    parameters = _of(spec, "/api/v1/services/{service_id}")
    for text in (str(2**63), "9" * 100):
        assert _errors(parameters, _request(path={"service_id": text})) == [
            (("path", "service_id"), "less_than_equal")
        ]
    assert _errors(parameters, _request(path={"service_id": "9" * 101})) == [
        (("path", "service_id"), "int_parsing")
    ]
    assert parameters.read(_request(path={"service_id": str(2**63 - 1)})) == {"service_id": 2**63 - 1}


@pytest.mark.parametrize("name", ["abc\n", "\n", "a b", "x" * 65, "ab\x00"])
def test_a_tool_name_is_whole_or_refused(spec: Spec, name: str) -> None:
    parameters = _of(spec, "/api/v1/tools/{tool_name}")
    [(loc, _)] = _errors(parameters, _request(path={"tool_name": name}))
    assert loc == ("path", "tool_name")


def test_the_if_match_header_is_checked_as_the_spec_says(spec: Spec) -> None:
    parameters = _of(spec, "/api/v1/gateways/{gateway_id}", "put")
    path = {"gateway_id": "3f2b8c1e-2d4a-4f6b-9a7c-1e2d3c4b5a69"}
    assert _errors(parameters, _request(path=path, if_match='"1"' * 67)) == [
        (("header", "If-Match"), "string_too_long")
    ]
    assert parameters.read(_request(path=path, if_match='W/"2", "3"'))["If-Match"] == 'W/"2", "3"'
    assert parameters.read(_request(path=path, if_match='"3"'))["If-Match"] == '"3"'


def test_a_parameter_the_server_cannot_read_stops_it_at_start(spec: Spec) -> None:
    document = copy.deepcopy(spec.document)
    search = document["paths"]["/api/v1/services/"]["get"]["parameters"][2]
    search["explode"] = False  # `?search_fields=a,b`: not read by the server
    with pytest.raises(RuntimeError, match="search_fields"):
        _of(Spec(yaml.safe_dump(document)), "/api/v1/services/")


def test_the_server_answers_parameter_errors_after_auth(api: Api) -> None:
    assert api.get("/api/v1/gateways?limit=0", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert errors_of(api.get("/api/v1/gateways?limit=0&offset=-1")) == [
        (("query", "offset"), "greater_than_equal"),
        (("query", "limit"), "greater_than_equal"),
    ]
    uuid = "3F2B8C1E-2D4A-4F6B-9A7C-1E2D3C4B5A69"
    assert api.get(f"/api/v1/gateways/{uuid}").json()["detail"] == f"no gateway {uuid.lower()}"
