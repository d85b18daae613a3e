from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.gateway_service_endpoint import GatewayServiceEndpoint
from ...models.gateway_service_upstream import GatewayServiceUpstream
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    gateway_id: UUID,
    service_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/gateways/{gateway_id}/services/{service_id}".format(
            gateway_id=quote(str(gateway_id), safe=""),
            service_id=quote(str(service_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GatewayServiceEndpoint | GatewayServiceUpstream | Problem | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> GatewayServiceEndpoint | GatewayServiceUpstream:
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

        response_200 = _parse_response_200(response.json())

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
    service_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[GatewayServiceEndpoint | GatewayServiceUpstream | Problem]:
    """Read a service

     Answers the service, every stored secret masked, with its upstream embedded for type `upstream`, and
    its `ETag`. Needs the `read` scope.

    Args:
        gateway_id (UUID):
        service_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GatewayServiceEndpoint | GatewayServiceUpstream | Problem]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
        service_id=service_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    gateway_id: UUID,
    service_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> GatewayServiceEndpoint | GatewayServiceUpstream | Problem | None:
    """Read a service

     Answers the service, every stored secret masked, with its upstream embedded for type `upstream`, and
    its `ETag`. Needs the `read` scope.

    Args:
        gateway_id (UUID):
        service_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GatewayServiceEndpoint | GatewayServiceUpstream | Problem
    """

    return sync_detailed(
        gateway_id=gateway_id,
        service_id=service_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    gateway_id: UUID,
    service_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[GatewayServiceEndpoint | GatewayServiceUpstream | Problem]:
    """Read a service

     Answers the service, every stored secret masked, with its upstream embedded for type `upstream`, and
    its `ETag`. Needs the `read` scope.

    Args:
        gateway_id (UUID):
        service_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GatewayServiceEndpoint | GatewayServiceUpstream | Problem]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
        service_id=service_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    gateway_id: UUID,
    service_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> GatewayServiceEndpoint | GatewayServiceUpstream | Problem | None:
    """Read a service

     Answers the service, every stored secret masked, with its upstream embedded for type `upstream`, and
    its `ETag`. Needs the `read` scope.

    Args:
        gateway_id (UUID):
        service_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GatewayServiceEndpoint | GatewayServiceUpstream | Problem
    """

    return (
        await asyncio_detailed(
            gateway_id=gateway_id,
            service_id=service_id,
            client=client,
        )
    ).parsed
