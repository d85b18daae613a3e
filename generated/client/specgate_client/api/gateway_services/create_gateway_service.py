from collections.abc import Mapping
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ..._calls import asend, build, json_body, send, unwrap
from ...client import AuthenticatedClient
from ...models.gateway_service_endpoint import GatewayServiceEndpoint
from ...models.gateway_service_endpoint_write import GatewayServiceEndpointWrite
from ...models.gateway_service_upstream import GatewayServiceUpstream
from ...models.gateway_service_upstream_write import GatewayServiceUpstreamWrite
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    gateway_id: UUID,
    *,
    body: GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite | Mapping[str, Any],
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/gateways/{gateway_id}/services".format(
            gateway_id=quote(str(gateway_id), safe=""),
        ),
    }

    _kwargs["json"] = json_body(body)
    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(response: httpx.Response) -> GatewayServiceEndpoint | GatewayServiceUpstream | Problem | None:
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

    response_default = Problem.from_dict(response.json())

    return response_default


def sync_detailed(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient,
    body: GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite | Mapping[str, Any],
) -> Response[GatewayServiceEndpoint | GatewayServiceUpstream | Problem]:
    """Create a service

     Creates a service of type `upstream` (routed to an upstream of the same gateway) or `endpoint`
    (reached at `host`:`port`). Needs the `write` scope.

    Args:
        gateway_id (UUID):
        body (GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite): A service to create or
            replace, by `type`.

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[GatewayServiceEndpoint | GatewayServiceUpstream | Problem]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
        body=body,
    )
    return build(send(client, kwargs), _parse_response)


def sync(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient,
    body: GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite | Mapping[str, Any],
) -> GatewayServiceEndpoint | GatewayServiceUpstream:
    """Create a service

     Creates a service of type `upstream` (routed to an upstream of the same gateway) or `endpoint`
    (reached at `host`:`port`). Needs the `write` scope.

    Args:
        gateway_id (UUID):
        body (GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite): A service to create or
            replace, by `type`.

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        GatewayServiceEndpoint | GatewayServiceUpstream
    """

    response = sync_detailed(
        gateway_id=gateway_id,
        client=client,
        body=body,
    )
    return cast(GatewayServiceEndpoint | GatewayServiceUpstream, unwrap(response))


async def asyncio_detailed(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient,
    body: GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite | Mapping[str, Any],
) -> Response[GatewayServiceEndpoint | GatewayServiceUpstream | Problem]:
    """Create a service

     Creates a service of type `upstream` (routed to an upstream of the same gateway) or `endpoint`
    (reached at `host`:`port`). Needs the `write` scope.

    Args:
        gateway_id (UUID):
        body (GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite): A service to create or
            replace, by `type`.

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[GatewayServiceEndpoint | GatewayServiceUpstream | Problem]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
        body=body,
    )
    return build(await asend(client, kwargs), _parse_response)


async def asyncio(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient,
    body: GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite | Mapping[str, Any],
) -> GatewayServiceEndpoint | GatewayServiceUpstream:
    """Create a service

     Creates a service of type `upstream` (routed to an upstream of the same gateway) or `endpoint`
    (reached at `host`:`port`). Needs the `write` scope.

    Args:
        gateway_id (UUID):
        body (GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite): A service to create or
            replace, by `type`.

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        GatewayServiceEndpoint | GatewayServiceUpstream
    """

    response = await asyncio_detailed(
        gateway_id=gateway_id,
        client=client,
        body=body,
    )
    return cast(GatewayServiceEndpoint | GatewayServiceUpstream, unwrap(response))
