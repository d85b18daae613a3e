from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._redact import model_repr
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tool_definition import ToolDefinition


T = TypeVar("T", bound="Tool")


@_attrs_define
class Tool:
    id: int
    name: str
    service_id: int
    definition: ToolDefinition
    """ The tool definition, as the model sees it (any JSON object). """
    last_updated: datetime.datetime
    """ An RFC 3339 date-time in UTC. """
    last_updated_by: str
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
        id = self.id

        name = self.name

        service_id = self.service_id

        definition = self.definition.to_dict()

        last_updated = self.last_updated.isoformat()

        last_updated_by = self.last_updated_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "service_id": service_id,
                "definition": definition,
                "last_updated": last_updated,
                "last_updated_by": last_updated_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_definition import ToolDefinition  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        service_id = d.pop("service_id")

        definition = ToolDefinition.from_dict(d.pop("definition"))

        last_updated = datetime.datetime.fromisoformat(d.pop("last_updated"))

        last_updated_by = d.pop("last_updated_by")

        tool = cls(
            id=id,
            name=name,
            service_id=service_id,
            definition=definition,
            last_updated=last_updated,
            last_updated_by=last_updated_by,
        )

        tool.additional_properties = d
        return tool

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
