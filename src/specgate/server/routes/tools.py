"""Tools: `/api/v1/tools/`, each linked to a tool service (which lists it by name)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ...api_keys import Identity
from ...errors import Conflict, ForeignKeyViolation, InvalidRequest, NotFound, UniqueViolation
from ...logs import logger
from ...merge import destination_fingerprint
from ...registry import TOOL, TOOL_SERVICE
from ...store import Stored
from ..context import Context
from ..pages import search_page
from ..parameters import params
from ..resources import delete_checked, json_response, now, replace_with_retry, writable
from ..scopes import tool_scope

log = logger("specgate.server")
# Where the tool sends its service's secrets (its fields marked `x-secret-destination`), as a
# fingerprint stored with it (the `destinations` column): the service's resolve compares it with
# those recorded when the secrets were written (`tool_services.resolve_tool_service_auth`).
DESTINATIONS = "destinations"


async def checked_tool(ctx: Context, data: dict[str, Any], who: Identity) -> dict[str, Any]:
    if not await ctx.store.exists(ctx[TOOL_SERVICE].kind, data["service_id"]):
        raise no_service()
    doc = writable(data, ctx[TOOL].read_only) | {"last_updated": now(), "last_updated_by": who.email}
    return doc | {DESTINATIONS: destination_fingerprint(doc, ctx[TOOL].shape)}


def render(ctx: Context, doc: dict[str, Any]) -> bytes:
    return ctx[TOOL].render(doc, exclude={DESTINATIONS})


def taken(name: str) -> Conflict:
    return Conflict(f"a tool named {name!r} exists")


def no_service() -> InvalidRequest:
    return InvalidRequest.one(("body", "service_id"), "no service with this id", "not_found")


async def list_tools(request: Request) -> Response:
    ctx, _ = await tool_scope(request)
    return await search_page(request, ctx, ctx[TOOL].kind)


async def create_tool(request: Request) -> Response:
    ctx, who = await tool_scope(request)
    draft = await checked_tool(ctx, await ctx[TOOL].incoming(request), who)

    def make(new_id: int) -> tuple[dict[str, Any], bytes]:
        doc = {"id": new_id} | draft
        return doc, render(ctx, doc)

    try:
        _, body = await ctx.store.insert_numbered(ctx[TOOL].kind, draft, make, draft["last_updated"])
    except UniqueViolation:
        raise taken(draft["name"]) from None
    except ForeignKeyViolation:  # the service went away meanwhile
        raise no_service() from None
    return json_response(body, 200, 1)


async def update_tool(request: Request) -> Response:
    ctx, who = await tool_scope(request)
    data = await ctx[TOOL].incoming(request, ctx[TOOL].update)
    tool_id = data["id"]

    async def build(old: Stored) -> tuple[dict[str, Any], bytes]:
        doc = {"id": tool_id} | await checked_tool(ctx, data, who)
        return doc, render(ctx, doc)

    kind = ctx[TOOL].kind
    try:
        stored, _, body = await replace_with_retry(
            request, ctx.store, lambda: ctx.store.get(kind, tool_id, by_id=True), build, kind
        )
    except UniqueViolation:
        raise taken(data["name"]) from None
    except ForeignKeyViolation:  # the service went away meanwhile
        raise no_service() from None
    return json_response(body, 200, stored.version)


async def get_tool(request: Request) -> Response:
    ctx, _ = await tool_scope(request)
    name: str = params(request)["tool_name"]
    found = await ctx.store.body(ctx[TOOL].kind, name)
    if found is None:
        raise NotFound(f"no tool {name!r}")
    return json_response(found.body, 200, found.version)


async def delete_tool(request: Request) -> Response:
    ctx, who = await tool_scope(request)
    name: str = params(request)["tool_name"]
    reason: str = params(request)["reason"]  # one line: the spec's pattern
    kind = ctx[TOOL].kind
    old = await delete_checked(request, ctx.store, kind, lambda: ctx.store.get(kind, name))
    log.info("tool %r deleted by %s: %s", name, who.email, reason)
    return json_response(old.body)


HANDLERS = {
    "listTools": list_tools,
    "createTool": create_tool,
    "updateTool": update_tool,
    "getTool": get_tool,
    "deleteTool": delete_tool,
}
