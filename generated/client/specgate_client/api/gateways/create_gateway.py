from collections.abc import Mapping
from typing import Any, cast

import httpx

from ..._calls import asend, build, json_body, send, unwrap
from ...client import AuthenticatedClient
from ...models.gateway import Gateway
from ...models.gateway_write import GatewayWrite
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: GatewayWrite | Mapping[str, Any],
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/gateways",
    }

    _kwargs["json"] = json_body(body)
    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(response: httpx.Response) -> Gateway | Problem | None:
    if response.status_code == 201:
        response_201 = Gateway.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    response_default = Problem.from_dict(response.json())

    return response_default


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: GatewayWrite | Mapping[str, Any],
) -> Response[Gateway | Problem]:
    """Create a gateway

     Creates a gateway and answers it with its `ETag`. Needs the `write` scope.

    Args:
        body (GatewayWrite): A gateway to create or replace. `id`, `created_at` and `updated_at`
            are read-only (ids must match).

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Gateway | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )
    return build(send(client, kwargs), _parse_response)


def sync(
    *,
    client: AuthenticatedClient,
    body: GatewayWrite | Mapping[str, Any],
) -> Gateway:
    """Create a gateway

     Creates a gateway and answers it with its `ETag`. Needs the `write` scope.

    Args:
        body (GatewayWrite): A gateway to create or replace. `id`, `created_at` and `updated_at`
            are read-only (ids must match).

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        Gateway
    """

    response = sync_detailed(
        client=client,
        body=body,
    )
    return cast(Gateway, unwrap(response))


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: GatewayWrite | Mapping[str, Any],
) -> Response[Gateway | Problem]:
    """Create a gateway

     Creates a gateway and answers it with its `ETag`. Needs the `write` scope.

    Args:
        body (GatewayWrite): A gateway to create or replace. `id`, `created_at` and `updated_at`
            are read-only (ids must match).

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Gateway | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )
    return build(await asend(client, kwargs), _parse_response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: GatewayWrite | Mapping[str, Any],
) -> Gateway:
    """Create a gateway

     Creates a gateway and answers it with its `ETag`. Needs the `write` scope.

    Args:
        body (GatewayWrite): A gateway to create or replace. `id`, `created_at` and `updated_at`
            are read-only (ids must match).

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        Gateway
    """

    response = await asyncio_detailed(
        client=client,
        body=body,
    )
    return cast(Gateway, unwrap(response))
