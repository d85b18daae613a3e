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
from .auth import Authenticator, require_scopes
from .endpoint import current, read_parameters
from .resources import BodySchema, ResourceType

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
    tool_service_update: BodySchema
    tool_update: BodySchema
    service_resolved: TypeAdapter[Any]
    upstream_resolved: TypeAdapter[Any]
    auth_resolved: TypeAdapter[Any]


def build_context(spec: Spec, store: Store, keyring: Keyring, key_cache_seconds: float) -> Context:
    def resource(kind: str, write: str, response: Any, update: str | None = None) -> ResourceType:
        return ResourceType(
            KINDS[kind],
            BodySchema.of(spec, models, write, response.__name__),
            TypeAdapter(response),
            shape_of(spec, KINDS[kind].schema),
            spec.read_only(update or write),  # the spec's readOnly marks
        )

    return Context(
        spec=spec,
        store=store,
        keyring=keyring,
        auth=Authenticator(store, key_cache_seconds),
        gateway=resource("gateway", "GatewayWrite", models.Gateway),
        upstream=resource("upstream", "UpstreamWrite", models.Upstream),
        gateway_service=resource("gateway_service", "GatewayServiceWrite", models.GatewayService),
        tool_service=resource("tool_service", "ToolServiceCreate", models.ToolService, "ToolServiceUpdate"),
        tool=resource("tool", "ToolCreate", models.Tool, "ToolUpdate"),
        tool_service_update=BodySchema.of(spec, models, "ToolServiceUpdate"),
        tool_update=BodySchema.of(spec, models, "ToolUpdate"),
        service_resolved=TypeAdapter(models.GatewayServiceResolved),
        upstream_resolved=TypeAdapter(models.UpstreamResolved),
        auth_resolved=TypeAdapter(models.ToolServiceResolvedAuth),
    )


async def caller(request: Request) -> tuple[Context, Identity]:
    """The server context and the authenticated caller, who must hold the scopes the spec lists in
    the operation's `security`; the request's parameters are read and checked then (`params`)."""
    ctx: Context = request.app.state.ctx
    identity = await ctx.auth.identify(request.scope["headers"])
    require_scopes(identity, current(request).scopes or frozenset())
    read_parameters(request)  # a 422 on a parameter only to a caller allowed to call
    return ctx, identity
