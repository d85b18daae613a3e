from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.gateway import Gateway
from ...models.gateway_write import GatewayWrite
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    gateway_id: UUID,
    *,
    body: GatewayWrite,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/gateways/{gateway_id}".format(
            gateway_id=quote(str(gateway_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Gateway | Problem | None:
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

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Gateway | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: GatewayWrite,
    if_match: str | Unset = UNSET,
) -> Response[Gateway | Problem]:
    """Replace a gateway

     Replaces the whole gateway; a field left out goes back to its default. Send the `ETag` read last in
    `If-Match` to refuse a lost update (412). Needs the `write` scope.

    Args:
        gateway_id (UUID):
        if_match (str | Unset):
        body (GatewayWrite): A gateway to create or replace. `id`, `created_at` and `updated_at`
            are read-only (ids must match).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Gateway | Problem]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: GatewayWrite,
    if_match: str | Unset = UNSET,
) -> Gateway | Problem | None:
    """Replace a gateway

     Replaces the whole gateway; a field left out goes back to its default. Send the `ETag` read last in
    `If-Match` to refuse a lost update (412). Needs the `write` scope.

    Args:
        gateway_id (UUID):
        if_match (str | Unset):
        body (GatewayWrite): A gateway to create or replace. `id`, `created_at` and `updated_at`
            are read-only (ids must match).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Gateway | Problem
    """

    return sync_detailed(
        gateway_id=gateway_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: GatewayWrite,
    if_match: str | Unset = UNSET,
) -> Response[Gateway | Problem]:
    """Replace a gateway

     Replaces the whole gateway; a field left out goes back to its default. Send the `ETag` read last in
    `If-Match` to refuse a lost update (412). Needs the `write` scope.

    Args:
        gateway_id (UUID):
        if_match (str | Unset):
        body (GatewayWrite): A gateway to create or replace. `id`, `created_at` and `updated_at`
            are read-only (ids must match).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Gateway | Problem]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: GatewayWrite,
    if_match: str | Unset = UNSET,
) -> Gateway | Problem | None:
    """Replace a gateway

     Replaces the whole gateway; a field left out goes back to its default. Send the `ETag` read last in
    `If-Match` to refuse a lost update (412). Needs the `write` scope.

    Args:
        gateway_id (UUID):
        if_match (str | Unset):
        body (GatewayWrite): A gateway to create or replace. `id`, `created_at` and `updated_at`
            are read-only (ids must match).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Gateway | Problem
    """

    return (
        await asyncio_detailed(
            gateway_id=gateway_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
