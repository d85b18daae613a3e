from typing import Any, cast

import httpx

from ..._calls import asend, build, send, unwrap
from ...client import AuthenticatedClient
from ...models.order_by_direction import OrderByDirection
from ...models.problem import Problem
from ...models.tool_list import ToolList
from ...models.tool_property import ToolProperty
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 0,
    limit: int | Unset = 25,
    search_fields: list[ToolProperty] | Unset = UNSET,
    search_field_values: list[str] | Unset = UNSET,
    order_by: ToolProperty | Unset = UNSET,
    order_by_direction: OrderByDirection | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["limit"] = limit

    json_search_fields: list[str] | Unset = UNSET
    if not isinstance(search_fields, Unset):
        json_search_fields = []
        for search_fields_item_data in search_fields:
            search_fields_item: str = search_fields_item_data
            json_search_fields.append(search_fields_item)

    params["search_fields"] = json_search_fields

    json_search_field_values: list[str] | Unset = UNSET
    if not isinstance(search_field_values, Unset):
        json_search_field_values = search_field_values

    params["search_field_values"] = json_search_field_values

    json_order_by: str | Unset = UNSET
    if not isinstance(order_by, Unset):
        json_order_by = order_by

    params["order_by"] = json_order_by

    json_order_by_direction: str | Unset = UNSET
    if not isinstance(order_by_direction, Unset):
        json_order_by_direction = order_by_direction

    params["order_by_direction"] = json_order_by_direction

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/tools/",
        "params": params,
    }

    return _kwargs


def _parse_response(response: httpx.Response) -> Problem | ToolList | None:
    if response.status_code == 200:
        response_200 = ToolList.from_dict(response.json())

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

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    response_default = Problem.from_dict(response.json())

    return response_default


def sync_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 0,
    limit: int | Unset = 25,
    search_fields: list[ToolProperty] | Unset = UNSET,
    search_field_values: list[str] | Unset = UNSET,
    order_by: ToolProperty | Unset = UNSET,
    order_by_direction: OrderByDirection | Unset = UNSET,
) -> Response[Problem | ToolList]:
    """List tools

     A 0-based page of tools. `search_fields` and `search_field_values` go in pairs (case-insensitive
    substring match); `order_by` and `order_by_direction` sort. Needs the `read` scope.

    Args:
        page (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        search_fields (list[ToolProperty] | Unset):
        search_field_values (list[str] | Unset):
        order_by (ToolProperty | Unset): A field of a tool to search or order by.
        order_by_direction (OrderByDirection | Unset):

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Problem | ToolList]
    """

    kwargs = _get_kwargs(
        page=page,
        limit=limit,
        search_fields=search_fields,
        search_field_values=search_field_values,
        order_by=order_by,
        order_by_direction=order_by_direction,
    )
    return build(send(client, kwargs), _parse_response)


def sync(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 0,
    limit: int | Unset = 25,
    search_fields: list[ToolProperty] | Unset = UNSET,
    search_field_values: list[str] | Unset = UNSET,
    order_by: ToolProperty | Unset = UNSET,
    order_by_direction: OrderByDirection | Unset = UNSET,
) -> ToolList:
    """List tools

     A 0-based page of tools. `search_fields` and `search_field_values` go in pairs (case-insensitive
    substring match); `order_by` and `order_by_direction` sort. Needs the `read` scope.

    Args:
        page (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        search_fields (list[ToolProperty] | Unset):
        search_field_values (list[str] | Unset):
        order_by (ToolProperty | Unset): A field of a tool to search or order by.
        order_by_direction (OrderByDirection | Unset):

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        ToolList
    """

    response = sync_detailed(
        client=client,
        page=page,
        limit=limit,
        search_fields=search_fields,
        search_field_values=search_field_values,
        order_by=order_by,
        order_by_direction=order_by_direction,
    )
    return cast(ToolList, unwrap(response))


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 0,
    limit: int | Unset = 25,
    search_fields: list[ToolProperty] | Unset = UNSET,
    search_field_values: list[str] | Unset = UNSET,
    order_by: ToolProperty | Unset = UNSET,
    order_by_direction: OrderByDirection | Unset = UNSET,
) -> Response[Problem | ToolList]:
    """List tools

     A 0-based page of tools. `search_fields` and `search_field_values` go in pairs (case-insensitive
    substring match); `order_by` and `order_by_direction` sort. Needs the `read` scope.

    Args:
        page (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        search_fields (list[ToolProperty] | Unset):
        search_field_values (list[str] | Unset):
        order_by (ToolProperty | Unset): A field of a tool to search or order by.
        order_by_direction (OrderByDirection | Unset):

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Problem | ToolList]
    """

    kwargs = _get_kwargs(
        page=page,
        limit=limit,
        search_fields=search_fields,
        search_field_values=search_field_values,
        order_by=order_by,
        order_by_direction=order_by_direction,
    )
    return build(await asend(client, kwargs), _parse_response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 0,
    limit: int | Unset = 25,
    search_fields: list[ToolProperty] | Unset = UNSET,
    search_field_values: list[str] | Unset = UNSET,
    order_by: ToolProperty | Unset = UNSET,
    order_by_direction: OrderByDirection | Unset = UNSET,
) -> ToolList:
    """List tools

     A 0-based page of tools. `search_fields` and `search_field_values` go in pairs (case-insensitive
    substring match); `order_by` and `order_by_direction` sort. Needs the `read` scope.

    Args:
        page (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        search_fields (list[ToolProperty] | Unset):
        search_field_values (list[str] | Unset):
        order_by (ToolProperty | Unset): A field of a tool to search or order by.
        order_by_direction (OrderByDirection | Unset):

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        ToolList
    """

    response = await asyncio_detailed(
        client=client,
        page=page,
        limit=limit,
        search_fields=search_fields,
        search_field_values=search_field_values,
        order_by=order_by,
        order_by_direction=order_by_direction,
    )
    return cast(ToolList, unwrap(response))
