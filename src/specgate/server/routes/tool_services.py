"""Tool services: `/api/v1/services/`, wire compatible with the real tool-services API."""

from __future__ import annotations

import base64
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ...errors import Conflict, InvalidRequest, NotFound
from ...keys import Identity
from ...logs import CONTROLS, logger
from ...masking import map_secrets
from ...merge import merge
from ...rules import auth_values_errors
from ...storable import CONTROL_CHARACTER
from ...store import IntegrityError, Stored
from ...store.store import embed
from ..auth import require_gateway
from ..context import Context, caller
from ..inputs import enum_query, int_path, int_query, list_query
from ..resources import (
    delete_checked,
    json_response,
    now,
    paged_envelope,
    replace_with_retry,
    resolved_response,
    writable,
)

__all__ = ["HANDLERS", "required_reason", "search_page", "tool_scope"]

log = logger("specgate.server")
PROPERTIES = ("id", "name", "description", "last_updated", "last_updated_by")


async def tool_scope(request: Request, scope: str) -> tuple[Context, Identity]:
    """Tool APIs belong to no gateway: a key bound to one gateway does not see them."""
    ctx, who = await caller(request, scope)
    require_gateway(who, None)
    return ctx, who


def build_tool_service(
    ctx: Context, data: dict[str, Any], old: Stored | None, who: Identity
) -> dict[str, Any]:
    """Merge the body over the stored service (auth_values by the merge table) and check its rules."""
    rt = ctx.tool_service
    incoming = writable(data, rt.read_only)
    incoming.setdefault("auth_type", None)
    incoming.setdefault("last_updated_comments", None)
    doc = merge(old.doc if old else None, incoming, rt.shape, seal=ctx.keyring.encrypt)
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
    return ctx.tool_service.render(doc, {"auth_value_keys": keys}, exclude={"auth_values"})


async def list_tool_services(request: Request) -> Response:
    ctx, _ = await tool_scope(request, "read")
    return await search_page(request, ctx, ctx.tool_service.kind, PROPERTIES)


async def search_page(request: Request, ctx: Context, kind: Any, properties: tuple[str, ...]) -> Response:
    """The real API's list: 0-based page, limit, search_fields/values in pairs, order_by."""
    page = int_query(request, "page", 0, 0, 1_000_000)
    limit = int_query(request, "limit", 25, 1, 100)
    fields = list_query(request, "search_fields", properties, 10)
    values = list_query(request, "search_field_values", None, 10)
    if len(fields) != len(values):
        raise InvalidRequest.one(
            ("query", "search_field_values"),
            "give one value for each of search_fields",
            "length_mismatch",
        )
    order_by = enum_query(request, "order_by", properties, "id") or "id"
    direction = enum_query(request, "order_by_direction", ("asc", "desc"), "asc")
    found = await ctx.store.search(
        kind,
        offset=page * limit,
        limit=limit,
        search=list(zip(fields, values, strict=True)),
        order_by=order_by,
        descending=direction == "desc",
    )
    return paged_envelope(found, page, limit)


async def create_tool_service(request: Request) -> Response:
    ctx, who = await tool_scope(request, "write")
    data = await ctx.tool_service.incoming(request)
    draft = build_tool_service(ctx, data, None, who)

    def make(new_id: int) -> tuple[dict[str, Any], bytes]:
        doc = {"id": new_id} | draft
        return doc, render(ctx, doc)

    _, body = await ctx.store.insert_numbered(ctx.tool_service.kind, draft, make, draft["last_updated"])
    return json_response(embed(body, "tools", b"[]"), 200, 1)


async def update_tool_service(request: Request) -> Response:
    ctx, who = await tool_scope(request, "write")
    data = await ctx.tool_service.incoming(request, ctx.tool_service_update)
    service_id = data["id"]
    kind = ctx.tool_service.kind

    async def build(old: Stored) -> tuple[dict[str, Any], bytes]:
        doc = {"id": service_id} | build_tool_service(ctx, data, old, who)
        return doc, render(ctx, doc)

    stored, _, body = await replace_with_retry(
        request, ctx.store, lambda: ctx.store.get(kind, service_id), build, kind
    )
    found = await ctx.store.tool_service_body(service_id)
    return json_response(embed(body, "tools", found[2].encode() if found else b"[]"), 200, stored.version)


async def get_tool_service(request: Request) -> Response:
    ctx, _ = await tool_scope(request, "read")
    service_id = int_path(request, "service_id")
    found = await ctx.store.tool_service_body(service_id)
    if found is None:
        raise NotFound(f"no service {service_id}")
    version, body, tools = found
    return json_response(embed(body, "tools", tools.encode()), 200, version)


async def delete_tool_service(request: Request) -> Response:
    ctx, who = await tool_scope(request, "write")
    service_id = int_path(request, "service_id")
    reason = required_reason(request)
    kind = ctx.tool_service.kind
    try:
        old = await delete_checked(request, ctx.store, kind, lambda: ctx.store.get(kind, service_id))
    except IntegrityError:
        raise Conflict("the service has tools; delete or move them first") from None
    log.info("tool service %s deleted by %s: %s", service_id, who.email, reason)
    return json_response(embed(old.body, "tools", b"[]"))


def required_reason(request: Request) -> str:
    """The delete's reason: one line of text, as the spec's pattern says (it goes to the log)."""
    reason = request.query_params.get("reason")
    if not reason or len(reason) > 500:
        raise InvalidRequest.one(
            ("query", "reason"), "a reason of 1 to 500 characters is required", "missing"
        )
    if CONTROLS.search(reason):  # the characters the spec's `Reason` description rules out
        raise InvalidRequest.one(
            ("query", "reason"), "must be one line without control characters", CONTROL_CHARACTER
        )
    return reason


async def resolve_tool_service_auth(request: Request) -> Response:
    """The decrypted auth values and the headers a tool would send: `resolve` scope only."""
    ctx, _ = await tool_scope(request, "resolve")
    service_id = int_path(request, "service_id")
    service = await ctx.store.get(ctx.tool_service.kind, service_id)
    if service is None:
        raise NotFound(f"no service {service_id}")
    values = map_secrets(service.doc, ctx.tool_service.shape, ctx.keyring.decrypt).get("auth_values") or {}
    auth_type = service.doc.get("auth_type")
    resolved = {
        "service_id": service_id,
        "auth_type": auth_type,
        "auth_values": values,
        "headers": auth_headers(auth_type, values),
    }
    model = ctx.auth_resolved.validate_python(resolved)
    return resolved_response(ctx.auth_resolved.dump_json(model))


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
