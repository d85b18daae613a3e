from typing import Any, cast

import httpx

from ..._calls import asend, build, send, unwrap
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/openapi.yaml",
    }

    return _kwargs


def _parse_response(response: httpx.Response) -> Problem | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    response_default = Problem.from_dict(response.json())

    return response_default


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | str]:
    """This document as written (YAML)

     This OpenAPI document, byte for byte as written.

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Problem | str]
    """

    kwargs = _get_kwargs()
    return build(send(client, kwargs), _parse_response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> str:
    """This document as written (YAML)

     This OpenAPI document, byte for byte as written.

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        str
    """

    response = sync_detailed(
        client=client,
    )
    return cast(str, unwrap(response))


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | str]:
    """This document as written (YAML)

     This OpenAPI document, byte for byte as written.

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Problem | str]
    """

    kwargs = _get_kwargs()
    return build(await asend(client, kwargs), _parse_response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> str:
    """This document as written (YAML)

     This OpenAPI document, byte for byte as written.

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        str
    """

    response = await asyncio_detailed(
        client=client,
    )
    return cast(str, unwrap(response))
