from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.upstream import Upstream
from ...models.upstream_write import UpstreamWrite
from ...types import UNSET, Response, Unset


def _get_kwargs(
    gateway_id: UUID,
    upstream_id: UUID,
    *,
    body: UpstreamWrite,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/gateways/{gateway_id}/upstreams/{upstream_id}".format(
            gateway_id=quote(str(gateway_id), safe=""),
            upstream_id=quote(str(upstream_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Upstream | None:
    if response.status_code == 200:
        response_200 = Upstream.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Upstream]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    gateway_id: UUID,
    upstream_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: UpstreamWrite,
    if_match: str | Unset = UNSET,
) -> Response[Problem | Upstream]:
    """Replace an upstream, keeping secrets by the merge rules

     Replaces the whole upstream. Targets are matched to stored targets by `id`; a secret sent as `null`
    or
    as the mask keeps the stored value, unless the same request changes where it would be sent. Needs
    the
    `write` scope.

    Args:
        gateway_id (UUID):
        upstream_id (UUID):
        if_match (str | Unset):
        body (UpstreamWrite): An upstream to create or replace. `websocket_config` and `proxy` are
            not both set; `semantic` needs
            `embedding_config` and a `description` on every target. `id`, `gateway_id`, `created_at`
            and
            `updated_at` are read-only: accepted so that a GET body can be sent back (ids must match).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Upstream]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
        upstream_id=upstream_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    gateway_id: UUID,
    upstream_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: UpstreamWrite,
    if_match: str | Unset = UNSET,
) -> Problem | Upstream | None:
    """Replace an upstream, keeping secrets by the merge rules

     Replaces the whole upstream. Targets are matched to stored targets by `id`; a secret sent as `null`
    or
    as the mask keeps the stored value, unless the same request changes where it would be sent. Needs
    the
    `write` scope.

    Args:
        gateway_id (UUID):
        upstream_id (UUID):
        if_match (str | Unset):
        body (UpstreamWrite): An upstream to create or replace. `websocket_config` and `proxy` are
            not both set; `semantic` needs
            `embedding_config` and a `description` on every target. `id`, `gateway_id`, `created_at`
            and
            `updated_at` are read-only: accepted so that a GET body can be sent back (ids must match).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Upstream
    """

    return sync_detailed(
        gateway_id=gateway_id,
        upstream_id=upstream_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    gateway_id: UUID,
    upstream_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: UpstreamWrite,
    if_match: str | Unset = UNSET,
) -> Response[Problem | Upstream]:
    """Replace an upstream, keeping secrets by the merge rules

     Replaces the whole upstream. Targets are matched to stored targets by `id`; a secret sent as `null`
    or
    as the mask keeps the stored value, unless the same request changes where it would be sent. Needs
    the
    `write` scope.

    Args:
        gateway_id (UUID):
        upstream_id (UUID):
        if_match (str | Unset):
        body (UpstreamWrite): An upstream to create or replace. `websocket_config` and `proxy` are
            not both set; `semantic` needs
            `embedding_config` and a `description` on every target. `id`, `gateway_id`, `created_at`
            and
            `updated_at` are read-only: accepted so that a GET body can be sent back (ids must match).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Upstream]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
        upstream_id=upstream_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    gateway_id: UUID,
    upstream_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: UpstreamWrite,
    if_match: str | Unset = UNSET,
) -> Problem | Upstream | None:
    """Replace an upstream, keeping secrets by the merge rules

     Replaces the whole upstream. Targets are matched to stored targets by `id`; a secret sent as `null`
    or
    as the mask keeps the stored value, unless the same request changes where it would be sent. Needs
    the
    `write` scope.

    Args:
        gateway_id (UUID):
        upstream_id (UUID):
        if_match (str | Unset):
        body (UpstreamWrite): An upstream to create or replace. `websocket_config` and `proxy` are
            not both set; `semantic` needs
            `embedding_config` and a `description` on every target. `id`, `gateway_id`, `created_at`
            and
            `updated_at` are read-only: accepted so that a GET body can be sent back (ids must match).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Upstream
    """

    return (
        await asyncio_detailed(
            gateway_id=gateway_id,
            upstream_id=upstream_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
