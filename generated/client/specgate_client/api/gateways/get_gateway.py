from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ..._calls import asend, build, send, unwrap
from ...client import AuthenticatedClient
from ...models.gateway import Gateway
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    gateway_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/gateways/{gateway_id}".format(
            gateway_id=quote(str(gateway_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(response: httpx.Response) -> Gateway | Problem | None:
    if response.status_code == 200:
        response_200 = Gateway.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    response_default = Problem.from_dict(response.json())

    return response_default


def sync_detailed(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Gateway | Problem]:
    """Read a gateway

     Answers the gateway and its `ETag`. Needs the `read` scope.

    Args:
        gateway_id (UUID):

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Gateway | Problem]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
    )
    return build(send(client, kwargs), _parse_response)


def sync(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Gateway:
    """Read a gateway

     Answers the gateway and its `ETag`. Needs the `read` scope.

    Args:
        gateway_id (UUID):

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        Gateway
    """

    response = sync_detailed(
        gateway_id=gateway_id,
        client=client,
    )
    return cast(Gateway, unwrap(response))


async def asyncio_detailed(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Gateway | Problem]:
    """Read a gateway

     Answers the gateway and its `ETag`. Needs the `read` scope.

    Args:
        gateway_id (UUID):

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Gateway | Problem]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
    )
    return build(await asend(client, kwargs), _parse_response)


async def asyncio(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Gateway:
    """Read a gateway

     Answers the gateway and its `ETag`. Needs the `read` scope.

    Args:
        gateway_id (UUID):

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        Gateway
    """

    response = await asyncio_detailed(
        gateway_id=gateway_id,
        client=client,
    )
    return cast(Gateway, unwrap(response))
