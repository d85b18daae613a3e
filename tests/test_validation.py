"""validation: the rules the spec states beyond the models (if/then, not, dependentSchemas, patterns),
enforced from the spec, each error naming its field and the type `x-error-type` gives it."""

from __future__ import annotations

from typing import Any

import pytest

from specgate.rules import RULE_TYPES
from specgate.spec import Spec
from specgate.validation import SchemaCheck

HOST = {"host": "llm.internal.example", "port": 8443, "protocol": "https"}
PROVIDER = {"provider": "openai", "models": ["a", "b"], "default_model": "b", "credentials": {"api_key": "k"}}
EMBEDDING = {"provider": "openai", "model": "m", "credentials": {"api_key": "k"}}
UPSTREAM = {"name": "pool", "targets": [HOST]}
TOOL_SERVICE = {"name": "weather", "description": "d"}

# The error types clients knew from the rules before the spec stated them: they stay the same.
MOVED_TO_THE_SPEC = {
    "proxy_with_websocket",
    "embedding_config_required",
    "description_required",
    "credentials_required",
    "auth_type_required",
    "auth_value_required",
    "auth_value_not_allowed",
    "header_name_invalid",
}

# (schema, body, the errors: where, and the type)
CASES: list[tuple[str, dict[str, Any], list[tuple[tuple[Any, ...], str]]]] = [
    (
        "UpstreamWrite",
        UPSTREAM | {"websocket_config": {}, "proxy": {"host": "p", "port": "80"}},
        [(("body", "proxy"), "proxy_with_websocket")],
    ),
    (
        "UpstreamWrite",
        UPSTREAM | {"algorithm": "semantic", "targets": [HOST | {"description": "d"}]},
        [(("body", "embedding_config"), "embedding_config_required")],
    ),
    (
        "UpstreamWrite",
        UPSTREAM
        | {
            "algorithm": "semantic",
            "embedding_config": EMBEDDING,
            "targets": [HOST, HOST | {"description": ""}],
        },
        [
            (("body", "targets", 0, "description"), "description_required"),
            (("body", "targets", 1, "description"), "description_required"),
        ],
    ),
    (
        "UpstreamWrite",
        UPSTREAM | {"targets": [PROVIDER | {"credentials": {}}]},
        [(("body", "targets", 0, "credentials"), "credentials_required")],
    ),
    (
        "UpstreamWrite",
        UPSTREAM | {"targets": [HOST | {"path": "/v1\r\nX-Injected: 1", "headers": {"X-A": "a\nb"}}]},
        [
            (("body", "targets", 0, "path"), "string_pattern_mismatch"),
            (("body", "targets", 0, "headers", "X-A"), "string_pattern_mismatch"),
        ],
    ),
    (
        "GatewayServiceEndpointWrite",
        {
            "name": "s",
            "type": "endpoint",
            **HOST,
            "credentials": {"header_name": "X-K", "header_value": "v\r\n"},
        },
        [(("body", "credentials", "header_value"), "string_pattern_mismatch")],
    ),
    (
        "ToolServiceCreate",
        TOOL_SERVICE | {"auth_values": {"token": "t"}},
        [(("body", "auth_values", "token"), "auth_type_required")],
    ),
    (
        "ToolServiceCreate",
        TOOL_SERVICE | {"auth_type": "bearer"},
        [(("body", "auth_values"), "auth_value_required")],
    ),
    (
        "ToolServiceCreate",
        TOOL_SERVICE | {"auth_type": "basic", "auth_values": {"username": "u"}},
        [(("body", "auth_values", "password"), "auth_value_required")],
    ),
    (
        "ToolServiceUpdate",
        TOOL_SERVICE | {"id": 1, "auth_type": "bearer", "auth_values": {"token": "t", "user": "u"}},
        [(("body", "auth_values", "user"), "auth_value_not_allowed")],
    ),
    (
        "ToolServiceUpdate",
        TOOL_SERVICE | {"id": 1, "auth_type": "bearer", "auth_values": {"token": "t\r\nX-Injected: 1"}},
        [(("body", "auth_values", "token"), "string_pattern_mismatch")],
    ),
    (
        "ToolServiceUpdate",
        TOOL_SERVICE | {"id": 1, "auth_type": "custom_headers", "auth_values": {}},
        [(("body", "auth_values"), "auth_value_required")],
    ),
    (
        "ToolServiceCreate",
        TOOL_SERVICE | {"auth_type": "custom_headers", "auth_values": {"X Key": "v"}},
        [(("body", "auth_values", "X Key"), "header_name_invalid")],
    ),
]


@pytest.mark.parametrize(("name", "body", "expected"), CASES, ids=[f"{c[0]}-{c[2][0][1]}" for c in CASES])
def test_each_rule_of_the_spec_names_its_field_and_type(
    spec: Spec, name: str, body: dict[str, Any], expected: list[tuple[Any, str]]
) -> None:
    errors = SchemaCheck(spec, f"#/components/schemas/{name}").errors(body)
    assert [(e.loc, e.type) for e in errors] == expected
    assert all(e.msg and "breaks the schema" not in e.msg for e in errors if e.type in MOVED_TO_THE_SPEC)


# Bodies the rules accept, among them what a PUT sends to keep a stored secret (null, the mask).
ACCEPTED: list[tuple[str, dict[str, Any]]] = [
    ("UpstreamWrite", UPSTREAM | {"targets": [HOST, PROVIDER], "proxy": {"host": "p", "port": "80"}}),
    ("UpstreamWrite", UPSTREAM | {"websocket_config": {}}),
    (
        "UpstreamWrite",
        UPSTREAM
        | {"algorithm": "semantic", "embedding_config": EMBEDDING, "targets": [HOST | {"description": "d"}]},
    ),
    ("UpstreamWrite", UPSTREAM | {"targets": [PROVIDER | {"credentials": {"api_key": None}}]}),
    ("UpstreamWrite", UPSTREAM | {"targets": [PROVIDER | {"credentials": {"api_key": "********"}}]}),
    ("ToolServiceCreate", TOOL_SERVICE),
    ("ToolServiceCreate", TOOL_SERVICE | {"auth_type": None, "auth_values": {}}),
    ("ToolServiceCreate", TOOL_SERVICE | {"auth_type": "custom_headers", "auth_values": {"X-Key": "v"}}),
    (
        "ToolServiceCreate",
        TOOL_SERVICE
        | {
            "auth_type": "oauth2",
            "auth_values": dict.fromkeys(["client_id", "client_secret", "auth_url"], "v"),
        },
    ),
    (
        "ToolServiceUpdate",
        TOOL_SERVICE | {"id": 1, "auth_type": "basic"},
    ),  # left out: the stored values are kept
    ("ToolServiceUpdate", TOOL_SERVICE | {"id": 1, "auth_type": "basic", "auth_values": None}),
    (
        "ToolServiceUpdate",
        TOOL_SERVICE
        | {"id": 1, "auth_type": "basic", "auth_values": {"username": "********", "password": None}},
    ),
]


@pytest.mark.parametrize(("name", "body"), ACCEPTED)
def test_bodies_that_keep_the_rules_pass(spec: Spec, name: str, body: dict[str, Any]) -> None:
    assert SchemaCheck(spec, f"#/components/schemas/{name}").errors(body) == []


def test_the_rule_types_clients_know_are_named_in_the_spec_or_kept_in_rules(spec: Spec) -> None:
    def named(node: Any) -> set[str]:
        if isinstance(node, dict):
            own = {node["x-error-type"]} if "x-error-type" in node else set()
            return own.union(*(named(value) for value in node.values()))
        if isinstance(node, list):
            return set().union(*(named(value) for value in node))
        return set()

    in_spec = named(spec.document) - {"string_pattern_mismatch"}
    assert in_spec == MOVED_TO_THE_SPEC
    # Every type the rules gave before the spec stated them is still given, by one or the other.
    before = MOVED_TO_THE_SPEC | {"duplicate_target_id", "default_model_not_in_models"}
    assert in_spec | RULE_TYPES == before
