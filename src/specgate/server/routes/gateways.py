"""Gateways: `/api/v1/gateways` and `/api/v1/gateways/{gateway_id}`."""

from __future__ import annotations

import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ...errors import Conflict, ForeignKeyViolation, NotFound
from ...registry import GATEWAY
from ...store import Page, Stored
from ..auth import require_gateway
from ..context import caller
from ..parameters import params
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
    ctx, who = await caller(request)
    offset, limit = params(request)["offset"], params(request)["limit"]
    if who.gateway_id is None:
        page = await ctx.store.page(ctx[GATEWAY].kind, None, offset, limit, page_budget())
    else:  # a key bound to one gateway lists that one only
        own = await ctx.store.body(ctx[GATEWAY].kind, who.gateway_id)
        bodies = [own.body] if own else []
        page = Page(len(bodies), bodies[offset : offset + limit])
    return list_envelope(page, offset, limit)


async def create_gateway(request: Request) -> Response:
    ctx, who = await caller(request)
    require_gateway(who, None)
    data = await ctx[GATEWAY].incoming(request)
    stamp = now()
    doc = writable(data, ctx[GATEWAY].read_only) | {
        "id": str(uuid.uuid4()),
        "created_at": stamp,
        "updated_at": stamp,
    }
    body = ctx[GATEWAY].render(doc)
    await ctx.store.insert(ctx[GATEWAY].kind, doc, body, stamp)
    return json_response(body, 201, 1)


async def get_gateway(request: Request) -> Response:
    ctx, who = await caller(request)
    gateway_id: str = params(request)["gateway_id"]
    require_gateway(who, gateway_id)
    found = await ctx.store.body(ctx[GATEWAY].kind, gateway_id)
    if found is None:
        raise NotFound(f"no gateway {gateway_id}")
    return json_response(found.body, 200, found.version)


async def update_gateway(request: Request) -> Response:
    ctx, who = await caller(request)
    gateway_id: str = params(request)["gateway_id"]
    require_gateway(who, gateway_id)
    data = await ctx[GATEWAY].incoming(request)
    check_ids(data, {"id": gateway_id})

    async def build(old: Stored) -> tuple[dict[str, Any], bytes]:
        doc = writable(data, ctx[GATEWAY].read_only) | {
            "id": gateway_id,
            "created_at": old.doc["created_at"],
            "updated_at": now(),
        }
        return doc, ctx[GATEWAY].render(doc)

    stored, _, body = await replace_with_retry(
        request,
        ctx.store,
        lambda: ctx.store.get(ctx[GATEWAY].kind, gateway_id),
        build,
        ctx[GATEWAY].kind,
    )
    return json_response(body, 200, stored.version)


async def delete_gateway(request: Request) -> Response:
    ctx, who = await caller(request)
    gateway_id: str = params(request)["gateway_id"]
    require_gateway(who, gateway_id)
    try:
        await delete_checked(
            request,
            ctx.store,
            ctx[GATEWAY].kind,
            lambda: ctx.store.get(ctx[GATEWAY].kind, gateway_id),
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
