"""Path, query and header parameters, read and checked as each operation of the spec declares them.

`Parameters` is built once per operation at start-up from its `parameters` (the path item's and its
own). Per request, each value sent is first read as its schema's type (an integer, a UUID, text
without NUL or lone surrogates), then every rule the schema states (bounds, `format: int64`,
lengths, patterns, enums, item counts) is checked by one `SchemaCheck` compiled for the whole
operation, and only for the values that have a rule beyond their type. A value left out takes the
schema's `default`; a required one left out is a 422 `missing`. Errors name the parameter:
`["query", "limit"]`, `["path", "service_id"]`, `["query", "search_fields", 2]`.

Handlers never see a raw parameter: they ask `params(request)["limit"]`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request

from ..errors import FieldError, InvalidRequest, Loc
from ..spec import Spec
from ..storable import NUL, SURROGATE, text_error
from ..validation import SchemaCheck

__all__ = ["Parameters", "header", "keep", "params"]

_PARAMS = "specgate.params"  # the ASGI scope's key of the values read

# Keywords that say nothing a request must satisfy.
_ANNOTATIONS = frozenset(
    {"description", "title", "example", "examples", "default", "deprecated", "x-enum-varnames", "$comment"}
)
_INTEGER = re.compile(r"[+-]?[0-9]{1,100}")  # any integer the bounds can then refuse, never a 10 kB one
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")

Reader = Callable[[str, Loc], Any]


class _Refused(Exception):
    """A value that is not of its parameter's type."""

    def __init__(self, loc: Loc, msg: str, type: str) -> None:
        self.error = FieldError(loc, msg, type)


def _integer(text: str, loc: Loc) -> int:
    if not _INTEGER.fullmatch(text):
        raise _Refused(loc, "must be an integer", "int_parsing")
    return int(text)


def _number(text: str, loc: Loc) -> float:
    if not _NUMBER.fullmatch(text):
        raise _Refused(loc, "must be a number", "float_parsing")
    return float(text)


def _boolean(text: str, loc: Loc) -> bool:
    if text not in ("true", "false"):
        raise _Refused(loc, "must be true or false", "bool_parsing")
    return text == "true"


def _uuid(text: str, loc: Loc) -> str:
    """A UUID in its RFC 9562 text form, any case; answered lower-case, as this server writes ids."""
    if not _UUID.fullmatch(text):
        raise _Refused(loc, "must be a UUID", "uuid_parsing")
    return text.lower()


def _text(text: str, loc: Loc) -> str:
    """Text the store and the log can take: no NUL, no lone surrogate (issue 9, M2)."""
    error = text_error(text)
    if error is not None:
        raise _Refused(loc, error.msg, error.type)
    return text


# The error types each reader gives (the spec lists every type the server answers).
_READ_TYPES: dict[Reader, frozenset[str]] = {
    _integer: frozenset({"int_parsing"}),
    _number: frozenset({"float_parsing"}),
    _boolean: frozenset({"bool_parsing"}),
    _uuid: frozenset({"uuid_parsing"}),
    _text: frozenset({NUL, SURROGATE}),
}


@dataclass(frozen=True)
class _Param:
    name: str
    where: str  # path, query or header
    required: bool
    default: Any
    has_default: bool
    many: bool  # an array: `?name=a&name=b` (form style, exploded: OpenAPI's default for a query)
    key: bytes  # a header's name as ASGI gives it (lower-case bytes)
    read: Reader
    checked: bool  # the schema states a rule beyond the type `read` gives


class Parameters:
    """The parameters of one operation of the spec."""

    def __init__(self, spec: Spec, path_item: Mapping[str, Any], operation: Mapping[str, Any]) -> None:
        declared: dict[tuple[str, str], Mapping[str, Any]] = {}
        for param in [*path_item.get("parameters", ()), *operation.get("parameters", ())]:
            param = spec.resolve(param)  # the operation's own replaces the path item's (same name, in)
            declared[(param["in"], param["name"])] = param
        self._params = tuple(_param(spec, param) for param in declared.values())
        checked: dict[str, dict[str, Any]] = {}
        for p, param in zip(self._params, declared.values(), strict=True):
            if p.checked:  # the schema as written: its `$ref`s and `x-error-type`s mean what they say
                checked.setdefault(p.where, {})[p.name] = param["schema"]
        schema = {
            "type": "object",
            "properties": {
                where: {"type": "object", "properties": properties} for where, properties in checked.items()
            },
        }
        self._check = SchemaCheck(spec, schema=schema) if checked else None
        self.names = frozenset(p.name for p in self._params)

    @property
    def error_types(self) -> frozenset[str]:
        """The error types reading these values can give, before their schemas' rules."""
        types = {"missing"} if any(p.required for p in self._params) else set()
        return frozenset(types.union(*(_READ_TYPES[p.read] for p in self._params)))

    def read(self, request: Request) -> dict[str, Any]:
        """Every parameter of the operation, read and checked; a 422 naming each one that is not."""
        values: dict[str, Any] = {}
        errors: list[FieldError] = []
        instance: dict[str, dict[str, Any]] = {}
        for p in self._params:
            if p.where == "path":
                sent: Any = request.path_params.get(p.name)
            elif p.where == "query":
                sent = request.query_params.getlist(p.name) if p.many else request.query_params.get(p.name)
            else:
                sent = header(request, p.key)
            if sent is None or (p.many and not sent):
                if p.required:
                    errors.append(FieldError((p.where, p.name), "Field required", "missing"))
                elif p.has_default:
                    values[p.name] = p.default
                elif p.many:  # no value and an empty list are the same on the wire
                    values[p.name] = []
                continue
            try:
                if p.many:
                    value: Any = [p.read(item, (p.where, p.name, i)) for i, item in enumerate(sent)]
                else:
                    value = p.read(sent, (p.where, p.name))
            except _Refused as refused:
                errors.append(refused.error)
                continue
            values[p.name] = value
            if p.checked:
                instance.setdefault(p.where, {})[p.name] = value
        if instance and self._check is not None and not self._check.is_valid(instance):
            errors += self._check.errors(instance, where=())
        if errors:
            raise InvalidRequest(errors)
        return values


def _param(spec: Spec, param: Mapping[str, Any]) -> _Param:
    where, name = param["in"], param["name"]
    if where not in ("path", "query", "header"):
        raise RuntimeError(f"parameter {name!r} is in {where}: the server reads path, query and header")
    schema = _resolved(spec, param["schema"])
    many = schema.get("type") == "array"
    if many and (where != "query" or param.get("style", "form") != "form" or not param.get("explode", True)):
        raise RuntimeError(f"array parameter {name!r}: only an exploded form query (?a=1&a=2) is read")
    value_schema = _resolved(spec, schema.get("items", {})) if many else schema
    read = _reader(name, value_schema)
    rules = set(schema) - _ANNOTATIONS - {"type"} - ({"items"} if many else set())
    if many:
        rules |= set(value_schema) - _ANNOTATIONS - {"type"}
    if value_schema.get("format") == "uuid":
        rules.discard("format")  # `_uuid` has read it whole
    return _Param(
        name=name,
        where=where,
        required=bool(param.get("required")),
        default=schema.get("default"),
        has_default="default" in schema,
        many=many,
        key=name.lower().encode("latin-1"),
        read=read,
        checked=bool(rules),
    )


def _reader(name: str, schema: Mapping[str, Any]) -> Reader:
    kind = schema.get("type", "string" if "enum" in schema or "const" in schema else None)
    if kind == "string":
        return _uuid if schema.get("format") == "uuid" else _text
    readers: dict[Any, Reader] = {"integer": _integer, "number": _number, "boolean": _boolean}
    if kind not in readers:
        raise RuntimeError(f"parameter {name!r} has type {kind!r}: the server reads scalars, arrays of them")
    return readers[kind]


def _resolved(spec: Spec, schema: Mapping[str, Any]) -> dict[str, Any]:
    """`schema` with its `$ref` followed; keywords beside a `$ref` (OpenAPI 3.1) are kept too."""
    out = dict(spec.resolve(schema))
    out.update({k: v for k, v in schema.items() if k != "$ref"})
    return out


def header(request: Request, name: bytes) -> str | None:
    """The first value of the header `name` (lower-case), as `request.headers.get` gives it, read from
    the ASGI scope (whose names are lower-case) without building Starlette's `Headers`: a write reads
    three headers, and each lookup through `Headers` cost about a microsecond."""
    for key, value in request.scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None


def keep(request: Request, values: Mapping[str, Any]) -> None:
    request.scope[_PARAMS] = values


def params(request: Request) -> Mapping[str, Any]:
    """The request's parameters by name, as read and checked (`endpoint.read_parameters`)."""
    values: Mapping[str, Any] = request.scope[_PARAMS]
    return values
