"""rules: the API's rules no JSON schema can say, each error naming its field and its own type."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from pydantic_core.core_schema import ErrorType

from specgate.rules import RULE_TYPES, auth_values_errors, upstream_errors

HOST = {"host": "llm.internal.example", "port": 8443, "protocol": "https"}
PROVIDER = {"provider": "openai", "models": ["a", "b"], "default_model": "b", "credentials": {"api_key": "k"}}

# (merged upstream document, the one error it breaks: where, and the rule's type)
UPSTREAMS: list[tuple[dict[str, Any], tuple[tuple[Any, ...], str]]] = [
    (
        {"targets": [HOST | {"id": "t"}, HOST | {"id": "t"}]},
        (("body", "targets", 1, "id"), "duplicate_target_id"),
    ),
    (
        {"targets": [PROVIDER | {"default_model": "c"}]},
        (("body", "targets", 0, "default_model"), "default_model_not_in_models"),
    ),
    (  # every secret was sent as null with nothing stored: nothing is left
        {"targets": [PROVIDER | {"credentials": {}}]},
        (("body", "targets", 0, "credentials"), "credentials_required"),
    ),
]


@pytest.mark.parametrize(("doc", "expected"), UPSTREAMS, ids=[e[1] for _, e in UPSTREAMS])
def test_each_upstream_rule_names_its_field(doc: dict[str, Any], expected: tuple[Any, str]) -> None:
    assert [(e.loc, e.type) for e in upstream_errors(doc)] == [expected]


@pytest.mark.parametrize(
    "doc",
    [
        {"targets": [HOST, PROVIDER]},
        {"targets": [HOST | {"id": "a"}, HOST | {"id": "b"}], "proxy": {"host": "p", "port": "80"}},
        {"targets": [PROVIDER | {"default_model": None}]},
    ],
)
def test_an_upstream_that_keeps_the_rules_has_no_error(doc: dict[str, Any]) -> None:
    assert upstream_errors(doc) == []


def test_an_auth_type_whose_values_were_left_out_with_nothing_stored_is_refused() -> None:
    errors = auth_values_errors({"auth_type": "bearer"})
    assert [(e.loc, e.type) for e in errors] == [(("body", "auth_values"), "auth_value_required")]
    assert auth_values_errors({"auth_type": "bearer", "auth_values": {"token": "sealed"}}) == []
    assert auth_values_errors({"auth_type": None}) == []
    assert auth_values_errors({}) == []


def test_every_rule_type_is_given_by_a_rule_and_none_is_a_schema_error_type() -> None:
    """RULE_TYPES is exactly what the rules give (the fuzzer trusts the list), apart from pydantic's."""
    given = {expected[1] for _, expected in UPSTREAMS} | {"auth_value_required"}
    assert given == RULE_TYPES
    assert RULE_TYPES.isdisjoint(get_args(ErrorType))
