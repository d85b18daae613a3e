from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ..._calls import asend, build, send, unwrap
from ...client import AuthenticatedClient
from ...models.problem import Problem
from ...models.upstream_list import UpstreamList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    gateway_id: UUID,
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
        "url": "/api/v1/gateways/{gateway_id}/upstreams".format(
            gateway_id=quote(str(gateway_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(response: httpx.Response) -> Problem | UpstreamList | None:
    if response.status_code == 200:
        response_200 = UpstreamList.from_dict(response.json())

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
    offset: int | Unset = 0,
    limit: int | Unset = 20,
) -> Response[Problem | UpstreamList]:
    """List the upstreams of a gateway

     A page of the gateway's upstreams, oldest first, with the total count; stored secrets are masked.
    Needs the `read` scope.

    Args:
        gateway_id (UUID):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 20.

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Problem | UpstreamList]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
        offset=offset,
        limit=limit,
    )
    return build(send(client, kwargs), _parse_response)


def sync(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = 0,
    limit: int | Unset = 20,
) -> UpstreamList:
    """List the upstreams of a gateway

     A page of the gateway's upstreams, oldest first, with the total count; stored secrets are masked.
    Needs the `read` scope.

    Args:
        gateway_id (UUID):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 20.

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        UpstreamList
    """

    response = sync_detailed(
        gateway_id=gateway_id,
        client=client,
        offset=offset,
        limit=limit,
    )
    return cast(UpstreamList, unwrap(response))


async def asyncio_detailed(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = 0,
    limit: int | Unset = 20,
) -> Response[Problem | UpstreamList]:
    """List the upstreams of a gateway

     A page of the gateway's upstreams, oldest first, with the total count; stored secrets are masked.
    Needs the `read` scope.

    Args:
        gateway_id (UUID):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 20.

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Problem | UpstreamList]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
        offset=offset,
        limit=limit,
    )
    return build(await asend(client, kwargs), _parse_response)


async def asyncio(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = 0,
    limit: int | Unset = 20,
) -> UpstreamList:
    """List the upstreams of a gateway

     A page of the gateway's upstreams, oldest first, with the total count; stored secrets are masked.
    Needs the `read` scope.

    Args:
        gateway_id (UUID):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 20.

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        UpstreamList
    """

    response = await asyncio_detailed(
        gateway_id=gateway_id,
        client=client,
        offset=offset,
        limit=limit,
    )
    return cast(UpstreamList, unwrap(response))
