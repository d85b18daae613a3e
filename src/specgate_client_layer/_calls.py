"""What every operation module does around its request: send it, turn transport failures into client
errors, build the Response, and raise for an error status (the plain calls)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
from specgate_client.errors import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    status_error,
)
from specgate_client.types import Response

if TYPE_CHECKING:
    from specgate_client.client import Client

__all__ = ["asend", "build", "json_body", "send", "unwrap"]

T = TypeVar("T")


def send(client: Client, kwargs: dict[str, Any]) -> httpx.Response:
    try:
        return client.get_httpx_client().request(**kwargs, **client.request_options())
    except httpx.TimeoutException as exc:
        raise APITimeoutError(f"the request timed out ({type(exc).__name__})") from exc
    except httpx.TransportError as exc:
        raise APIConnectionError(f"connection error ({type(exc).__name__})") from exc


async def asend(client: Client, kwargs: dict[str, Any]) -> httpx.Response:
    try:
        return await client.get_async_httpx_client().request(**kwargs, **client.request_options())
    except httpx.TimeoutException as exc:
        raise APITimeoutError(f"the request timed out ({type(exc).__name__})") from exc
    except httpx.TransportError as exc:
        raise APIConnectionError(f"connection error ({type(exc).__name__})") from exc


def build(response: httpx.Response, parse: Callable[[httpx.Response], T | None]) -> Response[T]:
    """The Response of an answer. A success body that does not parse raises APIResponseValidationError;
    an error body that does not parse (HTML from a proxy, nothing) gives `parsed=None`."""
    status = response.status_code
    try:
        code = HTTPStatus(status)
    except ValueError:
        raise status_error(status, response.headers, response.content) from None
    try:
        parsed: T | None = parse(response)
    except Exception:  # the body is not what the spec says; its text stays out of the message
        if 200 <= status < 300:
            raise APIResponseValidationError(status, response.headers, response.content) from None
        parsed = None
    etag = response.headers.get("etag")
    model: Any = parsed
    if etag is not None and hasattr(model, "_etag"):
        model._etag = etag  # read models carry their version, for If-Match
    return Response(status_code=code, content=response.content, headers=response.headers, parsed=parsed)


def unwrap(response: Response[Any], *, model: bool = True) -> Any:
    """The parsed success model (None when the operation answers none, as a 204), or the error for the
    status. A success without the model the spec promises (an undocumented 2xx) is a validation error."""
    if not 200 <= response.status_code < 300:
        raise status_error(response.status_code, response.headers, response.content)
    if model and response.parsed is None:
        raise APIResponseValidationError(response.status_code, response.headers, response.content)
    return response.parsed


def json_body(body: Any) -> Any:
    """The JSON of a request body: a plain dict as given, a model by its `to_dict()`."""
    if isinstance(body, Mapping):
        return dict(body)
    return body.to_dict()
