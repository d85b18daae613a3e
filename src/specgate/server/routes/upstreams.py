"""Upstreams: `/api/v1/gateways/{gateway_id}/upstreams[/{upstream_id}]`."""

from __future__ import annotations

import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ...errors import Conflict, ForeignKeyViolation, InvalidRequest, NotFound
from ...merge import merge_update
from ...registry import UPSTREAM
from ...rules import upstream_errors
from ...store import Stored
from ..context import Context
from ..pages import list_page
from ..resources import (
    check_ids,
    delete_checked,
    json_response,
    now,
    replace_with_retry,
    writable,
)
from ..scopes import child_scope, gateway_scope


def build_upstream(
    ctx: Context, data: dict[str, Any], old: Stored | None, ids: dict[str, str]
) -> tuple[dict[str, Any], bytes]:
    """Merge the body over the stored upstream, check the rules, render the masked response."""
    incoming = writable(data, ctx[UPSTREAM].read_only)
    incoming["targets"] = [t if "id" in t else {"id": str(uuid.uuid4())} | t for t in incoming["targets"]]
    doc = merge_update(
        old.doc if old else None,
        incoming,
        ctx[UPSTREAM].shape,
        seal=ctx.keyring.encrypt,
        holds=ctx.keyring.holds,
    )
    errors = upstream_errors(doc)
    if errors:
        raise InvalidRequest(errors)
    stamp = now()
    doc |= ids | {"created_at": old.doc["created_at"] if old else stamp, "updated_at": stamp}
    return doc, ctx[UPSTREAM].render(doc)


async def list_upstreams(request: Request) -> Response:
    ctx, gateway_id = await gateway_scope(request)
    return await list_page(request, ctx, ctx[UPSTREAM].kind, gateway_id)


async def create_upstream(request: Request) -> Response:
    ctx, gateway_id = await gateway_scope(request)
    data = await ctx[UPSTREAM].incoming(request)
    doc, body = build_upstream(ctx, data, None, {"id": str(uuid.uuid4()), "gateway_id": gateway_id})
    try:
        await ctx.store.insert(ctx[UPSTREAM].kind, doc, body, doc["created_at"])
    except ForeignKeyViolation:  # the gateway went away meanwhile
        raise NotFound(f"no gateway {gateway_id}") from None
    return json_response(body, 201, 1)


async def get_upstream(request: Request) -> Response:
    ctx, gateway_id, upstream_id = await child_scope(request, "upstream_id")
    found = await ctx.store.body(ctx[UPSTREAM].kind, upstream_id, gateway_id)
    if found is None:
        raise NotFound(f"no upstream {upstream_id} in gateway {gateway_id}")
    return json_response(found.body, 200, found.version)


async def update_upstream(request: Request) -> Response:
    ctx, gateway_id, upstream_id = await child_scope(request, "upstream_id")
    data = await ctx[UPSTREAM].incoming(request)
    ids = {"id": upstream_id, "gateway_id": gateway_id}
    check_ids(data, ids)

    async def build(old: Stored) -> tuple[dict[str, Any], bytes]:
        return build_upstream(ctx, data, old, ids)

    stored, _, body = await replace_with_retry(
        request,
        ctx.store,
        lambda: ctx.store.get(ctx[UPSTREAM].kind, upstream_id, gateway_id),
        build,
        ctx[UPSTREAM].kind,
    )
    return json_response(body, 200, stored.version)


async def delete_upstream(request: Request) -> Response:
    ctx, gateway_id, upstream_id = await child_scope(request, "upstream_id")
    try:
        await delete_checked(
            request,
            ctx.store,
            ctx[UPSTREAM].kind,
            lambda: ctx.store.get(ctx[UPSTREAM].kind, upstream_id, gateway_id),
        )
    except ForeignKeyViolation:
        raise Conflict("the upstream is used by a service; change or delete the service first") from None
    return Response(status_code=204)


HANDLERS = {
    "listUpstreams": list_upstreams,
    "createUpstream": create_upstream,
    "getUpstream": get_upstream,
    "updateUpstream": update_upstream,
    "deleteUpstream": delete_upstream,
}
