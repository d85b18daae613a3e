from collections.abc import Mapping
from typing import Any, cast

import httpx

from ..._calls import asend, build, send, unwrap
from ...client import AuthenticatedClient
from ...models.problem import Problem
from ...models.tool_service import ToolService
from ...models.tool_service_update import ToolServiceUpdate
from ...types import UNSET, Response, Unset
from ...updates import put_body


def _get_kwargs(
    *,
    body: ToolServiceUpdate | Mapping[str, Any],
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/services/",
    }

    _kwargs["json"] = put_body(body)
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
    *,
    client: AuthenticatedClient,
    body: ToolServiceUpdate | Mapping[str, Any],
    if_match: str | Unset = UNSET,
) -> Response[Problem | ToolService]:
    """Replace a tool service, keeping auth values by the merge rules

     The id of the service to replace is in the body. In `auth_values`, a key
    sent as `null` keeps the stored value and a key left out is removed.

    Args:
        if_match (str | Unset):
        body (ToolServiceUpdate): Request model to update an existing service. `last_updated`,
            `last_updated_by`, `tools` and
            `auth_value_keys` are read-only: accepted so that a GET body can be sent back, and
            ignored.

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Problem | ToolService]
    """

    kwargs = _get_kwargs(
        body=body,
        if_match=if_match,
    )
    return build(send(client, kwargs), _parse_response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ToolServiceUpdate | Mapping[str, Any],
    if_match: str | Unset = UNSET,
) -> ToolService:
    """Replace a tool service, keeping auth values by the merge rules

     The id of the service to replace is in the body. In `auth_values`, a key
    sent as `null` keeps the stored value and a key left out is removed.

    Args:
        if_match (str | Unset):
        body (ToolServiceUpdate): Request model to update an existing service. `last_updated`,
            `last_updated_by`, `tools` and
            `auth_value_keys` are read-only: accepted so that a GET body can be sent back, and
            ignored.

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
        if_match=if_match,
    )
    return cast(ToolService, unwrap(response))


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ToolServiceUpdate | Mapping[str, Any],
    if_match: str | Unset = UNSET,
) -> Response[Problem | ToolService]:
    """Replace a tool service, keeping auth values by the merge rules

     The id of the service to replace is in the body. In `auth_values`, a key
    sent as `null` keeps the stored value and a key left out is removed.

    Args:
        if_match (str | Unset):
        body (ToolServiceUpdate): Request model to update an existing service. `last_updated`,
            `last_updated_by`, `tools` and
            `auth_value_keys` are read-only: accepted so that a GET body can be sent back, and
            ignored.

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Problem | ToolService]
    """

    kwargs = _get_kwargs(
        body=body,
        if_match=if_match,
    )
    return build(await asend(client, kwargs), _parse_response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ToolServiceUpdate | Mapping[str, Any],
    if_match: str | Unset = UNSET,
) -> ToolService:
    """Replace a tool service, keeping auth values by the merge rules

     The id of the service to replace is in the body. In `auth_values`, a key
    sent as `null` keeps the stored value and a key left out is removed.

    Args:
        if_match (str | Unset):
        body (ToolServiceUpdate): Request model to update an existing service. `last_updated`,
            `last_updated_by`, `tools` and
            `auth_value_keys` are read-only: accepted so that a GET body can be sent back, and
            ignored.

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
        if_match=if_match,
    )
    return cast(ToolService, unwrap(response))
