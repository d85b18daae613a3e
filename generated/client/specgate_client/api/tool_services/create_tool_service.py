from collections.abc import Mapping
from typing import Any, cast

import httpx

from ..._calls import asend, build, json_body, send, unwrap
from ...client import AuthenticatedClient
from ...models.problem import Problem
from ...models.tool_service import ToolService
from ...models.tool_service_create import ToolServiceCreate
from ...types import Response


def _get_kwargs(
    *,
    body: ToolServiceCreate | Mapping[str, Any],
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/services/",
    }

    _kwargs["json"] = json_body(body)
    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(response: httpx.Response) -> Problem | ToolService | None:
    if response.status_code == 200:
        response_200 = ToolService.from_dict(response.json())

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
    *,
    client: AuthenticatedClient,
    body: ToolServiceCreate | Mapping[str, Any],
) -> Response[Problem | ToolService]:
    """Create a tool service

     Creates a tool service; `auth_values` must hold the keys its `auth_type` needs. The values are
    stored
    encrypted and answered by their keys only. Needs the `write` scope.

    Args:
        body (ToolServiceCreate): Request model to create a service.

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Problem | ToolService]
    """

    kwargs = _get_kwargs(
        body=body,
    )
    return build(send(client, kwargs), _parse_response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ToolServiceCreate | Mapping[str, Any],
) -> ToolService:
    """Create a tool service

     Creates a tool service; `auth_values` must hold the keys its `auth_type` needs. The values are
    stored
    encrypted and answered by their keys only. Needs the `write` scope.

    Args:
        body (ToolServiceCreate): Request model to create a service.

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        ToolService
    """

    response = sync_detailed(
        client=client,
        body=body,
    )
    return cast(ToolService, unwrap(response))


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ToolServiceCreate | Mapping[str, Any],
) -> Response[Problem | ToolService]:
    """Create a tool service

     Creates a tool service; `auth_values` must hold the keys its `auth_type` needs. The values are
    stored
    encrypted and answered by their keys only. Needs the `write` scope.

    Args:
        body (ToolServiceCreate): Request model to create a service.

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Problem | ToolService]
    """

    kwargs = _get_kwargs(
        body=body,
    )
    return build(await asend(client, kwargs), _parse_response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ToolServiceCreate | Mapping[str, Any],
) -> ToolService:
    """Create a tool service

     Creates a tool service; `auth_values` must hold the keys its `auth_type` needs. The values are
    stored
    encrypted and answered by their keys only. Needs the `write` scope.

    Args:
        body (ToolServiceCreate): Request model to create a service.

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        ToolService
    """

    response = await asyncio_detailed(
        client=client,
        body=body,
    )
    return cast(ToolService, unwrap(response))
