"""schemathesis hooks for fuzzing a deployment: tag what the run creates, and remember it.

Registered only by `specgate fuzz` (importing this module registers them for the process).
"""

from __future__ import annotations

import functools
import threading
from typing import Any, NamedTuple

import schemathesis
from schemathesis import Case, HookContext, Response
from schemathesis.core import NOT_SET

from ..registry import RESOURCES, Resource, facts
from ..spec import load_spec

__all__ = ["MARK", "Created", "CreatedItem", "created"]

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

    def add(self, resource: Resource, path: dict[str, Any], body: Any) -> None:
        with self._lock:
            self.items.append(CreatedItem(resource, path, body))


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


@schemathesis.hook
def before_call(context: HookContext, case: Case[Any], kwargs: dict[str, Any]) -> None:
    resource = _creates().get(_operation_id(case))
    positive = case.meta is not None and case.meta.generation.mode.is_positive
    if resource and positive and case.body is not NOT_SET and isinstance(case.body, dict):
        _tag(resource, case.body)


@schemathesis.hook
def after_call(context: HookContext, case: Case[Any], response: Response) -> None:
    resource = _creates().get(_operation_id(case))
    if resource and 200 <= response.status_code < 300:
        try:
            body = response.json()
        except ValueError:
            return
        created.add(resource, dict(case.path_parameters or {}), body)
