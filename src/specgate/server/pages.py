"""List pages of both families: the gateway admin API's offset/limit and the tool-services API's
page/limit with search and order, each answered in its family's envelope."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..errors import InvalidRequest
from ..store import Kind
from .context import Context
from .parameters import params
from .resources import list_envelope, page_budget, paged_envelope

__all__ = ["list_page", "search_page"]


async def list_page(request: Request, ctx: Context, kind: Kind, gateway_id: str | None) -> Response:
    """A page of the gateway admin API: `offset` and `limit`, an envelope with `total`."""
    offset, limit = params(request)["offset"], params(request)["limit"]
    page = await ctx.store.page(kind, gateway_id, offset, limit, page_budget())
    return list_envelope(page, offset, limit)


async def search_page(request: Request, ctx: Context, kind: Kind) -> Response:
    """The real API's list: 0-based page, limit, search_fields/values in pairs, order_by (the spec's
    enums name the fields, checked with the other parameters)."""
    given = params(request)
    page, limit = given["page"], given["limit"]
    fields, values = given["search_fields"], given["search_field_values"]
    # The one rule here the spec cannot say: each parameter has a schema of its own, and no schema
    # spans two of them.
    if len(fields) != len(values):
        raise InvalidRequest.one(
            ("query", "search_field_values"),
            "give one value for each of search_fields",
            "length_mismatch",
        )
    order_by, direction = given["order_by"], given["order_by_direction"]
    found = await ctx.store.search(
        kind,
        offset=page * limit,
        limit=limit,
        search=list(zip(fields, values, strict=True)),
        order_by=order_by,
        descending=direction == "desc",
        budget=page_budget(),
    )
    return paged_envelope(found, page, limit)
