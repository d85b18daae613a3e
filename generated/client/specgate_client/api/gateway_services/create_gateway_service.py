from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.gateway_service_endpoint import GatewayServiceEndpoint
from ...models.gateway_service_endpoint_write import GatewayServiceEndpointWrite
from ...models.gateway_service_upstream import GatewayServiceUpstream
from ...models.gateway_service_upstream_write import GatewayServiceUpstreamWrite
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    gateway_id: UUID,
    *,
    body: GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/gateways/{gateway_id}/services".format(
            gateway_id=quote(str(gateway_id), safe=""),
        ),
    }

    if isinstance(body, GatewayServiceUpstreamWrite):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GatewayServiceEndpoint | GatewayServiceUpstream | Problem | None:
    if response.status_code == 201:

        def _parse_response_201(data: object) -> GatewayServiceEndpoint | GatewayServiceUpstream:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_gateway_service_type_0 = GatewayServiceUpstream.from_dict(data)

                return componentsschemas_gateway_service_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_gateway_service_type_1 = GatewayServiceEndpoint.from_dict(data)

            return componentsschemas_gateway_service_type_1

        response_201 = _parse_response_201(response.json())

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

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[GatewayServiceEndpoint | GatewayServiceUpstream | Problem]:
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
    body: GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite,
) -> Response[GatewayServiceEndpoint | GatewayServiceUpstream | Problem]:
    """Create a service

     Creates a service of type `upstream` (routed to an upstream of the same gateway) or `endpoint`
    (reached at `host`:`port`). Needs the `write` scope.

    Args:
        gateway_id (UUID):
        body (GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite): A service to create or
            replace, by `type`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GatewayServiceEndpoint | GatewayServiceUpstream | Problem]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite,
) -> GatewayServiceEndpoint | GatewayServiceUpstream | Problem | None:
    """Create a service

     Creates a service of type `upstream` (routed to an upstream of the same gateway) or `endpoint`
    (reached at `host`:`port`). Needs the `write` scope.

    Args:
        gateway_id (UUID):
        body (GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite): A service to create or
            replace, by `type`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GatewayServiceEndpoint | GatewayServiceUpstream | Problem
    """

    return sync_detailed(
        gateway_id=gateway_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite,
) -> Response[GatewayServiceEndpoint | GatewayServiceUpstream | Problem]:
    """Create a service

     Creates a service of type `upstream` (routed to an upstream of the same gateway) or `endpoint`
    (reached at `host`:`port`). Needs the `write` scope.

    Args:
        gateway_id (UUID):
        body (GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite): A service to create or
            replace, by `type`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GatewayServiceEndpoint | GatewayServiceUpstream | Problem]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite,
) -> GatewayServiceEndpoint | GatewayServiceUpstream | Problem | None:
    """Create a service

     Creates a service of type `upstream` (routed to an upstream of the same gateway) or `endpoint`
    (reached at `host`:`port`). Needs the `write` scope.

    Args:
        gateway_id (UUID):
        body (GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite): A service to create or
            replace, by `type`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GatewayServiceEndpoint | GatewayServiceUpstream | Problem
    """

    return (
        await asyncio_detailed(
            gateway_id=gateway_id,
            client=client,
            body=body,
        )
    ).parsed
