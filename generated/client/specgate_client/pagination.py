"""Every item of a list operation, across pages: `iterate(list_gateways, client=c)` and `aiterate`.

Both envelope styles of the API are followed: `{items, total}` paged by `offset`/`limit` (gateway
family) and `{items, page, total_pages}` paged by `page` (tool services and tools). Other parameters
(path ids, `limit`, search and order) go to every page unchanged.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

__all__ = ["aiterate", "iterate"]

T_co = TypeVar("T_co", covariant=True)


class Page(Protocol[T_co]):
    @property
    def items(self) -> Sequence[T_co]: ...


class ListOperation(Protocol[T_co]):
    """An operation module of the client: its plain `sync` call answers a page."""

    @property
    def sync(self) -> Callable[..., Page[T_co]]: ...


class AsyncListOperation(Protocol[T_co]):
    @property
    def asyncio(self) -> Callable[..., Awaitable[Page[T_co]]]: ...


def iterate(op: ListOperation[T_co], /, *args: Any, client: Any, **params: Any) -> Iterator[T_co]:
    """Every item the operation lists, fetching pages as they are needed."""
    cursor = _Cursor(params)
    while cursor.more:
        page = op.sync(*args, client=client, **cursor.params())
        yield from page.items
        cursor.advance(page)


async def aiterate(
    op: AsyncListOperation[T_co], /, *args: Any, client: Any, **params: Any
) -> AsyncIterator[T_co]:
    """`iterate` for `asyncio` calls."""
    cursor = _Cursor(params)
    while cursor.more:
        page = await op.asyncio(*args, client=client, **cursor.params())
        for item in page.items:
            yield item
        cursor.advance(page)


class _Cursor:
    """Where the next page starts, by the envelope's own style (decided by the first page)."""

    def __init__(self, params: dict[str, Any]) -> None:
        self._params = dict(params)
        self.more = True

    def params(self) -> dict[str, Any]:
        return self._params

    def advance(self, page: Any) -> None:
        items = page.items
        if not items:
            self.more = False
        elif isinstance(getattr(page, "total_pages", None), int):
            number = int(page.page) + 1
            self._params["page"] = number
            self.more = number < page.total_pages
        else:
            offset = int(self._params.get("offset", 0)) + len(items)
            self._params["offset"] = offset
            self.more = offset < int(page.total)
