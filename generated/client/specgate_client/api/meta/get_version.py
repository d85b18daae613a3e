from typing import Any, cast

import httpx

from ..._calls import asend, build, send, unwrap
from ...client import AuthenticatedClient, Client
from ...models.version import Version
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/version",
    }

    return _kwargs


def _parse_response(response: httpx.Response) -> Version | None:
    if response.status_code == 200:
        response_200 = Version.from_dict(response.json())

        return response_200

    return None


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Version]:
    """The API and server versions

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Version]
    """

    kwargs = _get_kwargs()
    return build(send(client, kwargs), _parse_response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> Version:
    """The API and server versions

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        Version
    """

    response = sync_detailed(
        client=client,
    )
    return cast(Version, unwrap(response))


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Version]:
    """The API and server versions

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Version]
    """

    kwargs = _get_kwargs()
    return build(await asend(client, kwargs), _parse_response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> Version:
    """The API and server versions

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        Version
    """

    response = await asyncio_detailed(
        client=client,
    )
    return cast(Version, unwrap(response))
