"""A schemathesis hook that steers generated data deeper: schema-valid updates name their own ids.

A write body may carry the read-only ids of a GET body, which must then equal the path's. Drawn at
random they never do, so nearly every schema-valid update stopped at a 422 `id_mismatch` before
the merge rules ran. For schema-valid cases only, the ids are dropped (they are optional), so the
update goes through; the mismatch itself is tested directly.

Importing this module registers the hook for the process.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from schemathesis import Case, HookContext
from schemathesis.core import NOT_SET

from ..registry import RESOURCES, facts

__all__ = ["UPDATES"]


def _updates() -> dict[str, tuple[str, ...]]:
    """Each update operation whose body may carry the resource's read-only ids (its `id` and its
    scope's, marked `readOnly` in the update schema), and those ids."""
    found = {}
    for resource in RESOURCES:
        said = facts(resource)
        ids = tuple(name for name in ("id", resource.scope) if name and name in said.read_only)
        if ids:
            found[said.update.operation_id] = ids
    return found


UPDATES = _updates()


@schemathesis.hook
def map_case(context: HookContext, case: Case[Any]) -> Case[Any]:
    operation_id = case.operation.definition.raw.get("operationId")
    positive = case.meta is not None and case.meta.generation.mode.is_positive
    if operation_id in UPDATES and positive and case.body is not NOT_SET and isinstance(case.body, dict):
        for name in UPDATES[str(operation_id)]:
            case.body.pop(name, None)
    return case
