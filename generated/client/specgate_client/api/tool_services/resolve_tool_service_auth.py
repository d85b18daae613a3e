from typing import Any, cast
from urllib.parse import quote

import httpx

from ..._calls import asend, build, send, unwrap
from ...client import AuthenticatedClient
from ...models.problem import Problem
from ...models.tool_service_resolved_auth import ToolServiceResolvedAuth
from ...types import Response


def _get_kwargs(
    service_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/services/{service_id}/resolved-auth".format(
            service_id=quote(str(service_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(response: httpx.Response) -> Problem | ToolServiceResolvedAuth | None:
    if response.status_code == 200:
        response_200 = ToolServiceResolvedAuth.from_dict(response.json())

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
    service_id: int,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | ToolServiceResolvedAuth]:
    """Read the real auth values and the HTTP headers a tool would send (data plane)

     Needs a key with the `resolve` scope. `basic` gives `Authorization: Basic
    base64(username:password)`,
    `bearer` gives `Authorization: Bearer <token>`, `custom_headers` gives the headers as stored;
    `oauth2` gives the values only (the token exchange is the caller's), so no headers. A tool sends
    its service's auth values where its `definition` says: when a tool of the service was added,
    moved to it or changed its definition since the auth values were written, they are held back:
    409, until they are sent again (a tool deleted or changed back holds nothing back).

    Args:
        service_id (int):

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Problem | ToolServiceResolvedAuth]
    """

    kwargs = _get_kwargs(
        service_id=service_id,
    )
    return build(send(client, kwargs), _parse_response)


def sync(
    service_id: int,
    *,
    client: AuthenticatedClient,
) -> ToolServiceResolvedAuth:
    """Read the real auth values and the HTTP headers a tool would send (data plane)

     Needs a key with the `resolve` scope. `basic` gives `Authorization: Basic
    base64(username:password)`,
    `bearer` gives `Authorization: Bearer <token>`, `custom_headers` gives the headers as stored;
    `oauth2` gives the values only (the token exchange is the caller's), so no headers. A tool sends
    its service's auth values where its `definition` says: when a tool of the service was added,
    moved to it or changed its definition since the auth values were written, they are held back:
    409, until they are sent again (a tool deleted or changed back holds nothing back).

    Args:
        service_id (int):

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        ToolServiceResolvedAuth
    """

    response = sync_detailed(
        service_id=service_id,
        client=client,
    )
    return cast(ToolServiceResolvedAuth, unwrap(response))


async def asyncio_detailed(
    service_id: int,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | ToolServiceResolvedAuth]:
    """Read the real auth values and the HTTP headers a tool would send (data plane)

     Needs a key with the `resolve` scope. `basic` gives `Authorization: Basic
    base64(username:password)`,
    `bearer` gives `Authorization: Bearer <token>`, `custom_headers` gives the headers as stored;
    `oauth2` gives the values only (the token exchange is the caller's), so no headers. A tool sends
    its service's auth values where its `definition` says: when a tool of the service was added,
    moved to it or changed its definition since the auth values were written, they are held back:
    409, until they are sent again (a tool deleted or changed back holds nothing back).

    Args:
        service_id (int):

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Problem | ToolServiceResolvedAuth]
    """

    kwargs = _get_kwargs(
        service_id=service_id,
    )
    return build(await asend(client, kwargs), _parse_response)


async def asyncio(
    service_id: int,
    *,
    client: AuthenticatedClient,
) -> ToolServiceResolvedAuth:
    """Read the real auth values and the HTTP headers a tool would send (data plane)

     Needs a key with the `resolve` scope. `basic` gives `Authorization: Basic
    base64(username:password)`,
    `bearer` gives `Authorization: Bearer <token>`, `custom_headers` gives the headers as stored;
    `oauth2` gives the values only (the token exchange is the caller's), so no headers. A tool sends
    its service's auth values where its `definition` says: when a tool of the service was added,
    moved to it or changed its definition since the auth values were written, they are held back:
    409, until they are sent again (a tool deleted or changed back holds nothing back).

    Args:
        service_id (int):

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        ToolServiceResolvedAuth
    """

    response = await asyncio_detailed(
        service_id=service_id,
        client=client,
    )
    return cast(ToolServiceResolvedAuth, unwrap(response))
