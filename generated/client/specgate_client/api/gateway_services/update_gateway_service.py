from collections.abc import Mapping
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ..._calls import asend, build, send, unwrap
from ...client import AuthenticatedClient
from ...models.gateway_service_endpoint import GatewayServiceEndpoint
from ...models.gateway_service_endpoint_write import GatewayServiceEndpointWrite
from ...models.gateway_service_upstream import GatewayServiceUpstream
from ...models.gateway_service_upstream_write import GatewayServiceUpstreamWrite
from ...models.problem import Problem
from ...types import UNSET, Response, Unset
from ...updates import put_body


def _get_kwargs(
    gateway_id: UUID,
    service_id: UUID,
    *,
    body: GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite | Mapping[str, Any],
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/gateways/{gateway_id}/services/{service_id}".format(
            gateway_id=quote(str(gateway_id), safe=""),
            service_id=quote(str(service_id), safe=""),
        ),
    }

    _kwargs["json"] = put_body(body)
    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(response: httpx.Response) -> GatewayServiceEndpoint | GatewayServiceUpstream | Problem | None:
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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    response_default = Problem.from_dict(response.json())

    return response_default


def sync_detailed(
    gateway_id: UUID,
    service_id: UUID,
    *,
    client: AuthenticatedClient,
    body: GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite | Mapping[str, Any],
    if_match: str | Unset = UNSET,
) -> Response[GatewayServiceEndpoint | GatewayServiceUpstream | Problem]:
    """Replace a service, keeping secrets by the merge rules

     Replaces the whole service: `retries` and `stream` are stored as sent, and a field left out goes
    back to its default. Secrets are kept or replaced by the merge rules. The service must belong to
    `{gateway_id}` (404 otherwise).

    Args:
        gateway_id (UUID):
        service_id (UUID):
        if_match (str | Unset):
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
        service_id=service_id,
        body=body,
        if_match=if_match,
    )
    return build(send(client, kwargs), _parse_response)


def sync(
    gateway_id: UUID,
    service_id: UUID,
    *,
    client: AuthenticatedClient,
    body: GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite | Mapping[str, Any],
    if_match: str | Unset = UNSET,
) -> GatewayServiceEndpoint | GatewayServiceUpstream:
    """Replace a service, keeping secrets by the merge rules

     Replaces the whole service: `retries` and `stream` are stored as sent, and a field left out goes
    back to its default. Secrets are kept or replaced by the merge rules. The service must belong to
    `{gateway_id}` (404 otherwise).

    Args:
        gateway_id (UUID):
        service_id (UUID):
        if_match (str | Unset):
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
        service_id=service_id,
        client=client,
        body=body,
        if_match=if_match,
    )
    return cast(GatewayServiceEndpoint | GatewayServiceUpstream, unwrap(response))


async def asyncio_detailed(
    gateway_id: UUID,
    service_id: UUID,
    *,
    client: AuthenticatedClient,
    body: GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite | Mapping[str, Any],
    if_match: str | Unset = UNSET,
) -> Response[GatewayServiceEndpoint | GatewayServiceUpstream | Problem]:
    """Replace a service, keeping secrets by the merge rules

     Replaces the whole service: `retries` and `stream` are stored as sent, and a field left out goes
    back to its default. Secrets are kept or replaced by the merge rules. The service must belong to
    `{gateway_id}` (404 otherwise).

    Args:
        gateway_id (UUID):
        service_id (UUID):
        if_match (str | Unset):
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
        service_id=service_id,
        body=body,
        if_match=if_match,
    )
    return build(await asend(client, kwargs), _parse_response)


async def asyncio(
    gateway_id: UUID,
    service_id: UUID,
    *,
    client: AuthenticatedClient,
    body: GatewayServiceEndpointWrite | GatewayServiceUpstreamWrite | Mapping[str, Any],
    if_match: str | Unset = UNSET,
) -> GatewayServiceEndpoint | GatewayServiceUpstream:
    """Replace a service, keeping secrets by the merge rules

     Replaces the whole service: `retries` and `stream` are stored as sent, and a field left out goes
    back to its default. Secrets are kept or replaced by the merge rules. The service must belong to
    `{gateway_id}` (404 otherwise).

    Args:
        gateway_id (UUID):
        service_id (UUID):
        if_match (str | Unset):
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
        service_id=service_id,
        client=client,
        body=body,
        if_match=if_match,
    )
    return cast(GatewayServiceEndpoint | GatewayServiceUpstream, unwrap(response))
