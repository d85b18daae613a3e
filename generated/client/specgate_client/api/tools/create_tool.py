from collections.abc import Mapping
from typing import Any, cast

import httpx

from ..._calls import asend, build, json_body, send, unwrap
from ...client import AuthenticatedClient
from ...models.problem import Problem
from ...models.tool import Tool
from ...models.tool_create import ToolCreate
from ...types import Response


def _get_kwargs(
    *,
    body: ToolCreate | Mapping[str, Any],
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/tools/",
    }

    _kwargs["json"] = json_body(body)
    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(response: httpx.Response) -> Problem | Tool | None:
    if response.status_code == 200:
        response_200 = Tool.from_dict(response.json())

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
    body: ToolCreate | Mapping[str, Any],
) -> Response[Problem | Tool]:
    """Create a tool linked to a tool service

     Creates a tool linked to an existing tool service. Tool names are unique (409 when taken). Needs the
    `write` scope.

    Args:
        body (ToolCreate):

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Problem | Tool]
    """

    kwargs = _get_kwargs(
        body=body,
    )
    return build(send(client, kwargs), _parse_response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ToolCreate | Mapping[str, Any],
) -> Tool:
    """Create a tool linked to a tool service

     Creates a tool linked to an existing tool service. Tool names are unique (409 when taken). Needs the
    `write` scope.

    Args:
        body (ToolCreate):

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        Tool
    """

    response = sync_detailed(
        client=client,
        body=body,
    )
    return cast(Tool, unwrap(response))


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ToolCreate | Mapping[str, Any],
) -> Response[Problem | Tool]:
    """Create a tool linked to a tool service

     Creates a tool linked to an existing tool service. Tool names are unique (409 when taken). Needs the
    `write` scope.

    Args:
        body (ToolCreate):

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Problem | Tool]
    """

    kwargs = _get_kwargs(
        body=body,
    )
    return build(await asend(client, kwargs), _parse_response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ToolCreate | Mapping[str, Any],
) -> Tool:
    """Create a tool linked to a tool service

     Creates a tool linked to an existing tool service. Tool names are unique (409 when taken). Needs the
    `write` scope.

    Args:
        body (ToolCreate):

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        Tool
    """

    response = await asyncio_detailed(
        client=client,
        body=body,
    )
    return cast(Tool, unwrap(response))
