"""One module per resource (tag of the spec); `HANDLERS` maps each operationId to its handler."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from . import gateway_services, gateways, meta, tool_services, tools, upstreams

__all__ = ["HANDLERS", "Handler"]

Handler = Callable[[Request], Awaitable[Response]]

HANDLERS: dict[str, Handler] = {
    **gateways.HANDLERS,
    **upstreams.HANDLERS,
    **gateway_services.HANDLERS,
    **tool_services.HANDLERS,
    **tools.HANDLERS,
    **meta.HANDLERS,
}
