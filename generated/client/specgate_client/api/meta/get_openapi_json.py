from typing import Any, cast

import httpx

from ..._calls import asend, build, send, unwrap
from ...client import AuthenticatedClient, Client
from ...models.get_openapi_json_response_200 import GetOpenapiJsonResponse200
from ...models.problem import Problem
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/openapi.json",
    }

    return _kwargs


def _parse_response(response: httpx.Response) -> GetOpenapiJsonResponse200 | Problem | None:
    if response.status_code == 200:
        response_200 = GetOpenapiJsonResponse200.from_dict(response.json())

        return response_200

    response_default = Problem.from_dict(response.json())

    return response_default


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[GetOpenapiJsonResponse200 | Problem]:
    """This document as JSON

     This OpenAPI document converted to JSON.

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[GetOpenapiJsonResponse200 | Problem]
    """

    kwargs = _get_kwargs()
    return build(send(client, kwargs), _parse_response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> GetOpenapiJsonResponse200:
    """This document as JSON

     This OpenAPI document converted to JSON.

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        GetOpenapiJsonResponse200
    """

    response = sync_detailed(
        client=client,
    )
    return cast(GetOpenapiJsonResponse200, unwrap(response))


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[GetOpenapiJsonResponse200 | Problem]:
    """This document as JSON

     This OpenAPI document converted to JSON.

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[GetOpenapiJsonResponse200 | Problem]
    """

    kwargs = _get_kwargs()
    return build(await asend(client, kwargs), _parse_response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> GetOpenapiJsonResponse200:
    """This document as JSON

     This OpenAPI document converted to JSON.

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        GetOpenapiJsonResponse200
    """

    response = await asyncio_detailed(
        client=client,
    )
    return cast(GetOpenapiJsonResponse200, unwrap(response))
