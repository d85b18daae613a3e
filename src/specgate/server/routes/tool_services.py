"""Tool services: `/api/v1/services/`, wire compatible with the real tool-services API."""

from __future__ import annotations

import base64
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ...api_keys import Identity
from ...codec import embed
from ...errors import Conflict, ForeignKeyViolation, InvalidRequest, NotFound
from ...logs import logger
from ...masking import map_secrets
from ...merge import LINKED, held_back, merge_update
from ...registry import TOOL_SERVICE
from ...rules import auth_values_errors
from ...store import Stored
from ..context import Context
from ..pages import search_page
from ..parameters import params
from ..resources import (
    delete_checked,
    json_response,
    now,
    replace_with_retry,
    resolved_response,
    writable,
)
from ..scopes import tool_scope

__all__ = ["HANDLERS"]

log = logger("specgate.server")


# Its tools send the service's secrets where their definitions say (`x-secret-destination-for` on a
# tool's `service_id`): their destinations are recorded with the secrets under this name.
TOOLS = "tools"


def build_tool_service(
    ctx: Context, data: dict[str, Any], old: Stored | None, who: Identity, tools: list[str]
) -> dict[str, Any]:
    """Merge the body over the stored service (auth_values by the merge table) and check its rules.
    `tools`: the destinations of the service's tools now (`Store.tool_destinations`)."""
    rt = ctx[TOOL_SERVICE]
    incoming = writable(data, rt.read_only)
    incoming.setdefault("auth_type", None)
    incoming.setdefault("last_updated_comments", None)
    doc = merge_update(
        old.doc if old else None,
        incoming,
        rt.shape,
        seal=ctx.keyring.encrypt,
        holds=ctx.keyring.holds,
        linked={TOOLS: tools},
    )
    errors = auth_values_errors(doc)
    if errors:
        raise InvalidRequest(errors)
    if not doc.get("auth_values"):
        doc.pop("auth_values", None)
    return doc | {"last_updated": now(), "last_updated_by": who.email}


def render(ctx: Context, doc: dict[str, Any]) -> bytes:
    """The body to store: without `tools` (the tools table lists them, and they are added when
    answering), with auth_values answered by their keys only."""
    keys = list(doc["auth_values"]) if doc.get("auth_values") else None
    return ctx[TOOL_SERVICE].render(doc, {"auth_value_keys": keys}, exclude={"auth_values", LINKED})


async def list_tool_services(request: Request) -> Response:
    ctx, _ = await tool_scope(request)
    return await search_page(request, ctx, ctx[TOOL_SERVICE].kind)


async def create_tool_service(request: Request) -> Response:
    ctx, who = await tool_scope(request)
    data = await ctx[TOOL_SERVICE].incoming(request)
    draft = build_tool_service(ctx, data, None, who, [])  # no tool links to it yet

    def make(new_id: int) -> tuple[dict[str, Any], bytes]:
        doc = {"id": new_id} | draft
        return doc, render(ctx, doc)

    _, body = await ctx.store.insert_numbered(ctx[TOOL_SERVICE].kind, draft, make, draft["last_updated"])
    return json_response(embed(body, "tools", b"[]"), 200, 1)


async def update_tool_service(request: Request) -> Response:
    ctx, who = await tool_scope(request)
    data = await ctx[TOOL_SERVICE].incoming(request, ctx[TOOL_SERVICE].update)
    service_id = data["id"]
    kind = ctx[TOOL_SERVICE].kind

    async def build(old: Stored) -> tuple[dict[str, Any], bytes]:
        tools = await ctx.store.tool_destinations(service_id)
        doc = {"id": service_id} | build_tool_service(ctx, data, old, who, tools)
        return doc, render(ctx, doc)

    stored, _, body = await replace_with_retry(
        request, ctx.store, lambda: ctx.store.get(kind, service_id), build, kind
    )
    found = await ctx.store.tool_service_body(service_id)
    tools = found.tool_names.encode() if found else b"[]"
    return json_response(embed(body, "tools", tools), 200, stored.version)


async def get_tool_service(request: Request) -> Response:
    ctx, _ = await tool_scope(request)
    service_id: int = params(request)["service_id"]
    found = await ctx.store.tool_service_body(service_id)
    if found is None:
        raise NotFound(f"no service {service_id}")
    version, body, tools = found
    return json_response(embed(body, "tools", tools.encode()), 200, version)


async def delete_tool_service(request: Request) -> Response:
    ctx, who = await tool_scope(request)
    service_id: int = params(request)["service_id"]
    reason: str = params(request)["reason"]  # one line: the spec's pattern
    kind = ctx[TOOL_SERVICE].kind
    try:
        old = await delete_checked(request, ctx.store, kind, lambda: ctx.store.get(kind, service_id))
    except ForeignKeyViolation:
        raise Conflict("the service has tools; delete or move them first") from None
    log.info("tool service %s deleted by %s: %s", service_id, who.email, reason)
    return json_response(embed(old.body, "tools", b"[]"))


async def resolve_tool_service_auth(request: Request) -> Response:
    """The decrypted auth values and the headers a tool would send: `resolve` scope only."""
    ctx, _ = await tool_scope(request)
    service_id: int = params(request)["service_id"]
    service = await ctx.store.get(ctx[TOOL_SERVICE].kind, service_id)
    if service is None:
        raise NotFound(f"no service {service_id}")
    # Its tools' destinations now (read after the service: a tool written meanwhile counts), against
    # those recorded when the secrets were written: a new one holds them back.
    tools = await ctx.store.tool_destinations(service_id)
    held = held_back(service.doc, ctx[TOOL_SERVICE].shape, {TOOLS: tools})
    if held:
        names = ", ".join(".".join(map(str, loc)) for loc in held)
        raise Conflict(
            f"a tool of this service was added, moved here or changed its definition since {names}"
            " were written, so they are held back; send them again (PUT the service)"
        )
    values = map_secrets(service.doc, ctx[TOOL_SERVICE].shape, ctx.keyring.decrypt).get("auth_values") or {}
    auth_type = service.doc.get("auth_type")
    resolved = {
        "service_id": service_id,
        "auth_type": auth_type,
        "auth_values": values,
        "headers": auth_headers(auth_type, values),
    }
    return resolved_response(ctx[TOOL_SERVICE].resolved_body(resolved))


def auth_headers(auth_type: str | None, values: dict[str, str]) -> dict[str, str]:
    """The HTTP headers a tool sends; oauth2's token exchange is the caller's, so none."""
    if auth_type == "basic":
        pair = f"{values['username']}:{values['password']}".encode()
        return {"Authorization": "Basic " + base64.b64encode(pair).decode()}
    if auth_type == "bearer":
        return {"Authorization": "Bearer " + values["token"]}
    if auth_type == "custom_headers":
        return dict(values)
    return {}


HANDLERS = {
    "listToolServices": list_tool_services,
    "createToolService": create_tool_service,
    "updateToolService": update_tool_service,
    "getToolService": get_tool_service,
    "deleteToolService": delete_tool_service,
    "resolveToolServiceAuth": resolve_tool_service_auth,
}
