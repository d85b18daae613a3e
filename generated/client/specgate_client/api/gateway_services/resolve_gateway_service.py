from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ..._calls import asend, build, send, unwrap
from ...client import AuthenticatedClient
from ...models.gateway_service_endpoint_resolved import GatewayServiceEndpointResolved
from ...models.gateway_service_upstream_resolved import GatewayServiceUpstreamResolved
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    gateway_id: UUID,
    service_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/gateways/{gateway_id}/services/{service_id}/resolved".format(
            gateway_id=quote(str(gateway_id), safe=""),
            service_id=quote(str(service_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    response: httpx.Response,
) -> GatewayServiceEndpointResolved | GatewayServiceUpstreamResolved | Problem | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> GatewayServiceEndpointResolved | GatewayServiceUpstreamResolved:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_gateway_service_resolved_type_0 = GatewayServiceUpstreamResolved.from_dict(data)

                return componentsschemas_gateway_service_resolved_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_gateway_service_resolved_type_1 = GatewayServiceEndpointResolved.from_dict(data)

            return componentsschemas_gateway_service_resolved_type_1

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    response_default = Problem.from_dict(response.json())

    return response_default


def sync_detailed(
    gateway_id: UUID,
    service_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[GatewayServiceEndpointResolved | GatewayServiceUpstreamResolved | Problem]:
    """Read a service with the real values of its secrets (data plane)

     Needs a key with the `resolve` scope. Returns the service with the decrypted values of its
    credentials and, for type `upstream`, of its upstream's targets and embedding config. When the
    upstream's destinations changed since the service's secrets were written, they are held back:
    409, until the service's secrets are sent again.

    Args:
        gateway_id (UUID):
        service_id (UUID):

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[GatewayServiceEndpointResolved | GatewayServiceUpstreamResolved | Problem]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
        service_id=service_id,
    )
    return build(send(client, kwargs), _parse_response)


def sync(
    gateway_id: UUID,
    service_id: UUID,
    *,
    client: AuthenticatedClient,
) -> GatewayServiceEndpointResolved | GatewayServiceUpstreamResolved:
    """Read a service with the real values of its secrets (data plane)

     Needs a key with the `resolve` scope. Returns the service with the decrypted values of its
    credentials and, for type `upstream`, of its upstream's targets and embedding config. When the
    upstream's destinations changed since the service's secrets were written, they are held back:
    409, until the service's secrets are sent again.

    Args:
        gateway_id (UUID):
        service_id (UUID):

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        GatewayServiceEndpointResolved | GatewayServiceUpstreamResolved
    """

    response = sync_detailed(
        gateway_id=gateway_id,
        service_id=service_id,
        client=client,
    )
    return cast(GatewayServiceEndpointResolved | GatewayServiceUpstreamResolved, unwrap(response))


async def asyncio_detailed(
    gateway_id: UUID,
    service_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[GatewayServiceEndpointResolved | GatewayServiceUpstreamResolved | Problem]:
    """Read a service with the real values of its secrets (data plane)

     Needs a key with the `resolve` scope. Returns the service with the decrypted values of its
    credentials and, for type `upstream`, of its upstream's targets and embedding config. When the
    upstream's destinations changed since the service's secrets were written, they are held back:
    409, until the service's secrets are sent again.

    Args:
        gateway_id (UUID):
        service_id (UUID):

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[GatewayServiceEndpointResolved | GatewayServiceUpstreamResolved | Problem]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
        service_id=service_id,
    )
    return build(await asend(client, kwargs), _parse_response)


async def asyncio(
    gateway_id: UUID,
    service_id: UUID,
    *,
    client: AuthenticatedClient,
) -> GatewayServiceEndpointResolved | GatewayServiceUpstreamResolved:
    """Read a service with the real values of its secrets (data plane)

     Needs a key with the `resolve` scope. Returns the service with the decrypted values of its
    credentials and, for type `upstream`, of its upstream's targets and embedding config. When the
    upstream's destinations changed since the service's secrets were written, they are held back:
    409, until the service's secrets are sent again.

    Args:
        gateway_id (UUID):
        service_id (UUID):

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        GatewayServiceEndpointResolved | GatewayServiceUpstreamResolved
    """

    response = await asyncio_detailed(
        gateway_id=gateway_id,
        service_id=service_id,
        client=client,
    )
    return cast(GatewayServiceEndpointResolved | GatewayServiceUpstreamResolved, unwrap(response))
