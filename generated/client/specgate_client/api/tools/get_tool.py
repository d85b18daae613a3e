from typing import Any, cast
from urllib.parse import quote

import httpx

from ..._calls import asend, build, send, unwrap
from ...client import AuthenticatedClient
from ...models.problem import Problem
from ...models.tool import Tool
from ...types import Response


def _get_kwargs(
    tool_name: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/tools/{tool_name}".format(
            tool_name=quote(str(tool_name), safe=""),
        ),
    }

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

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    response_default = Problem.from_dict(response.json())

    return response_default


def sync_detailed(
    tool_name: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | Tool]:
    """Read a tool

     Answers the tool named in the path and its `ETag`. Needs the `read` scope.

    Args:
        tool_name (str):

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Problem | Tool]
    """

    kwargs = _get_kwargs(
        tool_name=tool_name,
    )
    return build(send(client, kwargs), _parse_response)


def sync(
    tool_name: str,
    *,
    client: AuthenticatedClient,
) -> Tool:
    """Read a tool

     Answers the tool named in the path and its `ETag`. Needs the `read` scope.

    Args:
        tool_name (str):

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        Tool
    """

    response = sync_detailed(
        tool_name=tool_name,
        client=client,
    )
    return cast(Tool, unwrap(response))


async def asyncio_detailed(
    tool_name: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | Tool]:
    """Read a tool

     Answers the tool named in the path and its `ETag`. Needs the `read` scope.

    Args:
        tool_name (str):

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Problem | Tool]
    """

    kwargs = _get_kwargs(
        tool_name=tool_name,
    )
    return build(await asend(client, kwargs), _parse_response)


async def asyncio(
    tool_name: str,
    *,
    client: AuthenticatedClient,
) -> Tool:
    """Read a tool

     Answers the tool named in the path and its `ETag`. Needs the `read` scope.

    Args:
        tool_name (str):

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        Tool
    """

    response = await asyncio_detailed(
        tool_name=tool_name,
        client=client,
    )
    return cast(Tool, unwrap(response))
