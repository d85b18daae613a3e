"""Checking JSON against the spec's own schemas (JSON Schema 2020-12), for what the models do not say.

The generated pydantic models check types, lengths, patterns and enums; they leave out `not`,
`if`/`then`, `format: int64` and the like. A `SchemaCheck` is compiled once per schema at start-up
(jsonschema_rs, in Rust) and run on data the model already accepted, so it only adds those rules.
A rule the spec states this way names its error in the schema: `x-error-type` (and `description`
for the message) on the subschema that holds it.
Messages never quote the value checked: a body may hold secrets.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import jsonschema_rs

from .errors import FieldError
from .spec import Spec

__all__ = ["CANONICAL_UUID", "FORMAT_BOUNDS", "SchemaCheck", "canonical_components"]

# OpenAPI's format registry: int32 and int64 bound integers (spec.openapis.org/registry/format).
# JSON Schema validators leave formats of numbers alone, so the compiled copy states the bounds.
FORMAT_BOUNDS = {"int64": (-(2**63), 2**63 - 1), "int32": (-(2**31), 2**31 - 1)}

# Our error `type` for each JSON Schema keyword (pydantic's names where pydantic has one).
_TYPES = {
    "required": "missing",
    "maximum": "less_than_equal",
    "minimum": "greater_than_equal",
    "maxLength": "string_too_long",
    "minLength": "string_too_short",
    "pattern": "string_pattern_mismatch",
    "maxItems": "too_long",
    "minItems": "too_short",
    "maxProperties": "too_long",
    "minProperties": "too_short",
    "enum": "enum",
    "const": "literal_error",
    "additionalProperties": "extra_forbidden",
}


class SchemaCheck:
    """One schema of the spec (`#/components/schemas/NAME` or any local pointer), or a schema made
    of the spec's parts (`schema`, whose `$ref`s point into the spec), compiled once."""

    def __init__(
        self,
        spec: Spec,
        ref: str | None = None,
        *,
        schema: Mapping[str, Any] | None = None,
        canonical: bool = False,
    ) -> None:
        """`canonical`: also refuse what the generated model would rewrite rather than refuse (see
        `canonical_components`), so data it accepts is exactly what the model would give back."""
        self._spec = spec
        written = json.dumps(schema, sort_keys=True) if schema is not None else None
        self._root, self._validator = _compiled(spec, ref, written, canonical)

    def is_valid(self, instance: Any) -> bool:
        return bool(self._validator.is_valid(instance))

    def errors(self, instance: Any, where: Sequence[str | int] = ("body",)) -> list[FieldError]:
        """Every rule of the schema `instance` breaks, located under `where`."""
        if self._validator.is_valid(instance):  # the usual answer, without building any error
            return []
        return [
            self._field_error(error, tuple(where))
            for found in self._validator.iter_errors(instance)
            for error in _closest(found)
        ]

    def _field_error(self, error: jsonschema_rs.ValidationError, where: tuple[str | int, ...]) -> FieldError:
        loc = (*where, *error.instance_path)
        keyword = error.kind.name
        if keyword == "required":  # the error names the field that is missing, not its object
            missing = error.kind.as_dict().get("property")
            loc = (*loc, missing) if isinstance(missing, str) else loc
        named = _rule_of(self._spec, self._root, error.schema_path)
        if named is not None:
            return FieldError(loc, str(named.get("description", "breaks a rule")), str(named["x-error-type"]))
        if keyword == "required":
            return FieldError(loc, "Field required", "missing")
        return FieldError(loc, _message(keyword, error.kind.as_dict()), _TYPES.get(keyword, keyword))


@functools.lru_cache(maxsize=512)
def _compiled(
    spec: Spec, ref: str | None, schema: str | None, canonical: bool
) -> tuple[dict[str, Any], jsonschema_rs.Validator]:
    """The root schema and its validator, compiled once a process for each spec and schema: every
    server made from one spec (a test process makes hundreds) shares them, as compiling one takes
    milliseconds (it holds every component) and a server has about fifty. `schema` is JSON text, so
    it can be a cache key; a validator is never changed once compiled."""
    root: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **(_bounded(json.loads(schema)) if schema is not None else {"$ref": ref}),
        "components": canonical_components(spec) if canonical else _bounded_components(spec),
    }
    return root, jsonschema_rs.Draft202012Validator(root, mask="<value>")


# What a keyword's failure means, with the schema's own limit (never the value checked).
_MESSAGES = {
    "maximum": "must be at most {limit}",
    "minimum": "must be at least {limit}",
    "exclusiveMaximum": "must be less than {limit}",
    "exclusiveMinimum": "must be more than {limit}",
    "maxLength": "must be at most {limit} characters",
    "minLength": "must be at least {limit} characters",
    "maxItems": "must have at most {limit} items",
    "minItems": "must have at least {limit} items",
    "pattern": "must match the pattern {pattern}",
}


def _message(keyword: str, details: Mapping[str, Any]) -> str:
    if keyword == "enum" and isinstance(details.get("options"), list):
        return "must be one of " + ", ".join(map(str, details["options"]))
    template = _MESSAGES.get(keyword)
    try:
        return template.format(**details) if template else f"breaks the schema's `{keyword}`"
    except (KeyError, IndexError):
        return f"breaks the schema's `{keyword}`"


def _closest(error: jsonschema_rs.ValidationError) -> list[jsonschema_rs.ValidationError]:
    """The errors to report for `error`: for a `oneOf` no branch of which matched (a target that is
    neither a valid provider nor a valid host target), those of the branch that came closest, so the
    answer names the field and the rule rather than "oneOf"."""
    branches = getattr(error.kind, "context", None) if error.kind.name == "oneOf" else None
    if not branches:
        return [error]
    return [inner for found in min(branches, key=len) for inner in _closest(found)]


def _rule_of(spec: Spec, root: Mapping[str, Any], path: Sequence[str | int]) -> Mapping[str, Any] | None:
    """The innermost subschema on `path` (the keyword's location in `root`) that names its rule
    (`x-error-type`)."""
    node: Any = root
    named = None
    for part in path:
        if isinstance(node, Mapping) and "x-error-type" in node:
            named = node
        if isinstance(node, Mapping) and part not in node and "$ref" in node:
            node = spec.resolve(node)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    if isinstance(node, Mapping) and "x-error-type" in node:
        named = node
    return named


@functools.lru_cache(maxsize=8)
def _bounded_components(spec: Spec) -> Any:
    """The spec's components, bounded once per spec (every SchemaCheck of a server shares them)."""
    return _bounded(spec.document["components"])


# A UUID as the model writes it back: lowercase, hyphenated.
CANONICAL_UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


@functools.lru_cache(maxsize=8)
def canonical_components(spec: Spec) -> Any:
    """The bounded components, refusing the values the generated models accept but rewrite: a UUID
    in another form than the model writes (uppercase, no hyphens) and any date-time (the model
    rewrites its fraction and offset). Data valid here is given back by the models unchanged."""
    return _rewritten(_bounded_components(spec), _canonical)


def _bounded(node: Any) -> Any:
    """A copy of `node` where `format: int32/int64` also says `minimum` and `maximum`."""
    return _rewritten(node, _with_bounds)


def _rewritten(node: Any, change: Callable[[dict[str, Any]], Any]) -> Any:
    """A copy of `node` with `change` applied to each of its objects, innermost first."""
    if isinstance(node, list):
        return [_rewritten(item, change) for item in node]
    if not isinstance(node, Mapping):
        return node
    return change({key: _rewritten(value, change) for key, value in node.items()})


def _with_bounds(schema: dict[str, Any]) -> dict[str, Any]:
    bounds = FORMAT_BOUNDS.get(str(schema.get("format")))
    if bounds is not None and schema.get("type") == "integer":
        schema["minimum"] = max(schema.get("minimum", bounds[0]), bounds[0])
        schema["maximum"] = min(schema.get("maximum", bounds[1]), bounds[1])
    return schema


def _canonical(schema: dict[str, Any]) -> Any:
    if schema.get("format") == "date-time":
        return False
    if schema.get("format") == "uuid":
        return {"allOf": [schema, {"pattern": CANONICAL_UUID}]}
    return schema
