from typing import Any, cast

import httpx

from ..._calls import asend, build, send, unwrap
from ...client import AuthenticatedClient
from ...models.gateway_list import GatewayList
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    offset: int | Unset = 0,
    limit: int | Unset = 20,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/gateways",
        "params": params,
    }

    return _kwargs


def _parse_response(response: httpx.Response) -> GatewayList | Problem | None:
    if response.status_code == 200:
        response_200 = GatewayList.from_dict(response.json())

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

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    response_default = Problem.from_dict(response.json())

    return response_default


def sync_detailed(
    *,
    client: AuthenticatedClient,
    offset: int | Unset = 0,
    limit: int | Unset = 20,
) -> Response[GatewayList | Problem]:
    """List gateways

     A page of gateways, oldest first, with the total count. Needs the `read` scope; a key bound to one
    gateway sees only that gateway.

    Args:
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 20.

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[GatewayList | Problem]
    """

    kwargs = _get_kwargs(
        offset=offset,
        limit=limit,
    )
    return build(send(client, kwargs), _parse_response)


def sync(
    *,
    client: AuthenticatedClient,
    offset: int | Unset = 0,
    limit: int | Unset = 20,
) -> GatewayList:
    """List gateways

     A page of gateways, oldest first, with the total count. Needs the `read` scope; a key bound to one
    gateway sees only that gateway.

    Args:
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 20.

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        GatewayList
    """

    response = sync_detailed(
        client=client,
        offset=offset,
        limit=limit,
    )
    return cast(GatewayList, unwrap(response))


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    offset: int | Unset = 0,
    limit: int | Unset = 20,
) -> Response[GatewayList | Problem]:
    """List gateways

     A page of gateways, oldest first, with the total count. Needs the `read` scope; a key bound to one
    gateway sees only that gateway.

    Args:
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 20.

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[GatewayList | Problem]
    """

    kwargs = _get_kwargs(
        offset=offset,
        limit=limit,
    )
    return build(await asend(client, kwargs), _parse_response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    offset: int | Unset = 0,
    limit: int | Unset = 20,
) -> GatewayList:
    """List gateways

     A page of gateways, oldest first, with the total count. Needs the `read` scope; a key bound to one
    gateway sees only that gateway.

    Args:
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 20.

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        GatewayList
    """

    response = await asyncio_detailed(
        client=client,
        offset=offset,
        limit=limit,
    )
    return cast(GatewayList, unwrap(response))
