from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._redact import model_repr
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.gateway_service_endpoint import GatewayServiceEndpoint
    from ..models.gateway_service_upstream import GatewayServiceUpstream


T = TypeVar("T", bound="GatewayServiceList")


@_attrs_define
class GatewayServiceList:
    items: list[GatewayServiceEndpoint | GatewayServiceUpstream]
    total: int
    """ How many items there are in all. """
    offset: int
    limit: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    _etag: str | Unset = _attrs_field(default=UNSET, init=False, repr=False, eq=False)

    @property
    def etag(self) -> str | Unset:
        """The ETag the server answered with this model (pass it as `if_match=`), or UNSET."""
        return self._etag

    def __repr__(self) -> str:
        # Secrets never show; unset fields are left out (specgate_client/_redact.py).
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        from ..models.gateway_service_upstream import GatewayServiceUpstream  # noqa: PLC0415

        items = []
        for items_item_data in self.items:
            items_item: dict[str, Any]
            if isinstance(items_item_data, GatewayServiceUpstream):
                items_item = items_item_data.to_dict()
            else:
                items_item = items_item_data.to_dict()

            items.append(items_item)

        total = self.total

        offset = self.offset

        limit = self.limit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "total": total,
                "offset": offset,
                "limit": limit,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.gateway_service_endpoint import GatewayServiceEndpoint  # noqa: PLC0415
        from ..models.gateway_service_upstream import GatewayServiceUpstream  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:

            def _parse_items_item(data: object) -> GatewayServiceEndpoint | GatewayServiceUpstream:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_gateway_service_type_0 = GatewayServiceUpstream.from_dict(data)

                    return componentsschemas_gateway_service_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_gateway_service_type_1 = GatewayServiceEndpoint.from_dict(data)

                return componentsschemas_gateway_service_type_1

            items_item = _parse_items_item(items_item_data)

            items.append(items_item)

        total = d.pop("total")

        offset = d.pop("offset")

        limit = d.pop("limit")

        gateway_service_list = cls(
            items=items,
            total=total,
            offset=offset,
            limit=limit,
        )

        gateway_service_list.additional_properties = d
        return gateway_service_list

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
