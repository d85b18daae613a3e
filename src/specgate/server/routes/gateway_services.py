"""Gateway services: `/api/v1/gateways/{gateway_id}/services[/{service_id}[/resolved]]`."""

from __future__ import annotations

import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ...codec import embed
from ...errors import Conflict, ForeignKeyViolation, InvalidRequest, NotFound
from ...masking import map_secrets
from ...merge import LINKED, destination_fingerprint, held_back, merge
from ...store import Stored
from ..context import Context
from ..pages import list_page
from ..resources import (
    ResourceType,
    check_ids,
    delete_checked,
    json_response,
    now,
    replace_with_retry,
    resolved_response,
    writable,
)
from ..scopes import child_scope, gateway_scope

NO_UPSTREAM = "no upstream with this id in this gateway"


async def build_service(
    ctx: Context, data: dict[str, Any], old: Stored | None, ids: dict[str, str]
) -> tuple[dict[str, Any], bytes]:
    rt = ctx.gateway_service
    incoming = writable(data, rt.read_only)
    links = await linked(ctx, incoming, ids["gateway_id"])
    if any(found is None for _, found in links.values()):
        raise InvalidRequest.one(("body", "upstream_id"), NO_UPSTREAM, "not_found")
    stored = old.doc if old else None
    doc = merge(
        stored,
        incoming,
        rt.shape,
        seal=ctx.keyring.encrypt,
        holds=ctx.keyring.holds,
        linked=fingerprints(links),
    )
    stamp = now()
    doc |= ids | {"created_at": old.doc["created_at"] if old else stamp, "updated_at": stamp}
    return doc, rt.render(doc, exclude={LINKED})


Links = dict[str, tuple[ResourceType, Stored | None]]


async def linked(ctx: Context, doc: dict[str, Any], gateway_id: str) -> Links:
    """Each resource the service names in a field marked `x-secret-destination-link` (its upstream),
    as stored now (None when it does not exist)."""
    out: Links = {}
    for name, schema in ctx.gateway_service.shape.links.items():
        if doc.get(name) is not None:
            rt = _resource_of(ctx, schema)
            out[name] = (rt, await ctx.store.get(rt.kind, doc[name], gateway_id))
    return out


def fingerprints(links: Links) -> dict[str, str]:
    """Where each linked resource sends what goes through it (`merge.destination_fingerprint`)."""
    return {
        name: destination_fingerprint(None if found is None else found.doc, rt.shape)
        for name, (rt, found) in links.items()
    }


def _resource_of(ctx: Context, schema: str) -> ResourceType:
    """The resource whose write schema is `schema` (a link names the schema, as the spec does)."""
    types = (ctx.gateway, ctx.upstream, ctx.gateway_service, ctx.tool_service, ctx.tool)
    return next(rt for rt in types if rt.kind.schema == schema)


async def with_upstream(ctx: Context, doc: dict[str, Any], body: bytes) -> bytes:
    """The response body, with the service's upstream embedded for type `upstream`."""
    upstream_id = doc.get("upstream_id")
    if upstream_id is None:
        return body
    found = await ctx.store.body(ctx.upstream.kind, upstream_id, doc["gateway_id"])
    return embed(body, "upstream", found[1] if found else None)


async def list_gateway_services(request: Request) -> Response:
    ctx, gateway_id = await gateway_scope(request)
    return await list_page(request, ctx, ctx.gateway_service.kind, gateway_id)


async def create_gateway_service(request: Request) -> Response:
    ctx, gateway_id = await gateway_scope(request)
    data = await ctx.gateway_service.incoming(request)
    doc, body = await build_service(ctx, data, None, {"id": str(uuid.uuid4()), "gateway_id": gateway_id})
    try:
        await ctx.store.insert(ctx.gateway_service.kind, doc, body, doc["created_at"])
    except ForeignKeyViolation:  # the upstream went away meanwhile
        raise InvalidRequest.one(("body", "upstream_id"), NO_UPSTREAM, "not_found") from None
    return json_response(await with_upstream(ctx, doc, body), 201, 1)


async def get_gateway_service(request: Request) -> Response:
    ctx, gateway_id, service_id = await child_scope(request, "service_id")
    found = await ctx.store.service_body(service_id, gateway_id)
    if found is None:
        raise NotFound(f"no service {service_id} in gateway {gateway_id}")
    version, body, upstream = found
    return json_response(embed(body, "upstream", upstream), 200, version)


async def update_gateway_service(request: Request) -> Response:
    ctx, gateway_id, service_id = await child_scope(request, "service_id")
    data = await ctx.gateway_service.incoming(request)
    ids = {"id": service_id, "gateway_id": gateway_id}
    check_ids(data, ids)

    async def build(old: Stored) -> tuple[dict[str, Any], bytes]:
        return await build_service(ctx, data, old, ids)

    kind = ctx.gateway_service.kind
    try:
        stored, doc, body = await replace_with_retry(
            request, ctx.store, lambda: ctx.store.get(kind, service_id, gateway_id), build, kind
        )
    except ForeignKeyViolation:
        raise InvalidRequest.one(("body", "upstream_id"), NO_UPSTREAM, "not_found") from None
    return json_response(await with_upstream(ctx, doc, body), 200, stored.version)


async def delete_gateway_service(request: Request) -> Response:
    ctx, gateway_id, service_id = await child_scope(request, "service_id")
    kind = ctx.gateway_service.kind
    await delete_checked(request, ctx.store, kind, lambda: ctx.store.get(kind, service_id, gateway_id))
    return Response(status_code=204)


async def resolve_gateway_service(request: Request) -> Response:
    """The one read that decrypts: for the data plane, `resolve` scope only."""
    ctx, gateway_id, service_id = await child_scope(request, "service_id")
    service = await ctx.store.get(ctx.gateway_service.kind, service_id, gateway_id)
    if service is None:
        raise NotFound(f"no service {service_id} in gateway {gateway_id}")
    shape = ctx.gateway_service.shape
    # The upstream read here is the one answered: its destinations now, against those recorded.
    links = await linked(ctx, service.doc, gateway_id)
    held = held_back(service.doc, shape, fingerprints(links))
    if held:
        names = ", ".join(".".join(map(str, loc)) for loc in held)
        raise Conflict(
            f"the upstream's destinations changed since {names} were written, so they are held back;"
            " send them again (PUT the service)"
        )
    resolved = map_secrets(service.doc, shape, ctx.keyring.decrypt)
    resolved.pop(LINKED, None)
    upstream = links.get("upstream_id", (ctx.upstream, None))[1]
    if upstream is not None:
        resolved["upstream"] = map_secrets(upstream.doc, ctx.upstream.shape, ctx.keyring.decrypt)
    model = ctx.service_resolved.validate_python(resolved)
    return resolved_response(ctx.service_resolved.dump_json(model))


HANDLERS = {
    "listGatewayServices": list_gateway_services,
    "createGatewayService": create_gateway_service,
    "getGatewayService": get_gateway_service,
    "updateGatewayService": update_gateway_service,
    "deleteGatewayService": delete_gateway_service,
    "resolveGatewayService": resolve_gateway_service,
}
