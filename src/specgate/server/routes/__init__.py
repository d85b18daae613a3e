"""One module per resource (tag of the spec); `HANDLERS` maps each operationId to its handler.

Every module of this package is a route module: a new one is found by its place, so adding a
resource's handlers is adding its file. Two modules claiming one operationId is an error here, not
a silent overwrite.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Awaitable, Callable, Iterable
from types import ModuleType

from starlette.requests import Request
from starlette.responses import Response

__all__ = ["HANDLERS", "Handler", "handlers_of"]

Handler = Callable[[Request], Awaitable[Response]]


def handlers_of(modules: Iterable[ModuleType]) -> dict[str, Handler]:
    """The route modules' `HANDLERS`, merged; an operationId handled twice is refused."""
    found: dict[str, Handler] = {}
    for module in modules:
        for operation_id, handler in module.HANDLERS.items():
            if operation_id in found:
                raise RuntimeError(f"two route modules handle {operation_id}: {module.__name__} is one")
            found[operation_id] = handler
    return found


_NAMES = sorted(info.name for info in pkgutil.iter_modules(__path__))
HANDLERS = handlers_of(importlib.import_module(f"{__name__}.{name}") for name in _NAMES)
