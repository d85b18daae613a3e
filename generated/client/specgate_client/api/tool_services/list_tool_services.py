from typing import Any, cast

import httpx

from ..._calls import asend, build, send, unwrap
from ...client import AuthenticatedClient
from ...models.order_by_direction import OrderByDirection
from ...models.problem import Problem
from ...models.tool_service_list import ToolServiceList
from ...models.tool_service_property import ToolServiceProperty
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 0,
    limit: int | Unset = 25,
    search_fields: list[ToolServiceProperty] | Unset = UNSET,
    search_field_values: list[str] | Unset = UNSET,
    order_by: ToolServiceProperty | Unset = UNSET,
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
        "url": "/api/v1/services/",
        "params": params,
    }

    return _kwargs


def _parse_response(response: httpx.Response) -> Problem | ToolServiceList | None:
    if response.status_code == 200:
        response_200 = ToolServiceList.from_dict(response.json())

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
    search_fields: list[ToolServiceProperty] | Unset = UNSET,
    search_field_values: list[str] | Unset = UNSET,
    order_by: ToolServiceProperty | Unset = UNSET,
    order_by_direction: OrderByDirection | Unset = UNSET,
) -> Response[Problem | ToolServiceList]:
    """List tool services

     A 0-based page of tool services. `search_fields` and `search_field_values` go in pairs
    (case-insensitive substring match); `order_by` and `order_by_direction` sort. Needs the `read`
    scope.

    Args:
        page (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        search_fields (list[ToolServiceProperty] | Unset):
        search_field_values (list[str] | Unset):
        order_by (ToolServiceProperty | Unset): A field of a tool service to search or order by.
        order_by_direction (OrderByDirection | Unset):

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Problem | ToolServiceList]
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
    search_fields: list[ToolServiceProperty] | Unset = UNSET,
    search_field_values: list[str] | Unset = UNSET,
    order_by: ToolServiceProperty | Unset = UNSET,
    order_by_direction: OrderByDirection | Unset = UNSET,
) -> ToolServiceList:
    """List tool services

     A 0-based page of tool services. `search_fields` and `search_field_values` go in pairs
    (case-insensitive substring match); `order_by` and `order_by_direction` sort. Needs the `read`
    scope.

    Args:
        page (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        search_fields (list[ToolServiceProperty] | Unset):
        search_field_values (list[str] | Unset):
        order_by (ToolServiceProperty | Unset): A field of a tool service to search or order by.
        order_by_direction (OrderByDirection | Unset):

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        ToolServiceList
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
    return cast(ToolServiceList, unwrap(response))


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 0,
    limit: int | Unset = 25,
    search_fields: list[ToolServiceProperty] | Unset = UNSET,
    search_field_values: list[str] | Unset = UNSET,
    order_by: ToolServiceProperty | Unset = UNSET,
    order_by_direction: OrderByDirection | Unset = UNSET,
) -> Response[Problem | ToolServiceList]:
    """List tool services

     A 0-based page of tool services. `search_fields` and `search_field_values` go in pairs
    (case-insensitive substring match); `order_by` and `order_by_direction` sort. Needs the `read`
    scope.

    Args:
        page (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        search_fields (list[ToolServiceProperty] | Unset):
        search_field_values (list[str] | Unset):
        order_by (ToolServiceProperty | Unset): A field of a tool service to search or order by.
        order_by_direction (OrderByDirection | Unset):

    Raises:
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.

    Returns:
        Response[Problem | ToolServiceList]
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
    search_fields: list[ToolServiceProperty] | Unset = UNSET,
    search_field_values: list[str] | Unset = UNSET,
    order_by: ToolServiceProperty | Unset = UNSET,
    order_by_direction: OrderByDirection | Unset = UNSET,
) -> ToolServiceList:
    """List tool services

     A 0-based page of tool services. `search_fields` and `search_field_values` go in pairs
    (case-insensitive substring match); `order_by` and `order_by_direction` sort. Needs the `read`
    scope.

    Args:
        page (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        search_fields (list[ToolServiceProperty] | Unset):
        search_field_values (list[str] | Unset):
        order_by (ToolServiceProperty | Unset): A field of a tool service to search or order by.
        order_by_direction (OrderByDirection | Unset):

    Raises:
        errors.APIStatusError: For an error status (its subclass names it: NotFoundError, ...).
        errors.APIConnectionError: If the server cannot be reached (errors.APITimeoutError: not in time).
        errors.APIResponseValidationError: If a success body does not match the spec.
        errors.LocalRequestError: If a PUT body would remove stored secrets without saying REMOVE.

    Returns:
        ToolServiceList
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
    return cast(ToolServiceList, unwrap(response))
