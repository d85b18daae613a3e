"""schemathesis hooks for fuzzing a deployment: tag what the run creates, remember it, and write to
nothing else.

`specgate fuzz` registers them (`register()`, fuzzing/runner.py) for its process; importing this
module registers nothing, so a test process can read it without turning the guard on for the
in-process fuzz tests that run after it.
"""

from __future__ import annotations

import functools
import threading
import uuid
from typing import Any, NamedTuple

import schemathesis
from schemathesis import Case, CheckContext, HookContext, Response
from schemathesis.core import NOT_SET
from schemathesis.specs.openapi.checks import ensure_resource_availability

from ..registry import RESOURCES, Resource, facts
from ..spec import load_spec

__all__ = [
    "ABSENT_INT",
    "ABSENT_NAME",
    "ABSENT_UUID",
    "MARK",
    "Created",
    "CreatedItem",
    "created",
    "register",
]

MARK = "specgate-fuzz"


class CreatedItem(NamedTuple):
    resource: Resource
    path: dict[str, Any]  # the create call's path parameters (a child's gateway_id)
    body: Any  # the create call's answer


class Created:
    """The resources this run created, in order (thread-safe: schemathesis may run workers)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.items: list[CreatedItem] = []
        self._keys: set[str] = set()  # the ids (and tools' names) of what it created

    def add(self, resource: Resource, path: dict[str, Any], body: Any) -> None:
        with self._lock:
            self.items.append(CreatedItem(resource, path, body))
            if isinstance(body, dict):
                self._keys |= {str(body[k]) for k in ("id", resource.key) if body.get(k) is not None}

    def owns(self, key: Any) -> bool:
        """Whether this run created the row that `key` (an id, or a tool's name) names."""
        with self._lock:
            return str(key) in self._keys


created = Created()


@functools.cache
def _creates() -> dict[str, Resource]:
    """Each resource by the operationId of its create operation."""
    return {facts(resource).create.operation_id: resource for resource in RESOURCES}


def _operation_id(case: Case[Any]) -> str:
    return str(case.operation.definition.raw.get("operationId", ""))


def _tag(resource: Resource, body: dict[str, Any]) -> None:
    """Mark a schema-valid create body so what it makes is recognisable (and still valid): the
    registry names the field (`Resource.mark`); a list field holds the mark, a string field is
    the mark, an object field (a tool's free-form `definition`) gets a key."""
    kind = load_spec().property_schema(resource.write, resource.mark).get("type")
    if kind == "array":
        body[resource.mark] = [MARK]
    elif kind == "object":
        value = body.get(resource.mark)
        if isinstance(value, dict) and len(value) < 100:
            value["x-specgate-fuzz"] = True
    else:
        body[resource.mark] = MARK


# What a write aimed at a row the run did not create is sent to instead: ids of the same kind that
# no row has, so the request keeps its meaning (and its 404). schemathesis reuses ids the deployment
# answered (an id read from a list is someone else's row), and tool services' small ids are guessed.
ABSENT_UUID = "00000000-0000-4000-8000-000000000000"
ABSENT_INT = 2**63 - 1  # the int64 maximum of the tool-services ids
ABSENT_NAME = "specgate-fuzz-absent"
_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_BODY_KEYS = ("id", "service_id")  # the tool family names rows in the body: PUT by id, a tool's service


def _absent(value: Any, schema: dict[str, Any]) -> Any:
    """A value that names no row, of the kind the parameter's `schema` says (an int64, a UUID, a
    name), or `value` when it names none anyway: a value not of that kind is malformed."""
    if isinstance(value, bool) or created.owns(value):
        return value
    if schema.get("type") == "integer":
        # The examples phase sends the spec's example ids as text.
        named = isinstance(value, int) or (isinstance(value, str) and value.isdigit())
        return ABSENT_INT if named else value
    if not isinstance(value, str):
        return value
    if schema.get("format") != "uuid":
        return ABSENT_NAME  # a tool's name
    try:
        uuid.UUID(value)
    except ValueError:
        return value
    return ABSENT_UUID


_INTEGER = {"type": "integer"}


def _own_rows_only(case: Case[Any]) -> bool:
    """A write names only rows this run created, in its path and in its body. True when it had to
    send the write elsewhere."""
    if case.method.upper() not in _WRITES:
        return False
    sent_elsewhere = False
    if case.path_parameters:
        schemas = {p.name: p.definition.get("schema", {}) for p in case.operation.path_parameters}
        path = {k: _absent(v, schemas.get(k, {})) for k, v in case.path_parameters.items()}
        sent_elsewhere = path != case.path_parameters
        case.path_parameters = path
    if isinstance(case.body, dict):
        for key in _BODY_KEYS:  # int64 ids in the tool family's bodies
            if isinstance(case.body.get(key), int):
                absent = _absent(case.body[key], _INTEGER)
                sent_elsewhere |= absent != case.body[key]
                case.body[key] = absent
    return sent_elsewhere


# The cases whose writes were sent elsewhere, by id: their 404 is the guard's doing.
_sent_elsewhere: set[str] = set()


def before_call(context: HookContext, case: Case[Any], kwargs: dict[str, Any]) -> None:
    if _own_rows_only(case):
        _sent_elsewhere.add(case.id)
    resource = _creates().get(_operation_id(case))
    positive = case.meta is not None and case.meta.generation.mode.is_positive
    if resource and positive and case.body is not NOT_SET and isinstance(case.body, dict):
        _tag(resource, case.body)


def after_call(context: HookContext, case: Case[Any], response: Response) -> None:
    resource = _creates().get(_operation_id(case))
    if resource and 200 <= response.status_code < 300:
        try:
            body = response.json()
        except ValueError:
            return
        created.add(resource, dict(case.path_parameters or {}), body)


def created_resource_available(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    """schemathesis' `ensure_resource_availability` (ST302: a resource just created answers 404),
    which `specgate fuzz` runs in its place, except for a write the guard sent elsewhere.
    schemathesis takes any value changed after generation for one a link gave, so a stateful step
    whose generated id the guard replaced, after a create, looked like the created resource missing."""
    if case.id in _sent_elsewhere:
        return None
    return ensure_resource_availability(ctx, response, case)


_registered = False


def register() -> None:
    """Turn the hooks and the check on for this process (once): `specgate fuzz` only."""
    global _registered
    if not _registered:
        schemathesis.hook(before_call)
        schemathesis.hook(after_call)
        schemathesis.check(created_resource_available)
        _registered = True
