"""Every field of the two seed pages is in the spec, under the seed's name and with the seed's type.

The field names are read out of the pages in tests/data/seeds, never copied into this file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from specgate.spec import Spec

from .support import GATEWAY_TEXT, SEEDS, TOOLS_TEXT, json_example

GATEWAY_PAGE = SEEDS / "000_2e52ade375d17d4b.txt"
TOOLS_PAGE = SEEDS / "003_9e62c1f13f3d3568.txt"

# The type line under a field name in a seed's field list ("port" / "integer", "tags" / "string[]").
TYPE_LINE = re.compile(r"^(string|integer|boolean|object|any|number)(\[\]|<[\w-]+>)?( \| null)?$")
ENUM_LINE = re.compile(r"^enum<string>( \| null)?$")


def field_list(text: str, heading: str) -> dict[str, str]:
    """Field name -> seed type, from the list under `heading` ("Body" or "Response")."""
    lines = [line.strip() for line in text.splitlines()]
    start = lines.index(heading) + 1
    end = len(lines)
    for other in ("Body", "Response"):
        if other != heading and other in lines[start:]:
            end = min(end, lines.index(other, start))
    fields = {}
    for name, kind in zip(lines[start:end], lines[start + 1 : end], strict=False):
        if re.fullmatch(r"[A-Za-z_]+", name) and (TYPE_LINE.match(kind) or ENUM_LINE.match(kind)):
            fields[name] = kind
    return fields


def snake(name: str) -> str:
    # The gateway page's Body list says createdAt/updatedAt where its own example and response say
    # created_at/updated_at; the example is the wire format, so the list's names are read as snake case.
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def json_paths(value: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    if isinstance(value, dict):
        for key, sub in value.items():
            yield (*prefix, key), sub
            if key != "headers":  # header maps hold header names, not fields
                yield from json_paths(sub, (*prefix, key))
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        yield from json_paths(value[0], (*prefix, "[]"))


def properties(spec: Spec, schema: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """The properties of a schema, across every branch of a oneOf."""
    schema = spec.resolve(schema)
    found: dict[str, Mapping[str, Any]] = {}
    for branch in schema.get("oneOf", []):
        found |= properties(spec, branch)
    found |= dict(schema.get("properties", {}))
    return found


def walk(spec: Spec, schema_name: str, path: tuple[str, ...]) -> Mapping[str, Any]:
    schema: Mapping[str, Any] = spec.schema(schema_name)
    for part in path:
        if part == "[]":
            schema = spec.resolve(schema)["items"]
            continue
        props = properties(spec, schema)
        assert part in props, f"{'.'.join(path)}: no {part!r} in {schema_name}"
        schema = props[part]
    return schema


def json_types(spec: Spec, schema: Mapping[str, Any]) -> set[str]:
    schema = spec.resolve(schema)
    if "oneOf" in schema:
        return set().union(*(json_types(spec, s) for s in schema["oneOf"]))
    kind = schema.get("type", "string" if "const" in schema else None)
    return set(kind) if isinstance(kind, list) else {kind}


def seed_type(value: Any) -> str:
    return {bool: "boolean", int: "integer", str: "string", dict: "object", list: "array"}[type(value)]


GATEWAY_FIELDS = list(json_paths(json_example(GATEWAY_TEXT)))


@pytest.mark.parametrize(("path", "value"), GATEWAY_FIELDS, ids=[".".join(p) for p, _ in GATEWAY_FIELDS])
def test_gateway_service_fields_are_in_the_response_with_the_seed_type(
    spec: Spec, path: tuple[str, ...], value: Any
) -> None:
    expected = seed_type(value)
    types = json_types(spec, walk(spec, "GatewayService", path))
    assert expected in types or (expected == "string" and "const" in str(types)), (path, types)


@pytest.mark.parametrize(("path", "value"), GATEWAY_FIELDS, ids=[".".join(p) for p, _ in GATEWAY_FIELDS])
def test_gateway_service_fields_are_writable_where_they_belong(
    spec: Spec, path: tuple[str, ...], value: Any
) -> None:
    """The service's own fields are in its write schema; the embedded upstream's in the upstream's."""
    if path[0] == "upstream" and len(path) > 1:
        schema, rest = "UpstreamWrite", path[1:]
    else:
        schema, rest = "GatewayServiceWrite", path
    types = json_types(spec, walk(spec, schema, rest))
    assert seed_type(value) in types, (path, types)


def test_the_gateway_pages_field_lists_match_its_example(spec: Spec) -> None:
    example = json_example(GATEWAY_TEXT)
    body = {snake(n) for n in field_list(GATEWAY_TEXT, "Body")}
    response = set(field_list(GATEWAY_TEXT, "Response"))
    assert body and response
    assert body <= set(example) and response <= set(example)
    for name in body:
        walk(spec, "GatewayServiceWrite", (name,))
    for name in response:
        walk(spec, "GatewayService", (name,))


SEED_TO_JSON = {
    "string": {"string"},
    "integer": {"integer"},
    "boolean": {"boolean"},
    "object": {"object"},
    "any": {"object"},
    "enum<string>": {"string"},
}


def expected_types(kind: str) -> tuple[set[str], bool]:
    nullable = kind.endswith(" | null")
    base = kind.removesuffix(" | null")
    if base.endswith("[]"):
        return {"array"}, nullable
    if base.startswith("string<"):
        return {"string"}, nullable
    return SEED_TO_JSON[base], nullable


@pytest.mark.parametrize(("heading", "schema"), [("Body", "ToolServiceUpdate"), ("Response", "ToolService")])
def test_tool_service_fields_have_the_seed_names_types_and_nullability(
    spec: Spec, heading: str, schema: str
) -> None:
    fields = field_list(TOOLS_TEXT, heading)
    assert {"name", "description", "id", "auth_type"} <= set(fields)
    for name, kind in fields.items():
        prop = walk(spec, schema, (name,))
        types, nullable = expected_types(kind)
        actual = json_types(spec, prop)
        assert types <= actual, (name, kind, actual)
        assert ("null" in actual) == nullable or name == "auth_values", (name, kind, actual)
        if kind == "string<date-time>":
            assert spec.resolve(prop)["format"] == "date-time"
        if kind.startswith("enum<string>"):
            seed_enum = _enum_options(TOOLS_TEXT, name)
            spec_enum = [e for s in spec.resolve(prop)["oneOf"] for e in spec.resolve(s).get("enum", [])]
            assert seed_enum == spec_enum


def _enum_options(text: str, field: str) -> list[str]:
    after = text[text.index(f"\n{field}\nenum<string>") :]
    options = after[after.index("Available options:") + len("Available options:") :]
    return [o.strip() for o in options.split("Examples:")[0].replace("\n", "").split(",") if o.strip()]


def test_the_tool_service_response_example_is_a_valid_response(spec: Spec) -> None:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    example = json_example(TOOLS_TEXT)
    assert set(example) == set(field_list(TOOLS_TEXT, "Response"))
    base = "urn:specgate:openapi"
    registry: Registry[Any] = Registry().with_resource(
        base, Resource(contents=spec.document, specification=DRAFT202012)
    )
    validator = Draft202012Validator({"$ref": f"{base}#/components/schemas/ToolService"}, registry=registry)
    assert [e.message for e in validator.iter_errors(example)] == []


def test_the_seed_pages_are_where_the_tests_read_them() -> None:
    assert isinstance(GATEWAY_PAGE, Path) and GATEWAY_PAGE.is_file() and TOOLS_PAGE.is_file()
    assert len(GATEWAY_FIELDS) > 80
