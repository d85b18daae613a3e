"""`specgate fuzz`'s hooks (fuzzing/hooks.py): a write names only rows the run created, and ST302
does not blame the API for the 404 of a write the guard sent elsewhere."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from schemathesis import Case, Config
from schemathesis.hooks import GLOBAL_HOOK_DISPATCHER
from schemathesis.specs.openapi.schemas import OpenApiSchema

from specgate.fuzzing import hooks
from specgate.registry import GATEWAY, TOOL, TOOL_SERVICE

from .support import spec_schema

USERS_GATEWAY = "7f1c2a9e-5b3d-4c8e-9a6f-0d1e2f3a4b5c"
OWN_GATEWAY = "3a4b5c6d-7e8f-4a0b-8c2d-3e4f5a6b7c8d"


@pytest.fixture(scope="module")
def schema() -> OpenApiSchema:
    return spec_schema(Config())


@pytest.fixture
def created(monkeypatch: pytest.MonkeyPatch) -> Iterator[hooks.Created]:
    """A run that created one gateway, tool service 7 and the tool `own-tool`."""
    ledger = hooks.Created()
    ledger.add(GATEWAY, {}, {"id": OWN_GATEWAY, "name": "g"})
    ledger.add(TOOL_SERVICE, {}, {"id": 7, "name": "s"})
    ledger.add(TOOL, {}, {"id": 3, "name": "own-tool", "service_id": 7})
    monkeypatch.setattr(hooks, "created", ledger)
    monkeypatch.setattr(hooks, "_sent_elsewhere", set())
    yield ledger


def case(schema: OpenApiSchema, operation_id: str, **parts: Any) -> Case:
    return schema.find_operation_by_id(operation_id).Case(**parts)


def test_importing_the_hooks_turns_nothing_on() -> None:
    """Only `specgate fuzz` registers them: a test process that reads the module keeps its in-process
    fuzzing unguarded."""
    for name in ("before_call", "after_call"):
        assert getattr(hooks, name) not in GLOBAL_HOOK_DISPATCHER.get_all_by_name(name)


@pytest.mark.usefixtures("created")
@pytest.mark.parametrize(
    ("operation_id", "parameters", "sent"),
    [
        ("createUpstream", {"gateway_id": USERS_GATEWAY}, {"gateway_id": hooks.ABSENT_UUID}),
        ("deleteGateway", {"gateway_id": USERS_GATEWAY}, {"gateway_id": hooks.ABSENT_UUID}),
        ("deleteToolService", {"service_id": 1}, {"service_id": hooks.ABSENT_INT}),
        # The examples phase sends the spec's example ids as text.
        ("deleteToolService", {"service_id": "1"}, {"service_id": hooks.ABSENT_INT}),
        ("deleteTool", {"tool_name": "users-tool"}, {"tool_name": hooks.ABSENT_NAME}),
    ],
)
def test_a_write_to_a_row_the_run_did_not_create_goes_to_an_absent_one(
    schema: OpenApiSchema, operation_id: str, parameters: dict[str, Any], sent: dict[str, Any]
) -> None:
    write = case(schema, operation_id, path_parameters=dict(parameters))
    assert hooks._own_rows_only(write) is True
    assert write.path_parameters == sent


@pytest.mark.usefixtures("created")
def test_a_tool_family_body_names_only_the_runs_rows(schema: OpenApiSchema) -> None:
    users = case(schema, "updateToolService", body={"id": 1, "name": "s"})
    assert hooks._own_rows_only(users) is True and users.body["id"] == hooks.ABSENT_INT
    tool = case(schema, "createTool", body={"name": "t", "service_id": 2})
    assert hooks._own_rows_only(tool) is True and tool.body["service_id"] == hooks.ABSENT_INT


@pytest.mark.usefixtures("created")
def test_the_runs_own_rows_malformed_ids_and_reads_are_left_alone(schema: OpenApiSchema) -> None:
    unchanged = [
        case(schema, "createUpstream", path_parameters={"gateway_id": OWN_GATEWAY}),
        case(schema, "deleteToolService", path_parameters={"service_id": 7}),
        case(schema, "deleteTool", path_parameters={"tool_name": "own-tool"}),
        case(schema, "updateToolService", body={"id": 7, "name": "s"}),
        case(schema, "deleteGateway", path_parameters={"gateway_id": "not-a-uuid"}),
        case(schema, "deleteGateway", path_parameters={"gateway_id": "0"}),  # digits, not an int64 id
        case(schema, "deleteGateway", path_parameters={"gateway_id": 5}),
        case(schema, "deleteToolService", path_parameters={"service_id": "x1"}),
        case(schema, "getGateway", path_parameters={"gateway_id": USERS_GATEWAY}),
    ]
    before = [(c.path_parameters, c.body) for c in unchanged]
    assert [hooks._own_rows_only(c) for c in unchanged] == [False] * len(unchanged)
    assert [(c.path_parameters, c.body) for c in unchanged] == before


def test_st302_stands_down_only_for_a_write_sent_elsewhere(
    schema: OpenApiSchema, created: hooks.Created, monkeypatch: pytest.MonkeyPatch
) -> None:
    """schemathesis takes the guard's change for a link's value: the absent id's 404 after a create
    would read as "created resource not found". Any other request still gets the real check."""
    judged: list[Case] = []

    def ensure_resource_availability(ctx: Any, response: Any, case: Case) -> None:
        judged.append(case)

    monkeypatch.setattr(hooks, "ensure_resource_availability", ensure_resource_availability)
    redirected = case(schema, "createUpstream", path_parameters={"gateway_id": USERS_GATEWAY})
    own = case(schema, "createUpstream", path_parameters={"gateway_id": OWN_GATEWAY})
    for sent in (redirected, own):
        hooks.before_call(None, sent, {})  # type: ignore[arg-type]
        hooks.created_resource_available(None, None, sent)  # type: ignore[arg-type]
    assert judged == [own]
