"""rules: the API's rules a JSON schema cannot say, each error naming its field and its own type."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from pydantic_core.core_schema import ErrorType

from specgate.rules import AUTH_KEYS, RULE_TYPES, auth_values_errors, upstream_errors

HOST = {"host": "llm.internal.example", "port": 8443, "protocol": "https"}
PROVIDER = {"provider": "openai", "models": ["a", "b"], "default_model": "b", "credentials": {"api_key": "k"}}
EMBEDDING = {"provider": "openai", "model": "m", "credentials": {"api_key": "k"}}

# (upstream document, the one error it breaks: where, and the rule's type)
UPSTREAMS: list[tuple[dict[str, Any], tuple[tuple[Any, ...], str]]] = [
    (
        {"targets": [HOST], "websocket_config": {}, "proxy": {"url": "http://p"}},
        (("body", "proxy"), "proxy_with_websocket"),
    ),
    (
        {"algorithm": "semantic", "targets": [HOST | {"description": "d"}]},
        (("body", "embedding_config"), "embedding_config_required"),
    ),
    (
        {"targets": [HOST | {"id": "t"}, HOST | {"id": "t"}]},
        (("body", "targets", 1, "id"), "duplicate_target_id"),
    ),
    (
        {"algorithm": "semantic", "embedding_config": EMBEDDING, "targets": [HOST]},
        (("body", "targets", 0, "description"), "description_required"),
    ),
    (
        {"targets": [PROVIDER | {"default_model": "c"}]},
        (("body", "targets", 0, "default_model"), "default_model_not_in_models"),
    ),
    (
        {"targets": [{k: v for k, v in PROVIDER.items() if k != "credentials"}]},
        (("body", "targets", 0, "credentials"), "credentials_required"),
    ),
]

# (tool service document, the one error it breaks)
TOOL_SERVICES: list[tuple[dict[str, Any], tuple[tuple[Any, ...], str]]] = [
    ({"auth_values": {"token": "t"}}, (("body", "auth_values", "token"), "auth_type_required")),
    ({"auth_type": "bearer", "auth_values": {}}, (("body", "auth_values", "token"), "auth_value_required")),
    (
        {"auth_type": "bearer", "auth_values": {"token": "t", "user": "u"}},
        (("body", "auth_values", "user"), "auth_value_not_allowed"),
    ),
    ({"auth_type": "custom_headers", "auth_values": {}}, (("body", "auth_values"), "auth_value_required")),
    (
        {"auth_type": "custom_headers", "auth_values": {"X Key": "v"}},
        (("body", "auth_values", "X Key"), "header_name_invalid"),
    ),
]


@pytest.mark.parametrize(("doc", "expected"), UPSTREAMS, ids=[e[1] for _, e in UPSTREAMS])
def test_each_upstream_rule_names_its_field(doc: dict[str, Any], expected: tuple[Any, str]) -> None:
    assert [(e.loc, e.type) for e in upstream_errors(doc)] == [expected]


@pytest.mark.parametrize(("doc", "expected"), TOOL_SERVICES, ids=[e[1] for _, e in TOOL_SERVICES])
def test_each_auth_values_rule_names_its_field(doc: dict[str, Any], expected: tuple[Any, str]) -> None:
    assert [(e.loc, e.type) for e in auth_values_errors(doc)] == [expected]


@pytest.mark.parametrize(
    "doc",
    [
        {"targets": [HOST, PROVIDER]},
        {"algorithm": "semantic", "embedding_config": EMBEDDING, "targets": [HOST | {"description": "d"}]},
        {"targets": [HOST | {"id": "a"}, HOST | {"id": "b"}], "proxy": {"url": "http://p"}},
    ],
)
def test_an_upstream_that_keeps_the_rules_has_no_error(doc: dict[str, Any]) -> None:
    assert upstream_errors(doc) == []


@pytest.mark.parametrize("auth_type", sorted(AUTH_KEYS))
def test_the_keys_of_each_auth_type_are_enough(auth_type: str) -> None:
    values = dict.fromkeys(AUTH_KEYS[auth_type], "v")
    assert auth_values_errors({"auth_type": auth_type, "auth_values": values}) == []
    assert auth_values_errors({"auth_type": "custom_headers", "auth_values": {"X-Key": "v"}}) == []
    assert auth_values_errors({}) == []


def test_every_rule_type_is_given_by_a_rule_and_none_is_a_schema_error_type() -> None:
    """RULE_TYPES is exactly what the rules give (the fuzzer trusts the list), apart from pydantic's."""
    given = {expected[1] for _, expected in UPSTREAMS + TOOL_SERVICES}
    assert given == RULE_TYPES
    assert RULE_TYPES.isdisjoint(get_args(ErrorType))
