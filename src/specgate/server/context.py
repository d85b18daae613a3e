"""What a running server holds, built once at start-up: no per-request setup."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import specgate_models as models
from pydantic import TypeAdapter
from starlette.requests import Request

from ..crypto import Keyring
from ..keys import Identity
from ..masking import shape_of
from ..spec import Spec
from ..store import KINDS, Store
from .auth import Authenticator, require_scope
from .resources import ResourceType

__all__ = ["Context", "build_context", "caller"]


@dataclass(frozen=True)
class Context:
    spec: Spec
    store: Store
    keyring: Keyring
    auth: Authenticator
    gateway: ResourceType
    upstream: ResourceType
    gateway_service: ResourceType
    tool_service: ResourceType
    tool: ResourceType
    tool_service_update: TypeAdapter[Any]
    tool_update: TypeAdapter[Any]
    service_resolved: TypeAdapter[Any]
    upstream_resolved: TypeAdapter[Any]
    auth_resolved: TypeAdapter[Any]


def build_context(spec: Spec, store: Store, keyring: Keyring, key_cache_seconds: float) -> Context:
    def resource(kind: str, write: Any, response: Any, read_only: set[str]) -> ResourceType:
        return ResourceType(
            KINDS[kind],
            TypeAdapter(write),
            TypeAdapter(response),
            shape_of(spec, KINDS[kind].schema),
            frozenset(read_only),
        )

    stamps = {"id", "gateway_id", "created_at", "updated_at"}
    return Context(
        spec=spec,
        store=store,
        keyring=keyring,
        auth=Authenticator(store, key_cache_seconds),
        gateway=resource("gateway", models.GatewayWrite, models.Gateway, stamps),
        upstream=resource("upstream", models.UpstreamWrite, models.Upstream, stamps),
        gateway_service=resource(
            "gateway_service",
            models.GatewayServiceWrite,
            models.GatewayService,
            stamps | {"upstream"},
        ),
        tool_service=resource(
            "tool_service",
            models.ToolServiceCreate,
            models.ToolService,
            {"id", "last_updated", "last_updated_by", "tools", "auth_value_keys"},
        ),
        tool=resource(
            "tool",
            models.ToolCreate,
            models.Tool,
            {"id", "last_updated", "last_updated_by"},
        ),
        tool_service_update=TypeAdapter(models.ToolServiceUpdate),
        tool_update=TypeAdapter(models.ToolUpdate),
        service_resolved=TypeAdapter(models.GatewayServiceResolved),
        upstream_resolved=TypeAdapter(models.UpstreamResolved),
        auth_resolved=TypeAdapter(models.ToolServiceResolvedAuth),
    )


async def caller(request: Request, scope: str) -> tuple[Context, Identity]:
    """The server context and the authenticated caller, who must hold `scope`."""
    ctx: Context = request.app.state.ctx
    identity = await ctx.auth.identify(request.headers)
    require_scope(identity, scope)
    return ctx, identity
