"""Gateway services: `/api/v1/gateways/{gateway_id}/services[/{service_id}[/resolved]]`."""

from __future__ import annotations

import uuid
from typing import Any, NamedTuple

from starlette.requests import Request
from starlette.responses import Response

from ...codec import embed
from ...errors import Conflict, ForeignKeyViolation, InvalidRequest, NotFound
from ...masking import map_secrets
from ...merge import LINKED, destination_fingerprint, held_back, merge_update
from ...registry import GATEWAY_SERVICE, UPSTREAM
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
    rt = ctx[GATEWAY_SERVICE]
    incoming = writable(data, rt.read_only)
    links = await linked(ctx, incoming, ids["gateway_id"])
    if any(link.found is None for link in links.values()):
        raise InvalidRequest.one(("body", "upstream_id"), NO_UPSTREAM, "not_found")
    stored = old.doc if old else None
    doc = merge_update(
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


class Link(NamedTuple):
    """A resource a service names, and its row as stored now (None when it does not exist)."""

    resource: ResourceType
    found: Stored | None


Links = dict[str, Link]


async def linked(ctx: Context, doc: dict[str, Any], gateway_id: str) -> Links:
    """Each resource the service names in a field marked `x-secret-destination-link` (its upstream),
    as stored now (None when it does not exist)."""
    out: Links = {}
    for name, schema in ctx[GATEWAY_SERVICE].shape.links.items():
        if doc.get(name) is not None:
            rt = _resource_of(ctx, schema)
            out[name] = Link(rt, await ctx.store.get(rt.kind, doc[name], gateway_id))
    return out


def fingerprints(links: Links) -> dict[str, str]:
    """Where each linked resource sends what goes through it (`merge.destination_fingerprint`)."""
    return {
        name: destination_fingerprint(None if link.found is None else link.found.doc, link.resource.shape)
        for name, link in links.items()
    }


def _resource_of(ctx: Context, schema: str) -> ResourceType:
    """The resource whose write schema is `schema` (a link names the schema, as the spec does)."""
    return next(rt for rt in ctx.types.values() if rt.kind.schema == schema)


async def with_upstream(ctx: Context, doc: dict[str, Any], body: bytes) -> bytes:
    """The response body, with the service's upstream embedded for type `upstream`."""
    upstream_id = doc.get("upstream_id")
    if upstream_id is None:
        return body
    found = await ctx.store.body(ctx[UPSTREAM].kind, upstream_id, doc["gateway_id"])
    return embed(body, "upstream", found.body if found else None)


async def list_gateway_services(request: Request) -> Response:
    ctx, gateway_id = await gateway_scope(request)
    return await list_page(request, ctx, ctx[GATEWAY_SERVICE].kind, gateway_id)


async def create_gateway_service(request: Request) -> Response:
    ctx, gateway_id = await gateway_scope(request)
    data = await ctx[GATEWAY_SERVICE].incoming(request)
    doc, body = await build_service(ctx, data, None, {"id": str(uuid.uuid4()), "gateway_id": gateway_id})
    try:
        await ctx.store.insert(ctx[GATEWAY_SERVICE].kind, doc, body, doc["created_at"])
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
    data = await ctx[GATEWAY_SERVICE].incoming(request)
    ids = {"id": service_id, "gateway_id": gateway_id}
    check_ids(data, ids)

    async def build(old: Stored) -> tuple[dict[str, Any], bytes]:
        return await build_service(ctx, data, old, ids)

    kind = ctx[GATEWAY_SERVICE].kind
    try:
        stored, doc, body = await replace_with_retry(
            request, ctx.store, lambda: ctx.store.get(kind, service_id, gateway_id), build, kind
        )
    except ForeignKeyViolation:
        raise InvalidRequest.one(("body", "upstream_id"), NO_UPSTREAM, "not_found") from None
    return json_response(await with_upstream(ctx, doc, body), 200, stored.version)


async def delete_gateway_service(request: Request) -> Response:
    ctx, gateway_id, service_id = await child_scope(request, "service_id")
    kind = ctx[GATEWAY_SERVICE].kind
    await delete_checked(request, ctx.store, kind, lambda: ctx.store.get(kind, service_id, gateway_id))
    return Response(status_code=204)


async def resolve_gateway_service(request: Request) -> Response:
    """The one read that decrypts: for the data plane, `resolve` scope only."""
    ctx, gateway_id, service_id = await child_scope(request, "service_id")
    service = await ctx.store.get(ctx[GATEWAY_SERVICE].kind, service_id, gateway_id)
    if service is None:
        raise NotFound(f"no service {service_id} in gateway {gateway_id}")
    shape = ctx[GATEWAY_SERVICE].shape
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
    upstream = links["upstream_id"].found if "upstream_id" in links else None
    if upstream is not None:
        resolved["upstream"] = map_secrets(upstream.doc, ctx[UPSTREAM].shape, ctx.keyring.decrypt)
    return resolved_response(ctx[GATEWAY_SERVICE].resolved_body(resolved))


HANDLERS = {
    "listGatewayServices": list_gateway_services,
    "createGatewayService": create_gateway_service,
    "getGatewayService": get_gateway_service,
    "updateGatewayService": update_gateway_service,
    "deleteGatewayService": delete_gateway_service,
    "resolveGatewayService": resolve_gateway_service,
}
