"""The generated pydantic models: they accept the spec's examples and refuse what the spec refuses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import specgate_models
from pydantic import TypeAdapter, ValidationError

from specgate.spec import Spec, load_spec


def _request_examples() -> Iterator[tuple[str, str, Any]]:
    """(operationId, schema name, example) for every request body example."""
    spec = load_spec()
    for op in spec.operations():
        body = op.operation.get("requestBody")
        if body is None:
            continue
        media = body["content"]["application/json"]
        name = media["schema"]["$ref"].rsplit("/", 1)[1]
        for example in (spec.resolve(e)["value"] for e in media["examples"].values()):
            yield op.operation_id, name, example


EXAMPLES = list(_request_examples())


def adapter(name: str) -> TypeAdapter[Any]:
    return TypeAdapter(getattr(specgate_models, name))


@pytest.mark.parametrize(("op", "name", "example"), EXAMPLES, ids=[f"{o}-{n}" for o, n, _ in EXAMPLES])
def test_the_models_accept_every_request_example(op: str, name: str, example: Any) -> None:
    model = adapter(name).validate_python(example)
    assert adapter(name).dump_python(model, mode="json") == example  # omitted stays omitted


@pytest.mark.parametrize(("op", "name", "example"), EXAMPLES, ids=[f"{o}-{n}" for o, n, _ in EXAMPLES])
def test_null_is_refused_where_the_spec_forbids_it_and_kept_where_it_allows_it(
    spec: Spec, op: str, name: str, example: Any
) -> None:
    schema = spec.resolve(spec.schema(name))
    branches = [spec.resolve(b) for b in schema.get("oneOf", [schema])]
    properties = next(b["properties"] for b in branches if set(example) <= set(b["properties"]))
    for field, sub in properties.items():
        types = spec.resolve(sub).get("type")
        nullable = isinstance(types, list) and "null" in types
        nullable = nullable or any(s.get("type") == "null" for s in spec.resolve(sub).get("oneOf", []))
        body = dict(example) | {field: None}
        if nullable:
            dumped = adapter(name).dump_python(adapter(name).validate_python(body), mode="json")
            assert dumped[field] is None, field  # null kept apart from omitted
        else:
            with pytest.raises(ValidationError):
                adapter(name).validate_python(body)


def test_a_secret_sent_as_null_is_told_apart_from_one_left_out() -> None:
    credentials = adapter("CredentialsWrite")
    assert credentials.dump_python(credentials.validate_python({"api_key": None})) == {"api_key": None}
    assert credentials.dump_python(credentials.validate_python({})) == {}


def test_response_models_carry_masks_not_values() -> None:
    credentials = adapter("Credentials")
    assert credentials.validate_python({"api_key": "********"})
    with pytest.raises(ValidationError):
        credentials.validate_python({"api_key": "sk-real-value"})
