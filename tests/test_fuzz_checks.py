"""specgate's fuzz checks catch the leaks they are for: each one fails on an app with a planted bug,
and passes on the real server."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from pydantic import ValidationError
from schemathesis import Config
from schemathesis.core.failures import FailureGroup

import specgate.server.resources
import specgate.server.routes.gateways
import specgate.server.routes.tool_services
from specgate import merge
from specgate.admin import create_api_key
from specgate.errors import InvalidRequest
from specgate.fuzzing import checks
from specgate.server import create_app
from specgate.server.endpoint import attach, current
from specgate.server.parameters import Parameters
from specgate.spec import load_spec

from .support import spec_schema, sqlite_settings

SECRET = "planted-secret-93c1d"


class Target:
    """A schemathesis schema bound to an app (real or with a planted bug), and request helpers."""

    def __init__(self, tmp: Path) -> None:
        checks.reset()
        settings = sqlite_settings(tmp)
        key = asyncio.run(
            create_api_key(settings, email="t@example.com", scopes="read,write,resolve", gateway_id=None)
        )
        self.headers = {"Authorization": f"Bearer {key}"}
        self.schema = spec_schema(Config.from_dict({"headers": self.headers}))
        self.schema.app = create_app(settings)

    def call(self, operation_id: str, check: Callable[..., Any], **parts: Any) -> Any:
        case = self.schema.find_operation_by_id(operation_id).Case(**parts)
        return case.call_and_validate(checks=[check], headers=self.headers)


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Target]:
    yield Target(tmp_path)
    checks.reset()


def endpoint(credentials: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": "s",
        "type": "endpoint",
        "host": "h.example",
        "port": 443,
        "protocol": "https",
        "credentials": credentials,
    }


def service_path(target: Target, check: Callable[..., Any]) -> dict[str, str]:
    gid = target.call("createGateway", check, body={"name": "g"}).json()["id"]
    created = target.call(
        "createGatewayService", check, path_parameters={"gateway_id": gid}, body=endpoint({"api_key": SECRET})
    )
    return {"gateway_id": gid, "service_id": created.json()["id"]}


def tool_service(target: Target, check: Callable[..., Any]) -> int:
    body = {
        "name": "t",
        "description": "d",
        "auth_type": "custom_headers",
        "auth_values": {"X-A": SECRET, "X-B": "b-value-1"},
    }
    return int(target.call("createToolService", check, body=body).json()["id"])


# --- 1. no secret sent comes back ------------------------------------------------------------------


def plant_an_echoing_422(monkeypatch: pytest.MonkeyPatch) -> None:
    """Planted: the FastAPI default, a validation error that quotes what was sent (a body the
    schema refuses goes the model's way, `parse_body`)."""

    def echoing_parse_body(raw: bytes, adapter: Any) -> Any:
        try:
            return adapter.validate_json(raw)
        except ValidationError as exc:
            raise InvalidRequest.one(("body",), str(exc), "invalid") from None

    monkeypatch.setattr(specgate.server.resources, "parse_body", echoing_parse_body)


def test_the_echo_check_passes_on_the_server(target: Target) -> None:
    path = service_path(target, checks.secret_not_echoed)
    target.call("getGatewayService", checks.secret_not_echoed, path_parameters=path)


def test_the_echo_check_catches_a_422_that_echoes_its_input(
    target: Target, monkeypatch: pytest.MonkeyPatch
) -> None:
    plant_an_echoing_422(monkeypatch)
    gid = target.call("createGateway", checks.secret_not_echoed, body={"name": "g"}).json()["id"]
    body = endpoint({"api_key": [SECRET]})  # a secret of the wrong type: its error quotes it
    with pytest.raises(FailureGroup, match="secret_not_echoed"):
        target.call(
            "createGatewayService", checks.secret_not_echoed, path_parameters={"gateway_id": gid}, body=body
        )


def test_the_echo_check_ignores_a_secret_that_is_the_servers_own_words(
    target: Target, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Hypothesis draws strings from specgate's own constants: a secret "must be an integer" then
    # comes back in the 422 that says so, which is no echo (it failed runs at random).
    words = "must be an integer"
    gid = target.call("createGateway", checks.secret_not_echoed, body={"name": "g"}).json()["id"]
    body = endpoint({"api_key": words})
    target.call(
        "createGatewayService", checks.secret_not_echoed, path_parameters={"gateway_id": gid}, body=body
    )
    refused = target.call("listGateways", checks.secret_not_echoed, query={"offset": "x"})
    assert refused.status_code == 422 and words in refused.text

    # A secret of the run's own still counts, in the same run.
    plant_an_echoing_422(monkeypatch)
    with pytest.raises(FailureGroup, match="secret_not_echoed"):
        target.call(
            "createGatewayService",
            checks.secret_not_echoed,
            path_parameters={"gateway_id": gid},
            body=endpoint({"api_key": [SECRET]}),
        )


def test_the_echo_check_ignores_a_secret_that_is_also_a_key_the_answer_names(
    target: Target, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Hypothesis sends one string as a key and as a secret's value (a secret `client_secret` beside a
    # key `client_secret` failed runs at random): the 422 naming the key names it, it echoes nothing.
    name = "Client-Secret-Key"
    body = {
        "name": "t",
        "description": "d",
        "auth_type": "custom_headers",
        "auth_values": {name: "line\r\nbreak", "X-B": name},
    }
    refused = target.call("createToolService", checks.secret_not_echoed, body=body)
    assert refused.status_code == 422 and name in refused.text
    # And a 200 that lists it among the keys (`auth_value_keys`).
    body["auth_values"] = {name: "value-1", "X-B": name}
    created = target.call("createToolService", checks.secret_not_echoed, body=body)
    assert created.status_code == 200 and name in created.json()["auth_value_keys"]

    # A secret of the run's own still counts, in the same run.
    plant_an_echoing_422(monkeypatch)
    body["auth_values"] = {name: [SECRET], "X-B": "b-value-1"}  # of the wrong type: its error quotes it
    with pytest.raises(FailureGroup, match="secret_not_echoed"):
        target.call("createToolService", checks.secret_not_echoed, body=body)


def test_the_echo_check_ignores_a_secret_also_sent_as_ordinary_data(
    target: Target, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Hypothesis reuses what it drew: one string as a token and as the tool service's name (and its
    # comment). The answer carries it back as the name, which is no echo of the token (it failed CI).
    same = "\x9fO+ a-drawn-string"
    body = {
        "name": same,
        "description": "",
        "auth_type": "bearer",
        "auth_values": {"token": same},
        "last_updated_comments": same,
    }
    created = target.call("createToolService", checks.secret_not_echoed, body=body)
    assert created.status_code == 200 and created.json()["name"] == same

    # A secret of the run's own still counts, in the same run.
    plant_an_echoing_422(monkeypatch)
    body = {"name": "t", "description": "d", "auth_type": "bearer", "auth_values": {"token": [SECRET]}}
    with pytest.raises(FailureGroup, match="secret_not_echoed"):
        target.call("createToolService", checks.secret_not_echoed, body=body)


# --- 2. the masked GET body sent back keeps every secret -----------------------------------------


def test_the_round_trip_check_passes_on_the_server(target: Target) -> None:
    path = service_path(target, checks.masked_body_keeps_secrets)
    target.call("getGatewayService", checks.masked_body_keeps_secrets, path_parameters=path)
    sid = tool_service(target, checks.masked_body_keeps_secrets)
    target.call("getToolService", checks.masked_body_keeps_secrets, path_parameters={"service_id": sid})


def test_the_round_trip_check_catches_a_mask_stored_as_a_value(
    target: Target, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = service_path(target, checks.masked_body_keeps_secrets)
    # Planted: the merge no longer knows the mask, so "********" replaces the stored secret.
    monkeypatch.setattr(merge, "MASK", "not-the-mask")
    with pytest.raises(FailureGroup, match="masked_body_keeps_secrets"):
        target.call("getGatewayService", checks.masked_body_keeps_secrets, path_parameters=path)


# --- 3. auth_values: null keeps, omitted removes --------------------------------------------------


def test_the_null_and_omitted_check_passes_on_the_server(target: Target) -> None:
    sid = tool_service(target, checks.null_keeps_omitted_removes)
    target.call("getToolService", checks.null_keeps_omitted_removes, path_parameters={"service_id": sid})


def test_the_null_and_omitted_check_catches_kept_omitted_keys(
    target: Target, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = tool_service(target, checks.null_keeps_omitted_removes)
    real_merge = specgate.server.routes.tool_services.merge_update

    def merge_keeping_everything(stored: Any, incoming: Any, shape: Any, **kwargs: Any) -> Any:
        merged = real_merge(stored, incoming, shape, **kwargs)
        if stored and stored.get("auth_values") and merged.get("auth_values") is not None:
            merged["auth_values"] = stored["auth_values"] | merged["auth_values"]  # planted: omitted kept
        return merged

    monkeypatch.setattr(specgate.server.routes.tool_services, "merge_update", merge_keeping_everything)
    with pytest.raises(FailureGroup, match="null_keeps_omitted_removes"):
        target.call("getToolService", checks.null_keeps_omitted_removes, path_parameters={"service_id": sid})


def test_the_null_and_omitted_check_catches_null_replacing(
    target: Target, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = tool_service(target, checks.null_keeps_omitted_removes)
    real = merge._merge_secret

    def null_is_a_value(stored: Any, incoming: Any, ctx: Any, loc: Any, moved: Any) -> Any:
        return ctx.seal("null") if incoming is None else real(stored, incoming, ctx, loc, moved)  # planted

    monkeypatch.setattr(merge, "_merge_secret", null_is_a_value)
    with pytest.raises(FailureGroup, match="null_keeps_omitted_removes"):
        target.call("getToolService", checks.null_keeps_omitted_removes, path_parameters={"service_id": sid})


# --- 4. a schema-valid request is refused only by the API's own rules -----------------------------


def test_the_acceptance_check_accepts_rule_422s_and_state_answers(target: Target) -> None:
    @given(case=target.schema.find_operation_by_id("listToolServices").as_strategy())
    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        case.call_and_validate(checks=[checks.schema_valid_request_accepted], headers=target.headers)

    run()  # search_fields without values: 422 length_mismatch, one of the API's own rules


def test_the_acceptance_check_catches_a_server_stricter_than_its_spec(
    target: Target, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = Parameters.read

    def strict_uuid(self: Parameters, request: Any) -> dict[str, Any]:  # planted: every id refused
        if "gateway_id" in request.path_params:
            raise InvalidRequest.one(("path", "gateway_id"), "must be a UUID", "uuid_parsing")
        return read(self, request)

    monkeypatch.setattr(Parameters, "read", strict_uuid)

    @given(case=target.schema.find_operation_by_id("getGateway").as_strategy())
    @settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case: Any) -> None:
        case.call_and_validate(checks=[checks.schema_valid_request_accepted], headers=target.headers)

    with pytest.raises(FailureGroup, match="schema_valid_request_accepted"):
        run()


# --- 5. the answer is the called operation's ------------------------------------------------------


def test_the_answer_check_passes_on_the_server(target: Target) -> None:
    check = checks.answer_of_the_operation_called
    sid = tool_service(target, check)
    target.call("createTool", check, body={"name": "t1", "service_id": sid, "definition": {}})
    target.call("getTool", check, path_parameters={"tool_name": "t1"})
    target.call("listTools", check)
    path = service_path(target, check)
    target.call("getGatewayService", check, path_parameters=path)
    target.call("getGateway", check, path_parameters={"gateway_id": path["gateway_id"]})


def test_the_answer_check_catches_a_list_answered_to_a_get_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import specgate.server.routes as routes

    spec = load_spec()
    listing = spec.document["paths"]["/api/v1/tools/"]
    list_parameters, list_tools = Parameters(spec, listing, listing["get"]), routes.HANDLERS["listTools"]

    async def the_list(request: Any) -> Any:  # with the list's parameters, as its own route reads them
        attach(request.scope, dataclasses.replace(current(request), parameters=list_parameters))
        return await list_tools(request)

    # Planted: the get-one route reaches the list handler (as a trailing newline once made it do).
    monkeypatch.setitem(routes.HANDLERS, "getTool", the_list)
    target = Target(tmp_path)
    check = checks.answer_of_the_operation_called
    sid = tool_service(target, check)
    target.call("createTool", check, body={"name": "t1", "service_id": sid, "definition": {}})
    with pytest.raises(FailureGroup, match="answer_of_the_operation_called"):
        target.call("getTool", check, path_parameters={"tool_name": "t1"})


def test_the_answer_check_catches_a_gateway_answered_for_an_upstream(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import specgate.server.routes as routes

    async def a_gateway(request: Any) -> Any:  # planted: both bodies are valid Gateways
        return await routes.HANDLERS["getGateway"](request)

    monkeypatch.setitem(routes.HANDLERS, "getUpstream", a_gateway)
    target = Target(tmp_path)
    check = checks.answer_of_the_operation_called
    gid = target.call("createGateway", check, body={"name": "g"}).json()["id"]
    upstream = {"name": "u", "targets": [{"host": "h.example", "port": 443, "protocol": "https"}]}
    uid = target.call("createUpstream", check, path_parameters={"gateway_id": gid}, body=upstream).json()[
        "id"
    ]
    with pytest.raises(FailureGroup, match="answer_of_the_operation_called"):
        target.call("getUpstream", check, path_parameters={"gateway_id": gid, "upstream_id": uid})
