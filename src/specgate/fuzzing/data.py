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

__all__ = ["UPDATES"]

UPDATES = {
    "updateGateway": ("id",),
    "updateUpstream": ("id", "gateway_id"),
    "updateGatewayService": ("id", "gateway_id"),
}


@schemathesis.hook
def map_case(context: HookContext, case: Case[Any]) -> Case[Any]:
    operation_id = case.operation.definition.raw.get("operationId")
    positive = case.meta is not None and case.meta.generation.mode.is_positive
    if operation_id in UPDATES and positive and case.body is not NOT_SET and isinstance(case.body, dict):
        for name in UPDATES[str(operation_id)]:
            case.body.pop(name, None)
    return case
