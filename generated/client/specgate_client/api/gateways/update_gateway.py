from collections.abc import Mapping
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ..._calls import asend, build, send, unwrap
from ...client import AuthenticatedClient
from ...models.gateway import Gateway
from ...models.gateway_write import GatewayWrite
from ...models.problem import Problem
from ...types import UNSET, Response, Unset
from ...updates import put_body


def _get_kwargs(
    gateway_id: UUID,
    *,
    body: GatewayWrite | Mapping[str, Any],
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

    _kwargs["json"] = put_body(body)
    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(response: httpx.Response) -> Gateway | Problem | None:
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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    response_default = Problem.from_dict(response.json())

    return response_default


def sync_detailed(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient,
    body: GatewayWrite | Mapping[str, Any],
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
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Gateway | Problem]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
        body=body,
        if_match=if_match,
    )
    return build(send(client, kwargs), _parse_response)


def sync(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient,
    body: GatewayWrite | Mapping[str, Any],
    if_match: str | Unset = UNSET,
) -> Gateway:
    """Replace a gateway

     Replaces the whole gateway; a field left out goes back to its default. Send the `ETag` read last in
    `If-Match` to refuse a lost update (412). Needs the `write` scope.

    Args:
        gateway_id (UUID):
        if_match (str | Unset):
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
        gateway_id=gateway_id,
        client=client,
        body=body,
        if_match=if_match,
    )
    return cast(Gateway, unwrap(response))


async def asyncio_detailed(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient,
    body: GatewayWrite | Mapping[str, Any],
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
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Gateway | Problem]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
        body=body,
        if_match=if_match,
    )
    return build(await asend(client, kwargs), _parse_response)


async def asyncio(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient,
    body: GatewayWrite | Mapping[str, Any],
    if_match: str | Unset = UNSET,
) -> Gateway:
    """Replace a gateway

     Replaces the whole gateway; a field left out goes back to its default. Send the `ETag` read last in
    `If-Match` to refuse a lost update (412). Needs the `write` scope.

    Args:
        gateway_id (UUID):
        if_match (str | Unset):
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
        gateway_id=gateway_id,
        client=client,
        body=body,
        if_match=if_match,
    )
    return cast(Gateway, unwrap(response))
