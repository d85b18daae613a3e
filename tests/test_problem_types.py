"""Every `ValidationErrorItem.type` the server can answer is listed in the spec, and nothing else is.

The spec lists them as `examples` of an open string (not a closed `enum`): generated clients then
take a type added by a later version as a plain string instead of failing to read the problem
(openapi-python-client and openapi-generator raise on an enum value they do not know).

Where the server's types come from, each collected here from its source:
- the generated pydantic models (bodies): the error types of each kind of field they hold;
- `validation.py` (the spec's own schemas, bodies and parameters): its keyword table, and every
  `x-error-type` the spec names;
- `server/parameters.py`: what reading a parameter as its type gives;
- every `FieldError`/`InvalidRequest.one` the server's code makes (rules, merge, stored text, ...).
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, get_args

import pydantic_core
import specgate_models
from pydantic import TypeAdapter

from specgate import validation
from specgate.server.parameters import Parameters
from specgate.spec import Spec

SRC = Path(__file__).resolve().parents[1] / "src" / "specgate"


def listed(spec: Spec) -> set[str]:
    return set(spec.schema("ValidationErrorItem")["properties"]["type"]["examples"])


# --- made by the server's own code ------------------------------------------------------------------


def made_in(source: str, module: Any) -> Iterator[str]:
    """The `type` of every FieldError(loc, msg, type) and InvalidRequest.one(...) in `source`: a
    string, or a name of `module` (a constant). (What reading a parameter gives is the parameters'
    own, by the spec's parameter types: `parameter_types`.)"""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or len(node.args) < 3:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in ("FieldError", "one"):
            continue
        kind = node.args[2]
        if isinstance(kind, ast.Constant) and isinstance(kind.value, str):
            yield kind.value
        elif isinstance(kind, ast.Name) and isinstance(getattr(module, kind.id, None), str):
            yield getattr(module, kind.id)


def made_by_the_server() -> set[str]:
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        source = path.read_text()
        if not any(call in source for call in ("FieldError(", ".one(")):
            continue  # (and not imported: the migrations' env.py runs only under Alembic)
        name = ".".join(("specgate", *path.relative_to(SRC).with_suffix("").parts)).removesuffix(".__init__")
        found.update(made_in(source, importlib.import_module(name)))
    return found


def test_the_code_scan_finds_a_new_type() -> None:
    source = (
        'MINE = "mine"\nraise InvalidRequest.one(("body",), "m", "brand_new")\nFieldError((), "m", MINE)\n'
    )
    assert set(made_in(source, type("module", (), {"MINE": "mine"}))) == {"brand_new", "mine"}


# --- checked by the spec's schemas (validation.py) and the parameters ---------------------------------


def named_in_the_spec(node: Any) -> Iterator[str]:
    if isinstance(node, Mapping):
        if "x-error-type" in node:
            yield str(node["x-error-type"])
        for value in node.values():
            yield from named_in_the_spec(value)
    elif isinstance(node, list):
        for value in node:
            yield from named_in_the_spec(value)


# Keywords whose failure validation.py reports under the keyword's own name (no `_TYPES` entry and no
# `x-error-type` above them) would be types no list holds. None may be reachable: these are the
# keywords that cannot fail on what the models (or the parameter readers) already accepted.
UNREPORTED = frozenset(
    {
        "type",  # the models and the parameter readers check types first
        "format",  # not checked by the compiled validator (int32/int64 become minimum/maximum)
        "oneOf",  # the models' unions pick the one member
        "anyOf",
        "allOf",
        "discriminator",
        "properties",
        "items",
        "propertyNames",  # its `pattern` is reported as `pattern`
        "if",  # what fails in `then` / `else` is reported by its own keyword
        "then",
        "else",
        "$ref",
    }
)
# Keywords whose values are data or words, not schemas.
DATA = frozenset(
    {
        "description",
        "title",
        "default",
        "examples",
        "example",
        "readOnly",
        "writeOnly",
        "deprecated",
        "$comment",
    }
    | {"discriminator", "enum", "const", "required", "pattern"}
)


def unnamed_keywords(node: Any, named: bool = False) -> Iterator[str]:
    """Rule keywords of the spec's schemas with neither a `_TYPES` entry nor an `x-error-type`."""
    if isinstance(node, Mapping):
        named = named or "x-error-type" in node
        for key, value in node.items():
            if key in ("properties", "$defs", "patternProperties", "dependentSchemas"):
                for sub in value.values() if isinstance(value, Mapping) else ():
                    yield from unnamed_keywords(sub, named)
                continue
            if key in DATA or (isinstance(key, str) and key.startswith("x-")):
                continue  # values, not schemas
            if not named and key not in validation._TYPES and key not in UNREPORTED:
                yield key
            yield from unnamed_keywords(value, named)
    elif isinstance(node, list):
        for value in node:
            yield from unnamed_keywords(value, named)


def test_every_rule_keyword_of_the_spec_reports_a_listed_type(spec: Spec) -> None:
    components = spec.document["components"]
    schemas = [*components["schemas"].values(), *(p["schema"] for p in components["parameters"].values())]
    for op in spec.operations():  # parameters written in the operation itself
        schemas += [p["schema"] for p in op.operation.get("parameters", ()) if "schema" in p]
    assert sorted(set(unnamed_keywords(schemas))) == []


def test_the_keyword_walk_finds_an_unnamed_rule() -> None:
    rule = {"not": {"required": ["proxy", "websocket_config"]}}
    assert list(unnamed_keywords([{"properties": {"a": rule}}])) == ["not"]
    assert list(unnamed_keywords([{"x-error-type": "proxy_with_websocket", **rule}])) == []


def parameter_types(spec: Spec) -> set[str]:
    types: set[str] = set()
    for op in spec.operations():
        types |= Parameters(spec, spec.document["paths"][op.path], op.operation).error_types
    return types


# --- the generated models (bodies) -------------------------------------------------------------------

# The error types of each kind of field, as the server validates bodies (strict, from JSON), by the
# constraints it carries. A kind not here fails the walk: think about its errors, then add it.
FIELD_TYPES: dict[str, tuple[set[str], dict[str, str]]] = {
    "model": ({"model_type"}, {}),
    "model-fields": ({"missing", "extra_forbidden"}, {}),
    "str": (
        {"string_type"},
        {
            "min_length": "string_too_short",
            "max_length": "string_too_long",
            "pattern": "string_pattern_mismatch",
        },
    ),
    "int": (
        {"int_type"},
        {
            "ge": "greater_than_equal",
            "le": "less_than_equal",
            "gt": "greater_than",
            "lt": "less_than",
            "multiple_of": "multiple_of",
        },
    ),
    "bool": ({"bool_type"}, {}),
    "list": ({"list_type"}, {"min_length": "too_short", "max_length": "too_long"}),
    "dict": ({"dict_type"}, {"min_length": "too_short", "max_length": "too_long"}),
    "literal": ({"literal_error"}, {}),
    "uuid": ({"uuid_type", "uuid_parsing"}, {"version": "uuid_version"}),
    "datetime": ({"datetime_type", "datetime_parsing"}, {"tz_constraint": "timezone_aware"}),
    "tagged-union": ({"union_tag_invalid", "union_tag_not_found"}, {}),
    # Nothing of their own: their members' errors (the closest member's, `inputs._closest`).
    **dict.fromkeys(
        (
            "model-field",
            "default",
            "nullable",
            "union",
            "definitions",
            "definition-ref",
            "any",
            "missing-sentinel",
        ),
        (set[str](), dict[str, str]()),
    ),
}


def field_types(node: Any) -> Iterator[str]:
    if isinstance(node, Mapping):
        kind = node.get("type")
        if isinstance(kind, str):  # a core schema (a field's validator)
            assert kind in FIELD_TYPES, f"a field of kind {kind!r}: list its error types in FIELD_TYPES"
            always, by_constraint = FIELD_TYPES[kind]
            yield from always
            yield from (error for constraint, error in by_constraint.items() if constraint in node)
        for key, value in node.items():
            if key not in ("serialization", "metadata"):  # how it is written out, not checked
                yield from field_types(value)
    elif isinstance(node, list):
        for value in node:
            yield from field_types(value)


def body_types(spec: Spec) -> set[str]:
    """The types of every request body schema of the spec, by its generated model."""
    names = set()
    for op in spec.operations():
        body = op.operation.get("requestBody")
        if body is not None:
            names.add(spec.resolve(body)["content"]["application/json"]["schema"]["$ref"].split("/")[-1])
    assert names
    types = set()
    for name in names:
        types |= set(field_types(TypeAdapter(getattr(specgate_models, name)).core_schema))
    known = set(get_args(pydantic_core.core_schema.ErrorType))
    assert types <= known, types - known  # pydantic's own names, not typos
    return types


# --- the list ----------------------------------------------------------------------------------------


def answered(spec: Spec) -> set[str]:
    return (
        made_by_the_server()
        | set(validation._TYPES.values())
        | set(named_in_the_spec(spec.document))
        | parameter_types(spec)
        | body_types(spec)
    )


def test_every_type_the_server_can_answer_is_listed_in_the_spec(spec: Spec) -> None:
    assert sorted(answered(spec) - listed(spec)) == []


def test_every_type_listed_is_one_the_server_can_answer(spec: Spec) -> None:
    assert sorted(listed(spec) - answered(spec)) == []


def test_the_list_is_an_open_set_that_generated_clients_read_as_a_string(spec: Spec) -> None:
    schema = spec.schema("ValidationErrorItem")["properties"]["type"]
    assert schema["type"] == "string" and "enum" not in schema
    assert listed(spec) == set(sorted(schema["examples"])) and schema["examples"] == sorted(
        schema["examples"]
    )
