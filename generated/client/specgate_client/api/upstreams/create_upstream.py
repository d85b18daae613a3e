from collections.abc import Mapping
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ..._calls import asend, build, json_body, send, unwrap
from ...client import AuthenticatedClient
from ...models.problem import Problem
from ...models.upstream import Upstream
from ...models.upstream_write import UpstreamWrite
from ...types import Response


def _get_kwargs(
    gateway_id: UUID,
    *,
    body: UpstreamWrite | Mapping[str, Any],
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/gateways/{gateway_id}/upstreams".format(
            gateway_id=quote(str(gateway_id), safe=""),
        ),
    }

    _kwargs["json"] = json_body(body)
    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(response: httpx.Response) -> Problem | Upstream | None:
    if response.status_code == 201:
        response_201 = Upstream.from_dict(response.json())

        return response_201

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
    gateway_id: UUID,
    *,
    client: AuthenticatedClient,
    body: UpstreamWrite | Mapping[str, Any],
) -> Response[Problem | Upstream]:
    """Create an upstream

     Creates an upstream in the gateway. Targets sent without an `id` get one. Secrets are stored
    encrypted
    and answered masked. Needs the `write` scope.

    Args:
        gateway_id (UUID):
        body (UpstreamWrite): An upstream to create or replace. `websocket_config` and `proxy` are
            not both set; `semantic` needs
            `embedding_config` and a `description` on every target. `id`, `gateway_id`, `created_at`
            and
            `updated_at` are read-only: accepted so that a GET body can be sent back (ids must match).

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Problem | Upstream]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
        body=body,
    )
    return build(send(client, kwargs), _parse_response)


def sync(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient,
    body: UpstreamWrite | Mapping[str, Any],
) -> Upstream:
    """Create an upstream

     Creates an upstream in the gateway. Targets sent without an `id` get one. Secrets are stored
    encrypted
    and answered masked. Needs the `write` scope.

    Args:
        gateway_id (UUID):
        body (UpstreamWrite): An upstream to create or replace. `websocket_config` and `proxy` are
            not both set; `semantic` needs
            `embedding_config` and a `description` on every target. `id`, `gateway_id`, `created_at`
            and
            `updated_at` are read-only: accepted so that a GET body can be sent back (ids must match).

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        Upstream
    """

    response = sync_detailed(
        gateway_id=gateway_id,
        client=client,
        body=body,
    )
    return cast(Upstream, unwrap(response))


async def asyncio_detailed(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient,
    body: UpstreamWrite | Mapping[str, Any],
) -> Response[Problem | Upstream]:
    """Create an upstream

     Creates an upstream in the gateway. Targets sent without an `id` get one. Secrets are stored
    encrypted
    and answered masked. Needs the `write` scope.

    Args:
        gateway_id (UUID):
        body (UpstreamWrite): An upstream to create or replace. `websocket_config` and `proxy` are
            not both set; `semantic` needs
            `embedding_config` and a `description` on every target. `id`, `gateway_id`, `created_at`
            and
            `updated_at` are read-only: accepted so that a GET body can be sent back (ids must match).

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Problem | Upstream]
    """

    kwargs = _get_kwargs(
        gateway_id=gateway_id,
        body=body,
    )
    return build(await asend(client, kwargs), _parse_response)


async def asyncio(
    gateway_id: UUID,
    *,
    client: AuthenticatedClient,
    body: UpstreamWrite | Mapping[str, Any],
) -> Upstream:
    """Create an upstream

     Creates an upstream in the gateway. Targets sent without an `id` get one. Secrets are stored
    encrypted
    and answered masked. Needs the `write` scope.

    Args:
        gateway_id (UUID):
        body (UpstreamWrite): An upstream to create or replace. `websocket_config` and `proxy` are
            not both set; `semantic` needs
            `embedding_config` and a `description` on every target. `id`, `gateway_id`, `created_at`
            and
            `updated_at` are read-only: accepted so that a GET body can be sent back (ids must match).

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        Upstream
    """

    response = await asyncio_detailed(
        gateway_id=gateway_id,
        client=client,
        body=body,
    )
    return cast(Upstream, unwrap(response))
