from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.tool_service import ToolService
from ...models.tool_service_update import ToolServiceUpdate
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ToolServiceUpdate,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/services/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ToolService | None:
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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | ToolService]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ToolServiceUpdate,
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
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ToolService]
    """

    kwargs = _get_kwargs(
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: ToolServiceUpdate,
    if_match: str | Unset = UNSET,
) -> Problem | ToolService | None:
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
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ToolService
    """

    return sync_detailed(
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ToolServiceUpdate,
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
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ToolService]
    """

    kwargs = _get_kwargs(
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ToolServiceUpdate,
    if_match: str | Unset = UNSET,
) -> Problem | ToolService | None:
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
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ToolService
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
