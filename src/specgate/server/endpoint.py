"""One operation as the server runs it: its handler, and what the spec says of it that the server
enforces before the handler's own work, read once at start-up: the scopes a key needs (the
operation's `security`) and its parameters (`parameters.py`).

Routing marks each request with its endpoint; `context.caller` then checks the key, its scopes and
the parameters, in that order, so a caller without a valid key or scope learns nothing more.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope

from ..spec import Operation, Spec
from .parameters import Parameters, keep

__all__ = ["Endpoint", "attach", "current", "read_parameters", "scopes_of"]

_KEY = "specgate.endpoint"  # of the ASGI scope


@dataclass(frozen=True)
class Endpoint:
    operation_id: str
    handler: Callable[[Request], Awaitable[Response]]
    parameters: Parameters
    scopes: frozenset[str] | None  # None: the operation needs no key (`security: []`)

    @classmethod
    def of(cls, spec: Spec, op: Operation, handler: Callable[[Request], Awaitable[Response]]) -> Endpoint:
        parameters = Parameters(spec, spec.document["paths"][op.path], op.operation)
        return cls(op.operation_id, handler, parameters, scopes_of(spec, op.operation))


def scopes_of(spec: Spec, operation: Mapping[str, Any]) -> frozenset[str] | None:
    """The scopes the operation's key needs, from its `security` (or the document's).

    Every scheme of this API takes the same keys, so each alternative must list the same scopes:
    the server enforces one set per operation, and refuses to start on a spec that says otherwise.
    """
    requirements = operation.get("security", spec.document.get("security", []))
    if not any(requirements):
        return None
    found = {frozenset(s for scopes in requirement.values() for s in scopes) for requirement in requirements}
    if len(found) != 1:
        raise RuntimeError(f"{operation['operationId']}: its security alternatives list different scopes")
    return found.pop()


def attach(scope: Scope, endpoint: Endpoint) -> None:
    scope[_KEY] = endpoint


def current(request: Request) -> Endpoint:
    """The endpoint routing chose for this request."""
    endpoint: Endpoint = request.scope[_KEY]
    return endpoint


def read_parameters(request: Request) -> None:
    """Read and check the request's parameters, kept for `parameters.params`."""
    keep(request, current(request).parameters.read(request))
