"""Gateways: `/api/v1/gateways` and `/api/v1/gateways/{gateway_id}`."""

from __future__ import annotations

import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ...errors import Conflict, ForeignKeyViolation, NotFound
from ...store import Page, Stored
from ..auth import require_gateway
from ..context import caller
from ..inputs import int_query, uuid_path
from ..resources import (
    check_ids,
    delete_checked,
    json_response,
    list_envelope,
    now,
    page_budget,
    replace_with_retry,
    writable,
)


async def list_gateways(request: Request) -> Response:
    ctx, who = await caller(request, "read")
    offset = int_query(request, "offset", 0, 0, 1_000_000)
    limit = int_query(request, "limit", 20, 1, 100)
    if who.gateway_id is None:
        page = await ctx.store.page(ctx.gateway.kind, None, offset, limit, page_budget())
    else:  # a key bound to one gateway lists that one only
        own = await ctx.store.body(ctx.gateway.kind, who.gateway_id)
        bodies = [own[1]] if own else []
        page = Page(len(bodies), bodies[offset : offset + limit])
    return list_envelope(page, offset, limit)


async def create_gateway(request: Request) -> Response:
    ctx, who = await caller(request, "write")
    require_gateway(who, None)
    data = await ctx.gateway.incoming(request)
    stamp = now()
    doc = writable(data, ctx.gateway.read_only) | {
        "id": str(uuid.uuid4()),
        "created_at": stamp,
        "updated_at": stamp,
    }
    body = ctx.gateway.render(doc)
    await ctx.store.insert(ctx.gateway.kind, doc, body, stamp)
    return json_response(body, 201, 1)


async def get_gateway(request: Request) -> Response:
    ctx, who = await caller(request, "read")
    gateway_id = uuid_path(request, "gateway_id")
    require_gateway(who, gateway_id)
    found = await ctx.store.body(ctx.gateway.kind, gateway_id)
    if found is None:
        raise NotFound(f"no gateway {gateway_id}")
    return json_response(found[1], 200, found[0])


async def update_gateway(request: Request) -> Response:
    ctx, who = await caller(request, "write")
    gateway_id = uuid_path(request, "gateway_id")
    require_gateway(who, gateway_id)
    data = await ctx.gateway.incoming(request)
    check_ids(data, {"id": gateway_id})

    async def build(old: Stored) -> tuple[dict[str, Any], bytes]:
        doc = writable(data, ctx.gateway.read_only) | {
            "id": gateway_id,
            "created_at": old.doc["created_at"],
            "updated_at": now(),
        }
        return doc, ctx.gateway.render(doc)

    stored, _, body = await replace_with_retry(
        request,
        ctx.store,
        lambda: ctx.store.get(ctx.gateway.kind, gateway_id),
        build,
        ctx.gateway.kind,
    )
    return json_response(body, 200, stored.version)


async def delete_gateway(request: Request) -> Response:
    ctx, who = await caller(request, "write")
    gateway_id = uuid_path(request, "gateway_id")
    require_gateway(who, gateway_id)
    try:
        await delete_checked(
            request,
            ctx.store,
            ctx.gateway.kind,
            lambda: ctx.store.get(ctx.gateway.kind, gateway_id),
        )
    except ForeignKeyViolation:
        raise Conflict("the gateway still has upstreams or services; delete them first") from None
    return Response(status_code=204)


HANDLERS = {
    "listGateways": list_gateways,
    "createGateway": create_gateway,
    "getGateway": get_gateway,
    "updateGateway": update_gateway,
    "deleteGateway": delete_gateway,
}
