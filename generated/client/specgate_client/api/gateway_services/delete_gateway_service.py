from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ..._calls import asend, build, send, unwrap
from ...client import AuthenticatedClient
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    gateway_id: UUID,
    service_id: UUID,
    *,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v1/gateways/{gateway_id}/services/{service_id}".format(
            gateway_id=quote(str(gateway_id), safe=""),
            service_id=quote(str(service_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(response: httpx.Response) -> Any | Problem | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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
    if_match: str | Unset = UNSET,
) -> Response[Any | Problem]:
    """Delete a service

     Deletes the service. Needs the `write` scope.

    Args:
        gateway_id (UUID):
        service_id (UUID):
        if_match (str | Unset):

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
        service_id=service_id,
        if_match=if_match,
    )
    return build(send(client, kwargs), _parse_response)


def sync(
    gateway_id: UUID,
    service_id: UUID,
    *,
    client: AuthenticatedClient,
    if_match: str | Unset = UNSET,
) -> None:
    """Delete a service

     Deletes the service. Needs the `write` scope.

    Args:
        gateway_id (UUID):
        service_id (UUID):
        if_match (str | Unset):

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        None
    """

    response = sync_detailed(
        gateway_id=gateway_id,
        service_id=service_id,
        client=client,
        if_match=if_match,
    )
    unwrap(response, model=False)


async def asyncio_detailed(
    gateway_id: UUID,
    service_id: UUID,
    *,
    client: AuthenticatedClient,
    if_match: str | Unset = UNSET,
) -> Response[Any | Problem]:
    """Delete a service

     Deletes the service. Needs the `write` scope.

    Args:
        gateway_id (UUID):
        service_id (UUID):
        if_match (str | Unset):

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
        service_id=service_id,
        if_match=if_match,
    )
    return build(await asend(client, kwargs), _parse_response)


async def asyncio(
    gateway_id: UUID,
    service_id: UUID,
    *,
    client: AuthenticatedClient,
    if_match: str | Unset = UNSET,
) -> None:
    """Delete a service

     Deletes the service. Needs the `write` scope.

    Args:
        gateway_id (UUID):
        service_id (UUID):
        if_match (str | Unset):

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        None
    """

    response = await asyncio_detailed(
        gateway_id=gateway_id,
        service_id=service_id,
        client=client,
        if_match=if_match,
    )
    unwrap(response, model=False)
