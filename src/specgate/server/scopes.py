"""Who may act where: the caller (with the scopes the spec gives the operation), in the gateway or
the tool family its path names."""

from __future__ import annotations

from starlette.requests import Request

from ..api_keys import Identity
from ..errors import NotFound
from ..registry import GATEWAY
from .auth import require_gateway
from .context import Context, caller
from .parameters import params

__all__ = ["child_scope", "gateway_scope", "tool_scope"]


async def gateway_scope(request: Request) -> tuple[Context, str]:
    """The caller and the path's gateway, which must exist and be theirs."""
    ctx, who = await caller(request)
    gateway_id: str = params(request)["gateway_id"]
    require_gateway(who, gateway_id)
    if not await ctx.store.exists(ctx[GATEWAY].kind, gateway_id):
        raise NotFound(f"no gateway {gateway_id}")
    return ctx, gateway_id


async def child_scope(request: Request, child: str) -> tuple[Context, str, str]:
    """The caller, the path's gateway (theirs) and the id of its child `child`."""
    ctx, who = await caller(request)
    gateway_id: str = params(request)["gateway_id"]
    child_id: str = params(request)[child]
    require_gateway(who, gateway_id)
    return ctx, gateway_id, child_id


async def tool_scope(request: Request) -> tuple[Context, Identity]:
    """Tool APIs belong to no gateway: a key bound to one gateway does not see them."""
    ctx, who = await caller(request)
    require_gateway(who, None)
    return ctx, who
