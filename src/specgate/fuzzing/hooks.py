"""schemathesis hooks for fuzzing a deployment: tag what the run creates, and remember it.

Registered only by `specgate fuzz` (importing this module registers them for the process).
"""

from __future__ import annotations

import threading
from typing import Any

import schemathesis
from schemathesis import Case, HookContext, Response
from schemathesis.core import NOT_SET

__all__ = ["MARK", "Created", "created"]

MARK = "specgate-fuzz"

# The create operations: `_tag` marks each one's body so what the run makes is recognisable.
_CREATES = {"createGateway", "createUpstream", "createGatewayService", "createToolService", "createTool"}


class Created:
    """The resources this run created, in order (thread-safe: schemathesis may run workers)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.items: list[tuple[str, dict[str, Any], Any]] = []

    def add(self, operation_id: str, path: dict[str, Any], body: Any) -> None:
        with self._lock:
            self.items.append((operation_id, path, body))


created = Created()


def _operation_id(case: Case[Any]) -> str:
    return str(case.operation.definition.raw.get("operationId", ""))


def _tag(operation_id: str, body: dict[str, Any]) -> None:
    """Mark a schema-valid create body so what it makes is recognisable (and still valid)."""
    if operation_id == "createToolService":
        body["last_updated_comments"] = MARK
    elif operation_id == "createTool":
        definition = body.get("definition")
        if isinstance(definition, dict) and len(definition) < 100:
            definition["x-specgate-fuzz"] = True
    else:
        body["tags"] = [MARK]


@schemathesis.hook
def before_call(context: HookContext, case: Case[Any], kwargs: dict[str, Any]) -> None:
    operation_id = _operation_id(case)
    positive = case.meta is not None and case.meta.generation.mode.is_positive
    if operation_id in _CREATES and positive and case.body is not NOT_SET and isinstance(case.body, dict):
        _tag(operation_id, case.body)


@schemathesis.hook
def after_call(context: HookContext, case: Case[Any], response: Response) -> None:
    operation_id = _operation_id(case)
    if operation_id in _CREATES and 200 <= response.status_code < 300:
        try:
            body = response.json()
        except ValueError:
            return
        created.add(operation_id, dict(case.path_parameters or {}), body)
