from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.upstream import Upstream
from ...types import Response


def _get_kwargs(
    gateway_id: UUID,
    upstream_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/gateways/{gateway_id}/upstreams/{upstream_id}".format(
            gateway_id=quote(str(gateway_id), safe=""),
            upstream_id=quote(str(upstream_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Upstream | None:
    if response.status_code == 200:
        response_200 = Upstream.from_dict(response.json())

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Upstream]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    gateway_id: UUID,
    upstream_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | Upstream]:
    """Read an upstream

     Answers the upstream, every stored secret masked, and its `ETag`. Needs the `read` scope.

    Args:
        gateway_id (UUID):
        upstream_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Upstream]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
        upstream_id=upstream_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    gateway_id: UUID,
    upstream_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | Upstream | None:
    """Read an upstream

     Answers the upstream, every stored secret masked, and its `ETag`. Needs the `read` scope.

    Args:
        gateway_id (UUID):
        upstream_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Upstream
    """

    return sync_detailed(
        gateway_id=gateway_id,
        upstream_id=upstream_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    gateway_id: UUID,
    upstream_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | Upstream]:
    """Read an upstream

     Answers the upstream, every stored secret masked, and its `ETag`. Needs the `read` scope.

    Args:
        gateway_id (UUID):
        upstream_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Upstream]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
        upstream_id=upstream_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    gateway_id: UUID,
    upstream_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | Upstream | None:
    """Read an upstream

     Answers the upstream, every stored secret masked, and its `ETag`. Needs the `read` scope.

    Args:
        gateway_id (UUID):
        upstream_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Upstream
    """

    return (
        await asyncio_detailed(
            gateway_id=gateway_id,
            upstream_id=upstream_id,
            client=client,
        )
    ).parsed
