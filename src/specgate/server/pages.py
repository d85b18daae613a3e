"""List pages of both families: the gateway admin API's offset/limit and the tool-services API's
page/limit with search and order, each answered in its family's envelope."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ..errors import InvalidRequest
from ..store import Kind
from .context import Context
from .inputs import enum_query, int_query, list_query
from .resources import list_envelope, page_budget, paged_envelope

__all__ = ["list_page", "search_page"]


async def list_page(request: Request, ctx: Context, kind: Kind, gateway_id: str | None) -> Response:
    """A page of the gateway admin API: `offset` and `limit` (1 to 100), an envelope with `total`."""
    offset = int_query(request, "offset", 0, 0, 1_000_000)
    limit = int_query(request, "limit", 20, 1, 100)
    page = await ctx.store.page(kind, gateway_id, offset, limit, page_budget())
    return list_envelope(page, offset, limit)


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
        budget=page_budget(),
    )
    return paged_envelope(found, page, limit)
