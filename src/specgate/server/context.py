"""What a running server holds, built once at start-up: no per-request setup."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import specgate_models as models
from pydantic import TypeAdapter
from starlette.requests import Request

from ..api_keys import Identity
from ..crypto import Keyring
from ..masking import shape_of
from ..registry import RESOURCES, Resource, facts
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
    types: Mapping[str, ResourceType]  # one per registry entry, by its name

    def __getitem__(self, resource: Resource) -> ResourceType:
        """What the server knows of `resource` (`ctx[GATEWAY]`)."""
        return self.types[resource.name]


def resource_type(spec: Spec, resource: Resource) -> ResourceType:
    """A registry entry as the server uses it: its body schemas, answer models and secrets."""
    said = facts(resource, spec)
    write = BodySchema.of(spec, models, resource.write, resource.response)
    return ResourceType(
        KINDS[resource.name],
        write,
        TypeAdapter(getattr(models, resource.response)),
        shape_of(spec, resource.stored),
        said.read_only,
        update=BodySchema.of(spec, models, resource.update) if resource.update else write,
        resolved=TypeAdapter(getattr(models, said.resolved)) if said.resolved else None,
    )


def build_context(spec: Spec, store: Store, keyring: Keyring, api_key_cache_seconds: float) -> Context:
    return Context(
        spec=spec,
        store=store,
        keyring=keyring,
        auth=Authenticator(store, api_key_cache_seconds),
        types={resource.name: resource_type(spec, resource) for resource in RESOURCES},
    )


async def caller(request: Request) -> tuple[Context, Identity]:
    """The server context and the authenticated caller, who must hold the scopes the spec lists in
    the operation's `security`; the request's parameters are read and checked then (`params`)."""
    ctx: Context = request.app.state.ctx
    identity = await ctx.auth.identify(request.scope["headers"])
    require_scopes(identity, current(request).scopes or frozenset())
    read_parameters(request)  # a 422 on a parameter only to a caller allowed to call
    return ctx, identity
