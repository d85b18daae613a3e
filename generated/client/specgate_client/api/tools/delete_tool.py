from typing import Any, cast
from urllib.parse import quote

import httpx

from ..._calls import asend, build, send, unwrap
from ...client import AuthenticatedClient
from ...models.problem import Problem
from ...models.tool import Tool
from ...types import UNSET, Response, Unset


def _get_kwargs(
    tool_name: str,
    *,
    reason: str,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    params: dict[str, Any] = {}

    params["reason"] = reason

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v1/tools/{tool_name}".format(
            tool_name=quote(str(tool_name), safe=""),
        ),
        "params": params,
    }

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
    tool_name: str,
    *,
    client: AuthenticatedClient,
    reason: str,
    if_match: str | Unset = UNSET,
) -> Response[Problem | Tool]:
    """Delete a tool

     Deletes the tool named in the path; `reason` is required. Needs the `write` scope.

    Args:
        tool_name (str):
        reason (str):
        if_match (str | Unset):

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Problem | Tool]
    """

    kwargs = _get_kwargs(
        tool_name=tool_name,
        reason=reason,
        if_match=if_match,
    )
    return build(send(client, kwargs), _parse_response)


def sync(
    tool_name: str,
    *,
    client: AuthenticatedClient,
    reason: str,
    if_match: str | Unset = UNSET,
) -> Tool:
    """Delete a tool

     Deletes the tool named in the path; `reason` is required. Needs the `write` scope.

    Args:
        tool_name (str):
        reason (str):
        if_match (str | Unset):

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
        reason=reason,
        if_match=if_match,
    )
    return cast(Tool, unwrap(response))


async def asyncio_detailed(
    tool_name: str,
    *,
    client: AuthenticatedClient,
    reason: str,
    if_match: str | Unset = UNSET,
) -> Response[Problem | Tool]:
    """Delete a tool

     Deletes the tool named in the path; `reason` is required. Needs the `write` scope.

    Args:
        tool_name (str):
        reason (str):
        if_match (str | Unset):

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Problem | Tool]
    """

    kwargs = _get_kwargs(
        tool_name=tool_name,
        reason=reason,
        if_match=if_match,
    )
    return build(await asend(client, kwargs), _parse_response)


async def asyncio(
    tool_name: str,
    *,
    client: AuthenticatedClient,
    reason: str,
    if_match: str | Unset = UNSET,
) -> Tool:
    """Delete a tool

     Deletes the tool named in the path; `reason` is required. Needs the `write` scope.

    Args:
        tool_name (str):
        reason (str):
        if_match (str | Unset):

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
        reason=reason,
        if_match=if_match,
    )
    return cast(Tool, unwrap(response))
